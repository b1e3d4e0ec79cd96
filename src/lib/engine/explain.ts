import type { Liquidity, Locale, LocalizedText, ProductKind } from '../domain/product';
import { GOALS, type Goal } from '../domain/profile';
import type { IntentHits } from './intent-match';
import { INTERACTION_ACTIONS, type InteractionAction, type Reason, type ReasonParamValue, type ReasonParams } from './types';
import { personLevelLabel, productRiskLabel } from '../domain/risk-names';
import { formatMoney, formatNumber } from '../vocab/money';
import { FEE_WORDS, GOAL_NAMES, KIND_NAMES, SUBTYPE_NAMES } from '../vocab/names';
import { termWords } from '../vocab/terms';
import { ACTION_NAMES } from './vocab';

/* ---------- builders: the only way the engine makes reasons, so params stay consistent ---------- */

export const reasons = {
  /** the parts of the person's request this product satisfies */
  matchesRequest: (hits: IntentHits): Reason => {
    const params: Record<string, ReasonParamValue> = {};
    for (const [key, value] of Object.entries(hits)) if (value !== undefined) params[key] = Array.isArray(value) ? [...value] : value;
    return { code: 'matches_request', params };
  },
  matchesQuery: (query: string, terms: readonly string[]): Reason => ({ code: 'matches_query', params: { query, terms: [...terms] } }),
  /** the on-device embeddings put it among the closest in meaning to the request */
  closeInMeaning: (): Reason => ({ code: 'close_in_meaning', params: {} }),
  similarTo: (productId: string, name: LocalizedText, action: InteractionAction, kind: ProductKind): Reason => ({
    code: 'similar_to',
    params: { productId, name: { 'zh-CN': name['zh-CN'], en: name.en }, action, kind }
  }),
  /** `strength`: the normalised CF score in (0, 1] */
  alsoChosen: (strength: number): Reason => ({ code: 'also_chosen', params: { strength: Math.round(strength * 1000) / 1000 } }),
  riskMatch: (productRisk: number, personLevel: number, assessed: boolean): Reason => ({
    code: 'risk_match',
    params: { productRisk, personLevel, assessed }
  }),
  fitsGoal: (goals: readonly Goal[]): Reason => ({ code: 'fits_goal', params: { goals: [...goals] } }),
  fitsHorizon: (termMonths: number, horizonMonths: number): Reason => ({ code: 'fits_horizon', params: { termMonths, horizonMonths } }),
  fitsLiquidity: (liquidity: Liquidity, need: Liquidity): Reason => ({ code: 'fits_liquidity', params: { liquidity, need } }),
  fitsAmount: (minAmount: number, amount: number, currency: string): Reason => ({
    code: 'fits_amount',
    params: { minAmount, amount, currency }
  }),
  popular: (popularity: number): Reason => ({ code: 'popular', params: { popularity } }),
  lessLikeDismissed: (productId: string, name: LocalizedText): Reason => ({
    code: 'less_like_dismissed',
    params: { productId, name: { 'zh-CN': name['zh-CN'], en: name.en } }
  })
};

/* ---------- reading params defensively (reasons may come back from storage) ---------- */

