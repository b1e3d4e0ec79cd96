/**
 * The kept home list (src/lib/client/first-list.ts): its key follows everything the list depends on,
 * and what is read back is what was kept, or nothing.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCandorDb, type CandorDB } from '../../src/lib/client/db';
import { firstListKey, keepFirstList, readFirstList, type Situation } from '../../src/lib/client/first-list';
import type { Product } from '../../src/lib/domain';
import { runEngine } from '../../src/lib/engine';

const NAME = 'first-list-test';
const products = (JSON.parse(readFileSync(new URL('../fixtures/engine/catalogue.json', import.meta.url), 'utf8')) as { products: Product[] }).products;
const byId = new Map(products.map((p) => [p.id, p]));
const now = new Date(2026, 11, 1, 9, 30);
const base: Situation = { catalogueVersion: 3, profile: { riskLevel: 3 }, events: [], now };
let db: CandorDB;

beforeEach(async () => {
  db = openCandorDb(NAME);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

describe('firstListKey', () => {
  it('is the same for the same situation later that day, and changes with each thing the list depends on', () => {
    const key = firstListKey(base);
    expect(firstListKey({ ...base, now: new Date(2026, 11, 1, 23, 59) })).toBe(key);
    const changed: Situation[] = [
      { ...base, catalogueVersion: 4 },
      { ...base, profile: { riskLevel: 2 } },
      { ...base, profile: { riskLevel: 3, age: 40 } },
      { ...base, events: [{ type: 'view', productId: products[0]!.id, ts: '2026-12-01T09:00:00Z' }] },
      { ...base, now: new Date(2026, 11, 2, 0, 1) }
    ];
    for (const s of changed) expect(firstListKey(s)).not.toBe(key);
    // the same number of events, the last one different
    const a = { ...base, events: [{ type: 'view' as const, productId: products[0]!.id, ts: '2026-12-01T09:00:00Z' }] };
    const b = { ...base, events: [{ type: 'dismiss' as const, productId: products[0]!.id, ts: '2026-12-01T09:00:00Z' }] };
    expect(firstListKey(a)).not.toBe(firstListKey(b));
  });
});

describe('keepFirstList / readFirstList', () => {
  it('reads back the list and the products it shows, and nothing else', async () => {
    const result = runEngine({ products, profile: base.profile, events: [], now, k: 5 });
    await keepFirstList(db, firstListKey(base), 5, result, byId);
    const kept = await readFirstList(db);
    expect(kept?.key).toBe(firstListKey(base));
    expect(kept?.k).toBe(5);
    expect(kept?.result.items).toEqual(result.items);
    expect(kept?.products.map((p) => p.id)).toEqual(result.items.map((it) => it.productId));
  });

  it('a damaged row is no list: a product missing, a reason unknown, a score not a number', async () => {
    const result = runEngine({ products, profile: base.profile, events: [], now, k: 3 });
    await keepFirstList(db, 'k', 3, result, byId);
    const row = (await db.factors.get('first-list')) as { products: Product[]; result: { items: { score: unknown; reasons: { code: string }[] }[] } };
    const damaged = [
      { ...row, products: row.products.slice(1) },
      { ...row, result: { ...row.result, items: [{ ...row.result.items[0]!, reasons: [{ code: 'trust_me', params: {} }] }] } },
      { ...row, result: { ...row.result, items: [{ ...row.result.items[0]!, score: 'high' }] } },
      'garbage'
    ];
    for (const d of damaged) {
      await db.factors.put(d, 'first-list');
      expect(await readFirstList(db)).toBeNull();
    }
  });
});
