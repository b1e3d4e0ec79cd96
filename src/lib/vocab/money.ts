/**
 * Amounts and rates in words, one place for each way Candor writes them:
 * - formatMoney / formatPercent: an amount or a rate of a product, wherever it is shown — cards, pages and the
 *   engine's reasons alike ("¥50,000", "CN¥50,000"), Intl with the product's currency;
 * - shortMoneyText: the parser's echo of what a person asked for ("5万元", "50,000 USD"), as people say amounts;
 * - formatNumber: plain grouped digits, for the echo.
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

/** Whole units unless the amount has cents; a repayment is shown to the cent (`fractionDigits` 2). */
export function formatMoney(value: number, currency: string, locale: Locale, fractionDigits = Number.isInteger(value) ? 0 : 2): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits
  }).format(value);
}
