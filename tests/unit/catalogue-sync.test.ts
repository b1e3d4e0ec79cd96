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

  it('an unchanged catalogue (304 to its ETag) is used as kept: not downloaded, parsed or verified again; a new root or a lapsed copy is fetched whole', async () => {
    await fresh();
    const body = await trust.sign(catalogue(3, '2026-11-20T00:00:00Z'));
    const asked: (string | null)[] = [];
    // the server's side of the exchange: a 304 to the ETag it gave, the document otherwise
    const server: typeof fetch = async (_url, init) => {
      const inm = new Headers(init?.headers).get('if-none-match');
      asked.push(inm);
      if (inm === '"v3"') return new Response(null, { status: 304, headers: { etag: '"v3"' } });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json', etag: '"v3"' } });
    };
    const first = await syncCatalogue(db, server, T1, trusted());
    expect(first.unchanged).toBeUndefined();
    expect(first.status).toMatchObject({ state: 'fresh', version: 3 });
    // what the page shows is passed in; a tampered copy of it would show that it is used as is, not re-read
    const shown = { version: 3, products: first.catalogue!.products.slice(0, 2) };
    const again = await syncCatalogue(db, server, T2, trusted(), {}, shown);
    expect(again).toMatchObject({ unchanged: true, status: { state: 'fresh', version: 3, fetchedAt: T1.toISOString() } });
    expect(again.catalogue!.products).toBe(shown.products);
    expect(asked).toEqual([null, '"v3"']);
    // without what is shown, the kept copy is read
    const noShown = await syncCatalogue(db, server, T2, trusted());
    expect(noShown.unchanged).toBe(true);
    expect(noShown.catalogue!.products).toHaveLength(fixture.length);
    // the root has moved on: the 304 is not enough, the document is fetched and verified under the new root
    asked.length = 0;
    const rotated = { ok: true as const, root: { ...trust.root, version: trust.root.version + 1 } };
    const afterRotation = await syncCatalogue(db, server, T2, rotated);
    expect(asked).toEqual(['"v3"', null]);
    expect(afterRotation.unchanged).toBeUndefined();
    // past the kept copy's expiry: fetched whole again, and refused as expired
    asked.length = 0;
    const late = await syncCatalogue(db, server, new Date('2026-11-21T00:00:00Z'), trusted());
    expect(asked).toEqual(['"v3"', null]);
    expect(late.status.state).toBe('invalid');
  });
});
