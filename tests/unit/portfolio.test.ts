/**
 * Portfolio allocation on the real monthly data (models/asset-classes) and the demo catalogue, ranked by the
 * one pipeline (engine only: unit tests stay quick; the CLI's slow test runs the shipped ranker).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import {
  allocateThroughPipeline,
  AMOUNT_STEP,
  CASH_RESERVE,
  DEFAULT_CASH_RESERVE,
  estimateClasses,
  ISSUER_MAX_SHARE,
  MARKET_CLASSES,
  mixHistory,
  parseMonthlyReturns,
  PRODUCT_MAX_SHARE,
  SLEEVE_EXPOSURE,
  SLEEVE_MAX,
  sleeveOf,
  type Allocation,
  type ClassEstimate,
  type MarketClass,
  type Sleeve
} from '../../src/lib/portfolio';
import { shrinkCorrelation } from '../../src/lib/portfolio/ledoit-wolf';

const csv = readFileSync(new URL('../../models/asset-classes/monthly-returns.csv', import.meta.url), 'utf8');
const estimate = estimateClasses(parseMonthlyReturns(csv));
const products: Product[] = CatalogueSchema.parse(
  JSON.parse(readFileSync(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url), 'utf8'))
).products;
const byId = new Map(products.map((p) => [p.id, p]));

const NOW = new Date('2026-11-01T00:00:00Z');
const person = (riskLevel: Profile['riskLevel'], extra: Partial<Profile> = {}): Profile => ({ riskLevel, age: 40, annualIncome: 200_000, ...extra });
const allocateFor = (profile: Profile, amount = 50_000, horizonMonths?: number): Promise<Allocation> =>
  allocateThroughPipeline({ products, profile, amount, events: [], now: NOW, estimate, ...(horizonMonths !== undefined ? { horizonMonths } : {}) }, null);

/** the look-through class weights of the holdings, computed here from the mapping */
function classWeights(a: Allocation): number[] {
  const w = new Map<MarketClass, number>();
  for (const h of a.holdings) {
    if (h.sleeve === 'protection') continue;
    for (const [c, share] of Object.entries(SLEEVE_EXPOSURE[h.sleeve]) as [MarketClass, number][]) w.set(c, (w.get(c) ?? 0) + h.weight * share);
  }
  return MARKET_CLASSES.map((c) => w.get(c) ?? 0);
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const quad = (w: readonly number[], m: readonly (readonly number[])[]) =>
  dot(
    w,
    m.map((row) => dot(row, w))
  );

describe('estimate from the real monthly data', () => {
  it('uses the months every class has, with volatilities matching a direct computation and shrunk correlations', () => {
    expect(estimate.months[0]).toBe('2004-01');
    expect(estimate.months.at(-1)).toBe('2019-08');
    expect(estimate.months).toHaveLength(188);
    // CSI 300 volatility straight from the column, over the same months
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const csi = rows.filter((r) => r[0]! >= '2004-01' && r[0]! <= '2019-08').map((r) => Number(r[1]));
    const m = csi.reduce((a, b) => a + b, 0) / csi.length;
    const sd = Math.sqrt((csi.reduce((a, b) => a + (b - m) ** 2, 0) / (csi.length - 1)) * 12);
    expect(estimate.volatility[MARKET_CLASSES.indexOf('cn_equity')]).toBeCloseTo(sd, 10);
    expect(estimate.shrinkage).toBeGreaterThan(0);
    expect(estimate.shrinkage).toBeLessThan(1);
    for (let i = 0; i < 5; i++) expect(estimate.correlation[i]![i]).toBeCloseTo(1, 12);
    // equal-Sharpe equilibrium: every risky class's excess return over its volatility is the same
    const cash = estimate.expected[0]!;
    const ratios = estimate.expected.slice(1).map((mu, i) => (mu - cash) / estimate.volatility[i + 1]!);
    for (const r of ratios) expect(r).toBeCloseTo(estimate.sharpe, 12);
  });

  it('Ledoit–Wolf pulls the sample correlation towards the identity by the stated intensity', () => {
    // two perfectly correlated standardised series, and the formula's intensity worked by hand
    const z = [
      [1, 1],
      [-1, -1],
      [1, 1],
      [-1, -1]
    ];
    const { correlation, intensity } = shrinkCorrelation(z);
    // S = [[1,1],[1,1]], m = 1, d² = 2; every xxᵀ equals S, so b² = 0 and nothing is shrunk
    expect(intensity).toBe(0);
    expect(correlation[0]![1]).toBeCloseTo(1, 12);
    const noisy = shrinkCorrelation([
      [1, 1],
      [-1, -1],
      [1, -1],
      [-1, 1]
    ]);
    // S = I here: it is already the target
    expect(noisy.correlation[0]![1]).toBeCloseTo(0, 12);
  });

  it('refuses a malformed table with the line named', () => {
    expect(() => parseMonthlyReturns('month,A\n2004-01,0.01\n2004-13,0.02')).toThrow(/line 3/);
    expect(() => parseMonthlyReturns('month,A\n2004-01,abc')).toThrow(/line 2, A/);
    expect(() => parseMonthlyReturns('month,A\n2004-02,0.01\n2004-01,0.01')).toThrow(/ascend/);
  });
});

describe('allocation for a person', () => {
  it('volatility and expected return rise from C1 to C5 for the same amount', async () => {
    const all = await Promise.all(([1, 2, 3, 4, 5] as const).map((l) => allocateFor(person(l))));
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.volatility, `C${i + 1}`).toBeGreaterThan(all[i - 1]!.volatility);
      expect(all[i]!.expectedReturn, `C${i + 1}`).toBeGreaterThan(all[i - 1]!.expectedReturn);
    }
    // and a short horizon takes less risk than a long one at the same level
    const short = await allocateFor(person(5), 50_000, 6);
    expect(short.volatility).toBeLessThan(all[4]!.volatility);
  });

  for (const [level, amount] of [
    [1, 50_000],
    [2, 50_000],
    [3, 120_000],
    [4, 50_000],
    [5, 200_000],
    [null, 30_000]
  ] as const) {
    it(`C${level ?? '?'} with ¥${amount}: every holding passes the gate and its minimum, weights sum to 1, the limits hold`, async () => {
      const profile = person(level);
      const a = await allocateFor(profile, amount);
      expect(a.holdings.length).toBeGreaterThan(1);
      expect(a.holdings.reduce((s, h) => s + h.amount, 0)).toBeCloseTo(amount, 6);
      expect(a.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 12);
      expect(a.assetClasses.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
      const issuers = new Map<string, number>();
      for (const h of a.holdings) {
        const p = byId.get(h.productId)!;
        expect(passesGate(p, profile), h.productId).toBe(true);
        expect(p.riskLevel).toBeLessThanOrEqual(level ?? 2);
        expect(h.amount, h.productId).toBeGreaterThanOrEqual(p.minAmount ?? 0);
        expect(h.weight, h.productId).toBeLessThanOrEqual(PRODUCT_MAX_SHARE + 1e-9);
        issuers.set(p.issuer, (issuers.get(p.issuer) ?? 0) + h.weight);
        // whole steps, except the one cash holding that takes the rounding remainder
        if (h.role !== 'reserve') expect(h.amount % AMOUNT_STEP).toBe(0);
      }
      for (const [issuer, w] of issuers) expect(w, issuer).toBeLessThanOrEqual(ISSUER_MAX_SHARE + 1e-9);
      // the emergency reserve is in cash
      expect(classWeights(a)[MARKET_CLASSES.indexOf('cash')]).toBeGreaterThanOrEqual(DEFAULT_CASH_RESERVE - 1e-9);
      expect(new Set(a.holdings.map((h) => h.productId)).size).toBe(a.holdings.length);
    });
  }

  it('keeps a larger reserve for a person whose money must stay reachable, and adds protection when asked for', async () => {
    const a = await allocateFor(person(4, { liquidityNeed: 'high', goals: ['growth', 'protection'] }));
    expect(classWeights(a)[MARKET_CLASSES.indexOf('cash')]).toBeGreaterThanOrEqual(CASH_RESERVE.high - 1e-9);
    const policy = a.holdings.filter((h) => h.assetClass === 'protection');
    expect(policy).toHaveLength(1);
    expect(policy[0]!.weight).toBeLessThanOrEqual(0.05);
    expect(sleeveOf(byId.get(policy[0]!.productId)!)).toBe('protection');
  });

  it('never holds a product above the level even when the ranked list passed in has one', async () => {
    const { allocate } = await import('../../src/lib/portfolio');
    const risky = products.filter((p) => p.riskLevel === 5 && p.currency === 'CNY');
    const ranked = [...risky, ...products].map((p) => ({ productId: p.id }));
    const a = allocate({ products, profile: person(2), amount: 50_000, ranked, estimate });
    for (const h of a.holdings) expect(byId.get(h.productId)!.riskLevel).toBeLessThanOrEqual(2);
  });
});

