/**
 * AggregateStore on SQLite (better-sqlite3, WAL, synchronous=FULL): a report's increments are one
 * transaction, so a crash (even SIGKILL in the middle of a write) leaves every committed report
 * counted and no partial one. Tables hold counters only:
 *
 *   cohorts(id, period, epsilon, parts_per_report, item_ids JSON, pads JSON, reports)
 *   kind_parts(cohort, kind, parts)
 *   counters(cohort, kind, idx, count)        idx: item index, or pairIndex(i, j, d) for `pair`
 *   meta(key, value)                          the schema version, and how many health checks wrote to it
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Aggregate, Cohort, ReportContribution } from '../../privacy/aggregate';
import type { ReportKind } from '../../privacy/mechanism';
import type { AggregateStore, CohortRecord, PeriodSummary } from './store';
import { cohortKey, contributionMismatch, kindCode, toAggregate, toRecord, type CohortRow } from './store-rows';

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cohorts (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  epsilon REAL NOT NULL,
  parts_per_report INTEGER NOT NULL,
  item_ids TEXT NOT NULL,
  pads TEXT NOT NULL,
  reports INTEGER NOT NULL DEFAULT 0,
  UNIQUE (period, epsilon, parts_per_report)
);
CREATE TABLE IF NOT EXISTS kind_parts (
  cohort INTEGER NOT NULL REFERENCES cohorts(id),
  kind TEXT NOT NULL,
  parts INTEGER NOT NULL,
  PRIMARY KEY (cohort, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (
  cohort INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (cohort, kind, idx)
) WITHOUT ROWID;
`;

export interface SqliteStoreOptions {
  /** synchronous=FULL (default) also survives power loss; NORMAL survives process crashes only */
  synchronous?: 'FULL' | 'NORMAL';
}

export class SqliteAggregateStore implements AggregateStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly cohortCache = new Map<string, CohortRecord>();
  private readonly stmt: {
    findCohort: Database.Statement<[string, number, number], CohortRow>;
    insertCohort: Database.Statement<[string, number, number, string, string]>;
    bumpReports: Database.Statement<[number]>;
    bumpParts: Database.Statement<[number, string]>;
    bumpCounters: Database.Statement<[number, number, string]>;
    allCohorts: Database.Statement<[], CohortRow>;
    kindParts: Database.Statement<[number], { kind: string; parts: number }>;
    counters: Database.Statement<[number], { kind: number; idx: number; count: number }>;
    perPeriod: Database.Statement<[], { period: string; reports: number }>;
    healthWrite: Database.Statement<[]>;
  };
  private readonly addTx: Database.Transaction<(cohort: CohortRecord, c: ReportContribution) => void>;

  /** Open (creating the file and its folder when missing) a store at `path` (":memory:" for tests). */
  constructor(path: string, opts: SqliteStoreOptions = {}) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const version = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get();
    if (!version) this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    else if (version.value !== SCHEMA_VERSION) throw new Error(`${path}: aggregate store schema ${version.value}, this server knows ${SCHEMA_VERSION}`);
    this.stmt = {
      findCohort: this.db.prepare('SELECT * FROM cohorts WHERE period = ? AND epsilon = ? AND parts_per_report = ?'),
      insertCohort: this.db.prepare('INSERT OR IGNORE INTO cohorts (period, epsilon, parts_per_report, item_ids, pads) VALUES (?, ?, ?, ?, ?)'),
      bumpReports: this.db.prepare('UPDATE cohorts SET reports = reports + 1 WHERE id = ?'),
      bumpParts: this.db.prepare('INSERT INTO kind_parts (cohort, kind, parts) VALUES (?, ?, 1) ON CONFLICT (cohort, kind) DO UPDATE SET parts = parts + 1'),
      // one statement per part: SQLite loops over the JSON array of supported indices itself
      bumpCounters: this.db.prepare(
        'INSERT INTO counters (cohort, kind, idx, count) SELECT ?, ?, value, 1 FROM json_each(?) WHERE true ON CONFLICT (cohort, kind, idx) DO UPDATE SET count = count + 1'
      ),
      allCohorts: this.db.prepare('SELECT * FROM cohorts ORDER BY period, epsilon, parts_per_report'),
      kindParts: this.db.prepare('SELECT kind, parts FROM kind_parts WHERE cohort = ?'),
      counters: this.db.prepare('SELECT kind, idx, count FROM counters WHERE cohort = ?'),
      perPeriod: this.db.prepare('SELECT period, SUM(reports) AS reports FROM cohorts GROUP BY period ORDER BY period'),
      healthWrite: this.db.prepare(
        "INSERT INTO meta (key, value) VALUES ('health_checks', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
      )
    };
    this.addTx = this.db.transaction((cohort: CohortRecord, c: ReportContribution) => {
      const r = this.stmt.bumpReports.run(cohort.id);
      if (r.changes !== 1) throw new Error(`cohort ${cohort.id} does not exist`);
      for (const part of c.parts) {
        this.stmt.bumpParts.run(cohort.id, part.kind);
        if (part.support.length > 0) this.stmt.bumpCounters.run(cohort.id, kindCode(part.kind), JSON.stringify(Array.from(part.support)));
      }
    });
  }

  openCohort(cohort: Cohort, itemIds: readonly string[], pads: Readonly<Record<ReportKind, number>>): CohortRecord {
    const key = cohortKey(cohort);
    const cached = this.cohortCache.get(key);
    if (cached) return cached;
    this.stmt.insertCohort.run(cohort.period, cohort.epsilon, cohort.partsPerReport, JSON.stringify(itemIds), JSON.stringify(pads));
    const row = this.stmt.findCohort.get(cohort.period, cohort.epsilon, cohort.partsPerReport);
    if (!row) throw new Error('cohort could not be created');
    const rec = toRecord(row);
    this.cohortCache.set(key, rec);
    return rec;
  }

  add(cohort: CohortRecord, contribution: ReportContribution): void {
    const mismatch = contributionMismatch(cohort, contribution);
    if (mismatch) throw new Error(mismatch);
    this.addTx.immediate(cohort, contribution);
  }

  aggregates(periods?: readonly string[]): Aggregate[] {
    const wanted = periods ? new Set(periods) : undefined;
    const out: Aggregate[] = [];
    const read = this.db.transaction(() => {
      for (const row of this.stmt.allCohorts.all()) {
        if (wanted && !wanted.has(row.period)) continue;
        out.push(toAggregate(row, this.stmt.kindParts.all(row.id), this.stmt.counters.iterate(row.id)));
      }
    });
    read();
    return out;
  }

  reportsPerPeriod(): PeriodSummary[] {
    return this.stmt.perPeriod.all().map((r) => ({ period: r.period, reports: Number(r.reports) }));
  }

  /**
   * Throws unless the store can be written and is sound. `SELECT 1` answers from a read-only or
   * damaged file too, so this commits a real write (a counter in meta: no time, nothing about anyone)
   * and runs quick_check, which reads every page (milliseconds for an aggregate store of a few MB).
   */
  check(): void {
    this.stmt.healthWrite.run();
    const verdict = this.db.pragma('quick_check(1)', { simple: true });
    if (verdict !== 'ok') throw new Error(`the database file is damaged: ${String(verdict)}`);
  }

  /** PRAGMA integrity_check's answer ("ok" when sound). */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
