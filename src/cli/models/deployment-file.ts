import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeploymentIndexSchema, EMPTY_INDEX, INDEX_PATH, type DeploymentIndex } from '../../lib/llm/deployment';
import type { RegistryEntry } from '../../lib/llm/registry';
import { readJsonFile, validateOrFail } from '../io';

export function readIndex(modelsDir: string): DeploymentIndex {
  const file = join(modelsDir, INDEX_PATH);
  if (!existsSync(file)) return EMPTY_INDEX;
  return validateOrFail(DeploymentIndexSchema, readJsonFile(file, 'deployment index'), `deployment index ${file}`);
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
