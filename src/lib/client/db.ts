import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { z, type ZodType } from 'zod';
import type { Catalogue } from '../domain/catalogue';
import { sha256Hex } from '../signing/bytes';
import { EVENT_TYPES, EventSchema, type CandorEvent, type EventType } from '../domain/event';
import { ProductSchema, type Product } from '../domain/product';
import { EMPTY_PROFILE, GOALS, ProfileSchema, type Profile } from '../domain/profile';
import { QuestionnaireResultSchema, type QuestionnaireResult } from '../domain/questionnaire';
import { parseWith, type Result } from '../domain/validate';
import { LedgerJsonSchema, PrivacyLedger } from '../privacy/ledger';
import { LEDGER_SETTING, ledgerFrom, OutboxRowSchema, type OutboxRow } from './outbox-row';

/**
 * The device store: everything Candor keeps about the person lives here, in IndexedDB, and nowhere else.
 *
 * Every write is validated (nothing partial is written); every read is validated too, so a corrupt row is
 * skipped instead of crashing the app. Export and erase cover every table.
 *
 * ## Schema history
 *
 * - **v1** (first release): `events` keyed `++id` with `at` (epoch milliseconds) and `product`, indexed on
 *   `at, type`; thumbs were two event types `like` / `dislike`. `profile` was one out-of-line row under the
 *   key `'current'` with `risk`, `income`, `horizon` (months), `age`, `goals`, `locale`. No `settings` table.
 * - **v2**: events carry `ts` (ISO-8601) and `productId`, indexed on `ts, type, productId`; thumbs are
 *   `rate` with value +1 / -1 (the event format, docs/contracts.md). The profile is a {@link Profile} under the key
 *   `'me'`. `settings` holds `{key, value}` rows, and the locale moved there from the profile.
 *   The upgrade rewrites v1 rows in place; a row it cannot make sense of is kept as it is (reads skip it,
 *   erase removes it), never silently dropped.
 * - **v3** (now): adds `factors` (the last verified CF factors, key 'current'), `reports` (the LDP feedback
 *   outbox and the log of every report sent, exact bytes kept) and `personal` (on-device model state such as
 *   the fine-tuned ranker, keyed by name). New tables only: no row is rewritten.
 */

export const DB_NAME = 'candor';
export const DB_SCHEMA_VERSION = 3;

/** Dexie schema of version 1 (kept so that the upgrade path is declared, and for the migration test). */
export const SCHEMA_V1 = {
  events: '++id, at, type',
  profile: '',
  questionnaire: '++id, takenAt',
  catalogue: ''
} as const;

export const SCHEMA_V2 = {
  events: '++id, ts, type, productId',
  profile: '',
  questionnaire: '++id, takenAt',
  catalogue: '',
  settings: 'key'
} as const;

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  factors: '',
  reports: '++id, period, status',
  personal: ''
} as const;

/** The profile's key in the `profile` table (v1 used 'current'). */
export const PROFILE_KEY = 'me';
const V1_PROFILE_KEY = 'current';
export const CATALOGUE_KEY = 'current';
/** Beside the products, in the same table: what they were verified as, so a start needs not read them to ask the server */
export const CATALOGUE_META_KEY = 'meta';

const isoTimestamp = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 timestamp' });

/** An event as stored: the event plus its row id. */
export const StoredEventSchema = z.intersection(EventSchema, z.object({ id: z.number().int().positive() }));
export type StoredEvent = CandorEvent & { id: number };

export type StoredQuestionnaire = QuestionnaireResult & { id: number };

/** The last good catalogue. */
export interface CachedCatalogue {
  version: number;
  /** ISO-8601 */
  fetchedAt: string;
  products: Product[];
}

/**
 * How it is stored: the products as one UTF-8 JSON text, in bytes, with their sha256, so that a start
 * reads one buffer (a copy, not 20,000 objects cloned out of IndexedDB), hashes it as it is and parses
 * it, instead of checking 20,000 products with zod (~0.5 s at 20,000). The bytes were made from products
 * validated on arrival; the hash says they are still those bytes. Bytes rather than a string: a string
 * must be encoded again to be hashed (~0.1 s at 20,000 products), and is slower to read out of IndexedDB.
 * Rows kept before hold `json` (the same text as a string) or `products`; they are still read.
 */
