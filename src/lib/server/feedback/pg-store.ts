/**
 * The aggregate store on PostgreSQL (node-postgres `pg`), for any number of Candor servers sharing one
 * database. The tables are the SQLite store's (pg-migrations.ts): counters only.
 *
 * One report is one transaction: kind_parts, then counters, then the cohort's `reports`, then
 * COMMIT; the feedback handler answers 202 only after COMMIT returns, so each acknowledged report is
 * counted exactly once, and a server killed mid-transaction leaves nothing of it (PostgreSQL rolls
 * back a transaction whose connection is gone). Every transaction locks rows in one global order
 * (kind_parts and counters sorted by key, the cohort row last), so concurrent servers cannot
 * deadlock; the cohort row is taken last so that it is held only for the UPDATE and the commit.
 *
 * The pool reconnects by itself after the database restarts or fails over; until it can, every
 * operation rejects (503 at the endpoint) and none crashes the process. Migrations run once per
 * process before the first operation, and again after a failed attempt (at most every `retryMs`).
 */
import pg from 'pg';
import { z } from 'zod';
import type { Aggregate, Cohort, ReportContribution } from '../../privacy/aggregate';
import { REPORT_KINDS, type ReportKind } from '../../privacy/mechanism';
import { assertMigrated, migrate, SCHEMA_LOCK } from './pg-migrations';
import type { CohortRecord, FeedbackStore, PeriodSummary } from './store';
import { cohortKey, contributionMismatch, kindCode, toAggregate, toRecord, type CohortRow } from './store-rows';

/** postgres://user:password@host:port/database?… (or postgresql://); unix sockets via ?host=/dir. */
export const DatabaseUrlSchema = z
  .string()
  .trim()
  .refine((s) => /^postgres(ql)?:\/\//.test(s) && URL.canParse(s), { message: 'must be a postgres://… or postgresql://… URL' });

/** The URL without its password, for logs and CLI output. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export interface PgStoreOptions {
  /** servers migrate (true); the offline jobs only check the schema and never change it */
  migrate?: boolean;
  /** connections per process */
  poolSize?: number;
  /** after a failed start (database down, bad URL), wait this long before trying again */
  retryMs?: number;
  log?: (message: string) => void;
}

const COHORT_COLUMNS = 'id, period, epsilon, parts_per_report, item_ids, pads, reports::float8 AS reports';

