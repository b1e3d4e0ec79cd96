import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The product-vectors blob, named by its sha256: its content never changes, so it is cached for good. */
export const GET: RequestHandler = async ({ params }) => {
  const { vectors } = await servedPublication(env);
  if (!vectors || params.file !== `${vectors.sha256}.bin`) error(404, 'no such vectors file');
  return new Response(vectors.blob.slice().buffer, {
    headers: {
      'content-type': 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${vectors.sha256}"`
    }
  });
};
