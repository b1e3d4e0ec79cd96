/**
 * IEEE 754 binary16 by hand (no Float16Array in Node 20): round-to-nearest-even straight from the
 * double (no float32 step, so no double rounding). |v| beyond 65504 saturates to ±65504 — callers
 * scale first; NaN throws (a model never should produce one).
 */
const MAX_HALF = 65504;

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function toHalfBits(v: number): number {
  if (Number.isNaN(v)) throw new Error('float16: NaN');
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  let a = Math.abs(v);
  if (a >= MAX_HALF) a = MAX_HALF;
  if (a < 2 ** -14) {
    // subnormal (or zero): a multiple of 2^-24; 1024 rounds up into the smallest normal, same bits
    return sign | roundHalfEven(a * 2 ** 24);
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let mant = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (mant === 1024) {
    mant = 0;
    e++;
  }
  if (e > 15) return sign | 0x7bff; // cannot happen after the clamp, kept for safety
  return sign | ((e + 15) << 10) | mant;
}

export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** Power-of-two scale s so that max|v|/s lies in [2^14, 2^15): full float16 precision, no overflow. */
export function halfScale(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > max) max = a;
  }
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  return 2 ** (Math.floor(Math.log2(max)) - 14);
}
