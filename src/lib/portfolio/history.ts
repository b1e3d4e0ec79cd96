/**
 * What a class mix would have done on the real months: rebalanced to its weights every month (as the
 * optimiser assumes), its worst fall from a peak, its worst twelve consecutive months, the two stress
 * episodes, and how its realised volatility ranged over rolling three-year windows.
 */
import type { ClassEstimate } from './estimate';

/** the stress episodes: calendar 2008 (the global financial crisis) and the A-share crash of June–August 2015 */
export const STRESS_SCENARIOS = {
  '2008': { from: '2008-01', to: '2008-12' },
  '2015': { from: '2015-06', to: '2015-08' }
} as const;
export type StressScenario = keyof typeof STRESS_SCENARIOS;

export interface MixHistory {
  /** the mix's return each month, aligned with `months` */
  monthly: number[];
  months: string[];
  /** largest peak-to-trough fall of the wealth curve, as a (negative) return */
  maxDrawdown: number;
  /** the worst compounded return over twelve consecutive months */
  worst12m: number;
  stress: { scenario: StressScenario; return: number }[];
  /** lowest and highest annualised volatility over rolling 36-month windows */
  rollingVolatility: { min: number; max: number };
}

const ROLLING_MONTHS = 36;

export function compound(returns: readonly number[]): number {
  return returns.reduce((w, r) => w * (1 + r), 1) - 1;
}

/** `weights`: one per class of `est.classes` (a class outside them, such as protection, earns nothing). */
export function mixHistory(weights: readonly number[], est: ClassEstimate): MixHistory {
  const monthly = est.returns.map((row) => row.reduce((s, r, i) => s + r * (weights[i] ?? 0), 0));
  let peak = 1;
  let wealth = 1;
  let maxDrawdown = 0;
  for (const r of monthly) {
    wealth *= 1 + r;
    peak = Math.max(peak, wealth);
    maxDrawdown = Math.min(maxDrawdown, wealth / peak - 1);
  }
  let worst12m = Infinity;
  for (let t = 0; t + 12 <= monthly.length; t++) worst12m = Math.min(worst12m, compound(monthly.slice(t, t + 12)));
  const stress = (Object.keys(STRESS_SCENARIOS) as StressScenario[]).map((scenario) => {
    const { from, to } = STRESS_SCENARIOS[scenario];
    const inside = monthly.filter((_, t) => est.months[t]! >= from && est.months[t]! <= to);
    return { scenario, return: compound(inside) };
  });
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t + ROLLING_MONTHS <= monthly.length; t++) {
    const w = monthly.slice(t, t + ROLLING_MONTHS);
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    const vol = Math.sqrt((w.reduce((a, b) => a + (b - m) ** 2, 0) / (w.length - 1)) * 12);
    min = Math.min(min, vol);
    max = Math.max(max, vol);
  }
  return { monthly, months: est.months, maxDrawdown, worst12m, stress, rollingVolatility: { min, max } };
}
