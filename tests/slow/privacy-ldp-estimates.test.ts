/**
 * Local differential privacy, statistically (src/lib/privacy): the server's estimates from 200,000
 * simulated people are unbiased and as accurate as the variance formula says. In the `slow` project:
 * each test aggregates hundreds of thousands of reports (tens of seconds on a loaded 2-core machine).
 *
 * Population: the population simulator (models/simulator; 3,000 people × 13 weeks, via
 * models/privacy/population.ts). Its person-weeks with any activity are resampled with replacement
 * into 200,000 people who were active in the reported week, one report each. (Devices also report
 * empty weeks; such reports add only noise, as the variance formula's n_k term accounts for.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/lib/common/random';
import {
  Aggregator,
  DEFAULT_EPSILON,
  DEFAULT_PAD_LENGTH,
  estimateCounts,
  estimateGram,
  pairDomainSize,
  pairIndex,
  partParams,
  predictedVariance,
  reportFromSets,
  SupportCounter,
  type KindSets,
  type Rng
} from '../../src/lib/privacy/index';
import { simulateWeeks } from '../../models/privacy/population';

const PERIOD = '2026-W48';

interface Population {
  itemIds: readonly string[];
  /** active person-weeks */
  weeks: readonly KindSets[];
}

let population: Population;

beforeAll(() => {
  const pop = simulateWeeks({ people: 3000, seed: 2026 });
  const weeks = pop.people.flatMap((p) => p.weeks).filter((w) => Object.values(w).some((s) => s.length > 0));
  population = { itemIds: pop.itemIds, weeks };
});

/** True (weight 1) and contribution-bounded (weight min(1, ℓ/size)) counts of a kind over chosen person-weeks. */
function truths(
  weeks: readonly KindSets[],
  picks: Int32Array,
  kind: 'item:view' | 'pair',
  d: number,
  at: ReadonlyMap<string, number>
): { truth: Float64Array; bounded: Float64Array } {
  const size = kind === 'pair' ? pairDomainSize(d) : d;
  const truth = new Float64Array(size);
  const bounded = new Float64Array(size);
  const ell = DEFAULT_PAD_LENGTH[kind];
  for (const w of picks) {
    const idx = weeks[w]![kind].map((id) => at.get(id)!);
    const elements = kind === 'pair' ? (idx.length * (idx.length + 1)) / 2 : idx.length;
    const weight = Math.min(1, ell / Math.max(1, elements));
    if (kind === 'pair') {
      for (let a = 0; a < idx.length; a++) {
        for (let b = a; b < idx.length; b++) {
          const x = pairIndex(idx[a]!, idx[b]!, d);
          truth[x] = truth[x]! + 1;
          bounded[x] = bounded[x]! + weight;
        }
      }
    } else {
      for (const i of idx) {
        truth[i] = truth[i]! + 1;
        bounded[i] = bounded[i]! + weight;
      }
    }
  }
  return { truth, bounded };
}

function topIndices(values: Float64Array, k: number, filter: (x: number) => boolean = () => true): number[] {
  return [...values.keys()]
    .filter(filter)
    .sort((a, b) => values[b]! - values[a]! || a - b)
    .slice(0, k);
}

function aggregateOnce(weeks: readonly KindSets[], picks: Int32Array, itemIds: readonly string[], epsilon: number, rng: Rng): Aggregator {
  const agg = new Aggregator({ period: PERIOD, epsilon, partsPerReport: 1 }, itemIds);
  for (const w of picks) agg.add(reportFromSets(weeks[w]!, { period: PERIOD, epsilon, rng }));
  return agg;
}

