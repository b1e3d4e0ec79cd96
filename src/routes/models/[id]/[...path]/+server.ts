import { error } from '@sveltejs/kit';
import { bundledFile } from '$lib/server/bundled-models';
import type { RequestHandler } from './$types';

/**
 * A file of a model committed to the repository, straight from models/bundled/ (checked against the
 * registry's sha256 at first use), so the build never copies the 24 MB. Only the files the registry
 * lists are served; the ETag is their sha256, and Content-Length lets the loader show progress.
 */
export const GET: RequestHandler = ({ params, request }) => {
  const file = bundledFile(`${params.id}/${params.path}`);
  if (!file) error(404, 'no such model file');
  const headers = {
    'content-type': params.path.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream',
    'content-length': String(file.bytes.length),
    etag: `"${file.sha256}"`,
    // the bytes are pinned by the registry, but a new release may pin others under the same name
    'cache-control': 'no-cache'
  };
  if (request.headers.get('if-none-match') === headers.etag)
    return new Response(null, { status: 304, headers: { etag: headers.etag, 'cache-control': headers['cache-control'] } });
  return new Response(file.bytes, { headers });
};
