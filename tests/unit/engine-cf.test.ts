import { describe, expect, it } from 'vitest';
import { easeModel } from '../../src/lib/cf/ease';
import type { CfModel } from '../../src/lib/cf/model';
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import {
  ALSO_CHOSEN_MIN,
  CF_WEIGHT,
  cfEvidence,
  collaborativeScores,
  explain,
  recommend,
  reasons,
  type Recommendation,
  type RecommendInput
} from '../../src/lib/engine/index';
import { ev, makeProduct, NOW } from '../fixtures/engine/fixtures';

/*
 * A small world: the person saved `anchor` (a bond fund). In the factors, people who chose the
 * anchor also chose `co` (a time deposit: not similar in content), and — far more strongly — two
 * products this person may not have: `risky` (R5, above C2) and `senior` (age 60+ only).
 */
const products: Product[] = [
  makeProduct('anchor', { kind: 'fund', subtype: 'bond', riskLevel: 2, issuer: 'fund-house', tags: ['income'] }),
  makeProduct('bond-2', { kind: 'fund', subtype: 'bond', riskLevel: 2, issuer: 'fund-house-2', tags: ['income'] }),
  makeProduct('mm', { kind: 'fund', subtype: 'money_market', riskLevel: 1, liquidity: 'high', issuer: 'fund-house-3' }),
  makeProduct('wealth', { kind: 'wealth', subtype: 'fixed_income', riskLevel: 2, termMonths: 12, issuer: 'wm' }),
  makeProduct('card', { kind: 'credit_card', subtype: 'cashback', riskLevel: 1, issuer: 'bank-b', tags: ['cashback'] }),
  makeProduct('insure', { kind: 'insurance', subtype: 'medical', riskLevel: 1, issuer: 'insurer' }),
  makeProduct('co', { kind: 'deposit', subtype: 'time', riskLevel: 1, termMonths: 36, liquidity: 'low', issuer: 'bank-c' }),
  makeProduct('risky', { kind: 'fund', subtype: 'equity', riskLevel: 5, issuer: 'fund-house' }),
  makeProduct('senior', { kind: 'insurance', subtype: 'annuity', riskLevel: 1, issuer: 'insurer', eligibility: { minAge: 60 } })
];
const ids = products.map((p) => p.id);
const idx = (id: string): number => ids.indexOf(id);

function hand(entries: [string, string, number][]): CfModel {
  const n = ids.length;
  const B = new Float64Array(n * n);
  for (const [from, to, v] of entries) B[idx(from) * n + idx(to)] = v;
  return easeModel(ids, 100, B);
}

const cf = hand([
  ['anchor', 'co', 1],
  ['anchor', 'risky', 10],
  ['anchor', 'senior', 5],
  ['anchor', 'card', 0.3]
]);
const profile: Profile = { riskLevel: 2, age: 35, annualIncome: 100_000, locale: 'en' };
const saved = [ev('view', 'anchor', 3), ev('favorite', 'anchor', 3)];
// a second product engaged with: one product lifts at most three others (engine/interest.ts), and the anchor's
// three nearest in content come before `co`; with two, CF's pick is in reach too
const twoEngaged = [...saved, ev('view', 'mm', 3)];
const base = (over: Partial<RecommendInput> = {}): RecommendInput => ({ products, profile, events: saved, now: NOW, k: 100, ...over });
const rank = (rs: Recommendation[], id: string): number => rs.findIndex((r) => r.productId === id);
const find = (rs: Recommendation[], id: string): Recommendation => {
  const r = rs.find((x) => x.productId === id);
  if (!r) throw new Error(`${id} not recommended`);
  return r;
};

