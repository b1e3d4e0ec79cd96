/**
 * Calibration of the population simulator against the UCI Bank Marketing data (bank.csv):
 *
 *   S. Moro, P. Cortez and P. Rita. A Data-Driven Approach to Predict the Success of Bank
 *   Telemarketing. Decision Support Systems 62:22–31, 2014. doi:10.1016/j.dss.2014.03.001
 *   UCI Machine Learning Repository, dataset 222 "Bank Marketing", CC BY 4.0.
 *
 * Pure code (no Node): `computeCalibration` turns the CSV text into two kinds of numbers:
 *   targets  the marginals the simulated population must reproduce (mean/sd/quantiles of age,
 *            balance distribution, share with a housing loan, with a personal loan, and the
 *            term-deposit uptake rate `y`), checked by tests/unit/simulator.test.ts;
 *   model    the tables the simulator samples from: the joint (age band × housing × loan) counts,
 *            the single-year age counts within each band, balance quantiles per band, job counts
 *            per band, and a logistic regression of `y` on (age band, housing, loan, balance).
 * `calibrate.ts` is the command-line wrapper that reads the file and writes calibration.json.
 */
import { z } from 'zod';

export const CITATION =
  'S. Moro, P. Cortez and P. Rita. A Data-Driven Approach to Predict the Success of Bank Telemarketing. Decision Support Systems 62:22-31, 2014. doi:10.1016/j.dss.2014.03.001';
export const DATASET_URL = 'https://archive.ics.uci.edu/dataset/222/bank+marketing';
/** sha256 of the UCI bank.csv this project was calibrated on (models/simulator/README.md) */
export const BANK_CSV_SHA256 = 'dc8d576e9bda0f41ee891251bd84bab9a39ce576cba715aac08adc2374a01fde';

/** Age bands used for every conditional table (whole years, both ends included). */
export const AGE_BANDS: readonly (readonly [number, number])[] = [
  [18, 29],
  [30, 39],
  [40, 49],
  [50, 59],
  [60, 120]
];
/** Quantile knots of the balance tables: every percentile, plus 99.5 % and 99.9 % for the long right tail. */
export const BALANCE_PROBS: readonly number[] = [...Array.from({ length: 100 }, (_, i) => i / 100), 0.995, 0.999, 1];
/** Features of the uptake model, in coefficient order (band 18–29 is the reference). */
export const DEPOSIT_FEATURES = ['intercept', 'age30_39', 'age40_49', 'age50_59', 'age60plus', 'housing', 'loan', 'asinhBalance'] as const;
/** balance enters the uptake model as asinh(balance / BALANCE_FEATURE_SCALE) */
export const BALANCE_FEATURE_SCALE = 1000;

export interface BankRow {
  age: number;
  job: string;
  balance: number;
  housing: boolean;
  loan: boolean;
  y: boolean;
}

const Quantiles = z.object({ probs: z.array(z.number().min(0).max(1)), values: z.array(z.number()) });

export const CalibrationSchema = z.object({
  source: z.object({
    dataset: z.string(),
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rows: z.number().int().positive(),
    citation: z.string(),
    url: z.string(),
    license: z.string(),
    currency: z.string()
  }),
  targets: z.object({
    age: z.object({ mean: z.number(), sd: z.number(), median: z.number(), min: z.number(), max: z.number(), quantiles: Quantiles }),
    balance: z.object({ mean: z.number(), median: z.number(), negativeShare: z.number(), zeroShare: z.number(), quantiles: Quantiles }),
    housingShare: z.number().min(0).max(1),
    loanShare: z.number().min(0).max(1),
    depositShare: z.number().min(0).max(1)
  }),
  model: z.object({
    ageBands: z.array(z.tuple([z.number().int(), z.number().int()])),
    /** counts of (band, housing, loan), index band·4 + housing·2 + loan */
    cells: z.array(z.number().int().min(0)),
    /** per band: the ages seen and how many people had each */
    ages: z.array(z.object({ ages: z.array(z.number().int()), counts: z.array(z.number().int().min(0)) })),
    /** per band: balance quantiles at BALANCE_PROBS */
    balance: z.array(Quantiles),
    jobs: z.object({ names: z.array(z.string()), countsByBand: z.array(z.array(z.number().int().min(0))) }),
    deposit: z.object({
      features: z.array(z.string()),
      coefficients: z.array(z.number()),
      balanceScale: z.number().positive(),
      /** mean fitted probability over the CSV rows (equals the observed rate at the optimum) */
      meanFitted: z.number()
    })
  })
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/* ---------------- parsing ---------------- */

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Parse bank.csv (`;`-separated, quoted header and strings). Throws on a malformed row. */
export function parseBankCsv(text: string): BankRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(';').map(unquote);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`bank.csv: column "${name}" missing`);
    return i;
  };
  const iAge = col('age');
  const iJob = col('job');
  const iBal = col('balance');
  const iHousing = col('housing');
  const iLoan = col('loan');
  const iY = col('y');
  const yesNo = (v: string, line: number, name: string): boolean => {
    if (v === 'yes') return true;
    if (v === 'no') return false;
    throw new Error(`bank.csv line ${line}: ${name} must be yes or no, got "${v}"`);
  };
  return lines.slice(1).map((line, k) => {
    const f = line.split(';').map(unquote);
    if (f.length !== header.length) throw new Error(`bank.csv line ${k + 2}: ${f.length} fields, expected ${header.length}`);
    const age = Number(f[iAge]);
    const balance = Number(f[iBal]);
    if (!Number.isInteger(age) || !Number.isFinite(balance)) throw new Error(`bank.csv line ${k + 2}: bad age or balance`);
    return {
      age,
      job: f[iJob] ?? 'unknown',
      balance,
      housing: yesNo(f[iHousing] ?? '', k + 2, 'housing'),
      loan: yesNo(f[iLoan] ?? '', k + 2, 'loan'),
      y: yesNo(f[iY] ?? '', k + 2, 'y')
    };
  });
}

