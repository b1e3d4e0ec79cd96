/**
 * The feedback endpoint's metrics in Prometheus text format (version 0.0.4), kept in memory.
 * Nothing here names a person, an address or a report: counts by refusal reason, a freshness
 * gauge, and reports per period read from the store.
 */
import type { PeriodSummary } from './store';

export const REFUSAL_REASONS = [
  'rate_limited',
  'too_large',
  'unsupported_media_type',
  'malformed',
  'schema_version',
  'invalid',
  'policy',
  'period',
  'storage'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export class FeedbackMetrics {
  accepted = 0;
  readonly refused: Record<RefusalReason, number> = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;
  /** ms since the epoch of the last accepted report (this process), or null */
  lastAcceptedAt: number | null = null;
  readonly startedAt: number;

  constructor(now: number = Date.now()) {
    this.startedAt = now;
  }

  accept(now: number): void {
    this.accepted++;
    this.lastAcceptedAt = now;
  }

  refuse(reason: RefusalReason): void {
    this.refused[reason]++;
  }

  /** Seconds since the last accepted report; NaN before the first one. */
  freshnessSeconds(now: number): number {
    return this.lastAcceptedAt === null ? NaN : Math.max(0, (now - this.lastAcceptedAt) / 1000);
  }

  /** `storeUp`: the store's health check passed (a real write, see sqlite-store.ts); `periods` is null when they could not be read */
  render(now: number, periods: readonly PeriodSummary[] | null, storeUp = periods !== null): string {
    const num = (v: number): string => (Number.isNaN(v) ? 'NaN' : Number.isInteger(v) ? String(v) : v.toFixed(3));
    const lines: string[] = [
      '# HELP candor_feedback_reports_accepted_total LDP reports added to the aggregates.',
      '# TYPE candor_feedback_reports_accepted_total counter',
      `candor_feedback_reports_accepted_total ${this.accepted}`,
      '# HELP candor_feedback_reports_refused_total Feedback requests refused, by reason; a refused request changes no aggregate.',
      '# TYPE candor_feedback_reports_refused_total counter',
      ...REFUSAL_REASONS.map((r) => `candor_feedback_reports_refused_total{reason="${r}"} ${this.refused[r]}`),
      '# HELP candor_feedback_aggregate_freshness_seconds Seconds since this process last accepted a report (NaN before the first).',
      '# TYPE candor_feedback_aggregate_freshness_seconds gauge',
      `candor_feedback_aggregate_freshness_seconds ${num(this.freshnessSeconds(now))}`,
      '# HELP candor_feedback_uptime_seconds Seconds since the feedback service started.',
      '# TYPE candor_feedback_uptime_seconds gauge',
      `candor_feedback_uptime_seconds ${num((now - this.startedAt) / 1000)}`
    ];
    if (periods) {
      lines.push(
        '# HELP candor_feedback_period_reports Reports aggregated per reporting period (ISO week), all ε cohorts.',
        '# TYPE candor_feedback_period_reports gauge',
        ...periods.map((p) => `candor_feedback_period_reports{period="${p.period}"} ${p.reports}`)
      );
    }
    lines.push(
      '# HELP candor_feedback_store_up Whether the aggregate store could be written and is sound (1) or not (0).',
      '# TYPE candor_feedback_store_up gauge',
      `candor_feedback_store_up ${storeUp ? 1 : 0}`
    );
    return `${lines.join('\n')}\n`;
  }
}
