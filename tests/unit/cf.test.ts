import { describe, expect, it } from 'vitest';
import { fitEase } from '../../src/lib/cf/ease';
import { buildItemIndex, gramFromInteractions, type Interaction } from '../../src/lib/cf/gram';
import { fitItemKnn } from '../../src/lib/cf/itemknn';
import { symmetricEigenTop } from '../../src/lib/cf/linalg';
import { topK } from '../../src/lib/cf/metrics';
import { interactionVector } from '../../src/lib/cf/model';
import { fitPopularity } from '../../src/lib/cf/popularity';
import { fitPureSvd } from '../../src/lib/cf/puresvd';

/*
 * The hand-worked case. 4 users × 5 items (a..e = indices 0..4), binary X:
 *
 *          a  b  c  d  e
 *   u1  [  1  1  0  0  0 ]
 *   u2  [  1  1  1  0  0 ]
 *   u3  [  0  0  1  1  1 ]
 *   u4  [  0  0  0  1  1 ]
 *
 * G = XᵀX (co-occurrence counts; G_ij = number of users with both i and j):
 *
 *   G = [ 2 2 1 0 0 ]
 *       [ 2 2 1 0 0 ]
 *       [ 1 1 2 1 1 ]
 *       [ 0 0 1 2 2 ]
 *       [ 0 0 1 2 2 ]
 */
const rows: Interaction[] = [
  ['u1', 'a'],
  ['u1', 'b'],
  ['u2', 'a'],
  ['u2', 'b'],
  ['u2', 'c'],
  ['u3', 'c'],
  ['u3', 'd'],
  ['u3', 'e'],
  ['u4', 'd'],
  ['u4', 'e']
].map(([user, item]) => ({ user: user!, item: item! }));
const index = buildItemIndex(rows.map((r) => r.item));
const gram = gramFromInteractions(rows, index);
const G = [
  [2, 2, 1, 0, 0],
  [2, 2, 1, 0, 0],
  [1, 1, 2, 1, 1],
  [0, 0, 1, 2, 2],
  [0, 0, 1, 2, 2]
];
const vec = (...v: number[]): Float64Array => Float64Array.from(v);

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]!).toBeCloseTo(e, digits));
}

describe('gramFromInteractions', () => {
  it('builds XᵀX user by user', () => {
    expect(gram.itemIds).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Array.from(gram.data)).toEqual(G.flat());
  });

  it('weights multiply, and a repeated (user, item) keeps its largest weight', () => {
    const idx = buildItemIndex(['p', 'q']);
    const g = gramFromInteractions(
      [
        { user: 'x', item: 'p', weight: 2 },
        { user: 'x', item: 'q', weight: 3 },
        { user: 'x', item: 'q', weight: 1 },
        { user: 'y', item: 'p' }
      ],
      idx
    );
    // x = (2, 3), y = (1, 0):  G = [[4+1, 6], [6, 9]]
    expect(Array.from(g.data)).toEqual([5, 6, 6, 9]);
  });

  it('rejects items outside the index', () => {
    expect(() => gramFromInteractions([{ user: 'x', item: 'zz' }], index)).toThrow(/not in the item index/);
  });
});

