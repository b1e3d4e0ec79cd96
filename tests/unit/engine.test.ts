import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/lib/domain/profile';
import {
  cosine,
  decayFactor,
  EVENT_WEIGHTS,
  explain,
  HALF_LIFE_DAYS,
  interactionWeights,
  productFeatures,
  REASON_CODES,
  reasons,
  recommend,
  summariseInteractions,
  type Reason,
  type ReasonCode,
  type Recommendation
} from '../../src/lib/engine/index';
import { ev, fixtureCatalogue, makeProduct, NOW, productById } from '../fixtures/engine/fixtures';

const catalogue = fixtureCatalogue();
const C3: Profile = { riskLevel: 3, age: 35, annualIncome: 150_000 };

const ids = (rs: Recommendation[]): string[] => rs.map((r) => r.productId);
const rankOf = (rs: Recommendation[], id: string): number => ids(rs).indexOf(id);
const find = (rs: Recommendation[], id: string): Recommendation => {
  const r = rs.find((x) => x.productId === id);
  if (!r) throw new Error(`${id} not recommended`);
  return r;
};

describe('interactionWeights', () => {
  it('weights each event type as documented', () => {
    const one = (type: Parameters<typeof ev>[0], value?: number): number | undefined => interactionWeights([ev(type, 'p', 0, value)], NOW).get('p');
    expect(one('view')).toBe(1);
    expect(one('click')).toBe(2);
    expect(one('favorite')).toBe(4);
    expect(one('apply')).toBe(6);
    expect(one('purchase', 5000)).toBe(8);
    expect(one('rate', 1)).toBe(4);
    expect(one('rate', -1)).toBe(-6);
    expect(one('dismiss')).toBe(-8);
    expect(EVENT_WEIGHTS).toMatchObject({ view: 1, click: 2, favorite: 4, apply: 6, purchase: 8, rate_up: 4, rate_down: -6, dismiss: -8 });
  });

  it('decays exponentially with a 30-day half-life', () => {
    expect(HALF_LIFE_DAYS).toBe(30);
    expect(interactionWeights([ev('view', 'p', 30)], NOW).get('p')).toBeCloseTo(0.5, 12);
    expect(interactionWeights([ev('view', 'p', 60)], NOW).get('p')).toBeCloseTo(0.25, 12);
    expect(interactionWeights([ev('favorite', 'p', 30)], NOW).get('p')).toBeCloseTo(2, 12);
    expect(interactionWeights([ev('dismiss', 'p', 30)], NOW).get('p')).toBeCloseTo(-4, 12);
    // 1 (view today) + 2 × 0.5 (click a half-life ago) = 2
    expect(interactionWeights([ev('view', 'p', 0), ev('click', 'p', 30)], NOW).get('p')).toBeCloseTo(2, 12);
    // a time stamp in the future is not amplified
    expect(decayFactor(NOW.getTime() + 5 * 86_400_000, NOW.getTime())).toBe(1);
  });

  it('makes dismissals and thumbs-down negative', () => {
    const w = interactionWeights([ev('view', 'a'), ev('dismiss', 'a', 0), ev('rate', 'b', 0, -1)], NOW);
    expect(w.get('a')).toBe(-7);
    expect(w.get('b')).toBe(-6);
  });

  it('lets an unfavourite cancel the favourite (and only the favourite)', () => {
    const w = interactionWeights([ev('view', 'p', 2), ev('favorite', 'p', 2), ev('favorite', 'p', 1, 0)], NOW);
    expect(w.get('p')).toBeCloseTo(decayFactor(NOW.getTime() - 2 * 86_400_000, NOW.getTime()), 12);
    // favourite again after unfavouriting
    const again = interactionWeights([ev('favorite', 'p', 0), ev('favorite', 'p', 0, 0), ev('favorite', 'p', 0)], NOW);
    expect(again.get('p')).toBe(4);
  });

  it('keeps the latest opinion: a later favourite undoes a dismissal and vice versa', () => {
    const undo = summariseInteractions([ev('dismiss', 'p', 3), ev('favorite', 'p', 1)], NOW);
    expect(undo.rejected.has('p')).toBe(false);
    expect(undo.weights.get('p')).toBeGreaterThan(0);
    const redo = summariseInteractions([ev('favorite', 'p', 3), ev('dismiss', 'p', 1)], NOW);
    expect(redo.rejected.has('p')).toBe(true);
    expect(redo.weights.get('p')).toBeLessThan(0);
  });

  it('does not depend on the order of the log, and ignores searches', () => {
    const log = [ev('view', 'p', 5), ev('favorite', 'p', 4), ev('favorite', 'p', 3, 0), ev('click', 'q', 1)];
    const search = { type: 'search' as const, query: '基金', ts: NOW.toISOString() };
    const a = interactionWeights([...log, search], NOW);
    const b = interactionWeights([...log].reverse(), NOW);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect(a.size).toBe(2);
  });
});

