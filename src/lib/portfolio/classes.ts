/**
 * Asset classes, the index behind each, and which class a product is.
 *
 * A product maps to an exposure over the classes: most to one class, a mixed (balanced) fund or wealth
 * product to half Chinese equity and half bonds — the usual split of China's 混合型 products, and what
 * keeps a C3 person's only route to equities from being treated as an equity index. Protection is
 * insurance: a premium spent on cover, outside the mean–variance mix (zero return, zero volatility here).
 */
import type { Product } from '../domain/product';

export const ASSET_CLASSES = ['cash', 'bond', 'cn_equity', 'global_equity', 'gold', 'protection'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** the classes with a return series: what the estimate and the optimiser see */
export const MARKET_CLASSES = ['cash', 'bond', 'cn_equity', 'global_equity', 'gold'] as const;
export type MarketClass = (typeof MARKET_CLASSES)[number];

/** the column of models/asset-classes/monthly-returns.csv each market class is estimated from */
export const CLASS_SERIES: Record<MarketClass, string> = {
  cash: 'MMF_Index',
  bond: 'CSI_AggBond',
  cn_equity: 'CSI300_TR',
  global_equity: 'SP500TR_CNY',
  gold: 'Au9999'
};

export type Exposure = Partial<Record<MarketClass, number>>;

/**
 * A sleeve: the products that share one exposure. The optimiser chooses sleeve weights; the class mix is
 * each sleeve's weight times its exposure.
 */
export const SLEEVES = ['cash', 'bond', 'mixed', 'cn_equity', 'global_equity', 'gold'] as const;
export type Sleeve = (typeof SLEEVES)[number];

export const SLEEVE_EXPOSURE: Record<Sleeve, Exposure> = {
  cash: { cash: 1 },
  bond: { bond: 1 },
  mixed: { cn_equity: 0.5, bond: 0.5 },
  cn_equity: { cn_equity: 1 },
  global_equity: { global_equity: 1 },
  gold: { gold: 1 }
};

/** the class a holding of the sleeve is listed under (a mixed product under its riskier half) */
export const SLEEVE_CLASS: Record<Sleeve, MarketClass> = {
  cash: 'cash',
  bond: 'bond',
  mixed: 'cn_equity',
  cn_equity: 'cn_equity',
  global_equity: 'global_equity',
  gold: 'gold'
};

const PROTECTION_SUBTYPES = new Set(['critical_illness', 'medical', 'accident', 'term_life']);

/**
 * Where a product belongs: a sleeve, 'protection', or null (not part of a portfolio: cards, loans, and
 * savings insurance — annuities and education plans lock money for decades and have no market series).
 */
export function sleeveOf(p: Product): Sleeve | 'protection' | null {
  if (p.tags.includes('gold') || p.subtype === 'gold') return 'gold';
  switch (p.kind) {
    case 'deposit':
      return 'cash';
    case 'wealth':
      if (p.subtype === 'cash_management') return 'cash';
      if (p.subtype === 'mixed') return 'mixed';
      return 'bond';
    case 'fund':
      if (p.subtype === 'money_market') return 'cash';
      if (p.subtype === 'bond') return 'bond';
      if (p.subtype === 'mixed') return 'mixed';
      if (p.subtype === 'qdii' || p.tags.includes('global')) return 'global_equity';
      // an ESG hybrid (R3) holds bonds as well; an ESG equity fund (R4+) is equity
      if (p.subtype === 'esg') return p.riskLevel <= 3 ? 'mixed' : 'cn_equity';
      return 'cn_equity';
    case 'bond':
      return 'bond';
    case 'insurance':
      return PROTECTION_SUBTYPES.has(p.subtype) ? 'protection' : null;
    default:
      return null;
  }
}

/** The look-through class mix of sleeve weights. */
export function classMix(sleeveWeights: Partial<Record<Sleeve, number>>): Record<MarketClass, number> {
  const mix = Object.fromEntries(MARKET_CLASSES.map((c) => [c, 0])) as Record<MarketClass, number>;
  for (const s of SLEEVES) {
    const w = sleeveWeights[s] ?? 0;
    for (const [c, share] of Object.entries(SLEEVE_EXPOSURE[s]) as [MarketClass, number][]) mix[c] += w * share;
  }
  return mix;
}
