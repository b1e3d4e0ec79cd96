import { gate, type EventType, type GateVerdict, type Product, type ProductKind, type Profile } from '../domain';
import type { QuestionnaireResult } from '../domain/questionnaire';
import type { Intent } from '../domain/intent';
import type { EngineResult, RecommendInput } from '../engine';
import { setLocale, startI18n } from '../i18n';
import rootEnvelope from 'virtual:candor/root';
import { CatalogueState } from './catalogue.svelte';
import { LocaleState } from './locale.svelte';
import { startOutbox } from './outbox';
import { PersonState } from './person.svelte';
import { Ranking } from './ranking.svelte';
import { llm } from './llm.svelte';
import { PrivacyView } from './privacy-view.svelte';
import { eraseAll, exportAll, openCandorDb, type CandorDB } from './db';
import { trustedRoot } from './trust';
import { cachedVectors, keepDeviceVectors, syncVectors } from './vectors-sync';

/** IndexedDB refused (private mode, or storage blocked in a cross-site frame): Candor cannot keep data here. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`IndexedDB is not available: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * The app on the device: one instance per page load, composing one manager per concern — the
 * catalogue (catalogue.svelte.ts), the person (person.svelte.ts), the ranker (ranking.svelte.ts), the
 * privacy page's view of the store (privacy-view.svelte.ts), the language (locale.svelte.ts) — and
 * doing what spans them (an event also tells the ranker; an erase empties all of them). Everything
 * here comes from, and goes to, IndexedDB; nothing is sent anywhere but the catalogue request and the
 * LDP report.
 */
class CandorApp {
  #db: CandorDB | null = null;
  /** the page's language (locale.svelte.ts); svelte-i18n and the document's lang follow it */
  readonly i18n = new LocaleState({ start: startI18n, show: setLocale });
  readonly catalogue = new CatalogueState();
  readonly person = new PersonState(() => this.i18n.locale);
  /** the on-device ranker: re-ranks recommendations once its worker is ready */
  readonly ranking = new Ranking();
  #privacy: PrivacyView | null = null;

  /** the catalogue has been loaded or has failed to load */
  get ready(): boolean {
    return this.catalogue.ready;
  }

  get db(): CandorDB {
    if (!this.#db) throw new Error('the device store is not open yet');
    return this.#db;
  }

  /** what the privacy page shows of the store and the outbox (privacy-view.svelte.ts) */
  get privacy(): PrivacyView {
    this.#privacy ??= new PrivacyView(this.db);
    return this.#privacy;
  }

  async init(): Promise<void> {
    if (this.#db) return;
    // messages first, so that even a failure below can be explained in the person's language
    this.i18n.begin(navigator.language);
    const db = openCandorDb();
    try {
      await db.open();
    } catch (cause) {
      throw new StorageUnavailableError(cause);
    }
    this.#db = db;
    await this.i18n.start(db);
    await this.person.load(db);
    // product vectors for semantic search: kept here, or published and verified against the root the catalogue was
    const rootNow = () => this.catalogue.lastRoot ?? trustedRoot(db, fetch, new Date(), rootEnvelope);
    llm.useVectorSource({
      load: async (catalogue, model) => (await cachedVectors(db, catalogue, model)) ?? syncVectors(db, fetch, new Date(), await rootNow(), catalogue, model),
      keep: (catalogue, model, vectors) => keepDeviceVectors(db, catalogue, model, vectors)
    });
    await this.catalogue.start(db, { fetch: (input, init) => fetch(input, init), pinnedRoot: rootEnvelope, now: () => new Date() });
    void this.ranking.start(db);

    // feedback outbox: at most one ε-LDP report per week, uploaded after a random delay (docs/privacy.md)
    startOutbox(db);
  }

  /** Record one behaviour event on the device (refused ones throw), and let the ranker learn from it. */
  async record(type: EventType, productId: string | undefined, extra: { value?: number; query?: string } = {}): Promise<void> {
    await this.person.record(this.db, type, productId, extra, (id) => this.catalogue.productById.has(id));
    this.ranking.noteEvent(type, extra.value, () => this.#situation());
  }

  /** What the engine knows of the person right now (the query, k and clock are the caller's). */
  #situation(): Omit<RecommendInput, 'k' | 'now'> {
    const { products, cf } = this.catalogue;
    return { products, profile: this.person.profile, events: this.person.events, ...(cf ? { cf } : {}) };
  }

  /** Age or income told to check eligibility (kept on the device, like the rest of the profile). */
  tellDetails(details: Pick<Profile, 'age' | 'annualIncome'>): Promise<void> {
    return this.person.tellDetails(this.db, details);
  }

  completeQuestionnaire(result: QuestionnaireResult): Promise<void> {
    return this.person.completeQuestionnaire(this.db, result);
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

  /** The pipeline's whole list for the person with another horizon: the portfolio page picks its products from it. */
  rankedFor(horizonMonths: number): EngineResult {
    return this.ranking.rerank({
      ...this.#situation(),
      profile: { ...this.person.profile, horizonMonths },
      now: new Date(),
      k: this.catalogue.products.length
    });
  }

  verdict(product: Product): GateVerdict {
    return gate(product, this.person.profile);
  }

  exportData() {
    return exportAll(this.db, new Date());
  }

  async erase(): Promise<void> {
    await eraseAll(this.db);
    await this.ranking.reset();
    llm.forget(); // the opt-in was a setting, erased with the rest
    // the downloaded model's files, kept by the service worker for offline use, go too
    if (typeof caches !== 'undefined') await caches.delete('candor-data-v1').catch(() => false);
    // the ledger went with everything else: stay silent for this period and the last (outbox.ts); the
    // privacy page's counts are read again before the emptied event list shows
    await this.privacy.afterErase(Date.now());
    await this.person.load(this.db);
  }
}

export const app = new CandorApp();
