/**
 * The real server sends the signed documents compressed when the client accepts it, and what
 * arrives, once inflated, is the document that verifies against the root the server publishes.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { trustRoot } from '../../src/lib/signing/index';
import { verifyEnvelope } from '../../src/lib/documents';

const baseURL = inject('baseURL');

/** The body exactly as it travels (Node's http does not inflate). */
function raw(path: string, acceptEncoding: string): Promise<{ status: number; encoding: string | null; vary: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseURL}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
          vary: (res.headers['vary'] as string | undefined) ?? null,
          body: Buffer.concat(chunks)
        })
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressed responses', () => {
  it('/api/catalogue and /api/factors come brotli or gzip as accepted, and inflate to documents that verify', async () => {
    const roots = JSON.parse((await raw('/api/root', 'identity')).body.toString('utf8')) as { roots: unknown[] };
    const now = new Date();
    const root = await trustRoot(JSON.stringify(roots.roots[0]), { now });
    if (!root.ok) throw new Error(root.error);
    const plain = await raw('/api/catalogue', 'identity');
    expect(plain.encoding).toBeNull();
    for (const [accept, want, inflate] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync]
    ] as const) {
      const cat = await raw('/api/catalogue', accept);
      expect(cat.status).toBe(200);
      expect(cat.encoding, accept).toBe(want);
      expect(cat.vary).toMatch(/accept-encoding/i);
      expect(cat.body.byteLength).toBeLessThan(plain.body.byteLength / 4);
      const text = inflate(cat.body).toString('utf8');
      expect(text).toBe(plain.body.toString('utf8'));
      const verified = await verifyEnvelope(text, { root: root.root, type: 'catalogue', now });
      if (!verified.ok) throw new Error(verified.error);
      const factors = await raw('/api/factors', accept);
      expect(factors.encoding).toBe(want);
      expect(
        (await verifyEnvelope(inflate(factors.body).toString('utf8'), { root: root.root, type: 'factors', now, catalogueVersion: verified.version })).ok
      ).toBe(true);
    }
  });
});
