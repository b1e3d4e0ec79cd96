/**
 * Pick the tfjs backend in the order webgpu → wasm → cpu, trusting only what `setBackend` returns:
 * without a WebGPU adapter tfjs answers false and would otherwise carry on with whichever other
 * backend it can start (webgl, where registered), as tried on a GPU-less machine with Chromium's
 * SwiftShader adapter (docs/architecture.md, "The on-device ranker").
 */
import type { Tf } from './model';

export const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface BackendChoice {
  backend: Backend;
  /** backends tried before it, and why each was passed over */
  skipped: { backend: Backend; reason: string }[];
}

export async function chooseBackend(tf: Tf, order: readonly Backend[] = BACKENDS): Promise<BackendChoice> {
  const skipped: BackendChoice['skipped'] = [];
  for (const backend of order) {
    try {
      const ok = await tf.setBackend(backend);
      if (ok && tf.getBackend() === backend) return { backend, skipped };
      skipped.push({ backend, reason: ok ? `tfjs is on ${tf.getBackend()} instead` : 'setBackend returned false' });
    } catch (e) {
      skipped.push({ backend, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no tfjs backend started: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
