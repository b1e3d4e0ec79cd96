/**
 * Signing and verifying Candor's envelopes, and the root of trust (TUF-style).
 *
 * Verification order (each step its own error code, see errors.ts): size → UTF-8 → strict JSON
 * (duplicate keys refused) → envelope shape → `_type` → signatures over the RFC 8785 canonical
 * `signed` (threshold of distinct authorised keys) → full shape (zod) → version (rollback) →
 * expiry → type-specific checks. Nothing is trusted before its signatures check out, and the
 * canonical bytes are computed from what was parsed, so ANY change inside `signed` — even one
 * that zod would strip — breaks the signature.
 *
 * Root rotation (TUF §5.3): root N+1 must be signed by a threshold of root N's root keys AND a
 * threshold of its own root keys, and its version must be exactly N+1. A compromised key is
 * revoked by publishing a root without it.
 */
import { z } from 'zod';
import { formatIssues } from '../common/zod-issues';
import { fromBase64, toBase64 } from '../common/base64';
import { sha256Hex, utf8Length } from './bytes';
import { CanonicalJsonError, canonicalBytes, canonicalize } from './canonical-json';
import { generateRawKeyPair, publicKeyOfSecret, signBytes, verifyBytes, PUBLIC_KEY_BYTES, SECRET_KEY_BYTES } from './ed25519';
import { failure, SigningError, type VerifyFailure } from './errors';
import {
  ENVELOPE_TYPES,
  EnvelopeSchema,
  KeyIdSchema,
  ROLE_OF_TYPE,
  ROLES,
  RootSignedSchema,
  type Envelope,
  type EnvelopeType,
  type Role,
  type RoleKeys,
  type RootSigned,
  type Signature,
  type SignedHeader
} from './schemas';
import { parseStrictJson } from './strict-json';

/** 20 MiB: larger bodies are refused before they are decoded or parsed. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A signed document as it arrives: text, or bytes (UTF-8). Parsed objects are not accepted —
 *  JSON.parse would already have hidden duplicate keys. */
export type EnvelopeInput = string | Uint8Array | ArrayBuffer;

export type Now = Date | number;

function nowMs(now: Now): number {
  return typeof now === 'number' ? now : now.getTime();
}

function short(keyId: string): string {
  return `${keyId.slice(0, 12)}…`;
}

// ---------------------------------------------------------------------------------------------
// keys

/** The contents of signing-key.json: all base64 (standard, padded). Keep privateKey secret. */
export interface KeyPair {
  keyId: string;
  publicKey: string;
  /** the 32-byte RFC 8032 secret seed */
  privateKey: string;
}

