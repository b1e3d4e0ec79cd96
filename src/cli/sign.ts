/**
 * Sign a catalogue or a factors manifest (docs/contracts.md):
 *
 *   npm run --silent sign -- --type catalogue|factors --in FILE --key DIR/signing-key.json --version N
 *       [--expires ISO-8601] --out OUT.json [--root DIR/root.json]
 *
 *   catalogue: FILE is a plain {"products":[...]}, a catalogue JSON ({"version","generatedAt","products"}),
 *              or a signed catalogue envelope to re-sign; only `products` is taken (--version wins).
 *   factors:   FILE is a factors manifest (factors.json from `npm run train`); when the blob
 *              factors-<sha256>.bin lies beside it, its size and sha256 are checked first.
 *
 * Writes OUT.json, a signed envelope {"signed":{"_type","version","issuedAt","expiresAt",...},"signatures":[...]}
 * (default expiry: 30 days). The input is read with the strict parser (duplicate keys refused) and
 * validated before anything is signed. With --root, the result is verified against that root
 * before it is written. Prints {"ok":true,"type","version","keyId","issuedAt","expiresAt","out"};
 * errors are one line on stderr, exit 1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FactorsManifestSchema } from '../lib/cf/artifact';
import { CatalogueSchema } from '../lib/domain/catalogue';
import { formatIssues } from '../lib/domain/validate';
import { envelopeToJson, isoSeconds, parseKeyPairJson, parseStrictJson, SigningError, trustRoot } from '../lib/signing/index';
import { signEnvelope, verifyEnvelope } from '../lib/documents';
import { cliArgs, CliError, parseIntOption, printJson, readTextFile, runCli } from './io';
import { VectorsManifestSchema } from '../lib/llm/vectors';

const USAGE =
  'usage: sign --type catalogue|factors|vectors --in FILE --key DIR/signing-key.json --version N [--expires ISO-8601] --out OUT.json [--root DIR/root.json]';
const DEFAULT_VALID_MS = 30 * 24 * 3600 * 1000;

const OPTIONS = {
  type: { type: 'string' },
  in: { type: 'string' },
  key: { type: 'string' },
  version: { type: 'string' },
  expires: { type: 'string' },
  out: { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readStrictJson(path: string, label: string): unknown {
  const r = parseStrictJson(readTextFile(path, label));
  if (!r.ok) throw new CliError(`${label} ${path}: ${r.code}: ${r.error}`);
  return r.value;
}

function catalogueProducts(path: string): unknown[] {
  const raw = readStrictJson(path, 'catalogue');
  const body = isRecord(raw) && isRecord(raw['signed']) ? raw['signed'] : raw;
  if (!isRecord(body) || !Array.isArray(body['products']))
    throw new CliError(`catalogue ${path}: expected {"products":[...]}, a catalogue JSON or a signed catalogue envelope`);
  const r = CatalogueSchema.safeParse({ products: body['products'] });
  if (!r.success) throw new CliError(`catalogue ${path}: ${formatIssues(r.error)}`);
  return body['products'];
}

/** A factors (or vectors) manifest, checked against its blob beside it when the blob is there. */
function factorsManifest(path: string, type: 'factors' | 'vectors'): Record<string, unknown> {
  const raw = readStrictJson(path, `${type} manifest`);
  const r = (type === 'factors' ? FactorsManifestSchema : VectorsManifestSchema).safeParse(raw);
  if (!r.success || !isRecord(raw)) throw new CliError(`${type} manifest ${path}: ${r.success ? 'not an object' : formatIssues(r.error)}`);
  const blobPath = join(dirname(path), `${type}-${r.data.sha256}.bin`);
  if (existsSync(blobPath)) {
    const blob = readFileSync(blobPath);
    if (blob.length !== r.data.bytes) throw new CliError(`${blobPath}: ${blob.length} bytes, the manifest says ${r.data.bytes}`);
    const digest = createHash('sha256').update(blob).digest('hex');
    if (digest !== r.data.sha256) throw new CliError(`${blobPath}: sha256 ${digest} differs from the manifest's ${r.data.sha256}`);
  }
  return raw;
}

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), OPTIONS, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { type } = values;
  if (type !== 'catalogue' && type !== 'factors' && type !== 'vectors') throw new CliError(`--type must be catalogue, factors or vectors; ${USAGE}`);
  for (const name of ['in', 'key', 'version', 'out'] as const) if (values[name] === undefined) throw new CliError(`--${name} is required; ${USAGE}`);
  const version = parseIntOption(values.version!, 'version', 1, Number.MAX_SAFE_INTEGER);
  const now = Date.now();
  let expiresAt = isoSeconds(now + DEFAULT_VALID_MS);
  if (values.expires !== undefined) {
    const t = Date.parse(values.expires);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.expires) || Number.isNaN(t))
      throw new CliError(`--expires must be an ISO-8601 time such as 2026-12-31T00:00:00Z, got "${values.expires}"`);
    if (t <= now) throw new CliError(`--expires ${values.expires} is not in the future`);
    expiresAt = isoSeconds(t);
  }
  const issuedAt = isoSeconds(now);

  let key;
  try {
    key = await parseKeyPairJson(readTextFile(values.key!, 'signing key'));
  } catch (e) {
    if (e instanceof SigningError) throw new CliError(`${values.key}: ${e.message}`);
    throw e;
  }

  const header = { _type: type, version, issuedAt, expiresAt };
  const signed = type === 'catalogue' ? { ...header, products: catalogueProducts(values.in!) } : { ...header, manifest: factorsManifest(values.in!, type) };
  let text: string;
  try {
    text = envelopeToJson(await signEnvelope(signed, [key]));
  } catch (e) {
    if (e instanceof SigningError) throw new CliError(e.message);
    throw e;
  }

  if (values.root !== undefined) {
    const root = await trustRoot(readTextFile(values.root, 'root'), { now });
    if (!root.ok) throw new CliError(`root ${values.root}: ${root.code}: ${root.error}`);
    const check =
      type === 'factors' || type === 'vectors'
        ? await verifyEnvelope(text, { root: root.root, type, now, catalogueVersion: null })
        : await verifyEnvelope(text, { root: root.root, type, now });
    if (!check.ok) throw new CliError(`the signed ${type} does not verify against ${values.root}: ${check.code}: ${check.error}`);
  }

  mkdirSync(dirname(resolve(values.out!)), { recursive: true });
  writeFileSync(values.out!, `${text}\n`);
  printJson({ ok: true, type, version, keyId: key.keyId, issuedAt, expiresAt, out: resolve(values.out!) });
}

void runCli(main);
