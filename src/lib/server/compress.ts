/**
 * Compressed answers for the published documents (the catalogue, the factors): a 20,000-product
 * catalogue is ~9 MB of JSON and ~1 MB compressed. Done in the route, not in a proxy or in
 * scripts/serve.js, so `vite dev`, `npm start` and any deployment serve the same bytes. The signature
 * covers the canonical JSON inside, so compression changes nothing the device verifies.
 *
 * Each document is compressed once per encoding (node:zlib, off the event loop) and kept with it:
 * published documents change only when re-signed, and a new one is a new object.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * The encoding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): brotli when accepted, then
 * gzip; q=0 refuses one; `*` accepts either. null: send the body as it is.
 */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepted = (e: Encoding): boolean => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (accepted('br')) return 'br';
  if (accepted('gzip')) return 'gzip';
  return null;
}

const cache = new WeakMap<object, Map<Encoding, Promise<Uint8Array>>>();

/** `body` compressed with `encoding`, computed once for `owner` (the published document). */
export function compressedBody(owner: object, body: string | Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  let forOwner = cache.get(owner);
  if (!forOwner) {
    forOwner = new Map();
    cache.set(owner, forOwner);
  }
  let pending = forOwner.get(encoding);
  if (!pending) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // brotli quality 9 and gzip level 9: within a second or two for 9 MB, once per document
    pending = (
      encoding === 'br'
        ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } })
        : gz(bytes, { level: 9 })
    ).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    pending.catch(() => forOwner.delete(encoding));
    forOwner.set(encoding, pending);
  }
  return pending;
}
