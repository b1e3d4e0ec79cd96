/**
 * Seeded hashing for optimised local hashing (OLH). Pure, portable integer arithmetic
 * (Math.imul, >>>) so the device and the server compute bit-identical values.
 *
 * A product id is turned into a 64-bit key (two independent 32-bit string hashes), so that
 * two ids of one catalogue collide with probability ≈ d²/2⁶⁵ (3·10⁻¹³ for 3,000 ids) instead of
 * d²/2³³ — a collision would merge two products' counts. A report's hash function H_seed is then
 * a murmur3-style mix of (seed, tag, key) reduced to [0, g) by multiply-shift. Over a random
 * 32-bit seed, the values of distinct keys behave as independent uniform draws from [0, g),
 * which is what OLH's unbiasedness needs (P[H(x) = H(v)] = 1/g for x ≠ v); the statistical
 * tests (tests/unit/privacy-ldp.test.ts) check it empirically.
 */
import { fnv1a } from '../common/hash';

/** murmur3's 32-bit finaliser: a bijection with full avalanche. Returns an unsigned 32-bit value. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A product id as two independent 32-bit words. */
export interface IdKey {
  readonly hi: number;
  readonly lo: number;
}

/** The 64-bit key of a product id (FNV-1a and a multiplicative hash over UTF-16 code units, both finalised). */
export function idKey(id: string): IdKey {
  let b = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    b = Math.imul(b ^ id.charCodeAt(i), 0x5bd1e995);
    b ^= b >>> 15;
  }
  return { hi: fmix32(fnv1a(id)), lo: fmix32(b ^ 0x27d4eb2d) };
}

/** Domain tags: each kind of hashed element gets its own family, so they never share values. */
export const TAG_ITEM = 0x1badb002;
export const TAG_PAIR_FIRST = 0x2c1b3c6d;
export const TAG_PAIR_SECOND = 0x297a2d39;
export const TAG_DUMMY = 0x7feb352d;

/** The per-report, per-tag part of hash32 (computed once per report by the server's loops). */
export function seedMix(seed: number, tag: number): number {
  return fmix32(seed ^ Math.imul(tag, 0x9e3779b1));
}

/** The per-element part of hash32. */
export function keyMix(mixedSeed: number, hi: number, lo: number): number {
  return fmix32((Math.imul(fmix32(mixedSeed ^ hi), 0xcc9e2d51) + lo) | 0);
}

/** The 32-bit hash of (seed, tag, key): keyMix(seedMix(seed, tag), hi, lo). */
export function hash32(seed: number, tag: number, hi: number, lo: number): number {
  return keyMix(seedMix(seed, tag), hi, lo);
}

/** Map a uniform 32-bit value to [0, g) (Lemire's multiply-shift; bias ≤ g/2³²). */
export function toRange(h: number, g: number): number {
  return Math.floor(((h >>> 0) * g) / 4294967296);
}

/** H_seed(key) ∈ [0, g) under a tag. */
export function hashToRange(seed: number, tag: number, key: IdKey, g: number): number {
  return toRange(hash32(seed, tag, key.hi, key.lo), g);
}

/** The hash of the t-th padding (dummy) element of a part, t ≥ 0. */
export function dummyHash(seed: number, t: number, g: number): number {
  return toRange(hash32(seed, TAG_DUMMY, t >>> 0, 0x5f356495), g);
}
