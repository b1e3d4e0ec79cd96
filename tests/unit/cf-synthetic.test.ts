import { describe, expect, it } from 'vitest';
import { fitEase } from '../../src/lib/cf/ease';
import { evaluate, prepareSplit } from '../../src/lib/cf/evaluate';
import { buildItemIndex, itemIdsOf } from '../../src/lib/cf/gram';
import { fitItemKnn } from '../../src/lib/cf/itemknn';
import { symmetricEigenFull, symmetricEigenTop } from '../../src/lib/cf/linalg';
import { fitPopularity } from '../../src/lib/cf/popularity';
import { fitPureSvd } from '../../src/lib/cf/puresvd';
import { splitPerUser } from '../../src/lib/cf/split';
import { tune } from '../../src/lib/cf/tune';
import { synthInteractions } from '../fixtures/cf/synth';

/* 2000 users × 300 items in 10 latent taste groups (see tests/fixtures/cf/synth.ts), 20 % held out per user. */
const rows = synthInteractions({ users: 2000, items: 300, groups: 10, perUser: 20, seed: 7 });
const { train, test } = splitPerUser(rows, { holdout: 0.2, seed: 1 });
const index = buildItemIndex(
  train.map((r) => r.item),
  test.map((r) => r.item)
);
const itemIds = itemIdsOf(index);
const { data, gram } = prepareSplit(train, test, index, itemIds);

describe('synthetic clustered data', () => {
  it('EASE (λ tuned on train only) clearly beats popularity on ndcg@10', () => {
    const t = tune('ease', train, index, { k: 10, seed: 1 });
    const ease = evaluate(fitEase(gram, t.value), data, 10);
    const pop = evaluate(fitPopularity(gram), data, 10);
    expect(ease.users).toBe(2000);
    expect(ease.ndcg).toBeGreaterThan(2 * pop.ndcg);
    expect(ease.ndcg - pop.ndcg).toBeGreaterThan(0.2);
    expect(ease.coverage).toBeGreaterThan(pop.coverage);
  });

  it('PureSVD and item-kNN beat popularity too', () => {
    const pop = evaluate(fitPopularity(gram), data, 10).ndcg;
    expect(evaluate(fitPureSvd(gram, 16), data, 10).ndcg).toBeGreaterThan(2 * pop);
    expect(evaluate(fitItemKnn(gram, 50), data, 10).ndcg).toBeGreaterThan(2 * pop);
  });

  it('Lanczos agrees with the full decomposition on a real-sized Gram', () => {
    const d = 16;
    const full = symmetricEigenFull(gram.data, gram.n, d);
    const lz = symmetricEigenTop(gram.data, gram.n, d);
    for (let c = 0; c < d; c++) expect(lz.values[c]! / full.values[0]!).toBeCloseTo(full.values[c]! / full.values[0]!, 9);
    // same vectors up to sign (distinct eigenvalues here): |⟨v_full, v_lanczos⟩| = 1
    for (let c = 0; c < d; c++) {
      let dot = 0;
      for (let i = 0; i < gram.n; i++) dot += full.vectors[i * d + c]! * lz.vectors[i * d + c]!;
      expect(Math.abs(dot)).toBeCloseTo(1, 6);
    }
  });
});
