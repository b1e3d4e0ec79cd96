import {
  EMPTY_PROFILE,
  gate,
  type EventType,
  type GateVerdict,
  type Locale,
  type Product,
  type ProductKind,
  type Profile
} from '../domain';
import { effectiveProfile, type QuestionnaireResult } from '../domain/questionnaire';
import type { Intent } from '../domain/intent';
import type { EngineResult, RecommendInput } from '../engine';
import { initialLocale, setLocale, startI18n } from '../i18n';
import rootEnvelope from 'virtual:candor/root';
import type { CfModel } from '../cf/model';
import { cachedCatalogue, syncCatalogue, type CatalogueStatus } from './catalogue-sync';
import { cachedFactors, syncFactors, type FactorsStatus } from './factors-sync';
import { trustedRoot } from './trust';
import { startOutbox } from './outbox';
import { Ranking } from './ranking.svelte';
import { llm } from './llm.svelte';
import {
  eraseAll,
  exportAll,
  getProfile,
  getSetting,
  latestQuestionnaire,
  listEvents,
  openCandorDb,
  recordEvent,
  saveProfile,
  saveQuestionnaire,
  setSetting,
  storeCounts,
  type CandorDB,
  type StoredEvent
} from './db';
import { z } from 'zod';

const LocaleSetting = z.enum(['zh-CN', 'en']).nullable();

/** IndexedDB refused (private mode, or storage blocked in a cross-site frame): Candor cannot keep data here. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`IndexedDB is not available: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * The app's state on the device: one instance per page load. Everything here comes from, and
 * goes to, IndexedDB; nothing is sent anywhere but the catalogue request.
 */
class CandorApp {
  #db: CandorDB | null = null;
  /** messages can be formatted (the locale is known) */
  i18nReady = $state(false);
  /** the catalogue has been loaded or has failed to load */
  ready = $state(false);
  locale = $state<Locale>('zh-CN');
  products = $state.raw<Product[]>([]);
  catalogueStatus = $state.raw<CatalogueStatus>({ state: 'none', error: '' });
  /** the verified collaborative-filtering factors, once loaded (the engine works without them) */
  cf = $state.raw<CfModel | null>(null);
  factorsStatus = $state.raw<FactorsStatus>({ state: 'none', error: '' });
  /** the on-device ranker: re-ranks recommendations once its worker is ready (ranking.svelte.ts) */
  readonly ranking = new Ranking();
  events = $state.raw<StoredEvent[]>([]);
  baseProfile = $state.raw<Profile>(EMPTY_PROFILE);
  questionnaire = $state.raw<QuestionnaireResult | null>(null);
  /** bumps after an erase so that pages showing store counts refresh */
  revision = $state(0);

  profile = $derived(effectiveProfile({ ...this.baseProfile, locale: this.locale }, this.questionnaire, new Date()));
  productById = $derived(new Map(this.products.map((p) => [p.id, p])));
  /** the person's current favourites: the latest favourite event per product decides */
  favorites = $derived.by(() => {
    const state = new Map<string, boolean>();
    for (const e of this.events) if (e.type === 'favorite' && e.productId) state.set(e.productId, e.value !== 0);
    return new Set([...state].filter(([, on]) => on).map(([id]) => id));
  });
  dismissed = $derived(new Set(this.events.filter((e) => e.type === 'dismiss').map((e) => e.productId)));

