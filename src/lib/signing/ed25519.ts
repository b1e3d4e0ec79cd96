/**
 * Ed25519 (RFC 8032) for Candor: WebCrypto where the runtime has it (Node ≥ 20, Chrome ≥ 137,
 * Firefox ≥ 129, Safari ≥ 17), @noble/ed25519 (audited, dependency-free) otherwise. The choice
 * is made once, by trying to import a known-good public key with {name: 'Ed25519'}.
 *
 * Keys are raw bytes: a 32-byte public key and the 32-byte RFC 8032 secret seed. Both backends
 * produce identical, deterministic signatures; verification is RFC 8032's (noble's strict branch,
 * zip215: false, which like WebCrypto refuses non-canonical encodings).
 */
import * as noble from '@noble/ed25519';
import { fromBase64 } from '../common/base64';
import { ownBytes } from './bytes';

export type Ed25519Backend = 'webcrypto' | 'noble';

export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

const ALG = { name: 'Ed25519' } as const;
/** RFC 8410 PKCS#8 wrapping of a 32-byte Ed25519 seed: this DER prefix, then the seed. */
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
/** RFC 8032 §7.1 test 1 public key: a valid point, used to probe for WebCrypto support. */
const PROBE_PUBLIC_KEY = Uint8Array.from([
  0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02,
  0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a
]);

function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

let forced: Ed25519Backend | null = null;
let detected: Promise<Ed25519Backend> | null = null;

async function detect(): Promise<Ed25519Backend> {
  const s = subtle();
  if (!s) return 'noble';
  try {
    await s.importKey('raw', ownBytes(PROBE_PUBLIC_KEY), ALG, false, ['verify']);
    return 'webcrypto';
  } catch {
    return 'noble';
  }
}

/** Which implementation signs and verifies here (detected once, then cached). */
export function ed25519Backend(): Promise<Ed25519Backend> {
  if (forced) return Promise.resolve(forced);
  detected ??= detect();
  return detected;
}

/** Force a backend (tests compare the two), or 'auto' to detect again. */
export function setEd25519Backend(backend: Ed25519Backend | 'auto'): void {
  forced = backend === 'auto' ? null : backend;
  detected = null;
}

function pkcs8(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(PKCS8_PREFIX.length + SECRET_KEY_BYTES);
  out.set(PKCS8_PREFIX);
  out.set(seed, PKCS8_PREFIX.length);
  return out;
}

function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length !== length) throw new Error(`${what} must be ${length} bytes, got ${bytes.length}`);
}

export interface RawKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export async function generateRawKeyPair(): Promise<RawKeyPair> {
  if ((await ed25519Backend()) === 'webcrypto') {
    const s = subtle()!;
    const pair = (await s.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = new Uint8Array(await s.exportKey('raw', pair.publicKey));
    const der = new Uint8Array(await s.exportKey('pkcs8', pair.privateKey));
    if (der.length !== PKCS8_PREFIX.length + SECRET_KEY_BYTES) throw new Error(`unexpected PKCS#8 length ${der.length}`);
    return { publicKey, secretKey: der.slice(PKCS8_PREFIX.length) };
  }
  const secretKey = noble.utils.randomSecretKey();
  return { publicKey: await noble.getPublicKeyAsync(secretKey), secretKey };
}

/** The public key of a 32-byte secret seed. */
export async function publicKeyOfSecret(secretKey: Uint8Array): Promise<Uint8Array> {
  checkLength(secretKey, SECRET_KEY_BYTES, 'an Ed25519 secret key');
  if ((await ed25519Backend()) === 'webcrypto') {
    const s = subtle()!;
    const key = await s.importKey('pkcs8', pkcs8(secretKey), ALG, true, ['sign']);
    const jwk = await s.exportKey('jwk', key);
    if (typeof jwk.x !== 'string') throw new Error('WebCrypto exported no public key');
    const std = jwk.x.replace(/-/g, '+').replace(/_/g, '/');
    const pub = fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
    if (!pub) throw new Error('WebCrypto exported a malformed public key');
    return pub;
  }
  return noble.getPublicKeyAsync(secretKey);
}

export async function signBytes(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  checkLength(secretKey, SECRET_KEY_BYTES, 'an Ed25519 secret key');
  if ((await ed25519Backend()) === 'webcrypto') {
    const s = subtle()!;
    const key = await s.importKey('pkcs8', pkcs8(secretKey), ALG, false, ['sign']);
    return new Uint8Array(await s.sign(ALG, key, ownBytes(message)));
  }
  return noble.signAsync(message, secretKey);
}

/** True only for a valid signature; malformed keys or signatures give false, never a throw. */
export async function verifyBytes(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    if ((await ed25519Backend()) === 'webcrypto') {
      const s = subtle()!;
      const key = await s.importKey('raw', ownBytes(publicKey), ALG, false, ['verify']);
      return await s.verify(ALG, key, ownBytes(signature), ownBytes(message));
    }
    return await noble.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
