import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cacheCatalogue,
  CandorDB,
  DB_SCHEMA_VERSION,
  eraseAll,
  exportAll,
  ExportFileSchema,
  getCachedCatalogue,
  getProfile,
  getSetting,
  latestQuestionnaire,
  listEvents,
  openCandorDb,
  recordEvent,
  saveProfile,
  saveQuestionnaire,
  SCHEMA_V1,
  setSetting,
  storeCounts
} from '../../src/lib/client/db';
import { EVENT_TYPES } from '../../src/lib/domain/event';
import { scoreQuestionnaire, type Answers, type QuestionnaireResult } from '../../src/lib/domain/questionnaire';
import { makeProduct } from '../fixtures/engine/fixtures';

let counter = 0;
const opened: Dexie[] = [];

/** A fresh database with a unique name. */
function freshDb(): CandorDB {
  const db = openCandorDb(`candor-test-${++counter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const PRODUCTS = [makeProduct('fund-1'), makeProduct('dep-1', { kind: 'deposit', subtype: 'time', riskLevel: 1 })];
const known = (id: string) => PRODUCTS.some((p) => p.id === id);
const TS = '2026-05-01T10:00:00.000Z';

const ANSWERS: Answers = {
  age: 40,
  income: '150k-300k',
  assets: '100k-500k',
  debt: 'lt20',
  experience: 'moderate',
  knowledge: 'good',
  horizon: '3-5y',
  liquidity: 'some',
  lossTolerance: '5-15',
  drop20: 'hold',
  goals: ['growth', 'retirement'],
  investAmount: 50_000
};

function result(takenAt: string, answers: Answers = ANSWERS): QuestionnaireResult {
  const r = scoreQuestionnaire(answers, new Date(takenAt));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('CandorDB', () => {
  it('opens the current schema with its eight tables', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['catalogue', 'events', 'factors', 'personal', 'profile', 'questionnaire', 'reports', 'settings']);
    expect(db.events.schema.indexes.map((i) => i.name).sort()).toEqual(['productId', 'ts', 'type']);
  });

  it('defaults to the name "candor"', () => {
    const db = openCandorDb();
    expect(db.name).toBe('candor');
    db.close();
  });
});

describe('events', () => {
  it('records a valid event and lists it back with its id', async () => {
    const db = freshDb();
    const r = await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, known);
    expect(r).toEqual({ ok: true, value: { type: 'view', productId: 'fund-1', ts: TS, id: expect.any(Number) } });
    const s = await recordEvent(db, { type: 'search', query: '低风险基金', ts: TS }, known);
    expect(s.ok).toBe(true);
    const rate = await recordEvent(db, { type: 'rate', productId: 'dep-1', ts: TS, value: -1 }, known);
    expect(rate.ok).toBe(true);
    const list = await listEvents(db);
    expect(list.map((e) => e.type)).toEqual(['view', 'search', 'rate']);
    expect(list[1]).toEqual({ id: expect.any(Number), type: 'search', query: '低风险基金', ts: TS });
    expect(list[2]!.value).toBe(-1);
  });

  it('drops unknown fields and ignores a caller-supplied id', async () => {
    const db = freshDb();
    await recordEvent(db, { type: 'click', productId: 'fund-1', ts: TS }, known);
    const r = await recordEvent(db, { id: 1, type: 'click', productId: 'dep-1', ts: TS, secret: 'x' }, known);
    expect(r.ok).toBe(true);
    const list = await listEvents(db);
    expect(list).toHaveLength(2);
    expect(list[0]!.productId).toBe('fund-1');
    expect(list[1]).not.toHaveProperty('secret');
  });

  it('refuses malformed events with a clear message and leaves the store unchanged', async () => {
    const db = freshDb();
    await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, known);
    const before = await listEvents(db);

    const cases: [unknown, RegExp][] = [
      [{ type: 'teleport', productId: 'fund-1', ts: TS }, /^type: type must be one of view, click/],
      [{ type: 'view', productId: 'no-such-product', ts: TS }, /^productId: unknown product "no-such-product"$/],
      [{ type: 'view', productId: 'fund-1', ts: 'yesterday' }, /^ts: ts must be an ISO-8601 timestamp$/],
      [{ type: 'view', productId: 'fund-1', ts: '2026-13-01T00:00:00Z' }, /^ts: /],
      [{ type: 'view', productId: 'fund-1' }, /^ts: /],
      [{ type: 'favorite', ts: TS }, /^productId: a favorite event needs a productId$/],
      [{ type: 'search', ts: TS }, /^query: a search event needs a query$/],
      [{ type: 'rate', productId: 'fund-1', ts: TS, value: Number.POSITIVE_INFINITY }, /^value: /],
      ['not an event', /expected object/i],
      [null, /expected object/i]
    ];
    for (const [input, pattern] of cases) {
      const r = await recordEvent(db, input, known);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error, JSON.stringify(input)).toMatch(pattern);
    }
    expect(await listEvents(db)).toEqual(before);
    expect(await db.events.count()).toBe(1);
  });

  it('a search event naming an unknown product is refused too', async () => {
    const db = freshDb();
    const r = await recordEvent(db, { type: 'search', query: 'x', productId: 'ghost', ts: TS }, known);
    expect(r).toEqual({ ok: false, error: 'productId: unknown product "ghost"' });
  });

  it('a product check that throws refuses the event', async () => {
    const db = freshDb();
    const r = await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, () => {
      throw new Error('catalogue not loaded');
    });
    expect(r).toEqual({ ok: false, error: 'productId: could not check product "fund-1": catalogue not loaded' });
    expect(await db.events.count()).toBe(0);
  });

  it('skips corrupt rows on read instead of crashing', async () => {
    const db = freshDb();
    await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, known);
    // rows written behind the store's back (an old bug, another tab, a hand edit)
    const raw = db.table('events');
    await raw.add({ type: 'explode', productId: 'fund-1', ts: TS });
    await raw.add({ type: 'view', productId: 'fund-1', ts: 12345 });
    await raw.add({ type: 'view', ts: TS });
    await raw.add({ nonsense: true });
    await recordEvent(db, { type: 'click', productId: 'dep-1', ts: TS }, known);
    const list = await listEvents(db);
    expect(list.map((e) => `${e.type}:${e.productId}`)).toEqual(['view:fund-1', 'click:dep-1']);
  });
});

describe('profile', () => {
  it('is the empty (unassessed) profile when nothing is stored', async () => {
    const db = freshDb();
    expect(await getProfile(db)).toEqual({ riskLevel: null });
  });

  it('saves and reads back a valid profile', async () => {
    const db = freshDb();
    const p = { riskLevel: 3, age: 40, annualIncome: 150_000, goals: ['growth'], locale: 'en' };
    expect(await saveProfile(db, p)).toEqual({ ok: true, value: p });
    expect(await getProfile(db)).toEqual(p);
    expect(await db.profile.count()).toBe(1);
    await saveProfile(db, { riskLevel: 2 });
    expect(await getProfile(db)).toEqual({ riskLevel: 2 });
    expect(await db.profile.count()).toBe(1);
  });

  it('refuses an invalid profile with a message naming the field, and keeps the old one', async () => {
    const db = freshDb();
    await saveProfile(db, { riskLevel: 2, age: 30 });
    const r = await saveProfile(db, { riskLevel: 9, age: 30 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^riskLevel: risk level must be 1-5/);
    const g = await saveProfile(db, { riskLevel: 2, goals: ['yacht'] });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.error).toMatch(/^goals\.0: /);
    expect(await getProfile(db)).toEqual({ riskLevel: 2, age: 30 });
  });

  it('reads a corrupt stored profile as the empty profile', async () => {
    const db = freshDb();
    await db.table('profile').put({ riskLevel: 'very high' }, 'me');
    expect(await getProfile(db)).toEqual({ riskLevel: null });
  });
});

describe('questionnaire results', () => {
  it('is null when none is stored', async () => {
    expect(await latestQuestionnaire(freshDb())).toBeNull();
  });

  it('keeps every result and returns the latest by takenAt', async () => {
    const db = freshDb();
    const a = result('2026-01-01T00:00:00.000Z');
    const b = result('2026-06-01T00:00:00.000Z', { ...ANSWERS, lossTolerance: 'none' });
    const c = result('2025-06-01T00:00:00.000Z');
    await saveQuestionnaire(db, a);
    await saveQuestionnaire(db, b);
    await saveQuestionnaire(db, c);
    expect(await db.questionnaire.count()).toBe(3);
    expect(await latestQuestionnaire(db)).toEqual(b);
    expect(b.riskLevel).toBe(1);
  });

  it('skips a corrupt latest row and returns the newest readable one', async () => {
    const db = freshDb();
    const a = result('2026-01-01T00:00:00.000Z');
    await saveQuestionnaire(db, a);
    await db.table('questionnaire').add({ ...a, takenAt: '2026-09-01T00:00:00.000Z', riskLevel: 7 });
    expect(await latestQuestionnaire(db)).toEqual(a);
  });

  it('refuses to save an invalid result', async () => {
    const db = freshDb();
    const bad = { ...result('2026-01-01T00:00:00.000Z'), riskLevel: 6 } as unknown as QuestionnaireResult;
    await expect(saveQuestionnaire(db, bad)).rejects.toThrow(/^questionnaire result refused: riskLevel: /);
    expect(await db.questionnaire.count()).toBe(0);
  });
});

describe('catalogue cache', () => {
  it('is null when nothing is cached', async () => {
    expect(await getCachedCatalogue(freshDb())).toBeNull();
  });

  it('keeps the last good catalogue, replacing the previous one', async () => {
    const db = freshDb();
    await cacheCatalogue(db, { version: 3, products: PRODUCTS }, new Date(TS));
    expect(await getCachedCatalogue(db)).toEqual({ version: 3, fetchedAt: TS, products: PRODUCTS });
    await cacheCatalogue(db, { products: [PRODUCTS[0]!] }, new Date('2026-05-02T00:00:00.000Z'));
    expect(await getCachedCatalogue(db)).toEqual({ version: 0, fetchedAt: '2026-05-02T00:00:00.000Z', products: [PRODUCTS[0]] });
    expect(await db.catalogue.count()).toBe(1);
  });

  it('reads a corrupt cached catalogue as none, and keeps what can be read of a damaged one', async () => {
    const db = freshDb();
    await db.table('catalogue').put({ version: 1, fetchedAt: TS, products: [{ id: 'x' }] }, 'current');
    expect(await getCachedCatalogue(db)).toBeNull();
    // a product twice: the first copy counts
    await db.table('catalogue').put({ version: 1, fetchedAt: TS, products: [PRODUCTS[0], PRODUCTS[0]] }, 'current');
    expect((await getCachedCatalogue(db))?.products).toEqual([PRODUCTS[0]]);
    await db.table('catalogue').put('garbage', 'current');
    expect(await getCachedCatalogue(db)).toBeNull();
  });
});

describe('settings', () => {
  const Locale = z.enum(['zh-CN', 'en']).nullable();

  it('returns the fallback when missing or invalid, the value when valid', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'locale', Locale, null)).toBeNull();
    await setSetting(db, 'locale', 'en');
    expect(await getSetting(db, 'locale', Locale, null)).toBe('en');
    await setSetting(db, 'locale', 'klingon');
    expect(await getSetting(db, 'locale', Locale, 'zh-CN')).toBe('zh-CN');
    await setSetting(db, 'locale', null);
    expect(await getSetting(db, 'locale', Locale, 'zh-CN')).toBeNull();
  });

  it('stores a plain JSON copy; undefined removes the setting; a non-JSON value throws', async () => {
    const db = freshDb();
    const obj = { a: 1, nested: { list: [1, 2] } };
    await setSetting(db, 'prefs', obj);
    obj.a = 2;
    expect(await getSetting(db, 'prefs', z.object({ a: z.number() }).loose(), { a: 0 })).toEqual({ a: 1, nested: { list: [1, 2] } });
    await setSetting(db, 'prefs', undefined);
    expect(await db.settings.count()).toBe(0);
    await expect(setSetting(db, 'big', 1n)).rejects.toThrow();
    await expect(setSetting(db, '', 1)).rejects.toThrow(/non-empty key/);
  });
});

/** A store with something in every table. */
async function filled(): Promise<CandorDB> {
  const db = freshDb();
  await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, known);
  await recordEvent(db, { type: 'favorite', productId: 'fund-1', ts: TS }, known);
  await recordEvent(db, { type: 'view', productId: 'dep-1', ts: TS }, known);
  await recordEvent(db, { type: 'search', query: 'deposit', ts: TS }, known);
  await saveProfile(db, { riskLevel: 3, age: 40, annualIncome: 150_000 });
  await saveQuestionnaire(db, result('2026-01-01T00:00:00.000Z'));
  await saveQuestionnaire(db, result('2026-02-01T00:00:00.000Z'));
  await cacheCatalogue(db, { version: 7, products: PRODUCTS }, new Date(TS));
  await setSetting(db, 'locale', 'en');
  await setSetting(db, 'llmOptIn', false);
  return db;
}

describe('storeCounts()', () => {
  it('counts an empty store', async () => {
    const c = await storeCounts(freshDb());
    expect(c).toEqual({
      events: 0,
      byType: Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])),
      questionnaires: 0,
      hasProfile: false,
      catalogueProducts: 0,
      settings: 0
    });
  });

  it('counts every table, events by type', async () => {
    const c = await storeCounts(await filled());
    expect(c).toMatchObject({ events: 4, questionnaires: 2, hasProfile: true, catalogueProducts: 2, settings: 2 });
    expect(c.byType).toEqual({ view: 2, click: 0, favorite: 1, dismiss: 0, apply: 0, purchase: 0, rate: 0, search: 1 });
  });
});

describe('exportAll()', () => {
  it('writes everything stored about the person in one object that validates', async () => {
    const db = await filled();
    const file = await exportAll(db, new Date('2026-05-03T00:00:00.000Z'));
    // the file as a person would download it
    const parsed = ExportFileSchema.parse(JSON.parse(JSON.stringify(file)));
    expect(parsed).toEqual(file);
    expect(file.format).toBe('candor-export');
    expect(file.schemaVersion).toBe(DB_SCHEMA_VERSION);
    expect(file.exportedAt).toBe('2026-05-03T00:00:00.000Z');
    expect(file.events).toEqual(await listEvents(db));
    expect(file.events).toHaveLength(4);
    expect(file.profile).toEqual({ riskLevel: 3, age: 40, annualIncome: 150_000 });
    expect(file.questionnaires.map((q) => q.takenAt)).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    expect(file.questionnaires[0]!.answers).toEqual(ANSWERS);
    expect(file.settings).toEqual({ locale: 'en', llmOptIn: false });
    expect(file.catalogue).toEqual({ version: 7, fetchedAt: TS, productCount: 2 });
    expect(file.unreadableRows).toBe(0);
  });

  it('an empty store exports empty lists and nulls', async () => {
    const file = await exportAll(freshDb(), new Date(TS));
    expect(ExportFileSchema.safeParse(file).success).toBe(true);
    expect(file).toMatchObject({ events: [], profile: null, questionnaires: [], settings: {}, catalogue: null, unreadableRows: 0 });
  });

  it('says how many stored rows it could not read', async () => {
    const db = await filled();
    await db.table('events').add({ type: 'explode', ts: TS });
    await db.table('profile').put({ riskLevel: 3 }, 'stray-key');
    const file = await exportAll(db, new Date(TS));
    expect(file.events).toHaveLength(4);
    expect(file.unreadableRows).toBe(2);
  });

  it('includes on-device model state, typed arrays as plain numbers', async () => {
    const db = await filled();
    await db.personal.put({ modelId: 'm1', examples: 2, b2: Float32Array.from([0.5, -0.25]) }, 'ranker');
    const file = await exportAll(db, new Date(TS));
    expect(file.personal).toEqual({ ranker: { modelId: 'm1', examples: 2, b2: [0.5, -0.25] } });
    expect(ExportFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
  });

  it('ExportFileSchema refuses a file of another format', () => {
    expect(ExportFileSchema.safeParse({ format: 'other' }).success).toBe(false);
  });
});

describe('eraseAll()', () => {
  it('empties every table and is safe to call twice', async () => {
    const db = await filled();
    await db.table('events').add({ type: 'explode' }); // corrupt rows go too
    await eraseAll(db);
    for (const t of db.tables) expect(await t.count(), t.name).toBe(0);
    expect(await storeCounts(db)).toMatchObject({ events: 0, questionnaires: 0, hasProfile: false, catalogueProducts: 0, settings: 0 });
    expect(await getProfile(db)).toEqual({ riskLevel: null });
    expect(await latestQuestionnaire(db)).toBeNull();
    await eraseAll(db);
    for (const t of db.tables) expect(await t.count(), t.name).toBe(0);
    // still usable afterwards
    expect((await recordEvent(db, { type: 'view', productId: 'fund-1', ts: TS }, known)).ok).toBe(true);
  });
});

describe('migration from schema version 1', () => {
  async function makeV1(name: string): Promise<void> {
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    const at = Date.parse('2025-03-01T08:00:00.000Z');
    await v1.table('events').bulkAdd([
      { type: 'view', product: 'fund-1', at },
      { type: 'like', product: 'fund-1', at: at + 1000 },
      { type: 'dislike', product: 'dep-1', at: at + 2000 },
      { type: 'search', query: '定期存款', at: at + 3000 },
      { type: 'view', product: 'dep-1', at: 'not a time' }
    ]);
    await v1.table('profile').put({ risk: 4, income: 200_000, age: 35, horizon: 24, goals: ['growth', 'yacht'], locale: 'en' }, 'current');
    await v1.table('questionnaire').add(result('2025-02-01T00:00:00.000Z'));
    await v1.table('catalogue').put({ version: 2, fetchedAt: TS, products: PRODUCTS }, 'current');
    v1.close();
  }

  it('rewrites v1 rows into the v2 shape', async () => {
    const name = `candor-migrate-${++counter}`;
    await makeV1(name);
    const db = openCandorDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);

    const events = await listEvents(db);
    expect(events.map(({ id: _id, ...e }) => e)).toEqual([
      { type: 'view', productId: 'fund-1', ts: '2025-03-01T08:00:00.000Z' },
      { type: 'rate', productId: 'fund-1', ts: '2025-03-01T08:00:01.000Z', value: 1 },
      { type: 'rate', productId: 'dep-1', ts: '2025-03-01T08:00:02.000Z', value: -1 },
      { type: 'search', query: '定期存款', ts: '2025-03-01T08:00:03.000Z' }
    ]);
    // the row with an unreadable time is kept (erase will remove it) but never read as an event
    expect(await db.events.count()).toBe(5);
    const raw: unknown[] = await db.table('events').toArray();
    for (const row of raw) {
      expect(row).not.toHaveProperty('at');
      expect(row).not.toHaveProperty('product');
    }
    // the new productId index works on migrated rows
    expect(await db.events.where('productId').equals('fund-1').count()).toBe(2);

    expect(await getProfile(db)).toEqual({ riskLevel: 4, annualIncome: 200_000, age: 35, horizonMonths: 24, goals: ['growth'], locale: 'en' });
    expect(await db.table('profile').get('current')).toBeUndefined();
    expect(await getSetting(db, 'locale', z.enum(['zh-CN', 'en']), 'zh-CN')).toBe('en');

    expect((await latestQuestionnaire(db))?.takenAt).toBe('2025-02-01T00:00:00.000Z');
    expect((await getCachedCatalogue(db))?.version).toBe(2);

    const file = await exportAll(db, new Date(TS));
    expect(ExportFileSchema.safeParse(file).success).toBe(true);
    expect(file.unreadableRows).toBe(1);
  });

  it('keeps the valid fields of a partly broken v1 profile', async () => {
    const name = `candor-migrate-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('profile').put({ risk: 9, income: -5, age: 44, locale: 'fr' }, 'current');
    v1.close();
    const db = openCandorDb(name);
    opened.push(db);
    expect(await getProfile(db)).toEqual({ riskLevel: null, age: 44 });
    expect(await db.settings.count()).toBe(0);
  });

  it('an empty v1 database upgrades to an empty v2 database', async () => {
    const name = `candor-migrate-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    v1.close();
    const db = openCandorDb(name);
    opened.push(db);
    expect(await storeCounts(db)).toMatchObject({ events: 0, questionnaires: 0, hasProfile: false, settings: 0 });
  });
});
