import { EMPTY_INDEX } from '$lib/llm/deployment';
import type { RequestHandler } from './$types';

/**
 * The deployment's model index when it offers none: a deployment that has run `npm run models`
 * serves static/models/index.json, which the static file server answers before this route. No model
 * on offer is a normal answer (an empty index), not a 404 in the console on every page load.
 */
export const GET: RequestHandler = () =>
  new Response(JSON.stringify(EMPTY_INDEX), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' } });
