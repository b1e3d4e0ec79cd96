/**
 * Synthetic customers.
 *
 * Calibrated on UCI Bank Marketing (calibration.json, Moro et al. 2014):
 *   (age band, housing loan, personal loan)  drawn jointly from the CSV's counts;
 *   age within the band                      from the CSV's single-year counts;
 *   balance (EUR, average yearly balance)    from the band's quantiles (piecewise-linear inverse CDF);
 *   job                                      from the band's job counts;
 *   term-deposit intent (UCI's `y`)          Bernoulli with the logistic model fitted on the CSV,
 *                                            p = σ(β·[1, band dummies, housing, loan, asinh(balance/1000)]).
 * Assumptions (not in UCI; documented constants below):
 *   annual income (CNY)   log-normal around a median per job (JOB_INCOME_MEDIAN), σ = 0.45;
 *   investable assets     FX · BALANCE_TO_ASSETS · max(0, balance) + income · U(0, 0.6);
 *   risk level C1–C5      round(2.9 + age term + 0.5·log10(assets/50k) + 0.3·log10(income/100k)
 *                         − 0.3·personal loan + N(0, 0.75)), clamped to 1–5; from 70 at most C3
 *                         (the questionnaire's cap); so younger and wealthier people sit higher;
 *   goals, horizon, liquidity need, amount   from the life stage (age, housing loan, level, assets);
 *   archetype (segment)   saver / wealth builder / investor / spender / family / borrower, with
 *                         odds that depend on level, age, loans and assets;
 *   latent tastes         kind tastes = archetype means + N(0, 0.45); a taste vector
 *                         w = archetype centre + 0.7·N(0, I) (world.ts); one or two home banks;
 *   other intents         the kinds the person means to take up in the 90 days (PROBABILITIES below).
 */
import type { Liquidity, Locale, ProductKind } from '../../src/lib/domain/product';
import { PRODUCT_KINDS } from '../../src/lib/domain/product';
import type { Goal, Profile } from '../../src/lib/domain/profile';
import type { Calibration } from './calibration';
import { depositFeatureVector, sigmoid } from './calibration';
import { fromQuantiles, logNormal, normal, Rng, weightedIndex } from './random';
import { ARCHETYPE_KIND_TASTE, ARCHETYPES, TASTE_DIM, type Archetype, type World } from './world';

/** CNY per EUR (2024 average, rounded) */
export const FX_CNY_PER_EUR = 7.8;
/** investable assets per unit of UCI's (current-account) balance: an assumption */
export const BALANCE_TO_ASSETS = 8;
/** median annual income in CNY by UCI job category: an assumption */
export const JOB_INCOME_MEDIAN: Readonly<Record<string, number>> = {
  'admin.': 130_000,
  'blue-collar': 85_000,
  entrepreneur: 260_000,
  housemaid: 55_000,
  management: 240_000,
  retired: 60_000,
  'self-employed': 180_000,
  services: 90_000,
  student: 12_000,
  technician: 150_000,
  unemployed: 20_000,
  unknown: 80_000
};

export type Level = 1 | 2 | 3 | 4 | 5;

export interface SimPerson {
  /** "u000001"-style, stable for (seed, index) */
  id: string;
  index: number;
  age: number;
  ageBand: number;
  job: string;
  /** UCI's average yearly balance, EUR (may be negative) */
  balanceEur: number;
  housingLoan: boolean;
  personalLoan: boolean;
  /** CNY a year */
  annualIncome: number;
  /** investable CNY */
  assets: number;
  riskLevel: Level;
  goals: Goal[];
  horizonMonths: number;
  liquidityNeed: Liquidity;
  investAmount: number;
  locale: Locale;
  archetype: Archetype;
  /** in the market for a term deposit in the window: the simulator's UCI `y` */
  depositIntent: boolean;
  depositProbability: number;
  /** other kinds the person means to take up in the window */
  intents: ProductKind[];
  /** expected number of ordinary app sessions in the window */
  engagement: number;
  kindTaste: Record<ProductKind, number>;
  tasteVector: Float64Array;
  homeBanks: string[];
}

export function personId(index: number): string {
  return `u${String(index + 1).padStart(6, '0')}`;
}

