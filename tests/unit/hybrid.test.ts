import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/lib/domain/profile';
import { explain, fuseRelevance, recommend, runEngine } from '../../src/lib/engine/index';
import { BLEND_ALPHA, RRF_K, SEMANTIC_TOP } from '../../src/lib/engine/hybrid';
import { parseIntent } from '../../src/lib/intent';
import { makeProduct, NOW } from '../fixtures/engine/fixtures';

describe('fuseRelevance (worked by hand)', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const lexical = new Map([
    ['a', 1],
    ['b', 0.5]
  ]);
  const semantic = new Map([
    ['a', 0.4],
    ['b', 0.3],
    ['c', 0.7],
    ['d', 0.3]
  ]);

  it('lexical only: the lexical score, nothing near in meaning', () => {
    const r = fuseRelevance(ids, lexical, undefined, { retrieval: 'hybrid' });
    expect([...r.values()].map((x) => x.score)).toEqual([1, 0.5, 0, 0]);
    expect([...r.values()].some((x) => x.near)).toBe(false);
  });

  it('blend: α·lexical + (1 − α)·(cos − min)/(max − min)', () => {
    const r = fuseRelevance(ids, lexical, semantic, { retrieval: 'hybrid', fusion: 'blend', alpha: 0.5 });
    // min 0.3, max 0.7: a 0.25, b 0, c 1, d 0
    expect(r.get('a')!.score).toBeCloseTo(0.5 * 1 + 0.5 * 0.25, 12);
    expect(r.get('b')!.score).toBeCloseTo(0.25, 12);
    expect(r.get('c')!.score).toBeCloseTo(0.5, 12);
    expect(r.get('d')!.score).toBeCloseTo(0, 12);
    // near: in the top SEMANTIC_TOP and at least 0.6 of the way up
    expect(ids.filter((id) => r.get(id)!.near)).toEqual(['c']);
    expect(BLEND_ALPHA).toBe(0.5);
  });

  it('rrf: Σ 1/(60 + rank) over both rankings, over its best 2/61', () => {
    const r = fuseRelevance(ids, lexical, semantic, { retrieval: 'hybrid', fusion: 'rrf' });
    const top = 2 / (RRF_K + 1);
    // lexical ranks a 1, b 2 (c, d unmatched: no lexical term); semantic ranks c 1, a 2, b 3, d 4 (ties in id order)
    expect(r.get('a')!.score).toBeCloseTo((1 / 61 + 1 / 62) / top, 12);
    expect(r.get('b')!.score).toBeCloseTo((1 / 62 + 1 / 63) / top, 12);
    expect(r.get('c')!.score).toBeCloseTo(1 / 61 / top, 12);
    expect(r.get('d')!.score).toBeCloseTo(1 / 64 / top, 12);
  });

  it('semantic only ignores the lexical scores', () => {
    const r = fuseRelevance(ids, lexical, semantic, { retrieval: 'semantic' });
    expect(r.get('a')!.score).toBeCloseTo(0.25, 12);
    expect(r.get('c')!.score).toBe(1);
  });

  it('equal similarities say nothing: no product is near', () => {
    const flat = new Map(ids.map((id) => [id, 0.5]));
    const r = fuseRelevance(ids, new Map(), flat, { retrieval: 'hybrid' });
    expect([...r.values()].every((x) => !x.near && x.score === 0)).toBe(true);
  });

  it('at most SEMANTIC_TOP products are near', () => {
    const many = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const sims = new Map(many.map((id, i) => [id, i < 30 ? 0.9 : 0.1]));
    const r = fuseRelevance(many, new Map(), sims, { retrieval: 'hybrid' });
    expect([...r.values()].filter((x) => x.near)).toHaveLength(SEMANTIC_TOP);
  });
});

describe('hybrid retrieval in the engine', () => {
  const C5: Profile = { riskLevel: 5, age: 40, annualIncome: 300_000 };
  const products = [
    makeProduct('ins-ci', { kind: 'insurance', subtype: 'critical_illness', riskLevel: 1 }),
    makeProduct('ins-med', { kind: 'insurance', subtype: 'medical', riskLevel: 1 }),
    makeProduct('fund-eq', { kind: 'fund', subtype: 'equity', riskLevel: 4 }),
    makeProduct('fund-r5', { kind: 'fund', subtype: 'equity', riskLevel: 5 }),
    makeProduct('dep-demand', { kind: 'deposit', subtype: 'demand', riskLevel: 1 })
  ];
  const sims = new Map([
    ['ins-ci', 0.71],
    ['ins-med', 0.66],
    ['fund-eq', 0.35],
    ['fund-r5', 0.72],
    ['dep-demand', 0.3]
  ]);

  it('a request that shares no word with the products: the closest in meaning lead, with the reason', () => {
    const query = 'something for my parents if they fall ill';
    const input = { products, profile: C5, events: [], now: NOW, k: 5, query, intent: parseIntent(query) };
    const without = recommend(input);
    expect(without.some((r) => r.signals.matched)).toBe(false);
    const withModel = recommend({ ...input, semantic: sims });
    expect(
      withModel
        .slice(0, 3)
        .map((r) => r.productId)
        .sort()
    ).toEqual(['fund-r5', 'ins-ci', 'ins-med']);
    const top = withModel[0]!;
    expect(top.reasons[0]!.code).toBe('close_in_meaning');
    expect(explain(top.reasons[0]!, 'en')).toBe('Close in meaning to your request');
    expect(explain(top.reasons[0]!, 'zh-CN')).toBe('与您的需求意思相近');
  });

  it("the parser's hard constraints still decide: a request for a fund keeps insurance out of the tier", () => {
    const query = '基金';
    const out = runEngine({ products, profile: C5, events: [], now: NOW, k: 5, query, intent: parseIntent(query), semantic: sims });
    const matched = out.items.filter((r) => r.signals.matched).map((r) => r.productId);
    expect(matched.sort()).toEqual(['fund-eq', 'fund-r5']);
    // and the gate: a C3 person never sees the R5 fund, however close in meaning
    const c3 = recommend({ products, profile: { ...C5, riskLevel: 3 }, events: [], now: NOW, k: 5, query, intent: parseIntent(query), semantic: sims });
    expect(c3.map((r) => r.productId)).not.toContain('fund-r5');
    expect(c3.map((r) => r.productId)).not.toContain('fund-eq');
  });

  it('without embeddings the list is exactly the lexical one', () => {
    const query = '重疾险';
    const input = { products, profile: C5, events: [], now: NOW, k: 5, query, intent: parseIntent(query) };
    const strip = (rs: ReturnType<typeof recommend>) => rs.map((r) => [r.productId, r.score, r.reasons]);
    expect(strip(recommend(input))).toEqual(strip(recommend({ ...input, retrieval: 'lexical', semantic: sims })));
  });
});
