import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RegistryFile } from '../../lib/llm/registry';
import { CliError } from '../io';

export interface Expected {
  /** exact size to insist on, or null when only an approximate size is known */
  bytes: number | null;
  /** checksum to insist on, or null on a first fetch (the result is then pinned) */
  sha256: string | null;
}

export interface Downloaded {
  bytes: number;
  sha256: string;
}

export type Progress = (loaded: number, total: number | null) => void;

/** What to insist on for one file: the registry's exact facts first, then what the lock pinned. */
export function expectedFor(file: RegistryFile, pinned: Downloaded | undefined): Expected {
  return {
    bytes: file.bytesExact ? file.bytes : (pinned?.bytes ?? null),
    sha256: file.sha256 ?? pinned?.sha256 ?? null
  };
}

/**
 * Stream `url` into `dest`, hashing as it goes. The bytes land in `dest.part` and are renamed into
 * place only when size and checksum match what is expected; otherwise the part file is removed
 * and the download refused, so a bad or tampered file is never served.
 */
export async function download(url: string, dest: string, expected: Expected, onProgress: Progress, fetchImpl: typeof fetch = fetch): Promise<Downloaded> {
  const res = await fetchImpl(url, { redirect: 'follow' });
  if (!res.ok || !res.body) throw new CliError(`${url}: HTTP ${res.status}`);
  const header = Number(res.headers.get('content-length'));
  const total = expected.bytes ?? (Number.isFinite(header) && header > 0 ? header : null);
  mkdirSync(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const out = createWriteStream(part);
  const hash = createHash('sha256');
  let loaded = 0;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.length;
      if (expected.bytes !== null && loaded > expected.bytes) throw new CliError(`${url}: more than the expected ${expected.bytes} bytes`);
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
      onProgress(loaded, total);
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const sha256 = hash.digest('hex');
    if (expected.bytes !== null && loaded !== expected.bytes) throw new CliError(`${url}: size mismatch: got ${loaded} bytes, expected ${expected.bytes}`);
    if (expected.sha256 !== null && sha256 !== expected.sha256) throw new CliError(`${url}: sha256 mismatch: got ${sha256}, expected ${expected.sha256}`);
    renameSync(part, dest);
    return { bytes: loaded, sha256 };
  } catch (e) {
    out.destroy();
    rmSync(part, { force: true });
    throw e;
  }
}
