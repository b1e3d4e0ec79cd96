/**
 * The sleeve weights: the highest expected return whose volatility is at most the target, with the cash
 * reserve as a floor and each sleeve's cap.
 *
 * Solved with quadprog (Goldfarb–Idnani, a port of R's quadprog): the least-variance mix at a required
 * return is a small quadratic programme, and the best return within the target volatility is found by
 * bisection on that required return, each step a point of the efficient frontier. portfolio-allocation
 * (which offers the max-volatility problem directly, by the critical line algorithm) was the first choice,
 * but its last release (0.0.11, 2020) assigns an undeclared variable, which throws in the strict mode every
 * bundled ES module runs in, so it cannot run in the browser; the unit tests use it, in Node, as the
 * independent check of the frontier.
 */
import { solveQP } from 'quadprog';
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
export function sleeveProblem(sleeves: readonly Sleeve[], est: ClassEstimate, bounds: (s: Sleeve) => { min: number; max: number }): SleeveProblem {
  const idx = (c: MarketClass) => est.classes.indexOf(c);
  const load = sleeves.map((s) => {
    const row = new Array<number>(est.classes.length).fill(0);
    for (const [c, share] of Object.entries(SLEEVE_EXPOSURE[s]) as [MarketClass, number][]) row[idx(c)] = share;
    return row;
  });
  const expected = load.map((l) => l.reduce((sum, x, i) => sum + x * est.expected[i]!, 0));
  const covariance = load.map((a) => load.map((b) => a.reduce((sum, x, i) => sum + x * b.reduce((s2, y, j) => s2 + y * est.covariance[i]![j]!, 0), 0)));
  return {
    sleeves,
    expected,
    covariance,
    minWeights: sleeves.map((s) => bounds(s).min),
    maxWeights: sleeves.map((s) => bounds(s).max)
  };
}

export const portfolioVolatility = (w: readonly number[], cov: readonly (readonly number[])[]): number =>
  Math.sqrt(
    Math.max(
      0,
      w.reduce((s, wi, i) => s + wi * w.reduce((s2, wj, j) => s2 + wj * cov[i]![j]!, 0), 0)
    )
  );

export const portfolioReturn = (w: readonly number[], mu: readonly number[]): number => w.reduce((s, wi, i) => s + wi * mu[i]!, 0);

/** a ridge far below any class's variance (cash: about 1e-5), so that D stays positive definite when a
 *  sleeve is a blend of others (mixed = half equity, half bonds) */
const RIDGE = 1e-10;
const BISECTIONS = 60;

/** The least-variance weights whose expected return is at least `floor` (null: none within the limits). */
function leastVariance(problem: SleeveProblem, floor: number | null): number[] | null {
  const { expected, covariance, minWeights, maxWeights } = problem;
  const n = expected.length;
  // 1-indexed, as quadprog wants: D = 2Σ (it is factorised in place, so built afresh each call)
  const D = [[] as number[], ...covariance.map((row, i) => [0, ...row.map((v, j) => 2 * v + (i === j ? RIDGE : 0))])];
  const d = new Array<number>(n + 1).fill(0);
  const columns: number[][] = [expected.map(() => 1)];
  const bounds: number[] = [1];
  if (floor !== null) {
    columns.push(expected);
    bounds.push(floor);
  }
  for (let i = 0; i < n; i++) {
    columns.push(expected.map((_, j) => (i === j ? 1 : 0)));
    bounds.push(minWeights[i]!);
    columns.push(expected.map((_, j) => (i === j ? -1 : 0)));
    bounds.push(-maxWeights[i]!);
  }
  const A = [[] as number[], ...expected.map((_, i) => [0, ...columns.map((c) => c[i]!)])];
  const result = solveQP(D, d, A, [0, ...bounds], 1);
  if (result.message) return null;
  // clean the solver's last-digit noise: inside the bounds, summing to 1
  const w = result.solution.slice(1).map((x, i) => Math.min(maxWeights[i]!, Math.max(minWeights[i]!, x)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/** The most expected return the limits allow: the reserve first, then the best sleeves filled to their caps. */
function highestReturn(problem: SleeveProblem): number {
  const { expected, minWeights, maxWeights } = problem;
  const w = [...minWeights];
  let left = 1 - w.reduce((a, b) => a + b, 0);
  for (const i of expected.map((_, i) => i).sort((a, b) => expected[b]! - expected[a]!)) {
    const add = Math.min(left, maxWeights[i]! - w[i]!);
    w[i]! += add;
    left -= add;
  }
  return portfolioReturn(w, expected);
}

/** The best sleeve weights at volatility ≤ `target`; below the least reachable volatility, the least-risk mix. */
export function optimiseSleeves(problem: SleeveProblem, target: number): number[] {
  const { covariance, minWeights, maxWeights } = problem;
  if (problem.sleeves.length === 1) return [1];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(minWeights) > 1 + 1e-9 || sum(maxWeights) < 1 - 1e-9) throw new Error('allocation: the sleeve limits cannot add up to the whole amount');
  const calmest = leastVariance(problem, null);
  if (!calmest) throw new Error('allocation: no mix satisfies the limits');
  if (portfolioVolatility(calmest, covariance) >= target) return calmest;
  let lo = portfolioReturn(calmest, problem.expected);
  let hi = highestReturn(problem);
  let best = calmest;
  for (let i = 0; i < BISECTIONS && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    const w = leastVariance(problem, mid);
    if (w && portfolioVolatility(w, covariance) <= target) {
      best = w;
      lo = mid;
    } else hi = mid;
  }
  return best;
}

/** The estimated volatility of one sleeve on its own (a product's risk on the risk/return chart). */
export function sleeveVolatility(sleeve: Sleeve, est: ClassEstimate): number {
  const w = est.classes.map((c) => SLEEVE_EXPOSURE[sleeve][c] ?? 0);
  return portfolioVolatility(w, est.covariance);
}