/** the deadlock and serialization failures PostgreSQL asks a client to retry */
const RETRYABLE = new Set(['40P01', '40001']);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class PgAggregateStore implements FeedbackStore {
  readonly url: string;
  readonly #opts: Required<Omit<PgStoreOptions, 'log'>> & { log: (m: string) => void };
  #pool: pg.Pool | null = null;
  #ready: Promise<pg.Pool> | null = null;
  #failedAt = -Infinity;
  #error: string | null = null;
  readonly #cohorts = new Map<string, CohortRecord>();
  /** migration versions this process applied (for the start-up log and the tests) */
  applied: number[] = [];

  constructor(url: string, opts: PgStoreOptions = {}) {
    this.url = url;
    this.#opts = { migrate: opts.migrate ?? true, poolSize: opts.poolSize ?? 10, retryMs: opts.retryMs ?? 2000, log: opts.log ?? ((m) => console.error(m)) };
  }

  /** Connected and migrated (or checked): resolves with the pool, or rejects with the reason. */
  ready(): Promise<pg.Pool> {
    if (this.#ready) return this.#ready;
    if (Date.now() - this.#failedAt < this.#opts.retryMs) return Promise.reject(new Error(this.#error ?? 'the aggregate store is unavailable'));
    this.#ready = this.#start().catch((e: unknown) => {
      this.#ready = null;
      this.#failedAt = Date.now();
      this.#fail('could not be opened', e);
      throw e;
    });
    return this.#ready;
  }

  async #start(): Promise<pg.Pool> {
    const url = DatabaseUrlSchema.safeParse(this.url);
    if (!url.success) throw new Error(`CANDOR_DATABASE_URL ${url.error.issues[0]?.message ?? 'is invalid'}`);
    if (!this.#pool) {
      this.#pool = new pg.Pool({
        connectionString: url.data,
        max: this.#opts.poolSize,
        connectionTimeoutMillis: 5000,
        // a database that stops answering gives 503s, not requests that hang
        statement_timeout: 10_000,
        query_timeout: 15_000,
        application_name: 'candor'
      });
      // an idle connection the server closed (restart, failover) is dropped from the pool; unhandled, it would end the process
      this.#pool.on('error', (e) => this.#fail('connection lost', e));
    }
    const client = await this.#pool.connect();
    try {
      if (this.#opts.migrate) this.applied = await migrate(client);
      else await assertMigrated(client);
    } finally {
      client.release();
    }
    return this.#pool;
  }

  #fail(what: string, e: unknown): void {
    const message = `${what}: ${messageOf(e)}`;
    if (message !== this.#error) this.#opts.log(`aggregate store (PostgreSQL ${redactUrl(this.url)}) ${message}`);
    this.#error = message;
  }

  async #run<T>(what: string, op: (pool: pg.Pool) => Promise<T>): Promise<T> {
    const pool = await this.ready();
    try {
      const result = await op(pool);
      if (this.#error !== null) this.#opts.log('aggregate store recovered');
      this.#error = null;
      return result;
    } catch (e) {
      this.#fail(`${what} failed`, e);
      throw e;
    }
  }

  /** BEGIN … COMMIT on one connection, retried when PostgreSQL reports a deadlock or serialization failure. */
  async #transaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(begin);
        const out = await body(client);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch((r: unknown) => (broken = r instanceof Error ? r : new Error(String(r))));
        if (attempt < 3 && RETRYABLE.has(String((e as { code?: unknown }).code))) continue;
        throw e;
      } finally {
        // a connection that could not even roll back is discarded, not handed to the next request
        client.release(broken);
      }
    }
  }

  openCohort(cohort: Cohort, itemIds: readonly string[], pads: Readonly<Record<ReportKind, number>>): Promise<CohortRecord> {
    const key = cohortKey(cohort);
    const cached = this.#cohorts.get(key);
    if (cached) return Promise.resolve(cached);
    return this.#run('openCohort', async (pool) => {
      const find = `SELECT ${COHORT_COLUMNS} FROM cohorts WHERE period = $1 AND epsilon = $2 AND parts_per_report = $3`;
      const args = [cohort.period, cohort.epsilon, cohort.partsPerReport];
      let row = (await pool.query<CohortRow>(find, args)).rows[0];
      if (!row) {
        // two servers opening the same cohort at once: one insert wins, and both read its row
        await pool.query(
          'INSERT INTO cohorts (period, epsilon, parts_per_report, item_ids, pads) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (period, epsilon, parts_per_report) DO NOTHING',
          [...args, JSON.stringify(itemIds), JSON.stringify(pads)]
        );
        row = (await pool.query<CohortRow>(find, args)).rows[0];
      }
      if (!row) throw new Error('cohort could not be created');
      const rec = toRecord(row);
      this.#cohorts.set(key, rec);
      return rec;
    });
  }

  add(cohort: CohortRecord, contribution: ReportContribution): Promise<void> {
    const mismatch = contributionMismatch(cohort, contribution);
    if (mismatch) return Promise.reject(new Error(mismatch));
    const kinds = contribution.parts.map((p) => p.kind);
    const counterKinds: number[] = [];
    const counterIdx: number[] = [];
    for (const part of contribution.parts) {
      const code = kindCode(part.kind);
      for (const idx of part.support) {
        counterKinds.push(code);
        counterIdx.push(idx);
      }
    }
    return this.#run('add', (pool) =>
      this.#transaction(pool, async (client) => {
        await client.query(
          `INSERT INTO kind_parts (cohort, kind, parts)
           SELECT $1, k, count(*) FROM unnest($2::text[]) AS k GROUP BY k ORDER BY k
           ON CONFLICT (cohort, kind) DO UPDATE SET parts = kind_parts.parts + EXCLUDED.parts`,
          [cohort.id, kinds]
        );
        if (counterIdx.length > 0) {
          await client.query(
            `INSERT INTO counters (cohort, kind, idx, count)
             SELECT $1, k, i, count(*) FROM unnest($2::smallint[], $3::bigint[]) AS t(k, i) GROUP BY k, i ORDER BY k, i
             ON CONFLICT (cohort, kind, idx) DO UPDATE SET count = counters.count + EXCLUDED.count`,
            [cohort.id, counterKinds, counterIdx]
          );
        }
        const r = await client.query('UPDATE cohorts SET reports = reports + 1 WHERE id = $1', [cohort.id]);
        if (r.rowCount !== 1) throw new Error(`cohort ${cohort.id} does not exist`);
      })
    );
  }

  aggregates(periods?: readonly string[]): Promise<Aggregate[]> {
    const wanted = periods ? new Set(periods) : undefined;
    return this.#run('aggregates', (pool) =>
      // one snapshot for every cohort, as SQLite's read transaction gives
      this.#transaction(
        pool,
        async (client) => {
          const out: Aggregate[] = [];
          const rows = (await client.query<CohortRow>(`SELECT ${COHORT_COLUMNS} FROM cohorts ORDER BY period, epsilon, parts_per_report`)).rows;
          for (const row of rows) {
            if (wanted && !wanted.has(row.period)) continue;
            const parts = await client.query<{ kind: string; parts: number }>('SELECT kind, parts::float8 AS parts FROM kind_parts WHERE cohort = $1', [
              row.id
            ]);
            const counters = await client.query<{ kind: number; idx: number; count: number }>(
              'SELECT kind, idx::float8 AS idx, count::float8 AS count FROM counters WHERE cohort = $1',
              [row.id]
            );
            out.push(toAggregate(row, parts.rows, counters.rows));
          }
          return out;
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
      )
    );
  }

  reportsPerPeriod(): Promise<PeriodSummary[]> {
    return this.#run('reportsPerPeriod', async (pool) => {
      const r = await pool.query<{ period: string; reports: number }>(
        'SELECT period, SUM(reports)::float8 AS reports FROM cohorts GROUP BY period ORDER BY period'
      );
      return r.rows.map((row) => ({ period: row.period, reports: row.reports }));
    });
  }

  /**
   * Add whole aggregates (another store's counts: `npm run store -- copy`) in one transaction: each
   * cohort is opened with its own domain, or must already have that domain and those pads here; then
   * its reports, parts and counters are added to what is there (servers may already be counting).
   * `digest` names the copied content, and the same content is refused a second time, so a repeated
   * copy cannot count the same reports twice. Rows are locked in add()'s order.
   */
  addAggregates(aggs: readonly Aggregate[], digest: string): Promise<{ cohorts: number; merged: number; reports: number; counters: number }> {
    return this.#run('copy', (pool) =>
      this.#transaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        const key = `copied:${digest}`;
        if ((await client.query('SELECT 1 FROM meta WHERE key = $1', [key])).rowCount)
          throw new Error(`these counts (sha256 ${digest}) were already copied into this database`);
        let merged = 0;
        let reports = 0;
        let counters = 0;
        for (const agg of aggs) {
          const args = [agg.period, agg.epsilon, agg.partsPerReport];
          const pads = Object.fromEntries(REPORT_KINDS.map((k) => [k, agg.kinds[k].pad]));
          const inserted = await client.query(
            'INSERT INTO cohorts (period, epsilon, parts_per_report, item_ids, pads) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (period, epsilon, parts_per_report) DO NOTHING',
            [...args, JSON.stringify(agg.itemIds), JSON.stringify(pads)]
          );
          const row = (
            await client.query<CohortRow>(`SELECT ${COHORT_COLUMNS} FROM cohorts WHERE period = $1 AND epsilon = $2 AND parts_per_report = $3`, args)
          ).rows[0];
          if (!row) throw new Error('cohort could not be created');
          const here = toRecord(row);
          const name = `cohort ${agg.period} ε=${agg.epsilon} ×${agg.partsPerReport}`;
          if (JSON.stringify(here.itemIds) !== JSON.stringify(agg.itemIds))
            throw new Error(`${name} already exists here with another item domain (another catalogue): its counts cannot be added`);
          if (REPORT_KINDS.some((k) => here.pads[k] !== agg.kinds[k].pad)) throw new Error(`${name} already exists here with other pad lengths`);
          if (inserted.rowCount === 0) merged++;
          const kinds = REPORT_KINDS.filter((k) => agg.kinds[k].parts > 0);
          await client.query(
            `INSERT INTO kind_parts (cohort, kind, parts) SELECT $1, k, p FROM unnest($2::text[], $3::bigint[]) AS t(k, p) ORDER BY k
             ON CONFLICT (cohort, kind) DO UPDATE SET parts = kind_parts.parts + EXCLUDED.parts`,
            [row.id, kinds, kinds.map((k) => agg.kinds[k].parts)]
          );
          const codes: number[] = [];
          const idx: number[] = [];
          const counts: number[] = [];
          REPORT_KINDS.forEach((k, code) => {
            agg.kinds[k].counts.forEach((c, i) => {
              if (c === 0) return;
              codes.push(code);
              idx.push(i);
              counts.push(c);
            });
          });
          await client.query(
            `INSERT INTO counters (cohort, kind, idx, count) SELECT $1, k, i, c FROM unnest($2::smallint[], $3::bigint[], $4::bigint[]) AS t(k, i, c) ORDER BY k, i
             ON CONFLICT (cohort, kind, idx) DO UPDATE SET count = counters.count + EXCLUDED.count`,
            [row.id, codes, idx, counts]
          );
          await client.query('UPDATE cohorts SET reports = reports + $2 WHERE id = $1', [row.id, agg.reports]);
          reports += agg.reports;
          counters += codes.length;
        }
        await client.query("INSERT INTO meta (key, value) VALUES ($1, '1')", [key]);
        return { cohorts: aggs.length, merged, reports, counters };
      })
    );
  }

  /**
   * Rejects unless the database takes a real write: `SELECT 1` answers from a read-only replica
   * (after a failover gone wrong) or a primary out of disk too. The write is a counter in meta — no
   * time, nothing about anyone — committed like a report.
   */
  check(): Promise<void> {
    return this.#run('health check', async (pool) => {
      await pool.query("INSERT INTO meta (key, value) VALUES ('health_checks', '1') ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text");
    });
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.#ready = null;
    if (pool) await pool.end();
  }
}
