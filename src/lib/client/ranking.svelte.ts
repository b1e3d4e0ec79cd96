/**
 * The on-device ranker in the app: the one pipeline (src/lib/pipeline) split in its two passes, so
 * that pages can render synchronously; and the model's personalisation from the person's reactions.
 *
 * `rerank` is synchronous (pages call it inside $derived): until the worker's scores for exactly this
 * situation (products, profile, events, query, model) are in, it ranks with the latest scores it
 * has (the engine's own order before the first), then — the scores being reactive state — with the
 * new ones. `busy` says an update is on its way (pages put it in aria-busy). While the worker loads,
 * or if it fails, the app simply keeps the engine's order.
 */
import type { EventType } from '../domain/event';
import type { EngineResult, RecommendInput } from '../engine';
import { finalList, scoringRows } from '../pipeline';
import { learnedMap } from '../ranker/candidates';
import { feedbackExamples, labelOf, MIN_FINE_TUNE_EXAMPLES } from '../ranker/feedback';
import type { RankerInfo } from '../ranker/protocol';
import type { CandorDB } from './db';
import { loadPersonal, RankerClient, savePersonal } from './ranker';

/** wait this long after the last reaction before fine-tuning (a burst of clicks tunes once) */
const FINE_TUNE_DEBOUNCE_MS = 1500;
/** situations whose scores are kept (the home list, the widget, a query or two) */
const KEPT = 8;

export type RankerState = 'off' | 'loading' | 'ready' | 'failed';

interface Scored {
  learned: ReadonlyMap<string, number>;
}

export class Ranking {
  state = $state<RankerState>('off');
  info = $state.raw<RankerInfo | null>(null);
  error = $state<string | null>(null);
  /** the probabilities of the situation scored last, for the privacy page */
  latest = $state.raw<ReadonlyMap<string, number> | null>(null);
  /** situation key -> the worker's scores for its candidates */
  #scores = $state.raw<ReadonlyMap<string, Scored>>(new Map());
  #inFlight = $state(0);
  #requested = new Set<string>();
  #client: RankerClient | null = null;
  #db: CandorDB | null = null;
  #tuneTimer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  /** the list on screen may still change: the worker is starting or scoring */
  get busy(): boolean {
    return this.state === 'loading' || this.#inFlight > 0;
  }

  async start(db: CandorDB): Promise<void> {
    if (this.state !== 'off') return;
    this.#db = db;
    this.state = 'loading';
    try {
      this.#client = RankerClient.start();
      this.info = await this.#client.init(await loadPersonal(db));
      this.state = 'ready';
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.state = 'failed';
      this.#client?.terminate();
      this.#client = null;
    }
  }

  #key(input: RecommendInput): string {
    const last = input.events.at(-1);
    return JSON.stringify([
      this.#generation,
      this.info?.modelId ?? '',
      input.products.length,
      input.products[0]?.id ?? '',
      input.cf ? 'cf' : '',
      input.events.length,
      last?.ts ?? '',
      input.profile,
      input.query ?? ''
    ]);
  }

  /** The pipeline's list for `input`: with the worker's scores when they are in, else the engine's own. */
  rerank(input: RecommendInput): EngineResult {
    if (this.state !== 'ready' || !this.info) return finalList(input, null, 0);
    const key = this.#key(input);
    const scored = this.#scores.get(key);
    if (scored) return finalList(input, scored.learned, this.info.learnedWeight);
    if (!this.#requested.has(key)) {
      this.#requested.add(key);
      // after this call returns: state written during a $derived would be refused
      queueMicrotask(() => void this.#score(key, input));
    }
    // meanwhile the latest opinion, so that a new event or a fine-tune does not flash the engine's order
    return finalList(input, this.latest, this.info.learnedWeight);
  }

  /** the ranker's probabilities for the candidates of `input`, when scored */
  learnedFor(input: RecommendInput): ReadonlyMap<string, number> | null {
    return this.#scores.get(this.#key(input))?.learned ?? null;
  }

  async #score(key: string, input: RecommendInput): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#inFlight++;
    const { ids, rows } = scoringRows(input);
    try {
      const learned = learnedMap(ids, await client.score(rows));
      const next = new Map(this.#scores);
      next.set(key, { learned });
      while (next.size > KEPT) next.delete(next.keys().next().value!);
      this.#scores = next;
      this.latest = learned;
    } catch (e) {
      // scoring failed: the engine's order stays; say why on the privacy page
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.#requested.delete(key);
      this.#inFlight--;
    }
  }

  /** Call after storing an event; reactions (thumbs, favourites, dismissals, applications) tune the model. */
  noteEvent(type: EventType, value: number | undefined, current: () => Omit<RecommendInput, 'k' | 'now'>): void {
    if (labelOf(type, value) === null) return;
    if (this.#tuneTimer) clearTimeout(this.#tuneTimer);
    this.#tuneTimer = setTimeout(() => void this.#fineTune(current()), FINE_TUNE_DEBOUNCE_MS);
  }

  async #fineTune(input: Omit<RecommendInput, 'k' | 'now'>): Promise<void> {
    const client = this.#client;
    const db = this.#db;
    if (this.state !== 'ready' || !client || !db) return;
    const ex = feedbackExamples(input);
    if (ex.labels.length < MIN_FINE_TUNE_EXAMPLES) return;
    try {
      const { personal } = await client.fineTune(ex.rows, ex.labels);
      await savePersonal(db, personal);
      if (this.info) this.info = { ...this.info, personalExamples: personal.examples };
      this.#invalidate();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Back to the shipped model (the store has been erased). */
  async reset(): Promise<void> {
    if (this.#tuneTimer) clearTimeout(this.#tuneTimer);
    if (!this.#client) return;
    await this.#client.reset();
    if (this.info) this.info = { ...this.info, personalExamples: 0 };
    this.#forget();
  }

  #invalidate(): void {
    this.#generation++;
    this.#scores = new Map();
  }

  /** Forget the person-specific opinion too (after an erase). */
  #forget(): void {
    this.latest = null;
    this.#invalidate();
  }
}
