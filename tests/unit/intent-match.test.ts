import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { INTENT_SUBTYPES, subtypeKind, type Intent } from '../../src/lib/domain/intent';
import { PRODUCT_KINDS } from '../../src/lib/domain/product';
import type { Product } from '../../src/lib/domain/product';
import { matchIntent, nearestFits } from '../../src/lib/engine/intent-match';
import { parseIntent } from '../../src/lib/intent';
import { makeProduct } from '../fixtures/engine/fixtures';

/**
 * Requests through the parser and matchIntent over the demo catalogue: what passes a filter on
 * the parts said outright (misses = []) is what the person asked for, and what nothing can meet
 * is named.
 */
const CATALOGUE = fileURLToPath(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url));
const PRODUCTS: readonly Product[] = CatalogueSchema.parse(JSON.parse(readFileSync(CATALOGUE, 'utf8'))).products;

function fitting(text: string): Product[] {
  const intent = parseIntent(text);
  return PRODUCTS.filter((p) => matchIntent(p, intent).misses.length === 0);
}

describe('matchIntent over the demo catalogue', () => {
  it('every subtype a request can name is a kind and exists in the demo catalogue', () => {
    for (const s of INTENT_SUBTYPES) {
      expect(PRODUCT_KINDS).toContain(subtypeKind(s));
      expect(
        PRODUCTS.some((p) => `${p.kind}/${p.subtype}` === s),
        s
      ).toBe(true);
    }
  });

  it('"travel credit card with no annual fee": only travel cards without a fee', () => {
    const got = fitting('travel credit card with no annual fee');
    expect(got.length).toBeGreaterThan(0);
    for (const p of got) expect([p.kind, p.subtype, p.annualFee]).toEqual(['credit_card', 'travel', 0]);
  });

  it('"免年费的信用卡": every card passing has no annual fee, of any subtype', () => {
    const got = fitting('免年费的信用卡');
    expect(new Set(got.map((p) => p.subtype)).size).toBeGreaterThan(1);
    for (const p of got) expect([p.kind, p.annualFee]).toEqual(['credit_card', 0]);
  });

  it('"给35岁的自己买份重疾险": critical illness policies a 35-year-old may buy', () => {
    const got = fitting('给35岁的自己买份重疾险');
    expect(got.length).toBeGreaterThan(0);
    for (const p of got) {
      expect([p.kind, p.subtype]).toEqual(['insurance', 'critical_illness']);
      expect(p.eligibility.minAge ?? 0).toBeLessThanOrEqual(35);
      expect(p.eligibility.maxAge ?? 120).toBeGreaterThanOrEqual(35);
    }
  });

  it('"装修贷款" is renovation loans, never a mortgage', () => {
    const got = fitting('装修贷款');
    expect(got.length).toBeGreaterThan(0);
    for (const p of got) expect(p.subtype).toBe('renovation');
    const mortgage = PRODUCTS.find((p) => p.subtype === 'mortgage')!;
    expect(matchIntent(mortgage, parseIntent('装修贷款'))).toMatchObject({ matched: false, misses: ['subtypes'] });
  });

  it('index funds with low fees, QDII in USD, large CDs, ESG', () => {
    for (const p of fitting('低费率的指数基金'))
      expect(p.kind === 'fund' && (p.subtype === 'index' || p.tags.includes('index')) && p.tags.includes('low-cost')).toBe(true);
    expect(fitting('低费率的指数基金').length).toBeGreaterThan(0);
    const usd = fitting('QDII基金 美元');
    expect(usd.length).toBeGreaterThan(0);
    for (const p of usd) expect([p.subtype, p.currency]).toEqual(['qdii', 'USD']);
    for (const p of fitting('大额存单')) expect(p.subtype).toBe('large_cd');
    // ESG is a theme: ESG funds and ESG-tagged bonds answer it, a green car loan does not
    const esg = fitting('ESG');
    expect(esg.some((p) => p.kind === 'fund')).toBe(true);
    for (const p of esg) expect(p.subtype === 'esg' || p.tags.includes('esg')).toBe(true);
    expect(esg.some((p) => p.kind === 'loan')).toBe(false);
  });

  it('USD products: all 8 demo ones, and nothing else, meet "美元"', () => {
    const usd = fitting('美元');
    expect(usd).toHaveLength(PRODUCTS.filter((p) => p.currency === 'USD').length);
    expect(usd.length).toBe(8);
  });

  it('names the part nothing meets: USD insurance', () => {
    const intent = parseIntent('美元保险');
    const r = nearestFits(PRODUCTS.map((p) => matchIntent(p, intent)));
    expect(r.unmet).toEqual(['currency']);
    // the nearest: every insurance policy (they miss only the currency), not the USD deposits (they miss the kind)
    const nearest = r.nearest.map((i) => PRODUCTS[i]!);
    expect(nearest).toHaveLength(PRODUCTS.filter((p) => p.kind === 'insurance').length);
    expect(nearest.every((p) => p.kind === 'insurance')).toBe(true);
    // and when the request can be met, nothing is given up and the nearest are the fits
    const met = nearestFits(PRODUCTS.map((p) => matchIntent(p, parseIntent('大额存单'))));
    expect(met.unmet).toEqual([]);
    expect(met.nearest.map((i) => PRODUCTS[i]!.subtype)).toEqual(fitting('大额存单').map((p) => p.subtype));
  });
});

