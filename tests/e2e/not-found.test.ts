import { afterEach, describe, expect, inject, it } from 'vitest';
import en from '../../src/lib/i18n/en.json';
import zh from '../../src/lib/i18n/zh-CN.json';
import { launch, type Session } from './browser';

const baseURL = inject('baseURL');
let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('an unknown path', () => {
  it('shows a styled, translated "page not found" with the app\'s navigation and a way back, and no console errors', async () => {
    session = await launch();
    const { page } = session;
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto(`${baseURL}/no-such-page`);
    expect(res?.status()).toBe(404);
    const error = page.getByTestId('error-page');
    await error.waitFor();
    expect(await error.getAttribute('data-status')).toBe('404');
    expect(await error.locator('h1').textContent()).toBe(zh.error.notFoundTitle);
    // the app's chrome: navigation and the language button
    expect(await page.locator('nav a[href="/catalogue"]').count()).toBe(1);
    await page.locator('button.lang').click();
    await expect.poll(() => error.locator('h1').textContent()).toBe(en.error.notFoundTitle);
    // styled like the app (a card), not the browser's default text
    expect(await error.evaluate((el) => getComputedStyle(el).borderRadius)).not.toBe('0px');
    // at most the browser's own line for the document's 404 status; nothing else failed
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await error.getByRole('link', { name: en.error.home }).click();
    await page.getByTestId('recommendations').waitFor();
  });

  it('/models/index.json is a 200 with an index, whether or not a model is offered', async () => {
    const res = await fetch(`${baseURL}/models/index.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 1 });
  });
});
