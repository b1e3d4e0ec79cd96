/** The optional per-kind catalogue fields: validated when present, never required. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { ProductSchema } from '../../src/lib/domain/product';
import { parseWith } from '../../src/lib/domain/validate';
import { makeProduct } from '../fixtures/engine/fixtures';

const OLD = new URL('../fixtures/catalogue/before-kind-fields.json', import.meta.url);
const DEMO = new URL('../../src/lib/server/demo-catalogue.json', import.meta.url);

const INSURANCE = {
  ...makeProduct('ins-1'),
  kind: 'insurance',
  premium: { amount: 350, period: 'year' },
  coverage: 3_000_000,
  waitingPeriodDays: 30,
  premiumYears: 20
};
const CARD = {
  ...makeProduct('card-1'),
  kind: 'credit_card',
  annualFee: 288,
  annualFeeWaiver: { 'zh-CN': '每年刷卡6次免次年年费', en: 'Waived after 6 purchases a year' },
  benefits: [{ 'zh-CN': '机场贵宾厅', en: 'Airport lounge access' }]
};
const LOAN = {
  ...makeProduct('loan-1'),
  kind: 'loan',
  apr: 3.5,
  aprRange: { min: 3.5, max: 6.5 },
  termRange: { minMonths: 6, maxMonths: 36 },
  maxAmount: 300_000
};

describe('per-kind catalogue fields', () => {
  it('a catalogue written before them still validates, unchanged', () => {
    const old = JSON.parse(readFileSync(OLD, 'utf8')) as { products: Record<string, unknown>[] };
    const parsed = CatalogueSchema.parse(old);
    expect(parsed.products.length).toBe(old.products.length);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(old);
    expect(parseWith(ProductSchema, makeProduct('plain')).ok).toBe(true);
  });

  it('accepts insurance, card and loan fields', () => {
    for (const p of [INSURANCE, CARD, LOAN]) {
      const r = parseWith(ProductSchema, p);
      expect(r.ok, r.ok ? '' : r.error).toBe(true);
    }
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a premium with an unknown period', { ...INSURANCE, premium: { amount: 350, period: 'week' } }, /^premium\.period: /],
    ['a negative premium', { ...INSURANCE, premium: { amount: -1, period: 'year' } }, /^premium\.amount: /],
    ['a negative cover amount', { ...INSURANCE, coverage: -5 }, /^coverage: /],
    ['a fractional waiting period', { ...INSURANCE, waitingPeriodDays: 1.5 }, /^waitingPeriodDays: /],
    ['a fee waiver in one language only', { ...CARD, annualFeeWaiver: { en: 'Waived' } }, /^annualFeeWaiver\.zh-CN: /],
    ['a benefit with no English', { ...CARD, benefits: [{ 'zh-CN': '积分', en: '' }] }, /^benefits\.0\.en: /],
    ['a rate range upside down', { ...LOAN, aprRange: { min: 7, max: 3 } }, /^aprRange: aprRange\.min must not exceed max/],
    ['a term range upside down', { ...LOAN, termRange: { minMonths: 36, maxMonths: 6 } }, /^termRange: termRange\.minMonths must not exceed maxMonths/],
    ['a zero-month term', { ...LOAN, termRange: { minMonths: 0, maxMonths: 6 } }, /^termRange\.minMonths: /],
    ['a negative maximum amount', { ...LOAN, maxAmount: -1 }, /^maxAmount: /]
  ];
  for (const [what, product, pattern] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      const r = parseWith(ProductSchema, product);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(pattern);
    });
  }
});

describe('the demo catalogue fills them', () => {
  const { products } = CatalogueSchema.parse(JSON.parse(readFileSync(DEMO, 'utf8')));
  const of = (kind: string) => products.filter((p) => p.kind === kind);

  it('every policy has its premium; protection policies their cover; only savings-type policies an expected return', () => {
    for (const p of of('insurance')) {
      expect(p.premium, p.id).toBeDefined();
      // the generator's premium is the same figure it has always put in minAmount (the engine still reads that)
      expect(p.premium?.amount, p.id).toBe(p.minAmount);
      if (['critical_illness', 'medical', 'accident', 'term_life'].includes(p.subtype)) {
        expect(p.coverage, p.id).toBeGreaterThan(0);
        expect(p.waitingPeriodDays, p.id).toBeGreaterThanOrEqual(0);
      } else expect(p.premiumYears, p.id).toBeGreaterThan(0);
    }
  });

  it('every card lists benefits, and a fee that can be waived says how', () => {
    for (const p of of('credit_card')) {
      expect(p.benefits?.length, p.id).toBeGreaterThan(0);
      if (p.annualFee === 0) expect(p.annualFeeWaiver, p.id).toBeUndefined();
    }
    expect(of('credit_card').some((p) => p.annualFeeWaiver !== undefined)).toBe(true);
  });

  it('every loan quotes its rate as the low end of its range and its term as the longest on offer', () => {
    for (const p of of('loan')) {
      expect(p.aprRange?.min, p.id).toBe(p.apr);
      expect(p.termRange?.maxMonths, p.id).toBe(p.termMonths);
      expect(p.maxAmount ?? 0, p.id).toBeGreaterThan(p.minAmount ?? 0);
    }
  });

  it('other kinds carry none of them', () => {
    const fields = ['premium', 'coverage', 'waitingPeriodDays', 'annualFeeWaiver', 'benefits', 'aprRange', 'termRange', 'maxAmount'];
    for (const p of products.filter((x) => !['insurance', 'credit_card', 'loan'].includes(x.kind))) {
      for (const f of fields) expect(p[f], `${p.id} ${f}`).toBeUndefined();
    }
  });
});
