/**
 * Where the offline jobs (`estimate`, `train`, `store copy`) read the server's aggregates from: the
 * SQLite file (`--db`, CANDOR_DB, default data/candor.sqlite) or PostgreSQL (`--db-url`,
 * CANDOR_DATABASE_URL) — the same choice, and the same precedence, as the server's: a URL in the
 * environment wins over the default file, and an explicit flag over the environment.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Aggregate } from '../lib/privacy/aggregate';
import { REPORT_KINDS } from '../lib/privacy/mechanism';
import { DatabaseUrlSchema, PgAggregateStore, redactUrl } from '../lib/server/feedback/pg-store';
import { DEFAULT_DB_PATH } from '../lib/server/feedback/service';
import { SqliteAggregateStore } from '../lib/server/feedback/sqlite-store';
import { CliError } from './io';

export type AggregateSource = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Pick the source from `--db` / `--db-url` and the environment; a bad URL is a one-line CliError. */
export function aggregateSource(db: string | undefined, dbUrl: string | undefined, env: Readonly<Record<string, string | undefined>>): AggregateSource {
  if (db !== undefined && dbUrl !== undefined) throw new CliError('give --db FILE or --db-url URL, not both');
  const url = dbUrl ?? (db === undefined ? env['CANDOR_DATABASE_URL']?.trim() || undefined : undefined);
  if (url !== undefined) {
    const parsed = DatabaseUrlSchema.safeParse(url);
    if (!parsed.success) throw new CliError(`--db-url ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return { kind: 'postgres', url: parsed.data };
  }
  return { kind: 'sqlite', path: db ?? env['CANDOR_DB'] ?? DEFAULT_DB_PATH };
}

/** How the source is named in output: the resolved file, or the URL without its password. */
export function describeSource(s: AggregateSource): string {
  return s.kind === 'sqlite' ? resolve(s.path) : redactUrl(s.url);
}

/** The SQLite file's aggregates (it must exist: reading must not create an empty store). */
export function readSqliteAggregates(path: string): Aggregate[] {
  if (!existsSync(path)) throw new CliError(`aggregate store ${path}: file not found`);
  const store = new SqliteAggregateStore(path);
  try {
    return store.aggregates();
  } finally {
    store.close();
  }
}

/** Every cohort's aggregate from either store; the database's schema is checked, never changed. */
export async function readAggregates(s: AggregateSource): Promise<Aggregate[]> {
  if (s.kind === 'sqlite') return readSqliteAggregates(s.path);
  const store = new PgAggregateStore(s.url, { migrate: false, poolSize: 2, retryMs: 0, log: () => undefined });
  try {
    return await store.aggregates();
  } catch (e) {
    throw new CliError(`aggregate store ${redactUrl(s.url)}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await store.close();
  }
}

/** sha256 of the aggregates' content (cohorts, pads, parts, counters): names a copy, identifies no one. */
export function aggregatesDigest(aggs: readonly Aggregate[]): string {
  const h = createHash('sha256');
  for (const a of aggs) {
    h.update(JSON.stringify([a.period, a.epsilon, a.partsPerReport, a.reports, a.itemIds]));
    for (const k of REPORT_KINDS) h.update(JSON.stringify([k, a.kinds[k].pad, a.kinds[k].parts, Array.from(a.kinds[k].counts)]));
  }
  return h.digest('hex');
}
