import { env } from '$env/dynamic/private';
import { conditional, servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** {"roots":[envelope…]}: every root from the oldest kept, so a device can walk rotations in order. */
export const GET: RequestHandler = async ({ request }) => conditional(request, (await servedPublication(env)).roots, 'no-cache');
