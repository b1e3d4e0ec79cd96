/**
 * Terms and horizons: the buckets the engine's content features and the catalogue's term filter
 * sort a product into, and a term in words for reasons and the parser's echo.
 */
import type { Locale } from '../domain/product';
import { formatNumber } from './money';

export const TERM_BUCKETS = ['open', 'short', 'year', 'mid', 'long'] as const;
export type TermBucket = (typeof TERM_BUCKETS)[number];

/** open-ended, ≤ 3 months, ≤ 12, ≤ 36, longer */
export function termBucket(termMonths: number | null): TermBucket {
  if (termMonths === null) return 'open';
  if (termMonths <= 3) return 'short';
  if (termMonths <= 12) return 'year';
  if (termMonths <= 36) return 'mid';
  return 'long';
}

/** The catalogue's term filter: open-ended, up to a year, one to three years, longer. */
export const TERM_FILTERS = ['any', 'open', 'short', 'medium', 'long'] as const;
export type TermFilter = (typeof TERM_FILTERS)[number];
const FILTER_OF: Record<TermBucket, TermFilter> = { open: 'open', short: 'short', year: 'short', mid: 'medium', long: 'long' };

export function inTermFilter(termMonths: number | null, filter: TermFilter): boolean {
  return filter === 'any' || FILTER_OF[termBucket(termMonths)] === filter;
}

/** "1年" / "1 year", "6个月" / "6 months": whole years when the months make them. */
export function termWords(months: number, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (months > 0 && months % 12 === 0) {
    const y = months / 12;
    return zh ? `${formatNumber(y)}年` : `${formatNumber(y)} year${y === 1 ? '' : 's'}`;
  }
  return zh ? `${formatNumber(months)}个月` : `${formatNumber(months)} month${months === 1 ? '' : 's'}`;
}
