/**
 * Local differential privacy (src/lib/privacy): the randomiser matches OLH's probabilities, the
 * device's hashes and the server's support counting agree, reports carry nothing but the
 * randomised values, the ledger accounts ε per period and in total, and — statistically — the
 * server's estimates from 200,000 simulated people are unbiased and as accurate as the variance
 * formula says.
 *
 * Population: the population simulator (models/simulator; 3,000 people × 13 weeks, via
 * models/privacy/population.ts). Its person-weeks with any activity are resampled with replacement
 * into 200,000 people who were active in the reported week, one report each. (Devices also report
 * empty weeks; such reports add only noise, as the variance formula's n_k term accounts for.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/lib/cf/linalg';
import {
  Aggregator,
  BudgetExceededError,
  DEFAULT_EPSILON,
  DEFAULT_PAD_LENGTH,
  EPSILON_CHOICES,
  estimateCounts,
  estimateGram,
  hashToRange,
  idKey,
  ITEM_KINDS,
  KIND_WEIGHTS,
  kindSets,
  MAX_EPSILON_PER_PERIOD,
  olhParams,
  optimalG,
  pairDomainSize,
  pairIndex,
  partParams,
  periodOf,
  periodRange,
  perturb,
  predictedVariance,
  PrivacyLedger,
  randomisePart,
  REPORT_KINDS,
  ReportSchema,
  buildReport,
  reportFromSets,
  sampledHash,
  SupportCounter,
  TAG_ITEM,
  TAG_PAIR_FIRST,
  TAG_PAIR_SECOND,
  type KindSets,
  type Rng
} from '../../src/lib/privacy/index';
import { simulateWeeks } from '../../models/privacy/population';

const PERIOD = '2026-W48';

/** Chi-square statistic of observed counts against expected probabilities. */
function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>, n: number): number {
  let x = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]! * n;
    x += (observed[i]! - e) ** 2 / e;
  }
  return x;
}

