import { env } from '$env/dynamic/private';
import { conditional, publication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The signed catalogue envelope; revalidated on every use (ETag), since it changes in place. */
export const GET: RequestHandler = async ({ request }) => conditional(request, (await publication(env)).catalogue, 'no-cache');
