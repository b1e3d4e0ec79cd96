/**
 * The device's privacy-budget ledger: what ε it has spent, per period and in total. Pure and
 * immutable (spend returns a new ledger), so it can live in IndexedDB and in reactive UI state.
 *
 * Accounting is by basic sequential composition: ε spent in one period is the sum of the ε of the
 * reports sent for it, and the total is the sum over periods. Limits: at most `perPeriod` per period
 * (default MAX_EPSILON_PER_PERIOD = 4) and optionally a lifetime `total`. A report is sent only
 * after its ε has been recorded here (spend first, then upload — a failed upload that is retried
 * resends the same bytes and spends nothing new).
 */
import { z } from 'zod';
import { MAX_EPSILON_PER_PERIOD } from './mechanism';
import { isPeriod } from './period';

/** Float tolerance for comparing sums of ε against limits. */
const TOLERANCE = 1e-9;

export interface LedgerLimits {
  /** most ε per period (default 4) */
  readonly perPeriod: number;
  /** most ε in total over all periods (default: no limit) */
  readonly total: number;
}

export interface LedgerEntry {
  readonly period: string;
  readonly epsilon: number;
}

export const LedgerEntrySchema = z.strictObject({
  period: z.string().refine(isPeriod, { message: 'period must be an ISO week YYYY-Www' }),
  epsilon: z.number().positive().finite()
});
export const LedgerJsonSchema = z.strictObject({
  limits: z.strictObject({ perPeriod: z.number().positive(), total: z.number().positive().nullable() }),
  entries: z.array(LedgerEntrySchema)
});
export type LedgerJson = z.infer<typeof LedgerJsonSchema>;

export class BudgetExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceededError';
  }
}

export class PrivacyLedger {
  readonly limits: LedgerLimits;
  readonly entries: readonly LedgerEntry[];

  constructor(entries: readonly LedgerEntry[] = [], limits: Partial<LedgerLimits> = {}) {
    const perPeriod = limits.perPeriod ?? MAX_EPSILON_PER_PERIOD;
    const total = limits.total ?? Infinity;
    if (!(perPeriod > 0)) throw new Error(`perPeriod limit must be positive, got ${perPeriod}`);
    if (!(total > 0)) throw new Error(`total limit must be positive, got ${total}`);
    for (const e of entries) {
      if (!isPeriod(e.period)) throw new Error(`ledger entry: bad period "${e.period}"`);
      if (!(e.epsilon > 0) || !Number.isFinite(e.epsilon)) throw new Error(`ledger entry: bad epsilon ${e.epsilon}`);
    }
    this.limits = { perPeriod, total };
    this.entries = Object.freeze(entries.map((e) => Object.freeze({ period: e.period, epsilon: e.epsilon })));
  }

  /** ε spent for one period. */
  spent(period: string): number {
    let s = 0;
    for (const e of this.entries) if (e.period === period) s += e.epsilon;
    return s;
  }

  /** ε spent over all periods. */
  total(): number {
    let s = 0;
    for (const e of this.entries) s += e.epsilon;
    return s;
  }

  /** ε spent per period, periods ascending. */
  byPeriod(): { period: string; epsilon: number; reports: number }[] {
    const m = new Map<string, { epsilon: number; reports: number }>();
    for (const e of this.entries) {
      const cur = m.get(e.period) ?? { epsilon: 0, reports: 0 };
      m.set(e.period, { epsilon: cur.epsilon + e.epsilon, reports: cur.reports + 1 });
    }
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([period, v]) => ({ period, ...v }));
  }

  /** How much more may be spent for `period` (within both limits). */
  remaining(period: string): number {
    return Math.max(0, Math.min(this.limits.perPeriod - this.spent(period), this.limits.total - this.total()));
  }

  canSpend(period: string, epsilon: number): boolean {
    return epsilon > 0 && Number.isFinite(epsilon) && isPeriod(period) && epsilon <= this.remaining(period) + TOLERANCE;
  }

  /** A new ledger with `epsilon` spent for `period`; throws BudgetExceededError over a limit. */
  spend(period: string, epsilon: number): PrivacyLedger {
    if (!isPeriod(period)) throw new Error(`bad period "${period}"`);
    if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new Error(`epsilon must be a positive number, got ${epsilon}`);
    if (!this.canSpend(period, epsilon)) {
      throw new BudgetExceededError(
        `spending ε=${epsilon} for ${period} would exceed the budget (spent ${round(this.spent(period))} of ${this.limits.perPeriod} this period, ${round(this.total())} of ${this.limits.total} in total)`
      );
    }
    return new PrivacyLedger([...this.entries, { period, epsilon }], this.limits);
  }

  /** Spend what a report declares (its period and ε). */
  record(report: { period: string; epsilon: number }): PrivacyLedger {
    return this.spend(report.period, report.epsilon);
  }

  toJSON(): LedgerJson {
    return {
      limits: { perPeriod: this.limits.perPeriod, total: Number.isFinite(this.limits.total) ? this.limits.total : null },
      entries: this.entries.map((e) => ({ period: e.period, epsilon: e.epsilon }))
    };
  }

  static fromJSON(json: unknown): PrivacyLedger {
    const j = LedgerJsonSchema.parse(json);
    return new PrivacyLedger(j.entries, { perPeriod: j.limits.perPeriod, total: j.limits.total ?? Infinity });
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
