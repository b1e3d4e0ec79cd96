/**
 * Unbiased estimators, with their variance, from cohort aggregates.
 *
 * In a cohort with N reports, of which n_k carry a part of kind k, with OLH parameters (g, p, q)
 * for ε/m and pad length ℓ, the support counter C_x of an element x gives
 *
 *   F̂_x    = (C_x − n_k·q) / (p − q)            unbiased for Σ over kind-k parts of P[part drew x]
 *   count_x = (N / n_k) · ℓ · F̂_x                unbiased for Σ_people 1[x ∈ S]·min(1, ℓ/|S|)
 *
 * (the kind draw is independent of the data, so given n_k the kind-k parts come from a uniform
 * random subset of the cohort: the ratio N/n_k is conditionally unbiased). Its variance:
 *
 *   Var[count_x] = (N/n_k)²·ℓ²·[n_k·q(1−q) + (p−q)(1−2q)·F_x] / (p−q)²   (OLH noise)
 *                + (N/n_k − 1)·count_x                                    (which people drew kind k)
 *
 * with F_x ≈ max(0, F̂_x) plugged in. Both terms are upper bounds (see olh.ts, supportVariance, and
 * the sampling term bounds Σx² by Σx); the first dominates by orders of magnitude. For a rare
 * element it is ≈ N²/n_k · ℓ² · q(1−q)/(p−q)², i.e. per report ℓ²/π_k · 4e^ε/(e^ε−1)².
 *
 * Cohorts (periods, ε values) are independent: estimates add, and so do variances.
 */
import type { Gram } from '../cf/model';
import { pairDomainSize, pairIndex, type Aggregate } from './aggregate';
import { isItemKind, partParams, type ItemKind, type ReportKind } from './mechanism';
import { supportVariance, type OlhParams } from './olh';

export interface CountEstimate {
  readonly kind: ReportKind;
  /** the domain: item ids (sorted); for `pair`, counts are indexed by pairIndex(i, j, itemIds.length) */
  readonly itemIds: readonly string[];
  readonly counts: Float64Array;
  readonly variance: Float64Array;
  /** reports in the cohort(s) */
  readonly reports: number;
  /** parts of this kind */
  readonly parts: number;
}

function assertKind(kind: string): asserts kind is ReportKind {
  if (!isItemKind(kind) && kind !== 'pair') throw new Error(`unknown kind "${kind}"`);
}

/** One cohort, one kind. A cohort with no part of that kind yields zeros with infinite variance. */
export function estimateCounts(agg: Aggregate, kind: ItemKind | 'pair'): CountEstimate {
  assertKind(kind);
  const k = agg.kinds[kind];
  const size = k.counts.length;
  const counts = new Float64Array(size);
  const variance = new Float64Array(size);
  const nk = k.parts;
  if (nk === 0) {
    variance.fill(Infinity);
    return { kind, itemIds: agg.itemIds, counts, variance, reports: agg.reports, parts: 0 };
  }
  const params: OlhParams = partParams(agg.epsilon, agg.partsPerReport);
  const { p, q } = params;
  const delta = p - q;
  const ratio = agg.reports / nk;
  const ell = k.pad;
  const scale = ratio * ell;
  const varScale = (scale * scale) / (delta * delta);
  for (let x = 0; x < size; x++) {
    const f = (k.counts[x]! - nk * q) / delta;
    const c = scale * f;
    counts[x] = c;
    variance[x] = varScale * supportVariance(nk, Math.max(0, f), params) + (ratio - 1) * Math.max(0, c);
  }
  return { kind, itemIds: agg.itemIds, counts, variance, reports: agg.reports, parts: nk };
}

/** The variance of count_x predicted for a true count T (the formula above with F = T·n_k/(N·ℓ)). */
export function predictedVariance(trueCount: number, reports: number, parts: number, pad: number, params: OlhParams): number {
  const ratio = reports / parts;
  const f = trueCount / ratio / pad;
  const delta = params.p - params.q;
  return ((ratio * pad) ** 2 / delta ** 2) * supportVariance(parts, f, params) + (ratio - 1) * trueCount;
}

