import type { Product } from '../domain/product';
import { TERM_BUCKETS, termBucket } from '../vocab/terms';

/**
 * Content features. Each product becomes a sparse vector over named features; ordinal
 * features (risk, liquidity, term, return) also light up their neighbours at half weight,
 * so R2 is closer to R3 than to R5. Similarity is the cosine of two vectors.
 */
export type FeatureVector = ReadonlyMap<string, number>;

const W = {
  kind: 0.8,
  subtype: 1.0,
  risk: 0.6,
  liquidity: 0.4,
  term: 0.4,
  ret: 0.4,
  tag: 0.35,
  issuer: 0.25
} as const;

const LIQ_ORDER = ['low', 'medium', 'high'] as const;
const RET_ORDER = ['r0', 'r1', 'r2', 'r3', 'r4'] as const;

/** expected annual return: < 1.5 %, < 3 %, < 5 %, < 8 %, higher; null when there is none */
export function returnBucket(expectedReturn: number | null): (typeof RET_ORDER)[number] | null {
  if (expectedReturn === null) return null;
  if (expectedReturn < 1.5) return 'r0';
  if (expectedReturn < 3) return 'r1';
  if (expectedReturn < 5) return 'r2';
  if (expectedReturn < 8) return 'r3';
  return 'r4';
}

function addOrdinal(v: Map<string, number>, prefix: string, order: readonly string[], value: string, w: number): void {
  const i = order.indexOf(value);
  if (i < 0) return;
  v.set(`${prefix}:${value}`, (v.get(`${prefix}:${value}`) ?? 0) + w);
  for (const j of [i - 1, i + 1]) {
    const n = order[j];
    if (n !== undefined) v.set(`${prefix}:${n}`, (v.get(`${prefix}:${n}`) ?? 0) + w / 2);
  }
}

export function productFeatures(p: Product): FeatureVector {
  const v = new Map<string, number>();
  v.set(`kind:${p.kind}`, W.kind);
  v.set(`subtype:${p.subtype.toLowerCase()}`, W.subtype);
  addOrdinal(v, 'risk', ['1', '2', '3', '4', '5'], String(p.riskLevel), W.risk);
  addOrdinal(v, 'liq', LIQ_ORDER, p.liquidity, W.liquidity);
  addOrdinal(v, 'term', TERM_BUCKETS, termBucket(p.termMonths), W.term);
  const rb = returnBucket(p.expectedReturn);
  if (rb !== null) addOrdinal(v, 'ret', RET_ORDER, rb, W.ret);
  for (const t of new Set(p.tags.map((t) => t.toLowerCase()))) v.set(`tag:${t}`, W.tag);
  v.set(`issuer:${p.issuer.toLowerCase()}`, W.issuer);
  return v;
}

function norm(v: FeatureVector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function cosine(a: FeatureVector, b: FeatureVector): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return dot / (na * nb);
}

/** Product-to-product cosine similarity over a fixed product list, vectors built once. */
export class SimilarityIndex {
  private readonly vectors = new Map<string, { v: FeatureVector; n: number }>();
  private static readonly built = new WeakMap<readonly Product[], SimilarityIndex>();

  /** The index of a catalogue array, built once and kept beside it (20,000 vectors are not rebuilt for every list). */
  static of(products: readonly Product[]): SimilarityIndex {
    let index = SimilarityIndex.built.get(products);
    if (!index) SimilarityIndex.built.set(products, (index = new SimilarityIndex(products)));
    return index;
  }

  constructor(products: readonly Product[]) {
    for (const p of products) {
      const v = productFeatures(p);
      this.vectors.set(p.id, { v, n: norm(v) });
    }
  }

  has(id: string): boolean {
    return this.vectors.has(id);
  }

  similarity(a: string, b: string): number {
    const va = this.vectors.get(a);
    const vb = this.vectors.get(b);
    if (!va || !vb || va.n === 0 || vb.n === 0) return 0;
    const [small, large] = va.v.size <= vb.v.size ? [va.v, vb.v] : [vb.v, va.v];
    let dot = 0;
    for (const [k, x] of small) {
      const y = large.get(k);
      if (y !== undefined) dot += x * y;
    }
    return dot / (va.n * vb.n);
  }
}
