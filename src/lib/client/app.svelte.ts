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
import { eraseAll, exportAll, getCatalogueMeta, openCandorDb, type CandorDB } from './db';
import { firstListKey, keepFirstList, readFirstList, type FirstList } from './first-list';
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
  /** the home list kept from the last visit (first-list.ts), while the catalogue is being read */
  firstList = $state.raw<FirstList | null>(null);
  /** the catalogue version the kept list was made from (the kept catalogue's, until it is read) */
  #keptVersion = 0;
  #keptKey = '';
  /** the live list has been shown: the kept one is not shown again in this page's life (not state: read inside $derived) */
  #keptDone = false;

  /** the catalogue has been loaded or has failed to load */
  get ready(): boolean {
    return this.catalogue.ready;
  }

  /** the home list may still change: the ranker is starting or scoring, or the kept list is shown while the catalogue is read */
  get listBusy(): boolean {
    return this.ranking.busy || (this.firstList !== null && !this.catalogue.ready);
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
    const meta = await getCatalogueMeta(db);
    const kept = meta ? await readFirstList(db) : null;
    if (kept && meta && kept.key === this.#firstListKey(meta.version)) [this.firstList, this.#keptVersion, this.#keptKey] = [kept, meta.version, kept.key];
    // with the kept home list on screen the catalogue is read behind it, once the list is drawn (reading and
    // parsing it holds the main thread; a hidden tab draws no frames, hence the timer); without, it is what the page waits for
    if (this.firstList) {
      // the ranker first: the kept list is drawn busy (aria-busy), since the live one may still replace it
      void this.ranking.start(db);
      await new Promise((drawn) => {
        requestAnimationFrame(() => setTimeout(drawn, 0));
        setTimeout(drawn, 100);
      });
    }
    try {
      await this.catalogue.start(db, { fetch: (input, init) => fetch(input, init), pinnedRoot: rootEnvelope, now: () => new Date() });
    } catch (e) {
      this.firstList = null;
      throw e;
    }
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

  #firstListKey(catalogueVersion: number): string {
    return firstListKey({ catalogueVersion, profile: this.person.profile, events: this.person.events, now: new Date() });
  }

  /** The kept home list while it still answers the situation (first-list.ts); null when it does not. */
  #keptList(k: number): FirstList | null {
    const kept = this.firstList;
    if (!kept || kept.k !== k || this.#keptDone) return null;
    const version = !this.catalogue.ready ? this.#keptVersion : 'version' in this.catalogue.status ? this.catalogue.status.version : null;
    return version !== null && this.#firstListKey(version) === kept.key ? kept : null;
  }

  #homeInput(k: number): RecommendInput {
    return { ...this.#situation(), now: new Date(), k };
  }

  /** A product to draw: from the catalogue, or from the kept home list while the catalogue is read. */
  product(id: string): Product | undefined {
    return this.catalogue.productById.get(id) ?? this.firstList?.products.find((p) => p.id === id);
  }

  /**
   * The home list as the person sees it now, once the ranker's scores are in: kept for the next start
   * (first-list.ts). Only the plain home list (no request, every kind).
   */
  keepHomeList(k: number, result: EngineResult): void {
    const version = 'version' in this.catalogue.status ? this.catalogue.status.version : null;
    if (!this.#db || !this.catalogue.ready || version === null || !this.ranking.learnedFor(this.#homeInput(k))) return;
    const key = this.#firstListKey(version);
    if (key === this.#keptKey) return;
    this.#keptKey = key;
    keepFirstList(this.#db, key, k, result, this.catalogue.productById).catch((e: unknown) => console.error('the home list was not kept', e));
  }

  /** `ask`: a request typed into the Ask box, with what was understood of it (intent) and its embedding similarities (semantic) */
  recommendations(
    k: number,
    ask?: { query: string; intent?: Intent; semantic?: ReadonlyMap<string, number> },
    kinds: readonly ProductKind[] = []
  ): EngineResult {
    const kept = !ask && kinds.length === 0 ? this.#keptList(k) : null;
    if (kept && !this.catalogue.ready) return kept.result;
    const live = this.ranking.rerank({
      ...this.#situation(),
      now: new Date(),
      k,
      ...(kinds.length > 0 ? { kinds } : {}),
      query: ask?.query,
      ...(ask?.intent ? { intent: ask.intent } : {}),
      ...(ask?.semantic ? { semantic: ask.semantic } : {})
    });
    // the catalogue is read: the kept list stays until the ranker's scores for this situation are in, so the list does not move twice
    const scoring = this.ranking.state === 'loading' || (this.ranking.state === 'ready' && !this.ranking.learnedFor(this.#homeInput(k)));
    if (!kept) return live;
    if (scoring) return kept.result;
    this.#keptDone = true;
    return live;
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
