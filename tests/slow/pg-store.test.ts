/**
 * The PostgreSQL aggregate store (src/lib/server/feedback/pg-store.ts) on a real, throwaway cluster:
 * the feedback handler adds exactly what the in-memory Aggregator and the SQLite store add;
 * concurrent first starts migrate once; nothing but counters is stored (the columns docs/privacy.md
 * lists); the health check is a real write (it fails on a read-only database); an unreachable
 * database or a bad URL is a clear rejection, not a crash; `estimate` and `train` read the database;
 * `store copy` moves a SQLite store's counts across exactly once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEstimateArgs, runEstimate, runEstimateFrom } from '../../src/cli/estimate';
import { startCluster, type PgCluster } from '../../src/cli/pg-cluster';
import { parseStoreArgs, runStore } from '../../src/cli/store';
import { parseGramJson, parseTrainArgs, runTrainFrom } from '../../src/cli/train';
import { Aggregator, type Aggregate } from '../../src/lib/privacy/aggregate';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { periodOf, shiftPeriod } from '../../src/lib/privacy/period';
import { createFeedbackHandler } from '../../src/lib/server/feedback/handler';
import { RateLimiter } from '../../src/lib/server/feedback/limiter';
import { FeedbackMetrics } from '../../src/lib/server/feedback/metrics';
import { PgAggregateStore } from '../../src/lib/server/feedback/pg-store';
import { SqliteAggregateStore } from '../../src/lib/server/feedback/sqlite-store';
import type { FeedbackStore } from '../../src/lib/server/feedback/store';
import { describePg } from '../fixtures/pg/describe-pg';
import { syntheticIds, syntheticReport } from '../fixtures/privacy/reports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = Date.parse('2026-11-25T12:00:00Z');
const PERIOD = periodOf(NOW);
const ITEMS = syntheticIds(40);

function dump(aggs: readonly Aggregate[]): unknown {
  return aggs.map((a) => ({
    period: a.period,
    epsilon: a.epsilon,
    m: a.partsPerReport,
    itemIds: a.itemIds,
    reports: a.reports,
    kinds: Object.fromEntries(Object.entries(a.kinds).map(([k, v]) => [k, { parts: v.parts, pad: v.pad, counts: Array.from(v.counts) }]))
  }));
}

/** Send reports (seed, i) for i in [from, to) through the real handler into `store`, each from its own address. */
async function feed(
  store: FeedbackStore,
  seed: number,
  from: number,
  to: number,
  opts: { period?: string; epsilon?: number; now?: number } = {}
): Promise<void> {
  const handle = createFeedbackHandler({
    store,
    metrics: new FeedbackMetrics(NOW),
    limiter: new RateLimiter(),
    itemIds: () => ITEMS,
    now: () => opts.now ?? NOW
  });
  for (let i = from; i < to; i++) {
    const report = syntheticReport(seed, i, ITEMS, opts.period ?? PERIOD, opts.epsilon ?? 4);
    const req = new Request('http://localhost/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
    const res = await handle(req, `10.1.${Math.floor(i / 250)}.${i % 250}`);
    expect(res.status, await res.clone().text()).toBe(202);
  }
}

let cluster: PgCluster;
let dir: string;
let n = 0;
const open: PgAggregateStore[] = [];
const fresh = async (): Promise<string> => cluster.createDatabase(`t${++n}`);
const pgStore = (url: string, opts: ConstructorParameters<typeof PgAggregateStore>[1] = {}): PgAggregateStore => {
  const s = new PgAggregateStore(url, { log: () => undefined, ...opts });
  open.push(s);
  return s;
};

describePg('PostgreSQL aggregate store', () => {
  beforeAll(async () => {
    cluster = await startCluster({ fsync: false });
    dir = mkdtempSync(join(tmpdir(), 'candor-pg-test-'));
  });
  afterAll(async () => {
    for (const s of open) await s.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds through the handler exactly what the in-memory Aggregator and the SQLite store add', async () => {
    const store = pgStore(await fresh());
    const sqlite = new SqliteAggregateStore(':memory:');
    const reference = new Aggregator({ period: PERIOD, epsilon: 4, partsPerReport: 1 }, ITEMS, { padLength: DEFAULT_PAD_LENGTH });
    for (let i = 0; i < 60; i++) reference.add(syntheticReport(21, i, ITEMS, PERIOD, 4));
    await feed(store, 21, 0, 60);
    await feed(sqlite, 21, 0, 60);
    await feed(store, 22, 0, 5, { epsilon: 1 });
    await feed(sqlite, 22, 0, 5, { epsilon: 1 });
    const stored = await store.aggregates();
    expect(dump(stored)).toEqual(dump(sqlite.aggregates()));
    expect(dump(stored.filter((a) => a.epsilon === 4))).toEqual(dump([reference.aggregate]));
    expect(await store.reportsPerPeriod()).toEqual([{ period: PERIOD, reports: 65 }]);
    expect((await store.aggregates([shiftPeriod(PERIOD, -1)])).length).toBe(0);
    sqlite.close();
  });

  it('several stores migrating one empty database at once apply each migration once, without error', async () => {
    const url = await fresh();
    const stores = [pgStore(url), pgStore(url), pgStore(url)];
    await Promise.all(stores.map((s) => s.ready()));
    expect(stores.map((s) => s.applied).flat()).toEqual([1]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('holds counters only: every column is one docs/privacy.md lists, none a person, device, request or time', async () => {
    const url = await fresh();
    await feed(pgStore(url), 3, 0, 3);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const cols = await client.query<{ t: string; c: string; type: string }>(
        "SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
      );
      expect(cols.rows.map((r) => `${r.t}.${r.c}`)).toEqual([
        'cohorts.id',
        'cohorts.period',
        'cohorts.epsilon',
        'cohorts.parts_per_report',
        'cohorts.item_ids',
        'cohorts.pads',
        'cohorts.reports',
        'counters.cohort',
        'counters.kind',
        'counters.idx',
        'counters.count',
        'kind_parts.cohort',
        'kind_parts.kind',
        'kind_parts.parts',
        'meta.key',
        'meta.value',
        'schema_migrations.version',
        'schema_migrations.name'
      ]);
      expect(cols.rows.some((r) => /time|date|interval/.test(r.type))).toBe(false);
      expect((await client.query('SELECT key FROM meta')).rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('checks health by a real write: fails on a read-only database, and an unreachable one or a bad URL is a clear rejection', async () => {
    const url = await fresh();
    const store = pgStore(url);
    await store.check();
    await store.check();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    try {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      // like a replica after a failover gone wrong: SELECT works, the write does not
      const readOnly = pgStore(url, { migrate: false });
      await expect(readOnly.reportsPerPeriod()).resolves.toEqual([]);
      await expect(readOnly.check()).rejects.toThrow(/read-only/);
      await admin.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    } finally {
      await admin.end();
    }
    const down = pgStore(`postgres://candor@127.0.0.1:1/x`, { retryMs: 0 });
    await expect(down.check()).rejects.toThrow(/ECONNREFUSED/);
    const bad = pgStore('mysql://nope', { retryMs: 0 });
    await expect(bad.check()).rejects.toThrow(/CANDOR_DATABASE_URL must be a postgres/);
  });

  it('estimate and train read the database (--db-url) and agree with the same counts in SQLite', async () => {
    const url = await fresh();
    const sqlitePath = join(dir, 'same.sqlite');
    const sqlite = new SqliteAggregateStore(sqlitePath);
    await feed(pgStore(url), 31, 0, 80);
    await feed(sqlite, 31, 0, 80);
    sqlite.close();
    const fromPg = await runEstimateFrom(parseEstimateArgs(['--db-url', url, '--gram-out', join(dir, 'pg-gram.json'), '--raw'], {}));
    const fromSqlite = runEstimate(parseEstimateArgs(['--db', sqlitePath, '--gram-out', join(dir, 'sqlite-gram.json'), '--raw'], {}));
    expect(fromPg['reports']).toBe(80);
    expect(fromPg['db']).toBe(url);
    expect(readFileSync(join(dir, 'pg-gram.json'), 'utf8')).toBe(readFileSync(join(dir, 'sqlite-gram.json'), 'utf8'));
    expect(fromSqlite['reports']).toBe(80);
    // CANDOR_DATABASE_URL is the default source, as for the server; --db overrides it
    expect(parseEstimateArgs([], { CANDOR_DATABASE_URL: url }).source).toEqual({ kind: 'postgres', url });
    expect(parseEstimateArgs(['--db', 'x.sqlite'], { CANDOR_DATABASE_URL: url }).source).toEqual({ kind: 'sqlite', path: 'x.sqlite' });
    expect(() => parseEstimateArgs(['--db', 'x', '--db-url', url], {})).toThrow(/not both/);
    expect(() => parseEstimateArgs(['--db-url', 'http://x'], {})).toThrow(/postgres/);

    const trained = await runTrainFrom(
      parseTrainArgs(['--db-url', url, '--algo', 'ease', '--out', join(dir, 'factors-pg'), '--created', '2026-11-25T00:00:00Z']),
      () => ''
    );
    const viaFile = await runTrainFrom(
      parseTrainArgs(['--db', sqlitePath, '--algo', 'ease', '--out', join(dir, 'factors-sqlite'), '--created', '2026-11-25T00:00:00Z']),
      () => ''
    );
    expect(trained['sha256']).toBe(viaFile['sha256']);
    expect(trained['items']).toBe(ITEMS.length);

    // the CLI itself: JSON on stdout; an unreachable database is one line on stderr and exit 1
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/estimate.ts', '--db-url', url, '--counts-out', join(dir, 'counts.json')], {
      cwd: ROOT,
      encoding: 'utf8'
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { reports: number }).reports).toBe(80);
    const down = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/estimate.ts', '--db-url', 'postgres://candor@127.0.0.1:1/x'], {
      cwd: ROOT,
      encoding: 'utf8'
    });
    expect(down.status).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    // a database no server ever migrated is named as such, and left unchanged
    const empty = await fresh();
    await expect(runEstimateFrom(parseEstimateArgs(['--db-url', empty], {}))).rejects.toThrow(/never migrated/);
    expect(parseGramJson(readFileSync(join(dir, 'pg-gram.json'), 'utf8')).itemIds).toEqual(ITEMS);
  });

  it('store copy adds a SQLite store into PostgreSQL once, merging with what servers already counted there', async () => {
    const url = await fresh();
    const sqlitePath = join(dir, 'old.sqlite');
    const old = new SqliteAggregateStore(sqlitePath);
    await feed(old, 41, 0, 50);
    await feed(old, 42, 0, 10, { period: shiftPeriod(PERIOD, -1), now: NOW - 7 * 86_400_000, epsilon: 2 });
    old.close();
    // servers on PostgreSQL already counted reports 50..69 of the same week
    const live = pgStore(url);
    await feed(live, 41, 50, 70);
    const out = await runStore(parseStoreArgs(['copy', '--from', sqlitePath, '--to', url], {}));
    expect(out).toMatchObject({ cohorts: 2, merged: 1, reports: 60 });
    const all = new SqliteAggregateStore(':memory:');
    await feed(all, 41, 0, 70);
    await feed(all, 42, 0, 10, { period: shiftPeriod(PERIOD, -1), now: NOW - 7 * 86_400_000, epsilon: 2 });
    expect(dump(await live.aggregates())).toEqual(dump(all.aggregates()));
    all.close();
    // the same counts a second time are refused, and change nothing
    await expect(runStore(parseStoreArgs(['copy', '--from', sqlitePath, '--to', url], {}))).rejects.toThrow(/already copied/);
    expect((await live.reportsPerPeriod()).reduce((s, p) => s + p.reports, 0)).toBe(80);
    // migrate: applied already; a bad invocation is a one-line error
    expect(await runStore(parseStoreArgs(['migrate', '--db-url', url], {}))).toEqual({ database: url, applied: [], schema: 1 });
    expect(() => parseStoreArgs(['copy', '--to', url], {})).toThrow(/--from/);
    expect(() => parseStoreArgs(['migrate'], {})).toThrow(/CANDOR_DATABASE_URL/);
    expect(() => parseStoreArgs(['copy', '--from', 'x', '--bogus', 'y'], {})).toThrow(/bogus/);
    expect(() => parseStoreArgs(['drop'], {})).toThrow(/unknown command/);
  });
});
