import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEnvelope } from './catalogue';

/** A factors directory as `npm run train` writes it: factors.json and the blob named by its sha256. */
export interface FactorsDir {
  /** factors.json as read: a signed `factors` envelope, or the plain manifest */
  source: unknown;
  /** the manifest (the envelope's signed.manifest, or the file itself) */
  manifest: unknown;
  sha256: string;
  blob: Uint8Array;
}

/** sha256 of bytes as lowercase hex, for deserializeFactors / acceptFactors in Node. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Read DIR/NAME.json and DIR/NAME-<sha256>.bin (NAME: factors, or vectors). Only the files are
 * checked here (present, JSON, a sha256 named); whether the blob matches and fits a catalogue is
 * deserializeFactors'/acceptFactors' (acceptVectors') business. Errors name the file.
 */
export function readArtifactDir(dir: string, name: 'factors' | 'vectors'): FactorsDir {
  const manifestPath = join(dir, `${name}.json`);
  if (!existsSync(manifestPath)) throw new Error(`${name} ${dir}: ${name}.json not found`);
  let source: unknown;
  try {
    source = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    throw new Error(`${name} ${manifestPath}: not JSON`);
  }
  const manifest = isEnvelope(source) ? source.signed['manifest'] : source;
  const sha256 = typeof manifest === 'object' && manifest !== null ? (manifest as { sha256?: unknown }).sha256 : undefined;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`${name} ${manifestPath}: sha256 missing or not 64 hex digits`);
  const blobPath = join(dir, `${name}-${sha256}.bin`);
  let blob: Uint8Array;
  try {
    blob = new Uint8Array(readFileSync(blobPath));
  } catch {
    throw new Error(`${name} ${blobPath}: file not found`);
  }
  return { source, manifest, sha256, blob };
}

/** DIR/factors.json and DIR/factors-<sha256>.bin, as `npm run train` writes them. */
export function readFactorsDir(dir: string): FactorsDir {
  return readArtifactDir(dir, 'factors');
}
