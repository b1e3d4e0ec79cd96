/**
 * The feedback service of one server process: the aggregate store — PostgreSQL at CANDOR_DATABASE_URL
 * when it is set (shared by every server on that database), otherwise the SQLite file at CANDOR_DB
 * (default data/candor.sqlite, opened — its folder created — on first use) — the in-memory rate
 * limiter and metrics (this instance's), and the handler. Created on first use and kept for the life
 * of the process.
 */
import { resolve } from 'node:path';
import { serverCatalogue } from '../catalogue';
import { createFeedbackHandler, type FeedbackHandler } from './handler';
import { RateLimiter } from './limiter';
import { FeedbackMetrics } from './metrics';
import { PgAggregateStore, redactUrl } from './pg-store';
import { RecoveringStore } from './recovering-store';
import { SqliteAggregateStore } from './sqlite-store';
import type { FeedbackStore } from './store';

export const DEFAULT_DB_PATH = 'data/candor.sqlite';

/** The process environment (reads CANDOR_DATABASE_URL, CANDOR_DB and CANDOR_CATALOGUE). */
export type FeedbackEnv = Readonly<Record<string, string | undefined>>;

export interface FeedbackService {
  /** the SQLite file, or the PostgreSQL URL without its password */
  readonly location: string;
  readonly store: FeedbackStore;
  readonly metrics: FeedbackMetrics;
  readonly limiter: RateLimiter;
  readonly handle: FeedbackHandler;
}

let service: FeedbackService | null = null;

/** The catalogue's product ids, sorted: the domain of newly opened cohorts. */
export function catalogueItemIds(env: FeedbackEnv): string[] {
  return serverCatalogue(env['CANDOR_CATALOGUE'])
    .catalogue.products.map((p) => p.id)
    .sort();
}

export function feedbackService(env: FeedbackEnv): FeedbackService {
  if (service) return service;
  const url = env['CANDOR_DATABASE_URL']?.trim();
  const dbPath = resolve(env['CANDOR_DB'] || DEFAULT_DB_PATH);
  // opened on first use, and again after a failure: a broken file or an unreachable database is a 503, never a crashed route
  const store: FeedbackStore = url ? new PgAggregateStore(url) : new RecoveringStore(() => new SqliteAggregateStore(dbPath));
  const location = url ? redactUrl(url) : dbPath;
  const metrics = new FeedbackMetrics();
  const limiter = new RateLimiter();
  let ids: string[] | null = null;
  const handle = createFeedbackHandler({ store, metrics, limiter, itemIds: () => (ids ??= catalogueItemIds(env)) });
  service = { location, store, metrics, limiter, handle };
  return service;
}

/**
 * At server start: a PostgreSQL store connects and applies its migrations now (safe when several
 * servers start at once: pg-migrations.ts), so the schema is in place before the first report; if
 * the database is down the server still starts and serves, answering 503 for feedback until it is
 * back. The SQLite file stays opened on first use.
 */
export async function startFeedbackStore(env: FeedbackEnv, log: (m: string) => void = console.log): Promise<void> {
  const s = feedbackService(env);
  if (!(s.store instanceof PgAggregateStore)) return;
  try {
    await s.store.ready();
    const applied = s.store.applied;
    log(`aggregate store: PostgreSQL ${s.location}${applied.length > 0 ? ` (applied migration ${applied.join(', ')})` : ''}`);
  } catch {
    // already logged by the store, which retries on the next request
  }
}

/** Store health for /healthz and /metrics: ok (a real write went through and the store is sound), or the reason it is not. */
export async function storeHealth(s: FeedbackService): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await s.store.check();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
