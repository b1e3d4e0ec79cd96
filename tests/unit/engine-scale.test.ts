/**
 * The engine at scale gives the lists it gave before: on the demo catalogue, for many people (every
 * level and none, ages, incomes, goals, horizons, histories, kinds asked for, requests), the indexed
 * candidates, the grouped top-k re-rank and the reasons written only for what is shown equal the
 * full scan of every product (`exhaustive`, the engine as it was) item for item: ids, order, scores,
 * reasons, signals, withheld and the request's outcome.
 */
import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../models/catalogue/catalogue';
import { Rng } from '../../models/catalogue/rng';
import type { CandorEvent } from '../../src/lib/domain/event';
import type { Product, ProductKind } from '../../src/lib/domain/product';
import { GOALS, type Profile } from '../../src/lib/domain/profile';
import { PRODUCT_KINDS } from '../../src/lib/domain/product';
import { indexCatalogue, productsUpTo } from '../../src/lib/engine/catalogue-index';
import { diversify, diversifyByScan, topK } from '../../src/lib/engine/diversity';
import { runEngine } from '../../src/lib/engine/recommend';
import type { RecommendInput } from '../../src/lib/engine/types';
import { parseIntent } from '../../src/lib/intent/parse';
import { fixtureCatalogue, NOW } from '../fixtures/engine/fixtures';
import demo from '../../src/lib/server/demo-catalogue.json';

const DEMO = demo.products as Product[];
const QUERIES = [
  '我想要一年期的低风险理财',
  'a low-risk fund I can withdraw anytime',
  '免年费的信用卡',
  'high return equity fund',
  '给35岁的自己买重疾险',
  '装修贷',
  'ESG',
  '5万 定期 存款'
];
const EVENT_TYPES: CandorEvent['type'][] = ['view', 'click', 'favorite', 'dismiss', 'apply', 'rate'];

function person(rng: Rng): Profile {
  const p: Profile = { riskLevel: rng.pick([null, 1, 2, 3, 4, 5] as const) };
  if (rng.chance(0.6)) p.age = rng.pick([19, 28, 35, 52, 67, 80]);
  if (rng.chance(0.5)) p.annualIncome = rng.pick([30_000, 120_000, 600_000]);
  if (rng.chance(0.6)) p.goals = [...new Set([rng.pick(GOALS), rng.pick(GOALS)])];
  if (rng.chance(0.5)) p.horizonMonths = rng.pick([3, 12, 36, 120]);
  if (rng.chance(0.4)) p.liquidityNeed = rng.pick(['high', 'medium', 'low'] as const);
  if (rng.chance(0.3)) p.investAmount = rng.pick([1_000, 50_000, 1_000_000]);
  if (rng.chance(0.3)) p.lossTolerance = rng.pick(['none', 'lt5', '5-15', '15-30', 'gt30'] as const);
  return p;
}

function history(rng: Rng, products: readonly Product[]): CandorEvent[] {
  const n = rng.pick([0, 0, 1, 3, 8]);
  return Array.from({ length: n }, (_, i): CandorEvent => {
    const type = rng.pick(EVENT_TYPES);
    const ts = new Date(NOW.getTime() - (i + 1) * 86_400_000 * rng.int(0, 40)).toISOString();
    const productId = rng.pick(products).id;
    return type === 'rate' ? { type, productId, ts, value: rng.pick([1, -1]) } : { type, productId, ts };
  });
}

function cases(products: readonly Product[], count: number, seed: number): { name: string; input: RecommendInput }[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const profile = person(rng);
    const kinds: ProductKind[] = rng.chance(0.25) ? [...new Set([rng.pick(PRODUCT_KINDS), rng.pick(PRODUCT_KINDS)])] : [];
    const query = rng.chance(0.3) ? rng.pick(QUERIES) : undefined;
    const input: RecommendInput = {
      products,
      profile,
      events: history(rng, products),
      now: NOW,
      k: rng.pick([1, 5, 12, 12, 30]),
      ...(kinds.length ? { kinds } : {})
    };
    if (query !== undefined) Object.assign(input, { query, intent: parseIntent(query) });
    return { name: `#${i} ${JSON.stringify(profile)} kinds=${kinds.join(',')} q=${query ?? ''}`, input };
  });
}

describe('the engine at scale equals the full scan', () => {
  it('on the demo catalogue, for 300 people: the same lists, scores, reasons, withheld and request outcome', () => {
    for (const { name, input } of cases(DEMO, 300, 14)) {
      expect(runEngine(input), name).toEqual(runEngine(input, { exhaustive: true }));
    }
  });

  it("the ranker's first pass (every candidate, in order) is the same too, without reasons", () => {
    for (const { name, input } of cases(DEMO, 40, 15)) {
      const all = { ...input, k: DEMO.length };
      const fast = runEngine(all, { reasons: false });
      const slow = runEngine(all, { exhaustive: true });
      expect(
        fast.items.map((x) => [x.productId, x.score, x.signals]),
        name
      ).toEqual(slow.items.map((x) => [x.productId, x.score, x.signals]));
      expect(fast.items.every((x) => x.reasons.length === 0)).toBe(true);
    }
  });

  it('on a 3,000-product generated catalogue (many products per group, many ties)', () => {
    const big = generateCatalogue({ seed: 7, count: 3000 }).products;
    for (const { name, input } of cases(big, 30, 16)) {
      expect(runEngine(input), name).toEqual(runEngine(input, { exhaustive: true }));
    }
  });

  it('reads only the buckets the gate can let through, in catalogue order', () => {
    const index = indexCatalogue(DEMO);
    expect(indexCatalogue(DEMO)).toBe(index);
    expect(productsUpTo(index, 5)).toEqual(DEMO);
    const upTo2 = productsUpTo(index, 2, ['fund', 'deposit']);
    expect(upTo2).toEqual(DEMO.filter((p) => p.riskLevel <= 2 && (p.kind === 'fund' || p.kind === 'deposit')));
    expect(upTo2.length).toBeLessThan(DEMO.length / 3);
    // a repeated id counts once, the first
    const twice = [...fixtureCatalogue(), { ...fixtureCatalogue()[0]!, riskLevel: 5 as const }];
    expect(indexCatalogue(twice).products).toHaveLength(fixtureCatalogue().length);
  });

  it('the grouped re-rank equals the scan on random scores with ties, and top-k keeps the best k in order', () => {
    const rng = new Rng(3);
    for (let round = 0; round < 60; round++) {
      const items = DEMO.map((product) => ({ product, score: rng.chance(0.3) ? 1 : Math.round(rng.float() * 8) / 4, matched: rng.chance(0.2) }));
      const k = rng.pick([1, 2, 7, 12, 50, DEMO.length]);
      const oneKind = rng.chance(0.5);
      expect(diversify(items, k, oneKind)).toEqual(diversifyByScan(items, k, oneKind));
      const sorted = [...items].sort((a, b) => b.score - a.score || (a.product.id < b.product.id ? -1 : 1));
      expect(topK(items, k)).toEqual(sorted.slice(0, k));
    }
  });
});
