/**
 * The seeded demo catalogue, as a pure function (no Node, no DOM): safe to import from the
 * browser, a worker or a benchmark. `generate.ts` is the command-line wrapper.
 *
 * Every subtype draws from its own seeded stream and numbers its own ids, so a product depends
 * only on (seed, subtype, its index within the subtype): the first products of every subtype are
 * the same whatever `count` is, and ids stay stable as the catalogue grows.
 */
import type { Catalogue } from '../../src/lib/domain/catalogue';
import type { Product, ProductKind } from '../../src/lib/domain/product';
import { BOND_SUBTYPES } from './bonds';
import { CARD_SUBTYPES } from './cards';
import { DEPOSIT_SUBTYPES } from './deposits';
import { FUND_SUBTYPES } from './funds';
import { INSURANCE_SUBTYPES } from './insurance';
import { LOAN_SUBTYPES } from './loans';
import type { BuildContext, SubtypeSpec } from './product';
import { Rng } from './rng';
import { WEALTH_SUBTYPES } from './wealth';

export const DEMO_SEED = 2026;
export const DEMO_COUNT = 320;
/** fixed, so the committed file is reproducible */
export const GENERATED_AT = '2026-11-01T00:00:00.000Z';
export const CATALOGUE_VERSION = 1;

/** every subtype, in catalogue order; the weights add up to DEMO_COUNT */
export const SUBTYPE_SPECS: readonly SubtypeSpec[] = [
  ...DEPOSIT_SUBTYPES,
  ...WEALTH_SUBTYPES,
  ...FUND_SUBTYPES,
  ...BOND_SUBTYPES,
  ...INSURANCE_SUBTYPES,
  ...CARD_SUBTYPES,
  ...LOAN_SUBTYPES
];

/** the subtype ids used for each kind */
export const SUBTYPES_BY_KIND: Readonly<Record<ProductKind, readonly string[]>> = {
  deposit: subtypesOf('deposit'),
  wealth: subtypesOf('wealth'),
  fund: subtypesOf('fund'),
  bond: subtypesOf('bond'),
  insurance: subtypesOf('insurance'),
  credit_card: subtypesOf('credit_card'),
  loan: subtypesOf('loan')
};

function subtypesOf(kind: ProductKind): string[] {
  return SUBTYPE_SPECS.filter((s) => s.kind === kind).map((s) => s.subtype);
}

export interface GenerateOptions {
  /** any integer; taken modulo 2^32 */
  seed: number;
  /** how many products, 0 or more */
  count: number;
}

/**
 * How many products each subtype gets: proportional to the weights (largest remainder), and
 * at least one of each whenever count allows it. For count = DEMO_COUNT it is exactly the weights.
 */
export function allocate(count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (w * count) / total);
  const out = quotas.map((q) => Math.floor(q));
  let left = count - out.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  if (count >= weights.length) {
    for (let i = 0; i < out.length; i++) {
      if ((out[i] ?? 0) > 0) continue;
      let donor = 0;
      for (let j = 1; j < out.length; j++) if ((out[j] ?? 0) > (out[donor] ?? 0)) donor = j;
      out[donor] = (out[donor] ?? 0) - 1;
      out[i] = 1;
    }
  }
  return out;
}

/** Builds the demo catalogue: `count` products, deterministic in `seed`. */
export function generateCatalogue({ seed, count }: GenerateOptions): Catalogue {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts = allocate(
    count,
    SUBTYPE_SPECS.map((s) => s.weight)
  );
  const idCounters = new Map<string, number>();
  const products: Product[] = [];
  SUBTYPE_SPECS.forEach((spec, s) => {
    const n = counts[s] ?? 0;
    if (n === 0) return;
    const rng = Rng.stream(seed, `${spec.kind}/${spec.subtype}`);
    const cycles = new Map<readonly unknown[], { order: number[]; pos: number }>();
    const ctx: BuildContext = {
      rng,
      index: 0,
      id(stem) {
        const k = (idCounters.get(stem) ?? 0) + 1;
        idCounters.set(stem, k);
        return `${stem}-${String(k).padStart(3, '0')}`;
      },
      cycle<T>(list: readonly T[]): T {
        let c = cycles.get(list);
        if (!c) {
          c = { order: rng.permutation(list.length), pos: 0 };
          cycles.set(list, c);
        }
        const v = list[c.order[c.pos % list.length] ?? 0];
        c.pos++;
        if (v === undefined) throw new Error('cycle over an empty list');
        return v;
      }
    };
    for (let i = 0; i < n; i++) {
      ctx.index = i;
      products.push(spec.build(ctx));
    }
  });
  const seen = new Set<string>();
  for (const p of products) {
    if (seen.has(p.id)) throw new Error(`duplicate product id ${p.id}`);
    seen.add(p.id);
  }
  return { version: CATALOGUE_VERSION, generatedAt: GENERATED_AT, products };
}
