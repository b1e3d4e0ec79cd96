// Bundled by src/cli/bench/browser.ts and run in Chromium (with --enable-unsafe-webgpu: SwiftShader's
// WebGPU): the committed bge-small-zh-v1.5 through transformers.js as the app's worker loads it, from
// the bench's own origin (the model folder and ORT's wasm are copied next to the bundle), with the
// session options src/lib/llm/transformers-runtime.ts gives it.
import { env, pipeline } from '@huggingface/transformers';
import { measure } from './stats';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/';
const wasm = env.backends.onnx.wasm;
if (wasm) wasm.wasmPaths = { mjs: '/ort-wasm-simd-threaded.asyncify.mjs', wasm: '/ort-wasm-simd-threaded.asyncify.wasm' };

const INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';
const QUERIES = ['想给爸妈买份保障', 'cash that still earns something', '一年期低风险理财', 'travel card with no annual fee'];

async function load(device: 'wasm' | 'webgpu') {
  const t0 = performance.now();
  const extractor = await pipeline('feature-extraction', 'bge-small-zh-v1.5', { dtype: 'q8', device, session_options: { graphOptimizationLevel: 'all' } });
  return { extractor, ms: performance.now() - t0 };
}

const heap = (): number | null => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

(globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench = async () => {
  const heapBefore = heap();
  // cold: fetched from the server (then kept in the Cache API by transformers.js); cached: loaded again from there
  const cold = await load('wasm');
  await cold.extractor.dispose();
  const cached = await load('wasm');
  const vectors: Record<string, number[]> = {};
  const out: Record<string, unknown> = { loadColdMs: Math.round(cold.ms), loadCachedMs: Math.round(cached.ms) };
  for (const device of ['wasm', 'webgpu'] as const) {
    const ex = device === 'wasm' ? cached.extractor : (await load('webgpu').catch(() => null))?.extractor;
    if (!ex) {
      out[device] = { error: 'no WebGPU adapter' };
      continue;
    }
    let i = 0;
    const timing = await measure(() => ex(INSTRUCTION + QUERIES[i++ % QUERIES.length]!, { pooling: 'cls', normalize: true }), { runs: 40, warmup: 2 });
    const v = await ex(QUERIES.map((q) => INSTRUCTION + q), { pooling: 'cls', normalize: true });
    vectors[device] = Array.from(v.data as Float32Array);
    out[device] = { queryEmbedding: timing };
    await ex.dispose();
  }
  const [a, b] = [vectors['wasm'], vectors['webgpu']];
  out['maxAbsDiffWasmWebgpu'] = a && b ? a.reduce((m, x, k) => Math.max(m, Math.abs(x - b[k]!)), 0) : null;
  // the number search uses: how far apart the two devices' vectors of one text point
  if (a && b) {
    const dims = a.length / QUERIES.length;
    let worst = 1;
    for (let q = 0; q < QUERIES.length; q++) {
      let dot = 0;
      for (let k = 0; k < dims; k++) dot += a[q * dims + k]! * b[q * dims + k]!;
      worst = Math.min(worst, dot);
    }
    out['minCosineWasmWebgpu'] = worst;
  }
  out['jsHeapBytes'] = heapBefore === null ? null : (heap() ?? 0) - heapBefore;
  return out;
};
