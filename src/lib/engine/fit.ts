/**
 * Stage 3 of the pipeline: how well a product suits the person — suitability the other way round.
 *
 * The gate (domain/suitability.ts) keeps out what is above the person's level; this decides what
 * fits among the rest, as an adviser would (MiFID II Art. 54: objectives, risk tolerance, capacity
 * for loss; the CSRC 适当性 matching of C1–C5 to R1–R5):
 *
 *   investing products   fit = (0.6·risk + 0.4·goal) · (0.4 + 0.6·practical)
 *   insurance, cards,    fit = goal ? 1 : NEED_ONLY_FIT        (they answer a need, not a risk appetite;
 *   loans                                                      annuities and education policies count as saving)
 *
 * risk      1 inside the target band [lo, hi] (riskBand), 0.4 less per level below it and
 *           per level above it (possible only when the horizon or loss tolerance narrows the band);
 * goal      1 when the product serves a goal the person gave (GOAL_PRODUCTS or a tag of that name),
 *           IMPLIED_GOAL_FIT when it serves the goal implied by the level (no goals given), else 0;
 * practical the mean of the horizon, liquidity and amount fits that both sides speak of (1 if none):
 *           a product that locks the money away past the horizon, or keeps it out of reach when it must
 *           stay reachable, is unsuitable however well it suits the risk appetite — hence a factor.
 *
 * The blend (blend.ts) weighs fit above every other source and bounds the others, so popularity,
 * CF and the ranker order products within a fit level but never lift an unfitting one over it.
 */
import type { Product } from '../domain/product';
import type { Goal, Profile } from '../domain/profile';
import { effectiveRiskLevel } from '../domain/suitability';
import { horizonFit, liquidityFit } from './profile-fit';
import { lowerTags } from './tags';

export const FIT_PARTS = { risk: 0.6, goal: 0.4, practicalFloor: 0.4 } as const;
/** fit of an insurance policy, card or loan that answers no goal of the person's */
export const NEED_ONLY_FIT = 0.3;
/** goal part for a product serving only the goal implied by the person's level */
export const IMPLIED_GOAL_FIT = 0.8;
const BELOW_BAND_STEP = 0.4;
const ABOVE_BAND_STEP = 0.4;

/** Goals and the kinds / "kind/subtype"s that serve them: an adviser's map, in the catalogue's vocabulary. */
export const GOAL_PRODUCTS: Readonly<Record<Goal, readonly string[]>> = {
  growth: ['fund/equity', 'fund/index', 'fund/mixed', 'fund/qdii', 'fund/esg', 'wealth/mixed'],
  income: ['wealth/fixed_income', 'fund/bond', 'bond', 'deposit/time', 'deposit/large_cd', 'insurance/annuity'],
  preservation: ['deposit', 'wealth/cash_management', 'fund/money_market', 'bond/treasury', 'bond/local_government'],
  retirement: ['insurance/annuity', 'fund/mixed'],
  education: ['insurance/education', 'fund/mixed', 'fund/index'],
  home: ['loan/mortgage', 'loan/renovation', 'deposit/time', 'deposit/large_cd'],
  protection: ['insurance/critical_illness', 'insurance/medical', 'insurance/accident', 'insurance/term_life'],
  travel: ['credit_card/travel', 'credit_card/premium'],
  cashback: ['credit_card/cashback', 'credit_card/co_branded', 'credit_card/student']
};

/** Kinds chosen for a need rather than a return: judged by goals, not by the risk band. */
const NEED_KINDS: ReadonlySet<Product['kind']> = new Set(['insurance', 'credit_card', 'loan']);
/** insurance that is a way of saving */
const SAVING_POLICIES: ReadonlySet<string> = new Set(['annuity', 'education']);

export function isNeedProduct(p: Product): boolean {
  return NEED_KINDS.has(p.kind) && !(p.kind === 'insurance' && SAVING_POLICIES.has(p.subtype));
}

/** The goals a product serves, of those given. */
export function goalsServed(p: Product, goals: readonly Goal[]): Goal[] {
  const tags = lowerTags(p);
  const key = `${p.kind}/${p.subtype}`;
  return goals.filter((g) => tags.has(g) || GOAL_PRODUCTS[g].some((k) => k === key || k === p.kind));
}

/** With no goals given, the level says what the money is for: keeping it, earning on it, or growing it. */
export function impliedGoals(level: number): Goal[] {
  if (level <= 2) return ['preservation', 'income'];
  if (level === 3) return ['income', 'growth'];
  return ['growth'];
}

export interface RiskBand {
  lo: number;
  hi: number;
}

/**
 * The product risk levels that suit the person: up to their level, and not far below it (a C5
 * investor is not served by demand deposits). Short horizons and a low tolerance for loss narrow
 * the band towards R1 even when the level would allow more.
 */
export function riskBand(profile: Profile): RiskBand {
  const level = effectiveRiskLevel(profile);
  let hi = level;
  let lo = Math.max(1, Math.min(level - 1, 3));
  const h = profile.horizonMonths;
  if (h !== undefined && h < 12) hi = Math.min(hi, 2);
  else if (h !== undefined && h < 36) hi = Math.min(hi, 3);
  if (profile.lossTolerance === 'none') hi = 1;
  else if (profile.lossTolerance === 'lt5') hi = Math.min(hi, 2);
  lo = Math.min(lo, hi);
  return { lo, hi };
}

export function bandFit(productRisk: number, band: RiskBand): number {
  if (productRisk < band.lo) return Math.max(0, 1 - BELOW_BAND_STEP * (band.lo - productRisk));
  if (productRisk > band.hi) return Math.max(0, 1 - ABOVE_BAND_STEP * (productRisk - band.hi));
  return 1;
}

export interface SuitabilityFit {
  score: number;
  /** the risk part (1 for need products, which are not judged by it) */
  risk: number;
  /** the goal part in [0, 1] */
  goal: number;
  /** goals the person gave that the product serves */
  matchedGoals: Goal[];
  horizon?: number;
  liquidity?: number;
  amount?: number;
}

export function suitabilityFit(p: Product, profile: Profile, band: RiskBand = riskBand(profile)): SuitabilityFit {
  const given = profile.goals ?? [];
  const matchedGoals = goalsServed(p, given);
  const implied = given.length === 0 && goalsServed(p, impliedGoals(effectiveRiskLevel(profile))).length > 0;
  const goal = matchedGoals.length > 0 ? 1 : implied ? IMPLIED_GOAL_FIT : 0;
  if (isNeedProduct(p)) return { score: matchedGoals.length > 0 ? 1 : NEED_ONLY_FIT, risk: 1, goal, matchedGoals };

  const out: SuitabilityFit = { score: 0, risk: bandFit(p.riskLevel, band), goal, matchedGoals };
  const practical: number[] = [];
  if (profile.horizonMonths !== undefined) {
    const h = horizonFit(p.termMonths, profile.horizonMonths);
    if (h !== undefined) practical.push((out.horizon = h));
  }
  if (profile.liquidityNeed !== undefined) practical.push((out.liquidity = liquidityFit(p.liquidity, profile.liquidityNeed)));
  if (profile.investAmount !== undefined && p.minAmount !== null) practical.push((out.amount = p.minAmount <= profile.investAmount ? 1 : 0));
  const practicalFit = practical.length === 0 ? 1 : practical.reduce((a, b) => a + b, 0) / practical.length;
  out.score = (FIT_PARTS.risk * out.risk + FIT_PARTS.goal * goal) * (FIT_PARTS.practicalFloor + (1 - FIT_PARTS.practicalFloor) * practicalFit);
  return out;
}
