import { HARD_CONSTRAINTS, subtypeKind, type FeeWish, type HardConstraint, type Intent, type IntentSubtype } from '../domain/intent';
import type { Product } from '../domain/product';
import { CREDIT_KINDS, goalMatches, horizonFit, liquidityFit } from './profile-fit';

/** Product risk levels each requested appetite accepts. */
const RISK_BANDS = { low: [1, 2], medium: [2, 3], high: [3, 5] } as const;

/**
 * Tags that answer a subtype as well as the subtype itself: a QDII index fund is an index fund,
 * and an ESG-tagged bond answers an ESG request. `anyKind`: a theme, answered by any investment.
 */
const SUBTYPE_TAGS: Partial<Record<IntentSubtype, { tags: readonly string[]; anyKind?: boolean }>> = {
  'fund/index': { tags: ['index'] },
  'fund/esg': { tags: ['esg', 'sustainable'], anyKind: true }
};

/** A card's annual fee at or under this (CNY) counts as low. */
export const LOW_ANNUAL_FEE = 100;

/** Every part of a request a product can be checked against. */
export type IntentConstraint = HardConstraint | 'goals' | 'targetReturn';

/** One part of the request, for one product: said outright or implied, and whether the product meets it. */
export interface ConstraintCheck {
  constraint: IntentConstraint;
  hard: boolean;
  ok: boolean;
}

/** The parts of a request one product satisfies, in the Intent's own terms (plain JSON: kept in a reason). */
export interface IntentHits {
  kinds?: Product['kind'][];
  subtypes?: IntentSubtype[];
  risk?: NonNullable<Intent['risk']>;
  horizonMonths?: number;
  liquidity?: NonNullable<Intent['liquidity']>;
  amount?: number;
  currency?: string;
  fees?: FeeWish[];
  goals?: Intent['goals'];
}

export interface IntentMatch {
  /**
   * the request tier: every kind, risk and liquidity part that applies holds (said or implied, as
   * before hardness was marked), and so does every other part said outright; at least one applies
   */
  matched: boolean;
  /** share of the parts that apply (all but an age) that the product satisfies, in [0, 1] */
  score: number;
  hits: IntentHits;
  /** every part of the request that applies to this product, in a fixed order; parts that do not apply are left out */
  checks: ConstraintCheck[];
  /** the parts said outright that the product misses: empty means it passes a hard filter */
  misses: IntentConstraint[];
}

/** Whether the request says anything the engine can act on. */
export function intentIsEmpty(intent: Intent): boolean {
  return (
    intent.kinds.length === 0 &&
    intent.risk === null &&
    intent.horizonMonths === null &&
    intent.liquidity === null &&
    intent.amount === null &&
    intent.currency === null &&
    intent.goals.length === 0 &&
    (intent.subtypes ?? []).length === 0 &&
    (intent.excludedKinds ?? []).length === 0 &&
    (intent.fees ?? []).length === 0 &&
    (intent.age ?? null) === null &&
    (intent.targetReturn ?? null) === null
  );
}

/**
 * Whether a part was said outright. An Intent without `hard` (written before it, or by a model
 * that left it out) reads as before: kind, risk and liquidity hard, the rest soft.
 */
export function isHard(intent: Intent, c: IntentConstraint): boolean {
  if (c === 'goals' || c === 'targetReturn') return false;
  if (intent.hard === undefined) return c === 'kinds' || c === 'risk' || c === 'liquidity' || c === 'excludedKinds';
  return intent.hard.includes(c);
}

function subtypeHit(p: Product, s: IntentSubtype): boolean {
  const kind = subtypeKind(s);
  const sub = s.slice(kind.length + 1);
  if (p.kind === kind && p.subtype.toLowerCase() === sub) return true;
  const alias = SUBTYPE_TAGS[s];
  if (alias === undefined || (p.kind !== kind && !(alias.anyKind === true && !CREDIT_KINDS.has(p.kind)))) return false;
  return p.tags.some((t) => alias.tags.includes(t.toLowerCase()));
}

/**
 * Subtypes narrow their kinds: a product of a kind asked for with no subtype of it ("重疾险和基金":
 * any fund) is not judged on subtypes; every other product is (an ESG request judges a card too).
 */
function subtypeApplies(p: Product, intent: Intent, subtypes: readonly IntentSubtype[]): boolean {
  return !intent.kinds.includes(p.kind) || subtypes.some((s) => subtypeKind(s) === p.kind);
}

const hasTag = (p: Product, tag: string): boolean => p.tags.some((t) => t.toLowerCase() === tag);

/**
 * How a product answers one fee wish: true / false, or null when the product says nothing about it.
 * Products carry `annualFee` (cards) and tags (no-annual-fee, no-fx-fee, low-cost); a fund or
 * wealth product with no low-cost tag is taken to charge the usual fees.
 */
function feeFit(p: Product, wish: FeeWish): boolean | null {
  switch (wish) {
    case 'no_annual_fee':
      if (p.annualFee !== null) return p.annualFee === 0;
      return hasTag(p, 'no-annual-fee') ? true : p.kind === 'credit_card' ? false : null;
    case 'no_fx_fee':
      return hasTag(p, 'no-fx-fee') ? true : p.kind === 'credit_card' ? false : null;
    case 'low_fees':
      if (hasTag(p, 'low-cost') || hasTag(p, 'no-annual-fee')) return true;
      if (p.annualFee !== null) return p.annualFee <= LOW_ANNUAL_FEE;
      return p.kind === 'fund' || p.kind === 'wealth' ? false : null;
  }
}

