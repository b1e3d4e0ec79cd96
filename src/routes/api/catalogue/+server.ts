import { env } from '$env/dynamic/private';
import { conditional, servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The signed catalogue envelope; revalidated on every use (ETag), since it changes in place. */
export const GET: RequestHandler = async ({ request }) => conditional(request, (await servedPublication(env)).catalogue, 'no-cache');
