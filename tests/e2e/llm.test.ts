import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseIntent } from '../../src/lib/intent';
import { launch, type Session } from './browser';
import { recommendedIds } from './flows';
import { startServer } from './server';

/**
 * Ask with and without the on-device model. A fresh clone offers the committed bge-small-zh-v1.5,
 * served by the app under /models/; nothing is downloaded until the person opts in, and nothing at
 * all is fetched from anywhere but the app's origin.
 */

const baseURL = inject('baseURL');
const QUERY = '我想要一年期的低风险理财';
/** a need said in everyday words: the built-in parser and the lexical match find nothing of it, the model does */
const PARAPHRASE = '闲钱放一阵子，到期连本带息拿回来';
const CLOSE = '与您的需求意思相近';
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

function expectSameOrigin(requests: readonly string[], base = baseURL): void {
  const origin = new URL(base).origin;
  const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  expect(foreign, 'requests that left the app origin').toEqual([]);
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#ask-input').fill(text);
  await page.locator('#ask-input').press('Enter');
  await page.getByTestId('ask-understood').waitFor();
}

/**
 * The list once it stops moving: the on-device ranker re-orders it asynchronously after each ask
 * (the ask is a new event), so read it until two reads 400 ms apart agree.
 */
async function settledList(page: Page): Promise<{ ids: string[]; scores: number[] }> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const now = { ids: await recommendedIds(page), scores: await semanticOf(page) };
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error('the recommendations never settled');
}

async function semanticOf(page: Page): Promise<number[]> {
  return page
    .getByTestId('recommendations')
    .locator(':scope > li')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-semantic') ?? 'NaN')));
}