/**
 * The frontier checked with another solver than the app's: portfolio-allocation's critical line algorithm (in
 * Node; in the browser's strict mode it throws — see optimise.ts), which answers "the highest expected return
 * at volatility ≤ σ within these bounds" directly.
 */
const PortfolioAllocation = createRequire(import.meta.url)('portfolio-allocation') as {
  meanVarianceOptimizationWeights(
    mu: number[],
    sigma: number[][],
    opt: { constraints: { maxVolatility: number; minWeights: number[]; maxWeights: number[] } }
  ): number[];
};

describe('the chosen mix and the efficient frontier', () => {
  /** stated distance: the optimiser's own mix within 0.01 points of return of the frontier; the held mix (rounding, products) within 0.3 */
  const OPTIMISER_GAP = 0.0001;
  const HELD_GAP = 0.003;

  for (const level of [1, 2, 3, 4, 5] as const) {
    it(`C${level}: on or within the stated distance of the frontier`, async () => {
      const a = await allocateFor(person(level));
      // the limits the optimiser had: the reserve, each sleeve's cap, or less where too few products can hold it
      for (const t of a.target) {
        expect(t.min).toBe(t.sleeve === 'cash' ? DEFAULT_CASH_RESERVE : 0);
        expect(t.max).toBeLessThanOrEqual(SLEEVE_MAX[t.sleeve]);
      }
      // the frontier over sleeves, built here from the class estimate; a mixed sleeve is a blend of two others,
      // so the problem is posed over the classes it loads on, with a blend's bounds carried by its own weight
      const load = (s: Sleeve) => MARKET_CLASSES.map((c) => (SLEEVE_EXPOSURE[s] as Partial<Record<MarketClass, number>>)[c] ?? 0);
      const loads = a.target.map((t) => load(t.sleeve));
      const mu = loads.map((l) => dot(l, estimate.expected));
      const cov = loads.map((x) =>
        loads.map((y) =>
          dot(
            x,
            estimate.covariance.map((row) => dot(row, y))
          )
        )
      );
      // a ridge as small as the app's, so that a blend sleeve does not make Σ singular for the critical line
      const sigma = cov.map((row, i) => row.map((v, j) => v + (i === j ? 1e-10 : 0)));
      const best = (vol: number) => {
        const w = PortfolioAllocation.meanVarianceOptimizationWeights(mu, sigma, {
          constraints: { maxVolatility: vol, minWeights: a.target.map((t) => t.min), maxWeights: a.target.map((t) => t.max) }
        });
        return dot(w, mu);
      };
      // the optimiser's sleeve mix
      const tw = MARKET_CLASSES.map((c) =>
        a.target.reduce((s, t) => s + t.weight * ((SLEEVE_EXPOSURE[t.sleeve] as Partial<Record<MarketClass, number>>)[c] ?? 0), 0)
      );
      const tVol = Math.sqrt(quad(tw, estimate.covariance));
      const tRet = dot(tw, estimate.expected);
      expect(tVol).toBeLessThanOrEqual(a.targetVolatility + 1e-6);
      expect(best(tVol + 1e-9) - tRet).toBeLessThanOrEqual(OPTIMISER_GAP);
      // the mix actually held
      const w = classWeights(a);
      expect(Math.sqrt(quad(w, estimate.covariance))).toBeCloseTo(a.volatility, 10);
      expect(dot(w, estimate.expected)).toBeCloseTo(a.expectedReturn, 10);
      expect(best(a.volatility + 1e-9) - a.expectedReturn).toBeLessThanOrEqual(HELD_GAP);
    });
  }
});

