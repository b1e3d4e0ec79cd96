/**
 * Offline evaluation of the Gram-matrix recommenders (docs/contracts.md, `eval`).
 *
 *   npx tsx src/cli/eval.ts --train TRAIN.tsv --test TEST.tsv --algo ease|puresvd|itemknn|pop
 *       [--k 10] [--lambda auto|X] [--dim auto|D] [--neighbours auto|N] [--seed S]
 *   npx tsx src/cli/eval.ts --data FILE [--format movielens|tsv] [--holdout 0.2] [--seed S] --algo …
 *
 * Prints one JSON line: {"algo","k","users","precision","recall","ndcg","map","coverage",
 * "trainSeconds","scoreSeconds", the hyper-parameter used ("lambda" | "dim" | "neighbours"),
 * "items","trainRows","testRows", and "tuning" when a hyper-parameter was picked automatically}.
 * Errors: one line on stderr, exit 1.
 *
 * Protocol: the item universe is every item in train or test, indexed in sorted id order (score
 * ties rank the lower index first — e.g. every item for EASE/PureSVD/kNN and a user with no train
 * rows, whose x is all zeros). Each test user gets every item not in their own train rows ranked;
 * metrics as in src/lib/cf/metrics.ts. `auto` hyper-parameters (the default) are chosen on an inner
 * split of the TRAIN rows only (seeded, 20 % of each sampled user's items), never on test.
 * Train weights (third TSV column) are the values of X; test weights are ignored — every test row
 * is a relevant item. A test item also in the user's train rows cannot be ranked but still counts
 * in |test items| (the contract's literal definition).
 * trainSeconds covers building G, tuning and the final fit; scoreSeconds ranking and metrics.
 */
import { readFileSync } from 'node:fs';
import { evaluate, prepareSplit } from '../lib/cf/evaluate';
import { fitModel, type HyperParams } from '../lib/cf/fit';
import { buildItemIndex, itemIdsOf, type Interaction } from '../lib/cf/gram';
import { CF_ALGOS, hyperParams, type CfAlgo } from '../lib/cf/model';
import { parseMovieLens, parseTsv } from '../lib/cf/parse';
import { splitPerUser } from '../lib/cf/split';
import { tune, type TuneResult } from '../lib/cf/tune';
import { cliArgs, isEntryPoint } from './io';

export type Auto = 'auto';

export interface EvalArgs {
  algo: CfAlgo;
  k: number;
  lambda: number | Auto;
  dim: number | Auto;
  neighbours: number | Auto;
  seed: number;
  source: { kind: 'files'; train: string; test: string } | { kind: 'data'; data: string; format: 'movielens' | 'tsv'; holdout: number };
}

const USAGE =
  'usage: eval (--train TRAIN.tsv --test TEST.tsv | --data FILE [--format movielens|tsv] [--holdout 0.2]) --algo ease|puresvd|itemknn|pop [--k 10] [--lambda auto|X] [--dim auto|D] [--neighbours auto|N] [--seed S]';

const OPTIONS = {
  train: { type: 'string' },
  test: { type: 'string' },
  data: { type: 'string' },
  format: { type: 'string' },
  holdout: { type: 'string' },
  seed: { type: 'string' },
  algo: { type: 'string' },
  k: { type: 'string' },
  lambda: { type: 'string' },
  dim: { type: 'string' },
  neighbours: { type: 'string' }
} as const;

export function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${v}"`);
  return n;
}

function intArg(name: string, v: string): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new Error(`--${name} must be an integer, got "${v}"`);
  return n;
}

function autoOr(name: string, v: string | undefined, parse: (name: string, v: string) => number): number | Auto {
  if (v === undefined || v === 'auto') return 'auto';
  return parse(name, v);
}

