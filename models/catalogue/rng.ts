/**
 * The seeded generator of the demo catalogue and the simulator: named streams over mulberry32
 * (src/lib/common/random.ts). Not cryptographic; only reproducibility matters.
 */
import { fnv1a } from '../../src/lib/common/hash';
import { mulberry32 } from '../../src/lib/common/random';

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A generator for one named stream, independent of every other stream of the same seed. */
  static stream(seed: number, label: string): Rng {
    // the label's FNV-1a mixed into the seed
    return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ fnv1a(label)) >>> 0);
  }

  /** uniform in [0, 1) */
  float(): number {
    return this.next();
  }

  /** uniform in [lo, hi) */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** uniform integer in [lo, hi], both ends included */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    const v = list[Math.floor(this.next() * list.length)];
    if (v === undefined) throw new Error('pick out of range');
    return v;
  }

  /** a random permutation of 0..n-1 (Fisher–Yates) */
  permutation(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = out[i] as number;
      out[i] = out[j] as number;
      out[j] = t;
    }
    return out;
  }
}
