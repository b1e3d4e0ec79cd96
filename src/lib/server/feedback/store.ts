/**
 * Where the running aggregates live. The feedback endpoint keeps nothing but these counters: no
 * report, no address, no time finer than the period (see docs/privacy.md).
 *
 * One implementation is SQLite (sqlite-store.ts) for a single instance; a multi-instance deployment
 * implements this interface on a shared database (every operation is an atomic increment, so
 * instances can add concurrently without coordination).
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

export interface AggregateStore {
  /**
   * The cohort (period, ε, parts per report), opened with this domain and these pads if it does
   * not exist yet; an existing cohort keeps the domain and pads it was opened with.
   */
  openCohort(cohort: Cohort, itemIds: readonly string[], pads: Readonly<Record<ReportKind, number>>): CohortRecord;
  /**
   * Add one report's contribution: +1 report, +1 part per part's kind, +1 per supported element.
   * All or nothing (one transaction); returns when it is durable.
   */
  add(cohort: CohortRecord, contribution: ReportContribution): void;
  /** Every cohort's aggregate (optionally only some periods). */
  aggregates(periods?: readonly string[]): Aggregate[];
  /** Reports per period, periods ascending. */
  reportsPerPeriod(): PeriodSummary[];
  /** Throws when the store is not usable. */
  check(): void;
  close(): void;
}
