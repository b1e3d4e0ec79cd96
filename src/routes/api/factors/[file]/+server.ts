import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { compressedBody, negotiateEncoding } from '$lib/server/compress';
import { servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The factors blob, named by its sha256: its content never changes, so it is cached for good. */
export const GET: RequestHandler = async ({ params, request }) => {
  const { factors } = await servedPublication(env);
  if (!factors || params.file !== `${factors.sha256}.bin`) error(404, 'no such factors file');
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
    etag: `"${factors.sha256}"`,
    vary: 'Accept-Encoding'
  };
  // the signed size and sha256 are of the blob itself; the browser undoes the encoding before the device checks them
  const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
  const body = encoding === null ? factors.blob : await compressedBody(factors, factors.blob, encoding);
  return new Response(body.slice().buffer, { headers: encoding === null ? headers : { ...headers, 'content-encoding': encoding } });
};