interface StoredCatalogue {
  version: number;
  fetchedAt: string;
  utf8: Uint8Array;
  sha256: string;
  count: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class CandorDB extends Dexie {
  declare events: EntityTable<StoredEvent, 'id'>;
  declare profile: Table<Profile, string>;
  declare questionnaire: EntityTable<StoredQuestionnaire, 'id'>;
  /** CATALOGUE_KEY: the products; CATALOGUE_META_KEY: how they were verified */
  declare catalogue: Table<StoredCatalogue | CachedCatalogue | CatalogueMeta, string>;
  declare settings: Table<SettingRow, string>;
  /** rows are validated by their owners (client/factors-sync.ts, client/outbox.ts, client/ranker.ts) */
  declare factors: Table<unknown, string>;
  declare reports: Table<unknown, number>;
  declare personal: Table<unknown, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeV1toV2);
    this.version(3).stores(SCHEMA_V3);
  }
}

export function openCandorDb(name: string = DB_NAME): CandorDB {
  return new CandorDB(name);
}

// ---------------------------------------------------------------------------------------------
// Migration v1 -> v2
// ---------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One v1 event row rewritten as v2, in place. */
export function migrateEventRowV1(row: Row): void {
  if ('at' in row) {
    const at = row.at;
    const d = typeof at === 'number' || typeof at === 'string' ? new Date(at) : null;
    // an unreadable time is kept under ts as it was, so the read check refuses it rather than inventing one
    row.ts = d && !Number.isNaN(d.getTime()) ? d.toISOString() : at;
    delete row.at;
  }
  if ('product' in row) {
    if (row.productId === undefined && row.product !== undefined && row.product !== null) row.productId = row.product;
    delete row.product;
  }
  if (row.type === 'like' || row.type === 'dislike') {
    row.value = row.type === 'like' ? 1 : -1;
    row.type = 'rate';
  }
}

/** A v1 profile row as a v2 Profile: each field kept if it is valid on its own, the rest dropped. */
export function migrateProfileV1(old: Row): { profile: Profile; locale: Profile['locale'] } {
  const shape = ProfileSchema.shape;
  const candidate: Row = {
    age: old.age,
    annualIncome: old.income,
    horizonMonths: old.horizon,
    goals: Array.isArray(old.goals) ? old.goals.filter((g) => (GOALS as readonly unknown[]).includes(g)) : undefined,
    locale: old.locale
  };
  const riskLevel = shape.riskLevel.safeParse(old.risk ?? null);
  const profile: Profile = { riskLevel: riskLevel.success ? riskLevel.data : null };
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const field = shape[key as keyof typeof shape].safeParse(value);
    if (field.success) Object.assign(profile, { [key]: field.data });
  }
  return { profile, locale: profile.locale };
}