function keyBytes(key: string | Uint8Array, length: number, what: string): Uint8Array {
  const bytes = typeof key === 'string' ? fromBase64(key) : key;
  if (!bytes) throw new SigningError(`${what} is not standard padded base64`);
  if (bytes.length !== length) throw new SigningError(`${what} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

const KeyPairSchema = z.strictObject({ keyId: KeyIdSchema, publicKey: z.string(), privateKey: z.string() });

/**
 * Read a signing-key.json text ({keyId, publicKey, privateKey}, base64) and check that the three
 * belong together. Throws SigningError naming what is wrong (never the key material itself).
 */
export async function parseKeyPairJson(text: string): Promise<KeyPair> {
  const parsed = parseStrictJson(text);
  if (!parsed.ok) throw new SigningError(`signing key: ${parsed.error}`);
  const r = KeyPairSchema.safeParse(parsed.value);
  if (!r.success) throw new SigningError(`signing key: expected {"keyId","publicKey","privateKey"}: ${formatIssues(r.error)}`);
  const key = await resolveKey(r.data);
  return { keyId: key.keyId, publicKey: r.data.publicKey, privateKey: r.data.privateKey };
}

/** keyId = lowercase hex sha256 of the raw 32-byte public key (bytes or base64). */
export async function keyIdOf(publicKey: Uint8Array | string): Promise<string> {
  return sha256Hex(keyBytes(publicKey, PUBLIC_KEY_BYTES, 'public key'));
}

export async function generateKeyPair(): Promise<KeyPair> {
  const { publicKey, secretKey } = await generateRawKeyPair();
  return { keyId: await keyIdOf(publicKey), publicKey: toBase64(publicKey), privateKey: toBase64(secretKey) };
}

/** A private key to sign with: a KeyPair (as in signing-key.json), or the bare secret (bytes or base64). */
export type SigningKeyInput = string | Uint8Array | { privateKey: string | Uint8Array; publicKey?: string | Uint8Array; keyId?: string };

interface ResolvedKey {
  keyId: string;
  secret: Uint8Array;
}

async function resolveKey(input: SigningKeyInput): Promise<ResolvedKey> {
  const given = typeof input === 'string' || input instanceof Uint8Array ? { privateKey: input } : input;
  const secret = keyBytes(given.privateKey, SECRET_KEY_BYTES, 'private key');
  const publicKey = await publicKeyOfSecret(secret);
  const keyId = await keyIdOf(publicKey);
  if (given.publicKey !== undefined && toBase64(keyBytes(given.publicKey, PUBLIC_KEY_BYTES, 'public key')) !== toBase64(publicKey)) {
    throw new SigningError('the public key does not belong to this private key');
  }
  if (given.keyId !== undefined && given.keyId !== keyId)
    throw new SigningError(`keyId ${short(given.keyId)} is not the sha256 of this key's public key (${short(keyId)})`);
  return { keyId, secret };
}

// ---------------------------------------------------------------------------------------------
// signing

/**
 * Sign `signed` (which must carry `_type`, version, issuedAt, expiresAt and the type's payload)
 * with each key; the same key given twice signs once. `schema`, when given, must accept `signed`
 * (src/lib/documents passes the type's own; null signs unchecked). Throws SigningError on bad input.
 */
export async function signEnvelopeWith(signed: Record<string, unknown>, privateKeys: readonly SigningKeyInput[], schema: z.ZodType | null): Promise<Envelope> {
  if (privateKeys.length === 0) throw new SigningError('no signing keys given');
  const type = signed['_type'];
  if (typeof type !== 'string' || !(ENVELOPE_TYPES as readonly string[]).includes(type)) {
    throw new SigningError(`signed._type must be one of ${ENVELOPE_TYPES.join('|')}, got ${JSON.stringify(type)}`);
  }
  if (schema) {
    const r = schema.safeParse(signed);
    if (!r.success) throw new SigningError(`refusing to sign an invalid ${type} document: ${formatIssues(r.error)}`);
  }
  let message: Uint8Array;
  try {
    message = canonicalBytes(signed);
  } catch (e) {
    throw new SigningError(`cannot canonicalize the signed document: ${e instanceof Error ? e.message : String(e)}`);
  }
  const signatures: Signature[] = [];
  for (const input of privateKeys) {
    const key = await resolveKey(input);
    if (signatures.some((s) => s.keyId === key.keyId)) continue;
    signatures.push({ keyId: key.keyId, sig: toBase64(await signBytes(message, key.secret)) });
  }
  return { signed, signatures };
}

/** A time as signed documents carry it: ISO-8601, UTC, whole seconds ("2026-11-29T09:23:46Z"). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The envelope as a one-line JSON text whose `signed` part is the exact canonical text that was signed. */
export function envelopeToJson(envelope: Envelope): string {
  return `{"signed":${canonicalize(envelope.signed)},"signatures":${JSON.stringify(envelope.signatures.map((s) => ({ keyId: s.keyId, sig: s.sig })))}}`;
}

export interface RootSpec {
  version: number;
  issuedAt: string;
  expiresAt: string;
  /** for each role, the public keys (base64 or bytes) allowed to sign it and how many must */
  roles: Record<Role, { publicKeys: readonly (string | Uint8Array)[]; threshold?: number }>;
}

/** Build a root's signed part (keys listed under their sha256 ids); thresholds default to 1. */
export async function buildRoot(spec: RootSpec): Promise<RootSigned> {
  const keys: RootSigned['keys'] = {};
  const roles = {} as RootSigned['roles'];
  for (const role of ROLES) {
    const keyIds: string[] = [];
    for (const pk of spec.roles[role].publicKeys) {
      const bytes = keyBytes(pk, PUBLIC_KEY_BYTES, 'public key');
      const id = await keyIdOf(bytes);
      keys[id] = { keyType: 'ed25519', publicKey: toBase64(bytes) };
      if (!keyIds.includes(id)) keyIds.push(id);
    }
    roles[role] = { keyIds, threshold: spec.roles[role].threshold ?? 1 };
  }
  const root = { _type: 'root' as const, version: spec.version, issuedAt: spec.issuedAt, expiresAt: spec.expiresAt, keys, roles };
  const r = RootSignedSchema.safeParse(root);
  if (!r.success) throw new SigningError(`invalid root: ${formatIssues(r.error)}`);
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// reading and checking

interface ReadEnvelope {
  ok: true;
  signed: Record<string, unknown>;
  signatures: Signature[];
  /** UTF-8 of the canonical `signed`: the message the signatures cover */
  message: Uint8Array;
}

function decode(input: EnvelopeInput, maxBytes: number): { ok: true; text: string } | VerifyFailure {
  if (typeof input === 'string') {
    // UTF-8 is never shorter than the UTF-16 length, so the first test avoids a scan of huge strings
    if (input.length > maxBytes || utf8Length(input) > maxBytes) return failure('too_large', `body is larger than ${maxBytes} bytes; refused before parsing`);
    return { ok: true, text: input };
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > maxBytes) return failure('too_large', `body is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit; refused before parsing`);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return failure('bad_encoding', 'body is not valid UTF-8');
  }
}

function readEnvelope(input: EnvelopeInput, type: EnvelopeType, maxBytes: number): ReadEnvelope | VerifyFailure {
  const d = decode(input, maxBytes);
  if (!d.ok) return d;
  const parsed = parseStrictJson(d.text);
  if (!parsed.ok) return failure(parsed.code, parsed.error);
  const env = EnvelopeSchema.safeParse(parsed.value);
  if (!env.success) return failure('bad_shape', `not a signed envelope {"signed":{...},"signatures":[...]}: ${formatIssues(env.error)}`);
  // The signed part exactly as parsed, not zod's copy: zod drops some members (e.g. "__proto__"),
  // and a member the copy lacks would be a member the signature does not cover.
  const signed = (parsed.value as { signed: Record<string, unknown> }).signed;
  const got = signed['_type'];
  if (got !== type) return failure('wrong_type', `expected a ${type} document, got _type ${JSON.stringify(got) ?? 'missing'}`);
  let message: Uint8Array;
  try {
    message = canonicalBytes(signed);
  } catch (e) {
    return failure('bad_shape', e instanceof CanonicalJsonError ? `signed: ${e.message}` : String(e));
  }
  return { ok: true, signed, signatures: env.data.signatures, message };
}

/** Count valid signatures from distinct keys of `role`; below threshold, say the most telling reason. */
async function checkSignatures(
  message: Uint8Array,
  signatures: readonly Signature[],
  keys: RootSigned['keys'],
  role: RoleKeys,
  what: string
): Promise<{ ok: true; keyIds: string[] } | VerifyFailure> {
  const valid = new Set<string>();
  const bad: string[] = [];
  const unknown: string[] = [];
  const unauthorised: string[] = [];
  for (const { keyId, sig } of signatures) {
    if (valid.has(keyId)) continue; // one key counts once, however often it signs
    if (!Object.prototype.hasOwnProperty.call(keys, keyId)) {
      unknown.push(keyId);
      continue;
    }
    if (!role.keyIds.includes(keyId)) {
      unauthorised.push(keyId);
      continue;
    }
    const publicKey = fromBase64(keys[keyId]!.publicKey);
    const signature = fromBase64(sig);
    if (publicKey && signature && (await verifyBytes(signature, message, publicKey))) valid.add(keyId);
    else bad.push(keyId);
  }
  // TUF: extra signatures (unknown keys, bad ones) are ignored once the threshold is met
  if (valid.size >= role.threshold) return { ok: true, keyIds: [...valid] };
  if (bad.length > 0) return failure('bad_signature', `signature by key ${short(bad[0]!)} does not verify over the signed ${what} (changed after signing?)`);
  if (unknown.length > 0) return failure('unknown_key', `key ${short(unknown[0]!)} is not listed in the trusted root`);
  if (unauthorised.length > 0) return failure('unauthorised_key', `key ${short(unauthorised[0]!)} is listed in the trusted root but may not sign ${what}`);
  return failure('threshold_not_met', `${valid.size} valid signature(s) from distinct authorised keys on the ${what}, ${role.threshold} required`);
}

/** Every key in a root must be listed under its own id, sha256(publicKey). */
async function checkKeyIds(root: RootSigned): Promise<{ ok: true } | VerifyFailure> {
  for (const [id, key] of Object.entries(root.keys)) {
    const actual = await keyIdOf(key.publicKey);
    if (actual !== id) return failure('key_id_mismatch', `root v${root.version} lists a key under id ${short(id)}, but its sha256 is ${short(actual)}`);
  }
  return { ok: true };
}

function checkExpiry(doc: { expiresAt: string; version: number }, what: string, now: Now): VerifyFailure | null {
  return Date.parse(doc.expiresAt) <= nowMs(now) ? failure('expired', `${what} v${doc.version} expired at ${doc.expiresAt}`) : null;
}

// ---------------------------------------------------------------------------------------------
// roots

export interface RootResult {
  ok: true;
  root: RootSigned;
  /** the root keys whose signatures counted */
  keyIds: string[];
}

export interface ReadOptions {
  /** refuse larger bodies before parsing; default DEFAULT_MAX_BYTES */
  maxBytes?: number;
}

async function readRoot(input: EnvelopeInput, maxBytes: number | undefined): Promise<{ ok: true; env: ReadEnvelope; root: RootSigned } | VerifyFailure> {
  const env = readEnvelope(input, 'root', maxBytes ?? DEFAULT_MAX_BYTES);
  if (!env.ok) return env;
  const parsed = RootSignedSchema.safeParse(env.signed);
  if (!parsed.success) return failure('bad_shape', `root: ${formatIssues(parsed.error)}`);
  const ids = await checkKeyIds(parsed.data);
  if (!ids.ok) return ids;
  return { ok: true, env, root: parsed.data };
}

/**
 * Trust a root on first use: the one shipped with the app, or DIR/root.json. It must be signed by
 * a threshold of its OWN root keys and not be expired. (Whether to trust this file at all is the
 * caller's decision: pin it, ship it, or compare its keyIds out of band.) `allowExpired` is for
 * tools that rotate away from an expired root; a verifier never sets it.
 */
export async function trustRoot(input: EnvelopeInput, opts: ReadOptions & { now: Now; allowExpired?: boolean }): Promise<RootResult | VerifyFailure> {
  const r = await readRoot(input, opts.maxBytes);
  if (!r.ok) return r;
  const sigs = await checkSignatures(r.env.message, r.env.signatures, r.root.keys, r.root.roles.root, 'root');
  if (!sigs.ok) return sigs;
  const expired = opts.allowExpired ? null : checkExpiry(r.root, 'root', opts.now);
  return expired ?? { ok: true, root: r.root, keyIds: sigs.keyIds };
}

export interface RotateOptions extends ReadOptions {
  /** skip the expiry check: only for intermediate roots of a chain (updateRoot uses it) */
  allowExpired?: boolean;
}

/**
 * Move from the trusted root N to root N+1. Refused: a version other than N+1 (`rollback`,
 * `version_skipped`), too few signatures by root N's root keys (`missing_old_root_signatures`)
 * or by N+1's own root keys (`missing_new_root_signatures`), a signature that does not verify
 * (`bad_signature`), or an expired new root (`expired`).
 */
export async function rotateRoot(trusted: RootSigned, newRootEnvelope: EnvelopeInput, now: Now, opts: RotateOptions = {}): Promise<RootResult | VerifyFailure> {
  const r = await readRoot(newRootEnvelope, opts.maxBytes);
  if (!r.ok) return r;
  const { env, root } = r;
  const old = await checkSignatures(
    env.message,
    env.signatures,
    trusted.keys,
    trusted.roles.root,
    `root v${root.version} (by root v${trusted.version}'s keys)`
  );
  if (!old.ok) {
    if (old.code === 'bad_signature') return old;
    return failure(
      'missing_old_root_signatures',
      `root v${root.version} is not signed by ${trusted.roles.root.threshold} of root v${trusted.version}'s root keys: ${old.error}`
    );
  }
  const own = await checkSignatures(env.message, env.signatures, root.keys, root.roles.root, `root v${root.version} (by its own keys)`);
  if (!own.ok) {
    if (own.code === 'bad_signature') return own;
    return failure('missing_new_root_signatures', `root v${root.version} is not signed by ${root.roles.root.threshold} of its own root keys: ${own.error}`);
  }
  if (root.version <= trusted.version) return failure('rollback', `root v${root.version} is not newer than the trusted root v${trusted.version}`);
  if (root.version !== trusted.version + 1)
    return failure(
      'version_skipped',
      `root v${root.version} skips versions: the trusted root is v${trusted.version}, so only v${trusted.version + 1} is accepted next`
    );
  if (!opts.allowExpired) {
    const expired = checkExpiry(root, 'root', now);
    if (expired) return expired;
  }
  return { ok: true, root, keyIds: [...new Set([...old.keyIds, ...own.keyIds])] };
}

/**
 * Walk a chain of roots N+1, N+2, … from the trusted root. As in TUF, only the LAST one must be
 * unexpired (a device that was offline for a while can still catch up through expired roots).
 */
export async function updateRoot(trusted: RootSigned, chain: readonly EnvelopeInput[], now: Now, opts: ReadOptions = {}): Promise<RootResult | VerifyFailure> {
  let current: RootResult = { ok: true, root: trusted, keyIds: [] };
  for (let i = 0; i < chain.length; i++) {
    const next = await rotateRoot(current.root, chain[i]!, now, { ...opts, allowExpired: i < chain.length - 1 });
    if (!next.ok) return next;
    current = next;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// any signed document (and roots checked against the trusted root)

export type VerifyWithOptions<S extends SignedHeader> = ReadOptions & {
  /** the trusted root (from trustRoot / rotateRoot) */
  root: RootSigned;
  type: EnvelopeType;
  now: Now;
  /** refuse versions below this (the last version accepted: equal is allowed, lower is a rollback) */
  minVersion?: number;
  /** the full shape of the type's signed part, checked once the signatures are */
  schema: z.ZodType<S>;
};

export interface VerifiedWith<S extends SignedHeader> {
  ok: true;
  type: EnvelopeType;
  version: number;
  signed: S;
  /** the keys whose signatures counted */
  keyIds: string[];
}

/**
 * Verify a signed document of `opts.type` against the trusted root, its signed part against
 * `opts.schema`. For a root (type 'root') this checks its signatures by the TRUSTED root's root
 * keys only; to adopt a new root use rotateRoot.
 */
export async function verifyEnvelopeWith<S extends SignedHeader>(input: EnvelopeInput, opts: VerifyWithOptions<S>): Promise<VerifiedWith<S> | VerifyFailure> {
  const trusted = RootSignedSchema.safeParse(opts.root);
  if (!trusted.success) return failure('invalid_root', `the trusted root is not a valid root: ${formatIssues(trusted.error)}`);
  const root = trusted.data;
  if (Date.parse(root.expiresAt) <= nowMs(opts.now)) {
    return failure('root_expired', `the trusted root v${root.version} expired at ${root.expiresAt}; update it (rotateRoot) before trusting anything it signed`);
  }
  const env = readEnvelope(input, opts.type, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!env.ok) return env;
  const sigs = await checkSignatures(env.message, env.signatures, root.keys, root.roles[ROLE_OF_TYPE[opts.type]], opts.type);
  if (!sigs.ok) return sigs;
  const parsed = opts.schema.safeParse(env.signed);
  if (!parsed.success) return failure('bad_shape', `${opts.type}: ${formatIssues(parsed.error)}`);
  const signed = parsed.data;
  if (opts.type === 'root') {
    const ids = await checkKeyIds(signed as unknown as RootSigned);
    if (!ids.ok) return ids;
  }
  if (opts.minVersion !== undefined && signed.version < opts.minVersion) {
    return failure('rollback', `${opts.type} v${signed.version} is older than v${opts.minVersion}, the version already accepted (rollback refused)`);
  }
  const expired = checkExpiry(signed, opts.type, opts.now);
  if (expired) return expired;
  return { ok: true, type: opts.type, version: signed.version, signed, keyIds: sigs.keyIds };
}
