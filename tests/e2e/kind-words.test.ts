/**
 * Each kind in its own words, in real Chromium on a phone viewport, in both languages: a policy
 * shows its premium, cover and waiting period and no investment wording; a card shows its annual
 * fee first and its APR last; a loan's calculator computes the equal-instalment repayment.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { defaultAmount, equalInstalment, loanBounds } from '../../src/lib/domain/repayment';
import { launch, type Session } from './browser';
import { productById } from './fixtures';

const baseURL = inject('baseURL');
const PHONE = { width: 390, height: 844 };
/** where the screenshots go, to be looked at by a person (not compared) */
const SHOTS = process.env.CANDOR_SCREENSHOTS ?? join(tmpdir(), 'candor-kind-words');
mkdirSync(SHOTS, { recursive: true });

const INSURANCE = 'ins-ci-life-pingan-001';
const MEDICAL = 'ins-medical-zhongan-001';
const CARD = 'card-travel-global-cmb-001';
const LOAN = 'loan-personal-term-icbc-001';

/** Investment wording that must never describe a policy (the list, both languages). */
const INVESTMENT_WORDS = {
  en: ['Investments can lose value', 'Minimum amount', 'Locks money away', 'Expected annual return', 'Starts at'],
  'zh-CN': ['理财非存款', '投资须谨慎', '起购金额', '资金锁定期较长', '预期年化收益']
} as const;

const WORDS = {
  en: { premium: 'Premium', coverage: 'Cover', waiting: 'Waiting period', days: '90 days', fee: 'Annual fee', monthly: 'Monthly repayment' },
  'zh-CN': { premium: '保费', coverage: '保额', waiting: '等待期', days: '90天', fee: '年费', monthly: '每月还款' }
} as const;

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function open(id: string): Promise<void> {
  await session!.page.goto(`${baseURL}/product/${id}`);
  await session!.page.locator(`article.detail[data-product-id="${id}"]`).waitFor();
}

const digits = (s: string): string => s.replace(/[^\d.]/g, '');

describe('each kind in its own words (phone viewport)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`insurance speaks of premium, cover and waiting period, never of investing (${locale})`, async () => {
      session = await launch({ locale, viewport: PHONE });
      const { page } = session;
      for (const id of [INSURANCE, MEDICAL]) {
        await open(id);
        const text = await page.locator('main').innerText();
        for (const w of INVESTMENT_WORDS[locale]) expect(text, `${id} says "${w}"`).not.toContain(w);
        const facts = page.locator('section[data-kind="insurance"] [data-fact]');
        expect(await facts.first().getAttribute('data-fact')).toBe('premium');
        await expect.poll(() => page.locator('[data-fact="premium"] dt').innerText()).toBe(WORDS[locale].premium);
        expect(await page.locator('[data-fact="coverage"] dt').innerText()).toBe(WORDS[locale].coverage);
        expect(await page.locator('[data-fact="waiting-period"] dt').innerText()).toBe(WORDS[locale].waiting);
        const p = productById.get(id)!;
        expect(digits(await page.locator('[data-fact="premium"] dd').innerText())).toBe(String(p.premium!.amount));
      }
      expect(await page.locator('[data-fact="waiting-period"] dd').innerText()).not.toBe('');
      await open(INSURANCE);
      expect(await page.locator('[data-fact="waiting-period"] dd').innerText()).toBe(WORDS[locale].days);
      await page.screenshot({ path: join(SHOTS, `insurance-${locale}.png`), fullPage: true });

      // the catalogue's cards for policies lead with the premium and say nothing of liquidity
      await page.goto(`${baseURL}/catalogue`);
      await page.locator('#f-kind').selectOption('insurance');
      const card = page.locator('[data-testid="catalogue-list"] [data-kind="insurance"]').first();
      await card.waitFor();
      expect(await card.locator('[data-figure]').first().getAttribute('data-figure')).toBe('premium');
      expect(await page.locator('[data-testid="catalogue-list"] [data-kind="insurance"] [data-figure="liquidity"]').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, `catalogue-insurance-${locale}.png`) });
    });

    it(`a credit card leads with its annual fee and benefits; the APR comes last (${locale})`, async () => {
      session = await launch({ locale, viewport: PHONE });
      const { page } = session;
      await open(CARD);
      const order = await page.locator('section[data-kind="credit_card"] [data-fact]').evaluateAll((els) => els.map((e) => e.getAttribute('data-fact')));
      expect(order[0]).toBe('fee');
      expect(order[1]).toBe('benefits');
      expect(order.at(-1)).toBe('apr');
      expect(await page.locator('[data-fact="fee"] dt').innerText()).toBe(WORDS[locale].fee);
      const p = productById.get(CARD)!;
      const benefits = await page.locator('[data-fact="benefits"] li').allInnerTexts();
      expect(benefits).toEqual(p.benefits!.map((b) => b[locale]));
      await page.screenshot({ path: join(SHOTS, `card-${locale}.png`), fullPage: true });

      await page.goto(`${baseURL}/catalogue`);
      await page.locator('#f-kind').selectOption('credit_card');
      const card = page.locator('[data-testid="catalogue-list"] [data-kind="credit_card"]').first();
      await card.waitFor();
      expect(await card.locator('[data-figure]').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')))).toEqual(['fee', 'benefit']);
    });

    it(`a loan's calculator computes the monthly repayment, by keyboard (${locale})`, async () => {
      session = await launch({ locale, viewport: PHONE });
      const { page } = session;
      await open(LOAN);
      const p = productById.get(LOAN)!;
      const calc = page.getByTestId('loan-calculator');
      await calc.waitFor();
      // it starts with a worked example: a tenth of the most, over the longest term
      const b = loanBounds(p)!;
      const start = equalInstalment(defaultAmount(b), b.rate.min, b.maxMonths);
      expect(digits(await page.getByTestId('loan-monthly').innerText())).toBe(start.monthly.toFixed(2));

      // keyboard only: focus the amount, replace it, Tab to the term, replace it
      await page.locator('#loan-amount').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('100000');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('loan-months');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('12');
      const expected = equalInstalment(100_000, p.apr!, 12);
      await expect.poll(async () => digits(await page.getByTestId('loan-monthly').innerText())).toBe(expected.monthly.toFixed(2));
      expect(await calc.locator('label[for="loan-amount"]').innerText()).toContain(locale === 'en' ? 'Amount to borrow' : '借款金额');
      expect(await page.getByTestId('loan-result').innerText()).toContain(WORDS[locale].monthly);
      if (p.aprRange!.max > p.aprRange!.min) {
        const highest = equalInstalment(100_000, p.aprRange!.max, 12).monthly.toFixed(2);
        expect(await page.getByTestId('loan-highest').innerText()).toContain(Number(highest).toLocaleString('en-US', { minimumFractionDigits: 2 }));
      }
      await page.screenshot({ path: join(SHOTS, `loan-${locale}.png`), fullPage: true });

      // out of range: said in the page's language, the field marked
      await page.locator('#loan-months').fill('999');
      await page.getByTestId('loan-error').waitFor();
      expect(await page.locator('#loan-months').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('loan-error').innerText()).toContain(locale === 'en' ? 'whole number of months' : '整月数');
    });
  }
});
