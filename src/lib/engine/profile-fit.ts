import type { Product } from '../domain/product';
import { GOALS, type Goal, type Profile } from '../domain/profile';
import { effectiveRiskLevel } from '../domain/suitability';
import { lowerTags } from './tags';

/** Products one borrows with: horizon, liquidity and amount speak of investing, not of them. */
export const CREDIT_KINDS: ReadonlySet<Product['kind']> = new Set(['loan', 'credit_card']);

/**
 * The per-part fits (horizon, liquidity, goals) that the engine's suitability fit (fit.ts) and request
 * matching (intent-match.ts) build on, and `profileFit`, their plain mean: the population simulator's
 * model of how much a product appeals to a person (models/simulator/behaviour.ts). The engine itself
 * ranks by fit.ts, which weighs the risk band and goals first; the simulator keeps this simpler view.
 *
 * How well a product fits the person's profile, each part in [0, 1]. A part is present only
 * when both the profile and the product say something about it (risk is always present).
 * Horizon, liquidity and amount describe money to invest, so they are left out for loans and
 * credit cards. The overall fit is the mean of the parts that are present.
 */
export interface ProfileFit {
  score: number;
  risk: number;
  horizon?: number;
  liquidity?: number;
  goal?: number;
  amount?: number;
  matchedGoals: Goal[];
  /** number of parts averaged */
  parts: number;
}

/** 1 at the person's level, 0.25 less per level below it (products above it never get here). */
export function riskFit(productRisk: number, personLevel: number): number {
  return Math.max(0, 1 - Math.abs(personLevel - productRisk) / 4);
}

/** A term within the horizon fits; beyond it the fit falls off linearly. */
export function horizonFit(termMonths: number | null, horizonMonths: number): number | undefined {
  if (termMonths === null) return undefined;
  if (termMonths <= horizonMonths) return 1;
  const over = termMonths - horizonMonths;
  return Math.max(0, 1 - over / Math.max(horizonMonths, 12));
}

export function liquidityFit(productLiquidity: Product['liquidity'], need: NonNullable<Profile['liquidityNeed']>): number {
  if (need === 'high') return productLiquidity === 'high' ? 1 : productLiquidity === 'medium' ? 0.4 : 0;
  if (need === 'medium') return productLiquidity === 'low' ? 0.4 : 1;
  return 1;
}

export function goalMatches(p: Product, goals: readonly Goal[]): Goal[] {
  const tags = lowerTags(p);
  return GOALS.filter((g) => goals.includes(g) && tags.has(g));
}

export function profileFit(p: Product, profile: Profile): ProfileFit {
  const risk = riskFit(p.riskLevel, effectiveRiskLevel(profile));
  const fit: ProfileFit = { score: 0, risk, matchedGoals: [], parts: 1 };
  let sum = risk;
  const investing = !CREDIT_KINDS.has(p.kind);
  if (investing && profile.horizonMonths !== undefined) {
    const h = horizonFit(p.termMonths, profile.horizonMonths);
    if (h !== undefined) {
      fit.horizon = h;
      sum += h;
      fit.parts++;
    }
  }
  if (investing && profile.liquidityNeed !== undefined) {
    fit.liquidity = liquidityFit(p.liquidity, profile.liquidityNeed);
    sum += fit.liquidity;
    fit.parts++;
  }
  if (profile.goals !== undefined && profile.goals.length > 0) {
    fit.matchedGoals = goalMatches(p, profile.goals);
    fit.goal = fit.matchedGoals.length === 0 ? 0 : 0.6 + (0.4 * fit.matchedGoals.length) / profile.goals.length;
    sum += fit.goal;
    fit.parts++;
  }
  if (investing && profile.investAmount !== undefined && p.minAmount !== null) {
    fit.amount = p.minAmount <= profile.investAmount ? 1 : 0;
    sum += fit.amount;
    fit.parts++;
  }
  fit.score = sum / fit.parts;
  return fit;
}
