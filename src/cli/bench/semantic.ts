/**
 * Semantic search with the committed bge-small-zh-v1.5 (issue 15): model load (cold: the first in
 * the process or browser profile; cached: again), query embedding p50/p95 — Node (onnxruntime-node,
 * cpu) and Chromium (onnxruntime-web: wasm, and webgpu on SwiftShader here) — the largest difference
 * between the WASM and WebGPU vectors (per query), catalogue embedding (the release step's, `npm run vectors`)
 * for the 320-product demo catalogue and a 20,000-product generated one, and memory (Node RSS).(Node RSS).
 *
 * On a 2-core machine 20,000 products take about half an hour, so by default the first 2,000 of them
 * are embedded and the whole is extrapolated (said so in the result); `CANDOR_BENCH_FULL=1` embeds
 * all 20,000. --quick: 320 and 200.
 */
import { fileURLToPath } from 'node:url';
import { generateCatalogue } from '../../../models/catalogue/catalogue';
import type { BenchContext } from './context';
import { loadBundledEmbedder } from '../embedder';
import { loadCatalogueAndFactors } from '../pipeline-setup';
import { productText } from '../../lib/llm/semantic';
import { inBrowser } from './browser';
import { measure } from './stats';

const MODEL_DIR = fileURLToPath(new URL('../../../models/bundled/bge-small-zh-v1.5', import.meta.url));
const ORT = fileURLToPath(new URL('../../../node_modules/onnxruntime-web/dist/', import.meta.url));
const QUERIES = ['想给爸妈买份保障', 'cash that still earns something', '一年期低风险理财', 'travel card with no annual fee'];
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

async function catalogueSeconds(texts: string[]): Promise<number> {
  const embedder = await loadBundledEmbedder();
  const t0 = performance.now();
  await embedder.embed('passage', texts);
  const s = (performance.now() - t0) / 1000;
  await embedder.dispose();
  return Math.round(s * 10) / 10;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const rssBefore = process.memoryUsage().rss;
  let t0 = performance.now();
  const cold = await loadBundledEmbedder();
  const loadColdMs = Math.round(performance.now() - t0);
  const rssLoaded = process.memoryUsage().rss;
  let i = 0;
  const query = await measure(() => cold.embed('query', [QUERIES[i++ % QUERIES.length]!]), { runs: ctx.quick ? 8 : 40 });
  await cold.dispose();
  t0 = performance.now();
  const again = await loadBundledEmbedder();
  const loadCachedMs = Math.round(performance.now() - t0);
  await again.dispose();

  const demo = loadCatalogueAndFactors().products.map(productText);
  const demoSeconds = await catalogueSeconds(demo);
  const full = process.env['CANDOR_BENCH_FULL'] === '1';
  const big = generateCatalogue({ count: 20_000, seed: 2026 }).products.map(productText);
  const sample = full ? big.length : ctx.quick ? 200 : 2_000;
  const sampleSeconds = await catalogueSeconds(big.slice(0, sample));
  const rssPeak = process.memoryUsage().rss;

  const chromium = await inBrowser<Record<string, unknown>>(fileURLToPath(new URL('./semantic-browser-entry.ts', import.meta.url)), {
    webgpu: true,
    assets: [MODEL_DIR, `${ORT}ort-wasm-simd-threaded.asyncify.mjs`, `${ORT}ort-wasm-simd-threaded.asyncify.wasm`],
    timeoutMs: 600_000
  });
  return {
    model: 'bge-small-zh-v1.5 (int8, 24.0 MB)',
    node: { loadColdMs, loadCachedMs, queryEmbedding: query, rssModelMB: mb(rssLoaded - rssBefore), rssPeakMB: mb(rssPeak) },
    catalogueEmbedding: {
      products320Seconds: demoSeconds,
      products20000Seconds: full ? sampleSeconds : Math.round((sampleSeconds * big.length) / sample),
      products20000: full ? 'measured' : `extrapolated from the first ${sample} (${sampleSeconds} s)`
    },
    chromium
  };
}
