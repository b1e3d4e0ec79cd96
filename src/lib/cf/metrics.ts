/**
 * Ranking metrics, exactly as the `eval` contract (docs/contracts.md) defines them. `ranked` is one user's
 * recommendation list, best first (only its first k entries count); `relevant` the user's test
 * items. Ranks are 1-based.
 *
 *   precision@k = hits / k
 *   recall@k    = hits / |relevant|
 *   ndcg@k      = Σ_{hit ranks r} 1/log2(r+1)  ÷  Σ_{r=1}^{min(k,|relevant|)} 1/log2(r+1)
 *   map@k       = Σ_{hit ranks i} (hits within ranks 1..i) / i  ÷  min(k, |relevant|)
 *   coverage    = |distinct items recommended to anyone| / |universe|
 *
 * An empty `relevant` set scores 0 everywhere (the evaluator never passes one).
 */

function hitRanks<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number[] {
  const ranks: number[] = [];
  const seen = new Set<T>();
  const m = Math.min(k, ranked.length);
  for (let r = 0; r < m; r++) {
    const item = ranked[r]!;
    // a list repeating an item earns the hit once
    if (relevant.has(item) && !seen.has(item)) ranks.push(r + 1);
    seen.add(item);
  }
  return ranks;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
}

export function hitsAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  checkK(k);
  return hitRanks(ranked, relevant, k).length;
}

export function precisionAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  return hitsAtK(ranked, relevant, k) / k;
}

export function recallAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (relevant.size === 0) return 0;
  return hitsAtK(ranked, relevant, k) / relevant.size;
}

export function ndcgAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (const r of hitRanks(ranked, relevant, k)) dcg += 1 / Math.log2(r + 1);
  let ideal = 0;
  const m = Math.min(k, relevant.size);
  for (let r = 1; r <= m; r++) ideal += 1 / Math.log2(r + 1);
  return dcg / ideal;
}

export function averagePrecisionAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  let sum = 0;
  hitRanks(ranked, relevant, k).forEach((rank, h) => (sum += (h + 1) / rank));
  return sum / Math.min(k, relevant.size);
}

/** Distinct recommended items (across all lists, first k of each) over the universe size. */
export function coverage<T>(lists: Iterable<readonly T[]>, universeSize: number, k = Infinity): number {
  if (universeSize <= 0) return 0;
  const seen = new Set<T>();
  for (const list of lists) for (let r = 0; r < Math.min(k, list.length); r++) seen.add(list[r]!);
  return seen.size / universeSize;
}

/**
 * The k best item indices by score, descending. Ties go to the lower item index (so a model that
 * scores everything 0, e.g. EASE for a person with no history, ranks in index order); NaN ranks
 * last. `exclude[i]` ≠ 0 removes item i (the person's own items). Returns fewer than k when fewer
 * candidates remain.
 */
export function topK(scores: Float64Array, k: number, exclude?: Uint8Array): number[] {
  checkK(k);
  const top: number[] = [];
  const val = (i: number): number => {
    const v = scores[i]!;
    return Number.isNaN(v) ? -Infinity : v;
  };
  // better(a, b): a ranks before b
  const better = (a: number, b: number): boolean => {
    const va = val(a),
      vb = val(b);
    return va > vb || (va === vb && a < b);
  };
  for (let i = 0; i < scores.length; i++) {
    if (exclude && exclude[i]) continue;
    if (top.length === k && !better(i, top[k - 1]!)) continue;
    // insertion into the short sorted list
    let pos = top.length === k ? k - 1 : top.length;
    if (top.length < k) top.push(i);
    while (pos > 0 && better(i, top[pos - 1]!)) {
      top[pos] = top[pos - 1]!;
      pos--;
    }
    top[pos] = i;
  }
  return top;
}
