import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Session } from './browser';
import { goHome, recommendedIds } from './flows';

/**
 * A start draws the home list kept from the last visit before the catalogue is read
 * (src/lib/client/first-list.ts) — and only while nothing it was computed from has changed.
 */
const baseURL = inject('baseURL');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

/** In every page: the product ids of the home list as first drawn. */
function watchFirstList(): void {
  const w = window as unknown as { firstList?: string[] };
  new MutationObserver(() => {
    if (w.firstList) return;
    const cards = document.querySelectorAll('[data-testid="recommendations"] [data-product-id]');
    if (cards.length > 0) w.firstList = [...cards].map((c) => c.getAttribute('data-product-id') ?? '');
  }).observe(document, { childList: true, subtree: true });
}

const firstDrawn = async (page: Page): Promise<string[]> => {
  await page.waitForFunction(() => (window as unknown as { firstList?: string[] }).firstList !== undefined);
  return page.evaluate(() => (window as unknown as { firstList: string[] }).firstList);
};

/** the kept list's product ids, as stored on the device (IndexedDB `candor`, table factors, row first-list) */
const keptIds = (page: Page): Promise<string[] | null> =>
  page.evaluate(
    () =>
      new Promise<string[] | null>((resolve, reject) => {
        const open = indexedDB.open('candor');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('factors').objectStore('factors').get('first-list');
          get.onsuccess = () => {
            const row = get.result as { result?: { items?: { productId: string }[] } } | undefined;
            open.result.close();
            resolve(row?.result?.items?.map((it) => it.productId) ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      })
  );

describe('the home list kept from the last visit', () => {
  it('is drawn first on a reload and stays; after a dismissal the kept list is not used', async () => {
    session = await launch();
    const { page, context } = session;
    await context.addInitScript(watchFirstList);
    await page.goto(baseURL);
    const before = await recommendedIds(page);
    await expect.poll(() => keptIds(page)).toEqual(before);

    await page.reload();
    expect(await firstDrawn(page)).toEqual(before);
    expect(await recommendedIds(page)).toEqual(before);

    // not for me: the situation changed, so the next start does not draw the list that still had it
    const dismissed = before[0]!;
    await page.locator(`[data-product-id="${dismissed}"] h3 a`).click();
    await page.getByRole('button', { name: '不感兴趣' }).click();
    await goHome(page);
    const after = await recommendedIds(page);
    expect(after).not.toContain(dismissed);
    await expect.poll(() => keptIds(page)).toEqual(after);
    await page.reload();
    expect(await firstDrawn(page)).not.toContain(dismissed);
    expect(await recommendedIds(page)).toEqual(after);
  });
});
