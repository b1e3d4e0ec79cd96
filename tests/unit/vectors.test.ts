import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { cachedVectors, keepDeviceVectors, syncVectors } from '../../src/lib/client/vectors-sync';
import { acceptVectors, decodeVectors, serializeVectors, type VectorModelRef } from '../../src/lib/llm/vectors';
import { verifyBlob, verifyEnvelope } from '../../src/lib/documents';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';
import { sha256Hex as sha, signedArtifacts } from '../fixtures/signing/signed-artifacts';
import { ISSUED } from '../fixtures/signing/trust';

/**
 * Product vectors as the server publishes them and the device accepts them: signed like the factors
 * (by the factors key), bound to the catalogue version and to the model that made them.
 */

const products = fixtureCatalogue();
const ids = products.map((p) => p.id);
const catalogue = { version: 7, products };
const T = new Date('2026-11-03T08:00:00Z');
const DIMS = 8;
const model: VectorModelRef = { id: 'test-embed', dims: DIMS, weightsSha256: 'a'.repeat(64), pooling: 'cls' };

/** unit vectors, one per product: a 1 in a product's own coordinate (mod DIMS) plus a little of the next */
function unitRows(n: number, dims = DIMS): Float32Array {
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    out[i * dims + (i % dims)] = 0.8;
    out[i * dims + ((i + 1) % dims)] = 0.6;
  }
  return out;
}
const made = (over: Partial<VectorModelRef> = {}, version = 7, n = ids.length) =>
  serializeVectors({ ids: ids.slice(0, n), dims: over.dims ?? DIMS, data: unitRows(n, over.dims ?? DIMS) }, { ...model, ...over }, version, ISSUED, sha);
const good = made();

const signed = signedArtifacts('vectors');
const { fresh, envelope, server, root } = signed;

describe('the vectors artifact', () => {
  const ref = { version: 7, productIds: ids };
  it('round-trips through float16 to within 1e-3, and is accepted for its catalogue and model', () => {
    const r = acceptVectors(good.manifest, good.blob, ref, model);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.ids).toEqual(ids);
    const back = decodeVectors(good.blob);
    unitRows(ids.length).forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThan(1e-3));
  });
  it('refuses another catalogue version', () => {
    expect(acceptVectors(good.manifest, good.blob, { ...ref, version: 8 }, model)).toEqual({
      ok: false,
      error: 'vectors: made for catalogue v7, but the catalogue in use is v8'
    });
  });
  it('refuses the wrong dimension', () => {
    const other = made({ dims: 4 });
    const r = acceptVectors(other.manifest, other.blob, ref, model);
    expect(r).toEqual({ ok: false, error: 'vectors: 4 dimensions, but test-embed makes 8' });
  });
  it('refuses another model (or other weights under its name)', () => {
    expect(acceptVectors(good.manifest, good.blob, ref, { ...model, weightsSha256: 'b'.repeat(64) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('made by test-embed')
    });
    expect(acceptVectors(good.manifest, good.blob, ref, { ...model, pooling: 'mean' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('cls pooling')
    });
  });
  it('refuses a product list that is not the catalogue', () => {
    const short = made({}, 7, ids.length - 1);
    expect(acceptVectors(short.manifest, short.blob, ref, model)).toMatchObject({ ok: false, error: expect.stringContaining('1 product(s) without a vector') });
  });
  it('refuses NaN, rows that are not unit length, and a blob of the wrong length', () => {
    const nan = good.blob.slice();
    new DataView(nan.buffer).setUint16(0, 0x7e00, true);
    expect(acceptVectors(good.manifest, nan, ref, model)).toMatchObject({ ok: false, error: expect.stringContaining('not finite') });
    const long = serializeVectors({ ids, dims: DIMS, data: unitRows(ids.length).map((x) => x * 2) }, model, 7, ISSUED, sha);
    expect(acceptVectors(long.manifest, long.blob, ref, model)).toMatchObject({ ok: false, error: expect.stringContaining('not unit length') });
    expect(acceptVectors(good.manifest, good.blob.slice(0, -2), ref, model)).toMatchObject({ ok: false, error: expect.stringContaining('the blob is') });
  });
});

