import { afterEach, describe, expect, inject, it } from 'vitest';
import zh from '../../src/lib/i18n/zh-CN.json';
import { launch, type Session } from './browser';
import { goHome, recommendedIds } from './flows';

const baseURL = inject('baseURL');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

describe('signed catalogue and factors, verified on the device', () => {
  it('keeps the last good catalogue and says so when a tampered one is served', async () => {
    session = await launch();
    const { page, context } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    const before = await recommendedIds(page);
    expect(await page.locator('.catalogue-notice').count()).toBe(0);

    // from now on something between server and device rewrites a product name in the signed catalogue
    let tampered = 0;
    // (it also drops the device's If-None-Match, so a whole document comes back: a 304 to the ETag the
    // device verified would carry nothing to tamper with, and the kept copy would be used as it is)
    await context.route('**/api/catalogue', async (route) => {
      const { 'if-none-match': _etag, ...headers } = route.request().headers();
      const response = await route.fetch({ headers });
      const body = (await response.text()).replace('"zh-CN":"', '"zh-CN":"TAMPERED ');
      tampered++;
      await route.fulfill({ response, body });
    });
    await page.reload();
    const notice = page.locator('.catalogue-notice[data-state="invalid"]');
    await notice.waitFor();
    expect(tampered).toBeGreaterThan(0);
    const [head] = zh.catalogueNotice.invalid.split('{date}');
    expect(await notice.textContent()).toContain(head);
    // the last good catalogue stays in use: same recommendations, and no tampered name anywhere
    expect(await recommendedIds(page)).toEqual(before);
    await page.locator('nav a[href="/catalogue"]').click();
    await page.getByTestId('catalogue-list').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('TAMPERED');
  });

  it('says so when the factors from the server do not verify (no silent loss of "also chose")', async () => {
    session = await launch();
    const { page, context } = session;
    await context.route('**/api/factors', async (route) => {
      const response = await route.fetch();
      // one changed character inside the signed manifest: the signature no longer matches
      const body = (await response.text()).replace('"algo":"', '"algo":"x');
      await route.fulfill({ response, body });
    });
    await page.goto(baseURL);
    await recommendedIds(page);
    const notice = page.locator('.factors-notice[data-state="refused"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(zh.factorsNotice.refused.slice(0, 12));
  });

  it('folds the person in with the published CF factors and says "people who chose … also chose"', async () => {
    session = await launch();
    const { page } = session;
    await page.goto(`${baseURL}/product/fund-mm-igw-001`);
    const save = page.getByRole('button', { name: /收藏/ });
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    await goHome(page);
    await recommendedIds(page);
    const also = page.getByTestId('recommendations').locator('[data-reason="also_chosen"]');
    expect(await also.count()).toBeGreaterThan(0);
    expect(await also.first().textContent()).toContain('选择了与您相同产品的人也选择了它');
  });
});
