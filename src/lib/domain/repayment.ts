/**
 * Loan repayments: equal instalments (等额本息), the way Chinese banks quote a monthly figure.
 *
 * Pure (no DOM, no engine): the product page's calculator and its tests run the same code.
 */
import { z } from 'zod';
import type { Product } from './product';

export interface Repayment {
  /** the same amount every month */
  monthly: number;
  /** everything paid back over the term */
  total: number;
  /** total − principal */
  interest: number;
}

/**
 * The equal monthly instalment that repays `principal` over `months` at `annualRatePercent`
 * (nominal, compounded monthly: r = rate / 12):  M = P·r / (1 − (1 + r)^−n), or P / n at 0 %.
 * Not rounded: the caller rounds for display, so the total is not a sum of rounded figures.
 */
export function equalInstalment(principal: number, annualRatePercent: number, months: number): Repayment {
  if (!Number.isFinite(principal) || principal <= 0) throw new RangeError(`principal must be a positive amount, got ${principal}`);
  if (!Number.isFinite(annualRatePercent) || annualRatePercent < 0 || annualRatePercent >= 100) {
    throw new RangeError(`the annual rate must be from 0 to under 100 %, got ${annualRatePercent}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > 600) throw new RangeError(`months must be a whole number from 1 to 600, got ${months}`);
  const r = annualRatePercent / 100 / 12;
  const monthly = r === 0 ? principal / months : (principal * r) / (1 - (1 + r) ** -months);
  const total = monthly * months;
  return { monthly, total, interest: total - principal };
}

/** What a loan's calculator may be asked: the product's amounts, terms and rates. */
export interface LoanBounds {
  minAmount: number;
  maxAmount: number;
  minMonths: number;
  maxMonths: number;
  /** the rate quoted ("from") and the highest a borrower may be offered */
  rate: { min: number; max: number };
}

/**
 * The bounds from the catalogue, falling back for a catalogue written before the loan fields:
 * 1 to 30 years' worth of months, the quoted APR as both ends, and ten times the minimum amount
 * (a calculator needs some upper limit; the bank's own check comes at application).
 * null when the product has no APR to compute with.
 */
export function loanBounds(p: Product): LoanBounds | null {
  if (p.apr === null) return null;
  const minAmount = Math.max(p.minAmount ?? 1000, 1);
  const maxAmount = Math.max(p.maxAmount ?? minAmount * 10, minAmount);
  const maxMonths = p.termRange?.maxMonths ?? (p.termMonths !== null && p.termMonths > 0 ? p.termMonths : 360);
  const minMonths = Math.min(p.termRange?.minMonths ?? 1, maxMonths);
  const rate = p.aprRange ?? { min: p.apr, max: p.apr };
  return { minAmount, maxAmount, minMonths, maxMonths, rate };
}

/** A starting amount to show: a tenth of the most, rounded to a 10,000, within the bounds. */
export function defaultAmount(b: LoanBounds): number {
  const tenth = Math.round(b.maxAmount / 10 / 10_000) * 10_000;
  return Math.min(Math.max(tenth, b.minAmount), b.maxAmount);
}

export type LoanInput = { ok: true; amount: number; months: number } | { ok: false; field: 'amount' | 'months' };

/** The calculator's two fields as typed, checked against the product's bounds (the form is a boundary). */
export function readLoanInput(b: LoanBounds, amount: unknown, months: unknown): LoanInput {
  const schema = z.object({
    amount: z.coerce.number().finite().min(b.minAmount).max(b.maxAmount),
    months: z.coerce.number().int().min(b.minMonths).max(b.maxMonths)
  });
  // an empty field is not 0: z.coerce would read "" as 0, which could be in range
  const blank = (v: unknown): boolean => v === '' || v === null || v === undefined;
  if (blank(amount)) return { ok: false, field: 'amount' };
  if (blank(months)) return { ok: false, field: 'months' };
  const r = schema.safeParse({ amount, months });
  if (r.success) return { ok: true, ...r.data };
  return { ok: false, field: r.error.issues[0]?.path[0] === 'months' ? 'months' : 'amount' };
}
