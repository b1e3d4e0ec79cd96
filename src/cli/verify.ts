/**
 * Verify a signed envelope offline (docs/contracts.md):
 *
 *   npm run --silent verify -- OUT.json --root DIR/root.json
 *       [--now ISO-8601] [--min-version N] [--catalogue-version N] [--blob FILE]
 *
 * Prints {"ok":true,"type":"catalogue|factors|root","version":N} (exit 0) or
 * {"ok":false,"error":"<code>: <reason>"} (exit 1) — on stdout, as the contract says. Only usage
 * mistakes (unknown flags, a missing --root) go to stderr as one line with exit 1.
 *
 * The root file is trusted as given (it must be self-signed by a threshold of its root keys and
 * unexpired); the document's type comes from its own `_type`. A root document one version above
 * the trusted root is checked as a rotation (old AND new root keys); factors are checked against
 * --catalogue-version and --blob when given.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_MAX_BYTES, ENVELOPE_TYPES, parseStrictJson, rotateRoot, trustRoot, type EnvelopeType, type VerifyFailure } from '../lib/signing/index';
import { verifyBlob, verifyEnvelope, verifyFactorsBlob } from '../lib/documents';
import { cliArgs, CliError, EXIT_FAILURE, parseIntOption, printJson, runCli, type CliValues } from './io';

const USAGE = 'usage: verify OUT.json --root DIR/root.json [--now ISO-8601] [--min-version N] [--catalogue-version N] [--blob FILE]';

const OPTIONS = {
  root: { type: 'string' },
  now: { type: 'string' },
  'min-version': { type: 'string' },
  'catalogue-version': { type: 'string' },
  blob: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

class Refused extends Error {}

function refuse(message: string): never {
  throw new Refused(message);
}

function fromFailure(f: VerifyFailure, prefix = ''): never {
  return refuse(`${prefix}${f.code}: ${f.error}`);
}

function readBytes(path: string, label: string): Uint8Array {
  try {
    const size = statSync(path).size;
    if (size > DEFAULT_MAX_BYTES) refuse(`too_large: ${label} ${path} is ${size} bytes, over the ${DEFAULT_MAX_BYTES}-byte limit`);
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof Refused) throw e;
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    return refuse(
      `${label} ${path}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e)}`
    );
  }
}

/** The document's claimed `_type` and version, read (unverified) only to choose which check to run. */
function claimed(bytes: Uint8Array): { type: EnvelopeType | null; version: unknown } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { type: null, version: undefined };
  }
  const r = parseStrictJson(text);
  const signed = r.ok && typeof r.value === 'object' && r.value !== null ? (r.value as { signed?: unknown }).signed : undefined;
  if (typeof signed !== 'object' || signed === null) return { type: null, version: undefined };
  const { _type: t, version } = signed as { _type?: unknown; version?: unknown };
  return { type: typeof t === 'string' && (ENVELOPE_TYPES as readonly string[]).includes(t) ? (t as EnvelopeType) : null, version };
}

async function check(file: string, rootPath: string, values: CliValues<typeof OPTIONS>): Promise<{ type: EnvelopeType; version: number }> {
  let now = Date.now();
  const nowFlag = values.now;
  if (nowFlag !== undefined) {
    now = Date.parse(nowFlag);
    if (Number.isNaN(now)) throw new CliError(`--now must be an ISO-8601 time, got "${nowFlag}"`);
  }
  const minFlag = values['min-version'];
  const catFlag = values['catalogue-version'];
  const minVersion = minFlag === undefined ? undefined : parseIntOption(minFlag, 'min-version', 0, Number.MAX_SAFE_INTEGER);
  const catalogueVersion = catFlag === undefined ? null : parseIntOption(catFlag, 'catalogue-version', 0, Number.MAX_SAFE_INTEGER);

  const trusted = await trustRoot(readBytes(rootPath, 'root'), { now });
  if (!trusted.ok) fromFailure(trusted, `root ${rootPath}: `);
  const bytes = readBytes(file, 'document');
  const doc = claimed(bytes);
  const type = doc.type ?? 'catalogue'; // unparseable or no known _type: the catalogue check says why

  if (type === 'root' && doc.version === trusted.root.version + 1) {
    const r = await rotateRoot(trusted.root, bytes, now);
    if (!r.ok) fromFailure(r);
    return { type, version: r.root.version };
  }
  const base = { root: trusted.root, now, ...(minVersion !== undefined ? { minVersion } : {}) };
  if (type === 'factors') {
    const r = await verifyEnvelope(bytes, { ...base, type, catalogueVersion });
    if (!r.ok) fromFailure(r);
    const blobPath = values.blob;
    if (blobPath !== undefined) {
      const b = await verifyFactorsBlob(r.signed, readBytes(blobPath, 'blob'));
      if (!b.ok) fromFailure(b, `blob ${blobPath}: `);
    }
    return { type, version: r.version };
  }
  if (type === 'vectors') {
    const r = await verifyEnvelope(bytes, { ...base, type, catalogueVersion });
    if (!r.ok) fromFailure(r);
    const blobPath = values.blob;
    if (blobPath !== undefined) {
      const b = await verifyBlob(r.signed.manifest, readBytes(blobPath, 'blob'));
      if (!b.ok) fromFailure(b, `blob ${blobPath}: `);
    }
    return { type, version: r.version };
  }
  const r = await verifyEnvelope(bytes, { ...base, type });
  if (!r.ok) fromFailure(r);
  return { type, version: r.version };
}

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(process.argv.slice(2), OPTIONS, USAGE, { positionals: Infinity });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new CliError(`give exactly one document to verify; ${USAGE}`);
  if (values.root === undefined) throw new CliError(`--root DIR/root.json is required; ${USAGE}`);
  try {
    const { type, version } = await check(positionals[0]!, values.root, values);
    printJson({ ok: true, type, version });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    printJson({ ok: false, error: e.message.replace(/\s*[\r\n]+\s*/g, ' ') });
    process.exitCode = EXIT_FAILURE;
  }
}

void runCli(main);