async function upgradeV1toV2(tx: Transaction): Promise<void> {
  await tx
    .table('events')
    .toCollection()
    .modify((row: unknown) => {
      if (isRow(row)) migrateEventRowV1(row);
    });
  const profiles = tx.table('profile');
  const old: unknown = await profiles.get(V1_PROFILE_KEY);
  if (old !== undefined) {
    if (isRow(old) && (await profiles.get(PROFILE_KEY)) === undefined) {
      const { profile, locale } = migrateProfileV1(old);
      await profiles.put(profile, PROFILE_KEY);
      if (locale) await tx.table('settings').put({ key: 'locale', value: locale });
    }
    await profiles.delete(V1_PROFILE_KEY);
  }
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Validate and store one behaviour event. An unknown type, an unknown product or a bad timestamp is refused
 * with a message and nothing is written. Unknown fields (an `id` too) are dropped.
 */
export async function recordEvent(db: CandorDB, input: unknown, isKnownProduct: (id: string) => boolean): Promise<Result<StoredEvent>> {
  const parsed = parseWith(EventSchema, input);
  if (!parsed.ok) return parsed;
  const event = withoutUndefined(parsed.value);
  if (event.productId !== undefined) {
    let known: boolean;
    try {
      known = isKnownProduct(event.productId);
    } catch (e) {
      return { ok: false, error: `productId: could not check product "${event.productId}": ${message(e)}` };
    }
    if (!known) return { ok: false, error: `productId: unknown product "${event.productId}"` };
  }
  try {
    const id = await db.events.add(event);
    return { ok: true, value: { ...event, id } };
  } catch (e) {
    return { ok: false, error: `could not store the event: ${message(e)}` };
  }
}

function readEvent(row: unknown): StoredEvent | null {
  const r = StoredEventSchema.safeParse(row);
  return r.success ? withoutUndefined(r.data) : null;
}

/** Every readable event, oldest row first; a corrupt row is skipped. */
export async function listEvents(db: CandorDB): Promise<StoredEvent[]> {
  const rows: unknown[] = await db.events.toArray();
  return rows.map(readEvent).filter((e): e is StoredEvent => e !== null);
}

// ---------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------

function readProfile(row: unknown): Profile | null {
  const r = ProfileSchema.safeParse(row);
  return r.success ? withoutUndefined(r.data) : null;
}

/** The stored profile, or the empty (unassessed) profile when there is none or it is unreadable. */
export async function getProfile(db: CandorDB): Promise<Profile> {
  const row: unknown = await db.profile.get(PROFILE_KEY);
  return readProfile(row) ?? { ...EMPTY_PROFILE };
}

export async function saveProfile(db: CandorDB, p: unknown): Promise<Result<Profile>> {
  const parsed = parseWith(ProfileSchema, p);
  if (!parsed.ok) return parsed;
  const profile = withoutUndefined(parsed.value);
  await db.profile.put(profile, PROFILE_KEY);
  return { ok: true, value: profile };
}

// ---------------------------------------------------------------------------------------------
// Questionnaire results
// ---------------------------------------------------------------------------------------------

function readQuestionnaire(row: unknown): QuestionnaireResult | null {
  const r = QuestionnaireResultSchema.safeParse(row);
  return r.success ? r.data : null;
}

/** Keep a result (every result is kept: the person can see and export their history). Throws if it is invalid. */
export async function saveQuestionnaire(db: CandorDB, r: QuestionnaireResult): Promise<void> {
  const parsed = parseWith(QuestionnaireResultSchema, r);
  if (!parsed.ok) throw new Error(`questionnaire result refused: ${parsed.error}`);
  await db.questionnaire.add(parsed.value);
}

/** The readable result taken last (by takenAt, then by row order); null when there is none. */
export async function latestQuestionnaire(db: CandorDB): Promise<QuestionnaireResult | null> {
  const rows: unknown[] = await db.questionnaire.orderBy('takenAt').reverse().toArray();
  for (const row of rows) {
    const r = readQuestionnaire(row);
    if (r) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Catalogue (the last good copy)
// ---------------------------------------------------------------------------------------------

const CachedMetaSchema = z.object({ version: z.number().int().min(0), fetchedAt: isoTimestamp });

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** How many products a stored catalogue row holds, in either form (0 when it is unreadable). */
function storedCount(row: unknown): number {
  if (!isRow(row)) return 0;
  if (row.utf8 instanceof Uint8Array || typeof row.json === 'string') return typeof row.count === 'number' ? row.count : 0;
  return Array.isArray(row.products) ? row.products.length : 0;
}

/**
 * The last good catalogue. When its text still has the hash it was stored with, it is the text made
 * from the verified products and is used as it is; otherwise (a damaged record, or a row kept before
 * the text form) it is checked again product by product: an unreadable product is left out rather
 * than taking the rest of the catalogue with it. Null when there is none, or not one product in it
 * can be read.
 */
export async function getCachedCatalogue(db: CandorDB): Promise<CachedCatalogue | null> {
  const row: unknown = await db.catalogue.get(CATALOGUE_KEY);
  if (!isRow(row)) return null;
  const meta = CachedMetaSchema.safeParse(row);
  if (!meta.success) return null;
  let items: unknown[];
  const bytes = row.utf8 instanceof Uint8Array ? row.utf8 : typeof row.json === 'string' ? utf8(row.json) : null;
  if (bytes) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof row.json === 'string' ? row.json : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed)) return null;
    // waitFor: the hash is WebCrypto's, and a caller's transaction (the outbox's) must stay open over it
    if (typeof row.sha256 === 'string' && parsed.length > 0 && (await Dexie.waitFor(sha256Hex(bytes))) === row.sha256) {
      return { version: meta.data.version, fetchedAt: meta.data.fetchedAt, products: parsed as Product[] };
    }
    items = parsed;
  } else if (Array.isArray(row.products)) items = row.products;
  else return null;
  const products = new Map<string, Product>();
  for (const item of items) {
    const p = ProductSchema.safeParse(item);
    if (p.success && !products.has(p.data.id)) products.set(p.data.id, p.data);
  }
  if (products.size === 0) return null;
  return { version: meta.data.version, fetchedAt: meta.data.fetchedAt, products: [...products.values()] };
}

