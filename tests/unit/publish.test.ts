import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { negotiateEncoding } from '../../src/lib/server/compress';
import { conditional, publication } from '../../src/lib/server/publish';
import { trustRoot } from '../../src/lib/signing/index';
import { verifyBlob, verifyEnvelope, verifyFactorsBlob } from '../../src/lib/documents';

const keys = mkdtempSync(join(tmpdir(), 'candor-keys-'));
afterAll(() => rmSync(keys, { recursive: true, force: true }));

describe('what the server publishes', () => {
  it('makes no document it cannot verify: root chain, signed demo catalogue and factors, ETags', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', 'generate', '--out', keys, '--force']);
    const pub = await publication({ CANDOR_KEYS: keys });
    const { roots } = JSON.parse(pub.roots.body) as { roots: unknown[] };
    expect(roots).toHaveLength(1);
    const now = new Date();
    const root = await trustRoot(JSON.stringify(roots[0]), { now });
    if (!root.ok) throw new Error(root.error);
    const cat = await verifyEnvelope(pub.catalogue.body, { root: root.root, type: 'catalogue', now });
    expect(cat.ok && cat.signed.products.length).toBeGreaterThanOrEqual(300);
    expect(pub.factors).not.toBeNull();
    const f = await verifyEnvelope(pub.factors!.manifest.body, { root: root.root, type: 'factors', now, catalogueVersion: cat.ok ? cat.version : -1 });
    if (!f.ok) throw new Error(f.error);
    expect((await verifyFactorsBlob(f.signed, pub.factors!.blob)).ok).toBe(true);
    // the demo catalogue's product vectors (bge-small-zh-v1.5, models/vectors/demo), signed for its version
    expect(pub.vectorsRefused).toBeNull();
    const v = await verifyEnvelope(pub.vectors!.manifest.body, { root: root.root, type: 'vectors', now, catalogueVersion: cat.ok ? cat.version : -1 });
    if (!v.ok) throw new Error(v.error);
    expect([v.signed.manifest.model, v.signed.manifest.dims, v.signed.manifest.itemIds.length]).toEqual(['bge-small-zh-v1.5', 512, 320]);
    expect((await verifyBlob(v.signed.manifest, pub.vectors!.blob)).ok).toBe(true);

    const fresh = await conditional(new Request('http://x/api/catalogue'), pub.catalogue, 'no-cache');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-encoding')).toBeNull();
    const again = await conditional(new Request('http://x/api/catalogue', { headers: { 'if-none-match': pub.catalogue.etag } }), pub.catalogue, 'no-cache');
    expect(again.status).toBe(304);

    // compressed as the client accepts, and what arrives is the document that verifies
    for (const [accept, want, inflate] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
      ['*', 'br', brotliDecompressSync]
    ] as const) {
      const res = await conditional(new Request('http://x/api/catalogue', { headers: { 'accept-encoding': accept } }), pub.catalogue, 'no-cache');
      expect(res.headers.get('content-encoding'), accept).toBe(want);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('etag')).toBe(pub.catalogue.etag);
      const wire = new Uint8Array(await res.arrayBuffer());
      expect(wire.byteLength).toBeLessThan(pub.catalogue.body.length / 3);
      const text = inflate(wire).toString('utf8');
      expect(text).toBe(pub.catalogue.body);
      expect((await verifyEnvelope(text, { root: root.root, type: 'catalogue', now })).ok).toBe(true);
    }
    const identity = await conditional(
      new Request('http://x/api/factors', { headers: { 'accept-encoding': 'identity, gzip;q=0, br;q=0' } }),
      pub.factors!.manifest,
      'no-cache'
    );
    expect(identity.headers.get('content-encoding')).toBeNull();
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip; q=0 refuses; nothing accepted means the plain body', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*;q=0')).toBeNull();
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding('deflate')).toBeNull();
    expect(negotiateEncoding(null)).toBeNull();
  });

  it('publishes no vectors that do not fit: devices then embed the catalogue themselves', async () => {
    const later = Date.now() + 2 * 86_400_000; // past the day a publication is kept
    const pub = await publication({ CANDOR_KEYS: keys, CANDOR_VECTORS: join(keys, 'no-such-dir') }, later);
    expect(pub.vectors).toBeNull();
    expect(pub.vectorsRefused).toMatch(/not published \(devices embed the catalogue themselves\)/);
    expect(pub.catalogue.body.length).toBeGreaterThan(0);
  });
});
