import { bundledModels } from '$lib/server/bundled-models';
import type { RequestHandler } from './$types';

/**
 * The deployment's model index, when it has not written its own with `npm run models` (that file,
 * static/models/index.json, is answered by the static file server before this route): the models
 * committed to the repository whose files check out — bge-small-zh-v1.5 on a fresh clone — or an
 * empty index (a normal answer, not a 404 in the console on every page load).
 */
export const GET: RequestHandler = () =>
  new Response(JSON.stringify(bundledModels().index), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' } });
