/**
 * Each kind in its own words: the figures a person compares first for a policy, a card, a loan
 * or an investment, formatted in their language. Pure (the translator is passed in), so the
 * card, the product page and the widget agree.
 *
 * Insurance is protection, not an investment: its premium is not a "minimum amount" and it is
 * never said to "lock money away". A card is compared by its fee and benefits; its APR only
 * matters for a balance left unpaid. A loan is compared by what it costs each month.
 */
import { defaultAmount, equalInstalment, loanBounds, type Locale, type Product, type ProductKind } from '../domain';
import type { Reason, ReasonCode } from '../engine';
import { formatMoney, formatPercent } from '../vocab/money';
import { termWords } from '../vocab/terms';

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

export interface Figure {
  /** a stable name for tests and styling: premium, coverage, fee, benefit, rate, repayment, return, … */
  key: string;
  label: string;
  value: string;
}

/** Kinds that hold no money of the person's: no horizon, liquidity or amount invested to speak of. */
const NOT_INVESTED: ReadonlySet<ProductKind> = new Set(['insurance', 'credit_card', 'loan']);

/** Reasons written about money put away ("locks money away", "starts at …", "fits your horizon"). */
const INVESTMENT_REASONS: ReadonlySet<ReasonCode> = new Set(['fits_liquidity', 'fits_amount', 'fits_horizon']);

export function isInvestment(kind: ProductKind): boolean {
  return !NOT_INVESTED.has(kind);
}

/** The reasons worth showing for this kind: investment reasons are dropped for a policy, card or loan. */
export function reasonsShown(kind: ProductKind, reasons: readonly Reason[]): Reason[] {
  return isInvestment(kind) ? [...reasons] : reasons.filter((r) => !INVESTMENT_REASONS.has(r.code));
}

const money = (p: Product, amount: number, locale: Locale, digits = 0): string => formatMoney(amount, p.currency, locale, digits);

/** "1 year", "20 years", "6 months" (vocab/terms.ts, as reasons and the request echo write them); null → for life (a policy) or open-ended. */
export function termText(months: number | null, locale: Locale, t: Translate, forLife = false): string {
  return months === null ? t(forLife ? 'product.forLife' : 'product.openEnded') : termWords(months, locale);
}

/** "¥350/年", "CN¥350 a year"; a catalogue without the premium field shows its minimum as "from …". */
export function premiumText(p: Product, locale: Locale, t: Translate): string | null {
  if (p.premium) return t(`product.premiumPer.${p.premium.period}`, { values: { amount: money(p, p.premium.amount, locale) } });
  return p.minAmount === null ? null : t('product.premiumFrom', { values: { amount: money(p, p.minAmount, locale) } });
}

/** "No annual fee" or the fee; the waiver, when there is one, is shown beside it. */
export function feeText(p: Product, locale: Locale, t: Translate): string | null {
  if (p.annualFee === null) return null;
  return p.annualFee === 0 ? t('product.noFee') : money(p, p.annualFee, locale);
}

/** "from 3.50%" or "3.50% to 6.50%". */
export function loanRateText(p: Product, locale: Locale, t: Translate): string | null {
  if (p.apr === null) return null;
  const range = p.aprRange;
  if (range && range.max > range.min) {
    return t('product.rateRange', { values: { min: formatPercent(range.min, locale), max: formatPercent(range.max, locale) } });
  }
  return t('product.rateFrom', { values: { rate: formatPercent(p.apr, locale) } });
}

/** A worked example for a loan card: the default amount over the longest term at the quoted rate. */
export function exampleRepayment(p: Product, locale: Locale, t: Translate): string | null {
  const b = loanBounds(p);
  if (!b) return null;
  const principal = defaultAmount(b);
  const { monthly } = equalInstalment(principal, b.rate.min, b.maxMonths);
  return t('product.exampleValue', {
    values: { amount: money(p, monthly, locale, 2), principal: money(p, principal, locale), months: b.maxMonths }
  });
}

/** The two or three figures a product card shows, headline first. */
export function cardFigures(p: Product, locale: Locale, t: Translate): Figure[] {
  const out: Figure[] = [];
  const add = (key: string, label: string, value: string | null): void => {
    if (value !== null) out.push({ key, label: t(label), value });
  };
  switch (p.kind) {
    case 'insurance':
      add('premium', 'product.premium', premiumText(p, locale, t));
      add('coverage', 'product.coverage', p.coverage === undefined ? null : money(p, p.coverage, locale));
      add('cover-term', 'product.coverTerm', termText(p.termMonths, locale, t, true));
      break;
    case 'credit_card':
      add('fee', 'product.fee', feeText(p, locale, t));
      add('benefit', 'product.benefits', p.benefits?.[0]?.[locale] ?? null);
      break;
    case 'loan':
      add('rate', 'product.loanRate', loanRateText(p, locale, t));
      add('repayment', 'product.exampleRepayment', exampleRepayment(p, locale, t));
      break;
    default:
      add('return', 'product.return', p.expectedReturn === null ? null : formatPercent(p.expectedReturn, locale));
      add('term', 'product.term', termText(p.termMonths, locale, t));
      add('liquidity', 'product.liquidity', t(`liquidity.${p.liquidity}`));
  }
  return out;
}