describe('Ask and the on-device model', () => {
  it('asks with the built-in parser when no model is downloaded', async () => {
    session = await launch();
    const { page, requests } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    await expect.poll(() => page.getByTestId('model-panel').getAttribute('data-status')).toBe('off');

    await ask(page, QUERY);
    const understood = page.getByTestId('ask-understood');
    expect(await understood.getAttribute('data-source')).toBe('builtin');
    expect(JSON.parse((await understood.getAttribute('data-intent'))!)).toEqual(parseIntent(QUERY));
    expect(await understood.textContent()).toContain('1年 · 低风险');
    expect(await understood.textContent()).toContain('内置解析');
    expect((await recommendedIds(page)).length).toBeGreaterThan(0);
    expect((await semanticOf(page)).every(Number.isNaN)).toBe(true);

    // nothing of the model was fetched: only the index saying what is on offer
    expect(requests.filter((u) => new URL(u).pathname.startsWith('/models/')).map((u) => new URL(u).pathname)).toEqual(['/models/index.json']);
    expect(requests.some((u) => u.endsWith('.onnx') || u.includes('ort-wasm'))).toBe(false);
    expectSameOrigin(requests);
  });

  it('opts into the committed bge-small-zh-v1.5 with the keyboard: one progress bar, from this origin, then ranks by meaning', async () => {
    session = await launch();
    const { page, requests } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    const panel = page.getByTestId('model-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('off');
    await ask(page, PARAPHRASE);
    const withoutModel = (await settledList(page)).ids;
    expect(await page.getByTestId('recommendations').textContent()).not.toContain(CLOSE);

    await page.getByRole('button', { name: '下载并开启' }).focus();
    await page.keyboard.press('Enter');
    const bar = page.getByRole('progressbar', { name: '模型下载进度' });
    await bar.waitFor();
    // one bar over every file of the model: 24,437,436 bytes
    expect(Number(await bar.getAttribute('max'))).toBe(24_437_436);

    const ready = page.getByTestId('model-ready');
    await ready.waitFor({ timeout: 120_000 });
    expect(await ready.getAttribute('data-device')).toBe('wasm');
    expect(await bar.count()).toBe(0);
    // the server published the demo catalogue's vectors: verified and used, nothing embedded here
    await expect.poll(() => ready.getAttribute('data-vectors'), { timeout: 30_000 }).toBe('published');

    await ask(page, PARAPHRASE);
    await page.getByTestId('recommendations').locator(':scope > li[data-semantic]').first().waitFor();
    const { ids: withModel, scores } = await settledList(page);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(withModel).not.toEqual(withoutModel);
    // the semantic part is said in the reasons
    expect(await page.getByTestId('recommendations').locator(':scope > li').first().textContent()).toContain(CLOSE);

    // the choice is remembered: after a reload the model loads again without asking, now through the
    // service worker, which keeps its files; so it loads offline too
    await page.reload();
    await page.getByTestId('model-ready').waitFor({ timeout: 120_000 });
    await session.context.setOffline(true);
    await page.reload();
    await page.getByTestId('model-ready').waitFor({ timeout: 120_000 });
    await session.context.setOffline(false);

    const paths = requests.map((u) => new URL(u).pathname);
    expect(paths).toContain('/models/bge-small-zh-v1.5/onnx/model_quantized.onnx');
    expect(paths).toContain('/api/vectors');

    // erased with everything else: the opt-in, the kept vectors and the model's cached files
    const modelFilesCached = () =>
      page.evaluate(
        async () =>
          (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname))))
            .flat()
            .filter((p) => p.startsWith('/models/bge-small-zh-v1.5/')).length
      );
    expect(await modelFilesCached()).toBeGreaterThan(0);
    page.on('dialog', (d) => void d.accept());
    await page.locator('nav a[href="/privacy"]').click();
    await page.getByRole('button', { name: '清除全部数据' }).click();
    await expect.poll(modelFilesCached).toBe(0);
    await page.locator('nav a[href="/"]').click();
    await expect.poll(() => page.getByTestId('model-panel').getAttribute('data-status')).toBe('off');
    expect(paths.some((p) => /ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/.test(p))).toBe(true);
    expectSameOrigin(requests);
  });

  it('runs on WebGPU where the browser has an adapter, with the similarities WASM gives, to 1e-4', async () => {
    // two requests, one of each language; with int8 activations these two differed by up to 1e-2 between
    // the backends; the committed model's activations are float (models/llm/weight-only-int8.ts)
    const requests = [PARAPHRASE, 'help paying hospital bills'];
    const similarities = async (extraArgs: string[]): Promise<{ device: string | null; byRequest: Map<string, number>[] }> => {
      session = await launch({ extraArgs });
      const { page, requests: seen } = session;
      await page.goto(baseURL);
      await page.getByRole('button', { name: '下载并开启' }).click();
      const ready = page.getByTestId('model-ready');
      await ready.waitFor({ timeout: 120_000 });
      const device = await ready.getAttribute('data-device');
      const byRequest: Map<string, number>[] = [];
      for (const text of requests) {
        await ask(page, text);
        // the list answers this request (its section is named by it), not the one before
        await page
          .locator('section', { has: page.getByTestId('recommendations') })
          .and(page.locator(`[aria-label*="${text}"]`))
          .waitFor();
        await page.getByTestId('recommendations').locator(':scope > li[data-semantic]').first().waitFor();
        const { ids, scores } = await settledList(page);
        byRequest.push(new Map(ids.map((id, i) => [id, scores[i]!])));
      }
      expectSameOrigin(seen);
      await session.close();
      session = null;
      return { device, byRequest };
    };
    // SwiftShader's WebGPU adapter on a GPU-less machine (Chromium's --enable-unsafe-webgpu)
    const gpu = await similarities(['--enable-unsafe-webgpu']);
    const cpu = await similarities([]);
    expect([gpu.device, cpu.device]).toEqual(['webgpu', 'wasm']);
    requests.forEach((text, r) => {
      const [g, c] = [gpu.byRequest[r]!, cpu.byRequest[r]!];
      const shared = [...g.keys()].filter((id) => c.has(id));
      expect(shared.length, text).toBeGreaterThan(3);
      for (const id of shared) expect(Math.abs(g.get(id)! - c.get(id)!), `${text}: ${id}`).toBeLessThanOrEqual(1e-4);
    });
  });

  it('a catalogue without published vectors is embedded on the device in the background, with progress, and kept', async () => {
    const own = await startServer({ CANDOR_VECTORS: '/nonexistent/vectors' });
    try {
      session = await launch();
      const { page, requests } = session;
      await page.goto(own.url);
      await page.getByRole('button', { name: '下载并开启' }).click();
      await page.getByTestId('model-ready').waitFor({ timeout: 120_000 });
      const progress = page.getByRole('progressbar', { name: '正在为本产品目录准备语义搜索' });
      await progress.waitFor({ timeout: 60_000 });
      expect(Number(await progress.getAttribute('max'))).toBe(320);
      await expect.poll(() => page.getByTestId('model-ready').getAttribute('data-vectors'), { timeout: 600_000, interval: 2000 }).toBe('device');
      expect(await progress.count()).toBe(0);
      // kept: after a reload the vectors come from the device's store, with no progress bar
      await page.reload();
      await expect.poll(() => page.getByTestId('model-ready').getAttribute('data-vectors'), { timeout: 120_000 }).toBe('device');
      expect(await page.getByRole('progressbar', { name: '正在为本产品目录准备语义搜索' }).count()).toBe(0);
      expect(requests.map((u) => new URL(u).pathname)).toContain('/api/vectors');
      expectSameOrigin(requests, own.url);
    } finally {
      await own.stop();
    }
  }, 900_000);

  it('can cancel a download, which also forgets the opt-in', async () => {
    session = await launch();
    const { page } = session;
    // hold the weights back so that the download is still running when the person cancels
    await page.route('**/models/bge-small-zh-v1.5/onnx/**', () => undefined);
    await page.goto(baseURL);
    const panel = page.getByTestId('model-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('off');
    await page.getByRole('button', { name: '下载并开启' }).click();
    await page.getByRole('progressbar', { name: '模型下载进度' }).waitFor();
    await page.getByRole('button', { name: '取消下载' }).click();
    await expect.poll(() => panel.getAttribute('data-status')).toBe('off');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();
    await expect.poll(() => panel.getAttribute('data-status')).toBe('off');
  });
});
