import { env } from '$env/dynamic/private';
import { publishedCatalogue } from '$lib/server/catalogue';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request }) => {
  const { body, etag } = publishedCatalogue(env.CANDOR_CATALOGUE);
  const headers = { etag, 'cache-control': 'no-cache', 'content-type': 'application/json; charset=utf-8' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
};
