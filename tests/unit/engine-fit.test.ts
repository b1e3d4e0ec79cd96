/**
 * Suitability both ways (engine/fit.ts, candidates.ts, interest.ts, refine.ts): the band a person's
 * level, horizon and loss tolerance give; goals mapped to products; what an unknown age or income
 * withholds; one event reaching only a few products; the refine term's bound. Hand-computed cases.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/lib/domain/profile';
import { gatherCandidates, missingDetails, recommend, riskBand, runEngine, suitabilityFit, summariseInteractions } from '../../src/lib/engine/index';
import { interestIn, NEIGHBOURS } from '../../src/lib/engine/interest';
import { REFINE_CAP, refineScore } from '../../src/lib/engine/refine';
import { ev, makeProduct, NOW } from '../fixtures/engine/fixtures';

describe('riskBand', () => {
  it('runs from a little below the level up to it', () => {
    expect(riskBand({ riskLevel: null })).toEqual({ lo: 1, hi: 2 });
    expect(riskBand({ riskLevel: 1 })).toEqual({ lo: 1, hi: 1 });
    expect(riskBand({ riskLevel: 3 })).toEqual({ lo: 2, hi: 3 });
    expect(riskBand({ riskLevel: 4 })).toEqual({ lo: 3, hi: 4 });
    expect(riskBand({ riskLevel: 5 })).toEqual({ lo: 3, hi: 5 });
  });
  it('narrows for a short horizon and a low tolerance for loss', () => {
    expect(riskBand({ riskLevel: 5, horizonMonths: 6 })).toEqual({ lo: 2, hi: 2 });
    expect(riskBand({ riskLevel: 5, horizonMonths: 24 })).toEqual({ lo: 3, hi: 3 });
    expect(riskBand({ riskLevel: 4, lossTolerance: 'none' })).toEqual({ lo: 1, hi: 1 });
    expect(riskBand({ riskLevel: 4, lossTolerance: 'lt5' })).toEqual({ lo: 2, hi: 2 });
  });
});

describe('suitabilityFit', () => {
  const c5: Profile = { riskLevel: 5, goals: ['growth'] };
  it('weighs the band and the goal, and the practical parts as a factor: (0.6·risk + 0.4·goal)·(0.4 + 0.6·practical)', () => {
    const equity = makeProduct('eq', { kind: 'fund', subtype: 'equity', riskLevel: 4 });
    const demand = makeProduct('dd', { kind: 'deposit', subtype: 'demand', riskLevel: 1, minAmount: 1 });
    expect(suitabilityFit(equity, c5).score).toBeCloseTo(1, 12);
    // R1 is two levels below C5's band (R3–R5): risk 1 − 2·0.4 = 0.2; no goal; practical 1 → 0.6·0.2
    expect(suitabilityFit(demand, c5).score).toBeCloseTo(0.12, 12);
    // the amount is practical: a minimum above it (the only practical part) leaves the floor, 0.4
    expect(
      suitabilityFit(makeProduct('big', { kind: 'fund', subtype: 'index', riskLevel: 4, minAmount: 100_000 }), { ...c5, investAmount: 50_000 }).score
    ).toBeCloseTo(0.4, 12);
    // a term past the horizon: 36 months against 12 fits 1 − 24/12 → 0, so the fit is cut to 0.4 of itself
    // (a 12-month horizon also narrows C5's band to R3)
    expect(
      suitabilityFit(makeProduct('long', { kind: 'fund', subtype: 'index', riskLevel: 3, termMonths: 36 }), { ...c5, horizonMonths: 12 }).score
    ).toBeCloseTo(0.4, 12);
  });
  it('implies a goal from the level when none is given (0.8)', () => {
    const bond = makeProduct('b', { kind: 'fund', subtype: 'bond', riskLevel: 2 });
    expect(suitabilityFit(bond, { riskLevel: 2 }).goal).toBe(0.8);
    expect(suitabilityFit(bond, { riskLevel: 2, goals: ['income'] }).goal).toBe(1);
    expect(suitabilityFit(bond, { riskLevel: 2, goals: ['growth'] }).goal).toBe(0);
  });
  it('judges insurance, cards and loans by the need they answer, not by the risk band', () => {
    const card = makeProduct('c', { kind: 'credit_card', subtype: 'travel', riskLevel: 1 });
    expect(suitabilityFit(card, { riskLevel: 5, goals: ['travel'] }).score).toBe(1);
    expect(suitabilityFit(card, { riskLevel: 5, goals: ['growth'] }).score).toBe(0.3);
    const annuity = makeProduct('a', { kind: 'insurance', subtype: 'annuity', riskLevel: 2 });
    expect(suitabilityFit(annuity, { riskLevel: 2, goals: ['retirement'] }).score).toBeCloseTo(1, 12); // a saving policy: judged as investing
  });
});

describe('withheld: unknown age or income', () => {
  const card = makeProduct('card', { kind: 'credit_card', subtype: 'travel', riskLevel: 1, eligibility: { minAge: 18, maxAge: 60, minIncome: 36_000 } });
  const policy = makeProduct('pol', { kind: 'insurance', subtype: 'medical', riskLevel: 1, eligibility: { minAge: 0, maxAge: 60 } });
  const risky = makeProduct('risky', { kind: 'fund', subtype: 'equity', riskLevel: 5, eligibility: { minAge: 18 } });
  const none = summariseInteractions([], NOW);
  it('counts products only an unknown age or income keeps out, never those above the level or failing a known rule', () => {
    expect(missingDetails(card, { riskLevel: null })).toEqual(['age', 'income']);
    expect(missingDetails(card, { riskLevel: null, age: 30 })).toEqual(['income']);
    expect(missingDetails(card, { riskLevel: null, age: 70 })).toBeNull(); // a known age that fails
    expect(missingDetails(risky, { riskLevel: 2 })).toBeNull(); // above the level: never withheld, simply refused
    const c = gatherCandidates([card, policy, risky], { riskLevel: null }, none);
    expect(c.products).toEqual([]);
    expect(c.withheld).toEqual({ count: 2, needs: ['age', 'income'], kinds: ['credit_card', 'insurance'], productIds: ['card', 'pol'] });
  });
  it('lets them through once the person says', () => {
    const r = runEngine({
      products: [card, policy],
      profile: { riskLevel: null, age: 30, annualIncome: 50_000, goals: ['travel'] },
      events: [],
      now: NOW,
      k: 5
    });
    expect(r.items.map((i) => i.productId)).toEqual(['card', 'pol']);
    expect(r.withheld.count).toBe(0);
  });
});

describe('smooth adaptation', () => {
  it('one anchor reaches only its nearest few products', () => {
    const funds = Array.from({ length: 8 }, (_, i) => makeProduct(`f${i}`, { kind: 'fund', subtype: 'bond', riskLevel: 2, issuer: `h${i}` }));
    const interest = interestIn(funds, funds.slice(1), summariseInteractions([ev('favorite', 'f0')], NOW).weights);
    const lifted = [...interest.values()].filter((x) => x.content > 0);
    expect(lifted).toHaveLength(NEIGHBOURS.positive);
  });
  it('a thumbs-up on a demand account does not fill the list with demand accounts', () => {
    const demand = Array.from({ length: 6 }, (_, i) => makeProduct(`dd${i}`, { kind: 'deposit', subtype: 'demand', riskLevel: 1, issuer: `b${i}` }));
    const others = Array.from({ length: 10 }, (_, i) =>
      makeProduct(`o${i}`, { kind: i % 2 ? 'wealth' : 'bond', subtype: `s${i}`, riskLevel: 1, popularity: 0.5 })
    );
    const products = [...demand, ...others];
    const before = recommend({ products, profile: { riskLevel: null }, events: [], now: NOW, k: 8 }).map((r) => r.productId);
    const after = recommend({ products, profile: { riskLevel: null }, events: [ev('rate', 'dd0', 0, 1)], now: NOW, k: 8 }).map((r) => r.productId);
    expect(after.filter((id) => !before.includes(id)).length).toBeLessThanOrEqual(3);
  });
});

describe('refineScore', () => {
  it('is bounded by REFINE_CAP and linear inside it', () => {
    const w = { cf: 0.35, learned: 2 };
    expect(refineScore({ popularity: 1, cf: 1, learned: 1 }, w)).toBeCloseTo(REFINE_CAP, 12);
    expect(refineScore({ popularity: 0, cf: 0, learned: -1 }, w)).toBeCloseTo((-REFINE_CAP * 2) / 2.5, 12);
    expect(refineScore({ popularity: 0.5, cf: 0, learned: 0 }, { cf: 0, learned: 0 })).toBeCloseTo(0.125, 12);
  });
});
