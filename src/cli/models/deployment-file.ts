import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledIndex, DeploymentIndexSchema, INDEX_PATH, type DeploymentIndex } from '../../lib/llm/deployment';
import type { Registry, RegistryEntry } from '../../lib/llm/registry';
import { readJsonFile, validateOrFail } from '../io';

/**
 * DIR/index.json, or — before any model was fetched — the index of the models committed to the
 * repository, so that a written index still offers them (the app's own /models/index.json route
 * answers that when there is no file). Bundled models an older file lacks are added, not offered.
 */
export function readIndex(modelsDir: string, registry: Registry): DeploymentIndex {
  const file = join(modelsDir, INDEX_PATH);
  const bundled = bundledIndex(registry);
  if (!existsSync(file)) return bundled;
  const index = validateOrFail(DeploymentIndexSchema, readJsonFile(file, 'deployment index'), `deployment index ${file}`);
  const missing = bundled.models.filter((m) => !index.models.some((x) => x.id === m.id));
  return DeploymentIndexSchema.parse({ ...index, models: [...missing, ...index.models] });
}

export function writeIndex(modelsDir: string, index: DeploymentIndex): void {
  writeFileSync(join(modelsDir, INDEX_PATH), `${JSON.stringify(index, null, 2)}\n`);
}

/** The files of `entry` as they are on disk, or null when one is missing or differs from the registry. */
export function installedFiles(modelsDir: string, entry: RegistryEntry): { path: string; bytes: number; sha256: string }[] | null {
  const out = [];
  for (const f of entry.files) {
    const file = join(modelsDir, entry.id, f.path);
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if ((f.bytesExact && bytes.length !== f.bytes) || (f.sha256 !== null && f.sha256 !== sha256)) return null;
    out.push({ path: f.path, bytes: bytes.length, sha256 });
  }
  return out;
}