function ageFit(p: Product, age: number): boolean | null {
  const { minAge, maxAge } = p.eligibility;
  if (minAge === undefined && maxAge === undefined) return null;
  return (minAge === undefined || age >= minAge) && (maxAge === undefined || age <= maxAge);
}

/**
 * How one product answers a request, part by part. A part counts only where it applies: risk,
 * liquidity, amount and a return say nothing about loans and cards; a loan's term must be near
 * the horizon; subtypes only judge products of their kind; a fee wish only products with fees;
 * an age only products with age rules. `misses` lists the parts said outright that fail — the
 * engine filters on those and can say "nothing fits X" when every candidate misses X.
 */
export function matchIntent(p: Product, intent: Intent): IntentMatch {
  const hits: IntentHits = {};
  const checks: ConstraintCheck[] = [];
  const credit = CREDIT_KINDS.has(p.kind);
  const check = (constraint: IntentConstraint, ok: boolean): void => {
    checks.push({ constraint, hard: isHard(intent, constraint), ok });
  };

  if (intent.kinds.length > 0) {
    const ok = intent.kinds.includes(p.kind);
    check('kinds', ok);
    if (ok) hits.kinds = [p.kind];
  }
  const excluded = intent.excludedKinds ?? [];
  if (excluded.length > 0) check('excludedKinds', !excluded.includes(p.kind));
  const subtypes = intent.subtypes ?? [];
  if (subtypes.length > 0 && subtypeApplies(p, intent, subtypes)) {
    const hit = subtypes.filter((s) => subtypeHit(p, s));
    check('subtypes', hit.length > 0);
    if (hit.length > 0) hits.subtypes = hit;
  }
  if (intent.risk !== null && !credit) {
    const [lo, hi] = RISK_BANDS[intent.risk];
    const ok = p.riskLevel >= lo && p.riskLevel <= hi;
    check('risk', ok);
    if (ok) hits.risk = intent.risk;
  }
  if (intent.liquidity !== null && !credit) {
    const ok = liquidityFit(p.liquidity, intent.liquidity) === 1;
    check('liquidity', ok);
    if (ok) hits.liquidity = intent.liquidity;
  }
  if (intent.horizonMonths !== null && p.termMonths !== null) {
    const h = intent.horizonMonths;
    const ok = credit ? Math.abs(p.termMonths - h) <= Math.max(3, h / 4) : horizonFit(p.termMonths, h) === 1;
    check('horizonMonths', ok);
    if (ok) hits.horizonMonths = h;
  }
  if (intent.amount !== null && p.minAmount !== null && !credit) {
    const ok = p.minAmount <= intent.amount;
    check('amount', ok);
    if (ok) {
      hits.amount = intent.amount;
      hits.currency = intent.currency ?? p.currency;
    }
  }
  // a currency only on an amount ("$10k", "5万元") asks for nothing; a named one must match
  if (intent.currency !== null && isHard(intent, 'currency')) {
    const ok = p.currency === intent.currency;
    check('currency', ok);
    if (ok) hits.currency = intent.currency;
  }
  const fees = intent.fees ?? [];
  if (fees.length > 0) {
    const fits = fees.map((f) => ({ f, fit: feeFit(p, f) })).filter((x) => x.fit !== null);
    if (fits.length > 0) {
      const ok = fits.every((x) => x.fit === true);
      check('fees', ok);
      if (ok) hits.fees = fits.map((x) => x.f);
    }
  }
  const age = intent.age ?? null;
  if (age !== null) {
    const ok = ageFit(p, age);
    if (ok !== null) check('age', ok);
  }
  const target = intent.targetReturn ?? null;
  if (target !== null && !credit && p.expectedReturn !== null) check('targetReturn', p.expectedReturn >= target);
  if (intent.goals.length > 0) {
    const goals = goalMatches(p, intent.goals);
    check('goals', goals.length > 0);
    if (goals.length > 0) hits.goals = goals;
  }

  const tier = checks.filter((c) => c.hard || c.constraint === 'kinds' || c.constraint === 'risk' || c.constraint === 'liquidity');
  // an age is eligibility, not a preference: it may keep a product out of the tier, never raise it
  const scored = checks.filter((c) => c.constraint !== 'age');
  const satisfied = scored.filter((c) => c.ok).length;
  return {
    matched: tier.length > 0 && tier.every((c) => c.ok),
    score: scored.length === 0 ? 0 : satisfied / scored.length,
    hits,
    checks,
    misses: checks.filter((c) => c.hard && !c.ok).map((c) => c.constraint)
  };
}

/**
 * When nothing meets every part said outright: which parts to give up, and the nearest candidates.
 * The parts are taken in HARD_CONSTRAINTS order (kind first, age last), each kept when some
 * candidate still left meets it and given up otherwise — "USD insurance" keeps insurance and gives
 * up the currency, so the list can say "no insurance in USD; the nearest are shown". `nearest`:
 * indices into `matches` of the candidates that meet every part kept (all of them, when `unmet`
 * is empty, are the ones that meet the whole request).
 */
export function nearestFits(matches: readonly IntentMatch[]): { unmet: HardConstraint[]; nearest: number[] } {
  let left = matches.map((_, i) => i);
  const unmet: HardConstraint[] = [];
  for (const c of HARD_CONSTRAINTS) {
    const kept = left.filter((i) => !matches[i]!.misses.includes(c));
    if (kept.length > 0) left = kept;
    else if (left.some((i) => matches[i]!.checks.some((x) => x.constraint === c && x.hard))) unmet.push(c);
  }
  return { unmet, nearest: left };
}