describe('CF as a candidate source', () => {
  it('lifts the item co-chosen with the saved one and says why', () => {
    const without = recommend(base({ events: twoEngaged }));
    const withCf = recommend(base({ cf, events: twoEngaged }));
    expect(rank(withCf, 'co')).toBeLessThan(rank(without, 'co'));
    // CF refines within what fits (bounded, engine/refine.ts), and the bond fund like the saved one stays above it
    expect(rank(withCf, 'co')).toBeGreaterThan(rank(withCf, 'bond-2'));
    expect(find(withCf, 'co').score).toBeGreaterThan(find(without, 'co').score);
    const reason = find(withCf, 'co').reasons.find((r) => r.code === 'also_chosen');
    expect(reason).toBeDefined();
    expect(explain(reason!, 'en')).toBe('People who chose what you chose also chose this');
    expect(explain(reason!, 'zh-CN')).toBe('选择了与您相同产品的人也选择了它');
    // the card is co-chosen too, but weakly (0.3 of the strongest): a small lift and no reason
    expect(find(withCf, 'card').score).toBeGreaterThan(find(without, 'card').score);
    expect(find(withCf, 'card').reasons.map((r) => r.code)).not.toContain('also_chosen');
    // the saved item itself gets no CF term
    expect(find(withCf, 'anchor').reasons.map((r) => r.code)).not.toContain('also_chosen');
  });

  it('normalises by the best suitable candidate, so unsuitable items neither appear nor dilute', () => {
    const s = collaborativeScores(cf, new Map([['anchor', 4]]), new Set(ids.filter((id) => id !== 'risky' && id !== 'senior')));
    expect(s.get('co')).toBe(1);
    expect(s.get('card')).toBeCloseTo(0.3, 12);
    expect(s.has('risky')).toBe(false);
    expect(s.has('senior')).toBe(false);
    expect(s.has('anchor')).toBe(false); // the person's own item gets no CF term
    expect(ALSO_CHOSEN_MIN).toBeGreaterThan(0.3);
    // scale-free in x; the blend weighs it by the evidence, Σx / (Σx + 8): thin evidence speaks softly
    expect(collaborativeScores(cf, new Map([['anchor', 0.25]]), new Set(['co', 'card']))).toEqual(s);
    expect(cfEvidence(new Map([['anchor', 4]]))).toBeCloseTo(1 / 3, 12);
    expect(
      cfEvidence(
        new Map([
          ['anchor', 40],
          ['x', -8]
        ])
      )
    ).toBeCloseTo(40 / 48, 12);
  });

  it('never lets CF bring in an unsuitable or ineligible product', () => {
    for (const level of [1, 2, 3, 4] as const) {
      for (const age of [25, 35, 59]) {
        const p: Profile = { riskLevel: level, age, annualIncome: 50_000 };
        const out = recommend(base({ profile: p, cf }));
        expect(out.map((r) => r.productId)).not.toContain('senior');
        if (level < 5) expect(out.map((r) => r.productId)).not.toContain('risky');
        for (const r of out) expect(passesGate(products[idx(r.productId)]!, p)).toBe(true);
      }
    }
    // an unassessed person: nothing above R2, whatever CF says
    const unassessed = recommend(base({ profile: { riskLevel: null, age: 35 }, cf }));
    for (const r of unassessed) expect(products[idx(r.productId)]!.riskLevel).toBeLessThanOrEqual(2);
  });

  it('says nothing when x is all zero (though the model keeps its share of the refine budget, so a first event does not rescale the rest)', () => {
    const silent = (rs: Recommendation[]) => {
      for (const r of rs) {
        expect(r.signals.cf, r.productId).toBe(0);
        expect(r.reasons.map((x) => x.code)).not.toContain('also_chosen');
      }
    };
    // no interactions at all
    silent(recommend(base({ events: [], cf })));
    // only a dismissal (negative weights are not folded in)
    silent(recommend(base({ events: [ev('dismiss', 'anchor', 1)], cf })));
    // only products the factors do not know
    const unknown: CfModel = { algo: 'ease', itemIds: ['x1', 'x2'], score: () => new Float64Array([1, 1]) };
    silent(recommend(base({ cf: unknown })));
    // a model whose scores are all ≤ 0 for the candidates
    silent(recommend(base({ cf: hand([['anchor', 'co', -1]]) })));
  });

  it('keeps the public API: without cf the result is exactly engine v0, and the weight is documented', () => {
    expect(CF_WEIGHT).toBe(0.35);
    const q = recommend(base({ query: 'deposit', cf, events: twoEngaged }));
    expect(q[0]!.productId).toBe('co');
    expect(q[0]!.reasons[0]!.code).toBe('matches_query');
    expect(q[0]!.reasons.map((r) => r.code)).toContain('also_chosen');
    expect(reasons.alsoChosen(0.81234)).toEqual({ code: 'also_chosen', params: { strength: 0.812 } });
  });
});

describe('CF with the demo factors on simulated people', () => {
  it('respects the gate for every simulated person and uses also_chosen', async () => {
    const { readFileSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const { deserializeFactors } = await import('../../src/lib/cf/artifact');
    const { loadCalibration, loadCatalogue } = await import('../../models/simulator/node');
    const { createSimulation, DEFAULT_END } = await import('../../models/simulator/simulator');
    const dir = new URL('../../models/factors/demo/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('factors.json', dir), 'utf8')) as { sha256: string };
    const blob = new Uint8Array(readFileSync(new URL(`factors-${manifest.sha256}.bin`, dir)));
    const model = deserializeFactors(manifest, blob, { sha256: (b) => createHash('sha256').update(b).digest('hex') });
    const demo = loadCatalogue().products;
    const byId = new Map(demo.map((p) => [p.id, p]));
    const sim = createSimulation({ products: demo, calibration: loadCalibration(), people: 40, seed: 7, first: 50_000 });
    let also = 0;
    for (const sp of sim.people()) {
      const out = recommend({ products: demo, profile: sp.profile, events: sp.events, now: new Date(DEFAULT_END), k: 10, cf: model });
      for (const r of out) {
        expect(passesGate(byId.get(r.productId)!, sp.profile)).toBe(true);
        if (r.reasons.some((x) => x.code === 'also_chosen')) also++;
      }
    }
    expect(also).toBeGreaterThan(0);
  });
});
