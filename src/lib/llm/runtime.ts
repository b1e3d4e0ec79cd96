import type { ChatMessage } from './chat';
import type { InstalledModel } from './deployment';
import type { FileEvent } from './progress';
import type { Device } from './protocol';

/**
 * What the worker needs from a model library. The real one is transformers-runtime.ts; the
 * handler's tests use it too (with the tiny model), so this is a seam, not a mock point.
 */
export interface Embedder {
  /** one L2-normalised vector per text, row after row */
  embed(texts: readonly string[]): Promise<{ data: Float32Array; dims: number }>;
  dispose(): Promise<void>;
}

export interface Generator {
  /** greedy decoding of the assistant's reply; stops early when `signal` aborts */
  generate(messages: readonly ChatMessage[], maxNewTokens: number, signal: AbortSignal): Promise<string>;
  dispose(): Promise<void>;
}

export type OnFile = (event: Omit<FileEvent, 'modelId'>) => void;

export interface Runtime {
  /** the fastest device this context has */
  detectDevice(): Promise<Device>;
  loadEmbedder(model: InstalledModel, device: Device, onFile: OnFile): Promise<Embedder>;
  loadGenerator(model: InstalledModel, device: Device, onFile: OnFile): Promise<Generator>;
}
