import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalogue } from '../../src/lib/client/catalogue-sync';
import { openCandorDb, setSetting, type CandorDB } from '../../src/lib/client/db';
import { trustedRoot } from '../../src/lib/client/trust';
import { generateKeyPair, type KeyPair } from '../../src/lib/signing/index';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';
import { EXPIRES, ISSUED, makeRoot, testTrust, type TestTrust } from '../fixtures/signing/trust';

const T = new Date('2026-11-03T08:00:00Z');
const products = fixtureCatalogue();

let trust: TestTrust;
let k2: KeyPair;
let k3: KeyPair;
let v2: string;
let v3: string;
let db: CandorDB;
let n = 0;

beforeAll(async () => {
  trust = await testTrust();
  k2 = await generateKeyPair();
  k3 = await generateKeyPair();
  v2 = await makeRoot(2, k2, [trust.key, k2]);
  v3 = await makeRoot(3, k3, [k2, k3]);
});
afterEach(async () => {
  await db?.delete();
});
async function fresh(): Promise<CandorDB> {
  db = openCandorDb(`trust-test-${n++}`);
  await db.open();
  return db;
}

const offering =
  (roots: string[]): typeof fetch =>
  async () =>
    new Response(JSON.stringify({ roots: roots.map((r) => JSON.parse(r) as unknown) }));
const offline: typeof fetch = async () => Promise.reject(new TypeError('Failed to fetch'));
const rootVersion = async (f: typeof fetch) => {
  const r = await trustedRoot(db, f, T, trust.rootEnvelope);
  return r.ok ? r.root.version : r.error;
};
/** a catalogue endpoint serving `text` */
const serving =
  (text: string): typeof fetch =>
  async () =>
    new Response(text);
const catalogueBy = (key: KeyPair, version: number) => trust.sign({ _type: 'catalogue', version, issuedAt: ISSUED, expiresAt: EXPIRES, products }, [key]);

describe('the root of trust only moves forward', () => {
  it('after k1 → k2 is accepted, {"roots":[v1]} and {"roots":[]} leave v2 (and k2) in force', async () => {
    await fresh();
    expect(await rootVersion(offering([trust.rootEnvelope, v2]))).toBe(2);
    for (const rollback of [offering([trust.rootEnvelope]), offering([])]) {
      const root = await trustedRoot(db, rollback, T, trust.rootEnvelope);
      expect(root.ok && root.root.version).toBe(2);
      // a catalogue signed by the retired key is refused; the real one (k2) is accepted
      const retired = await syncCatalogue(db, serving(await catalogueBy(trust.key, 9)), T, root);
      expect(retired.status.state).not.toBe('fresh');
      expect(retired.status).toMatchObject({ error: expect.stringMatching(/^unknown_key/) });
      const real = await syncCatalogue(db, serving(await catalogueBy(k2, 5)), T, root);
      expect(real.status).toMatchObject({ state: 'fresh', version: 5 });
    }
    // and nothing was forgotten: offline, the kept chain still stands
    expect(await rootVersion(offline)).toBe(2);
  });

  it('extends the kept chain from its last root, even when the offer leaves out roots already kept', async () => {
    await fresh();
    expect(await rootVersion(offering([v2]))).toBe(2);
    expect(await rootVersion(offering([v3]))).toBe(3);
    expect(await rootVersion(offering([trust.rootEnvelope]))).toBe(3);
    expect(await rootVersion(offline)).toBe(3);
  });

  it('does not let an offered fork replace the kept chain', async () => {
    await fresh();
    expect(await rootVersion(offering([v2]))).toBe(2);
    // another v2, properly signed by k1 and a key k4: the device already moved to the first v2
    const k4 = await generateKeyPair();
    const fork = await makeRoot(2, k4, [trust.key, k4]);
    const root = await trustedRoot(db, offering([fork]), T, trust.rootEnvelope);
    expect(root.ok && Object.keys(root.root.keys)).toEqual([k2.keyId]);
  });

  it('takes the steps that verify and stops at the first that does not', async () => {
    await fresh();
    const k5 = await generateKeyPair();
    const bad = await makeRoot(4, k5, [k5]); // lacks v3's root key (k3)
    expect(await rootVersion(offering([v2, v3, bad]))).toBe(3);
    expect(await rootVersion(offline)).toBe(3);
  });

  it('fails closed when the kept chain is unreadable or no longer verifies', async () => {
    await fresh();
    await setSetting(db, 'rootChain', 'not a list');
    expect(await rootVersion(offering([]))).toMatch(/unreadable/);
    await setSetting(db, 'rootChain', [v3]); // v3 does not follow v1
    expect(await rootVersion(offering([]))).toMatch(/no longer verifies/);
  });
});