describe('signed vectors, verified as the factors are', () => {
  it('a vectors envelope verifies with the factors role, for its catalogue version only', async () => {
    const text = await envelope(good.manifest);
    const ok = await verifyEnvelope(text, { root: signed.trust.root, type: 'vectors', now: T, catalogueVersion: 7 });
    expect(ok.ok).toBe(true);
    const other = await verifyEnvelope(text, { root: signed.trust.root, type: 'vectors', now: T, catalogueVersion: 8 });
    expect(other).toMatchObject({ ok: false, code: 'catalogue_version_mismatch' });
  });
  it('a changed manifest no longer verifies', async () => {
    const text = await envelope(good.manifest);
    const tampered = text.replace('"catalogueVersion":7', '"catalogueVersion":8');
    expect(tampered).not.toBe(text);
    expect(await verifyEnvelope(tampered, { root: signed.trust.root, type: 'vectors', now: T, catalogueVersion: 8 })).toMatchObject({
      ok: false,
      code: 'bad_signature'
    });
  });
  it('a blob that is not the one signed is refused by size or sha256', async () => {
    const blob = good.blob.slice();
    blob[3] = blob[3]! ^ 1;
    expect(await verifyBlob(good.manifest, blob)).toMatchObject({ ok: false, code: 'sha256_mismatch' });
    expect(await verifyBlob(good.manifest, blob.slice(0, 10))).toMatchObject({ ok: false, code: 'blob_size_mismatch' });
  });
});

describe('syncVectors on the device', () => {
  it('accepts verified vectors, keeps them, and uses the kept copy without asking again', async () => {
    const db = await fresh();
    const got = await syncVectors(db, server(await envelope(good.manifest), good.blob), T, root(), catalogue, model);
    expect(got.status).toEqual({ state: 'published', version: 1 });
    expect(got.vectors?.ids).toEqual(ids);
    const offline: typeof fetch = async () => {
      throw new TypeError('offline');
    };
    const again = await syncVectors(db, offline, T, root(), catalogue, model);
    expect(again.status).toEqual({ state: 'published', version: 1 });
  });

  it('refuses tampered vectors: a blob other than the signed one', async () => {
    const db = await fresh();
    const blob = good.blob.slice();
    blob[0] = blob[0]! ^ 1;
    const got = await syncVectors(db, server(await envelope(good.manifest), blob, good.manifest.sha256), T, root(), catalogue, model);
    expect(got).toEqual({ vectors: null, status: { state: 'none', error: expect.stringContaining('sha256_mismatch'), refused: true } });
    expect(await cachedVectors(db, catalogue, model)).toBeNull();
  });

  it('refuses a manifest changed after signing', async () => {
    const db = await fresh();
    const text = (await envelope(good.manifest)).replace('"pooling":"cls"', '"pooling":"mean"');
    const got = await syncVectors(db, server(text, good.blob), T, root(), catalogue, model);
    expect(got.status).toMatchObject({ state: 'none', refused: true, error: expect.stringContaining('bad_signature') });
  });

  it('refuses vectors for another catalogue version', async () => {
    const db = await fresh();
    const old = made({}, 6);
    const got = await syncVectors(db, server(await envelope(old.manifest), old.blob), T, root(), catalogue, model);
    expect(got.status).toMatchObject({ state: 'none', refused: true, error: expect.stringContaining('catalogue_version_mismatch') });
  });

  it('refuses vectors of the wrong dimension, signed or not', async () => {
    const db = await fresh();
    const wide = made({ dims: 16 });
    const got = await syncVectors(db, server(await envelope(wide.manifest), wide.blob), T, root(), catalogue, model);
    expect(got.status).toEqual({ state: 'none', refused: true, error: 'vectors: 16 dimensions, but test-embed makes 8' });
  });

  it('no vectors published: none, not refused; vectors made on the device are kept for this catalogue and model only', async () => {
    const db = await fresh();
    const notPublished: typeof fetch = async () => new Response('no product vectors are published for this catalogue', { status: 404 });
    const none = await syncVectors(db, notPublished, T, root(), catalogue, model);
    expect(none.status).toMatchObject({ state: 'none', refused: false });
    await keepDeviceVectors(db, catalogue, model, { ids, dims: DIMS, data: unitRows(ids.length) });
    expect((await cachedVectors(db, catalogue, model))?.status).toEqual({ state: 'device' });
    expect(await cachedVectors(db, { ...catalogue, version: 8 }, model)).toBeNull();
    expect(await cachedVectors(db, catalogue, { ...model, id: 'other' })).toBeNull();
    expect(await cachedVectors(db, { ...catalogue, products: products.slice(1) }, model)).toBeNull();
  });
});
