/**
 * The committed embedding model in Node, through the same code the browser worker runs
 * (src/lib/llm/transformers-runtime.ts: transformers.js, the registry's pooling, the model's query
 * prefix), on onnxruntime-node's cpu. Used by `recommend --semantic`, `vectors`, `eval:search`, the
 * bench and the tests. Nothing is fetched: remote models are off and the files are models/bundled/.
 */
import { env } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { bundledIndex, type InstalledModel } from '../lib/llm/deployment';
import { RegistrySchema, type Registry } from '../lib/llm/registry';
import { prefixed } from '../lib/llm/semantic';
import { transformersRuntime } from '../lib/llm/transformers-runtime';
import type { VectorModelRef } from '../lib/llm/vectors';
import { repoPath } from './io';

export const BUNDLED_EMBED_ID = 'bge-small-zh-v1.5';
const BATCH = 32;

export function readRegistry(): Registry {
  return RegistrySchema.parse(JSON.parse(readFileSync(repoPath('models', 'registry.json'), 'utf8')));
}

export interface NodeEmbedder {
  model: InstalledModel;
  ref: VectorModelRef;
  /** L2-normalised vectors, row after row; queries get the model's query prefix */
  embed(kind: 'query' | 'passage', texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** The model's weights file (the one its dtype loads) and its pinned sha256: what vectors are bound to. */
export function vectorModelRef(model: InstalledModel): VectorModelRef {
  const weights = model.files.find((f) => f.path.endsWith('.onnx'));
  if (!weights || model.dims === undefined) throw new Error(`${model.id}: no weights file or no dims in the registry`);
  return { id: model.id, dims: model.dims, weightsSha256: weights.sha256, pooling: model.pooling ?? 'mean' };
}

export function bundledModel(id = BUNDLED_EMBED_ID): InstalledModel {
  const model = bundledIndex(readRegistry()).models.find((m) => m.id === id);
  if (!model) throw new Error(`${id} is not a bundled model in models/registry.json`);
  return model;
}

export async function loadBundledEmbedder(id = BUNDLED_EMBED_ID): Promise<NodeEmbedder> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${repoPath('models', 'bundled')}/`;
  const model = bundledModel(id);
  const embedder = await transformersRuntime(async () => 'cpu').loadEmbedder(model, 'cpu', () => {});
  return {
    model,
    ref: vectorModelRef(model),
    async embed(kind, texts, onProgress) {
      const all = prefixed(texts, kind, model.prefixes);
      const dims = model.dims ?? 0;
      const out = new Float32Array(all.length * dims);
      for (let i = 0; i < all.length; i += BATCH) {
        const got = await embedder.embed(all.slice(i, i + BATCH));
        if (got.dims !== dims) throw new Error(`${model.id} returned ${got.dims} dimensions, the registry says ${dims}`);
        out.set(got.data, i * dims);
        onProgress?.(Math.min(all.length, i + BATCH), all.length);
      }
      return out;
    },
    dispose: () => embedder.dispose()
  };
}