function num(p: ReasonParams, key: string): number | null {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function str(p: ReasonParams, key: string): string | null {
  const v = p[key];
  return typeof v === 'string' ? v : null;
}
function bool(p: ReasonParams, key: string): boolean | null {
  const v = p[key];
  return typeof v === 'boolean' ? v : null;
}
function isLocalized(v: ReasonParamValue | undefined): v is LocalizedText {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'en' in v && 'zh-CN' in v;
}
function text(p: ReasonParams, key: string, locale: Locale): string | null {
  const v = p[key];
  if (isLocalized(v)) return v[locale];
  return typeof v === 'string' ? v : null;
}
function strs(p: ReasonParams, key: string): string[] {
  const v = p[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const isGoal = (g: string): g is Goal => (GOALS as readonly string[]).includes(g);
const isAction = (a: string): a is InteractionAction => (INTERACTION_ACTIONS as readonly string[]).includes(a);

const APPETITE: Record<string, { 'zh-CN': string; en: string }> = {
  low: { 'zh-CN': '低风险', en: 'low risk' },
  medium: { 'zh-CN': '中等风险', en: 'medium risk' },
  high: { 'zh-CN': '较高风险较高收益', en: 'higher risk for higher return' }
};
const REACH: Record<string, { 'zh-CN': string; en: string }> = {
  high: { 'zh-CN': '随时可取', en: 'withdraw any time' },
  medium: { 'zh-CN': '流动性较好', en: 'easy to access' },
  low: { 'zh-CN': '可长期持有', en: 'can be held long' }
};
const isKind = (k: string): k is ProductKind => k in KIND_NAMES;

/** "1 year, low risk, fund": the request's satisfied parts, in the order people say them. */
function requestParts(p: ReasonParams, locale: Locale): string[] {
  const parts: string[] = [];
  const h = num(p, 'horizonMonths');
  if (h !== null) parts.push(termWords(h, locale));
  const risk = str(p, 'risk');
  if (risk !== null && APPETITE[risk]) parts.push(APPETITE[risk][locale]);
  const reach = str(p, 'liquidity');
  if (reach !== null && REACH[reach]) parts.push(REACH[reach][locale]);
  const amount = num(p, 'amount');
  if (amount !== null) {
    const m = formatMoney(amount, str(p, 'currency') ?? 'CNY', locale);
    parts.push(locale === 'zh-CN' ? `${m}起购` : `from ${m}`);
  }
  const currency = str(p, 'currency');
  if (currency !== null && amount === null) parts.push(currency);
  // a kind met through a subtype asked for reads as the subtype ("重疾险", not "保险")
  const subtypes = strs(p, 'subtypes').filter((s): s is keyof typeof SUBTYPE_NAMES => s in SUBTYPE_NAMES);
  for (const k of strs(p, 'kinds')) if (isKind(k) && !subtypes.some((s) => s.startsWith(`${k}/`))) parts.push(KIND_NAMES[k][locale]);
  for (const s of subtypes) parts.push(SUBTYPE_NAMES[s][locale]);
  for (const f of strs(p, 'fees')) if (f in FEE_WORDS) parts.push(FEE_WORDS[f as keyof typeof FEE_WORDS][locale]);
  for (const g of strs(p, 'goals')) if (isGoal(g)) parts.push(GOAL_NAMES[g][locale]);
  return parts;
}

/** One reason as a sentence in the person's language. */
export function explain(reason: Reason, locale: Locale): string {
  const p = reason.params;
  const zh = locale === 'zh-CN';
  switch (reason.code) {
    case 'risk_match': {
      const r = num(p, 'productRisk') ?? 1;
      const c = num(p, 'personLevel') ?? 2;
      const assessed = bool(p, 'assessed') ?? true;
      // the labels are the badge's own words ("R2 Medium-low risk"), so a reason never names a level differently
      const product = productRiskLabel(r, locale);
      const person = personLevelLabel(c, locale);
      if (!assessed) return zh ? `${product} — 完成风险测评可查看更多产品` : `${product} — take the questionnaire for more`;
      if (r >= c) return zh ? `符合您的风险等级（${person}）` : `Matches your risk level (${person})`;
      return zh ? `${product}，在您的风险等级（${person}）之内` : `${product}, within your risk level (${person})`;
    }
    case 'similar_to': {
      const name = text(p, 'name', locale) ?? str(p, 'productId') ?? '';
      const a = str(p, 'action');
      const action = a !== null && isAction(a) ? a : 'viewed';
      return zh ? `与您${ACTION_NAMES[action][locale]}的「${name}」相似` : `Similar to the ${name} you ${ACTION_NAMES[action][locale]}`;
    }
    case 'also_chosen':
      return zh ? '选择了与您相同产品的人也选择了它' : 'People who chose what you chose also chose this';
    case 'popular':
      return zh ? '受其他客户欢迎' : 'Popular with other customers';
    case 'fits_horizon': {
      const t = num(p, 'termMonths');
      const h = num(p, 'horizonMonths');
      if (t === null || h === null) return zh ? '期限符合您的投资期限' : 'The term fits your time horizon';
      return zh
        ? `期限${formatNumber(t)}个月，在您${formatNumber(h)}个月的投资期限之内`
        : `${formatNumber(t)}-month term fits your ${formatNumber(h)}-month horizon`;
    }
    case 'fits_liquidity': {
      const l = str(p, 'liquidity');
      if (l === 'high') return zh ? '随时可取，符合您的流动性需要' : 'Withdraw at any time — fits your liquidity needs';
      if (l === 'medium') return zh ? '流动性较好，符合您的资金需要' : 'Reasonably easy to access — fits your liquidity needs';
      return zh ? '资金锁定期较长，适合您暂时不用的钱' : "Locks money away, which suits money you won't need soon";
    }
    case 'fits_goal': {
      const goals = strs(p, 'goals').filter(isGoal);
      const names = goals.map((g) => GOAL_NAMES[g][locale]);
      if (names.length === 0) return zh ? '符合您的目标' : 'Fits your goals';
      return zh ? `符合您的目标：${names.join('、')}` : `Fits your goal${names.length > 1 ? 's' : ''}: ${names.join(', ')}`;
    }
    case 'fits_amount': {
      const m = num(p, 'minAmount');
      const a = num(p, 'amount');
      const cur = str(p, 'currency') ?? 'CNY';
      if (m === null || a === null) return zh ? '起购金额在您的预算之内' : 'The minimum amount is within your budget';
      return zh
        ? `起购金额${formatMoney(m, cur, locale)}，在您计划的${formatMoney(a, cur, locale)}之内`
        : `Starts at ${formatMoney(m, cur, locale)} — within your ${formatMoney(a, cur, locale)}`;
    }
    case 'matches_request': {
      const parts = requestParts(p, locale);
      if (parts.length === 0) return zh ? '符合您的需求' : 'Matches your request';
      return zh ? `符合您的需求：${parts.join('、')}` : `Matches your request: ${parts.join(', ')}`;
    }
    case 'matches_query': {
      const q = str(p, 'query') ?? '';
      return zh ? `符合您的搜索“${q}”` : `Matches your search "${q}"`;
    }
    case 'close_in_meaning':
      return zh ? '与您的需求意思相近' : 'Close in meaning to your request';
    case 'less_like_dismissed': {
      const name = text(p, 'name', locale) ?? str(p, 'productId') ?? '';
      return zh ? `排名靠后：与您不感兴趣的「${name}」相似` : `Ranked lower: similar to the ${name} you dismissed`;
    }
  }
}
