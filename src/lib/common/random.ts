/**
 * Seeded pseudo-random numbers in [0, 1), identical in every JavaScript runtime (integer ops only):
 * the demo catalogue, the simulator, CF splits and tests draw from mulberry32; the ranker's initial
 * weights from xorshift32 (the shipped model was trained from it, so it stays). Not cryptographic.
 */

/** mulberry32 (Tommy Ettinger's 32-bit generator). */
export function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia's xorshift32; a zero seed (which would stay zero) starts from 1. */
export function xorshift32(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
