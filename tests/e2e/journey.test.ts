import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ExportFileSchema } from '../../src/lib/client/db';
import { launch, type Session } from './browser';
import { cautiousAnswers, productById } from './fixtures';
import { expectNoneAbove, goHome, recommendedIds, takeQuestionnaire } from './flows';

const baseURL = inject('baseURL');
const riskOf = (id: string) => productById.get(id)?.riskLevel ?? 99;
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

describe('a cautious customer on the real app', () => {
  it('assesses, browses, saves, dismisses, reloads, switches language, exports and erases', async () => {
    session = await launch();
    const { page } = session;
    page.on('dialog', (d) => void d.accept());
    await page.goto(baseURL);

    // before any assessment: nothing above R2
    const first = await recommendedIds(page);
    expect(first.length).toBeGreaterThan(0);
    expectNoneAbove(first, 2, riskOf);
    await expect.poll(() => page.getByTestId('risk-level').getAttribute('data-level')).toBe('none');

    // the questionnaire as a cautious person gives C2
    await takeQuestionnaire(page, baseURL, cautiousAnswers());
    expect(await page.getByTestId('questionnaire-result').getAttribute('data-level')).toBe('2');

    // recommendations with reasons, none above R2
    await goHome(page);
    expect(await page.getByTestId('risk-level').getAttribute('data-level')).toBe('2');
    const before = await recommendedIds(page);
    expect(before.length).toBeGreaterThanOrEqual(6);
    expectNoneAbove(before, 2, riskOf);
    const cards = page.getByTestId('recommendations').locator('article');
    for (let i = 0; i < (await cards.count()); i++) {
      expect(await cards.nth(i).locator('[data-reason]').count(), `card ${i} has no reason`).toBeGreaterThan(0);
    }

    // open a fund from the catalogue and save it
    await page.locator('nav a[href="/catalogue"]').click();
    await page.locator('#f-kind').selectOption('fund');
    await page.locator('#f-risk').selectOption('2');
    const fundCard = page.getByTestId('catalogue-list').locator('article[data-kind="fund"]').first();
    const fundId = (await fundCard.getAttribute('data-product-id'))!;
    await fundCard.locator('h3 a').click();
    await page.locator(`article.detail[data-product-id="${fundId}"]`).waitFor();
    const save = page.getByRole('button', { name: /收藏/ });
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
    const fundName = (await page.locator('article.detail h1').textContent())!.trim();

    // dismiss a recommended product of another kind
    await goHome(page);
    const dismissId = (await recommendedIds(page)).find((id) => productById.get(id)?.kind !== 'fund')!;
    await page.locator(`[data-product-id="${dismissId}"] h3 a`).click();
    await page.getByRole('button', { name: '不感兴趣' }).click();
    await page.getByRole('status').filter({ hasText: '已从您的推荐中隐藏' }).waitFor();

    // the list changed because of it, and a reason says so
    await goHome(page);
    const after = await recommendedIds(page);
    expect(after).not.toEqual(before);
    expect(after).not.toContain(dismissId);
    expectNoneAbove(after, 2, riskOf);
    const similar = page.getByTestId('recommendations').locator('[data-reason="similar_to"]');
    expect(await similar.count()).toBeGreaterThan(0);
    expect(await similar.first().textContent()).toContain(fundName);

    // a reload keeps events, profile and questionnaire
    await page.reload();
    expect(await recommendedIds(page)).toEqual(after);
    expect(await page.getByTestId('risk-level').getAttribute('data-level')).toBe('2');
    await page.locator('nav a[href="/privacy"]').click();
    const counts = page.getByTestId('store-counts');
    await counts.waitFor();
    expect(Number(await counts.locator('[data-count="events"]').textContent())).toBeGreaterThanOrEqual(4);
    expect(await counts.locator('[data-count="questionnaires"]').textContent()).toBe('1');

    // English and back
    await page.getByRole('button', { name: '切换为英文' }).click();
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('nav a[href="/"]').click();
    await page.getByRole('heading', { name: 'Recommended for you' }).waitFor();
    await page.getByRole('button', { name: 'switch the language to Chinese' }).click();
    await page.getByRole('heading', { name: '为您推荐' }).first().waitFor();

    // export: one JSON file with everything stored about the person
    await page.locator('nav a[href="/privacy"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出/ }).click()]);
    const exported = ExportFileSchema.parse(JSON.parse(readFileSync((await download.path())!, 'utf8')));
    expect(exported.events.some((e) => e.type === 'favorite' && e.productId === fundId)).toBe(true);
    expect(exported.events.some((e) => e.type === 'dismiss' && e.productId === dismissId)).toBe(true);
    expect(exported.questionnaires).toHaveLength(1);
    expect(exported.questionnaires[0]!.riskLevel).toBe(2);
    expect(exported.profile?.riskLevel).toBe(2);

    // erase: the empty state
    await page.getByRole('button', { name: '清除全部数据' }).click();
    await page.getByTestId('no-events').waitFor();
    expect(await counts.locator('[data-count="events"]').textContent()).toBe('0');
    expect(await counts.locator('[data-count="questionnaires"]').textContent()).toBe('0');
    await page.reload();
    await page.getByTestId('no-events').waitFor();
    await goHome(page);
    expect(await page.getByTestId('risk-level').getAttribute('data-level')).toBe('none');
  });
});
