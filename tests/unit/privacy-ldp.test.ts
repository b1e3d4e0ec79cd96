/**
 * Local differential privacy (src/lib/privacy): the randomiser matches OLH's probabilities, the
 * device's hashes and the server's support counting agree, reports carry nothing but the
 * randomised values, and the ledger accounts ε per period and in total. The statistical checks of the
 * server's estimates on 200,000 simulated people are in tests/slow/privacy-ldp-estimates.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/lib/common/random';
import {
  BudgetExceededError,
  DEFAULT_EPSILON,
  EPSILON_CHOICES,
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
  type KindSets
} from '../../src/lib/privacy/index';

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
    // malformed input is refused, and the refusal names what is wrong
    const refusals: [unknown, string][] = [
      [{ ...ok, epsilon: -1 }, 'epsilon'],
      [{ ...ok, epsilon: 0 }, 'epsilon'],
      [{ ...ok, epsilon: 17 }, 'epsilon'],
      [{ ...ok, parts: [] }, 'parts'],
      [{ ...ok, parts: new Array(7).fill(ok.parts[0]) }, 'parts'],
      [{ ...ok, parts: 'x' }, 'parts'],
      [null, ''],
      ['report', ''],
      [42, '']
    ];
    for (const [bad, field] of refusals) {
      const r = ReportSchema.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues.map((i) => String(i.path[0] ?? ''))).toContain(field);
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
    expect(
      chiSquare(
        REPORT_KINDS.map((k) => seen[k]!),
        REPORT_KINDS.map((k) => KIND_WEIGHTS[k]),
        n
      )
    ).toBeLessThan(chiSquareCritical(REPORT_KINDS.length - 1));
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

describe('published parameters', () => {
  it('default ε ≤ 4 a week, weights sum to 1, pads in range, every item kind has a weight', () => {
    expect(DEFAULT_EPSILON).toBeLessThanOrEqual(4);
    expect(Math.max(...EPSILON_CHOICES)).toBeLessThanOrEqual(MAX_EPSILON_PER_PERIOD);
    expect(REPORT_KINDS.reduce((s, k) => s + KIND_WEIGHTS[k], 0)).toBeCloseTo(1, 12);
    for (const k of ITEM_KINDS) expect(KIND_WEIGHTS[k]).toBeGreaterThan(0);
    expect(optimalG(4)).toBe(56);
  });
});