/** Upper 1e-4 tail of chi-square with k degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(k: number): number {
  const z = 3.719;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

describe('OLH randomiser', () => {
  it('uses g = round(e^ε + 1) and satisfies the ε-LDP ratio exactly', () => {
    for (const eps of [0.5, 1, 2, 4, 8]) {
      const { g, p } = olhParams(eps);
      expect(g).toBe(Math.max(2, Math.round(Math.exp(eps) + 1)));
      const qOther = (1 - p) / (g - 1);
      // any output: P(y | x) / P(y | x') ∈ {p/q', q'/p, 1}; the largest is e^ε
      expect(p / qOther).toBeCloseTo(Math.exp(eps), 9);
    }
  });

  it('reports the true hash with probability p = e^ε/(e^ε+g−1), every other value with (1−p)/(g−1)', () => {
    const rng = mulberry32(42);
    for (const eps of [1, 4]) {
      const params = olhParams(eps);
      const { g, p } = params;
      const n = 200_000;
      const x = Math.floor(g / 3);
      const counts = new Float64Array(g);
      for (let i = 0; i < n; i++) {
        const y = perturb(x, params, rng);
        counts[y] = counts[y]! + 1;
      }
      const expected = Array.from({ length: g }, (_, y) => (y === x ? p : (1 - p) / (g - 1)));
      expect(chiSquare(counts, expected, n)).toBeLessThan(chiSquareCritical(g - 1));
      expect(Math.abs(counts[x]! / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('end to end: a one-item set reports a value equal to the item hash with probability p, and the seed is uniform', () => {
    const rng = mulberry32(7);
    const params = partParams(DEFAULT_EPSILON, 1);
    const n = 50_000;
    let hits = 0;
    const seedBuckets = new Float64Array(16);
    const key = idKey('fund-000123');
    for (let i = 0; i < n; i++) {
      const part = randomisePart('item:view', ['fund-000123'], 1, params, rng);
      if (part.value === hashToRange(part.seed, TAG_ITEM, key, params.g)) hits++;
      seedBuckets[part.seed >>> 28] = seedBuckets[part.seed >>> 28]! + 1;
    }
    expect(Math.abs(hits / n - params.p)).toBeLessThan(4 * Math.sqrt((params.p * (1 - params.p)) / n));
    expect(chiSquare(seedBuckets, new Array(16).fill(1 / 16), n)).toBeLessThan(chiSquareCritical(15));
  });

  it('pads with dummies: an empty set never reports a real item more often than chance', () => {
    const rng = mulberry32(9);
    const params = partParams(4, 1);
    const key = idKey('deposit-1');
    let hits = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const part = randomisePart('item:view', [], 6, params, rng);
      if (part.value === hashToRange(part.seed, TAG_ITEM, key, params.g)) hits++;
    }
    const q = 1 / params.g;
    expect(Math.abs(hits / n - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / n));
  });
});

describe('device hashes and server support counting agree', () => {
  const ids = Array.from({ length: 57 }, (_, i) => `p-${i * 7919}`).sort();
  const counter = new SupportCounter(ids);

  it('supports are exactly the domain elements with H(element) = value (items and pairs, several g)', () => {
    const rng = mulberry32(3);
    for (const g of [2, 4, 56, 2982]) {
      for (let t = 0; t < 30; t++) {
        const seed = Math.floor(rng() * 2 ** 32);
        const value = Math.floor(rng() * g);
        const itemBrute: number[] = [];
        ids.forEach((id, i) => hashToRange(seed, TAG_ITEM, idKey(id), g) === value && itemBrute.push(i));
        expect(Array.from(counter.support('item:view', seed, value, g))).toEqual(itemBrute);
        const pairBrute: number[] = [];
        for (let i = 0; i < ids.length; i++) {
          for (let j = i; j < ids.length; j++) {
            const h = (hashToRange(seed, TAG_PAIR_FIRST, idKey(ids[i]!), g) + hashToRange(seed, TAG_PAIR_SECOND, idKey(ids[j]!), g)) % g;
            if (h === value) pairBrute.push(pairIndex(i, j, ids.length));
          }
        }
        expect(Array.from(counter.support('pair', seed, value, g))).toEqual(pairBrute);
      }
    }
    expect(pairDomainSize(ids.length)).toBe((57 * 58) / 2);
  });

  it("a person's sampled pair is in the support of its own unperturbed hash", () => {
    const rng = mulberry32(5);
    const g = 56;
    for (let t = 0; t < 200; t++) {
      const a = Math.floor(rng() * ids.length);
      const b = Math.floor(rng() * ids.length);
      const set = [...new Set([ids[a]!, ids[b]!])].sort();
      const seed = Math.floor(rng() * 2 ** 32);
      // pad 1 and a set of pairs: the draw r picks a real pair; pin it through a scripted rng
      const x = sampledHash('pair', set, 1, seed, g, () => 0);
      const i = ids.indexOf(set[0]!);
      expect(Array.from(counter.support('pair', seed, x, g))).toContain(pairIndex(i, i, ids.length));
    }
  });
});

describe('reports', () => {
  const events = [
    { type: 'view', productId: 'fund-a', ts: '2026-11-24T09:15:00.000Z' },
    { type: 'click', productId: 'fund-b', ts: '2026-11-24T09:16:00.000Z' },
    { type: 'favorite', productId: 'fund-b', ts: '2026-11-24T09:17:00.000Z' },
    { type: 'favorite', productId: 'fund-b', ts: '2026-11-25T09:17:00.000Z', value: 0 },
    { type: 'favorite', productId: 'card-c', ts: '2026-11-25T10:00:00.000Z' },
    { type: 'rate', productId: 'card-c', ts: '2026-11-25T10:01:00.000Z', value: 1 },
    { type: 'rate', productId: 'fund-a', ts: '2026-11-25T11:00:00.000Z', value: 1 },
    { type: 'rate', productId: 'fund-a', ts: '2026-11-26T11:00:00.000Z', value: -1 },
    { type: 'apply', productId: 'loan-d', ts: '2026-11-27T08:00:00.000Z' },
    { type: 'dismiss', productId: 'bond-e', ts: '2026-11-27T08:00:00.000Z' },
    { type: 'search', query: '高收益理财', ts: '2026-11-27T08:30:00.000Z' },
    { type: 'view', productId: 'fund-z', ts: '2026-11-30T00:00:00.000Z' }, // next week
    { type: 'view', productId: 'not-in-catalogue', ts: '2026-11-24T09:00:00.000Z' }
  ] as const;
  const catalogue = ['bond-e', 'card-c', 'fund-a', 'fund-b', 'fund-z', 'loan-d'];

  it('derives the week’s sets: last opinion wins, un-favourites and dismissals count, other weeks and unknown products do not', () => {
    expect(periodOf(Date.parse('2026-11-24T09:15:00Z'))).toBe(PERIOD);
    expect(periodRange(PERIOD).end).toBe(Date.parse('2026-11-30T00:00:00Z'));
    const sets = kindSets(events, catalogue, PERIOD);
    expect(sets).toEqual({
      'item:view': ['fund-a', 'fund-b'],
      'item:favorite': ['card-c'],
      'item:apply': ['loan-d'],
      'item:up': ['card-c'],
      'item:down': ['fund-a'],
      pair: ['card-c', 'fund-b', 'loan-d']
    } satisfies KindSets);
  });

  it('contains no product id, no timestamp, no query — only {schema, period, epsilon, parts:[{kind, pad, seed, value}]}', () => {
    for (let i = 0; i < 50; i++) {
      const report = buildReport(events, catalogue, { period: PERIOD, rng: mulberry32(i), partsPerReport: 1 + (i % 3), epsilon: EPSILON_CHOICES[i % 4] });
      expect(Object.keys(report).sort()).toEqual(['epsilon', 'parts', 'period', 'schema']);
      for (const part of report.parts) expect(Object.keys(part).sort()).toEqual(['kind', 'pad', 'seed', 'value']);
      const text = JSON.stringify(report);
      for (const id of catalogue) expect(text).not.toContain(id);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|高收益|query/);
      expect(ReportSchema.parse(JSON.parse(text))).toEqual(report);
    }
    const ok = buildReport(events, catalogue, { period: PERIOD, rng: mulberry32(1) });
    expect(ok.epsilon).toBe(DEFAULT_EPSILON);
    expect(ReportSchema.safeParse({ ...ok, userId: 'u1' }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...ok, ts: '2026-11-24T09:15:00Z' }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...ok, parts: [{ ...ok.parts[0]!, productId: 'fund-a' }] }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...ok, period: '2026-11-24' }).success).toBe(false);
    // malformed input is refused, never thrown on
    for (const bad of [{ ...ok, epsilon: -1 }, { ...ok, epsilon: 0 }, { ...ok, epsilon: 17 }, { ...ok, parts: [] }, { ...ok, parts: new Array(7).fill(ok.parts[0]) }, { ...ok, parts: 'x' }, null, 'report', 42]) {
      expect(() => ReportSchema.safeParse(bad)).not.toThrow();
      expect(ReportSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('draws kinds with the published weights, whatever the data', () => {
    const rng = mulberry32(77);
    const n = 30_000;
    const seen = Object.fromEntries(REPORT_KINDS.map((k) => [k, 0])) as Record<string, number>;
    for (let i = 0; i < n; i++) {
      const kind = reportFromSets({}, { period: PERIOD, rng }).parts[0]!.kind;
      seen[kind] = seen[kind]! + 1;
    }
    expect(chiSquare(REPORT_KINDS.map((k) => seen[k]!), REPORT_KINDS.map((k) => KIND_WEIGHTS[k]), n)).toBeLessThan(chiSquareCritical(REPORT_KINDS.length - 1));
  });
});

describe('PrivacyLedger', () => {
  it('accounts ε per period and in total, and refuses to overspend', () => {
    let ledger = new PrivacyLedger();
    expect(ledger.limits.perPeriod).toBe(MAX_EPSILON_PER_PERIOD);
    ledger = ledger.spend('2026-W47', 2).spend('2026-W47', 2).spend('2026-W48', 1);
    expect(ledger.spent('2026-W47')).toBe(4);
    expect(ledger.spent('2026-W48')).toBe(1);
    expect(ledger.spent('2026-W49')).toBe(0);
    expect(ledger.total()).toBe(5);
    expect(ledger.remaining('2026-W47')).toBe(0);
    expect(ledger.remaining('2026-W48')).toBe(3);
    expect(ledger.canSpend('2026-W47', 0.5)).toBe(false);
    expect(() => ledger.spend('2026-W47', 0.5)).toThrow(BudgetExceededError);
    expect(ledger.byPeriod()).toEqual([
      { period: '2026-W47', epsilon: 4, reports: 2 },
      { period: '2026-W48', epsilon: 1, reports: 1 }
    ]);
    const report = buildReport([], ['a'], { period: '2026-W48', epsilon: 2, rng: mulberry32(1) });
    const after = ledger.record(report);
    expect(after.spent('2026-W48')).toBe(3);
    expect(ledger.spent('2026-W48')).toBe(1); // immutable
    // total limit
    const capped = new PrivacyLedger([], { total: 5 }).spend('2026-W01', 4);
    expect(capped.remaining('2026-W02')).toBe(1);
    expect(() => capped.spend('2026-W02', 2)).toThrow(BudgetExceededError);
    // floating sums still reach the limit exactly
    let tenths = new PrivacyLedger();
    for (let i = 0; i < 40; i++) tenths = tenths.spend('2026-W10', 0.1);
    expect(tenths.canSpend('2026-W10', 0.1)).toBe(false);
    // JSON round trip (IndexedDB), and bad input refused
    expect(PrivacyLedger.fromJSON(JSON.parse(JSON.stringify(after))).toJSON()).toEqual(after.toJSON());
    expect(() => PrivacyLedger.fromJSON({ limits: { perPeriod: 4, total: null }, entries: [{ period: '2026-11-24', epsilon: 1 }] })).toThrow();
    expect(() => ledger.spend('2026-W48', -1)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Statistical tests on the simulated population

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
}, 60_000);

/** True (weight 1) and contribution-bounded (weight min(1, ℓ/size)) counts of a kind over chosen person-weeks. */
function truths(weeks: readonly KindSets[], picks: Int32Array, kind: 'item:view' | 'pair', d: number, at: ReadonlyMap<string, number>): { truth: Float64Array; bounded: Float64Array } {
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
  return [...values.keys()].filter(filter).sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k);
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
    const t0 = performance.now();
    const agg = aggregateOnce(weeks, picks, itemIds, DEFAULT_EPSILON, rng);
    const aggregateSeconds = (performance.now() - t0) / 1000;
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
    for (const [a, b] of [[3, 7], [0, d - 1], [11, 11]] as const) {
      expect(gram.gram.data[a * d + b]).toBe(pairs.counts[pairIndex(a, b, d)]);
      expect(gram.gram.data[b * d + a]).toBe(pairs.counts[pairIndex(a, b, d)]);
    }
    expect(aggregateSeconds).toBeLessThan(20);
  }, 60_000);

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
        if (part!.kind === 'item:view') for (const x of viewIdx) c.view[x] = c.view[x]! + Number(counter.supports('item:view', part!.seed, part!.value, params.g, x));
        if (part!.kind === 'pair') for (const x of pairIdx) c.pair[x] = c.pair[x]! + Number(counter.supports('pair', part!.seed, part!.value, params.g, ...pairOf.get(x)!));
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
  }, 90_000);
});

describe('published parameters', () => {
  it('default ε ≤ 4 a week, weights sum to 1, pads in range, every item kind has a weight', () => {
    expect(DEFAULT_EPSILON).toBeLessThanOrEqual(4);
    expect(Math.max(...EPSILON_CHOICES)).toBeLessThanOrEqual(MAX_EPSILON_PER_PERIOD);
    expect(REPORT_KINDS.reduce((s, k) => s + KIND_WEIGHTS[k], 0)).toBeCloseTo(1, 12);
    for (const k of ITEM_KINDS) expect(KIND_WEIGHTS[k]).toBeGreaterThan(0);
    expect(optimalG(4)).toBe(56);
  });
});