describe('recommend: arithmetic', () => {
  it('matches a hand computation: fit + 0.25·popularity (the only refining source), then the diversity penalty', () => {
    const a = makeProduct('a', { riskLevel: 2, subtype: 'bond', popularity: 0.5 });
    const b = makeProduct('b', { riskLevel: 1, subtype: 'equity' });
    const out = recommend({ products: [b, a], profile: { riskLevel: 2 }, events: [], now: NOW, k: 10 });
    expect(ids(out)).toEqual(['a', 'b']);
    // a: C2's band is R1–R2, so risk 1; a bond fund serves "income", implied at C2 (0.8); nothing practical
    // to judge (1): fit (0.6 + 0.4·0.8)·1 = 0.92; refine 0.25·(0.15·0.5)/0.15 = 0.125 → 1.045
    expect(out[0]!.score).toBeCloseTo(1.045, 12);
    // b: risk 1, an equity fund serves no implied goal (0): fit 0.60; minus the kind penalty 0.25·(1 − 0.6) = 0.1
    expect(out[1]!.score).toBeCloseTo(0.5, 12);
  });

  it('adds 0.45 · Σw·cos / (Σw + 2) for content similarity', () => {
    const a = makeProduct('a', { kind: 'fund', subtype: 'bond', riskLevel: 2, tags: ['income'] });
    const b = makeProduct('b', { kind: 'wealth', subtype: 'fixed_income', riskLevel: 2, tags: ['income'] });
    const base = recommend({ products: [a, b], profile: { riskLevel: 2 }, events: [], now: NOW, k: 10 });
    const fav = recommend({ products: [a, b], profile: { riskLevel: 2 }, events: [ev('favorite', 'a')], now: NOW, k: 10 });
    const cos = cosine(productFeatures(a), productFeatures(b));
    expect(cos).toBeGreaterThan(0);
    expect(find(fav, 'b').score - find(base, 'b').score).toBeCloseTo((0.45 * 4 * cos) / 6, 12);
  });

  it('subtracts 0.6 · Σ|w|·cos / (Σ|w| + 2) for similarity to a dismissed product', () => {
    const a = makeProduct('a', { subtype: 'bond' });
    const b = makeProduct('b', { kind: 'wealth', subtype: 'bond' });
    const base = recommend({ products: [a, b], profile: { riskLevel: 2 }, events: [], now: NOW, k: 10 });
    const dis = recommend({ products: [a, b], profile: { riskLevel: 2 }, events: [ev('dismiss', 'a')], now: NOW, k: 10 });
    const cos = cosine(productFeatures(a), productFeatures(b));
    expect(find(base, 'b').score - find(dis, 'b').score).toBeCloseTo((0.6 * 8 * cos) / 10, 12);
  });
});

