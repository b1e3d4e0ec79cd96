import { describe, expect, it } from 'vitest';
import { judge } from '../../models/search/evaluate';
import { JUDGED_QUERIES } from '../../models/search/queries';
import catalogue from '../../src/lib/server/demo-catalogue.json';

describe('eval:search', () => {
  it('recall@5 and NDCG@5 with binary gains, worked by hand', () => {
    const relevant = new Set(['a', 'b']);
    expect(judge(['a', 'b', 'x', 'y', 'z'], relevant)).toEqual({ recall5: 1, ndcg5: 1 });
    expect(judge(['x', 'y', 'z', 'w', 'v'], relevant)).toEqual({ recall5: 0, ndcg5: 0 });
    // one hit at rank 2: dcg 1/log2(3); ideal 1 + 1/log2(3)
    const m = judge(['x', 'a', 'y', 'z', 'w', 'b'], relevant);
    expect(m.recall5).toBe(0.5);
    expect(m.ndcg5).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
    // many relevant: recall is over the five that fit in the top 5
    expect(judge(['a', 'b', 'c', 'd', 'e'], new Set('abcdefgh'.split(''))).recall5).toBe(1);
  });

  it('holds at least 80 judged requests in both languages, many of them paraphrases, judged against subtypes the catalogue has', () => {
    expect(JUDGED_QUERIES.length).toBeGreaterThanOrEqual(80);
    const subtypes = new Set(catalogue.products.map((p) => `${p.kind}/${p.subtype}`));
    for (const q of JUDGED_QUERIES) for (const r of q.relevant) expect(subtypes.has(r), `${q.text}: ${r}`).toBe(true);
    for (const lang of ['zh', 'en'] as const)
      expect(JUDGED_QUERIES.filter((q) => q.lang === lang && q.group === 'paraphrase').length).toBeGreaterThanOrEqual(20);
    expect(new Set(JUDGED_QUERIES.map((q) => q.text)).size).toBe(JUDGED_QUERIES.length);
  });
});