describe('matchIntent, part by part (worked by hand)', () => {
  const none: Intent = { kinds: [], risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, goals: [], language: 'en' };
  const card = makeProduct('card', { kind: 'credit_card', subtype: 'travel', annualFee: 288, riskLevel: 1, tags: ['travel'] });
  const fund = makeProduct('fund', { kind: 'fund', subtype: 'mixed', riskLevel: 3, expectedReturn: 6, minAmount: 1000, tags: [] });

  it('checks only the parts that apply, marking each hard or soft', () => {
    const intent: Intent = { ...none, kinds: ['credit_card'], subtypes: ['credit_card/travel'], fees: ['no_annual_fee'], risk: 'low', hard: ['kinds', 'fees'] };
    const m = matchIntent(card, intent);
    expect(m.checks).toEqual([
      { constraint: 'kinds', hard: true, ok: true },
      { constraint: 'subtypes', hard: false, ok: true },
      { constraint: 'fees', hard: true, ok: false }
    ]);
    expect(m.misses).toEqual(['fees']);
    expect(m.matched).toBe(false);
    // a fund, for the same request: judged on the subtype (it is not a travel card), while a card's fee says nothing of it
    expect(matchIntent(fund, intent).checks.map((c) => c.constraint)).toEqual(['kinds', 'subtypes', 'risk']);
  });

  it('an implied part ranks but never filters', () => {
    const soft: Intent = { ...none, kinds: ['credit_card'], fees: ['no_annual_fee'], hard: [] };
    const m = matchIntent(card, soft);
    expect(m.misses).toEqual([]);
    expect(m.score).toBe(0.5);
  });

  it('a currency on an amount only is not checked; a named one is', () => {
    expect(matchIntent(fund, { ...none, currency: 'USD', amount: 1000, hard: ['amount'] }).checks.map((c) => c.constraint)).toEqual(['amount']);
    expect(matchIntent(fund, { ...none, currency: 'USD', hard: ['currency'] }).misses).toEqual(['currency']);
  });

  it('an age is checked against the rules, and only where there are rules', () => {
    const policy = makeProduct('ci', { kind: 'insurance', subtype: 'critical_illness', eligibility: { minAge: 18, maxAge: 55 } });
    expect(matchIntent(policy, { ...none, age: 60, hard: ['age'] }).misses).toEqual(['age']);
    expect(matchIntent(policy, { ...none, age: 35, hard: ['age'] }).misses).toEqual([]);
    expect(matchIntent(fund, { ...none, age: 60, hard: ['age'] }).checks).toEqual([]);
  });

  it('a target return is a soft part of funds, never of loans', () => {
    const loan = makeProduct('loan', { kind: 'loan', subtype: 'personal', expectedReturn: null, apr: 4 });
    expect(matchIntent(fund, { ...none, targetReturn: 5, hard: [] }).checks).toEqual([{ constraint: 'targetReturn', hard: false, ok: true }]);
    expect(matchIntent(loan, { ...none, targetReturn: 5, hard: [] }).checks).toEqual([]);
  });
});
