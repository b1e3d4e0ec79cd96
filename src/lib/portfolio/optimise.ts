/**
 * The sleeve weights: the highest expected return whose volatility is at most the target, with the cash
 * reserve as a floor and each sleeve's cap. Solved by portfolio-allocation's mean–variance optimiser (the
 * critical line algorithm, exact for a long-only problem with bounds) rather than by hand.
 */
import PortfolioAllocation from 'portfolio-allocation';
import { SLEEVE_EXPOSURE, type MarketClass, type Sleeve } from './classes';
import type { ClassEstimate } from './estimate';

export interface SleeveProblem {
  sleeves: readonly Sleeve[];
  expected: number[];
  covariance: number[][];
  minWeights: number[];
  maxWeights: number[];
}

/** Each sleeve's expected return and the covariance between sleeves, from the class estimate. */
export function sleeveProblem(
  sleeves: readonly Sleeve[],
  est: ClassEstimate,
  bounds: (s: Sleeve) => { min: number; max: number }
): SleeveProblem {
  const idx = (c: MarketClass) => est.classes.indexOf(c);
  const load = sleeves.map((s) => {
    const row = new Array<number>(est.classes.length).fill(0);
    for (const [c, share] of Object.entries(SLEEVE_EXPOSURE[s]) as [MarketClass, number][]) row[idx(c)] = share;
    return row;
  });
  const expected = load.map((l) => l.reduce((sum, x, i) => sum + x * est.expected[i]!, 0));
  const covariance = load.map((a) =>
    load.map((b) => a.reduce((sum, x, i) => sum + x * b.reduce((s2, y, j) => s2 + y * est.covariance[i]![j]!, 0), 0))
  );
  return {
    sleeves,
    expected,
    covariance,
    minWeights: sleeves.map((s) => bounds(s).min),
    maxWeights: sleeves.map((s) => bounds(s).max)
  };
}

export const portfolioVolatility = (w: readonly number[], cov: readonly (readonly number[])[]): number =>
  Math.sqrt(Math.max(0, w.reduce((s, wi, i) => s + wi * w.reduce((s2, wj, j) => s2 + wj * cov[i]![j]!, 0), 0)));

export const portfolioReturn = (w: readonly number[], mu: readonly number[]): number => w.reduce((s, wi, i) => s + wi * mu[i]!, 0);

/** The best sleeve weights at volatility ≤ `target`; below the least reachable volatility, the least-risk mix. */
export function optimiseSleeves(problem: SleeveProblem, target: number): number[] {
  const { expected, covariance, minWeights, maxWeights } = problem;
  if (problem.sleeves.length === 1) return [1];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(minWeights) > 1 + 1e-9 || sum(maxWeights) < 1 - 1e-9) throw new Error('allocation: the sleeve limits cannot add up to the whole amount');
  const solve = (maxVolatility: number) =>
    PortfolioAllocation.meanVarianceOptimizationWeights(expected, covariance, { constraints: { maxVolatility, minWeights, maxWeights } });
  try {
    return solve(target);
  } catch {
    // the target is below every mix the limits allow: take the least volatile one, found by doubling the
    // target until the problem has a solution and then bisecting down to the least feasible one
    let hi = Math.max(target, 1e-4);
    let best: number[] | null = null;
    for (let i = 0; i < 40 && !best; i++) {
      hi *= 2;
      try {
        best = solve(hi);
      } catch {
        best = null;
      }
    }
    if (!best) throw new Error('allocation: no mix satisfies the limits');
    let lo = target;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      try {
        best = solve(mid);
        hi = mid;
      } catch {
        lo = mid;
      }
    }
    return best;
  }
}

/** The estimated volatility of one sleeve on its own (a product's risk on the risk/return chart). */
export function sleeveVolatility(sleeve: Sleeve, est: ClassEstimate): number {
  const w = est.classes.map((c) => SLEEVE_EXPOSURE[sleeve][c] ?? 0);
  return portfolioVolatility(w, est.covariance);
}
