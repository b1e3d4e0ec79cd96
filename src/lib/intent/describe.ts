import { subtypeKind, type Intent } from '../domain/intent';
import type { Liquidity, Locale } from '../domain/product';
import { CURRENCY_ZH } from '../vocab/currencies';
import { shortMoneyText, trimNumber } from '../vocab/money';
import { FEE_WORDS, GOAL_NAMES, KIND_NAMES, SUBTYPE_NAMES } from '../vocab/names';
import { termWords } from '../vocab/terms';
import { MAX_INPUT } from './parse';

/**
 * A short human summary of an Intent, for reasons and the search box echo:
 * en "1 year, low risk, fund", zh "1年 · 低风险 · 基金".
 * Order: horizon, risk, liquidity, amount, kinds (a kind with subtypes asked for reads as the
 * subtypes: "重疾险", not "保险"), goals, fees, a currency asked for with no amount, an age, a return.
 * Kind and goal names are the engine's own (src/lib/vocab), so a summary reads like the reasons
 * next to it. A request nothing could be read from says so, rather than "no specific preferences";
 * intentNotes gives the honest lines a list shows above it.
 */

const RISK_WORDS: Readonly<Record<NonNullable<Intent['risk']>, Record<Locale, string>>> = {
  low: { 'zh-CN': '低风险', en: 'low risk' },
  medium: { 'zh-CN': '中风险', en: 'medium risk' },
  high: { 'zh-CN': '高风险', en: 'high risk' }
};

const LIQUIDITY_WORDS: Readonly<Record<Liquidity, Record<Locale, string>>> = {
  high: { 'zh-CN': '随时可取', en: 'withdraw anytime' },
  medium: { 'zh-CN': '流动性适中', en: 'some liquidity' },
  low: { 'zh-CN': '可以锁定', en: 'can be locked up' }
};

const EMPTY: Record<Locale, string> = { 'zh-CN': '无特别要求', en: 'no specific preferences' };
const NOT_UNDERSTOOD: Record<Locale, string> = { 'zh-CN': '没能读懂这个请求', en: 'could not read this request' };

const UNDER_A_MONTH: Record<Locale, string> = { 'zh-CN': '1个月内', en: 'under 1 month' };

function horizonText(months: number, locale: Locale): string {
  return months === 0 ? UNDER_A_MONTH[locale] : termWords(months, locale);
}

export function describeIntent(intent: Intent, locale: Locale): string {
  const parts: string[] = [];
  if (intent.horizonMonths !== null) parts.push(horizonText(intent.horizonMonths, locale));
  if (intent.risk !== null) parts.push(RISK_WORDS[intent.risk][locale]);
  if (intent.liquidity !== null) parts.push(LIQUIDITY_WORDS[intent.liquidity][locale]);
  if (intent.amount !== null) parts.push(shortMoneyText(intent.amount, intent.currency, locale));
  const subtypes = intent.subtypes ?? [];
  if (intent.kinds.length > 0) {
    const names = intent.kinds.flatMap((k) => {
      const own = subtypes.filter((s) => subtypeKind(s) === k);
      return own.length > 0 ? own.map((s) => SUBTYPE_NAMES[s][locale]) : [KIND_NAMES[k][locale]];
    });
    parts.push(names.join('/'));
  }
  const excluded = intent.excludedKinds ?? [];
  if (excluded.length > 0) {
    const names = excluded.map((k) => KIND_NAMES[k][locale]).join('/');
    parts.push(locale === 'zh-CN' ? `不要${names}` : `no ${names}`);
  }
  if (intent.goals.length > 0) parts.push(intent.goals.map((g) => GOAL_NAMES[g][locale]).join('/'));
  for (const f of intent.fees ?? []) parts.push(FEE_WORDS[f][locale]);
  if (intent.currency !== null && intent.amount === null) parts.push(currencyText(intent.currency, locale));
  const age = intent.age ?? null;
  if (age !== null) parts.push(locale === 'zh-CN' ? `${age}岁` : `age ${age}`);
  const target = intent.targetReturn ?? null;
  if (target !== null) parts.push(locale === 'zh-CN' ? `年化${trimNumber(target)}%` : `${trimNumber(target)}% a year`);
  if (parts.length === 0) return intent.understood === false ? NOT_UNDERSTOOD[locale] : EMPTY[locale];
  return parts.join(locale === 'zh-CN' ? ' · ' : ', ');
}

function currencyText(code: string, locale: Locale): string {
  if (locale === 'en') return code;
  const zh = CURRENCY_ZH[code];
  return zh === undefined ? code : code === 'CNY' ? '人民币' : zh;
}

/** Ways to ask that the parser reads, shown when a request could not be read. */
export const EXAMPLE_REQUESTS: Readonly<Record<Locale, readonly string[]>> = {
  'zh-CN': ['一年期的低风险理财', '免年费的旅行信用卡', '给35岁的自己买份重疾险', '5万美元定期存款'],
  en: ['a low-risk fund I can withdraw anytime', 'travel credit card with no annual fee', "critical illness insurance, I'm 35", 'index fund with low fees']
};

/**
 * The honest lines a list owes the person about their request, in order: it was cut, it could not
 * be read (with examples), or it asks for what no product does.
 */
export function intentNotes(intent: Intent, locale: Locale): string[] {
  const zh = locale === 'zh-CN';
  const notes: string[] = [];
  if (intent.truncated === true) {
    notes.push(zh ? `请求太长，只读了前${MAX_INPUT}个字。` : `Your request was long: only its first ${MAX_INPUT} characters were read.`);
  }
  if (intent.understood === false) {
    const ex = EXAMPLE_REQUESTS[locale];
    notes.push(
      zh
        ? `没能读懂这个请求。可以这样问：${ex.map((e) => `“${e}”`).join('、')}。`
        : `Candor could not read this request. Try, for example: ${ex.map((e) => `"${e}"`).join(', ')}.`
    );
  }
  if (intent.unrealistic === true) {
    notes.push(
      zh
        ? '没有产品能做到：收益越高，风险越大；没有风险又高收益的承诺是骗局的常见特征。下面是最接近您要求的产品。'
        : 'No product can do that: higher returns come with higher risk, and a promise of both is a common sign of fraud. Below are the nearest to what you asked.'
    );
  }
  return notes;
}
