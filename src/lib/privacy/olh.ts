/**
 * Optimised local hashing (OLH), Wang, Blocki, Li and Jha, "Locally Differentially Private
 * Protocols for Frequency Estimation", USENIX Security 2017.
 *
 * A person holding value v draws a public random hash function H from a family mapping the domain
 * to [0, g) (here: a random 32-bit seed, see hash.ts), computes x = H(v), and reports (seed, y) with
 *   y = x                    with probability p = e^ε / (e^ε + g − 1)
 *   y = any other of [0, g)  each with probability q' = 1 / (e^ε + g − 1)
 * The ratio of any output's probability under two inputs is at most p / q' = e^ε: ε-LDP.
 *
 * The server says a report "supports" a domain value u when H(u) = y. For the reporter's own value
 * that happens with probability p; for any other value with probability q = 1/g (the hash of u is
 * uniform and independent of H(v)). With C_u supports among n reports and F_u reports holding u,
 * E[C_u] = n·q + (p − q)·F_u, so F̂_u = (C_u − n·q) / (p − q) is unbiased, with
 *   Var[F̂_u] = [n·q(1 − q) + F_u·(p − q)(1 − p − q)] / (p − q)²,
 * about 4e^ε/(e^ε − 1)² per report for rare values at the optimal g = e^ε + 1 (rounded).
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Uniform numbers from the platform's CSPRNG (Web Crypto, in browsers and in Node ≥ 19). */
export function cryptoRng(): Rng {
  const c = (globalThis as { crypto?: { getRandomValues<T extends ArrayBufferView>(a: T): T } }).crypto;
  if (!c) throw new Error('no crypto.getRandomValues on this platform: pass an rng');
  const buf = new Uint32Array(64);
  let at = buf.length;
  return () => {
    if (at + 2 > buf.length) {
      c.getRandomValues(buf);
      at = 0;
    }
    // 53 random bits
    const hi = buf[at++]! >>> 5;
    const lo = buf[at++]! >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
}

/** A uniform 32-bit seed. */
export function randomSeed(rng: Rng): number {
  return Math.floor(rng() * 4294967296) >>> 0;
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

export interface OlhParams {
  /** the privacy parameter of this one randomisation */
  readonly epsilon: number;
  /** hash range */
  readonly g: number;
  /** probability of reporting the true hash value */
  readonly p: number;
  /** probability that a report supports a value the reporter does not hold (1/g) */
  readonly q: number;
}

/** OLH's variance-optimal hash range, g = round(e^ε + 1) (at least 2). */
export function optimalG(epsilon: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new Error(`epsilon must be a positive number, got ${epsilon}`);
  return Math.max(2, Math.round(Math.exp(epsilon) + 1));
}

export function olhParams(epsilon: number, g: number = optimalG(epsilon)): OlhParams {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new Error(`epsilon must be a positive number, got ${epsilon}`);
  if (!Number.isInteger(g) || g < 2) throw new Error(`g must be an integer ≥ 2, got ${g}`);
  const e = Math.exp(epsilon);
  return { epsilon, g, p: e / (e + g - 1), q: 1 / g };
}

/** Randomise a hash value x ∈ [0, g): keep it with probability p, else a uniform other value. */
export function perturb(x: number, params: OlhParams, rng: Rng): number {
  const { g, p } = params;
  if (rng() < p) return x;
  const other = randomInt(rng, g - 1);
  return other >= x ? other + 1 : other;
}

/**
 * Variance of the support count C_u of one value among n reports in which the value's
 * per-report inclusion probabilities π sum to F: n·q(1−q) + (p−q)(1−2q)·F − (p−q)²·Σπ².
 * The last term is dropped (so this is an upper bound, exact when F = 0); it is at most
 * (p−q)²·F/ℓ under padding and sampling with pad length ℓ.
 */
export function supportVariance(n: number, F: number, params: OlhParams): number {
  const { p, q } = params;
  return n * q * (1 - q) + (p - q) * (1 - 2 * q) * Math.max(0, F);
}

/** Per-report variance of a count estimate for a rare value: q(1−q)/(p−q)² (≈ 4e^ε/(e^ε−1)² at the optimal g). */
export function varianceFactor(params: OlhParams): number {
  const { p, q } = params;
  return (q * (1 - q)) / ((p - q) * (p - q));
}
