import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CandorEvent } from '../../src/lib/domain/event';
import { LIQUIDITY, PRODUCT_KINDS, ProductSchema, type Product } from '../../src/lib/domain/product';
import { GOALS, ProfileSchema, type Profile } from '../../src/lib/domain/profile';
import { gate, passesGate, UNASSESSED_MAX_RISK } from '../../src/lib/domain/suitability';
import { recommend } from '../../src/lib/engine/index';
import { fixtureCatalogue, makeProduct, NOW } from '../fixtures/engine/fixtures';

/** The rules, written out independently of gate(). */
function allowed(p: Product, profile: Profile): boolean {
  if (p.riskLevel > (profile.riskLevel ?? 2)) return false;
  const { minAge, maxAge, minIncome } = p.eligibility;
  if (minAge !== undefined && (profile.age === undefined || profile.age < minAge)) return false;
  if (maxAge !== undefined && (profile.age === undefined || profile.age > maxAge)) return false;
  if (minIncome !== undefined && minIncome > 0 && (profile.annualIncome === undefined || profile.annualIncome < minIncome)) return false;
  return true;
}

describe('gate()', () => {
  it('blocks a product above the assessed level and allows one at or below it', () => {
    expect(gate(makeProduct('p', { riskLevel: 4 }), { riskLevel: 3 })).toEqual({
      ok: false,
      code: 'risk_above_level',
      productRisk: 4,
      personLevel: 3,
      assessed: true
    });
    expect(gate(makeProduct('p', { riskLevel: 3 }), { riskLevel: 3 })).toEqual({ ok: true });
    expect(gate(makeProduct('p', { riskLevel: 1 }), { riskLevel: 5 })).toEqual({ ok: true });
  });

  it('allows nothing above R2 without an assessment', () => {
    expect(UNASSESSED_MAX_RISK).toBe(2);
    expect(passesGate(makeProduct('p', { riskLevel: 2 }), { riskLevel: null })).toBe(true);
    expect(gate(makeProduct('p', { riskLevel: 3 }), { riskLevel: null })).toMatchObject({ ok: false, code: 'risk_above_level', assessed: false });
  });

  it('enforces age limits, and an unknown age fails an age rule', () => {
    const p = makeProduct('p', { riskLevel: 1, eligibility: { minAge: 18, maxAge: 55 } });
    expect(gate(p, { riskLevel: 3, age: 17 })).toEqual({ ok: false, code: 'below_min_age', limit: 18 });
    expect(gate(p, { riskLevel: 3, age: 56 })).toEqual({ ok: false, code: 'above_max_age', limit: 55 });
    expect(gate(p, { riskLevel: 3 })).toMatchObject({ ok: false, code: 'age_unknown' });
    expect(gate(p, { riskLevel: 3, age: 18 })).toEqual({ ok: true });
    expect(gate(p, { riskLevel: 3, age: 55 })).toEqual({ ok: true });
  });

  it('enforces a minimum income, and an unknown income fails it', () => {
    const p = makeProduct('p', { riskLevel: 1, eligibility: { minIncome: 60_000 } });
    expect(gate(p, { riskLevel: 3, annualIncome: 59_999 })).toEqual({ ok: false, code: 'below_min_income', limit: 60_000 });
    expect(gate(p, { riskLevel: 3 })).toEqual({ ok: false, code: 'income_unknown', limit: 60_000 });
    expect(gate(p, { riskLevel: 3, annualIncome: 60_000 })).toEqual({ ok: true });
    expect(gate(makeProduct('q', { eligibility: { minIncome: 0 } }), { riskLevel: 3 })).toEqual({ ok: true });
  });

  it('checks risk before eligibility', () => {
    const p = makeProduct('p', { riskLevel: 5, eligibility: { minAge: 18 } });
    expect(gate(p, { riskLevel: 1 })).toMatchObject({ code: 'risk_above_level' });
  });
});

/* ---------- property: recommend() never lets an unsuitable product through ---------- */

const SUBTYPES = ['bond', 'equity', 'money_market', 'index', 'large_cd', 'time_deposit', 'travel', 'mortgage', 'x'] as const;
const TAGS = [...GOALS, 'low-risk', 'flexible', 'esg'] as const;

const eligibilityArb = fc
  .record({
    minAge: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
    span: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    maxAge: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    minIncome: fc.option(fc.constantFrom(0, 10_000, 60_000, 200_000), { nil: undefined })
  })
  .map(({ minAge, span, maxAge, minIncome }) => {
    const e: Product['eligibility'] = {};
    if (minAge !== undefined) e.minAge = minAge;
    const max = minAge !== undefined && span !== undefined ? Math.min(120, minAge + span) : minAge === undefined ? maxAge : undefined;
    if (max !== undefined) e.maxAge = max;
    if (minIncome !== undefined) e.minIncome = minIncome;
    return e;
  });

