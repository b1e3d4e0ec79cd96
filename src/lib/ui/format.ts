import type { Locale } from '../domain';

// amounts and rates are formatted by src/lib/vocab/money.ts, with the rest of Candor's words
export function formatDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}
