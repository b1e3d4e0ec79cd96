/// <reference lib="webworker" />
/**
 * The ranker's web worker: tfjs off the main thread. Thin on purpose — the logic is in
 * src/lib/ranker/service.ts; this file wires the backends, the wasm files and the messages.
 *
 * The shipped model is imported into the worker's bundle rather than fetched: it is a few kB,
 * works offline with no cache rule of its own, and cannot be out of step with the feature code it
 * was built with. The wasm binaries are the app's own files (Vite `?url`), never a CDN.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import artifact from '$models/ranker/ranker.json';
import { RankRequestSchema, type RankResponse } from '../src/lib/ranker/protocol';
import { RankerService } from '../src/lib/ranker/service';

// Backends register themselves when imported. The WebGPU one is most of this worker's code, so it is
// loaded only where the browser has an adapter; the wasm one is small (its binary is fetched on use).
const backendsLoaded = (async (): Promise<void> => {
  const gpu = (navigator as WorkerNavigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (adapter) await import('@tensorflow/tfjs-backend-webgpu');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
})();

let service: RankerService | null = null;
let failure: string | null = null;
try {
  service = new RankerService(tf, artifact);
} catch (e) {
  failure = `the shipped ranker model is unusable: ${e instanceof Error ? e.message : String(e)}`;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(r: RankResponse): void {
  scope.postMessage(r, r.type === 'scores' ? [r.scores.buffer] : []);
}

// one message at a time, in order: fine-tuning swaps the scorer that scoring uses
let queue: Promise<void> = backendsLoaded.catch(() => undefined);
scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = RankRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    const id = typeof event.data === 'object' && event.data !== null && 'id' in event.data && typeof event.data.id === 'number' ? event.data.id : -1;
    reply({ id, type: 'error', message: `bad request: ${parsed.error.message}` });
    return;
  }
  const req = parsed.data;
  queue = queue.then(async () => reply(service ? await service.handle(req) : { id: req.id, type: 'error', message: failure ?? 'not started' }));
});
