import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/lib/domain/intent';
import type { Profile } from '../../src/lib/domain/profile';
import { explain, matchIntent, MAX_KIND_SHARE, popularityOf, profileFit, recommend, LEARNED_WEIGHT } from '../../src/lib/engine/index';
import { parseIntent } from '../../src/lib/intent';
import { makeProduct, NOW } from '../fixtures/engine/fixtures';

const C4: Profile = { riskLevel: 4, age: 40, annualIncome: 300_000 };
const none: Intent = { kinds: [], risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, goals: [], language: 'en' };

const products = [
  makeProduct('wm-12m-r2', { kind: 'wealth', subtype: 'fixed_income', riskLevel: 2, termMonths: 12, minAmount: 10_000, liquidity: 'low' }),
  makeProduct('wm-36m-r2', { kind: 'wealth', subtype: 'fixed_income', riskLevel: 2, termMonths: 36, minAmount: 10_000, liquidity: 'low' }),
  makeProduct('wm-cash-r1', { kind: 'wealth', subtype: 'cash', riskLevel: 1, termMonths: null, minAmount: 1, liquidity: 'high' }),
  makeProduct('wm-mixed-r4', { kind: 'wealth', subtype: 'mixed', riskLevel: 4, termMonths: 12, minAmount: 10_000, liquidity: 'low' }),
  makeProduct('fund-equity-r4', { kind: 'fund', subtype: 'equity', riskLevel: 4, liquidity: 'high', popularity: 1 }),
  makeProduct('loan-car-36', { kind: 'loan', subtype: 'car', riskLevel: 1, termMonths: 36, liquidity: 'low' })
];

describe('matchIntent (worked by hand)', () => {
  const intent: Intent = { ...none, kinds: ['wealth'], risk: 'low', horizonMonths: 12, amount: 50_000, currency: 'CNY' };
  it('a 12-month R2 wealth product from 10,000 satisfies all four named parts', () => {
    const m = matchIntent(products[0]!, intent);
    expect(m).toEqual({
      matched: true,
      score: 1,
      hits: { kinds: ['wealth'], risk: 'low', horizonMonths: 12, amount: 50_000, currency: 'CNY' },
      // an Intent without `hard` reads as before: kind, risk and liquidity hard; the currency only counts the amount
      checks: [
        { constraint: 'kinds', hard: true, ok: true },
        { constraint: 'risk', hard: true, ok: true },
        { constraint: 'horizonMonths', hard: false, ok: true },
        { constraint: 'amount', hard: false, ok: true }
      ],
      misses: []
    });
  });
  it('a 36-month one misses only the soft horizon: still a match, 3 of 4', () => {
    const m = matchIntent(products[1]!, intent);
    expect(m.matched).toBe(true);
    expect(m.score).toBe(0.75);
  });
  it('an R4 one misses the hard risk part: not a match', () => {
    const m = matchIntent(products[3]!, intent);
    expect(m.matched).toBe(false);
    expect(m.score).toBe(0.75);
    expect(m.misses).toEqual(['risk']);
  });
  it('for a loan, risk and liquidity say nothing and the term must be near the horizon', () => {
    const loan = products[5]!;
    expect(matchIntent(loan, { ...none, kinds: ['loan'], horizonMonths: 36, risk: 'low' })).toEqual({
      matched: true,
      score: 1,
      hits: { kinds: ['loan'], horizonMonths: 36 },
      checks: [
        { constraint: 'kinds', hard: true, ok: true },
        { constraint: 'horizonMonths', hard: false, ok: true }
      ],
      misses: []
    });
    expect(matchIntent(loan, { ...none, kinds: ['loan'], horizonMonths: 12 }).score).toBe(0.5);
  });
});

