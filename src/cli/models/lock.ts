import { existsSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Sha256 } from '../../lib/llm/registry';
import { readJsonFile, validateOrFail } from '../io';

/**
 * models/registry.lock.json: the exact size and sha256 of every file `models fetch` has accepted
 * for a registry entry with no published checksum (trust on first fetch). Commit it: a later fetch
 * that gets other bytes is refused, as is one that disagrees with the registry.
 */
export const LockSchema = z
  .object({
    version: z.literal(1),
    /** key: "<model id>/<file path>" */
    files: z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), sha256: Sha256, source: z.string() }).strict())
  })
  .strict();
export type Lock = z.infer<typeof LockSchema>;

export const lockKey = (id: string, path: string): string => `${id}/${path}`;

export function readLock(path: string): Lock {
  if (!existsSync(path)) return { version: 1, files: {} };
  return validateOrFail(LockSchema, readJsonFile(path, 'lock file'), `lock file ${path}`);
}

export function writeLock(path: string, lock: Lock): void {
  const sorted = Object.fromEntries(Object.entries(lock.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(path, `${JSON.stringify({ version: 1, files: sorted }, null, 2)}\n`);
}
