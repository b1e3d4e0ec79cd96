import type { Locale, Product } from '../domain';

/** Annual percentage, e.g. 2.35 → "2.35%". */
export function formatPercent(value: number, locale: Locale): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}%`;
}

export function formatMoney(value: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** The one figure a person compares first: return for savings and investments, APR for credit. */
export function headlineRate(p: Product): { kind: 'return' | 'apr'; value: number } | null {
  if (p.kind === 'credit_card' || p.kind === 'loan') return p.apr === null ? null : { kind: 'apr', value: p.apr };
  return p.expectedReturn === null ? null : { kind: 'return', value: p.expectedReturn };
}
