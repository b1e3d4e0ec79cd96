/** The part of `navigator.gpu` device choice needs (absent in browsers without WebGPU). */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** WebGPU when the browser hands out an adapter, WASM otherwise (also when asking fails). */
export async function detectWebDevice(gpu: GpuLike | undefined): Promise<'webgpu' | 'wasm'> {
  if (!gpu) return 'wasm';
  try {
    return (await gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}
