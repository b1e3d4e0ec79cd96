/** The shared shape every subtype builder fills in, and the context it builds with. */
import type { Liquidity, Product, ProductKind, RiskLevel } from '../../src/lib/domain/product';
import type { Issuer } from './issuers';
import { clamp, round3 } from './format';
import type { Rng } from './rng';

export type Text = { 'zh-CN': string; en: string };
export type Eligibility = { minAge?: number; maxAge?: number; minIncome?: number };
export type Extra = string | number | boolean | null | { [k: string]: number | string };
/** The schema's optional per-kind fields (premium, coverage, fee waiver, benefits, loan ranges …). */
export type KindFields = Pick<
  Product,
  'premium' | 'coverage' | 'waitingPeriodDays' | 'premiumYears' | 'annualFeeWaiver' | 'benefits' | 'aprRange' | 'termRange' | 'maxAmount'
>;

/** What a builder gets for each product of its subtype. */
export interface BuildContext {
  /** this subtype's own seeded stream: independent of every other subtype and of `count` */
  rng: Rng;
  /** index of this product within its subtype, from 0 */
  index: number;
  /** a unique id `${stem}-${nnn}`; the number counts products with this stem */
  id(stem: string): string;
  /** the next element of a seeded shuffle of `list`, cycling; spreads products over issuers evenly */
  cycle<T>(list: readonly T[]): T;
}

export interface SubtypeSpec {
  kind: ProductKind;
  subtype: string;
  /** share of the default 320-product catalogue (the weights of all subtypes add up to 320) */
  weight: number;
  build(ctx: BuildContext): Product;
}

export interface ProductInput {
  id: string;
  kind: ProductKind;
  subtype: string;
  issuer: Issuer;
  name: Text;
  description: Text;
  riskLevel: RiskLevel;
  currency?: string;
  expectedReturn?: number | null;
  apr?: number | null;
  annualFee?: number | null;
  termMonths: number | null;
  minAmount: number | null;
  liquidity: Liquidity;
  eligibility?: Eligibility;
  tags: readonly (string | false | undefined)[];
  popularity: number;
  kindFields?: KindFields;
  extra?: Record<string, Extra>;
}

/** Lays a product out in the contract's field order, then the demo extras. */
export function makeProduct(p: ProductInput): Product {
  const tags = [...new Set(p.tags.filter((t): t is string => typeof t === 'string' && t.length > 0))];
  return {
    id: p.id,
    kind: p.kind,
    subtype: p.subtype,
    issuer: p.issuer.zh,
    name: p.name,
    description: p.description,
    riskLevel: p.riskLevel,
    currency: p.currency ?? 'CNY',
    expectedReturn: p.expectedReturn ?? null,
    apr: p.apr ?? null,
    annualFee: p.annualFee ?? null,
    termMonths: p.termMonths,
    minAmount: p.minAmount,
    liquidity: p.liquidity,
    eligibility: p.eligibility ?? {},
    tags,
    ...(p.kindFields ?? {}),
    popularity: p.popularity,
    demo: true,
    issuerId: p.issuer.code,
    issuerName: { 'zh-CN': p.issuer.zh, en: p.issuer.en },
    ...(p.extra ?? {})
  };
}

/** Popularity in [0.01, 0.99]: a subtype base, nudged by how well known the issuer is, plus seeded noise. */
export function popularity(rng: Rng, base: number, issuer: Issuer): number {
  return round3(clamp(base * (0.75 + 0.25 * issuer.weight) + rng.between(-0.08, 0.08), 0.01, 0.99));
}

/** the English risk words used as tags, so "low-risk" in a query finds R1–R2 products */
export function riskTag(r: RiskLevel): string {
  return r <= 2 ? 'low-risk' : r === 3 ? 'medium-risk' : 'high-risk';
}
