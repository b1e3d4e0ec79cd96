import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/lib/domain/product';
import { catalogueView, type CatalogueFilters } from '../../src/lib/ui/catalogue-view';
import { makeProduct } from '../fixtures/engine/fixtures';
import demo from '../../src/lib/server/demo-catalogue.json';

const DEMO = demo.products as Product[];
const ALL: CatalogueFilters = { text: '', kind: 'all', maxRisk: 5, term: 'any', minReturn: null, sort: 'default' };

describe('the catalogue page view', () => {
  const a = makeProduct('a', { expectedReturn: 2, annualFee: null, termMonths: 12, riskLevel: 2 });
  const b = makeProduct('b', { expectedReturn: null, annualFee: 0, termMonths: null, riskLevel: 1 });
  const c = makeProduct('c', { expectedReturn: 4, annualFee: 300, termMonths: 36, riskLevel: 3 });
  const d = makeProduct('d', { expectedReturn: 4, annualFee: 100, termMonths: 6, riskLevel: 1 });
  const list = [a, b, c, d];
  const ids = (f: Partial<CatalogueFilters>) => catalogueView(list, { ...ALL, ...f }).map((p) => p.id);

  it('sorts by return (highest first), fee and term (lowest first, open-ended as shortest), risk; missing figures last, ties in catalogue order', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ sort: 'return' })).toEqual(['c', 'd', 'a', 'b']);
    expect(ids({ sort: 'fee' })).toEqual(['b', 'd', 'c', 'a']);
    expect(ids({ sort: 'term' })).toEqual(['b', 'd', 'a', 'c']);
    expect(ids({ sort: 'risk' })).toEqual(['b', 'd', 'a', 'c']);
  });

  it('filters by kind, risk, term and minimum return, then sorts what is left', () => {
    expect(ids({ maxRisk: 2, sort: 'return' })).toEqual(['d', 'a', 'b']);
    expect(ids({ term: 'open' })).toEqual(['b']);
    expect(ids({ minReturn: 3 })).toEqual(['c', 'd']);
  });

  it('searches in both languages: best match first, or in the order asked for', () => {
    const zh = catalogueView(DEMO, { ...ALL, text: '信用卡' });
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.every((p) => p.kind === 'credit_card')).toBe(true);
    const en = catalogueView(DEMO, { ...ALL, text: 'credit card', sort: 'fee' });
    expect(en.map((p) => p.id).sort()).toEqual(zh.map((p) => p.id).sort());
    const fees = en.map((p) => p.annualFee ?? Infinity);
    expect(fees).toEqual([...fees].sort((x, y) => x - y));
    expect(catalogueView(DEMO, { ...ALL, text: 'zzzz-nothing' })).toEqual([]);
  });
});
