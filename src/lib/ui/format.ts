import type { Locale } from '../domain';

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

export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}