  get db(): CandorDB {
    if (!this.#db) throw new Error('the device store is not open yet');
    return this.#db;
  }

  async init(): Promise<void> {
    if (this.#db) return;
    // messages first, so that even a failure below can be explained in the person's language
    this.locale = initialLocale(null, navigator.language);
    startI18n(this.locale);
    setLocale(this.locale);
    this.i18nReady = true;
    const db = openCandorDb();
    try {
      await db.open();
    } catch (cause) {
      throw new StorageUnavailableError(cause);
    }
    this.#db = db;
    const saved = await getSetting(db, 'locale', LocaleSetting, null);
    if (saved && saved !== this.locale) {
      this.locale = saved;
      setLocale(saved);
    }
    await this.reload();
    // what this device verified before is shown at once; the server only refreshes it, in the
    // background, so a slow or hanging server never keeps the person waiting (fetch-limited.ts)
    const cached = await cachedCatalogue(db);
    const shown = cached?.catalogue ?? null;
    if (cached && shown) {
      // factors before the first list, so that recommendations do not reshuffle under the person's eyes
      const factors = await cachedFactors(db, shown);
      if (factors) [this.cf, this.factorsStatus] = [factors.model, factors.status];
      this.products = shown.products;
      this.catalogueStatus = cached.status;
      this.ready = true;
    }
    const refresh = async (): Promise<void> => {
      // everything from the server is checked against the root pinned in this build
      const root = trustedRoot(db, fetch, new Date(), rootEnvelope);
      const loaded = await syncCatalogue(db, fetch, new Date(), root, {}, shown);
      // said at once: the factors below may take their own time limit
      this.catalogueStatus = loaded.status;
      if (loaded.catalogue) {
        const factors = await syncFactors(db, fetch, new Date(), await root, loaded.catalogue);
        // the list moves only when something new arrived, not when the same versions are confirmed
        const versionOf = (s: FactorsStatus) => ('version' in s ? s.version : null);
        const newCatalogue = loaded.catalogue.version !== shown?.version;
        if (newCatalogue || versionOf(factors.status) !== versionOf(this.factorsStatus)) this.cf = factors.model;
        this.factorsStatus = factors.status;
        if (newCatalogue) this.products = loaded.catalogue.products;
      }
    };
    // with nothing kept yet there is nothing to show: wait for the network (bounded by the fetch limits)
    if (shown) void refresh().catch((e: unknown) => console.error('catalogue refresh failed', e));
    else await refresh();
    this.ready = true;
    void this.ranking.start(db);

    // feedback outbox: at most one ε-LDP report per week, uploaded after a random delay (docs/privacy.md)
    startOutbox(db);
  }

  /** Re-read the person's data from the store. */
  async reload(): Promise<void> {
    const db = this.db;
    [this.events, this.baseProfile, this.questionnaire] = await Promise.all([
      listEvents(db),
      getProfile(db),
      latestQuestionnaire(db)
    ]);
  }

  async switchLocale(next: Locale): Promise<void> {
    this.locale = next;
    setLocale(next);
    if (this.#db) await setSetting(this.#db, 'locale', next);
  }

  /** Record one behaviour event on the device; refused events (bad type, unknown product) throw. */
  async record(type: EventType, productId: string | undefined, extra: { value?: number; query?: string } = {}): Promise<void> {
    const result = await recordEvent(
      this.db,
      { type, productId, ts: new Date().toISOString(), ...extra },
      (id) => this.productById.has(id)
    );
    if (!result.ok) throw new Error(result.error);
    this.events = [...this.events, result.value];
    this.ranking.noteEvent(type, extra.value, () => this.#situation());
  }

  /** What the engine knows of the person right now (the query, k and clock are the caller's). */
  #situation(): Omit<RecommendInput, 'k' | 'now'> {
    return { products: this.products, profile: this.profile, events: this.events, ...(this.cf ? { cf: this.cf } : {}) };
  }

  /** Age or income told to check eligibility (kept on the device, like the rest of the profile). */
  async tellDetails(details: Pick<Profile, 'age' | 'annualIncome'>): Promise<void> {
    const saved = await saveProfile(this.db, { ...this.baseProfile, ...details });
    if (!saved.ok) throw new Error(saved.error);
    this.baseProfile = saved.value;
  }

  /** Keep the assessment, and carry its answers (age, income, goals…) into the stored profile. */
  async completeQuestionnaire(result: QuestionnaireResult): Promise<void> {
    await saveQuestionnaire(this.db, result);
    const saved = await saveProfile(this.db, { ...this.baseProfile, ...result.profile, riskLevel: result.riskLevel });
    if (!saved.ok) throw new Error(saved.error);
    this.baseProfile = saved.value;
    this.questionnaire = result;
  }

  /** `ask`: a request typed into the Ask box, with what was understood of it (intent) and its embedding similarities (semantic) */
  recommendations(
    k: number,
    ask?: { query: string; intent?: Intent; semantic?: ReadonlyMap<string, number> },
    kinds: readonly ProductKind[] = []
  ): EngineResult {
    return this.ranking.rerank({
      ...this.#situation(),
      now: new Date(),
      k,
      ...(kinds.length > 0 ? { kinds } : {}),
      query: ask?.query,
      ...(ask?.intent ? { intent: ask.intent } : {}),
      ...(ask?.semantic ? { semantic: ask.semantic } : {})
    });
  }

  verdict(product: Product): GateVerdict {
    return gate(product, this.profile);
  }

  exportData() {
    return exportAll(this.db, new Date());
  }

  counts() {
    return storeCounts(this.db);
  }

  async erase(): Promise<void> {
    await eraseAll(this.db);
    await this.ranking.reset();
    llm.forget(); // the opt-in was a setting, erased with the rest
    await this.reload();
    this.revision += 1;
  }
}

export const app = new CandorApp();
