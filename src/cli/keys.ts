/**
 * Keys for a bank's release process (docs/contracts.md).
 *
 *   npm run --silent keys -- generate --out DIR [--expires ISO-8601] [--force]
 *     writes DIR/root.json — a signed root (version 1) listing one new Ed25519 key for every role
 *     (root, catalogue, factors), threshold 1, expiring in a year, signed by that key — and
 *     DIR/signing-key.json ({keyId, publicKey, privateKey}, base64; file mode 0600; never commit
 *     it). An existing signing-key.json is not overwritten without --force.
 *
 *   npm run --silent keys -- rotate --root DIR/root.json --key DIR/signing-key.json --out NEWDIR [--expires ISO-8601]
 *     revokes the old key: writes NEWDIR/root.json, root version N+1 listing only a NEW key,
 *     signed by the old root key AND the new key (so devices that trust root N accept it), and
 *     NEWDIR/signing-key.json. Re-sign the catalogue and factors with the new key afterwards.
 *
 * Prints a JSON summary on stdout; errors are one line on stderr, exit 1.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildRoot,
  envelopeToJson,
  generateKeyPair,
  isoSeconds,
  parseKeyPairJson,
  rotateRoot,
  trustRoot,
  type KeyPair,
  type RootSigned
} from '../lib/signing/index';
import { signEnvelope } from '../lib/documents';
import { cliArgs, CliError, printJson, readTextFile, runCli, type CliValues } from './io';

const USAGE =
  'usage: keys generate --out DIR [--expires ISO-8601] [--force] | keys rotate --root DIR/root.json --key DIR/signing-key.json --out NEWDIR [--expires ISO-8601]';
const YEAR_MS = 365 * 24 * 3600 * 1000;

const OPTIONS = {
  out: { type: 'string' },
  root: { type: 'string' },
  key: { type: 'string' },
  expires: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

type Values = CliValues<typeof OPTIONS>;

function expiry(value: string | undefined, now: number): string {
  if (value === undefined) return isoSeconds(now + YEAR_MS);
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t))
    throw new CliError(`--expires must be an ISO-8601 time such as 2026-12-31T00:00:00Z, got "${value}"`);
  if (t <= now) throw new CliError(`--expires ${value} is not in the future`);
  return isoSeconds(t);
}

function writeKeyFiles(dir: string, root: string, key: KeyPair, force: boolean): { rootPath: string; keyPath: string } {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'signing-key.json');
  const rootPath = join(dir, 'root.json');
  if (!force && existsSync(keyPath)) throw new CliError(`${keyPath} already exists; refusing to overwrite a private key (use --force, or another --out)`);
  writeFileSync(keyPath, `${JSON.stringify({ keyId: key.keyId, publicKey: key.publicKey, privateKey: key.privateKey }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(keyPath, 0o600); // mode above applies only when the file is created
  writeFileSync(rootPath, `${root}\n`);
  return { rootPath: resolve(rootPath), keyPath: resolve(keyPath) };
}

function rootFor(key: KeyPair, version: number, issuedAt: string, expiresAt: string): Promise<RootSigned> {
  const role = { publicKeys: [key.publicKey], threshold: 1 };
  return buildRoot({ version, issuedAt, expiresAt, roles: { root: role, catalogue: role, factors: role } });
}

async function generate(values: Values): Promise<void> {
  if (values.out === undefined) throw new CliError(`--out DIR is required; ${USAGE}`);
  const now = Date.now();
  const key = await generateKeyPair();
  const root = await rootFor(key, 1, isoSeconds(now), expiry(values.expires, now));
  const text = envelopeToJson(await signEnvelope(root, [key]));
  const paths = writeKeyFiles(values.out, text, key, values.force === true);
  printJson({ ok: true, keyId: key.keyId, version: 1, expiresAt: root.expiresAt, root: paths.rootPath, signingKey: paths.keyPath });
}

async function rotate(values: Values): Promise<void> {
  if (values.root === undefined || values.key === undefined || values.out === undefined) throw new CliError(`--root, --key and --out are required; ${USAGE}`);
  const now = Date.now();
  // an expired root is a fine reason to rotate, so its expiry is not checked here
  const trusted = await trustRoot(readTextFile(values.root, 'root'), { now, allowExpired: true });
  if (!trusted.ok) throw new CliError(`root ${values.root}: ${trusted.code}: ${trusted.error}`);
  const oldKey = await parseKeyPairJson(readTextFile(values.key, 'signing key')).catch((e: unknown) => {
    throw new CliError(`${values.key}: ${e instanceof Error ? e.message : String(e)}`);
  });
  if (!trusted.root.roles.root.keyIds.includes(oldKey.keyId))
    throw new CliError(`${values.key}: key ${oldKey.keyId.slice(0, 12)}… is not a root key of root v${trusted.root.version}`);
  if (trusted.root.roles.root.threshold > 1)
    throw new CliError(`root v${trusted.root.version} needs ${trusted.root.roles.root.threshold} root signatures; this tool signs with one key`);
  const key = await generateKeyPair();
  const version = trusted.root.version + 1;
  const root = await rootFor(key, version, isoSeconds(now), expiry(values.expires, now));
  const text = envelopeToJson(await signEnvelope(root, [oldKey, key]));
  const check = await rotateRoot(trusted.root, text, now);
  if (!check.ok) throw new CliError(`the rotated root does not verify: ${check.code}: ${check.error}`);
  const paths = writeKeyFiles(values.out, text, key, values.force === true);
  printJson({
    ok: true,
    keyId: key.keyId,
    revokedKeyIds: Object.keys(trusted.root.keys),
    version,
    expiresAt: root.expiresAt,
    root: paths.rootPath,
    signingKey: paths.keyPath
  });
}

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(process.argv.slice(2), OPTIONS, USAGE, { positionals: 1 });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command] = positionals;
  if (command === 'generate') return generate(values);
  if (command === 'rotate') return rotate(values);
  throw new CliError(`${command === undefined ? 'a command is required' : `unknown command "${command}"`}; ${USAGE}`);
}

void runCli(main);
