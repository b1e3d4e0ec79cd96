import type { Intent } from '../domain/intent';
import type { Product } from '../domain/product';
import { CREDIT_KINDS, goalMatches, horizonFit, liquidityFit } from './profile-fit';

/** Product risk levels each requested appetite accepts. */
const RISK_BANDS = { low: [1, 2], medium: [2, 3], high: [3, 5] } as const;

/** The parts of a request one product satisfies, in the Intent's own terms (plain JSON: kept in a reason). */
export interface IntentHits {
  kinds?: Product['kind'][];
  risk?: NonNullable<Intent['risk']>;
  horizonMonths?: number;
  liquidity?: NonNullable<Intent['liquidity']>;
  amount?: number;
  currency?: string;
  goals?: Intent['goals'];
}

export interface IntentMatch {
  /** every hard part (kind, risk, liquidity) the request names is satisfied, and it names at least one */
  matched: boolean;
  /** share of the parts the request names that the product satisfies, in [0, 1] */
  score: number;
  hits: IntentHits;
}

/** Whether the request says anything the engine can act on. */
export function intentIsEmpty(intent: Intent): boolean {
  return (
    intent.kinds.length === 0 &&
    intent.risk === null &&
    intent.horizonMonths === null &&
    intent.liquidity === null &&
    intent.amount === null &&
    intent.goals.length === 0
  );
}

/**
 * How one product answers a request. Kind, risk appetite and "must stay reachable" are hard: a
 * product that misses one is not a match (it may still be recommended below the matches). Horizon,
 * amount and goals are soft: they raise the score. For loans and cards only kind, goals and a loan
 * term near the horizon count.
 */
export function matchIntent(p: Product, intent: Intent): IntentMatch {
  const hits: IntentHits = {};
  let named = 0;
  let satisfied = 0;
  let hard = 0;
  let hardOk = 0;
  const credit = CREDIT_KINDS.has(p.kind);

  if (intent.kinds.length > 0) {
    named++;
    hard++;
    if (intent.kinds.includes(p.kind)) {
      satisfied++;
      hardOk++;
      hits.kinds = [p.kind];
    }
  }
  if (intent.risk !== null && !credit) {
    named++;
    hard++;
    const [lo, hi] = RISK_BANDS[intent.risk];
    if (p.riskLevel >= lo && p.riskLevel <= hi) {
      satisfied++;
      hardOk++;
      hits.risk = intent.risk;
    }
  }
  if (intent.liquidity !== null && !credit) {
    named++;
    hard++;
    if (liquidityFit(p.liquidity, intent.liquidity) === 1) {
      satisfied++;
      hardOk++;
      hits.liquidity = intent.liquidity;
    }
  }
  if (intent.horizonMonths !== null && p.termMonths !== null) {
    named++;
    const h = intent.horizonMonths;
    const fits = credit ? Math.abs(p.termMonths - h) <= Math.max(3, h / 4) : horizonFit(p.termMonths, h) === 1;
    if (fits) {
      satisfied++;
      hits.horizonMonths = h;
    }
  }
  if (intent.amount !== null && p.minAmount !== null && !credit) {
    named++;
    if (p.minAmount <= intent.amount) {
      satisfied++;
      hits.amount = intent.amount;
      hits.currency = intent.currency ?? p.currency;
    }
  }
  if (intent.goals.length > 0) {
    named++;
    const goals = goalMatches(p, intent.goals);
    if (goals.length > 0) {
      satisfied++;
      hits.goals = goals;
    }
  }
  return { matched: hard > 0 && hardOk === hard, score: named === 0 ? 0 : satisfied / named, hits };
}