describe('EASE (λ = 1)', () => {
  /*
   * G + I = [ 3 2 1 0 0 ]      P = (G + I)⁻¹ = 1/55 · [  34 −21  −5   1   1 ]
   *         [ 2 3 1 0 0 ]                             [ −21  34  −5   1   1 ]
   *         [ 1 1 3 1 1 ]                             [  −5  −5  25  −5  −5 ]
   *         [ 0 0 1 3 2 ]                             [   1   1  −5  34 −21 ]
   *         [ 0 0 1 2 3 ]                             [   1   1  −5 −21  34 ]
   * (check one entry: row a of (G+I) · column a of P = (3·34 + 2·(−21) + 1·(−5))/55 = 55/55 = 1;
   *  the symmetry a↔b, d↔e, (a,b)↔(d,e) of G carries over to P.)
   *
   * B_ij = −P_ij / P_jj, B_ii = 0, with P_aa = P_bb = P_dd = P_ee = 34/55 and P_cc = 25/55:
   *   B_ab = 21/34   B_ac = 5/25 = 1/5   B_ad = B_ae = −1/34
   *   B_ca = B_cb = B_cd = B_ce = 5/34
   *   B_da = B_db = −1/34   B_dc = 1/5   B_de = 21/34      (rows b, e mirror a, d)
   */
  const B = [
    [0, 21 / 34, 1 / 5, -1 / 34, -1 / 34],
    [21 / 34, 0, 1 / 5, -1 / 34, -1 / 34],
    [5 / 34, 5 / 34, 0, 5 / 34, 5 / 34],
    [-1 / 34, -1 / 34, 1 / 5, 0, 21 / 34],
    [-1 / 34, -1 / 34, 1 / 5, 21 / 34, 0]
  ];
  const model = fitEase(gram, 1);

  it('B = I − P·diag(1/diag P) with a zero diagonal', () => {
    expectClose(model.B, B.flat(), 13);
    expect(model.lambda).toBe(1);
    expect(model.algo).toBe('ease');
  });

  it('scores s = x·B', () => {
    // u2 = (1,1,1,0,0): s = B_a + B_b + B_c = (0+21/34+5/34, same, 2/5, −2/34+5/34, same)
    expectClose(model.score(vec(1, 1, 1, 0, 0)), [13 / 17, 13 / 17, 2 / 5, 3 / 34, 3 / 34]);
    // u4 = (0,0,0,1,1): s = B_d + B_e = (−2/34, −2/34, 2/5, 21/34, 21/34)
    expectClose(model.score(vec(0, 0, 0, 1, 1)), [-1 / 17, -1 / 17, 2 / 5, 21 / 34, 21 / 34]);
  });

  it('an empty history scores all zeros, ranked by item index', () => {
    const s = model.score(new Float64Array(5));
    expect(Array.from(s)).toEqual([0, 0, 0, 0, 0]);
    expect(topK(s, 3)).toEqual([0, 1, 2]);
  });

  it('on-device fold-in from item ids (unknown ids ignored)', () => {
    const x = interactionVector(
      model.itemIds,
      new Map([
        ['d', 1],
        ['e', 1],
        ['not-in-factors', 1]
      ])
    );
    expect(Array.from(x)).toEqual([0, 0, 0, 1, 1]);
    // u4 excluding its own items: c (2/5) first, then a (−1/17, lower index than b)
    expect(topK(model.score(x), 2, Uint8Array.from([0, 0, 0, 1, 1]))).toEqual([2, 0]);
  });

  it('rejects a non-positive λ and a wrong-length x', () => {
    expect(() => fitEase(gram, 0)).toThrow(/lambda/);
    expect(() => model.score(new Float64Array(4))).toThrow(/length/);
  });
});

describe('PureSVD', () => {
  /*
   * Eigenvectors of G. The swaps a↔b and d↔e give (1,−1,0,0,0) and (0,0,0,1,−1) with eigenvalue 0.
   * On the symmetric part, with s = (1,1,0,1,1)/2, t = (1,1,0,−1,−1)/2 and c = e_c:
   *   G t = 4 t;   G s = 4 s + 2 c;   G c = 2 s + 2 c   →   [[4,2],[2,2]] has eigenvalues 3 ± √5.
   * θ₁ = 3 + √5 ≈ 5.236 with eigenvector ∝ 2s + (θ₁ − 4)c = (1, 1, √5−1, 1, 1),
   *   ‖·‖² = 4 + (√5−1)² = 10 − 2√5, so v₁ = (1,1,√5−1,1,1)/√(10−2√5);
   * θ₂ = 4 with v₂ = t = (1,1,0,−1,−1)/2;   then 3 − √5 ≈ 0.764, 0, 0.
   *
   * Reconstruction for x = e_a (a person who has only a):
   *   d=1: s = v₁[a]·v₁ = (1,1,√5−1,1,1)/(10−2√5) = (5+√5)/40 · (1,1,√5−1,1,1)
   *        i.e. a,b,d,e: (5+√5)/40 ≈ 0.180902, c: (√5−1)(5+√5)/40 = √5/10 ≈ 0.223607
   *   d=2: add v₂[a]·v₂ = (1,1,0,−1,−1)/4
   *        a,b: (5+√5)/40 + 1/4 ≈ 0.430902, c: √5/10, d,e: (5+√5)/40 − 1/4 ≈ −0.069098
   */
  const r5 = Math.sqrt(5);
  const p = (5 + r5) / 40;
  const v1 = [1, 1, r5 - 1, 1, 1].map((v) => v / Math.sqrt(10 - 2 * r5));
  const v2 = [0.5, 0.5, 0, -0.5, -0.5];

  it('d=1 and d=2: eigenvalues, vectors (largest entry positive) and reconstruction', () => {
    const m1 = fitPureSvd(gram, 1);
    expectClose(m1.eigenvalues, [3 + r5]);
    expectClose(m1.V, v1);
    expectClose(m1.score(vec(1, 0, 0, 0, 0)), [p, p, r5 / 10, p, p]);

    const m2 = fitPureSvd(gram, 2);
    expectClose(m2.eigenvalues, [3 + r5, 4]);
    expectClose(
      m2.V,
      [0, 1, 2, 3, 4].flatMap((i) => [v1[i]!, v2[i]!])
    );
    expectClose(m2.score(vec(1, 0, 0, 0, 0)), [p + 0.25, p + 0.25, r5 / 10, p - 0.25, p - 0.25]);
  });

  it('Lanczos (the large-n path) gets the same top pairs, through repeated eigenvalue 0', () => {
    const e = symmetricEigenTop(gram.data, 5, 5);
    expectClose(e.values, [3 + r5, 4, 3 - r5, 0, 0], 10);
    for (let c = 0; c < 2; c++)
      expectClose(
        [0, 1, 2, 3, 4].map((i) => e.vectors[i * 5 + c]!),
        c === 0 ? v1 : v2,
        10
      );
  });

  it('rejects d outside 1..n', () => {
    expect(() => fitPureSvd(gram, 0)).toThrow(/dim/);
    expect(() => fitPureSvd(gram, 6)).toThrow(/dim/);
  });
});

