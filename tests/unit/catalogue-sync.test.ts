import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { syncCatalogue } from '../../src/lib/client/catalogue-sync';
import { getCachedCatalogue, openCandorDb, type CandorDB } from '../../src/lib/client/db';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';

const fixture = fixtureCatalogue();

let db: CandorDB;
let n = 0;
const T1 = new Date('2026-11-03T08:00:00Z');
const T2 = new Date('2026-11-10T08:00:00Z');

function serving(body: string, status = 200): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
const unreachable: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

afterEach(async () => {
  await db?.delete();
});

async function fresh(): Promise<CandorDB> {
  db = openCandorDb(`sync-test-${n++}`);
  await db.open();
  return db;
}

describe('syncCatalogue', () => {
  it('stores a valid catalogue as the last good copy', async () => {
    await fresh();
    const got = await syncCatalogue(db, serving(JSON.stringify({ version: 3, products: fixture })), T1);
    expect(got.status).toEqual({ state: 'fresh', version: 3, fetchedAt: T1.toISOString() });
    expect(got.catalogue?.products).toHaveLength(fixture.length);
    expect((await getCachedCatalogue(db))?.version).toBe(3);
  });

  it('keeps the last good copy and says "invalid" when the server sends a bad document', async () => {
    await fresh();
    await syncCatalogue(db, serving(JSON.stringify({ version: 3, products: fixture })), T1);
    for (const body of ['{"version":4,"products":[{"id":"x"}]}', 'not json', '{"products":[]']) {
      const got = await syncCatalogue(db, serving(body), T2);
      expect(got.status.state).toBe('invalid');
      expect(got.status).toMatchObject({ version: 3, fetchedAt: T1.toISOString() });
      expect(got.catalogue?.products).toHaveLength(fixture.length);
    }
    expect((await getCachedCatalogue(db))?.version).toBe(3);
  });

  it('says "offline" with the cached copy when the network fails or the server errs', async () => {
    await fresh();
    await syncCatalogue(db, serving(JSON.stringify({ version: 1, products: fixture })), T1);
    for (const f of [unreachable, serving('oops', 503)]) {
      const got = await syncCatalogue(db, f, T2);
      expect(got.status).toMatchObject({ state: 'offline', version: 1, fetchedAt: T1.toISOString() });
      expect(got.catalogue?.products).toHaveLength(fixture.length);
    }
  });

  it('says "none" when there is neither a network copy nor a cached one', async () => {
    await fresh();
    const got = await syncCatalogue(db, unreachable, T1);
    expect(got.catalogue).toBeNull();
    expect(got.status.state).toBe('none');
  });
});
