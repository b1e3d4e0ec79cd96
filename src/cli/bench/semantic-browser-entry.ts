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
/** for the devices' agreement, one query at a time as the app embeds them */
const AGREEMENT = [
  ...QUERIES,
  '闲钱放一阵子，到期连本带息拿回来',
  '国家发行的，最稳妥的那种',
  'money every month once I stop working',
  'exposure to American tech giants',
  '出国刷卡不想被扣手续费',
  'help paying hospital bills'
];

async function load(device: 'wasm' | 'webgpu') {
  const t0 = performance.now();
  const extractor = await pipeline('feature-extraction', 'bge-small-zh-v1.5', { dtype: 'q8', device, session_options: { graphOptimizationLevel: 'all' } });
  return { extractor, ms: performance.now() - t0 };
}

(globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench = async () => {
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
    const rows: number[] = [];
    for (const q of AGREEMENT) rows.push(...((await ex(INSTRUCTION + q, { pooling: 'cls', normalize: true })).data as Float32Array));
    vectors[device] = rows;
    out[device] = { queryEmbedding: timing };
    await ex.dispose();
  }
  const [a, b] = [vectors['wasm'], vectors['webgpu']];
  // per query: the largest difference of one number, and how far apart the two vectors point (what search uses)
  if (a && b) {
    const dims = a.length / AGREEMENT.length;
    out['wasmVsWebgpu'] = AGREEMENT.map((q, i) => {
      let diff = 0;
      let dot = 0;
      for (let k = 0; k < dims; k++) {
        diff = Math.max(diff, Math.abs(a[i * dims + k]! - b[i * dims + k]!));
        dot += a[i * dims + k]! * b[i * dims + k]!;
      }
      return { query: q, maxAbsDiff: Number(diff.toExponential(2)), oneMinusCosine: Number((1 - dot).toExponential(2)) };
    });
  }
  return out;
};