describe('recommend: behaviour', () => {
  const all = (events: Parameters<typeof recommend>[0]['events'], extra: Partial<Parameters<typeof recommend>[0]> = {}) =>
    recommend({ products: catalogue, profile: C3, events, now: NOW, k: 100, ...extra });

  it('favouriting a fund pulls similar funds up, and the reason names it', () => {
    const before = all([]);
    const after = all([ev('favorite', 'fund-bond-a', 1)]);
    expect(find(after, 'fund-bond-b').score).toBeGreaterThan(find(before, 'fund-bond-b').score);
    expect(rankOf(after, 'fund-bond-b')).toBeLessThan(rankOf(before, 'fund-bond-b'));
    const reason = find(after, 'fund-bond-b').reasons.find((r) => r.code === 'similar_to');
    expect(reason?.params).toMatchObject({ productId: 'fund-bond-a', action: 'saved' });
    expect(explain(reason!, 'en')).toBe('Similar to the Pure bond fund A you saved');
    expect(explain(reason!, 'zh-CN')).toBe('与您收藏的「纯债基金A」相似');
  });

  it('names what the person did with the anchor: viewed, applied for, bought', () => {
    const viewed = all([ev('view', 'fund-bond-a'), ev('view', 'fund-bond-a'), ev('view', 'fund-bond-a')]);
    const r = find(viewed, 'fund-bond-b').reasons.find((x) => x.code === 'similar_to');
    expect(r?.params['action']).toBe('viewed');
    const bought = all([ev('purchase', 'fund-bond-a', 0, 1000)]);
    const r2 = find(bought, 'fund-bond-c').reasons.find((x) => x.code === 'similar_to');
    expect(r2 && explain(r2, 'en')).toBe('Similar to the Pure bond fund A you bought');
  });

  it('dismissing removes the product and pushes similar ones down', () => {
    const before = all([]);
    const after = all([ev('dismiss', 'fund-bond-a', 1)]);
    expect(ids(before)).toContain('fund-bond-a');
    expect(ids(after)).not.toContain('fund-bond-a');
    for (const id of ['fund-bond-b', 'fund-bond-c']) {
      expect(find(after, id).score).toBeLessThan(find(before, id).score);
      expect(find(after, id).reasons.at(-1)?.code).toBe('less_like_dismissed');
    }
    // a product unlike the dismissed one is barely touched
    expect(find(before, 'card-travel').score - find(after, 'card-travel').score).toBeLessThan(0.15);
  });

  it('drops thumbed-down products, and does not re-recommend what was applied for or bought', () => {
    const out = all([ev('rate', 'wealth-cash', 0, -1), ev('apply', 'fund-index'), ev('purchase', 'dep-demand', 0, 100)]);
    expect(ids(out)).not.toContain('wealth-cash');
    expect(ids(out)).not.toContain('fund-index');
    expect(ids(out)).not.toContain('dep-demand');
  });

  it('ranks products matching "基金" first, each with a matches_query reason', () => {
    const out = all([], { query: '基金' });
    const funds = catalogue.filter((p) => p.kind === 'fund' && p.riskLevel <= 3).map((p) => p.id);
    expect(new Set(ids(out).slice(0, funds.length))).toEqual(new Set(funds));
    out.forEach((r, i) => {
      const hasQuery = r.reasons[0]?.code === 'matches_query';
      expect(hasQuery).toBe(i < funds.length);
      expect(r.reasons.filter((x) => x.code === 'matches_query').length).toBe(hasQuery ? 1 : 0);
    });
    expect(explain(out[0]!.reasons[0]!, 'zh-CN')).toBe('符合您的搜索“基金”');
  });

  it('ranks deposits first for "deposit" and for a Chinese sentence without spaces', () => {
    const deposits = catalogue.filter((p) => p.kind === 'deposit').map((p) => p.id);
    for (const query of ['deposit', 'Deposits', '我想买低风险的存款']) {
      const out = all([], { query });
      expect(new Set(ids(out).slice(0, deposits.length))).toEqual(new Set(deposits));
      expect(out[0]!.reasons[0]).toMatchObject({ code: 'matches_query', params: { query } });
      expect(out[deposits.length]!.reasons[0]!.code).not.toBe('matches_query');
    }
  });

  it('reads a mixed request: "a low-risk fund I can withdraw anytime"', () => {
    const out = all([], { query: 'a low-risk fund I can withdraw anytime' });
    expect(productById(catalogue, out[0]!.productId).kind).toBe('fund');
    const top = productById(catalogue, out[0]!.productId);
    expect(top.riskLevel).toBeLessThanOrEqual(2);
    expect(top.liquidity).toBe('high');
  });

  it('matches Chinese bigrams against names ("纯债" finds the pure bond funds)', () => {
    const out = all([], { query: '纯债' });
    expect(new Set(ids(out).slice(0, 2))).toEqual(new Set(['fund-bond-a', 'fund-bond-b']));
  });

  it('a query that matches nothing leaves the ranking alone', () => {
    expect(all([], { query: 'zzzz' })).toEqual(all([]));
    expect(all([], { query: '   ' })).toEqual(all([]));
  });

  it('spreads the top k across kinds unless the query asks for one kind', () => {
    const funds = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((id, i) => makeProduct(id, { kind: 'fund', subtype: `s${i}`, popularity: 0.9 }));
    const deps = ['d1', 'd2'].map((id) => makeProduct(id, { kind: 'deposit', subtype: 'time_deposit', popularity: 0.5 }));
    const products = [...funds, ...deps];
    // a goal none of them serves, so that they fit alike and popularity orders them
    const out = recommend({ products, profile: { riskLevel: 2, goals: ['travel'] }, events: [], now: NOW, k: 4 });
    const kinds = out.map((r) => productById(products, r.productId).kind);
    expect(kinds[0]).toBe('fund'); // the best item still leads
    expect(new Set(kinds).size).toBeGreaterThan(1);
    const fundQuery = recommend({ products, profile: { riskLevel: 2 }, events: [], now: NOW, k: 4, query: 'fund' });
    expect(fundQuery.map((r) => productById(products, r.productId).kind)).toEqual(['fund', 'fund', 'fund', 'fund']);
  });

  it('returns sorted finite scores, 1–3 reasons, at most k items, deterministically', () => {
    const events = [ev('favorite', 'fund-bond-a', 3), ev('dismiss', 'fund-equity', 2), ev('view', 'dep-demand', 10)];
    const profile: Profile = { ...C3, horizonMonths: 24, goals: ['income', 'retirement'], liquidityNeed: 'medium', investAmount: 50_000 };
    const out = recommend({ products: catalogue, profile, events, now: NOW, k: 8 });
    expect(out.length).toBe(8);
    for (let i = 0; i < out.length; i++) {
      const r = out[i]!;
      expect(Number.isFinite(r.score)).toBe(true);
      if (i > 0) expect(r.score).toBeLessThanOrEqual(out[i - 1]!.score);
      expect(r.reasons.length).toBeGreaterThanOrEqual(1);
      expect(r.reasons.length).toBeLessThanOrEqual(3);
      expect(new Set(r.reasons.map((x) => x.code)).size).toBe(r.reasons.length);
    }
    expect(new Set(ids(out)).size).toBe(out.length);
    const again = recommend({ products: [...catalogue].reverse(), profile, events: [...events].reverse(), now: NOW, k: 8 });
    expect(again).toEqual(out);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out); // plain JSON all the way down
    expect(recommend({ products: catalogue, profile, events, now: NOW, k: 0 })).toEqual([]);
  });

  it('gives profile-fit reasons when the profile says something', () => {
    const profile: Profile = { riskLevel: 2, age: 40, horizonMonths: 12, goals: ['income'], liquidityNeed: 'high', investAmount: 5000 };
    const out = recommend({ products: catalogue, profile, events: [], now: NOW, k: 100 });
    const codes = new Set(out.flatMap((r) => r.reasons.map((x) => x.code)));
    for (const c of ['fits_goal', 'fits_liquidity', 'risk_match'] as const) expect(codes).toContain(c);
    const cash = find(out, 'wealth-cash');
    expect(cash.reasons.map((r) => explain(r, 'en'))).toContain('Withdraw at any time — fits your liquidity needs');
    const sixMonth = recommend({ products: catalogue, profile: { riskLevel: 2, horizonMonths: 12, investAmount: 50_000 }, events: [], now: NOW, k: 100 });
    const texts = find(sixMonth, 'wealth-fixed-6m').reasons.map((r) => explain(r, 'en'));
    expect(texts).toContain('6-month term fits your 12-month horizon');
    expect(texts).toContain('Starts at CN¥10,000 — within your CN¥50,000');
  });

  it('tells an unassessed person about the questionnaire', () => {
    const out = recommend({ products: catalogue, profile: { riskLevel: null, age: 30 }, events: [], now: NOW, k: 100 });
    expect(out.every((r) => productById(catalogue, r.productId).riskLevel <= 2)).toBe(true);
    const r1 = out.find((r) => productById(catalogue, r.productId).riskLevel === 1)!;
    const risk = r1.reasons.find((r) => r.code === 'risk_match')!;
    expect(explain(risk, 'en')).toBe('R1 Low risk — take the questionnaire for more');
    expect(explain(risk, 'zh-CN')).toBe('R1 低风险 — 完成风险测评可查看更多产品');
  });
});

