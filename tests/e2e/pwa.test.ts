import { afterEach, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './browser';
import { recommendedIds } from './flows';

const baseURL = inject('baseURL');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

describe('installable, offline PWA', () => {
  it('meets Chromium installability criteria with a complete manifest', async () => {
    session = await launch();
    const { page, context } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    // the install precaches the app, never the 24 MB model or onnxruntime's wasm (those are fetched on opt-in)
    const cached = await page.evaluate(async () =>
      (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat()
    );
    expect(cached.length).toBeGreaterThan(10);
    expect(cached.filter((p) => p.startsWith('/models/') || p.endsWith('.onnx') || p.endsWith('.wasm'))).toEqual([]);

    const manifest = await (await fetch(`${baseURL}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ short_name: 'Candor', start_url: '/', display: 'standalone', theme_color: '#0f4c81' });
    const purposes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes}/${i.purpose}`);
    expect(purposes).toEqual(expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']));

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  });

  it('reloads offline and still shows recommendations and the catalogue, served by the service worker', async () => {
    session = await launch();
    const { page, context } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // the first load is not yet controlled; one reload puts the page under the service worker
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const online = await recommendedIds(page);

    await context.setOffline(true);
    await page.reload();
    expect(await recommendedIds(page)).toEqual(online);
    await page
      .getByRole('status')
      .filter({ hasText: /离线|Offline/ })
      .waitFor();

    await page.locator('nav a[href="/catalogue"]').click();
    // the whole kept catalogue is there offline; the page renders it a page at a time
    await expect.poll(() => page.getByTestId('catalogue-count').innerText()).toMatch(/320/);
    await expect.poll(() => page.getByTestId('catalogue-list').locator('article').count()).toBe(24);
    // a deep link typed while offline is served from the cached shell too
    await page.goto(`${baseURL}/product/${online[0]}`);
    await page.locator(`article.detail[data-product-id="${online[0]}"]`).waitFor();
    await context.setOffline(false);

    // online too, a full load of a product page is answered by the service worker: the server never learns the path
    const served = await page.goto(`${baseURL}/product/${online[1]}`);
    expect(served?.fromServiceWorker()).toBe(true);
    await page.locator(`article.detail[data-product-id="${online[1]}"]`).waitFor();
  });
});
