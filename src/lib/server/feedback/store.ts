/**
 * Where the running aggregates live. The feedback endpoint keeps nothing but these counters: no
 * report, no address, no time finer than the period (see docs/privacy.md).
 *
 * Two implementations: SQLite (sqlite-store.ts, the embedded default, one instance) answers at once;
 * PostgreSQL (pg-store.ts, any number of instances on one database) answers with promises. Every
 * operation is an atomic increment, so instances add concurrently without coordinating.
 */
import type { Aggregate, Cohort, ReportContribution } from '../../privacy/aggregate';
import type { ReportKind } from '../../privacy/mechanism';

export interface CohortRecord extends Cohort {
  /** store-local id */
  readonly id: number;
  /** the item domain fixed when the cohort was opened (sorted) */
  readonly itemIds: readonly string[];
  readonly pads: Readonly<Record<ReportKind, number>>;
}

export interface PeriodSummary {
  readonly period: string;
  readonly reports: number;
}

/** A value now (SQLite) or later (PostgreSQL): callers `await` either. */
export type Awaitable<T> = T | Promise<T>;

/** What the feedback endpoint, /healthz and /metrics use: either store. */
export interface FeedbackStore {
  /**
   * The cohort (period, ε, parts per report), opened with this domain and these pads if it does
   * not exist yet; an existing cohort keeps the domain and pads it was opened with.
   */
  openCohort(cohort: Cohort, itemIds: readonly string[], pads: Readonly<Record<ReportKind, number>>): Awaitable<CohortRecord>;
  /**
   * Add one report's contribution: +1 report, +1 part per part's kind, +1 per supported element.
   * All or nothing (one transaction); returns (resolves) when it is durable.
   */
  add(cohort: CohortRecord, contribution: ReportContribution): Awaitable<void>;
  /** Every cohort's aggregate (optionally only some periods). */
  aggregates(periods?: readonly string[]): Awaitable<Aggregate[]>;
  /** Reports per period, periods ascending. */
  reportsPerPeriod(): Awaitable<PeriodSummary[]>;
  /** Throws (rejects) when the store is not usable: a real write must go through. */
  check(): Awaitable<void>;
  close(): Awaitable<void>;
}

/** The same operations answered at once (SQLite, and the recovering wrapper around it). */
export interface AggregateStore extends FeedbackStore {
  openCohort(cohort: Cohort, itemIds: readonly string[], pads: Readonly<Record<ReportKind, number>>): CohortRecord;
  add(cohort: CohortRecord, contribution: ReportContribution): void;
  aggregates(periods?: readonly string[]): Aggregate[];
  reportsPerPeriod(): PeriodSummary[];
  check(): void;
  close(): void;
}