/* ---------------- statistics ---------------- */

export function bandOf(age: number, bands: readonly (readonly [number, number])[] = AGE_BANDS): number {
  for (let b = 0; b < bands.length; b++) if (age <= bands[b]![1]) return b;
  return bands.length - 1;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.length ? Math.sqrt(xs.reduce((a, b) => a + (b - m) * (b - m), 0) / xs.length) : 0;
}

/** Linear-interpolation quantile (R type 7) of an ascending array. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function quantiles(xs: readonly number[], probs: readonly number[]): number[] {
  const s = [...xs].sort((a, b) => a - b);
  return probs.map((p) => quantileSorted(s, p));
}

const r4 = (x: number): number => Number(x.toFixed(4));
const r6 = (x: number): number => Number(x.toFixed(6));

/** Solve A·x = b (A n×n, row-major) by Gaussian elimination with partial pivoting. */
function solve(A: number[], b: number[], n: number): number[] {
  const M = A.slice();
  const v = b.slice();
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]!) > Math.abs(M[piv * n + c]!)) piv = r;
    if (Math.abs(M[piv * n + c]!) < 1e-12) throw new Error('logistic: singular Hessian');
    if (piv !== c) {
      for (let k = 0; k < n; k++) [M[c * n + k], M[piv * n + k]] = [M[piv * n + k]!, M[c * n + k]!];
      [v[c], v[piv]] = [v[piv]!, v[c]!];
    }
    for (let r = c + 1; r < n; r++) {
      const f = M[r * n + c]! / M[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) M[r * n + k] = M[r * n + k]! - f * M[c * n + k]!;
      v[r] = v[r]! - f * v[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = v[r]!;
    for (let k = r + 1; k < n; k++) s -= M[r * n + k]! * x[k]!;
    x[r] = s / M[r * n + r]!;
  }
  return x;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The uptake model's feature vector (DEPOSIT_FEATURES order). */
export function depositFeatures(age: number, housing: boolean, loan: boolean, balance: number, balanceScale = BALANCE_FEATURE_SCALE): number[] {
  return depositFeatureVector(bandOf(age), housing, loan, balance, balanceScale);
}

/** The same, from the age band index (0 = 18–29 … 4 = 60+). */
export function depositFeatureVector(band: number, housing: boolean, loan: boolean, balance: number, balanceScale = BALANCE_FEATURE_SCALE): number[] {
  const b = band;
  return [1, b === 1 ? 1 : 0, b === 2 ? 1 : 0, b === 3 ? 1 : 0, b === 4 ? 1 : 0, housing ? 1 : 0, loan ? 1 : 0, Math.asinh(balance / balanceScale)];
}

/** Logistic regression by Newton–Raphson (IRLS), with a tiny ridge (1e-6) for safety. */
export function fitLogistic(X: readonly number[][], y: readonly number[], iterations = 50): number[] {
  const d = X[0]?.length ?? 0;
  let beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const H = new Array<number>(d * d).fill(0);
    const g = new Array<number>(d).fill(0);
    X.forEach((x, i) => {
      let z = 0;
      for (let k = 0; k < d; k++) z += beta[k]! * x[k]!;
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let a = 0; a < d; a++) {
        g[a] = g[a]! + (y[i]! - p) * x[a]!;
        for (let c = 0; c < d; c++) H[a * d + c] = H[a * d + c]! + w * x[a]! * x[c]!;
      }
    });
    for (let a = 0; a < d; a++) {
      H[a * d + a] = H[a * d + a]! + 1e-6;
      g[a] = g[a]! - 1e-6 * beta[a]!;
    }
    const step = solve(H, g, d);
    beta = beta.map((b, k) => b + step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return beta;
}

export interface SourceInfo {
  file: string;
  sha256: string;
}

/** All calibration numbers from the parsed rows (deterministic; rounded for a stable file). */
export function computeCalibration(rows: readonly BankRow[], info: SourceInfo): Calibration {
  if (rows.length === 0) throw new Error('bank.csv: no rows');
  const ages = rows.map((r) => r.age);
  const balances = rows.map((r) => r.balance);
  const share = (f: (r: BankRow) => boolean): number => rows.filter(f).length / rows.length;
  const nb = AGE_BANDS.length;

  const cells = new Array<number>(nb * 4).fill(0);
  for (const r of rows) {
    const at = bandOf(r.age) * 4 + (r.housing ? 2 : 0) + (r.loan ? 1 : 0);
    cells[at] = cells[at]! + 1;
  }
  const agesByBand = AGE_BANDS.map((_, b) => {
    const counts = new Map<number, number>();
    for (const r of rows) if (bandOf(r.age) === b) counts.set(r.age, (counts.get(r.age) ?? 0) + 1);
    const list = [...counts.keys()].sort((a, c) => a - c);
    return { ages: list, counts: list.map((a) => counts.get(a)!) };
  });
  const balanceByBand = AGE_BANDS.map((_, b) => ({
    probs: [...BALANCE_PROBS],
    values: quantiles(
      rows.filter((r) => bandOf(r.age) === b).map((r) => r.balance),
      BALANCE_PROBS
    ).map((v) => Number(v.toFixed(2)))
  }));
  const jobNames = [...new Set(rows.map((r) => r.job))].sort();
  const countsByBand = AGE_BANDS.map((_, b) => jobNames.map((j) => rows.filter((r) => bandOf(r.age) === b && r.job === j).length));

  const X = rows.map((r) => depositFeatures(r.age, r.housing, r.loan, r.balance));
  const yv = rows.map((r) => (r.y ? 1 : 0));
  const beta = fitLogistic(X, yv);
  const meanFitted = mean(X.map((x) => sigmoid(x.reduce((s, v, k) => s + v * beta[k]!, 0))));

  const ageQ = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
  const TARGET_BALANCE_PROBS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
  return {
    source: {
      dataset: 'UCI Bank Marketing (Moro et al. 2014), bank.csv',
      file: info.file,
      sha256: info.sha256,
      rows: rows.length,
      citation: CITATION,
      url: DATASET_URL,
      license: 'CC BY 4.0',
      currency: 'EUR (balance: average yearly balance)'
    },
    targets: {
      age: {
        mean: r4(mean(ages)),
        sd: r4(sd(ages)),
        median: quantiles(ages, [0.5])[0]!,
        min: Math.min(...ages),
        max: Math.max(...ages),
        quantiles: { probs: ageQ, values: quantiles(ages, ageQ).map(r4) }
      },
      balance: {
        mean: r4(mean(balances)),
        median: quantiles(balances, [0.5])[0]!,
        negativeShare: r6(share((r) => r.balance < 0)),
        zeroShare: r6(share((r) => r.balance === 0)),
        quantiles: { probs: TARGET_BALANCE_PROBS, values: quantiles(balances, TARGET_BALANCE_PROBS).map(r4) }
      },
      housingShare: r6(share((r) => r.housing)),
      loanShare: r6(share((r) => r.loan)),
      depositShare: r6(share((r) => r.y))
    },
    model: {
      ageBands: AGE_BANDS.map(([lo, hi]) => [lo, hi] as [number, number]),
      cells,
      ages: agesByBand,
      balance: balanceByBand,
      jobs: { names: jobNames, countsByBand },
      deposit: { features: [...DEPOSIT_FEATURES], coefficients: beta.map(r6), balanceScale: BALANCE_FEATURE_SCALE, meanFitted: r6(meanFitted) }
    }
  };
}
