import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Session } from './browser';

const baseURL = inject('baseURL');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 60): Promise<void> {
  const test = matches.toString();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${test})(document.activeElement)`)) return;
  }
  throw new Error('the element was never reached with Tab');
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('keyboard and phone', () => {
  it('a person on a phone-sized screen uses the app with the keyboard only', async () => {
    session = await launch({ viewport: { width: 375, height: 740 }, locale: 'en-US' });
    const { page } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await noHorizontalScroll(page);

    // skip link, then the catalogue through the navigation
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
    await tabTo(page, (el) => el.getAttribute('href') === '/catalogue');
    await page.keyboard.press('Enter');
    await page.getByTestId('catalogue-list').waitFor();
    await noHorizontalScroll(page);

    // search by typing, then open the first result
    await tabTo(page, (el) => el.id === 'f-text');
    await page.keyboard.type('deposit');
    await expect.poll(() => page.getByTestId('catalogue-list').locator('article').first().getAttribute('data-kind')).toBe('deposit');
    await tabTo(page, (el) => el.closest('article[data-kind]') !== null && el.tagName === 'A');
    await page.keyboard.press('Enter');
    await page.locator('article.detail').waitFor();
    await noHorizontalScroll(page);

    // save it with the space bar
    await tabTo(page, (el) => el.tagName === 'BUTTON' && (el.textContent ?? '').includes('Save'));
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('button[aria-pressed]').first().getAttribute('aria-pressed')).toBe('true');

    // the questionnaire and privacy pages fit the screen too
    for (const [path, settled] of [
      ['/questionnaire', 'h1'],
      // the privacy page is complete once the ranker's panel has its table of scores
      ['/privacy', '[data-testid="ranker-status"] table[data-scored="true"]']
    ] as const) {
      await page.goto(`${baseURL}${path}`);
      await page.locator(settled).waitFor();
      await noHorizontalScroll(page);
    }
  });
});
