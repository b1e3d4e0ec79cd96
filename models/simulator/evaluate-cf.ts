/**
 * Evaluate the Gram-matrix recommenders on simulated people.
 *
 *   npx tsx models/simulator/evaluate-cf.ts [--people 20000] [--seed 1] [--holdout 0.2] [--k 10]
 *       [--algos ease,puresvd,itemknn,pop] [--weights binary|engine] [--catalogue C.json] [--markdown]
 *
 * Simulates the population (simulate.ts, TSV of positives) and runs the eval CLI's own code
 * (`runEval` in src/cli/eval.ts, `--data sim.tsv --format tsv --holdout H --seed S`, hyper-parameters
 * `auto`: tuned on an inner split of the training rows) for each algorithm. Identical to
 *
 *   npx tsx models/simulator/simulate.ts --people 20000 --seed 1 --out sim.tsv
 *   npm run --silent eval -- --data sim.tsv --format tsv --holdout 0.2 --seed 1 --algo ease
 *
 * Prints one JSON document {"people","seed","rows","results":[eval report…]}, or with --markdown
 * the README table. Errors: one line on stderr, exit 1.
 */
import { CF_ALGOS, type CfAlgo } from '../../src/lib/cf/model';
import { runEval, type EvalReport } from '../../src/cli/eval';
import { loadCalibration, loadCatalogue } from './node';
import { createSimulation, tsvRows, type PositiveWeights } from './simulator';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

export interface EvaluateArgs {
  people: number;
  seed: number;
  holdout: number;
  k: number;
  algos: CfAlgo[];
  weights: PositiveWeights;
  catalogue: string | undefined;
  markdown: boolean;
}

const USAGE =
  'usage: evaluate-cf.ts [--people 20000] [--seed 1] [--holdout 0.2] [--k 10] [--algos ease,puresvd,itemknn,pop] [--weights binary|engine] [--catalogue C.json] [--markdown]';

const OPTIONS = {
  people: { type: 'string' },
  seed: { type: 'string' },
  holdout: { type: 'string' },
  k: { type: 'string' },
  algos: { type: 'string' },
  weights: { type: 'string' },
  catalogue: { type: 'string' },
  markdown: { type: 'boolean' }
} as const;

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
  return n;
}

export function parseEvaluateArgs(argv: readonly string[]): EvaluateArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  const a: EvaluateArgs = {
    people: 20_000,
    seed: 1,
    holdout: 0.2,
    k: 10,
    algos: ['ease', 'puresvd', 'itemknn', 'pop'],
    weights: 'binary',
    catalogue: f.catalogue,
    markdown: f.markdown === true
  };
  if (f.people !== undefined) a.people = int('people', f.people, 1);
  if (f.seed !== undefined) a.seed = int('seed', f.seed, Number.MIN_SAFE_INTEGER);
  if (f.k !== undefined) a.k = int('k', f.k, 1);
  if (f.holdout !== undefined) {
    a.holdout = Number(f.holdout);
    if (!(a.holdout > 0 && a.holdout < 1)) throw new Error(`--holdout must be in (0, 1), got "${f.holdout}"`);
  }
  if (f.algos !== undefined) {
    a.algos = f.algos.split(',').map((s) => {
      if (!(CF_ALGOS as readonly string[]).includes(s)) throw new Error(`--algos: unknown algorithm "${s}"`);
      return s as CfAlgo;
    });
  }
  if (f.weights !== undefined) {
    if (f.weights !== 'binary' && f.weights !== 'engine') throw new Error(`--weights must be binary or engine, got "${f.weights}"`);
    a.weights = f.weights;
  }
  return a;
}

export interface EvaluateResult {
  people: number;
  seed: number;
  rows: number;
  results: EvalReport[];
}

/** The TSV the simulate CLI would write for these people. */
export function simulatedTsv(
  products: Parameters<typeof createSimulation>[0]['products'],
  people: number,
  seed: number,
  weights: PositiveWeights
): { tsv: string; rows: number } {
  const sim = createSimulation({ products, calibration: loadCalibration(), people, seed });
  const lines: string[] = [];
  for (const sp of sim.people()) lines.push(...tsvRows(sp, weights));
  return { tsv: lines.join('\n') + '\n', rows: lines.length };
}

export function runEvaluate(a: EvaluateArgs): EvaluateResult {
  const { products } = loadCatalogue(a.catalogue);
  const { tsv, rows } = simulatedTsv(products, a.people, a.seed, a.weights);
  const results = a.algos.map((algo) =>
    runEval(
      {
        algo,
        k: a.k,
        lambda: 'auto',
        dim: 'auto',
        neighbours: 'auto',
        seed: a.seed,
        source: { kind: 'data', data: 'sim.tsv', format: 'tsv', holdout: a.holdout }
      },
      () => tsv
    )
  );
  return { people: a.people, seed: a.seed, rows, results };
}

export function markdownTable(r: EvaluateResult, k: number): string {
  const f = (x: number): string => x.toFixed(4);
  const param = (e: EvalReport): string =>
    e.lambda !== undefined
      ? `λ = ${Number(e.lambda.toPrecision(4))}`
      : e.dim !== undefined
        ? `d = ${e.dim}`
        : e.neighbours !== undefined
          ? `k = ${e.neighbours}`
          : '—';
  const head = `| algo | precision@${k} | recall@${k} | ndcg@${k} | map@${k} | coverage@${k} | hyper-parameter (auto) | train s |`;
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |';
  const body = r.results.map(
    (e) => `| ${e.algo} | ${f(e.precision)} | ${f(e.recall)} | ${f(e.ndcg)} | ${f(e.map)} | ${f(e.coverage)} | ${param(e)} | ${e.trainSeconds.toFixed(2)} |`
  );
  const users = r.results[0]?.users ?? 0;
  return [
    `${r.people} simulated people (seed ${r.seed}), ${r.rows} positives, ${users} test users, ${r.results[0]?.items ?? 0} items`,
    '',
    head,
    rule,
    ...body
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  try {
    const args = parseEvaluateArgs(process.argv.slice(2));
    const r = runEvaluate(args);
    process.stdout.write(args.markdown ? markdownTable(r, args.k) + '\n' : JSON.stringify(r) + '\n');
  } catch (e) {
    process.stderr.write(`evaluate-cf: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}
