/**
 * IndexedDB going wrong under the app: a write refused (storage full), one damaged cached product,
 * an unreadable ε ledger. Each keeps what can be trusted and fails closed where privacy is at stake.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalogue } from '../../src/lib/client/catalogue-sync';
import { cacheCatalogue, getCachedCatalogue, openCandorDb, setSetting, type CandorDB } from '../../src/lib/client/db';
import { buildOnce, readLedger } from '../../src/lib/client/outbox';
import { LedgerUnreadableError } from '../../src/lib/client/outbox-row';
import { mulberry32 } from '../../src/lib/common/random';
import { periodOf } from '../../src/lib/privacy/period';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';
import { EXPIRES, ISSUED, testTrust, type TestTrust } from '../fixtures/signing/trust';

const products = fixtureCatalogue();
const T = new Date('2026-11-03T08:00:00Z');
let trust: TestTrust;
let db: CandorDB;
let n = 0;
beforeAll(async () => {
  trust = await testTrust();
});
afterEach(async () => {
  await db?.delete();
});
async function fresh(): Promise<CandorDB> {
  db = openCandorDb(`faults-${n++}`);
  await db.open();
  return db;
}
const serving =
  (text: string): typeof fetch =>
  async () =>
    new Response(text);

describe('a refused IndexedDB write', () => {
  it('does not drop a verified catalogue: it is used, and the status says it was not kept', async () => {
    await fresh();
    await cacheCatalogue(db, { version: 1, products }, T);
    db.catalogue.put = () => Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const got = await syncCatalogue(db, serving(await trust.sign({ _type: 'catalogue', version: 2, issuedAt: ISSUED, expiresAt: EXPIRES, products })), T, {
      ok: true,
      root: trust.root
    });
    expect(got.status).toMatchObject({ state: 'unsaved', version: 2, error: expect.stringMatching(/quota/) });
    expect(got.catalogue?.version).toBe(2);
  });
});

describe('a damaged cached catalogue', () => {
  it('leaves out the one unreadable product and keeps the rest', async () => {
    await fresh();
    await cacheCatalogue(db, { version: 3, products }, T);
    // the stored text no longer has the hash it was kept with: every product is checked again
    const row = (await db.catalogue.get('current')) as { utf8: Uint8Array };
    const damaged = new TextEncoder().encode(JSON.stringify([{ ...products[0]!, riskLevel: 'high' }, ...products.slice(1)]));
    await db.catalogue.put({ ...row, utf8: damaged } as never, 'current');
    const cached = await getCachedCatalogue(db);
    expect(cached?.version).toBe(3);
    expect(cached?.products.map((p) => p.id)).toEqual(products.slice(1).map((p) => p.id));
  });

  it('reads a row kept in the earlier text form (a JSON string and its hash) as it was', async () => {
    await fresh();
    const json = JSON.stringify(products);
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    await db.catalogue.put({ version: 4, fetchedAt: T.toISOString(), json, sha256: hash, count: products.length } as never, 'current');
    expect((await getCachedCatalogue(db))?.products).toEqual(products);
    // and one whose bytes are not UTF-8 any more is no catalogue at all (the server is asked again)
    const row = (await db.catalogue.get('current')) as object;
    await db.catalogue.put({ ...row, json: undefined, utf8: new Uint8Array([0x5b, 0xff, 0x5d]) } as never, 'current');
    expect(await getCachedCatalogue(db)).toBeNull();
  });
});

describe('an unreadable ε ledger', () => {
  it('fails closed: no report is built and no ε spent', async () => {
    await fresh();
    await cacheCatalogue(db, { version: 1, products }, T);
    await setSetting(db, 'privacy.ledger', { entries: 'damaged' });
    await expect(readLedger(db)).rejects.toBeInstanceOf(LedgerUnreadableError);
    const deps = { db, fetch: serving(''), now: () => T.getTime(), rng: mulberry32(1), online: () => true };
    await expect(buildOnce(deps, periodOf(T.getTime()), T.getTime())).rejects.toBeInstanceOf(LedgerUnreadableError);
    expect(await db.reports.count()).toBe(0);
    expect((await db.settings.get('privacy.ledger'))?.value).toEqual({ entries: 'damaged' });
  });
});
