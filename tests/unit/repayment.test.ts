import { describe, expect, it } from 'vitest';
import { defaultAmount, equalInstalment, loanBounds, readLoanInput } from '../../src/lib/domain/repayment';
import type { Product } from '../../src/lib/domain/product';
import { makeProduct } from '../fixtures/engine/fixtures';

describe('equalInstalment (等额本息)', () => {
  it('100,000 at 12 % for 12 months: r = 1 % a month, M = 1,000·1.01¹² / (1.01¹² − 1) = 8,884.88', () => {
    // 1.01^12 = 1.1268250; 100,000 × 0.01 × 1.1268250 / 0.1268250 = 8,884.8789
    const r = equalInstalment(100_000, 12, 12);
    expect(r.monthly).toBeCloseTo(8884.8789, 3);
    expect(r.total).toBeCloseTo(106_618.55, 2);
    expect(r.interest).toBeCloseTo(6_618.55, 2);
  });

  it('1,000,000 at 4.9 % for 30 years: the 5,307.27 a month every mortgage table shows', () => {
    expect(equalInstalment(1_000_000, 4.9, 360).monthly).toBeCloseTo(5307.27, 2);
  });

  it('one month repays principal plus one month of interest: 10,000 at 6 % → 10,050', () => {
    const r = equalInstalment(10_000, 6, 1);
    expect(r.monthly).toBeCloseTo(10_050, 8);
    expect(r.interest).toBeCloseTo(50, 8);
  });

  it('at 0 % it is the principal split evenly: 12,000 over 12 months → 1,000', () => {
    expect(equalInstalment(12_000, 0, 12)).toEqual({ monthly: 1000, total: 12_000, interest: 0 });
  });

  it('a higher rate or a shorter term never lowers the instalment', () => {
    expect(equalInstalment(50_000, 6, 24).monthly).toBeGreaterThan(equalInstalment(50_000, 3, 24).monthly);
    expect(equalInstalment(50_000, 6, 12).monthly).toBeGreaterThan(equalInstalment(50_000, 6, 24).monthly);
  });

  it('refuses what cannot be a loan', () => {
    for (const [p, r, n] of [
      [0, 5, 12],
      [-1, 5, 12],
      [Number.NaN, 5, 12],
      [1000, -1, 12],
      [1000, 100, 12],
      [1000, 5, 0],
      [1000, 5, 1.5],
      [1000, 5, 601]
    ] as const) {
      expect(() => equalInstalment(p, r, n), `${p} ${r} ${n}`).toThrow(RangeError);
    }
  });
});

describe('the calculator bounds and input', () => {
  const loan: Product = {
    ...makeProduct('loan-1'),
    kind: 'loan',
    apr: 3.5,
    minAmount: 1000,
    termMonths: 36,
    aprRange: { min: 3.5, max: 6.5 },
    termRange: { minMonths: 6, maxMonths: 36 },
    maxAmount: 300_000
  };

  it('reads the loan fields, and falls back for a loan written before them', () => {
    expect(loanBounds(loan)).toEqual({ minAmount: 1000, maxAmount: 300_000, minMonths: 6, maxMonths: 36, rate: { min: 3.5, max: 6.5 } });
    const old: Product = { ...makeProduct('loan-old'), kind: 'loan', apr: 4, minAmount: 20_000, termMonths: 60 };
    expect(loanBounds(old)).toEqual({ minAmount: 20_000, maxAmount: 200_000, minMonths: 1, maxMonths: 60, rate: { min: 4, max: 4 } });
    expect(loanBounds({ ...old, apr: null })).toBeNull();
  });

  it('starts at a tenth of the most, within the bounds', () => {
    expect(defaultAmount(loanBounds(loan)!)).toBe(30_000);
    expect(defaultAmount({ minAmount: 50_000, maxAmount: 100_000, minMonths: 1, maxMonths: 12, rate: { min: 1, max: 1 } })).toBe(50_000);
  });

  it('accepts typed numbers in range and names the field that is not', () => {
    const b = loanBounds(loan)!;
    expect(readLoanInput(b, '50000', '24')).toEqual({ ok: true, amount: 50_000, months: 24 });
    expect(readLoanInput(b, '', '24')).toEqual({ ok: false, field: 'amount' });
    expect(readLoanInput(b, '500', '24')).toEqual({ ok: false, field: 'amount' });
    expect(readLoanInput(b, 'abc', '24')).toEqual({ ok: false, field: 'amount' });
    expect(readLoanInput(b, '50000', '48')).toEqual({ ok: false, field: 'months' });
    expect(readLoanInput(b, '50000', '12.5')).toEqual({ ok: false, field: 'months' });
    expect(readLoanInput(b, '50000', '')).toEqual({ ok: false, field: 'months' });
  });
});
