import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The factors blob, named by its sha256: its content never changes, so it is cached for good. */
export const GET: RequestHandler = async ({ params }) => {
  const { factors } = await servedPublication(env);
  if (!factors || params.file !== `${factors.sha256}.bin`) error(404, 'no such factors file');
  return new Response(factors.blob.slice().buffer, {
    headers: {
      'content-type': 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${factors.sha256}"`
    }
  });
};