describe('explain', () => {
  const samples: Record<ReasonCode, Reason> = {
    matches_request: reasons.matchesRequest({ horizonMonths: 12, risk: 'low', kinds: ['wealth'] }),
    matches_query: reasons.matchesQuery('low risk fund', ['fund', 'low risk']),
    close_in_meaning: reasons.closeInMeaning(),
    similar_to: reasons.similarTo('fund-bond-a', { 'zh-CN': '纯债基金A', en: 'Pure bond fund A' }, 'saved', 'fund'),
    also_chosen: reasons.alsoChosen(0.8),
    risk_match: reasons.riskMatch(3, 3, true),
    fits_goal: reasons.fitsGoal(['retirement', 'income']),
    fits_horizon: reasons.fitsHorizon(12, 24),
    fits_liquidity: reasons.fitsLiquidity('high', 'high'),
    fits_amount: reasons.fitsAmount(1000, 50_000, 'CNY'),
    popular: reasons.popular(0.9),
    less_like_dismissed: reasons.lessLikeDismissed('fund-equity', { 'zh-CN': '偏股混合基金', en: 'Equity-heavy fund' })
  };

  it('covers every ReasonCode in both languages', () => {
    expect(Object.keys(samples).sort()).toEqual([...REASON_CODES].sort());
    for (const code of REASON_CODES) {
      const zh = explain(samples[code], 'zh-CN');
      const en = explain(samples[code], 'en');
      expect(zh.length).toBeGreaterThan(0);
      expect(en.length).toBeGreaterThan(0);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toEqual(en);
    }
  });

  it('renders the expected sentences', () => {
    const t = (code: ReasonCode) => [explain(samples[code], 'en'), explain(samples[code], 'zh-CN')];
    expect(t('risk_match')).toEqual(['Matches your risk level (C3 Balanced)', '符合您的风险等级（C3 稳健型）']);
    expect(explain(reasons.riskMatch(2, 3, true), 'en')).toBe('R2 Medium-low risk, within your risk level (C3 Balanced)');
    expect(explain(reasons.riskMatch(1, 2, false), 'en')).toBe('R1 Low risk — take the questionnaire for more');
    expect(t('similar_to')).toEqual(['Similar to the Pure bond fund A you saved', '与您收藏的「纯债基金A」相似']);
    expect(t('close_in_meaning')).toEqual(['Close in meaning to your request', '与您的需求意思相近']);
    expect(t('matches_request')).toEqual(['Matches your request: 1 year, low risk, wealth-management product', '符合您的需求：1年、低风险、理财产品']);
    expect(t('fits_goal')).toEqual(['Fits your goals: retirement, income', '符合您的目标：养老、稳定收益']);
    expect(t('fits_horizon')).toEqual(['12-month term fits your 24-month horizon', '期限12个月，在您24个月的投资期限之内']);
    expect(t('fits_amount')).toEqual(['Starts at CN¥1,000 — within your CN¥50,000', '起购金额¥1,000，在您计划的¥50,000之内']);
    expect(t('matches_query')).toEqual(['Matches your search "low risk fund"', '符合您的搜索“low risk fund”']);
    expect(t('also_chosen')).toEqual(['People who chose what you chose also chose this', '选择了与您相同产品的人也选择了它']);
    expect(t('less_like_dismissed')[0]).toBe('Ranked lower: similar to the Equity-heavy fund you dismissed');
  });

  it('survives params that came back from storage malformed', () => {
    for (const code of REASON_CODES) {
      expect(explain({ code, params: {} }, 'en').length).toBeGreaterThan(0);
      expect(explain({ code, params: { name: 3, goals: 'x' } }, 'zh-CN').length).toBeGreaterThan(0);
    }
  });
});

describe('subtype vocabulary', () => {
  it('names every subtype of the demo catalogue in both languages', async () => {
    const { SUBTYPES_BY_KIND } = await import('../../models/catalogue/catalogue');
    const { SUBTYPE_WORDS } = await import('../../src/lib/vocab/search-terms');
    for (const subtype of Object.values(SUBTYPES_BY_KIND).flat()) {
      const words = SUBTYPE_WORDS[subtype];
      expect(words, subtype).toBeDefined();
      expect(words, subtype).toMatch(/[\u4e00-\u9fff]/);
      expect(words, subtype).toMatch(/[a-z]/);
    }
  });
});
