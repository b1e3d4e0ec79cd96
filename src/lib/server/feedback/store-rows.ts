/**
 * What the SQLite and PostgreSQL stores share: the rows of their common tables (sqlite-store.ts's
 * header lists them) read back into cohorts and aggregates, and the checks a contribution passes
 * before either adds it. Only the SQL differs between the stores.
 */
import { emptyAggregate, sameCohort, type Aggregate, type Cohort, type ReportContribution } from '../../privacy/aggregate';
import { REPORT_KINDS, type ReportKind } from '../../privacy/mechanism';
import type { CohortRecord } from './store';

/** A row of `cohorts`, with `reports` as a JavaScript number. */
export interface CohortRow {
  id: number;
  period: string;
  epsilon: number;
  parts_per_report: number;
  item_ids: string;
  pads: string;
  reports: number;
}

/** The code `counters.kind` stores for a report kind. */
export const kindCode = (kind: ReportKind): number => REPORT_KINDS.indexOf(kind);

/** The key a store caches an opened cohort under. */
export const cohortKey = (c: Cohort): string => `${c.period}|${c.epsilon}|${c.partsPerReport}`;

export function toRecord(row: CohortRow): CohortRecord {
  return {
    id: row.id,
    period: row.period,
    epsilon: row.epsilon,
    partsPerReport: row.parts_per_report,
    itemIds: JSON.parse(row.item_ids) as string[],
    pads: JSON.parse(row.pads) as Record<ReportKind, number>
  };
}

/** Fold a cohort's rows into an Aggregate; a kind or an index this server does not know is ignored. */
export function toAggregate(
  row: CohortRow,
  kindParts: Iterable<{ kind: string; parts: number }>,
  counters: Iterable<{ kind: number; idx: number; count: number }>
): Aggregate {
  const rec = toRecord(row);
  const agg = emptyAggregate(rec, rec.itemIds, rec.pads);
  agg.reports = row.reports;
  for (const { kind, parts } of kindParts) if ((REPORT_KINDS as readonly string[]).includes(kind)) agg.kinds[kind as ReportKind].parts = parts;
  for (const { kind, idx, count } of counters) {
    const k = REPORT_KINDS[kind];
    if (k === undefined) continue;
    const counts = agg.kinds[k].counts;
    if (idx >= 0 && idx < counts.length) counts[idx] = count;
  }
  return agg;
}

/** Why a contribution cannot be added to this cohort (another cohort, other pads), or null when it can. */
export function contributionMismatch(cohort: CohortRecord, contribution: ReportContribution): string | null {
  if (!sameCohort(cohort, contribution.cohort)) return 'contribution belongs to another cohort';
  for (const part of contribution.parts) {
    if (part.pad !== cohort.pads[part.kind]) return `${part.kind} pad ${part.pad} differs from the cohort's ${cohort.pads[part.kind]}`;
  }
  return null;
}