describe('estimates from 200,000 simulated people at the default ε', () => {
  /*
   * Stated accuracy (ε = 4, one part per report, π_view = 0.2, ℓ_view = 6, π_pair = 0.4, ℓ_pair = 6):
   * by estimate.ts's formula, σ(count) ≈ (N/n_k)·ℓ·sqrt(n_k·q(1−q) + (p−q)(1−2q)·F)/(p−q): for a
   * view count at N = 200,000 that is ≈ 1,650 plus a term growing with the count (q = 1/56 is
   * small), ≈ 2,000 for the most viewed product (~17,000 views); ≈ 1,200–1,500 for a pair count.
   * Claims:
   *   (a) each of the 50 most-viewed products' estimate is within 4σ of its (contribution-bounded)
   *       count, and within 4σ + the truncation gap of its true count;
   *   (b) the same for the 20 largest pair counts of G (diagonal included) and the 20 largest
   *       off-diagonal ones;
   *   (c) relative: the bound 4σ/count is ≤ 0.6 for the 5 most-viewed products (σ ≈ 11–14 % of the
   *       count), ≤ 0.8 for the top 10 and ≤ 1.6 down to rank 50 (~4,600 views, σ ≈ 38 %); and the
   *       estimates' relative RMS error over the top 50 is within 1.5× of the formula's prediction.
   * Accuracy grows as √N: 2,000,000 people (or 10 weeks) cut every σ/count by √10 ≈ 3.2.
   */
  it('top-50 product counts and top pair counts are within the stated errors', () => {
    const { itemIds, weeks } = population;
    const d = itemIds.length;
    const at = new Map(itemIds.map((id, i) => [id, i]));
    const N = 200_000;
    const rng = mulberry32(20261125);
    const picks = Int32Array.from({ length: N }, () => Math.floor(rng() * weeks.length));
    const agg = aggregateOnce(weeks, picks, itemIds, DEFAULT_EPSILON, rng);
    const params = partParams(DEFAULT_EPSILON, 1);

    const views = estimateCounts(agg.aggregate, 'item:view');
    const tv = truths(weeks, picks, 'item:view', d, at);
    const top = topIndices(tv.truth, 50);
    let sq = 0;
    let predictedSq = 0;
    for (const [rank, i] of top.entries()) {
      const sd = Math.sqrt(predictedVariance(tv.bounded[i]!, N, views.parts, DEFAULT_PAD_LENGTH['item:view'], params));
      expect(sd).toBeGreaterThan(1500);
      expect(sd).toBeLessThan(2300);
      const err = views.counts[i]! - tv.bounded[i]!;
      expect(Math.abs(err), `view rank ${rank}`).toBeLessThan(4 * sd);
      expect(Math.abs(views.counts[i]! - tv.truth[i]!)).toBeLessThan(4 * sd + (tv.truth[i]! - tv.bounded[i]!));
      // the stated relative bound 4σ/count: ≤ 0.6 for the top 5, ≤ 0.8 for the top 10, ≤ 1.6 for all 50
      expect((4 * sd) / tv.truth[i]!).toBeLessThan(rank < 5 ? 0.6 : rank < 10 ? 0.8 : 1.6);
      sq += (err / tv.bounded[i]!) ** 2;
      predictedSq += (sd / tv.bounded[i]!) ** 2;
    }
    expect(Math.sqrt(sq / 50)).toBeLessThan(1.5 * Math.sqrt(predictedSq / 50));

    const pairs = estimateCounts(agg.aggregate, 'pair');
    const tp = truths(weeks, picks, 'pair', d, at);
    const diagonal = new Set(Array.from({ length: d }, (_, i) => pairIndex(i, i, d)));
    const topPairs = [...topIndices(tp.truth, 20), ...topIndices(tp.truth, 20, (x) => !diagonal.has(x))];
    for (const x of topPairs) {
      const sd = Math.sqrt(predictedVariance(tp.bounded[x]!, N, pairs.parts, DEFAULT_PAD_LENGTH.pair, params));
      expect(Math.abs(pairs.counts[x]! - tp.bounded[x]!)).toBeLessThan(4 * sd);
    }
    // Ĝ carries the same numbers, symmetric
    const gram = estimateGram(agg.aggregate);
    for (const [a, b] of [
      [3, 7],
      [0, d - 1],
      [11, 11]
    ] as const) {
      expect(gram.gram.data[a * d + b]).toBe(pairs.counts[pairIndex(a, b, d)]);
      expect(gram.gram.data[b * d + a]).toBe(pairs.counts[pairIndex(a, b, d)]);
    }
  });

  /*
   * Unbiasedness at the same scale: R = 20 independent repetitions (fresh randomness, the same
   * 200,000 people) at ε = 4. Tracked elements x: the 50 most-viewed products, the 5 least viewed,
   * and the 20 largest pair counts plus the 20 largest off-diagonal ones (94 elements in all).
   * Each repetition builds every person's report; the support counters of the tracked elements
   * come from SupportCounter.supports (the server's hashing projected onto those elements — checked
   * against the full Aggregator below) and go through estimateCounts unchanged.
   * Claims: each element's mean error over the repetitions is within 4 standard errors
   * (σ_formula/√R; 4 because 94 elements are tested at once); the pooled mean of the standardised
   * errors is within 3 of its empirical standard errors; the empirical variance matches the formula
   * (an upper bound): pooled ratio in [0.6, 1.2].
   */
  it('is unbiased over repeated randomisations of 200,000 people, with the variance the formula states', () => {
    const { itemIds, weeks } = population;
    const d = itemIds.length;
    const at = new Map(itemIds.map((id, i) => [id, i]));
    const N = 200_000;
    const R = 20;
    const pickRng = mulberry32(99);
    const picks = Int32Array.from({ length: N }, () => Math.floor(pickRng() * weeks.length));
    const tv = truths(weeks, picks, 'item:view', d, at);
    const tp = truths(weeks, picks, 'pair', d, at);
    const pairOf = new Map<number, [number, number]>();
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) pairOf.set(pairIndex(i, j, d), [i, j]);
    const diagonal = (x: number) => pairOf.get(x)![0] === pairOf.get(x)![1];
    const viewIdx = [...topIndices(tv.truth, 50), ...[...tv.truth.keys()].sort((a, b) => tv.truth[a]! - tv.truth[b]! || a - b).slice(0, 5)];
    const pairIdx = [...new Set([...topIndices(tp.truth, 20), ...topIndices(tp.truth, 20, (x) => !diagonal(x))])];
    const tracked = [
      ...viewIdx.map((x) => ({ kind: 'item:view' as const, x, truth: tv.bounded[x]! })),
      ...pairIdx.map((x) => ({ kind: 'pair' as const, x, truth: tp.bounded[x]! }))
    ];
    expect(tracked.length).toBe(94);
    const counter = new SupportCounter(itemIds);
    const params = partParams(DEFAULT_EPSILON, 1);

    /** One repetition: every person's report, the tracked elements' support counters, the library's estimates. */
    const repetition = (rng: Rng) => {
      const agg = new Aggregator({ period: PERIOD, epsilon: DEFAULT_EPSILON, partsPerReport: 1 }, itemIds).aggregate;
      agg.reports = N;
      for (const w of picks) {
        const [part] = reportFromSets(weeks[w]!, { period: PERIOD, epsilon: DEFAULT_EPSILON, rng }).parts;
        const k = agg.kinds[part!.kind];
        k.parts++;
        if (part!.kind === 'item:view') {
          for (const x of viewIdx) if (counter.supports('item:view', part!.seed, part!.value, params.g, x)) k.counts[x] = k.counts[x]! + 1;
        } else if (part!.kind === 'pair') {
          for (const x of pairIdx) {
            const [i, j] = pairOf.get(x)!;
            if (counter.supports('pair', part!.seed, part!.value, params.g, i, j)) k.counts[x] = k.counts[x]! + 1;
          }
        }
      }
      return { 'item:view': estimateCounts(agg, 'item:view'), pair: estimateCounts(agg, 'pair') };
    };

    // the projection counts exactly what the server's full support counting counts
    const check = picks.subarray(0, 5000);
    const full = aggregateOnce(weeks, check, itemIds, DEFAULT_EPSILON, mulberry32(5));
    const projected = (() => {
      const rng = mulberry32(5);
      const c = { view: new Float64Array(d), pair: new Float64Array(pairDomainSize(d)) };
      for (const w of check) {
        const [part] = reportFromSets(weeks[w]!, { period: PERIOD, epsilon: DEFAULT_EPSILON, rng }).parts;
        if (part!.kind === 'item:view')
          for (const x of viewIdx) c.view[x] = c.view[x]! + Number(counter.supports('item:view', part!.seed, part!.value, params.g, x));
        if (part!.kind === 'pair')
          for (const x of pairIdx) c.pair[x] = c.pair[x]! + Number(counter.supports('pair', part!.seed, part!.value, params.g, ...pairOf.get(x)!));
      }
      return c;
    })();
    for (const x of viewIdx) expect(projected.view[x]).toBe(full.aggregate.kinds['item:view'].counts[x]);
    for (const x of pairIdx) expect(projected.pair[x]).toBe(full.aggregate.kinds.pair.counts[x]);
    expect(projected.view[viewIdx[0]!]).toBeGreaterThan(0);

    const errors = tracked.map(() => new Float64Array(R));
    const sds = new Float64Array(tracked.length);
    const rng = mulberry32(4242);
    for (let r = 0; r < R; r++) {
      const est = repetition(rng);
      tracked.forEach((t, e) => {
        errors[e]![r] = est[t.kind].counts[t.x]! - t.truth;
        // the formula evaluated at the truth, with this run's n_k
        if (r === 0) sds[e] = Math.sqrt(predictedVariance(t.truth, N, est[t.kind].parts, DEFAULT_PAD_LENGTH[t.kind], params));
      });
    }
    let pooledZ = 0;
    let empiricalVar = 0;
    let formulaVar = 0;
    const perRunMeanZ = new Float64Array(R);
    tracked.forEach((_, e) => {
      const errs = errors[e]!;
      const mean = errs.reduce((s, v) => s + v, 0) / R;
      const sd = sds[e]!;
      expect(Math.abs(mean), `element ${e}`).toBeLessThan((4 * sd) / Math.sqrt(R));
      pooledZ += mean / sd;
      for (let r = 0; r < R; r++) perRunMeanZ[r] = perRunMeanZ[r]! + errs[r]! / sd / tracked.length;
      empiricalVar += errs.reduce((s, v) => s + (v - mean) ** 2, 0) / (R - 1);
      formulaVar += sd * sd;
    });
    pooledZ /= tracked.length;
    const runMean = perRunMeanZ.reduce((s, v) => s + v, 0) / R;
    const runSe = Math.sqrt(perRunMeanZ.reduce((s, v) => s + (v - runMean) ** 2, 0) / (R - 1) / R);
    expect(Math.abs(pooledZ - runMean)).toBeLessThan(1e-9);
    expect(Math.abs(runMean)).toBeLessThan(3 * runSe);
    const ratio = empiricalVar / formulaVar;
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.2);
  });
});