describe('history and stress', () => {
  it('the 2015 crash and 2008 match a hand computation on the monthly rows', async () => {
    const equity = MARKET_CLASSES.map((c) => (c === 'cn_equity' ? 1 : 0));
    const h = mixHistory(equity, estimate);
    // CSI 300 TR, June–August 2015: −7.2363 %, −14.0481 %, −11.7431 %
    expect(h.stress.find((s) => s.scenario === '2015')!.return).toBeCloseTo((1 - 0.072363) * (1 - 0.140481) * (1 - 0.117431) - 1, 10);
    // half CSI 300, half bonds (CSI aggregate bond: +0.4288 %, +1.2163 %, +0.7841 %), rebalanced monthly
    const half = mixHistory(
      MARKET_CLASSES.map((c) => (c === 'cn_equity' || c === 'bond' ? 0.5 : 0)),
      estimate
    );
    const byHand = (1 + (-0.072363 + 0.004288) / 2) * (1 + (-0.140481 + 0.012163) / 2) * (1 + (-0.117431 + 0.007841) / 2) - 1;
    expect(half.stress.find((s) => s.scenario === '2015')!.return).toBeCloseTo(byHand, 10);

    // a real allocation's 2008: its class weights on the twelve 2008 rows, read straight from the CSV
    const a = await allocateFor(person(5));
    const w = classWeights(a);
    const header = csv.split('\n')[0]!.split(',');
    const col = { cash: 'MMF_Index', bond: 'CSI_AggBond', cn_equity: 'CSI300_TR', global_equity: 'SP500TR_CNY', gold: 'Au9999' } as const;
    let wealth = 1;
    for (const line of csv.split('\n').filter((l) => l.startsWith('2008-'))) {
      const cells = line.split(',');
      wealth *= 1 + MARKET_CLASSES.reduce((s, c, i) => s + w[i]! * Number(cells[header.indexOf(col[c])]), 0);
    }
    expect(a.history.stress.find((s) => s.scenario === '2008')!.return).toBeCloseTo(wealth - 1, 10);
    expect(wealth - 1).toBeLessThan(-0.2);
  });

  it('max drawdown and the worst 12 months on a worked series', () => {
    // a one-class estimate: +10 %, −20 %, −10 %, +50 %, then twelve months of 0
    const months = Array.from({ length: 16 }, (_, i) => `2000-${String((i % 12) + 1).padStart(2, '0')}`);
    const rs = [0.1, -0.2, -0.1, 0.5, ...new Array<number>(12).fill(0)];
    const est = { ...estimate, classes: ['cash'] as const, months, returns: rs.map((r) => [r]) } as unknown as ClassEstimate;
    const h = mixHistory([1], est);
    // peak 1.1, trough 1.1·0.8·0.9 = 0.792: −28 %
    expect(h.maxDrawdown).toBeCloseTo(0.792 / 1.1 - 1, 12);
    // worst window: the first twelve months (1.1·0.8·0.9·1.5 − 1 = 18.8 %) vs the last twelve (0 %) …
    expect(h.worst12m).toBeCloseTo(0, 12);
  });
});
