/**
 * The app at catalogue sizes (issue 14): the demo's 320 products and generated catalogues of 10,000,
 * 20,000 and 100,000 (models/catalogue/generate.ts, seed 2026), each served by the real production
 * server (scripts/serve.js over build/, CANDOR_CATALOGUE) to Debian's Chromium with a fresh profile,
 * one size after another in the same run. For each size:
 *
 *   transfer       /api/catalogue as JSON, and as sent with brotli and with gzip (bytes on the wire)
 *   coldStartMs    first visit: navigation to the first recommendation card (download + verify + store + list)
 *   warmStartMs    reloads: median and each of them (the kept catalogue; the server answers 304)
 *                  (the home list kept from the last visit is drawn first: client/first-list.ts)
 *   warmBytes      bytes of /api/catalogue on a warm reload (0: nothing downloaded again)
 *   warmAfterChangeMs  a start after a product page was viewed: the kept list no longer fits, so the
 *                  catalogue is read and the list computed first
 *   offlineStartMs a reload with the network off (service worker shell + IndexedDB)
 *   catalogueFirstCardMs  /catalogue loaded, to its first card
 *   filterMs       a kind filter, a risk filter, a sort and a search on /catalogue: input to the count shown
 *   heapMB         the page's JS heap after a garbage collection (CDP), on the home page
 *   storageMB      navigator.storage.estimate(): IndexedDB and caches
 *   engineMs       Node, per list: the engine's list of 12 and the ranker's first pass (every candidate),
 *                  indexed and as the full scan it replaced, for four people (C1, C3, C5, unassessed)
 *
 * The person is a first visitor (no assessment: R1–R2 only) in the browser; the engine figures cover
 * every level. Wall-clock figures on a shared machine: compare sizes within one run, not across runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateCatalogue } from '../../../models/catalogue/catalogue';
import type { Product } from '../../lib/domain/product';
import type { Profile } from '../../lib/domain/profile';
import { runEngine } from '../../lib/engine/recommend';
import type { BenchContext } from './context';
import { ensureBuilt, launchChromium, startBenchServer } from './browser';
import { measure } from './stats';
import demo from '../../lib/server/demo-catalogue.json';

const SIZES = [320, 10_000, 20_000, 100_000];
const QUICK_SIZES = [320, 20_000];
const FIRST_CARD = '[data-testid="recommendations"] article, [data-testid="empty-recommendations"]';
const CATALOGUE_CARD = '[data-testid="catalogue-list"] article';
const WAIT_MS = 180_000;

/** Bytes of the body as it travels (no decompression), with `accept-encoding`. */
function wireBytes(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.byteLength));
      res.on('end', () => resolve({ bytes, encoding: (res.headers['content-encoding'] as string | undefined) ?? null }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 100) / 100;
const ms = (x: number): number => Math.round(x);

/**
 * From navigation to the first frame that draws `selector`, in the page's own clock: a script put in
 * every page (firstDrawn) watches the DOM and notes the animation frame after the element appears.
 * Read afterwards, so that work the page does after drawing is not counted as waiting for it.
 */
async function timeTo(page: Page, go: () => Promise<unknown>, selector: string): Promise<number> {
  await go();
  await page.locator(selector).first().waitFor({ timeout: WAIT_MS });
  await page.waitForFunction((s) => ((window as unknown as Record<string, Record<string, number>>)['candorDrawn']?.[s] ?? -1) >= 0, selector, {
    timeout: WAIT_MS
  });
  return page.evaluate((s) => (window as unknown as Record<string, Record<string, number>>)['candorDrawn']![s]!, selector);
}

/**
 * Put in every page before its own scripts: records when each watched selector is first drawn. A string,
 * not a function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const firstDrawn = (selectors: string[]): string => `(() => {
  const selectors = ${JSON.stringify(selectors)};
  const drawn = {};
  window.candorDrawn = drawn;
  new MutationObserver(() => {
    for (const s of selectors) {
      if (drawn[s] === undefined && document.querySelector(s)) {
        drawn[s] = -1;
        requestAnimationFrame(() => (drawn[s] = performance.now()));
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/** In the page: how many events the device store holds (IndexedDB `candor`, table events). */
const EVENT_COUNT = `new Promise((resolve) => {
  const open = indexedDB.open('candor');
  open.onerror = () => resolve(0);
  open.onsuccess = () => {
    const count = open.result.transaction('events').objectStore('events').count();
    count.onsuccess = () => (open.result.close(), resolve(count.result));
    count.onerror = () => resolve(0);
  };
})`;

/** Change a control on /catalogue and time until the count it shows has changed. */
async function timeFilter(page: Page, action: string, selector: string, value: string): Promise<number> {
  return page.evaluate(
    async ({ action, selector, value }) => {
      const status = document.querySelector('[data-testid="catalogue-count"]');
      const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
      if (!status || !el) throw new Error(`no ${selector} on the page`);
      const before = status.textContent;
      const list = document.querySelector('[data-testid="catalogue-list"]');
      const firstBefore = list?.querySelector('article')?.getAttribute('data-product-id') ?? null;
      const t0 = performance.now();
      el.value = value;
      el.dispatchEvent(new Event(action, { bubbles: true }));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const first = document.querySelector('[data-testid="catalogue-list"] article')?.getAttribute('data-product-id') ?? null;
        if (status.textContent !== before || first !== firstBefore || performance.now() - t0 > 10_000) break;
      }
      return performance.now() - t0;
    },
    { action, selector, value }
  );
}