/**
 * Sum item-kind estimates over cohorts (weeks, ε values) into one, over the union of their item
 * domains (an item missing from a cohort's domain counts 0 there: it was not in the catalogue).
 * Cohorts with no part of the kind are skipped and their reports listed in `skippedReports`.
 */
export function combineCounts(estimates: readonly CountEstimate[]): CountEstimate & { skippedReports: number } {
  if (estimates.length === 0) throw new Error('combineCounts: nothing to combine');
  const kind = estimates[0]!.kind;
  if (kind === 'pair') throw new Error('combineCounts: use combinePairs/estimateGram for pairs');
  const ids = [...new Set(estimates.flatMap((e) => e.itemIds))].sort();
  const at = new Map(ids.map((id, i) => [id, i]));
  const counts = new Float64Array(ids.length);
  const variance = new Float64Array(ids.length);
  let reports = 0,
    parts = 0,
    skippedReports = 0;
  for (const e of estimates) {
    if (e.kind !== kind) throw new Error(`combineCounts: mixed kinds ${kind} and ${e.kind}`);
    if (e.parts === 0) {
      skippedReports += e.reports;
      continue;
    }
    reports += e.reports;
    parts += e.parts;
    e.itemIds.forEach((id, x) => {
      const i = at.get(id)!;
      counts[i] = counts[i]! + e.counts[x]!;
      variance[i] = variance[i]! + e.variance[x]!;
    });
  }
  return { kind, itemIds: ids, counts, variance, reports, parts, skippedReports };
}

export interface GramEstimate {
  /** unbiased Ĝ (symmetric; may be indefinite — see psd.ts before fitting a model) */
  readonly gram: Gram;
  /** per-entry variance, n×n row-major */
  readonly variance: Float64Array;
  readonly reports: number;
  readonly parts: number;
  readonly skippedReports: number;
}

/**
 * Ĝ from the pair counters of one or more cohorts: Ĝ_ij = Ĝ_ji = estimated number of people
 * (person-weeks, summed over cohorts) whose engaged set held both i and j; Ĝ_ii those holding i.
 * Item order: the union of the cohorts' domains, sorted (as src/lib/cf's buildItemIndex orders).
 */
export function estimateGram(aggregates: Aggregate | readonly Aggregate[]): GramEstimate {
  const aggs: readonly Aggregate[] = Array.isArray(aggregates) ? aggregates : [aggregates as Aggregate];
  if (aggs.length === 0) throw new Error('estimateGram: no aggregates');
  const ids = [...new Set(aggs.flatMap((a) => a.itemIds))].sort();
  const n = ids.length;
  const at = new Map(ids.map((id, i) => [id, i]));
  const data = new Float64Array(n * n);
  const variance = new Float64Array(n * n);
  let reports = 0,
    parts = 0,
    skippedReports = 0;
  for (const agg of aggs) {
    const e = estimateCounts(agg, 'pair');
    if (e.parts === 0) {
      skippedReports += e.reports;
      continue;
    }
    reports += e.reports;
    parts += e.parts;
    const d = agg.itemIds.length;
    if (e.counts.length !== pairDomainSize(d)) throw new Error('estimateGram: pair counters do not match the domain');
    const map = agg.itemIds.map((id) => at.get(id)!);
    for (let i = 0; i < d; i++) {
      const gi = map[i]!;
      for (let j = i; j < d; j++) {
        const x = pairIndex(i, j, d);
        const gj = map[j]!;
        const c = e.counts[x]!;
        const v = e.variance[x]!;
        data[gi * n + gj] = data[gi * n + gj]! + c;
        variance[gi * n + gj] = variance[gi * n + gj]! + v;
        if (gi !== gj) {
          data[gj * n + gi] = data[gj * n + gi]! + c;
          variance[gj * n + gi] = variance[gj * n + gi]! + v;
        }
      }
    }
  }
  return { gram: { itemIds: ids, n, data }, variance, reports, parts, skippedReports };
}
