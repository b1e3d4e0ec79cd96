/**
 * The simulated world around a catalogue: for every product its issuer group, its latent taste
 * vector and a few flags; for every archetype (customer segment) its centre in taste space.
 *
 * Latent tastes. Each product j has a vector v_j ∈ R^D (D = TASTE_DIM) made of a part shared by
 * its subtype and a part of its own:  v_j = (0.6·s_subtype + 0.8·e_j) / √D  with s, e standard normal.
 * A person's taste for j is w·v_j (see population.ts), w = archetype centre + individual noise.
 * The vectors depend only on (seed, subtype) and (seed, product id), never on catalogue order,
 * so a product keeps its tastes when the catalogue grows.
 *
 * Issuer groups: a bank, its wealth-management subsidiary, its fund house and its insurer
 * belong together (招商银行, 招银理财, 招商基金 …): a person loyal to a bank leans to the whole group.
 */
import type { Product, ProductKind } from '../../src/lib/domain/product';
import { PRODUCT_KINDS } from '../../src/lib/domain/product';
import { popularityOf } from '../../src/lib/engine/recommend';
import { normal, Rng } from './random';

export const TASTE_DIM = 8;

export const ARCHETYPES = ['saver', 'wealth_builder', 'investor', 'spender', 'family', 'borrower'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Mean taste of each archetype for each kind (a person adds their own noise). */
export const ARCHETYPE_KIND_TASTE: Record<Archetype, Record<ProductKind, number>> = {
  saver: { deposit: 1.2, wealth: 0.5, fund: -0.6, bond: 0.5, insurance: 0, credit_card: -0.4, loan: -1 },
  wealth_builder: { deposit: 0.2, wealth: 1.1, fund: 0.5, bond: 0.2, insurance: 0, credit_card: -0.2, loan: -0.6 },
  investor: { deposit: -0.4, wealth: 0.2, fund: 1.2, bond: 0.4, insurance: -0.2, credit_card: 0, loan: -0.6 },
  spender: { deposit: -0.2, wealth: -0.3, fund: 0, bond: -0.6, insurance: -0.2, credit_card: 1.2, loan: 0.3 },
  family: { deposit: 0.4, wealth: 0.2, fund: -0.1, bond: 0, insurance: 1.1, credit_card: -0.1, loan: 0.2 },
  borrower: { deposit: -0.4, wealth: -0.5, fund: -0.3, bond: -0.6, insurance: -0.1, credit_card: 0.6, loan: 1.2 }
};

/** demo issuer ids that belong to a bank's group (besides `<bank>wm`, the wealth subsidiaries) */
const GROUP_OF: Readonly<Record<string, string>> = {
  cmfchina: 'cmb',
  cmg: 'cmb',
  icbccs: 'icbc',
  pingan: 'pab',
  pinganpc: 'pab',
  pawm: 'pab',
  cpicpc: 'cpic',
  piccpc: 'picc',
  picchealth: 'picc'
};

/** The issuer group of a product: the demo's `issuerId` mapped to its bank group, else the issuer. */
export function issuerGroup(p: Product): string {
  const raw = p['issuerId'];
  const id = typeof raw === 'string' && raw !== '' ? raw : p.issuer;
  const mapped = GROUP_OF[id];
  if (mapped) return mapped;
  if (/^[a-z]+wm$/.test(id)) return id.slice(0, -2);
  return id;
}

/** Kinds where the minimum amount is money the person puts in (so they must have it). */
const INVESTMENT_KINDS: ReadonlySet<ProductKind> = new Set<ProductKind>(['deposit', 'wealth', 'fund', 'bond']);
/** Term deposits: what UCI's `y` counts (a demand account is not a term deposit). */
export const TERM_DEPOSIT_SUBTYPES: ReadonlySet<string> = new Set(['time', 'large_cd']);

export function isTermDeposit(p: Product): boolean {
  return p.kind === 'deposit' && TERM_DEPOSIT_SUBTYPES.has(p.subtype);
}

export interface WorldItem {
  product: Product;
  index: number;
  group: string;
  popularity: number;
  vector: Float64Array;
  /** buying it takes money the person has (deposits, wealth, funds, bonds) */
  investment: boolean;
  termDeposit: boolean;
}

export interface World {
  seed: number;
  items: WorldItem[];
  byId: Map<string, WorldItem>;
  /** item indices of each kind, most popular first (ties by id): the bank's product list order */
  byKind: Map<ProductKind, number[]>;
  termDeposits: number[];
  /** groups that take deposits, with a weight (Σ popularity of their deposits): "my bank" candidates */
  homeBanks: { group: string; weight: number }[];
  archetypeCentres: Record<Archetype, Float64Array>;
}

function gaussianVector(rng: Rng, d: number): Float64Array {
  const v = new Float64Array(d);
  for (let i = 0; i < d; i++) v[i] = normal(rng);
  return v;
}

export function createWorld(products: readonly Product[], seed: number): World {
  const seen = new Set<string>();
  const unique = products.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  const subtypeVec = new Map<string, Float64Array>();
  const scale = 1 / Math.sqrt(TASTE_DIM);
  const items: WorldItem[] = unique.map((product, index) => {
    const key = `${product.kind}/${product.subtype}`;
    let s = subtypeVec.get(key);
    if (!s) subtypeVec.set(key, (s = gaussianVector(Rng.stream(seed, `subtype/${key}`), TASTE_DIM)));
    const e = gaussianVector(Rng.stream(seed, `item/${product.id}`), TASTE_DIM);
    const vector = new Float64Array(TASTE_DIM);
    for (let i = 0; i < TASTE_DIM; i++) vector[i] = (0.6 * s[i]! + 0.8 * e[i]!) * scale;
    return {
      product,
      index,
      group: issuerGroup(product),
      popularity: popularityOf(product),
      vector,
      investment: INVESTMENT_KINDS.has(product.kind),
      termDeposit: isTermDeposit(product)
    };
  });
  const byId = new Map(items.map((it) => [it.product.id, it]));
  const byKind = new Map<ProductKind, number[]>();
  for (const kind of PRODUCT_KINDS) {
    byKind.set(
      kind,
      items
        .filter((it) => it.product.kind === kind)
        .sort((a, b) => b.popularity - a.popularity || (a.product.id < b.product.id ? -1 : 1))
        .map((it) => it.index)
    );
  }
  const bankWeight = new Map<string, number>();
  for (const it of items) if (it.product.kind === 'deposit') bankWeight.set(it.group, (bankWeight.get(it.group) ?? 0) + Math.max(0.05, it.popularity));
  const homeBanks = [...bankWeight.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([group, weight]) => ({ group, weight }));
  const archetypeCentres = {} as Record<Archetype, Float64Array>;
  for (const a of ARCHETYPES) archetypeCentres[a] = gaussianVector(Rng.stream(seed, `archetype/${a}`), TASTE_DIM);
  return {
    seed,
    items,
    byId,
    byKind,
    termDeposits: items.filter((it) => it.termDeposit).map((it) => it.index),
    homeBanks,
    archetypeCentres
  };
}
