import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { EVENT_TYPES, EventSchema } from '../../src/lib/domain/event';
import { IntentSchema } from '../../src/lib/domain/intent';
import { ProductSchema } from '../../src/lib/domain/product';
import { ProfileSchema } from '../../src/lib/domain/profile';
import { parseWith } from '../../src/lib/domain/validate';
import { makeProduct } from '../fixtures/engine/fixtures';

/** The readable error parseWith gives; fails the test if the input was accepted. */
function errorOf(schema: z.ZodType, input: unknown): string {
  const r = parseWith(schema, input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return r.error;
}

const TS = '2026-05-01T10:00:00.000Z';
const PRODUCT = makeProduct('fund-1');
const INTENT = {
  kinds: ['fund'],
  risk: 'low',
  horizonMonths: 12,
  liquidity: 'high',
  amount: 50_000,
  currency: 'CNY',
  goals: ['preservation'],
  language: 'zh'
};

describe('ProductSchema', () => {
  it('accepts a valid product and keeps extra fields', () => {
    const r = parseWith(ProductSchema, { ...PRODUCT, bankCode: 'X1' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.bankCode).toBe('X1');
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an empty id', { id: '' }, /^id: id is required/],
    ['an unknown kind', { kind: 'crypto' }, /^kind: .*deposit/],
    ['a risk level of 6', { riskLevel: 6 }, /^riskLevel: risk level must be 1-5/],
    ['a risk level of 0', { riskLevel: 0 }, /^riskLevel: risk level must be 1-5/],
    ['a fractional risk level', { riskLevel: 2.5 }, /^riskLevel: /],
    ['a currency that is not ISO 4217', { currency: 'yuan' }, /^currency: currency must be an ISO 4217 code/],
    ['a name without zh-CN', { name: { en: 'Fund' } }, /^name\.zh-CN: /],
    ['an empty English description', { description: { 'zh-CN': '基金', en: '' } }, /^description\.en: en text is required/],
    ['an unknown liquidity', { liquidity: 'instant' }, /^liquidity: .*high/],
    ['a fractional term', { termMonths: 1.5 }, /^termMonths: /],
    ['a negative minimum amount', { minAmount: -1 }, /^minAmount: /],
    ['a missing expectedReturn (must be null, not absent)', { expectedReturn: undefined }, /^expectedReturn: /],
    ['minAge above maxAge', { eligibility: { minAge: 60, maxAge: 18 } }, /^eligibility: eligibility\.minAge must not exceed maxAge/],
    ['an empty tag', { tags: ['ok', ''] }, /^tags\.1: /]
  ];
  for (const [what, patch, pattern] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(errorOf(ProductSchema, { ...PRODUCT, ...patch })).toMatch(pattern);
    });
  }

  it('refuses a product with no issuer', () => {
    const { issuer: _issuer, ...rest } = PRODUCT;
    void _issuer;
    expect(errorOf(ProductSchema, rest)).toMatch(/^issuer: /);
  });

  it('lists every bad field at once', () => {
    const err = errorOf(ProductSchema, { ...PRODUCT, riskLevel: 9, currency: 'x' });
    expect(err).toContain('riskLevel: ');
    expect(err).toContain('; currency: ');
  });
});

describe('CatalogueSchema', () => {
  it('accepts distinct products', () => {
    expect(parseWith(CatalogueSchema, { version: 1, products: [PRODUCT, makeProduct('dep-1')] }).ok).toBe(true);
  });

  it('refuses duplicate ids, naming the duplicate and its position', () => {
    const err = errorOf(CatalogueSchema, { products: [PRODUCT, makeProduct('dep-1'), PRODUCT] });
    expect(err).toBe('products.2.id: duplicate product id fund-1');
  });

  it('refuses a bad product inside, with its index', () => {
    expect(errorOf(CatalogueSchema, { products: [PRODUCT, { ...PRODUCT, id: 'x', riskLevel: 7 }] })).toMatch(/^products\.1\.riskLevel: risk level must be 1-5/);
  });

  it('refuses a missing product list and a negative version', () => {
    expect(errorOf(CatalogueSchema, {})).toMatch(/^products: /);
    expect(errorOf(CatalogueSchema, { products: 'all of them' })).toMatch(/^products: .*array/);
    expect(errorOf(CatalogueSchema, { version: -1, products: [] })).toMatch(/^version: /);
  });
});

describe('EventSchema', () => {
  it('accepts every event type with what it needs', () => {
    for (const type of EVENT_TYPES) {
      const e = type === 'search' ? { type, query: 'fund', ts: TS } : { type, productId: 'fund-1', ts: TS };
      expect(parseWith(EventSchema, e).ok, type).toBe(true);
    }
    expect(parseWith(EventSchema, { type: 'view', productId: 'p', ts: '2026-05-01T18:00:00+08:00' }).ok).toBe(true);
  });

  it('refuses an unknown type, listing the allowed ones', () => {
    expect(errorOf(EventSchema, { type: 'like', productId: 'p', ts: TS })).toBe(`type: type must be one of ${EVENT_TYPES.join(', ')}`);
  });

  it('refuses a bad timestamp', () => {
    for (const ts of ['yesterday', '2026-05-01', '2026-05-01T10:00:00', '2026-02-30T00:00:00Z', 1_746_093_600_000]) {
      expect(errorOf(EventSchema, { type: 'view', productId: 'p', ts }), String(ts)).toMatch(/^ts: /);
    }
  });

  it('refuses a product event without productId and a search without query', () => {
    expect(errorOf(EventSchema, { type: 'purchase', ts: TS, value: 100 })).toBe('productId: a purchase event needs a productId');
    expect(errorOf(EventSchema, { type: 'search', ts: TS })).toBe('query: a search event needs a query');
  });

  it('refuses a non-finite value, an over-long query and an over-long product id', () => {
    expect(errorOf(EventSchema, { type: 'rate', productId: 'p', ts: TS, value: Number.NaN })).toMatch(/^value: /);
    expect(errorOf(EventSchema, { type: 'search', query: 'x'.repeat(501), ts: TS })).toMatch(/^query: /);
    expect(errorOf(EventSchema, { type: 'view', productId: 'p'.repeat(129), ts: TS })).toMatch(/^productId: /);
  });
});

describe('ProfileSchema', () => {
  it('accepts an unassessed and a full profile', () => {
    expect(parseWith(ProfileSchema, { riskLevel: null }).ok).toBe(true);
    expect(
      parseWith(ProfileSchema, {
        riskLevel: 3,
        age: 40,
        annualIncome: 100_000,
        horizonMonths: 36,
        goals: ['growth'],
        locale: 'zh-CN',
        liquidityNeed: 'medium',
        investAmount: 10_000
      }).ok
    ).toBe(true);
  });

  it('requires riskLevel (null for unassessed)', () => {
    expect(errorOf(ProfileSchema, {})).toMatch(/^riskLevel: /);
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a level of 7', { riskLevel: 7 }, /^riskLevel: risk level must be 1-5/],
    ['an age of 130', { riskLevel: null, age: 130 }, /^age: /],
    ['a fractional age', { riskLevel: null, age: 30.5 }, /^age: /],
    ['a negative income', { riskLevel: null, annualIncome: -1 }, /^annualIncome: /],
    ['a horizon of 601 months', { riskLevel: null, horizonMonths: 601 }, /^horizonMonths: /],
    ['an unknown goal', { riskLevel: null, goals: ['growth', 'yacht'] }, /^goals\.1: .*growth/],
    ['an unknown locale', { riskLevel: null, locale: 'fr' }, /^locale: .*zh-CN/],
    ['an unknown liquidity need', { riskLevel: null, liquidityNeed: 'max' }, /^liquidityNeed: /],
    ['a negative amount', { riskLevel: null, investAmount: -10 }, /^investAmount: /]
  ];
  for (const [what, input, pattern] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(errorOf(ProfileSchema, input)).toMatch(pattern);
    });
  }
});

