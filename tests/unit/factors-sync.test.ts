import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { acceptFactors } from '../../src/lib/cf/accept';
import { serializeFactors } from '../../src/lib/cf/artifact';
import { fitEase } from '../../src/lib/cf/ease';
import { gramFromArrays } from '../../src/lib/cf/gram';
import { syncFactors } from '../../src/lib/client/factors-sync';
import { trustedRoot } from '../../src/lib/client/trust';
import { recommend } from '../../src/lib/engine/index';
import { generateKeyPair, type KeyPair } from '../../src/lib/signing/index';
import { ev, fixtureCatalogue, NOW } from '../fixtures/engine/fixtures';
import { sha256Hex as sha, signedArtifacts } from '../fixtures/signing/signed-artifacts';
import { EXPIRES, ISSUED, makeRoot } from '../fixtures/signing/trust';

const products = fixtureCatalogue();
const ids = products.map((p) => p.id);
const catalogue = { version: 7, products };
const T = new Date('2026-11-03T08:00:00Z');

// EASE on a small hand-made history over the fixture catalogue: item i co-chosen with i+1
const X = Array.from({ length: 24 }, (_, u) => ids.map((_, i) => (i === u % ids.length || i === (u + 1) % ids.length ? 1 : 0)));
const G = ids.map((_, i) => ids.map((_, j) => X.reduce((sum, row) => sum + row[i]! * row[j]!, 0)));
const model = fitEase(gramFromArrays(ids, G), 1);
const artifact = serializeFactors(model, { catalogueVersion: 7, created: ISSUED, sha256: sha });

const signed = signedArtifacts('factors');
const { fresh, envelope, server, root } = signed;

describe('acceptFactors refuses a bad artifact with a clear error', () => {
  const ref = { version: 7, productIds: new Set(ids) };
  it('accepts the good one', () => {
    expect(acceptFactors(artifact.manifest, artifact.blob, ref).ok).toBe(true);
  });
  it('wrong length', () => {
    const r = acceptFactors(artifact.manifest, artifact.blob.slice(0, -2), ref);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('bytes, manifest says') });
  });
  it('NaN', () => {
    const blob = artifact.blob.slice();
    new DataView(blob.buffer).setUint16(2, 0x7e00, true); // a float16 NaN
    expect(acceptFactors(artifact.manifest, blob, ref)).toEqual({ ok: false, error: 'factors: value 1 is not a finite number' });
  });
  it('item ids not in the catalogue', () => {
    const r = acceptFactors(artifact.manifest, artifact.blob, { version: 7, productIds: new Set(ids.slice(1)) });
    expect(r).toEqual({ ok: false, error: `factors: 1 item id(s) not in the catalogue, e.g. "${ids[0]}"` });
  });
  it('a stale catalogue version', () => {
    const r = acceptFactors(artifact.manifest, artifact.blob, { ...ref, version: 8 });
    expect(r).toEqual({ ok: false, error: 'factors: trained for catalogue v7, but the catalogue in use is v8' });
  });
});

describe('syncFactors', () => {
  const favourite = [ev('favorite', ids[0]!, 1)];

  it('loads verified factors, and the engine gives the CF reason', async () => {
    const db = await fresh();
    const got = await syncFactors(db, server(await envelope(artifact.manifest), artifact.blob), T, root(), catalogue);
    expect(got.status).toEqual({ state: 'fresh', version: 1, algo: 'ease' });
    const recs = recommend({ products, profile: { riskLevel: 5, age: 40, annualIncome: 500_000 }, events: favourite, now: NOW, k: 10, cf: got.model! });
    expect(recs.some((r) => r.signals.cf > 0)).toBe(true);
  });

  it('falls back to the last good factors when the new blob is bad, and to none when nothing fits', async () => {
    const db = await fresh();
    await syncFactors(db, server(await envelope(artifact.manifest), artifact.blob), T, root(), catalogue);
    const corrupt = artifact.blob.slice();
    corrupt[0] = corrupt[0]! ^ 1;
    // the manifest promises one sha256, the server sends other bytes under that name
    const bad = await syncFactors(db, server(await envelope(artifact.manifest, 2), corrupt, artifact.manifest.sha256), T, root(), catalogue);
    expect(bad.status).toEqual({ state: 'cached', version: 1, algo: 'ease', refused: expect.stringMatching(/^sha256_mismatch/) });
    // a new catalogue version: the stored factors no longer fit, and the engine runs without CF
    const none = await syncFactors(db, server('{}', artifact.blob), T, root(), { version: 8, products });
    expect(none.model).toBeNull();
    expect(none.status.state).toBe('refused'); // '{}' is not an envelope
    const withNone = recommend({ products, profile: { riskLevel: 5 }, events: favourite, now: NOW, k: 10 });
    expect(withNone.length).toBeGreaterThan(0);
    expect(withNone.every((r) => r.signals.cf === 0)).toBe(true);
  });

  it('refuses factors signed by a key the root does not know', async () => {
    const db = await fresh();
    const stranger = await generateKeyPair();
    const text = await signed.trust.sign({ _type: 'factors', version: 1, issuedAt: ISSUED, expiresAt: EXPIRES, manifest: artifact.manifest }, [stranger]);
    const got = await syncFactors(db, server(text, artifact.blob), T, root(), catalogue);
    expect(got.status).toEqual({ state: 'refused', error: expect.stringMatching(/^unknown_key/) });
  });
});

describe('trustedRoot follows rotations', () => {
  let next: KeyPair;
  const rootsServer =
    (roots: string[]): typeof fetch =>
    async () =>
      new Response(JSON.stringify({ roots: roots.map((r) => JSON.parse(r)) }));

  it('accepts root 2 signed by the old and the new key, keeps it offline, and ignores an improper one', async () => {
    const db = await fresh();
    next = await generateKeyPair();
    const v2 = await makeRoot(2, next, [signed.trust.key, next]);
    const got = await trustedRoot(db, rootsServer([signed.trust.rootEnvelope, v2]), T, signed.trust.rootEnvelope);
    expect(got.ok && got.root.version).toBe(2);
    const offline = await trustedRoot(db, async () => Promise.reject(new TypeError('offline')), T, signed.trust.rootEnvelope);
    expect(offline.ok && offline.root.version).toBe(2);
    // v4 skips v3; a v3 signed only by the new key lacks the old key's signature: both ignored
    const third = await generateKeyPair();
    for (const bad of [await makeRoot(4, third, [next, third]), await makeRoot(3, third, [third])]) {
      const r = await trustedRoot(db, rootsServer([v2, bad]), T, signed.trust.rootEnvelope);
      expect(r.ok && r.root.version).toBe(2);
    }
  });
});
