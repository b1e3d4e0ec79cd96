import { describe, expect, inject, it } from 'vitest';
import { launch } from './browser';
import { recommendedIds } from './flows';

const baseURL = inject('baseURL');

interface Seen {
  backend: string | null;
  rows: { id: string; score: number }[];
  requests: string[];
}

/**
 * The privacy page's ranker panel (src/lib/ui/RankerStatus.svelte) names the backend the worker
 * started and lists the current top recommendations — re-ranked — with the model's probability
 * for each. With `--enable-unsafe-webgpu` Chromium has SwiftShader's WebGPU adapter and the worker
 * reports webgpu only when `setBackend('webgpu')` returned true; without the flag there is no
 * adapter, setBackend answers false and the worker falls to wasm.
 */
async function rankerPanel(extraArgs: string[]): Promise<Seen> {
  const s = await launch({ extraArgs });
  try {
    await s.page.goto(`${baseURL}/privacy`);
    const panel = s.page.getByTestId('ranker-status');
    await panel.locator('table[data-scored="true"] tr[data-product-id]').first().waitFor({ timeout: 90_000 });
    return {
      backend: await panel.getAttribute('data-backend'),
      rows: await panel
        .locator('tr[data-product-id]')
        .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-product-id') ?? '', score: Number(e.getAttribute('data-score')) }))),
      requests: [...s.requests]
    };
  } finally {
    await s.close();
  }
}

describe('the on-device ranker in Chromium', () => {
  it('ranks the same on WebGPU and on wasm, with every byte from the app itself', async () => {
    const gpu = await rankerPanel(['--enable-unsafe-webgpu']);
    const wasm = await rankerPanel([]);
    expect(gpu.backend).toBe('webgpu');
    expect(wasm.backend).toBe('wasm');

    expect(gpu.rows.length).toBe(10);
    for (const r of gpu.rows) expect(r.score).toBeGreaterThan(0);
    expect(gpu.rows.map((r) => r.id)).toEqual(wasm.rows.map((r) => r.id));
    gpu.rows.forEach((r, i) => expect(Math.abs(r.score - wasm.rows[i]!.score)).toBeLessThan(1e-4));

    // the wasm binary came from the app's origin (no CDN), like everything else
    expect(wasm.requests.some((u) => u.startsWith(baseURL) && u.endsWith('.wasm'))).toBe(true);
    for (const u of [...gpu.requests, ...wasm.requests]) expect(u.startsWith(baseURL) || u.startsWith('data:') || u.startsWith('blob:')).toBe(true);
  });

  it('adapts to thumbs in its worker, keeps the personal model across a reload, and uploads none of it', async () => {
    const s = await launch({ locale: 'en-US' });
    try {
      const { page } = s;
      await page.goto(baseURL);
      const liked = (await recommendedIds(page)).slice(0, 3);
      for (const id of liked) {
        await page.goto(`${baseURL}/product/${id}`);
        const up = page.getByRole('button', { name: /Helpful/ }).first();
        await up.click();
        await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
      }
      await page.locator('nav a[href="/privacy"]').click();
      const panel = page.getByTestId('ranker-status');
      // fine-tuning runs in the worker once the reactions pause (a 1.5 s debounce)
      await panel.getByText('It has adapted to 3 of your reactions, on this device.').waitFor({ timeout: 60_000 });
      await page.reload();
      await page.getByTestId('ranker-status').getByText('It has adapted to 3 of your reactions').waitFor({ timeout: 60_000 });
      expect(s.requests.filter((u) => !u.startsWith(baseURL))).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
