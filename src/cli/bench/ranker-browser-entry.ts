// Bundled by src/cli/bench/browser.ts and run in Chromium (with --enable-unsafe-webgpu): the ranker
// workload on webgpu, wasm and cpu. The wasm files are copied next to the bundle (served at /).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { rankerCases } from './ranker-workload';
import { measure } from './stats';

setWasmPaths('/');
const quick = new URL(location.href).searchParams.has('quick');
(globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench = () => rankerCases(tf, ['webgpu', 'wasm', 'cpu'], measure, quick);
