import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledIndex, EMPTY_INDEX, type DeploymentIndex } from '../llm/deployment';
import { RegistrySchema, type Registry, type RegistryEntry } from '../llm/registry';
import type { VectorModelRef } from '../llm/vectors';

/**
 * The models committed to the repository (models/bundled/ID, registry source `bundled`), served by
 * the app itself under /models/ID/… Every file is checked against the size and sha256 the registry
 * pins, once per process, before it is offered or served: a damaged or missing file means the model
 * is not offered (the app then works without it), never that wrong bytes reach a device.
 */

export interface BundledFile {
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

interface Bundled {
  index: DeploymentIndex;
  files: Map<string, BundledFile>;
  refused: string[];
}

let cache: Bundled | null = null;

function load(root: string): Bundled {
  let registry: Registry;
  try {
    registry = RegistrySchema.parse(JSON.parse(readFileSync(join(root, 'models', 'registry.json'), 'utf8')));
  } catch (e) {
    return { index: EMPTY_INDEX, files: new Map(), refused: [`models/registry.json: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const files = new Map<string, BundledFile>();
  const refused: string[] = [];
  const good: RegistryEntry[] = [];
  for (const entry of registry.models) {
    if (entry.source.kind !== 'bundled') continue;
    const dir = entry.source.dir;
    const checked = new Map<string, BundledFile>();
    for (const f of entry.files) {
      try {
        const bytes = readFileSync(join(root, dir, f.path));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (bytes.length !== f.bytes || sha256 !== f.sha256)
          throw new Error(`${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…, not the registry's ${f.bytes} and ${f.sha256?.slice(0, 12)}…`);
        checked.set(`${entry.id}/${f.path}`, { bytes, sha256 });
      } catch (e) {
        refused.push(`${dir}/${f.path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (checked.size !== entry.files.length) continue;
    for (const [k, v] of checked) files.set(k, v);
    good.push(entry);
  }
  for (const r of refused) console.warn(`bundled model not offered: ${r}`);
  return { index: bundledIndex({ models: good }), files, refused };
}

/** The checked bundled models; `root` is the repository (the server's working directory). */
export function bundledModels(root = resolve('.')): Bundled {
  cache ??= load(root);
  return cache;
}

/** One bundled model file by its URL path under /models/ ("bge-small-zh-v1.5/onnx/model_quantized.onnx"), or null. */
export function bundledFile(path: string, root?: string): BundledFile | null {
  return bundledModels(root).files.get(path) ?? null;
}

/** The bundled model a vectors manifest names (by its `model`), as vectors are checked against it; null if none. */
export function vectorModelOf(manifest: unknown, root?: string): VectorModelRef | null {
  const id = typeof manifest === 'object' && manifest !== null ? (manifest as { model?: unknown }).model : undefined;
  const model = bundledModels(root).index.models.find((m) => m.id === id);
  const weights = model?.files.find((f) => f.path.endsWith('.onnx'));
  if (!model || !weights || model.dims === undefined) return null;
  return { id: model.id, dims: model.dims, weightsSha256: weights.sha256, pooling: model.pooling ?? 'mean' };
}
