/**
 * Amounts and rates in words, one place for each way Candor writes them:
 * - formatNumber / moneyText: the engine's reasons ("50,000元", "50,000 USD"); plain digits, no ICU, so a
 *   reason reads the same in every runtime and in the CLI's JSON;
 * - shortMoneyText: the parser's echo of a request ("5万元", "50,000 USD"), as people say amounts;
 * - formatMoney / formatPercent: the product cards and pages, Intl with the product's currency ("¥50,000").
 */
import type { Locale } from '../domain/product';
import { CURRENCY_ZH } from './currencies';

/** n rounded to two decimals, without trailing zeros: 2.5 -> "2.5", 3 -> "3". */
export function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** 12345.5 -> "12,345.5"; deterministic, no ICU dependence. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [int = '0', frac] = Math.abs(rounded).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** An amount in a reason: "50,000元" in Chinese for yuan, "50,000 USD" otherwise. */
export function moneyText(amount: number, currency: string, locale: Locale): string {
  if (locale === 'zh-CN' && currency === 'CNY') return `${formatNumber(amount)}元`;
  return `${formatNumber(amount)} ${currency}`;
}

/** An amount as a request says it: "5万元", "1.2亿美元", "8000元" (no currency: yuan); "50,000 USD" in English. */
export function shortMoneyText(amount: number, currency: string | null, locale: Locale): string {
  if (locale === 'zh-CN') {
    const num = amount >= 1e8 ? `${trimNumber(amount / 1e8)}亿` : amount >= 1e4 ? `${trimNumber(amount / 1e4)}万` : trimNumber(amount);
    const unit = currency === null ? '元' : (CURRENCY_ZH[currency] ?? ` ${currency}`);
    return `${num}${unit}`;
  }
  return currency === null ? formatNumber(amount) : `${formatNumber(amount)} ${currency}`;
}

/** Annual percentage, e.g. 2.35 → "2.35%". */
export function formatPercent(value: number, locale: Locale): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}%`;
}

/** Whole units by default; a repayment is shown to the cent (`fractionDigits` 2). */
export function formatMoney(value: number, currency: string, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits
  }).format(value);
}
