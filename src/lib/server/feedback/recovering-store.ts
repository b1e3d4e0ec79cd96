/**
 * The aggregate store as the server holds it: opened on first use rather than at start, so that a
 * file that cannot be opened (damaged, read-only, a full disk) gives 503 and `store_up 0` instead of
 * a crashed route; and given up after any failure, so that the next call opens the file again and
 * the server recovers by itself once the file is repaired or replaced (a handle kept open would go
 * on reading the old, broken file). Failures and recoveries are logged once each, not per request.
 */
import type { AggregateStore } from './store';

export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export interface RecoveringStoreOptions {
  /** after a failed open, wait this long before trying again (a storm of POSTs must not reopen per request) */
  retryMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class RecoveringStore implements AggregateStore {
  readonly #open: () => AggregateStore;
  readonly #retryMs: number;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  #store: AggregateStore | null = null;
  /** the last failure, while the store is down */
  #error: string | null = null;
  #openFailedAt = -Infinity;

  constructor(open: () => AggregateStore, opts: RecoveringStoreOptions = {}) {
    this.#open = open;
    this.#retryMs = opts.retryMs ?? 2000;
    this.#log = opts.log ?? ((m) => console.error(m));
    this.#now = opts.now ?? Date.now;
  }

  /** whether the last operation succeeded (false before the first one fails, too) */
  get up(): boolean {
    return this.#error === null;
  }

  #fail(what: string, e: unknown): void {
    const message = `${what}: ${messageOf(e)}`;
    if (message !== this.#error) this.#log(`aggregate store ${message}`);
    this.#error = message;
  }

  #get(): AggregateStore {
    if (this.#store) return this.#store;
    if (this.#now() - this.#openFailedAt < this.#retryMs) throw new StoreUnavailableError(this.#error ?? 'the aggregate store is unavailable');
    try {
      this.#store = this.#open();
      return this.#store;
    } catch (e) {
      this.#openFailedAt = this.#now();
      this.#fail('could not be opened', e);
      throw new StoreUnavailableError(this.#error ?? messageOf(e));
    }
  }

  #run<T>(what: string, op: (s: AggregateStore) => T): T {
    const store = this.#get();
    let result: T;
    try {
      result = op(store);
    } catch (e) {
      this.#fail(`${what} failed`, e);
      this.#store = null;
      try {
        store.close();
      } catch {
        // already broken: the next call opens the file afresh
      }
      throw e;
    }
    if (this.#error !== null) this.#log('aggregate store recovered');
    this.#error = null;
    return result;
  }

  openCohort(...args: Parameters<AggregateStore['openCohort']>) {
    return this.#run('openCohort', (s) => s.openCohort(...args));
  }

  add(...args: Parameters<AggregateStore['add']>) {
    this.#run('add', (s) => s.add(...args));
  }

  aggregates(periods?: readonly string[]) {
    return this.#run('aggregates', (s) => s.aggregates(periods));
  }

  reportsPerPeriod() {
    return this.#run('reportsPerPeriod', (s) => s.reportsPerPeriod());
  }

  check(): void {
    this.#run('health check', (s) => s.check());
  }

  close(): void {
    this.#store?.close();
    this.#store = null;
  }
}