const productArb = (id: string) =>
  fc
    .record({
      kind: fc.constantFrom(...PRODUCT_KINDS),
      subtype: fc.constantFrom(...SUBTYPES),
      issuer: fc.constantFrom('bank-a', 'bank-b'),
      riskLevel: fc.integer({ min: 1, max: 5 }),
      expectedReturn: fc.option(fc.double({ min: -5, max: 20, noNaN: true }), { nil: null }),
      termMonths: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
      minAmount: fc.option(fc.constantFrom(0, 1, 1000, 50_000, 1_000_000), { nil: null }),
      liquidity: fc.constantFrom(...LIQUIDITY),
      eligibility: eligibilityArb,
      tags: fc.subarray([...TAGS]),
      popularity: fc.oneof(fc.constant(undefined), fc.double({ min: -1, max: 2, noNaN: true }), fc.constant('high'))
    })
    .map((r): Product => {
      const { popularity, ...rest } = r;
      return ProductSchema.parse({
        id,
        ...rest,
        name: { 'zh-CN': `产品${id}`, en: `Product ${id}` },
        description: { 'zh-CN': '随机产品', en: 'random product' },
        currency: 'CNY',
        apr: null,
        annualFee: null,
        ...(popularity !== undefined ? { popularity } : {})
      });
    });

const productsArb = fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => productArb(`p${i}`))));

const profileArb = fc
  .record({
    riskLevel: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    age: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    annualIncome: fc.option(fc.constantFrom(0, 9_999, 10_000, 59_999, 60_000, 250_000), { nil: undefined }),
    horizonMonths: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    goals: fc.option(fc.subarray([...GOALS]), { nil: undefined }),
    liquidityNeed: fc.option(fc.constantFrom(...LIQUIDITY), { nil: undefined }),
    investAmount: fc.option(fc.constantFrom(0, 1000, 50_000), { nil: undefined })
  })
  .map((r): Profile => {
    const p: Profile = { riskLevel: r.riskLevel as Profile['riskLevel'] };
    if (r.age !== undefined) p.age = r.age;
    if (r.annualIncome !== undefined) p.annualIncome = r.annualIncome;
    if (r.horizonMonths !== undefined) p.horizonMonths = r.horizonMonths;
    if (r.goals !== undefined) p.goals = r.goals;
    if (r.liquidityNeed !== undefined) p.liquidityNeed = r.liquidityNeed;
    if (r.investAmount !== undefined) p.investAmount = r.investAmount;
    return ProfileSchema.parse(p);
  });

const eventsArb = (n: number) =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom('view', 'click', 'favorite', 'dismiss', 'apply', 'purchase', 'rate'),
        idx: fc.integer({ min: 0, max: n - 1 }),
        daysAgo: fc.integer({ min: -2, max: 400 }),
        value: fc.option(fc.constantFrom(-1, 0, 1, 5000), { nil: undefined })
      }),
      { maxLength: 12 }
    )
    .map((rs) =>
      rs.map(({ type, idx, daysAgo, value }): CandorEvent => {
        const e: CandorEvent = { type, productId: `p${idx}`, ts: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString() };
        if (value !== undefined) e.value = value;
        return e;
      })
    );

const queryArb = fc.option(fc.constantFrom('基金', 'deposit', '低风险', 'high yield', '我想投资一个高收益的理财产品', 'retirement', 'xyz'), {
  nil: undefined
});

describe('recommend() respects the hard gate (property)', () => {
  it('never returns a product above the level, above R2 unassessed, or against eligibility', () => {
    fc.assert(
      fc.property(
        productsArb.chain((products) =>
          fc.record({
            products: fc.constant(products),
            profile: profileArb,
            events: eventsArb(products.length),
            query: queryArb,
            k: fc.integer({ min: 0, max: 20 })
          })
        ),
        ({ products, profile, events, query, k }) => {
          const out = recommend({ products, profile, events, now: NOW, k, ...(query !== undefined ? { query } : {}) });
          const byId = new Map(products.map((p) => [p.id, p]));
          expect(out.length).toBeLessThanOrEqual(k);
          expect(new Set(out.map((r) => r.productId)).size).toBe(out.length);
          for (let i = 0; i < out.length; i++) {
            const r = out[i]!;
            const p = byId.get(r.productId);
            expect(p).toBeDefined();
            // the rules themselves, not gate(): level, unassessed cap, eligibility
            expect(p!.riskLevel).toBeLessThanOrEqual(profile.riskLevel ?? 2);
            expect(allowed(p!, profile)).toBe(true);
            expect(passesGate(p!, profile)).toBe(true);
            expect(Number.isFinite(r.score)).toBe(true);
            if (i > 0) expect(r.score).toBeLessThanOrEqual(out[i - 1]!.score);
            expect(r.reasons.length).toBeGreaterThanOrEqual(1);
            expect(r.reasons.length).toBeLessThanOrEqual(3);
          }
          // and every result is one the rules allow
          const allowedIds = products.filter((p) => allowed(p, profile)).map((p) => p.id);
          for (const r of out) expect(allowedIds).toContain(r.productId);
        }
      ),
      { numRuns: 400 }
    );
  });

  it('holds on the fixture catalogue for every level and an unassessed person', () => {
    const products = fixtureCatalogue();
    for (const riskLevel of [null, 1, 2, 3, 4, 5] as const) {
      for (const age of [undefined, 16, 30, 58]) {
        const profile: Profile = { riskLevel, ...(age !== undefined ? { age } : {}), annualIncome: 80_000 };
        const out = recommend({ products, profile, events: [], now: NOW, k: 100, query: '基金' });
        const expected = products
          .filter((p) => allowed(p, profile))
          .map((p) => p.id)
          .sort();
        expect(out.map((r) => r.productId).sort()).toEqual(expected);
      }
    }
  });
});