/**
 * How the kept catalogue was verified: the envelope's ETag, its expiry and the root version that
 * checked it. With these, an unchanged catalogue (304) is used as it is: same bytes, same root,
 * not expired — nothing a second verification could find.
 */
export const CatalogueMetaSchema = z.object({
  version: z.number().int().min(0),
  fetchedAt: isoTimestamp,
  etag: z.string().min(1).max(256),
  expiresAt: isoTimestamp,
  rootVersion: z.number().int().min(1)
});
export type CatalogueMeta = z.infer<typeof CatalogueMetaSchema>;

/** The kept catalogue's verification record, without reading its products; null when there is none or it is unreadable. */
export async function getCatalogueMeta(db: CandorDB): Promise<CatalogueMeta | null> {
  const row: unknown = await db.catalogue.get(CATALOGUE_META_KEY);
  const r = CatalogueMetaSchema.safeParse(row);
  return r.success ? r.data : null;
}

/**
 * Keep `c` as the last good catalogue (the caller has validated it); replaces the previous copy.
 * With `meta`, how it was verified goes in the same transaction; without, any old record goes, so
 * a record never describes other products.
 */
export async function cacheCatalogue(db: CandorDB, c: Catalogue, fetchedAt: Date, meta?: Omit<CatalogueMeta, 'version' | 'fetchedAt'>): Promise<void> {
  const version = c.version ?? 0;
  const bytes = utf8(JSON.stringify(c.products));
  const stored: StoredCatalogue = { version, fetchedAt: fetchedAt.toISOString(), utf8: bytes, sha256: await sha256Hex(bytes), count: c.products.length };
  await db.transaction('rw', db.catalogue, async () => {
    await db.catalogue.put(stored, CATALOGUE_KEY);
    if (meta) await db.catalogue.put({ ...meta, version, fetchedAt: fetchedAt.toISOString() }, CATALOGUE_META_KEY);
    else await db.catalogue.delete(CATALOGUE_META_KEY);
  });
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/** A stored setting if it is there and valid for `schema`, else `fallback`. */
export async function getSetting<T>(db: CandorDB, key: string, schema: ZodType<T>, fallback: T): Promise<T> {
  const row: unknown = await db.settings.get(key);
  if (!isRow(row) || !('value' in row)) return fallback;
  const r = schema.safeParse(row.value);
  return r.success ? r.data : fallback;
}

/**
 * Store a setting as a plain JSON copy (so that export is faithful and reactive proxies are never stored).
 * `undefined` removes the setting; a value JSON cannot represent (a BigInt, a cycle) throws.
 */
export async function setSetting(db: CandorDB, key: string, value: unknown): Promise<void> {
  if (typeof key !== 'string' || key.length === 0) throw new Error('a setting needs a non-empty key');
  const json = JSON.stringify(value);
  if (json === undefined) {
    await db.settings.delete(key);
    return;
  }
  await db.settings.put({ key, value: JSON.parse(json) as unknown });
}

// ---------------------------------------------------------------------------------------------
// Counts, export, erase
// ---------------------------------------------------------------------------------------------

export interface StoreCounts {
  events: number;
  byType: Record<EventType, number>;
  questionnaires: number;
  hasProfile: boolean;
  catalogueProducts: number;
  settings: number;
}

const TABLES = Object.keys(SCHEMA_V3) as (keyof typeof SCHEMA_V3)[];

/** What is stored, row by row (unreadable rows included: they are stored too). */
export async function storeCounts(db: CandorDB): Promise<StoreCounts> {
  return db.transaction('r', TABLES, async () => {
    const byType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
    for (const t of EVENT_TYPES) byType[t] = await db.events.where('type').equals(t).count();
    const catalogue: unknown = await db.catalogue.get(CATALOGUE_KEY);
    return {
      events: await db.events.count(),
      byType,
      questionnaires: await db.questionnaire.count(),
      hasProfile: (await db.profile.count()) > 0,
      catalogueProducts: storedCount(catalogue),
      settings: await db.settings.count()
    };
  });
}

export const ExportFileSchema = z.object({
  format: z.literal('candor-export'),
  /** the database schema version the data was read from */
  schemaVersion: z.number().int().min(1),
  exportedAt: isoTimestamp,
  events: z.array(StoredEventSchema),
  /** the stored profile, null when none is stored */
  profile: ProfileSchema.nullable(),
  /** every questionnaire result kept, oldest row first */
  questionnaires: z.array(QuestionnaireResultSchema),
  settings: z.record(z.string(), z.json()),
  /** the catalogue is public data: only what was cached, not the products */
  catalogue: z.object({ version: z.number().int().min(0), fetchedAt: isoTimestamp, productCount: z.number().int().min(0) }).nullable(),
  /** every feedback report built, with the exact bytes queued or sent and its status */
  reports: z.array(OutboxRowSchema),
  /** the ε spent per period (also under settings["privacy.ledger"]) */
  ledger: LedgerJsonSchema,
  /** on-device model state learnt from the person's feedback (e.g. the fine-tuned ranker), by name */
  personal: z.record(z.string(), z.json()),
  /** rows that failed validation and so are not above (they are still stored, and erase removes them) */
  unreadableRows: z.number().int().min(0)
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** Everything stored about the person, in one JSON-ready object (read in one transaction). */
export async function exportAll(db: CandorDB, now: Date): Promise<ExportFile> {
  return db.transaction('r', TABLES, async () => {
    let unreadable = 0;
    const eventRows: unknown[] = await db.events.toArray();
    const events: StoredEvent[] = [];
    for (const row of eventRows) {
      const e = readEvent(row);
      if (e) events.push(e);
      else unreadable++;
    }
    const qRows: unknown[] = await db.questionnaire.toArray();
    const questionnaires: QuestionnaireResult[] = [];
    for (const row of qRows) {
      const q = readQuestionnaire(row);
      if (q) questionnaires.push(q);
      else unreadable++;
    }
    const profileRows: unknown[] = await db.profile.toArray();
    const profileRow: unknown = await db.profile.get(PROFILE_KEY);
    const profile = profileRow === undefined ? null : readProfile(profileRow);
    unreadable += profileRows.length - (profile ? 1 : 0);

    const settings: ExportFile['settings'] = {};
    const settingRows: unknown[] = await db.settings.toArray();
    for (const row of settingRows) {
      const r = isRow(row) && typeof row.key === 'string' ? z.json().safeParse(row.value) : null;
      if (r?.success && isRow(row) && typeof row.key === 'string') settings[row.key] = r.data;
      else unreadable++;
    }

    // the catalogue is public: its products are not checked again here, only what was cached and when
    const catalogueRow: unknown = await db.catalogue.get(CATALOGUE_KEY);
    const count = storedCount(catalogueRow);
    const meta = count > 0 ? CachedMetaSchema.safeParse(catalogueRow) : null;
    const catalogue = meta?.success ? { version: meta.data.version, fetchedAt: meta.data.fetchedAt, productCount: count } : null;
    const metaRow = CatalogueMetaSchema.safeParse(await db.catalogue.get(CATALOGUE_META_KEY)).success ? 1 : 0;
    unreadable += (await db.catalogue.count()) - (catalogue ? 1 : 0) - metaRow;

    const reportRows: unknown[] = await db.reports.toArray();
    const reports: OutboxRow[] = [];
    for (const row of reportRows) {
      const r = OutboxRowSchema.safeParse(row);
      if (r.success) reports.push(r.data);
      else unreadable++;
    }

    // typed arrays (model weights) become plain arrays, so the file is ordinary JSON
    const personal: ExportFile['personal'] = {};
    await db.personal.each((row, cursor) => {
      const json = z.json().safeParse(JSON.parse(JSON.stringify(row, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v))));
      if (json.success && typeof cursor.primaryKey === 'string') personal[cursor.primaryKey] = json.data;
      else unreadable++;
    });

    return {
      format: 'candor-export' as const,
      schemaVersion: DB_SCHEMA_VERSION,
      exportedAt: now.toISOString(),
      events,
      profile,
      questionnaires,
      settings,
      catalogue,
      reports,
      // an unreadable ledger is exported as it is stored, under settings; here it reads as empty
      ledger: (ledgerFrom(settings[LEDGER_SETTING]) ?? new PrivacyLedger()).toJSON(),
      personal,
      unreadableRows: unreadable
    };
  });
}

/** Delete every row of every table the database has, in one transaction. Safe to call again. */
export async function eraseAll(db: CandorDB): Promise<void> {
  const tables = db.tables;
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((t) => t.clear()));
  });
}