describe('IntentSchema', () => {
  it('accepts the contract shape', () => {
    expect(parseWith(IntentSchema, INTENT).ok).toBe(true);
    expect(
      parseWith(IntentSchema, { ...INTENT, risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, kinds: [], goals: [] }).ok
    ).toBe(true);
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown kind', { kinds: ['fund', 'gold'] }, /^kinds\.1: .*deposit/],
    ['an unknown risk', { risk: 'extreme' }, /^risk: .*low/],
    ['a negative horizon', { horizonMonths: -1 }, /^horizonMonths: /],
    ['an unknown liquidity', { liquidity: 'now' }, /^liquidity: /],
    ['a negative amount', { amount: -5 }, /^amount: /],
    ['a lower-case currency', { currency: 'cny' }, /^currency: /],
    ['an unknown goal', { goals: ['fun'] }, /^goals\.0: /],
    ['an unknown language', { language: 'fr' }, /^language: .*zh/],
    ['an absent (not null) risk', { risk: undefined }, /^risk: /]
  ];
  for (const [what, patch, pattern] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(errorOf(IntentSchema, { ...INTENT, ...patch })).toMatch(pattern);
    });
  }

  it('names every missing field', () => {
    const err = errorOf(IntentSchema, {});
    for (const field of ['kinds', 'risk', 'horizonMonths', 'liquidity', 'amount', 'currency', 'goals', 'language']) {
      expect(err).toContain(`${field}: `);
    }
  });
});
