/**
 * Expected returns, volatilities and correlations of the market classes, from the real monthly data.
 *
 * - Window: the months in which every class has data (2004-01 … 2019-08 in the shipped table), so each
 *   statistic sees the same crises (2008, 2015) and correlations are estimated on aligned months.
 * - Volatility: the sample standard deviation, ×√12.
 * - Correlation: Ledoit–Wolf shrinkage towards the identity (ledoit-wolf.ts).
 * - Expected return: not the sample means. Fifteen years of a 30 %-volatility index give a mean with a
 *   standard error of about 8 points a year, so the raw means would steer the optimiser by noise (the
 *   CSI 300's 2005–2007 boom alone). Instead the equilibrium in which every risky class pays the same
 *   reward for its risk: cash earns its own sample mean (money-market returns barely vary, so that mean is
 *   well estimated), and each other class cash + S̄·σ, S̄ being the Sharpe ratio pooled over the risky
 *   classes (the mean of their sample excess returns over the sum of their volatilities), which the data
 *   estimate far more tightly than any one class's mean. Differences between classes then come from
 *   risk and diversification, which the data do measure.
 */
import { CLASS_SERIES, MARKET_CLASSES, type MarketClass } from './classes';
import { shrinkCorrelation } from './ledoit-wolf';
import type { MonthlyReturns } from './returns-data';

export interface ClassEstimate {
  classes: readonly MarketClass[];
  /** the months used, ascending */
  months: string[];
  /** one row a month, one column a class (simple monthly returns) */
  returns: number[][];
  /** annual arithmetic expected return, decimal */
  expected: number[];
  /** annual volatility, decimal */
  volatility: number[];
  correlation: number[][];
  /** annual covariance */
  covariance: number[][];
  /** the pooled Sharpe ratio behind `expected` */
  sharpe: number;
  /** Ledoit–Wolf intensity applied to the correlations */
  shrinkage: number;
}

export function estimateClasses(data: MonthlyReturns): ClassEstimate {
  const series = MARKET_CLASSES.map((c) => {
    const col = data.columns[CLASS_SERIES[c]];
    if (!col) throw new Error(`monthly returns: no column ${CLASS_SERIES[c]} for ${c}`);
    return col;
  });
  const months: string[] = [];
  const returns: number[][] = [];
  data.months.forEach((month, t) => {
    const row = series.map((col) => col[t] ?? null);
    if (row.every((v): v is number => v !== null)) {
      months.push(month);
      returns.push(row as number[]);
    }
  });
  const t = returns.length;
  if (t < 60) throw new Error(`monthly returns: only ${t} months with every class; at least 60 are needed`);
  const n = MARKET_CLASSES.length;
  const mean = Array.from({ length: n }, (_, i) => returns.reduce((s, r) => s + r[i]!, 0) / t);
  const sdPop = mean.map((m, i) => Math.sqrt(returns.reduce((s, r) => s + (r[i]! - m) ** 2, 0) / t));
  const z = returns.map((r) => r.map((v, i) => (v - mean[i]!) / sdPop[i]!));
  const { correlation, intensity } = shrinkCorrelation(z);
  const volatility = mean.map((m, i) => Math.sqrt((returns.reduce((s, r) => s + (r[i]! - m) ** 2, 0) / (t - 1)) * 12));
  const annualMean = mean.map((m) => m * 12);
  const cash = MARKET_CLASSES.indexOf('cash');
  let excess = 0;
  let risk = 0;
  MARKET_CLASSES.forEach((_, i) => {
    if (i === cash) return;
    excess += annualMean[i]! - annualMean[cash]!;
    risk += volatility[i]!;
  });
  const sharpe = Math.max(0, excess / risk);
  const expected = MARKET_CLASSES.map((_, i) => (i === cash ? annualMean[cash]! : annualMean[cash]! + sharpe * volatility[i]!));
  const covariance = correlation.map((row, i) => row.map((c, j) => c * volatility[i]! * volatility[j]!));
  return { classes: MARKET_CLASSES, months, returns, expected, volatility, correlation, covariance, sharpe, shrinkage: intensity };
}