async function engineFigures(products: readonly Product[], repeats: number): Promise<Record<string, unknown>> {
  const now = new Date('2026-12-01T00:00:00Z');
  const people: [string, Profile][] = [
    ['unassessed', { riskLevel: null }],
    ['C1', { riskLevel: 1, age: 67, annualIncome: 80_000, goals: ['preservation'] }],
    ['C3', { riskLevel: 3, age: 40, annualIncome: 200_000, goals: ['income'], horizonMonths: 36 }],
    ['C5', { riskLevel: 5, age: 30, annualIncome: 500_000, goals: ['growth'] }]
  ];
  const events = [
    { type: 'view' as const, productId: products[Math.floor(products.length / 3)]!.id, ts: '2026-11-28T10:00:00Z' },
    { type: 'favorite' as const, productId: products[Math.floor(products.length / 2)]!.id, ts: '2026-11-29T10:00:00Z' }
  ];
  const out: Record<string, unknown> = {};
  for (const [name, profile] of people) {
    const input = { products, profile, events, now, k: 12 };
    const fewer = Math.max(1, Math.ceil(repeats / 3));
    out[name] = {
      candidates: runEngine({ ...input, k: products.length }, { reasons: false }).items.length,
      // the first run builds the catalogue's index, as the app's first list does
      list: await measure(() => runEngine(input), { runs: repeats, warmup: 1 }),
      firstPass: await measure(() => runEngine({ ...input, k: products.length }, { reasons: false }), { runs: fewer, warmup: 0 }),
      // the full scan of every product, as before the indexes (its first pass is O(n²): minutes at 100,000)
      fullScanList: await measure(() => runEngine(input, { exhaustive: true }), { runs: fewer, warmup: 0 })
    };
  }
  return out;
}

