import type { Intent } from '../domain/intent';
import type { Liquidity, Locale } from '../domain/product';
import { GOAL_NAMES, KIND_NAMES } from '../engine/vocab';

/**
 * A short human summary of an Intent, for reasons and the search box echo:
 * en "1 year, low risk, fund", zh "1年 · 低风险 · 基金".
 * Order: horizon, risk, liquidity, amount, kinds, goals. Kind and goal names are the engine's own
 * (engine/vocab.ts), so a summary reads like the reasons next to it.
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

const CURRENCY_ZH: Readonly<Record<string, string>> = {
  CNY: '元', USD: '美元', EUR: '欧元', GBP: '英镑', HKD: '港元', JPY: '日元', AUD: '澳元', CAD: '加元', SGD: '新加坡元', CHF: '瑞郎'
};

const EMPTY: Record<Locale, string> = { 'zh-CN': '无特别要求', en: 'no specific preferences' };

function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function groupThousands(n: number): string {
  const [int, frac] = trimNumber(n).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

function horizonText(months: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    if (months === 0) return '1个月内';
    return months % 12 === 0 ? `${months / 12}年` : `${months}个月`;
  }
  if (months === 0) return 'under 1 month';
  if (months % 12 === 0) {
    const y = months / 12;
    return `${y} year${y === 1 ? '' : 's'}`;
  }
  return `${months} month${months === 1 ? '' : 's'}`;
}

function amountText(amount: number, currency: string | null, locale: Locale): string {
  if (locale === 'zh-CN') {
    const num = amount >= 1e8 ? `${trimNumber(amount / 1e8)}亿` : amount >= 1e4 ? `${trimNumber(amount / 1e4)}万` : trimNumber(amount);
    const unit = currency === null ? '元' : (CURRENCY_ZH[currency] ?? ` ${currency}`);
    return `${num}${unit}`;
  }
  return currency === null ? groupThousands(amount) : `${groupThousands(amount)} ${currency}`;
}

export function describeIntent(intent: Intent, locale: Locale): string {
  const parts: string[] = [];
  if (intent.horizonMonths !== null) parts.push(horizonText(intent.horizonMonths, locale));
  if (intent.risk !== null) parts.push(RISK_WORDS[intent.risk][locale]);
  if (intent.liquidity !== null) parts.push(LIQUIDITY_WORDS[intent.liquidity][locale]);
  if (intent.amount !== null) parts.push(amountText(intent.amount, intent.currency, locale));
  if (intent.kinds.length > 0) parts.push(intent.kinds.map((k) => KIND_NAMES[k][locale]).join('/'));
  if (intent.goals.length > 0) parts.push(intent.goals.map((g) => GOAL_NAMES[g][locale]).join('/'));
  if (parts.length === 0) return EMPTY[locale];
  return parts.join(locale === 'zh-CN' ? ' · ' : ', ');
}
