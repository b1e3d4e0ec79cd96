import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalogue } from '../../src/lib/client/catalogue-sync';
import { getCachedCatalogue, openCandorDb, type CandorDB } from '../../src/lib/client/db';
import { generateKeyPair } from '../../src/lib/signing/index';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';
import { EXPIRES, ISSUED, testTrust, type TestTrust } from '../fixtures/signing/trust';

const fixture = fixtureCatalogue();

let db: CandorDB;
let n = 0;
let trust: TestTrust;
const T1 = new Date('2026-11-03T08:00:00Z');
const T2 = new Date('2026-11-10T08:00:00Z');

function serving(body: string, status = 200): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
const unreachable: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};
const catalogue = (version: number, expiresAt = EXPIRES) => ({ _type: 'catalogue', version, issuedAt: ISSUED, expiresAt, products: fixture });

beforeAll(async () => {
  trust = await testTrust();
});

afterEach(async () => {
  await db?.delete();
});

async function fresh(): Promise<CandorDB> {
  db = openCandorDb(`sync-test-${n++}`);
  await db.open();
  return db;
}
const trusted = () => ({ ok: true as const, root: trust.root });

describe('syncCatalogue', () => {
  it('stores a verified catalogue as the last good copy', async () => {
    await fresh();
    const got = await syncCatalogue(db, serving(await trust.sign(catalogue(3))), T1, trusted());
    expect(got.status).toEqual({ state: 'fresh', version: 3, fetchedAt: T1.toISOString() });
    expect(got.catalogue?.products).toHaveLength(fixture.length);
    expect((await getCachedCatalogue(db))?.version).toBe(3);
  });

  it('refuses each bad document with its own reason and keeps the last good copy', async () => {
    await fresh();
    const good = await trust.sign(catalogue(3));
    await syncCatalogue(db, serving(good), T1, trusted());
    const stranger = await generateKeyPair();
    const tampered = good.replace(`"riskLevel":${fixture[0]!.riskLevel}`, `"riskLevel":${fixture[0]!.riskLevel === 1 ? 2 : 1}`);
    expect(tampered).not.toBe(good);
    const cases: [string, string][] = [
      [tampered, 'bad_signature'],
      [await trust.sign(catalogue(4), [stranger]), 'unknown_key'],
      [await trust.sign(catalogue(2)), 'rollback'],
      [await trust.sign(catalogue(5, '2026-11-05T00:00:00Z')), 'expired'],
      [good.slice(0, good.length / 2), 'truncated'],
      ['not json', 'not_json'],
      [JSON.stringify({ version: 4, products: fixture }), 'bad_shape']
    ];
    for (const [body, code] of cases) {
      const got = await syncCatalogue(db, serving(body), T2, trusted());
      expect(got.status.state).toBe('invalid');
      if (got.status.state === 'invalid') expect(got.status.error.startsWith(code)).toBe(true);
      expect(got.status).toMatchObject({ version: 3, fetchedAt: T1.toISOString() });
      expect(got.catalogue?.products).toHaveLength(fixture.length);
    }
    expect((await getCachedCatalogue(db))?.version).toBe(3);
  });

  it('says "offline" with the cached copy when the network fails or the server errs', async () => {
    await fresh();
    await syncCatalogue(db, serving(await trust.sign(catalogue(1))), T1, trusted());
    for (const f of [unreachable, serving('oops', 503)]) {
      const got = await syncCatalogue(db, f, T2, trusted());
      expect(got.status).toMatchObject({ state: 'offline', version: 1, fetchedAt: T1.toISOString() });
      expect(got.catalogue?.products).toHaveLength(fixture.length);
    }
  });

  it('uses nothing from the server when there is no trusted root', async () => {
    await fresh();
    const got = await syncCatalogue(db, serving(await trust.sign(catalogue(1))), T1, { ok: false, error: 'no root' });
    expect(got.catalogue).toBeNull();
    expect(got.status).toEqual({ state: 'none', error: 'no root' });
  });

  it('says "none" when there is neither a network copy nor a cached one', async () => {
    await fresh();
    const got = await syncCatalogue(db, unreachable, T1, trusted());
    expect(got.catalogue).toBeNull();
    expect(got.status.state).toBe('none');
  });
});
