/**
 * The on-device ranker (issue 6): latency of scoring 1,000 candidates with the shipped model, per
 * backend — Node (cpu, wasm) and Chromium (webgpu on SwiftShader here, wasm, cpu). Each timing is one
 * `score` call: rows uploaded, two matrix products, sigmoid, scores read back.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BenchContext } from './context';
import { inBrowser } from './browser';
import { CANDIDATE_COUNT, rankerCases, type BackendResult } from './ranker-workload';
import { measure } from './stats';

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  tf.enableProdMode();
  setWasmPaths(WASM_DIR);
  const node = await rankerCases(tf, ['cpu', 'wasm'], measure, ctx.quick);
  const chromium = await inBrowser<Record<string, BackendResult>>(fileURLToPath(new URL('./ranker-browser-entry.ts', import.meta.url)), {
    webgpu: true,
    assets: WASM_FILES.map((f) => WASM_DIR + f)
  });
  return { candidates: CANDIDATE_COUNT, node, chromium };
}
