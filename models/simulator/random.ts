/**
 * Random draws for the simulator on top of the catalogue's seeded generator (mulberry32):
 * normal (Box–Muller), log-normal, Poisson, Gumbel, weighted choice. Deterministic for a seed.
 */
import { Rng } from '../catalogue/rng';

export { Rng };

/** uniform in (0, 1): never exactly 0, so logs are finite */
export function open01(rng: Rng): number {
  let u = rng.float();
  while (u <= 0) u = rng.float();
  return u;
}

/** standard normal (Box–Muller; one draw per call) */
export function normal(rng: Rng): number {
  const u = open01(rng);
  const v = rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Poisson(λ) by multiplication of uniforms (Knuth); fine for the small λ used here (≤ 30). */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  const limit = Math.exp(-Math.min(lambda, 60));
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return k;
}

/** standard Gumbel: adding it to utilities and taking the max samples a multinomial logit */
export function gumbel(rng: Rng): number {
  return -Math.log(-Math.log(open01(rng)));
}

/** index i with probability weights[i] / Σ weights (weights ≥ 0, not all 0) */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += Math.max(0, w);
  if (!(total > 0)) throw new Error('weightedIndex: all weights are zero');
  let u = rng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= Math.max(0, weights[i]!);
    if (u < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

/** Inverse-CDF draw from piecewise-linear quantiles (probs ascending from 0 to 1). */
export function fromQuantiles(rng: Rng, probs: readonly number[], values: readonly number[]): number {
  const u = rng.float();
  for (let k = 1; k < probs.length; k++) {
    if (u <= probs[k]! || k === probs.length - 1) {
      const p0 = probs[k - 1]!;
      const p1 = probs[k]!;
      const t = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
      return values[k - 1]! + Math.min(1, Math.max(0, t)) * (values[k]! - values[k - 1]!);
    }
  }
  return values[values.length - 1] ?? 0;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
