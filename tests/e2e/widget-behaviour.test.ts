/**
 * The widget as a person meets it: Apply leaves the card where it was (marked applied), the frame
 * is as tall as its content (no growth to the host's limit, no blank frame under a short list), and
 * a widget's locale is the frame's own, not the person's saved language for Candor.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launch, type Session } from './browser';

const baseURL = inject('baseURL');
const bankURL = inject('bankURL');
let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** Replace the demo bank page's widget with one with these attributes; its /embed frame once it has loaded. */
async function widget(page: Page, attributes: Record<string, string>): Promise<Frame> {
  await page.goto(bankURL);
  await page.evaluate((attrs) => {
    document.querySelectorAll('candor-recommendations').forEach((el) => el.remove());
    const el = document.createElement('candor-recommendations');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.prepend(el);
  }, attributes);
  await expect.poll(() => page.frames().filter((f) => f.url().startsWith(`${baseURL}/embed`)).length).toBe(1);
  const frame = page.frames().find((f) => f.url().startsWith(`${baseURL}/embed`))!;
  await frame.locator('main.embed').waitFor();
  await frame.locator('[data-testid="embed-recommendations"], .card, .notice').first().waitFor();
  return frame;
}

const frameHeight = (page: Page) => page.locator('candor-recommendations').evaluate((el) => el.getBoundingClientRect().height);
const contentHeight = (frame: Frame) => frame.locator('main.embed').evaluate((el) => el.getBoundingClientRect().bottom);

describe('the widget, as a person uses it', () => {
  it('keeps the card in place after Apply, marked applied, and the frame as tall as its content', async () => {
    session = await launch();
    const { page } = session;
    const frame = await widget(page, { locale: 'zh-CN', limit: '4' });
    // the list as it settles: the on-device ranker re-ranks it once (aria-busy)
    const items = frame.locator('[data-testid="embed-recommendations"][aria-busy="false"] li[data-product-id]');
    await expect.poll(() => items.count()).toBe(4);
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id') ?? ''));
    await expect.poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame)))).toBeLessThan(4);

    await items.nth(1).getByRole('button', { name: '申请' }).click();
    await frame.locator(`li[data-product-id="${ids[1]}"][data-applied="true"]`).waitFor();
    const cards = frame.locator('li[data-product-id]');
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id') ?? ''))).toEqual(ids);
    expect(
      await cards
        .nth(1)
        .getByRole('button', { name: /已申请/ })
        .isDisabled()
    ).toBe(true);
    // and the frame settles at its content's height rather than creeping up to the 4,000 px limit
    await page.waitForTimeout(1500);
    const settled = await frameHeight(page);
    expect(Math.abs(settled - (await contentHeight(frame)))).toBeLessThan(4);
    expect(settled).toBeLessThan(1500);
  });

  it('a short or empty widget leaves no blank frame', async () => {
    session = await launch();
    const { page } = session;
    const frame = await widget(page, { locale: 'zh-CN', limit: '1', kinds: 'loan' });
    await expect.poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame)))).toBeLessThan(4);
    expect(await frameHeight(page)).toBeLessThan(400);
  });

  it('a widget with locale="en" does not change the language of the person\'s Candor app', async () => {
    session = await launch({ locale: 'zh-CN' });
    const { page } = session;
    const frame = await widget(page, { locale: 'en', limit: '2' });
    await expect.poll(() => frame.locator('html').getAttribute('lang')).toBe('en');
    await frame.getByTestId('embed-recommendations').waitFor();
    await page.waitForTimeout(300);
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });
});