/** The person as the engine and the recommend CLI see them (the profile format, docs/contracts.md). */
export function personProfile(p: SimPerson): Profile {
  return {
    riskLevel: p.riskLevel,
    age: p.age,
    annualIncome: p.annualIncome,
    horizonMonths: p.horizonMonths,
    goals: [...p.goals],
    locale: p.locale,
    liquidityNeed: p.liquidityNeed,
    investAmount: p.investAmount
  };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function riskLevelOf(rng: Rng, age: number, assets: number, income: number, personalLoan: boolean, job: string): Level {
  const ageTerm = age < 30 ? 0.35 : age < 45 ? 0.25 : age < 55 ? 0 : age < 65 ? -0.45 : -0.9;
  const jobTerm = job === 'retired' || job === 'housemaid' ? -0.3 : job === 'entrepreneur' || job === 'management' ? 0.2 : 0;
  const score =
    2.8 +
    ageTerm +
    jobTerm +
    0.5 * Math.log10(Math.max(assets, 1000) / 50_000) +
    0.3 * Math.log10(Math.max(income, 5000) / 100_000) -
    (personalLoan ? 0.3 : 0) +
    0.95 * normal(rng);
  let level = clamp(Math.round(score), 1, 5);
  if (age >= 70) level = Math.min(level, 3);
  return level as Level;
}

function goalsOf(rng: Rng, age: number, level: Level, housingLoan: boolean): Goal[] {
  const p: Record<Goal, number> = {
    growth: (age < 40 ? 0.55 : age < 55 ? 0.4 : 0.2) * (level >= 3 ? 1.2 : 0.6),
    income: age < 40 ? 0.2 : age < 60 ? 0.35 : 0.5,
    preservation: (level <= 2 ? 0.5 : 0.15) + (age >= 60 ? 0.2 : 0),
    retirement: age >= 45 && age < 65 ? 0.45 : age >= 35 ? 0.2 : 0.05,
    education: age >= 28 && age <= 50 ? 0.35 : 0.03,
    home: !housingLoan && age >= 24 && age <= 45 ? 0.35 : 0.03,
    protection: housingLoan || (age >= 30 && age <= 55) ? 0.4 : 0.2,
    travel: age < 40 ? 0.3 : 0.12,
    cashback: age < 35 ? 0.3 : 0.15
  };
  const goals = (Object.keys(p) as Goal[]).filter((g) => rng.chance(p[g]));
  if (goals.length === 0) goals.push(level <= 2 ? 'preservation' : 'growth');
  return goals;
}

function horizonOf(rng: Rng, age: number, goals: readonly Goal[]): number {
  let months: number;
  if (goals.includes('retirement') && age < 60) months = rng.int(60, Math.max(60, Math.min(300, (65 - age) * 12)));
  else if (goals.includes('education')) months = rng.int(36, 120);
  else if (goals.includes('home')) months = rng.int(12, 60);
  else months = Math.round(logNormal(rng, age >= 65 ? 12 : 24, 0.6));
  return clamp(Math.round(months), 1, 600);
}

function archetypeOf(rng: Rng, level: Level, age: number, housingLoan: boolean, personalLoan: boolean, assets: number): Archetype {
  const rich = assets > 150_000 ? 1 : 0;
  const w: Record<Archetype, number> = {
    saver: 1 + (level <= 2 ? 1.2 : 0) + (age >= 55 ? 0.8 : 0),
    wealth_builder: 0.6 + (level >= 2 && level <= 4 ? 0.5 : 0) + rich,
    investor: 0.2 + 0.35 * (level - 1) + (age < 45 ? 0.3 : 0) + 0.5 * rich,
    spender: (age < 40 ? 1 : 0.3) + (personalLoan ? 0.3 : 0),
    family: (age >= 28 && age <= 55 ? 0.9 : 0.3) + (housingLoan ? 0.4 : 0),
    borrower: 0.2 + (personalLoan ? 1 : 0) + (housingLoan && age < 50 ? 0.2 : 0)
  };
  return ARCHETYPES[
    weightedIndex(
      rng,
      ARCHETYPES.map((a) => w[a])
    )
  ]!;
}

/**
 * The chance, for the 90-day window, that the person means to take up a product of each kind
 * besides term deposits (those follow the UCI model). Assumptions, chosen to be plausible.
 */
function intentProbabilities(
  p: Pick<SimPerson, 'age' | 'riskLevel' | 'assets' | 'goals' | 'housingLoan' | 'personalLoan' | 'archetype'>
): Record<Exclude<ProductKind, 'deposit'>, number> {
  const has = (g: Goal): number => (p.goals.includes(g) ? 1 : 0);
  const arche = (a: Archetype): number => (p.archetype === a ? 1 : 0);
  return {
    wealth: 0.04 + 0.06 * (p.assets > 50_000 ? 1 : 0) + 0.08 * arche('wealth_builder') + 0.03 * has('income'),
    fund: p.riskLevel >= 2 ? 0.02 + 0.025 * (p.riskLevel - 2) + 0.08 * arche('investor') + 0.03 * has('growth') : 0,
    bond: 0.015 + 0.03 * (p.age >= 50 ? 1 : 0) + 0.03 * has('preservation') + 0.02 * arche('saver'),
    insurance: 0.03 + 0.04 * has('protection') + 0.03 * has('education') + 0.02 * (p.housingLoan ? 1 : 0) + 0.08 * arche('family'),
    credit_card: p.age >= 18 ? 0.03 + 0.05 * (p.age < 40 ? 1 : 0) + 0.1 * arche('spender') + 0.03 * has('travel') + 0.03 * has('cashback') : 0,
    loan: p.age >= 18 ? 0.015 + 0.06 * has('home') + 0.03 * (p.housingLoan ? 1 : 0) + 0.12 * arche('borrower') : 0
  };
}

function pickCell(rng: Rng, cells: readonly number[]): { band: number; housing: boolean; loan: boolean } {
  const c = weightedIndex(rng, cells);
  return { band: Math.floor(c / 4), housing: (c & 2) !== 0, loan: (c & 1) !== 0 };
}

/** One synthetic customer, deterministic in (world seed, index); independent of every other person. */
export function samplePerson(world: World, cal: Calibration, index: number): SimPerson {
  const rng = Rng.stream(world.seed, `person/${index}`);
  const m = cal.model;
  const { band, housing, loan } = pickCell(rng, m.cells);
  const ageTable = m.ages[band]!;
  const age = ageTable.ages[weightedIndex(rng, ageTable.counts)]!;
  const bq = m.balance[band]!;
  const balanceEur = Math.round(fromQuantiles(rng, bq.probs, bq.values));
  const job = m.jobs.names[weightedIndex(rng, m.jobs.countsByBand[band]!)]!;

  const income = Math.round(logNormal(rng, JOB_INCOME_MEDIAN[job] ?? 80_000, 0.45) / 100) * 100;
  const assets = Math.round((FX_CNY_PER_EUR * BALANCE_TO_ASSETS * Math.max(0, balanceEur) + income * rng.between(0, 0.6)) / 100) * 100;
  const riskLevel = riskLevelOf(rng, age, assets, income, loan, job);
  const goals = goalsOf(rng, age, riskLevel, housing);
  const horizonMonths = horizonOf(rng, age, goals);
  const liquidityNeed: Liquidity = assets < 20_000 || loan || rng.chance(0.2) ? 'high' : assets > 300_000 && rng.chance(0.5) ? 'low' : 'medium';
  const investAmount = Math.max(1000, Math.round((assets * rng.between(0.1, 0.5)) / 1000) * 1000);
  const locale: Locale = rng.chance(0.85) ? 'zh-CN' : 'en';
  const archetype = archetypeOf(rng, riskLevel, age, housing, loan, assets);

  const beta = m.deposit.coefficients;
  const f = depositFeatureVector(band, housing, loan, balanceEur, m.deposit.balanceScale);
  const depositProbability = sigmoid(f.reduce((s, v, k) => s + v * (beta[k] ?? 0), 0));
  const depositIntent = rng.chance(depositProbability);

  const probs = intentProbabilities({ age, riskLevel, assets, goals, housingLoan: housing, personalLoan: loan, archetype });
  const intents = (Object.keys(probs) as (keyof typeof probs)[]).filter((k) => rng.chance(probs[k]));

  const engagement = logNormal(rng, 4, 0.6);
  const kindTaste = {} as Record<ProductKind, number>;
  for (const k of PRODUCT_KINDS) kindTaste[k] = ARCHETYPE_KIND_TASTE[archetype][k] + 0.45 * normal(rng);
  const centre = world.archetypeCentres[archetype];
  const tasteVector = new Float64Array(TASTE_DIM);
  for (let i = 0; i < TASTE_DIM; i++) tasteVector[i] = centre[i]! + 0.7 * normal(rng);
  const homeBanks: string[] = [];
  if (world.homeBanks.length > 0) {
    const weights = world.homeBanks.map((b) => b.weight);
    const first = weightedIndex(rng, weights);
    homeBanks.push(world.homeBanks[first]!.group);
    if (world.homeBanks.length > 1 && rng.chance(0.3)) {
      weights[first] = 0;
      homeBanks.push(world.homeBanks[weightedIndex(rng, weights)]!.group);
    }
  }
  return {
    id: personId(index),
    index,
    age,
    ageBand: band,
    job,
    balanceEur,
    housingLoan: housing,
    personalLoan: loan,
    annualIncome: income,
    assets,
    riskLevel,
    goals,
    horizonMonths,
    liquidityNeed,
    investAmount,
    locale,
    archetype,
    depositIntent,
    depositProbability,
    intents,
    engagement,
    kindTaste,
    tasteVector,
    homeBanks
  };
}
