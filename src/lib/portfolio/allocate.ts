/**
 * A portfolio for one person: sleeve weights from the optimiser, then concrete products for each sleeve in
 * the order the recommendation pipeline ranked them (so the person's preferences and requests count),
 * amounts rounded above each product's minimum, and the limits on one product and one issuer. The figures
 * are those of the mix actually held, after rounding.
 */
import type { Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import { effectiveRiskLevel, passesGate } from '../domain/suitability';
import type { Reason } from '../engine/types';
import { ASSET_CLASSES, classMix, MARKET_CLASSES, SLEEVE_CLASS, SLEEVES, sleeveOf, type AssetClass, type Sleeve } from './classes';
import type { ClassEstimate } from './estimate';
import { mixHistory, type MixHistory } from './history';
import { optimiseSleeves, portfolioReturn, portfolioVolatility, sleeveProblem } from './optimise';
import {
  AMOUNT_STEP,
  CASH_RESERVE,
  DEFAULT_CASH_RESERVE,
  DEFAULT_HORIZON_MONTHS,
  ISSUER_MAX_SHARE,
  PRODUCT_MAX_SHARE,
  PROTECTION_MAX_SHARE,
  SLEEVE_MAX,
  targetVolatility
} from './policy';

export interface RankedItem {
  productId: string;
  reasons?: readonly Reason[];
}

export interface AllocationInput {
  products: readonly Product[];
  profile: Profile;
  /** CNY to invest */
  amount: number;
  /** default: the profile's horizon, else 36 months */
  horizonMonths?: number;
  /** the pipeline's list, best first: only products that passed its gate (each is checked again here) */
  ranked: readonly RankedItem[];
  estimate: ClassEstimate;
}

export type HoldingRole = 'reserve' | 'core' | 'protection';

export interface Holding {
  productId: string;
  sleeve: Sleeve | 'protection';
  assetClass: AssetClass;
  amount: number;
  weight: number;
  /** the cash reserve, a share of the optimised mix, or the protection the person asked for */
  role: HoldingRole;
  /** the sleeve's share of the whole amount (for "why": "bonds are 45 % of the mix") */
  sleeveWeight: number;
  /** the pipeline's reasons for the product */
  reasons: readonly Reason[];
}

export interface Allocation {
  riskLevel: 1 | 2 | 3 | 4 | 5;
  assessed: boolean;
  amount: number;
  horizonMonths: number;
  targetVolatility: number;
  cashReserve: number;
  /** the optimiser's sleeve weights, before products and rounding, and the limits it had for each */
  target: { sleeve: Sleeve; weight: number; min: number; max: number }[];
  holdings: Holding[];
  /** the look-through class mix of the holdings (a mixed product counts half equity, half bonds) */
  assetClasses: { class: AssetClass; weight: number }[];
  /** annual, decimal */
  expectedReturn: number;
  volatility: number;
  /** where 90 % of single years would fall, if returns were normal with these moments */
  yearRange: { low: number; high: number };
  history: MixHistory;
}

const isLevel = (n: number): n is 1 | 2 | 3 | 4 | 5 => n >= 1 && n <= 5 && Number.isInteger(n);

/** What a product is in a portfolio, or null when it cannot be held in one for this person and horizon. */
function placeOf(p: Product, profile: Profile, horizon: number): Sleeve | 'protection' | null {
  // the gate again, at the door: whatever the caller passed, nothing above the level or not eligible
  if (!passesGate(p, profile)) return null;
  // amounts are in yuan: a USD product needs a currency exchange the mix does not model
  if (p.currency !== 'CNY') return null;
  const place = sleeveOf(p);
  // money locked past the horizon is not available when it is needed
  if (place !== 'protection' && p.termMonths !== null && p.termMonths > horizon) return null;
  return place;
}

export function allocate(input: AllocationInput): Allocation {
  const { profile, amount, estimate } = input;
  if (!Number.isFinite(amount) || amount <= 0) throw new Error('allocation: the amount must be a positive number');
  const level = effectiveRiskLevel(profile);
  if (!isLevel(level)) throw new Error(`allocation: risk level ${level} is not 1-5`);
  const horizon = input.horizonMonths ?? profile.horizonMonths ?? DEFAULT_HORIZON_MONTHS;
  const byId = new Map(input.products.map((p) => [p.id, p]));
  const reasonsOf = new Map(input.ranked.map((r) => [r.productId, r.reasons ?? []]));

  const pool = new Map<Sleeve | 'protection', Product[]>();
  for (const { productId } of input.ranked) {
    const p = byId.get(productId);
    const place = p ? placeOf(p, profile, horizon) : null;
    if (!p || !place) continue;
    pool.set(place, [...(pool.get(place) ?? []), p]);
  }
  if (!pool.get('cash')?.length) throw new Error('allocation: no cash product is available for the reserve');

  const holdings: Omit<Holding, 'weight'>[] = [];
  const issuerTotal = new Map<string, number>();
  const take = (p: Product, amt: number, sleeve: Sleeve | 'protection', role: HoldingRole, sleeveWeight: number) => {
    holdings.push({
      productId: p.id,
      sleeve,
      assetClass: sleeve === 'protection' ? 'protection' : SLEEVE_CLASS[sleeve],
      amount: amt,
      role,
      sleeveWeight,
      reasons: reasonsOf.get(p.id) ?? []
    });
    issuerTotal.set(p.issuer, (issuerTotal.get(p.issuer) ?? 0) + amt);
  };

  // protection, when asked for: one policy whose premium is a small share of the money
  let investable = amount;
  if (profile.goals?.includes('protection')) {
    const policy = (pool.get('protection') ?? []).find((p) => {
      const premium = p.premium?.amount ?? p.minAmount ?? 0;
      return premium > 0 && premium <= PROTECTION_MAX_SHARE * amount;
    });
    if (policy) {
      const premium = policy.premium?.amount ?? policy.minAmount ?? 0;
      take(policy, premium, 'protection', 'protection', premium / amount);
      investable -= premium;
    }
  }

  const sleeves = SLEEVES.filter((s) => (pool.get(s)?.length ?? 0) > 0);
  const reserve = profile.liquidityNeed ? CASH_RESERVE[profile.liquidityNeed] : DEFAULT_CASH_RESERVE;
  const target = targetVolatility(level, horizon);
  // a sleeve takes no more than its products can hold under the product cap (two QDII funds: at most 50 %)
  const capacity = (s: Sleeve) => (s === 'cash' ? 1 : Math.min(1, (pool.get(s)!.length * PRODUCT_MAX_SHARE * amount) / investable));
  const problem = sleeveProblem(sleeves, estimate, (s) => ({ min: s === 'cash' ? reserve : 0, max: Math.min(SLEEVE_MAX[s], capacity(s)) }));
  const weights = optimiseSleeves(problem, target);

  // each sleeve spread over enough products that none holds more than the product cap
  const productCap = PRODUCT_MAX_SHARE * amount;
  const issuerCap = ISSUER_MAX_SHARE * amount;
  let carry = 0;
  const order = sleeves
    .map((s, i) => ({ s, w: weights[i]! }))
    .filter((x) => x.s !== 'cash')
    .sort((a, b) => b.w - a.w);
  for (const { s, w } of order) {
    const sleeveAmount = w * investable;
    const count = Math.ceil(sleeveAmount / productCap - 1e-9);
    const share = count > 0 ? sleeveAmount / count : 0;
    let placed = 0;
    let picked = 0;
    for (const p of pool.get(s) ?? []) {
      if (picked === count) break;
      const amt = Math.floor(share / AMOUNT_STEP) * AMOUNT_STEP;
      if (amt < AMOUNT_STEP || amt < (p.minAmount ?? 0)) continue;
      if ((issuerTotal.get(p.issuer) ?? 0) + amt > issuerCap) continue;
      take(p, amt, s, 'core', w * (investable / amount));
      placed += amt;
      picked++;
    }
    // what could not be placed (rounding, minimums, too few products) waits in cash
    carry += sleeveAmount - placed;
  }

  // the cash reserve and whatever rounding left: the most reachable products first, then the pipeline's order
  const cashWeight = weights[sleeves.indexOf('cash')]!;
  const cashAmount = cashWeight * investable + carry;
  const cashPool = [...pool.get('cash')!].sort((a, b) => Number(b.liquidity === 'high') - Number(a.liquidity === 'high'));
  // a little under the cap, so that the rounding remainder still fits under it
  const cashCount = Math.max(1, Math.ceil(cashAmount / Math.max(AMOUNT_STEP, productCap - AMOUNT_STEP) - 1e-9));
  const cashShare = cashAmount / cashCount;
  const cashHoldings: number[] = [];
  for (const p of cashPool) {
    if (cashHoldings.length === cashCount) break;
    const amt = Math.floor(cashShare / AMOUNT_STEP) * AMOUNT_STEP;
    if (amt < (p.minAmount ?? 0)) continue;
    if ((issuerTotal.get(p.issuer) ?? 0) + amt > issuerCap && cashHoldings.length > 0) continue;
    take(p, amt, 'cash', 'reserve', cashWeight * (investable / amount));
    cashHoldings.push(holdings.length - 1);
  }
  // the rounding remainder, to the cash holding with the least in it, so that every yuan is placed
  if (cashHoldings.length === 0) {
    const p = cashPool[0]!;
    take(p, 0, 'cash', 'reserve', cashWeight * (investable / amount));
    cashHoldings.push(holdings.length - 1);
  }
  const placedTotal = holdings.reduce((s, h) => s + h.amount, 0);
  const smallest = cashHoldings.reduce((a, b) => (holdings[b]!.amount < holdings[a]!.amount ? b : a));
  holdings[smallest]!.amount = Math.round((holdings[smallest]!.amount + amount - placedTotal) * 100) / 100;

  const final: Holding[] = holdings.filter((h) => h.amount > 0).map((h) => ({ ...h, weight: h.amount / amount }));
  const sleeveHeld: Partial<Record<Sleeve, number>> = {};
  let protection = 0;
  for (const h of final) {
    if (h.sleeve === 'protection') protection += h.weight;
    else sleeveHeld[h.sleeve] = (sleeveHeld[h.sleeve] ?? 0) + h.weight;
  }
  const mix = classMix(sleeveHeld);
  const classWeights = MARKET_CLASSES.map((c) => mix[c]);
  const expectedReturn = portfolioReturn(classWeights, estimate.expected);
  const volatility = portfolioVolatility(classWeights, estimate.covariance);
  const z90 = 1.6449;
  return {
    riskLevel: level,
    assessed: profile.riskLevel !== null,
    amount,
    horizonMonths: horizon,
    targetVolatility: target,
    cashReserve: reserve,
    target: sleeves.map((sleeve, i) => ({ sleeve, weight: weights[i]!, min: problem.minWeights[i]!, max: problem.maxWeights[i]! })),
    holdings: final,
    assetClasses: ASSET_CLASSES.map((c) => ({ class: c, weight: c === 'protection' ? protection : mix[c] })).filter((x) => x.weight > 0),
    expectedReturn,
    volatility,
    yearRange: { low: expectedReturn - z90 * volatility, high: expectedReturn + z90 * volatility },
    history: mixHistory(classWeights, estimate)
  };
}
