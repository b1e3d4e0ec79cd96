/**
 * The feedback service of one server process: the SQLite aggregate store at CANDOR_DB (default
 * data/candor.sqlite, opened — its folder created — on first use), the in-memory rate limiter and metrics, and the
 * handler. Created on first use and kept for the life of the process.
 */
import { resolve } from 'node:path';
import { serverCatalogue } from '../catalogue';
import { createFeedbackHandler, type FeedbackHandler } from './handler';
import { RateLimiter } from './limiter';
import { FeedbackMetrics } from './metrics';
import { RecoveringStore } from './recovering-store';
import { SqliteAggregateStore } from './sqlite-store';
import type { AggregateStore } from './store';

export const DEFAULT_DB_PATH = 'data/candor.sqlite';

/** The process environment (reads CANDOR_DB and CANDOR_CATALOGUE). */
export type FeedbackEnv = Readonly<Record<string, string | undefined>>;

export interface FeedbackService {
  readonly dbPath: string;
  readonly store: AggregateStore;
  readonly metrics: FeedbackMetrics;
  readonly limiter: RateLimiter;
  readonly handle: FeedbackHandler;
}

let service: FeedbackService | null = null;

/** The catalogue's product ids, sorted: the domain of newly opened cohorts. */
export function catalogueItemIds(env: FeedbackEnv): string[] {
  return serverCatalogue(env['CANDOR_CATALOGUE']).catalogue.products.map((p) => p.id).sort();
}

export function feedbackService(env: FeedbackEnv): FeedbackService {
  if (service) return service;
  const dbPath = resolve(env['CANDOR_DB'] || DEFAULT_DB_PATH);
  // opened on first use, and again after a failure: a broken file is a 503, never a crashed route
  const store = new RecoveringStore(() => new SqliteAggregateStore(dbPath));
  const metrics = new FeedbackMetrics();
  const limiter = new RateLimiter();
  let ids: string[] | null = null;
  const handle = createFeedbackHandler({ store, metrics, limiter, itemIds: () => (ids ??= catalogueItemIds(env)) });
  service = { dbPath, store, metrics, limiter, handle };
  return service;
}

/** Store health for /healthz and /metrics: ok (a real write went through and the file is sound), or the reason it is not. */
export function storeHealth(s: FeedbackService): { ok: true } | { ok: false; error: string } {
  try {
    s.store.check();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