describe('item-kNN', () => {
  /*
   * diag(G) = (2,2,2,2,2), so sim_ij = G_ij / √(2·2) = G_ij / 2:
   *   sim_ab = 1, sim_ac = sim_bc = sim_cd = sim_ce = 1/2, sim_de = 1, every other pair 0.
   * neighbours = 1: a→{b:1}, b→{a:1}, d→{e:1}, e→{d:1}; c ties at 1/2 with a, b, d, e and keeps
   * the lowest index, a.   neighbours = 2: a→{b, c}, c→{a, b}, …
   */
  it('cosine, top-N per item with ties to the lower index, zero diagonal', () => {
    const k1 = fitItemKnn(gram, 1);
    expect(Array.from(k1.rowPtr)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(k1.colIdx)).toEqual([1, 0, 0, 4, 3]);
    expectClose(k1.values, [1, 1, 0.5, 1, 1]);

    const k2 = fitItemKnn(gram, 2);
    expect(Array.from(k2.rowPtr)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Array.from(k2.colIdx)).toEqual([1, 2, 0, 2, 0, 1, 2, 4, 2, 3]);
    expectClose(k2.values, [1, 0.5, 1, 0.5, 0.5, 0.5, 0.5, 1, 0.5, 1]);
  });

  it('scores s = x·S over the kept neighbours', () => {
    const k2 = fitItemKnn(gram, 2);
    // x = a + c: row a (b:1, c:½) + row c (a:½, b:½) = (½, 3/2, ½, 0, 0)
    expectClose(k2.score(vec(1, 0, 1, 0, 0)), [0.5, 1.5, 0.5, 0, 0]);
    // the full similarity matrix (neighbours ≥ n−1) is G/2 off the diagonal
    const all = fitItemKnn(gram, 50);
    expectClose(all.score(vec(0, 0, 1, 0, 0)), [0.5, 0.5, 0, 0.5, 0.5]);
  });

  it('never-seen items get no neighbours', () => {
    const idx = buildItemIndex(['a', 'b', 'z']);
    const g = gramFromInteractions(
      [
        { user: 'u', item: 'a' },
        { user: 'u', item: 'b' },
        { user: 'v', item: 'a' }
      ],
      idx
    );
    const m = fitItemKnn(g, 5);
    expect(Array.from(m.rowPtr)).toEqual([0, 1, 2, 2]);
    // sim_ab = 1 / √(2·1)
    expectClose(m.values, [Math.SQRT1_2, Math.SQRT1_2]);
  });
});

describe('popularity', () => {
  it('scores diag(G) whatever x is', () => {
    const m = fitPopularity(gram);
    expect(Array.from(m.score(vec(1, 0, 0, 0, 0)))).toEqual([2, 2, 2, 2, 2]);
    const idx = buildItemIndex(['p', 'q', 'r']);
    const g = gramFromInteractions(
      [
        { user: 'x', item: 'p' },
        { user: 'y', item: 'p' },
        { user: 'y', item: 'r', weight: 2 },
        { user: 'z', item: 'p' }
      ],
      idx
    );
    // diag = Σ_u x_ui²: p = 3, q = 0, r = 4
    expect(Array.from(fitPopularity(g).score(new Float64Array(3)))).toEqual([3, 0, 4]);
    expect(topK(fitPopularity(g).score(new Float64Array(3)), 3)).toEqual([2, 0, 1]);
  });
});
