/**
 * Ledoit–Wolf shrinkage of a correlation matrix towards the identity (Ledoit & Wolf 2004, "A well-conditioned
 * estimator for large-dimensional covariance matrices", with the sample standardised first). Shrinking the
 * correlations rather than the covariance keeps each class's own volatility — which 15 years of months
 * estimate well — while pulling the cross-correlations, which they estimate poorly and which an optimiser
 * exploits hardest, towards zero by the intensity the data justify.
 */
export interface Shrunk {
  correlation: number[][];
  /** the weight on the identity, in [0, 1] */
  intensity: number;
}

/** `z`: T rows of N standardised observations (each column mean 0, mean square 1). */
export function shrinkCorrelation(z: readonly (readonly number[])[]): Shrunk {
  const t = z.length;
  const n = z[0]?.length ?? 0;
  if (t < 2 || n === 0) throw new Error('shrinkage needs at least two observations');
  const s = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const row of z) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i]![j]! += (row[i]! * row[j]!) / t;
  // target m·I with m = tr(S)/N (1 for standardised data, kept general)
  let m = 0;
  for (let i = 0; i < n; i++) m += s[i]![i]! / n;
  let d2 = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d2 += (s[i]![j]! - (i === j ? m : 0)) ** 2;
  let b2 = 0;
  for (const row of z) {
    let dist = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dist += (row[i]! * row[j]! - s[i]![j]!) ** 2;
    b2 += dist / (t * t);
  }
  const intensity = d2 === 0 ? 1 : Math.min(b2, d2) / d2;
  const shrunk = s.map((row, i) => row.map((v, j) => intensity * (i === j ? m : 0) + (1 - intensity) * v));
  // back to a correlation matrix (unit diagonal)
  const correlation = shrunk.map((row, i) => row.map((v, j) => v / Math.sqrt(shrunk[i]![i]! * shrunk[j]![j]!)));
  return { correlation, intensity };
}
