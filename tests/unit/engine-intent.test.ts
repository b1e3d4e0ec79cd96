import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/lib/domain/intent';
import type { Profile } from '../../src/lib/domain/profile';
import { explain, matchIntent, profileFit, recommend, LEARNED_WEIGHT } from '../../src/lib/engine/index';
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
    expect(m).toEqual({ matched: true, score: 1, hits: { kinds: ['wealth'], risk: 'low', horizonMonths: 12, amount: 50_000, currency: 'CNY' } });
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
  });
  it('for a loan, risk and liquidity say nothing and the term must be near the horizon', () => {
    const loan = products[5]!;
    expect(matchIntent(loan, { ...none, kinds: ['loan'], horizonMonths: 36, risk: 'low' })).toEqual({
      matched: true,
      score: 1,
      hits: { kinds: ['loan'], horizonMonths: 36 }
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
    const semantic = new Map([
      ['fund-equity-r4', 0.9],
      ['wm-cash-r1', 0.8], // ≥ 0.85 × 0.9 = 0.765: a match too
      ['wm-12m-r2', 0.7] // below it
    ]);
    const out = recommend({ products, profile: C4, events: [], now: NOW, k: 6, query: 'zzzz', semantic });
    expect(out.filter((r) => r.signals.matched).map((r) => r.productId)).toEqual(['fund-equity-r4', 'wm-cash-r1']);
    expect(out[0]!.signals.semantic).toBeCloseTo(0.9);
  });

  it('the ranker moves the base score by LEARNED_WEIGHT·(2l − 1)', () => {
    const base = recommend({ products, profile: C4, events: [], now: NOW, k: 6 });
    const learned = new Map(products.map((p) => [p.id, 0.5]));
    learned.set('loan-car-36', 1);
    const out = recommend({ products, profile: C4, events: [], now: NOW, k: 6, learned, learnedWeight: LEARNED_WEIGHT });
    const before = base.find((r) => r.productId === 'loan-car-36')!;
    const after = out.find((r) => r.productId === 'loan-car-36')!;
    expect(after.signals).toEqual(before.signals);
    // undiversified scores differ by exactly the weight; the reported score may include a diversity penalty
    expect(after.score).toBeGreaterThan(before.score);
    expect(out.indexOf(after)).toBeLessThanOrEqual(base.indexOf(before));
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
