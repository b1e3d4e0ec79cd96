/**
 * Does the ranker's person-feature part learn anything on real data? The term-deposit case on the
 * UCI Bank Marketing data set:
 *
 *   S. Moro, P. Cortez and P. Rita. A Data-Driven Approach to Predict the Success of Bank
 *   Telemarketing. Decision Support Systems 62:22–31, 2014. doi:10.1016/j.dss.2014.03.001 —
 *   UCI Machine Learning Repository, dataset 222 (CC BY 4.0 per UCI's page); bank.csv, 4,521 clients,
 *   sha256 dc8d576e…a01fde (provenance: models/simulator/README.md, "Calibration").
 *
 *   npx tsx models/ranker/uci-check.ts [--csv PATH] [--seed 1]
 *
 * Default --csv: the copy committed in models/uci-bank-marketing/ (with its SOURCE.md).
 *
 * The same two-layer model and training code as the ranker (src/lib/ranker/train.ts), on what a
 * person's profile holds — age, job, marital status, education, credit default, balance, housing and
 * personal loans — to predict `y` (subscribed a term deposit). The call's own fields (contact, day,
 * month, duration, campaign, pdays, previous, poutcome) are left out: they describe the marketing
 * call, not the person, and duration leaks the outcome. A stratified 60/20/20 split (training, early
 * stopping, test). Prints the test AUC against the base rate (a constant, AUC 0.5) as JSON.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { predict } from '../../src/lib/ranker/model';
import { train, type Dataset } from '../../src/lib/ranker/train';
import { auc } from './metrics';
import { cpuTf } from './node-tf';
import { cliArgs } from '../../src/cli/io';

const SHA256 = 'dc8d576e9bda0f41ee891251bd84bab9a39ce576cba715aac08adc2374a01fde';
/** the UCI Bank Marketing data set's bank.csv, committed (models/uci-bank-marketing/SOURCE.md) */
const DEFAULT_CSV = fileURLToPath(new URL('../uci-bank-marketing/bank.csv', import.meta.url));

const JOBS = [
  'admin.',
  'blue-collar',
  'entrepreneur',
  'housemaid',
  'management',
  'retired',
  'self-employed',
  'services',
  'student',
  'technician',
  'unemployed',
  'unknown'
];
const MARITAL = ['married', 'single', 'divorced'];
const EDUCATION = ['primary', 'secondary', 'tertiary', 'unknown'];
/** the ranker's age buckets (src/lib/ranker/features.ts) */
const AGE_EDGES = [30, 45, 60];

const oneHot = (value: string, levels: readonly string[]): number[] => levels.map((l) => (l === value ? 1 : 0));

interface Row {
  x: number[];
  y: number;
}

function parseCsv(text: string): Row[] {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(';').map((h) => h.replaceAll('"', ''));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`bank.csv has no column ${name}`);
    return i;
  };
  const c = {
    age: col('age'),
    job: col('job'),
    marital: col('marital'),
    education: col('education'),
    default: col('default'),
    balance: col('balance'),
    housing: col('housing'),
    loan: col('loan'),
    y: col('y')
  };
  return lines.slice(1).map((line) => {
    const f = line.split(';').map((v) => v.replaceAll('"', ''));
    const age = Number(f[c.age]);
    const ageBucket = new Array<number>(AGE_EDGES.length + 1).fill(0);
    ageBucket[AGE_EDGES.filter((e) => age >= e).length] = 1;
    return {
      x: [
        ...ageBucket,
        (age - 18) / 80,
        ...oneHot(f[c.job]!, JOBS),
        ...oneHot(f[c.marital]!, MARITAL),
        ...oneHot(f[c.education]!, EDUCATION),
        f[c.default] === 'yes' ? 1 : 0,
        // balances are heavy-tailed (and may be negative): asinh, as the simulator's calibration does
        Math.asinh(Number(f[c.balance]) / 1000) / 5,
        f[c.housing] === 'yes' ? 1 : 0,
        f[c.loan] === 'yes' ? 1 : 0
      ],
      y: f[c.y] === 'yes' ? 1 : 0
    };
  });
}

/** Stratified split of row indices into 60 / 20 / 20 %, seeded. */
function split(rows: readonly Row[], seed: number): [number[], number[], number[]] {
  let s = seed >>> 0 || 1;
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const parts: [number[], number[], number[]] = [[], [], []];
  for (const label of [0, 1]) {
    const idx = rows.flatMap((r, i) => (r.y === label ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((r, i) => parts[i < 0.6 * idx.length ? 0 : i < 0.8 * idx.length ? 1 : 2].push(r));
  }
  return parts;
}

function dataset(rows: readonly Row[], idx: readonly number[]): Dataset {
  const dim = rows[0]!.x.length;
  return { inputDim: dim, x: Float32Array.from(idx.flatMap((i) => rows[i]!.x)), y: Float32Array.from(idx, (i) => rows[i]!.y) };
}

function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]!));
    s -= y[i]! > 0.5 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

async function main(argv: readonly string[]): Promise<Record<string, unknown>> {
  const f = cliArgs(argv, { csv: { type: 'string' }, seed: { type: 'string' } }, 'usage: uci-check.ts [--csv PATH] [--seed 1]').values;
  const csv = f.csv ?? DEFAULT_CSV;
  const seed = f.seed === undefined ? 1 : Number(f.seed);
  const bytes = readFileSync(csv);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== SHA256) throw new Error(`${csv}: sha256 ${sha}, expected UCI bank.csv (${SHA256})`);
  const rows = parseCsv(bytes.toString('utf8'));
  const [tr, va, te] = split(rows, seed);
  const tf = await cpuTf();
  const trainSet = dataset(rows, tr);
  const fit = await train(tf, trainSet, dataset(rows, va), { hidden: 16, seed, batchSize: 128, maxEpochs: 200, patience: 10, learningRate: 0.003, l2: 1e-3 });
  const test = dataset(rows, te);
  const p = await predict(tf, fit.weights, test.x);
  const baseRate = trainSet.y.reduce((a, b) => a + b, 0) / trainSet.y.length;
  const r4 = (x: number): number => Number(x.toFixed(4));
  return {
    data: 'UCI Bank Marketing bank.csv (Moro, Cortez & Rita 2014)',
    rows: { train: tr.length, validation: va.length, test: te.length },
    features: trainSet.inputDim,
    epochs: fit.epochs,
    bestEpoch: fit.bestEpoch,
    baseRate: r4(baseRate),
    testAuc: r4(auc(p, test.y)),
    baseRateAuc: 0.5,
    testLogLoss: r4(logLoss(p, test.y)),
    baseRateLogLoss: r4(
      logLoss(
        Float32Array.from(test.y, () => baseRate),
        test.y
      )
    )
  };
}

try {
  process.stdout.write(JSON.stringify(await main(process.argv.slice(2))) + '\n');
} catch (e) {
  process.stderr.write(`uci-check: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
}
