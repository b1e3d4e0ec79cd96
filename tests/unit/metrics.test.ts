import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/lib/cf/evaluate';
import { averagePrecisionAtK, coverage, hitsAtK, ndcgAtK, precisionAtK, recallAtK, topK } from '../../src/lib/cf/metrics';
import type { CfModel } from '../../src/lib/cf/model';

/* 1/log2(r+1) discounts: r=1 → 1, r=2 → 1/log2 3 ≈ 0.6309, r=3 → 1/2, r=4 → 1/log2 5 ≈ 0.4307, r=5 → 1/log2 6 ≈ 0.3869 */
const D = (r: number): number => 1 / Math.log2(r + 1);

describe('metrics on hand-ranked lists', () => {
  // ranked: x y z w v;  relevant {y, w, q}: hits at ranks 2 and 4 (q never ranked)
  const ranked = ['x', 'y', 'z', 'w', 'v'];
  const rel = new Set(['y', 'w', 'q']);

  it('k = 5', () => {
    expect(hitsAtK(ranked, rel, 5)).toBe(2);
    expect(precisionAtK(ranked, rel, 5)).toBe(2 / 5);
    expect(recallAtK(ranked, rel, 5)).toBe(2 / 3);
    // DCG = D(2) + D(4); ideal over min(5, 3) = 3 ranks: D(1) + D(2) + D(3)
    expect(ndcgAtK(ranked, rel, 5)).toBeCloseTo((D(2) + D(4)) / (D(1) + D(2) + D(3)), 14);
    // AP: hit 1 at rank 2 → 1/2, hit 2 at rank 4 → 2/4; sum 1, ÷ min(5, 3) = 3
    expect(averagePrecisionAtK(ranked, rel, 5)).toBeCloseTo(1 / 3, 14);
  });

  it('k = 2 cuts the list and the normalisers (min(k, |test|) = 2)', () => {
    expect(precisionAtK(ranked, rel, 2)).toBe(1 / 2);
    expect(recallAtK(ranked, rel, 2)).toBe(1 / 3);
    expect(ndcgAtK(ranked, rel, 2)).toBeCloseTo(D(2) / (D(1) + D(2)), 14); // ≈ 0.386853
    expect(ndcgAtK(ranked, rel, 2)).toBeCloseTo(0.38685280723454163, 14);
    expect(averagePrecisionAtK(ranked, rel, 2)).toBe(1 / 2 / 2);
  });

  it('a single relevant item: ideal is one rank, AP divides by 1', () => {
    const one = new Set(['z']);
    expect(precisionAtK(ranked, one, 10)).toBe(1 / 10); // hits / k even when the list is shorter
    expect(recallAtK(ranked, one, 10)).toBe(1);
    expect(ndcgAtK(ranked, one, 10)).toBeCloseTo(1 / 2, 14); // D(3) / D(1)
    expect(averagePrecisionAtK(ranked, one, 10)).toBeCloseTo(1 / 3, 14);
  });

  it('all hits at the top score 1 for ndcg and map', () => {
    const top = new Set(['x', 'y']);
    expect(ndcgAtK(ranked, top, 3)).toBeCloseTo(1, 14);
    expect(averagePrecisionAtK(ranked, top, 3)).toBe(1);
    // more relevant items than k: the ideal and AP divide by k
    const many = new Set(['x', 'z', 'a', 'b', 'c']);
    expect(ndcgAtK(ranked, many, 3)).toBeCloseTo((D(1) + D(3)) / (D(1) + D(2) + D(3)), 14);
    expect(averagePrecisionAtK(ranked, many, 3)).toBeCloseTo((1 / 1 + 2 / 3) / 3, 14);
    expect(recallAtK(ranked, many, 3)).toBe(2 / 5);
  });

  it('no hits, empty relevant, bad k', () => {
    const none = new Set(['q']);
    expect([precisionAtK(ranked, none, 5), recallAtK(ranked, none, 5), ndcgAtK(ranked, none, 5), averagePrecisionAtK(ranked, none, 5)]).toEqual([0, 0, 0, 0]);
    expect(ndcgAtK(ranked, new Set<string>(), 5)).toBe(0);
    expect(() => precisionAtK(ranked, none, 0)).toThrow(/k must/);
  });

  it('coverage = distinct recommended / universe', () => {
    expect(coverage([['a', 'b'], ['b', 'c'], ['a']], 6)).toBe(3 / 6);
    expect(
      coverage(
        [
          ['a', 'b', 'c'],
          ['d', 'e']
        ],
        10,
        2
      )
    ).toBe(4 / 10);
  });
});

describe('topK', () => {
  it('descending score, ties to the lower index, excluded items skipped, NaN last', () => {
    const s = Float64Array.from([0.5, 0.9, 0.5, NaN, 0.9, 0.1]);
    expect(topK(s, 3)).toEqual([1, 4, 0]);
    expect(topK(s, 10)).toEqual([1, 4, 0, 2, 5, 3]);
    expect(topK(s, 3, Uint8Array.from([0, 1, 0, 0, 0, 0]))).toEqual([4, 0, 2]);
  });
});

describe('evaluate (the eval protocol)', () => {
  // a fixed scorer: item i scores 10 − i for everyone
  const model: CfModel = { algo: 'pop', itemIds: ['a', 'b', 'c', 'd'], score: () => Float64Array.from([10, 9, 8, 7]) };
  it('ranks every item outside the user train rows and averages over test users', () => {
    const train = new Map([['u1', { idx: Int32Array.from([0]), val: Float64Array.from([1]) }]]);
    // u1 (train a): ranking b c d, test {c}  → k=2: [b, c] hit at 2
    // u2 (no train): ranking a b c d, test {d, a} → [a, b] hit at 1
    const test = new Map([
      ['u1', new Set([2])],
      ['u2', new Set([3, 0])]
    ]);
    const m = evaluate(model, { itemIds: model.itemIds, train, test }, 2);
    expect(m.users).toBe(2);
    expect(m.precision).toBe((1 / 2 + 1 / 2) / 2);
    expect(m.recall).toBe((1 + 1 / 2) / 2);
    expect(m.ndcg).toBeCloseTo((D(2) / D(1) + D(1) / (D(1) + D(2))) / 2, 14);
    expect(m.map).toBeCloseTo((1 / 2 / 1 + 1 / 2) / 2, 14);
    expect(m.coverage).toBe(3 / 4); // a, b, c
  });
});
