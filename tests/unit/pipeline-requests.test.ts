/**
 * Requests honoured through the one pipeline (src/lib/pipeline: engine + the shipped ranker, as the
 * app and `npm run recommend` run it), on the demo catalogue: each constraint a person can say.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeScorer } from '../../src/cli/ranker-scorer';
import { CatalogueSchema, type Product } from '../../src/lib/domain';
import type { Profile } from '../../src/lib/domain/profile';
import { intentNotes, parseIntent } from '../../src/lib/intent';
import { runPipeline, type PipelineResult, type Scorer } from '../../src/lib/pipeline';

const products: Product[] = CatalogueSchema.parse(
  JSON.parse(readFileSync(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url), 'utf8'))
).products;
const byId = new Map(products.map((p) => [p.id, p]));
const NOW = new Date('2026-12-01T00:00:00Z');
const adult: Profile = { riskLevel: 4, age: 35, annualIncome: 200_000 };
let scorer: Scorer;

beforeAll(async () => {
  scorer = await nodeScorer(null);
});

async function ask(query: string, profile: Profile = adult, k = 6): Promise<PipelineResult & { top: Product[] }> {
  const r = await runPipeline({ products, profile, events: [], now: NOW, k, query, intent: parseIntent(query) }, scorer);
  return { ...r, top: r.items.map((i) => byId.get(i.productId)!) };
}
const key = (p: Product) => `${p.kind}/${p.subtype}`;

describe('requests through the one pipeline', () => {
  it.each([
    ['想买重疾险', 'insurance/critical_illness'],
    ['critical illness cover', 'insurance/critical_illness'],
    ['a QDII fund', 'fund/qdii'],
    ['大额存单', 'deposit/large_cd'],
    ['装修贷款', 'loan/renovation'],
    ['a home loan', 'loan/mortgage']
  ])('%s: the top three are %s', async (query, subtype) => {
    const { top, request } = await ask(query);
    expect(top.slice(0, 3).map(key)).toEqual([subtype, subtype, subtype]);
    expect(request?.matched).toBeGreaterThan(0);
  });

  it('index funds: the top three track an index (index funds, or QDII funds that are index funds)', async () => {
    const { top } = await ask('指数基金');
    for (const p of top.slice(0, 3)) expect(p.kind === 'fund' && (p.subtype === 'index' || p.tags.includes('index')), p.id).toBe(true);
  });

  it('ESG: the top three are ESG or sustainable investments', async () => {
    const { top } = await ask('ESG基金');
    for (const p of top.slice(0, 3))
      expect(
        p.tags.some((t) => t === 'esg' || t === 'sustainable'),
        p.id
      ).toBe(true);
  });

  it('a travel card with no annual fee: the top three are travel cards without a fee', async () => {
    for (const q of ['travel credit card with no annual fee', '免年费的旅行信用卡']) {
      const { top } = await ask(q);
      for (const p of top.slice(0, 3)) {
        expect(p.kind, q).toBe('credit_card');
        expect(p.tags.includes('travel'), p.id).toBe(true);
        expect(p.annualFee === 0 || p.tags.includes('no-annual-fee'), p.id).toBe(true);
      }
    }
  });

  it('low fees: the top three are low-cost', async () => {
    const { top } = await ask('低费率的指数基金');
    for (const p of top.slice(0, 3)) expect(p.tags.includes('low-cost') || (p.annualFee ?? Infinity) <= 100, p.id).toBe(true);
  });

  it('USD: the top items are in US dollars; USD wealth products do not exist, and the list says so', async () => {
    for (const q of ['something in USD', '美元存款']) {
      const { top } = await ask(q);
      for (const p of top.slice(0, 3)) expect(p.currency, `${q}: ${p.id}`).toBe('USD');
    }
    expect(products.some((p) => p.kind === 'wealth' && p.currency === 'USD')).toBe(false);
    expect((await ask('美元理财')).request).toEqual({ matched: 0, unmet: ['currency'] });
  });

  it('a term, reachability and an amount said outright hold for the matches', async () => {
    const term = await ask('一年期的定期存款');
    for (const p of term.top.slice(0, 3)) expect(p.termMonths, p.id).toBe(12);
    const reach = await ask('a fund I can withdraw anytime');
    for (const p of reach.top.slice(0, 3)) expect(p.liquidity, p.id).toBe('high');
    const amount = await ask('我有1000元，想买理财');
    for (const p of amount.top.slice(0, 3)) expect(p.minAmount ?? 0, p.id).toBeLessThanOrEqual(1000);
  });

  it('an age said in the request checks the age rules: no age in the profile, critical illness shown', async () => {
    const noAge: Profile = { riskLevel: null };
    const without = await ask('重疾险', noAge);
    expect(without.top.filter((p) => p.kind === 'insurance')).toEqual([]);
    expect(without.withheld.kinds).toContain('insurance');
    const withAge = await ask('给35岁的自己买重疾险', noAge);
    expect(withAge.top.slice(0, 3).map(key)).toEqual(['insurance/critical_illness', 'insurance/critical_illness', 'insurance/critical_illness']);
  });

  it('when nothing fits it says which part, and shows the nearest', async () => {
    const r = await ask('美元保险');
    expect(r.request).toEqual({ matched: 0, unmet: ['currency'] });
    expect(r.top.slice(0, 3).map((p) => p.kind)).toEqual(['insurance', 'insurance', 'insurance']);
  });

  it('an unrealistic request, an unreadable one and a truncated one get an honest line', () => {
    expect(intentNotes(parseIntent('no risk but double my money in a year'), 'en').join(' ')).toMatch(/No product can do that/);
    expect(intentNotes(parseIntent('零风险 年化20%'), 'zh-CN').length).toBeGreaterThan(0);
    for (const q of ['asdfgh qwerty', '🙂🙂🙂']) expect(parseIntent(q).understood, q).toBe(false);
    expect(parseIntent('基金'.repeat(20_000)).truncated).toBe(true);
  });
});
