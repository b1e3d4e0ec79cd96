/**
 * The house rules an allocation follows: the risk it aims for, the cash it keeps, and its limits. Numbers an
 * adviser can read and argue with, in one place.
 */
import type { Liquidity } from '../domain/product';
import type { Sleeve } from './classes';

/**
 * Annual volatility aimed for at each assessed level over a long horizon (≥ 36 months): C1 barely above
 * cash, C2 about a bond index, C3 a balanced fund, C4 and C5 most of an equity-index risk.
 */
export const TARGET_VOLATILITY: Record<1 | 2 | 3 | 4 | 5, number> = { 1: 0.01, 2: 0.03, 3: 0.06, 4: 0.1, 5: 0.15 };

/** the horizon at and beyond which the full target applies */
export const FULL_HORIZON_MONTHS = 36;
/** the least share of the target a very short horizon keeps */
export const SHORTEST_HORIZON_SHARE = 0.4;
export const DEFAULT_HORIZON_MONTHS = 36;

/**
 * The target for a level and a horizon: money needed soon cannot wait out a fall, so the target shrinks
 * linearly from the full one at 36 months to 40 % of it at 0.
 */
export function targetVolatility(level: 1 | 2 | 3 | 4 | 5, horizonMonths: number): number {
  const share = SHORTEST_HORIZON_SHARE + (1 - SHORTEST_HORIZON_SHARE) * Math.min(1, Math.max(0, horizonMonths) / FULL_HORIZON_MONTHS);
  return TARGET_VOLATILITY[level] * share;
}

/** the emergency reserve held in cash, by how much of the money must stay reachable */
export const CASH_RESERVE: Record<Liquidity, number> = { high: 0.25, medium: 0.1, low: 0.05 };
export const DEFAULT_CASH_RESERVE = CASH_RESERVE.medium;

/** the most any sleeve may take (gold and foreign equity are satellites, not the core) */
export const SLEEVE_MAX: Record<Sleeve, number> = { cash: 1, bond: 1, mixed: 0.6, cn_equity: 0.6, global_equity: 0.3, gold: 0.1 };

/** at most this share of the money in one product, and in one issuer */
export const PRODUCT_MAX_SHARE = 0.25;
export const ISSUER_MAX_SHARE = 0.4;

/** amounts are whole multiples of this (yuan), above each product's minimum; the rest stays in cash */
export const AMOUNT_STEP = 100;

/** a protection policy is added when the person asks for protection and its premium is at most this share */
export const PROTECTION_MAX_SHARE = 0.05;
