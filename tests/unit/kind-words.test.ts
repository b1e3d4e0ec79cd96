/** The per-kind figures and reasons, with a translator that shows which message was asked for. */
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/lib/domain/product';
import { reasons } from '../../src/lib/engine';
import { cardFigures, premiumText, reasonsShown, termText, type Translate } from '../../src/lib/ui/kind-words';
import { makeProduct } from '../fixtures/engine/fixtures';

const t: Translate = (key, options) => (options?.values ? `${key}(${Object.values(options.values).join('|')})` : key);

const policy: Product = {
  ...makeProduct('ins-1'),
  kind: 'insurance',
  minAmount: 350,
  termMonths: null,
  premium: { amount: 350, period: 'year' },
  coverage: 1_000_000
};
const card: Product = { ...makeProduct('card-1'), kind: 'credit_card', annualFee: 0, apr: 18.25, benefits: [{ 'zh-CN': '贵宾厅', en: 'Lounges' }] };
const loan: Product = { ...makeProduct('loan-1'), kind: 'loan', apr: 12, minAmount: 1000, termMonths: 12, maxAmount: 1_000_000 };

describe('kind words', () => {
  it('leads a policy with its premium, a card with its fee, a loan with its rate and a worked repayment', () => {
    expect(cardFigures(policy, 'en', t).map((f) => f.key)).toEqual(['premium', 'coverage', 'cover-term']);
    expect(cardFigures(card, 'en', t).map((f) => [f.key, f.value])).toEqual([
      ['fee', 'product.noFee'],
      ['benefit', 'Lounges']
    ]);
    const [rate, repayment] = cardFigures(loan, 'en', t);
    expect(rate?.value).toBe('product.rateFrom(12.00%)');
    // 100,000 at 12 % over 12 months: 8,884.88 a month (see repayment.test.ts)
    expect(repayment?.value).toMatch(/^product\.exampleValue\(CN¥8,884\.88\|CN¥100,000\|12\)$/);
  });

  it('a policy written before the premium field shows its minimum as "from"', () => {
    expect(premiumText({ ...policy, premium: undefined }, 'en', t)).toBe('product.premiumFrom(CN¥350)');
    expect(termText(null, 'en', t, true)).toBe('product.forLife');
    expect(termText(24, 'en', t)).toBe('2 years');
    expect(termText(18, 'zh-CN', t)).toBe('18个月');
  });

  it('drops the reasons about money put away for policies, cards and loans only', () => {
    const list = [reasons.fitsLiquidity('low', 'low'), reasons.fitsAmount(350, 50_000, 'CNY'), reasons.fitsHorizon(12, 12), reasons.popular(0.9)];
    expect(reasonsShown('insurance', list).map((r) => r.code)).toEqual(['popular']);
    expect(reasonsShown('loan', list).map((r) => r.code)).toEqual(['popular']);
    expect(reasonsShown('fund', list)).toHaveLength(4);
  });
});
