import { describe, expect, it } from 'vitest';
import type { Signals } from '../../src/lib/engine/types';
import { FEATURE_DIM, FEATURE_NAMES, featureRow, historyShares, personFeatures } from '../../src/lib/ranker/features';
import { makeProduct } from '../fixtures/engine/fixtures';

const signals: Signals = { content: 0.4, dislike: 0, popularity: 0.8, fit: 0.75, cf: 1.5, lexical: 0, semantic: 0, intent: 0, matched: false };

function named(row: Float32Array): Record<string, number> {
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, row[i]!]));
}

describe('ranker features', () => {
  const bondFund = makeProduct('bf', {
    kind: 'fund',
    subtype: 'bond',
    issuer: 'house-a',
    riskLevel: 2,
    expectedReturn: 3.5,
    termMonths: 12,
    minAmount: 999,
    liquidity: 'medium'
  });
  const card = makeProduct('card', { kind: 'credit_card', subtype: 'cashback', issuer: 'bank-b', riskLevel: 1, apr: 18 });
  const products = new Map([bondFund, card].map((p) => [p.id, p]));
  const person = personFeatures({ riskLevel: 3, age: 45, annualIncome: 120_000, goals: ['income', 'education'], liquidityNeed: 'medium' });
  const shares = historyShares(
    products,
    new Map([
      ['bf', 6],
      ['card', 2],
      ['gone', 5]
    ])
  );
  const row = featureRow(person, bondFund, 3, { signals, rank: 2, shares });
  const f = named(row);

  it('has one named value per feature, all finite', () => {
    expect(row.length).toBe(FEATURE_DIM);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_DIM);
    expect(row.every(Number.isFinite)).toBe(true);
  });

  it('encodes the person as one-hot buckets and goal flags', () => {
    const on = FEATURE_NAMES.filter((n, i) => /^(risk|age|income|horizon|goal|liquidityNeed):/.test(n) && row[i] === 1);
    expect(on).toEqual(['risk:C3', 'age:45-60', 'income:middle', 'horizon:none', 'goal:income', 'goal:education', 'liquidityNeed:medium']);
  });

  it('scales the product and context to [0, 1]', () => {
    expect(f['kind:fund']).toBe(1);
    expect(f['kind:bond']).toBe(0);
    expect(f['risk']).toBeCloseTo(0.25);
    expect(f['return']).toBeCloseTo(0.35);
    expect(f['apr']).toBe(0);
    expect(f['term']).toBeCloseTo(0.1);
    expect(f['openEnded']).toBe(0);
    expect(f['minAmount']).toBeCloseTo(3 / 7);
    expect(f['liquidity:medium']).toBe(1);
    expect(f['riskGap']).toBeCloseTo(-0.25);
    expect(f['content']).toBeCloseTo(0.4);
    expect(f['cf']).toBe(1); // clamped
    expect(f['engineRank']).toBeCloseTo(0.5); // 1 / log2(2 + 2)
    // 6 of the 8 positive weight on known products is on this fund and its issuer, shrunk by 48: 6 / (8 + 48)
    expect(f['kindShare']).toBeCloseTo(6 / 56);
    expect(f['issuerShare']).toBeCloseTo(6 / 56);
  });

  it('marks what the person did not say as "none"', () => {
    const empty = named(featureRow(personFeatures({ riskLevel: null }), card, 2, { signals, rank: 0, shares: historyShares(products, new Map()) }));
    expect([empty['risk:unassessed'], empty['age:none'], empty['income:none'], empty['liquidityNeed:none']]).toEqual([1, 1, 1, 1]);
    expect(empty['apr']).toBeCloseTo(0.6);
    expect(empty['openEnded']).toBe(1);
    expect(empty['kindShare']).toBe(0);
  });
});