async function measureSize(count: number, quick: boolean): Promise<Record<string, unknown>> {
  const products = count === 320 ? (demo.products as Product[]) : generateCatalogue({ seed: 2026, count }).products;
  const dir = mkdtempSync(join(tmpdir(), `candor-bench-scale-${count}-`));
  const file = join(dir, 'catalogue.json');
  writeFileSync(file, JSON.stringify({ version: 1, products }));
  // the demo catalogue is the committed one, with its CF factors; a generated one is served as a bank's file
  const server = await startBenchServer(count === 320 ? {} : { CANDOR_CATALOGUE: file }).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const base = server.url;
  try {
    const catalogueUrl = `${base}/api/catalogue`;
    const plain = await wireBytes(catalogueUrl, 'identity');
    const br = await wireBytes(catalogueUrl, 'br');
    const gzip = await wireBytes(catalogueUrl, 'gzip');
    const transfer = {
      jsonMB: mb(plain.bytes),
      brotliMB: mb(br.bytes),
      gzipMB: mb(gzip.bytes),
      brotliEncoding: br.encoding,
      gzipEncoding: gzip.encoding,
      ratio: Math.round((plain.bytes / br.bytes) * 10) / 10
    };

    const browser = await launchChromium(['--enable-precise-memory-info']);
    try {
      const { context, page } = browser;
      await context.addInitScript(firstDrawn([FIRST_CARD, CATALOGUE_CARD]));
      let catalogueBytes = 0;
      page.on('requestfinished', (req) => {
        if (new URL(req.url()).pathname !== '/api/catalogue') return;
        void req.sizes().then(
          (s) => (catalogueBytes += s.responseBodySize),
          () => undefined
        );
      });
      const coldStartMs = await timeTo(page, () => page.goto(base), FIRST_CARD);
      await page.waitForLoadState('networkidle', { timeout: WAIT_MS });
      const coldBytes = catalogueBytes;
      // the service worker must hold the shell before an offline start can be measured
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS }).catch(() => page.reload());
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS });
      await page.waitForLoadState('networkidle', { timeout: WAIT_MS });
      const warm: number[] = [];
      catalogueBytes = 0;
      for (let i = 0; i < (quick ? 2 : 4); i++) {
        warm.push(await timeTo(page, () => page.reload(), FIRST_CARD));
        await page.waitForLoadState('networkidle', { timeout: WAIT_MS });
      }
      const warmBytes = catalogueBytes;
      // a start after something changed (a product viewed since the list was kept): the catalogue is read and
      // the list computed before the first card, as on every start before the kept list
      const changed: number[] = [];
      for (let i = 0; i < (quick ? 1 : 2); i++) {
        await page.goto(`${base}/product/${encodeURIComponent(products[(i + 1) * 7]!.id)}`);
        await page.waitForFunction(`${EVENT_COUNT}.then((c) => c >= ${i + 1})`, null, { timeout: WAIT_MS, polling: 100 });
        changed.push(await timeTo(page, () => page.goto(base), FIRST_CARD));
        await page.waitForLoadState('networkidle', { timeout: WAIT_MS });
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const storage = await page.evaluate(async () => {
        const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
        return { usage: e.usage ?? 0, details: e.usageDetails ?? {} };
      });
      const catalogueFirstCardMs = await timeTo(page, () => page.goto(`${base}/catalogue`), CATALOGUE_CARD);
      await page.waitForLoadState('networkidle', { timeout: WAIT_MS });
      const filterMs = {
        kindFund: ms(await timeFilter(page, 'change', '#f-kind', 'fund')),
        riskUpTo2: ms(await timeFilter(page, 'change', '#f-risk', '2')),
        sortByReturn: ms(await timeFilter(page, 'change', '#f-sort', 'return')),
        search: ms(await timeFilter(page, 'input', '#f-text', '债券'))
      };
      await context.setOffline(true);
      const offline: number[] = [];
      for (let i = 0; i < (quick ? 1 : 2); i++) offline.push(await timeTo(page, () => page.goto(base), FIRST_CARD));
      await context.setOffline(false);
      return {
        products: products.length,
        transfer,
        coldStartMs: ms(coldStartMs),
        coldCatalogueBytesOnWire: coldBytes,
        warmStartMs: { median: ms(median(warm)), runs: warm.map(ms) },
        warmCatalogueBytesOnWire: warmBytes,
        warmAfterChangeMs: { median: ms(median(changed)), runs: changed.map(ms) },
        offlineStartMs: { median: ms(median(offline)), runs: offline.map(ms) },
        catalogueFirstCardMs: ms(catalogueFirstCardMs),
        filterMs,
        heapMB: mb(heap.usedSize),
        storageMB: { total: mb(storage.usage), ...Object.fromEntries(Object.entries(storage.details).map(([k, v]) => [k, mb(v)])) },
        engineMs: await engineFigures(products, quick ? 3 : 7)
      };
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  ensureBuilt();
  const only = process.env.CANDOR_BENCH_SCALE_SIZES?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const sizes = only && only.length > 0 ? only : ctx.quick ? QUICK_SIZES : SIZES;
  const out: Record<string, unknown> = {};
  for (const count of sizes) {
    try {
      out[String(count)] = await measureSize(count, ctx.quick);
    } catch (e) {
      // a size that cannot be measured (a crash, a timeout) says so; the others still run
      out[String(count)] = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
    process.stderr.write(`scale ${count}: ${JSON.stringify(out[String(count)])}\n`);
  }
  return out;
}