describe('recommend with a request', () => {
  it('puts what answers "一年期的低风险理财" first, says so, and keeps the gate', () => {
    const intent = parseIntent('我想要一年期的低风险理财');
    const out = recommend({ products, profile: C4, events: [], now: NOW, k: 6, query: '我想要一年期的低风险理财', intent });
    expect(out[0]!.productId).toBe('wm-12m-r2');
    expect(out[0]!.signals.matched).toBe(true);
    const why = out[0]!.reasons[0]!;
    expect(why.code).toBe('matches_request');
    expect(explain(why, 'zh-CN')).toBe('符合您的需求：1年、低风险、理财产品');
    expect(explain(why, 'en')).toBe('Matches your request: 1 year, low risk, wealth-management product');
    // the R4 wealth product and the equity fund do not answer the request: below every match
    const matched = out.filter((r) => r.signals.matched).map((r) => r.productId);
    expect(matched).not.toContain('wm-mixed-r4');
    expect(matched).not.toContain('fund-equity-r4');
  });

  it('never lets a request lift a product over the gate', () => {
    const out = recommend({ products, profile: { riskLevel: 1 }, events: [], now: NOW, k: 6, intent: { ...none, risk: 'high' } });
    expect(out.map((r) => r.productId)).not.toContain('fund-equity-r4');
  });

  it('semantic similarity forms the top tier when nothing lexical matches', () => {
    // scaled over the candidates (min 0.3, max 0.9): 1, 0.83, 0.33, 0…; "near" is ≥ 0.6 of the way up (hybrid.ts)
    const semantic = new Map([
      ['fund-equity-r4', 0.9],
      ['wm-cash-r1', 0.8], // 0.83: a match too
      ['wm-12m-r2', 0.5], // 0.33: below it
      ['wm-36m-r2', 0.3],
      ['wm-mixed-r4', 0.3],
      ['loan-car-36', 0.3]
    ]);
    const out = recommend({ products, profile: C4, events: [], now: NOW, k: 6, query: 'zzzz', semantic });
    expect(out.filter((r) => r.signals.matched).map((r) => r.productId)).toEqual(['fund-equity-r4', 'wm-cash-r1']);
    expect(out[0]!.signals.semantic).toBeCloseTo(0.9);
  });

  it('the ranker adds w·(l − median)/(p90 − p10) to the bounded refine term: worked by hand on two products', () => {
    // two products of different kinds and subtypes: no diversity penalty, so reported scores are base scores
    const two = [products[0]!, products[4]!];
    const plain = recommend({ products: two, profile: C4, events: [], now: NOW, k: 2 });
    // l = 0.02 and 0.06: median 0.04, p90 − p10 = 0.056 − 0.024 = 0.032 -> −0.625 and +0.625
    const learned = new Map([
      ['wm-12m-r2', 0.02],
      ['fund-equity-r4', 0.06]
    ]);
    const out = recommend({ products: two, profile: C4, events: [], now: NOW, k: 2, learned, learnedWeight: 2 });
    const score = (rs: typeof out, id: string) => rs.find((r) => r.productId === id)!.score;
    // refine was 0.25·(0.15·pop)/0.15; with the ranker it is 0.25·(0.15·pop + 2·l̂)/(0.15 + 2)
    const refine = (pop: number, l: number) => (0.25 * (0.15 * pop + 2 * l)) / 2.15 - 0.25 * pop;
    expect(score(out, 'wm-12m-r2')).toBeCloseTo(score(plain, 'wm-12m-r2') + refine(popularityOf(two[0]!), -0.625), 10);
    expect(score(out, 'fund-equity-r4')).toBeCloseTo(score(plain, 'fund-equity-r4') + refine(popularityOf(two[1]!), 0.625), 10);
    expect(out.map((r) => r.productId)).toEqual(['fund-equity-r4', 'wm-12m-r2']);
    // the same opinion for everyone, or none at all, changes nothing
    const flat = recommend({
      products: two,
      profile: C4,
      events: [],
      now: NOW,
      k: 2,
      learned: new Map([
        ['wm-12m-r2', 0.3],
        ['fund-equity-r4', 0.3]
      ])
    });
    expect(flat.map((r) => r.score)).toEqual(plain.map((r) => r.score));
    expect(LEARNED_WEIGHT).toBe(1);
  });
});

describe('diversity', () => {
  it('no kind fills more than half the list while others are left, however strong the opinion', () => {
    const funds = Array.from({ length: 8 }, (_, i) => makeProduct(`fund-${i}`, { kind: 'fund', subtype: `s${i}` }));
    const others = [
      makeProduct('dep-1', { kind: 'deposit', subtype: 'time', riskLevel: 1 }),
      makeProduct('bond-1', { kind: 'bond', subtype: 'treasury', riskLevel: 1 }),
      makeProduct('ins-1', { kind: 'insurance', subtype: 'medical', riskLevel: 1 })
    ];
    const learned = new Map([...funds.map((p) => [p.id, 0.9] as const), ...others.map((p) => [p.id, 0.01] as const)]);
    const out = recommend({ products: [...funds, ...others], profile: C4, events: [], now: NOW, k: 6, learned, learnedWeight: 10 });
    expect(MAX_KIND_SHARE).toBe(0.5);
    expect(out.filter((r) => r.productId.startsWith('fund-'))).toHaveLength(3);
    expect(out).toHaveLength(6);
    // with nothing else left, the rest may be funds
    const onlyFunds = recommend({ products: funds, profile: C4, events: [], now: NOW, k: 6 });
    expect(onlyFunds).toHaveLength(6);
  });
});

describe('profile fit for credit products', () => {
  it('a loan is not judged on horizon, liquidity or amount', () => {
    const fit = profileFit(products[5]!, { riskLevel: 3, horizonMonths: 12, liquidityNeed: 'high', investAmount: 1000 });
    expect(fit.parts).toBe(1);
    expect(fit.horizon).toBeUndefined();
    expect(fit.liquidity).toBeUndefined();
  });
});
