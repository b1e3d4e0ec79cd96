import { afterEach, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './browser';
import { productById } from './fixtures';

const baseURL = inject('baseURL');
const bankURL = inject('bankURL');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

describe('the widget on a bank page of another origin', () => {
  it('renders recommendations, shares only the applied product id, ignores wrong origins and keeps IndexedDB out of reach', async () => {
    session = await launch();
    const { page } = session;
    expect(new URL(bankURL).origin).not.toBe(new URL(baseURL).origin);
    await page.goto(bankURL);

    // the shadow root is closed, so even the test reaches the frame through the browser, not the DOM
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${baseURL}/embed`))).toBe(true);
    const embed = page.frames().find((f) => f.url().startsWith(`${baseURL}/embed`))!;
    const items = embed.getByTestId('embed-recommendations').locator('li[data-product-id]');
    await expect.poll(() => items.count()).toBe(4);
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id') ?? ''));
    for (const id of ids) expect(productById.get(id)?.riskLevel).toBeLessThanOrEqual(2);

    // the iframe is sized to its content
    const height = await page.locator('candor-recommendations').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(320);

    // apply: the host receives exactly the product id, nothing else
    await items.first().getByRole('button', { name: '申请' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([{ productId: ids[0] }]);

    // a forged "apply" from the host's own origin is ignored by the widget element
    await page.evaluate(() => window.postMessage({ source: 'candor', type: 'apply', productId: 'forged' }, '*'));
    // a config message from a wrong origin (the frame itself, not the host) is ignored by the embed page
    await embed.evaluate(() => window.postMessage({ source: 'candor-host', type: 'config', locale: 'en' }, '*'));
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toHaveLength(1);
    expect(await embed.locator('html').getAttribute('lang')).toBe('zh-CN');
    // …while the host's own config message, from the allowed origin, is honoured
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => embed.locator('html').getAttribute('lang')).toBe('en');

    // the host page cannot reach the widget's data
    const hostView = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      shadow: document.querySelector('candor-recommendations')?.shadowRoot ?? null,
      frames: document.querySelectorAll('iframe').length
    }));
    expect(hostView).toEqual({ databases: [], shadow: null, frames: 0 });
    const embedDatabases = await embed.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(embedDatabases).toContain('candor');
  });

  it('refuses hosts the bank has not allowed, by CSP and in the page', async () => {
    const embedHeaders = (await fetch(`${baseURL}/embed?host=http://localhost:1`)).headers;
    // the rest of the policy is SvelteKit's (csp.test.ts); frame-ancestors comes last, per route
    expect(embedHeaders.get('content-security-policy')).toMatch(/; frame-ancestors 'self' http:\/\/localhost:\* http:\/\/127\.0\.0\.1:\*$/);
    expect((await fetch(`${baseURL}/`)).headers.get('content-security-policy')).toMatch(/; frame-ancestors 'self'$/);

    session = await launch();
    await session.page.goto(`${baseURL}/embed?host=https://evil.example`);
    await session.page.getByRole('alert').filter({ hasText: '此网页未获准嵌入 Candor' }).waitFor();
  });
});
