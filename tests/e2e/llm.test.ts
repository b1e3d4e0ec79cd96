import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseIntent } from '../../src/lib/intent';
import { launch, type Session } from './browser';
import { recommendedIds } from './flows';

/**
 * Ask with and without the on-device model. The deployment offers the generated tiny embedding
 * model (global setup makes it, the build serves it under /models/); nothing is downloaded until
 * the person opts in, and nothing at all is fetched from anywhere but the app's origin.
 */

const baseURL = inject('baseURL');
const QUERY = '我想要一年期的低风险理财';
/**
 * "高利息" scrambled: no word the built-in parser or the lexical matcher knows, no bigram any product
 * contains — yet its characters are in product texts, so only embeddings can find a match.
 */
const SCRAMBLED = '息利高';
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

function expectSameOrigin(requests: readonly string[]): void {
  const origin = new URL(baseURL).origin;
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
  return page.getByTestId('recommendations').locator(':scope > li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-semantic') ?? 'NaN')));
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

  it('opts into the tiny model with the keyboard, shows progress, then ranks by meaning', async () => {
    session = await launch();
    const { page, requests } = session;
    await page.goto(baseURL);
    await page.getByTestId('recommendations').waitFor();
    const panel = page.getByTestId('model-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('off');
    await ask(page, SCRAMBLED);
    expect(await page.getByTestId('ask-understood').textContent()).toContain('没能读懂这个请求'); // the built-in parser reads nothing in it and says so; the model still ranks by meaning
    const withoutModel = (await settledList(page)).ids;

    await page.getByRole('button', { name: '下载并开启' }).focus();
    await page.keyboard.press('Enter');
    const bar = page.getByRole('progressbar', { name: '模型下载进度' });
    await bar.waitFor();
    expect(Number(await bar.getAttribute('max'))).toBeGreaterThan(200_000);

    const ready = page.getByTestId('model-ready');
    await ready.waitFor({ timeout: 60_000 });
    expect(await ready.getAttribute('data-device')).toBe('wasm');
    expect(await bar.count()).toBe(0);

    await ask(page, SCRAMBLED);
    // the same request again: wait for the list that carries similarities
    await page.getByTestId('recommendations').locator(':scope > li[data-semantic]').first().waitFor();
    const { ids: withModel, scores } = await settledList(page);
    expect(scores).toHaveLength(withModel.length);
    expect(scores.every(Number.isFinite)).toBe(true);
    // products similar enough in meaning (the engine's floor is 0.3) now lead the list, the closest
    // among them, and similarity brought up one the request alone did not
    const leading = scores.findIndex((x) => x < 0.3);
    expect(leading).toBeGreaterThan(0);
    expect(scores.slice(leading).every((x) => x < 0.3)).toBe(true);
    expect(scores.indexOf(Math.max(...scores))).toBeLessThan(leading);
    expect(withModel.slice(0, leading).some((id) => !withoutModel.includes(id))).toBe(true);
    await page.getByText(/语义匹配 0\.\d\d/).first().waitFor();

    // the choice is remembered: after a reload the model loads again without asking
    await page.reload();
    await page.getByTestId('model-ready').waitFor({ timeout: 60_000 });

    // the model and onnxruntime's wasm came from this origin, and nothing else went anywhere
    const paths = requests.map((u) => new URL(u).pathname);
    expect(paths).toContain('/models/candor-tiny-embed/onnx/model.onnx');
    expect(paths.some((p) => /ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/.test(p))).toBe(true);
    expectSameOrigin(requests);
  });

  it('runs on WebGPU where the browser has an adapter, with the similarities WASM gives', async () => {
    const similarities = async (extraArgs: string[]): Promise<{ device: string | null; byId: Map<string, number> }> => {
      session = await launch({ extraArgs });
      const { page, requests } = session;
      await page.goto(baseURL);
      await page.getByRole('button', { name: '下载并开启' }).click();
      const ready = page.getByTestId('model-ready');
      await ready.waitFor({ timeout: 60_000 });
      const device = await ready.getAttribute('data-device');
      await ask(page, SCRAMBLED);
      await page.getByTestId('recommendations').locator(':scope > li[data-semantic]').first().waitFor();
      const { ids, scores } = await settledList(page);
      expectSameOrigin(requests);
      await session.close();
      session = null;
      return { device, byId: new Map(ids.map((id, i) => [id, scores[i]!])) };
    };
    // SwiftShader's WebGPU adapter on a GPU-less machine (Chromium's --enable-unsafe-webgpu)
    const gpu = await similarities(['--enable-unsafe-webgpu']);
    const cpu = await similarities([]);
    expect([gpu.device, cpu.device]).toEqual(['webgpu', 'wasm']);
    const shared = [...gpu.byId.keys()].filter((id) => cpu.byId.has(id));
    expect(shared.length).toBeGreaterThan(3);
    for (const id of shared) expect(gpu.byId.get(id), id).toBeCloseTo(cpu.byId.get(id)!, 3);
  });

  it('can cancel a download, which also forgets the opt-in', async () => {
    session = await launch();
    const { page } = session;
    // hold the weights back so that the download is still running when the person cancels
    await page.route('**/models/candor-tiny-embed/onnx/**', () => undefined);
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
