/// <reference lib="webworker" />
/**
 * The on-device language-model worker: transformers.js on WebGPU or WASM, with every byte (model
 * files and onnxruntime's wasm) from the app's own origin. Logic lives in src/lib/llm/handler.ts.
 */
import { env } from '@huggingface/transformers';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { detectWebDevice, type GpuLike } from '../src/lib/llm/device';
import { createHandler } from '../src/lib/llm/handler';
import type { LlmReply } from '../src/lib/llm/protocol';
import { transformersRuntime } from '../src/lib/llm/transformers-runtime';

// never the Hugging Face hub, never a CDN: transformers.js would otherwise fetch ORT's wasm from jsDelivr
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/models/';
// one copy on the device: the service worker keeps /models/ files for offline use (and an erase clears it)
env.useBrowserCache = false;
const wasm = env.backends.onnx.wasm;
if (!wasm) throw new Error('onnxruntime-web has no wasm backend');
// the asyncify build is the one transformers.js 4.3 selects (it carries the WebGPU provider too)
wasm.wasmPaths = { mjs: ortMjs, wasm: ortWasm };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const gpu = (navigator as WorkerNavigator & { gpu?: GpuLike }).gpu;
const handle = createHandler(
  transformersRuntime(() => detectWebDevice(gpu)),
  (reply: LlmReply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer)
);
scope.addEventListener('message', (event: MessageEvent<unknown>) => void handle(event.data));
