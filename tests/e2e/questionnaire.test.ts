import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Session } from './browser';

/**
 * Submitting the questionnaire incomplete, as a person on a 390-px phone does it with the keyboard:
 * every unanswered question is marked (aria-invalid, a message in the page's language), the page
 * says how many are left in its language with no developer text, focus moves to the first one,
 * and the progress counts the 12 questions. CANDOR_SCREENSHOTS=DIR keeps a screenshot per language.
 */
const baseURL = inject('baseURL');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

const TEXT = {
  'zh-CN': {
    progress: (n: number) => `已回答 ${n}/12`,
    incomplete: (n: number) => `还有 ${n} 道题需要作答，已在下方标出。`,
    unanswered: '请回答此题。',
    range: '请输入 18 到 100 之间的整数。'
  },
  en: {
    progress: (n: number) => `${n} of 12 answered`,
    incomplete: (n: number) => `${n} questions still need an answer. They are marked below.`,
    unanswered: 'Please answer this question.',
    range: 'Enter a whole number from 18 to 100.'
  }
} as const;

async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was never reached with Tab`);
}

const focusedQuestion = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.closest('fieldset[data-question]')?.getAttribute('data-question') ?? null);

const marked = (page: Page): Promise<string[]> => page.locator('fieldset.invalid').evaluateAll((els) => els.map((e) => e.getAttribute('data-question') ?? ''));

async function seriousViolations(page: Page): Promise<{ id: string; targets: string[][] }[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

describe('questionnaire submitted incomplete', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`marks what is missing, in ${locale}, by keyboard on a phone`, async () => {
      const t = TEXT[locale];
      session = await launch({ viewport: { width: 390, height: 844 }, locale, bypassCSP: true }); // axe is injected inline
      const { page } = session;
      await page.goto(`${baseURL}/questionnaire`);
      const progress = page.getByTestId('questionnaire-progress');
      await expect.poll(() => progress.textContent().then((s) => s?.trim())).toBe(t.progress(0));

      // an age too young, and the income question, then straight to the button
      await tabTo(page, '#q-age');
      await page.keyboard.type('12');
      await tabTo(page, 'fieldset[data-question="income"] input[type="radio"]');
      await page.keyboard.press('Space');
      await expect.poll(() => progress.getAttribute('data-answered')).toBe('1');
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');

      // 11 questions need an answer: the age (out of range) and the ten after income
      const summary = page.getByTestId('questionnaire-incomplete');
      await expect.poll(() => summary.textContent().then((s) => s?.trim())).toBe(t.incomplete(11));
      expect(await marked(page)).toEqual([
        'age',
        'assets',
        'debt',
        'experience',
        'knowledge',
        'horizon',
        'liquidity',
        'lossTolerance',
        'drop20',
        'goals',
        'investAmount'
      ]);
      expect(await focusedQuestion(page)).toBe('age');
      expect(await page.locator('#q-age').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#q-age-problem').textContent()).toBe(t.range);
      expect(await page.locator('fieldset[data-question="assets"]').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('fieldset[data-question="assets"] [data-testid="question-problem"]').textContent()).toBe(t.unanswered);
      expect(await page.locator('fieldset[data-question="goals"] input[type="checkbox"]').first().getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('fieldset[data-question="income"]').getAttribute('aria-invalid')).toBeNull();
      // no developer message: no English sentence from the validator, no internal ids
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toMatch(/not answered|must be between|lossTolerance|investAmount|drop20/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      if (process.env.CANDOR_SCREENSHOTS) await page.screenshot({ path: join(process.env.CANDOR_SCREENSHOTS, `questionnaire-incomplete-${locale}.png`) });
      expect(await seriousViolations(page)).toEqual([]);

      // fixing the age clears its mark; focus then goes to the next question missing
      await page.keyboard.press('Control+A');
      await page.keyboard.type('35');
      await expect.poll(() => marked(page).then((m) => m[0])).toBe('assets');
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedQuestion(page)).toBe('assets');
      await expect.poll(() => summary.textContent().then((s) => s?.trim())).toBe(t.incomplete(10));
      await expect.poll(() => progress.textContent().then((s) => s?.trim())).toBe(t.progress(2));
      expect(await page.getByTestId('questionnaire-result').count()).toBe(0);
    });
  }
});