function positiveNumber(name: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number or auto, got "${v}"`);
  return n;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  if (!f.algo) throw new Error(`--algo is required (${CF_ALGOS.join('|')})`);
  if (!(CF_ALGOS as readonly string[]).includes(f.algo)) throw new Error(`--algo must be one of ${CF_ALGOS.join('|')}, got "${f.algo}"`);
  let source: EvalArgs['source'];
  if (f.data !== undefined) {
    if (f.train !== undefined || f.test !== undefined) throw new Error('use either --data or --train/--test, not both');
    const format = f.format ?? (/\.tsv$/i.test(f.data) ? 'tsv' : 'movielens');
    if (format !== 'movielens' && format !== 'tsv') throw new Error(`--format must be movielens or tsv, got "${format}"`);
    const holdout = f.holdout === undefined ? 0.2 : Number(f.holdout);
    if (!(holdout > 0 && holdout < 1)) throw new Error(`--holdout must be a number in (0, 1), got "${f.holdout}"`);
    source = { kind: 'data', data: f.data, format, holdout };
  } else {
    if (f.train === undefined || f.test === undefined) throw new Error('give --train TRAIN.tsv and --test TEST.tsv, or --data FILE');
    if (f.format !== undefined || f.holdout !== undefined) throw new Error('--format and --holdout go with --data');
    source = { kind: 'files', train: f.train, test: f.test };
  }
  return {
    algo: f.algo as CfAlgo,
    k: f.k === undefined ? 10 : positiveInt('k', f.k),
    lambda: autoOr('lambda', f.lambda, positiveNumber),
    dim: autoOr('dim', f.dim, positiveInt),
    neighbours: autoOr('neighbours', f.neighbours, positiveInt),
    seed: f.seed === undefined ? 1 : intArg('seed', f.seed),
    source
  };
}

export interface EvalReport {
  algo: CfAlgo;
  k: number;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  coverage: number;
  trainSeconds: number;
  scoreSeconds: number;
  lambda?: number;
  dim?: number;
  neighbours?: number;
  items: number;
  trainRows: number;
  testRows: number;
  tuning?: { metric: string; validationUsers: number; grid: [number, number][] };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

export function runEval(args: EvalArgs, readText: (path: string) => string): EvalReport {
  let train: Interaction[];
  let test: Interaction[];
  if (args.source.kind === 'files') {
    train = parseTsv(readText(args.source.train), args.source.train);
    test = parseTsv(readText(args.source.test), args.source.test);
  } else {
    const { data, format, holdout } = args.source;
    const rows = format === 'tsv' ? parseTsv(readText(data), data) : parseMovieLens(readText(data), data);
    ({ train, test } = splitPerUser(rows, { holdout, seed: args.seed }));
  }
  if (test.length === 0) throw new Error('the test set is empty');
  const itemIndex = buildItemIndex(
    train.map((r) => r.item),
    test.map((r) => r.item)
  );
  const itemIds = itemIdsOf(itemIndex);
  const t0 = performance.now();
  const { data, gram } = prepareSplit(train, test, itemIndex, itemIds);
  const params: HyperParams = {};
  let tuned: TuneResult | undefined;
  const requested = args.algo === 'ease' ? args.lambda : args.algo === 'puresvd' ? args.dim : args.algo === 'itemknn' ? args.neighbours : undefined;
  if (args.algo !== 'pop') {
    if (requested === 'auto') tuned = tune(args.algo, train, itemIndex, { k: args.k, seed: args.seed });
    const value = requested === 'auto' || requested === undefined ? tuned!.value : requested;
    if (args.algo === 'ease') params.lambda = value;
    else if (args.algo === 'puresvd') {
      if (value > itemIds.length) throw new Error(`--dim ${value} exceeds the ${itemIds.length} items`);
      params.dim = value;
    } else params.neighbours = value;
  }
  const model = fitModel(args.algo, gram, params);
  const t1 = performance.now();
  const metrics = evaluate(model, data, args.k);
  const t2 = performance.now();
  const report: EvalReport = {
    algo: args.algo,
    k: args.k,
    ...metrics,
    trainSeconds: round((t1 - t0) / 1000, 3),
    scoreSeconds: round((t2 - t1) / 1000, 3),
    ...hyperParams(model),
    items: itemIds.length,
    trainRows: train.length,
    testRows: test.length
  };
  if (tuned) {
    report.tuning = {
      metric: `ndcg@${args.k}`,
      validationUsers: tuned.validationUsers,
      grid: tuned.grid.map((g) => [Number(g.value.toPrecision(6)), round(g.ndcg, 6)])
    };
  }
  return report;
}

function main(): void {
  try {
    const report = runEval(parseEvalArgs(process.argv.slice(2)), (p) => readFileSync(p, 'utf8'));
    process.stdout.write(JSON.stringify(report) + '\n');
  } catch (e) {
    process.stderr.write(`eval: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) main();
