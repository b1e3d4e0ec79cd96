/**
 * Fit CF factors and write the artifact the server publishes.
 *
 *   npx tsx src/cli/train.ts (--interactions FILE.tsv | --gram FILE.json | --db FILE.sqlite | --db-url postgres://…) --algo ease|puresvd|itemknn|pop
 *       --out DIR [--lambda auto|X] [--dim auto|D] [--neighbours auto|N] [--catalogue-version N]
 *       [--dtype float16|float32] [--created ISO-8601] [--seed S]
 *
 * Inputs:
 *   --interactions  TSV rows `user<TAB>item[<TAB>weight]` (see src/lib/cf/parse.ts); G = XᵀX is
 *                   built here, and `auto` hyper-parameters are picked on an inner validation split
 *                   of these rows (ndcg@10).
 *   --gram          JSON `{"itemIds":["a","b",…],"gram":[[G_aa,G_ab,…],[G_ba,G_bb,…],…]}`: the n×n
 *                   symmetric Gram matrix (e.g. estimated from aggregated LDP reports), rows and
 *                   columns in itemIds order. Nothing to validate on, so `auto` means the defaults:
 *                   λ = 1 × mean diag(G), d = min(64, n−1), 50 neighbours.
 *   --db, --db-url  the server's LDP aggregates, in the SQLite file or in PostgreSQL: Ĝ is estimated
 *                   from every cohort and made positive semidefinite exactly as
 *                   `estimate --gram-out` does, then trained on as --gram is.
 *
 * Writes DIR/factors.json (the manifest, see src/lib/cf/artifact.ts) and DIR/factors-<sha256>.bin,
 * and prints a one-line JSON summary (the manifest without itemIds, plus the file paths, the item
 * count and trainSeconds). Errors: one line on stderr, exit 1.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeFactors, type FactorsDtype } from '../lib/cf/artifact';
import { fitModel, type HyperParams } from '../lib/cf/fit';
import { buildItemIndex, gramFromArrays, gramFromRows, itemIdsOf, userRows, type Interaction } from '../lib/cf/gram';
import { DEFAULT_NEIGHBOURS } from '../lib/cf/itemknn';
import { CF_ALGOS, type CfAlgo, type Gram } from '../lib/cf/model';
import { parseTsv } from '../lib/cf/parse';
import { defaultDim, defaultLambda, tune } from '../lib/cf/tune';
import { aggregateSource, readAggregates, type AggregateSource } from './aggregate-source';
import { estimatedGram } from './estimate';
import { cliArgs, isEntryPoint } from './io';

const USAGE =
  'usage: train (--interactions FILE.tsv | --gram FILE.json | --db FILE.sqlite | --db-url postgres://…) --algo ease|puresvd|itemknn|pop --out DIR [--lambda auto|X] [--dim auto|D] [--neighbours auto|N] [--catalogue-version N] [--dtype float16|float32] [--created ISO-8601] [--seed S]';

const OPTIONS = {
  interactions: { type: 'string' },
  gram: { type: 'string' },
  db: { type: 'string' },
  'db-url': { type: 'string' },
  algo: { type: 'string' },
  out: { type: 'string' },
  lambda: { type: 'string' },
  dim: { type: 'string' },
  neighbours: { type: 'string' },
  'catalogue-version': { type: 'string' },
  dtype: { type: 'string' },
  created: { type: 'string' },
  seed: { type: 'string' }
} as const;

type Auto = 'auto';

export interface TrainArgs {
  input: { kind: 'interactions'; path: string } | { kind: 'gram'; path: string } | { kind: 'store'; source: AggregateSource };
  algo: CfAlgo;
  out: string;
  lambda: number | Auto;
  dim: number | Auto;
  neighbours: number | Auto;
  catalogueVersion: number;
  dtype: FactorsDtype;
  created: string | undefined;
  seed: number;
}

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
  return n;
}

function autoOr(name: string, v: string | undefined, parse: (v: string) => number): number | Auto {
  return v === undefined || v === 'auto' ? 'auto' : parse(v);
}

export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  if (!f.algo || !(CF_ALGOS as readonly string[]).includes(f.algo)) throw new Error(`--algo must be one of ${CF_ALGOS.join('|')}`);
  const inputs = [f.interactions, f.gram, f.db, f['db-url']].filter((v) => v !== undefined).length;
  if (inputs !== 1) throw new Error('give exactly one of --interactions FILE.tsv, --gram FILE.json, --db FILE.sqlite or --db-url URL');
  if (!f.out) throw new Error('--out DIR is required');
  const dtype = f.dtype ?? 'float16';
  if (dtype !== 'float16' && dtype !== 'float32') throw new Error(`--dtype must be float16 or float32, got "${dtype}"`);
  if (f.created !== undefined && Number.isNaN(Date.parse(f.created))) throw new Error(`--created must be an ISO-8601 time, got "${f.created}"`);
  return {
    input:
      f.interactions !== undefined
        ? { kind: 'interactions', path: f.interactions }
        : f.gram !== undefined
          ? { kind: 'gram', path: f.gram }
          : { kind: 'store', source: aggregateSource(f.db, f['db-url'], {}) },
    algo: f.algo as CfAlgo,
    out: f.out,
    lambda: autoOr('lambda', f.lambda, (v) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new Error(`--lambda must be a positive number or auto, got "${v}"`);
      return n;
    }),
    dim: autoOr('dim', f.dim, (v) => int('dim', v, 1)),
    neighbours: autoOr('neighbours', f.neighbours, (v) => int('neighbours', v, 1)),
    catalogueVersion: f['catalogue-version'] === undefined ? 0 : int('catalogue-version', f['catalogue-version'], 0),
    dtype,
    created: f.created,
    seed: f.seed === undefined ? 1 : int('seed', f.seed, Number.MIN_SAFE_INTEGER)
  };
}

/** Parse the Gram JSON input format documented above. */
export function parseGramJson(text: string, name = 'gram'): Gram {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`${name}: expected {"itemIds":[...],"gram":[[...]]}`);
  const { itemIds, gram } = raw as { itemIds?: unknown; gram?: unknown };
  if (!Array.isArray(itemIds) || !itemIds.every((s): s is string => typeof s === 'string' && s.length > 0))
    throw new Error(`${name}: itemIds must be an array of non-empty strings`);
  if (!Array.isArray(gram) || !gram.every((r): r is number[] => Array.isArray(r) && r.every((v) => typeof v === 'number')))
    throw new Error(`${name}: gram must be an array of number arrays`);
  if (itemIds.length === 0) throw new Error(`${name}: no items`);
  return gramFromArrays(itemIds, gram);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Train on a file input (--interactions, --gram). */
export function runTrain(args: TrainArgs, readText: (p: string) => string): Record<string, unknown> {
  const t0 = performance.now();
  if (args.input.kind === 'store') throw new Error('runTrain reads files; use runTrainFrom for --db / --db-url');
  if (args.input.kind === 'gram') return fitAndWrite(args, parseGramJson(readText(args.input.path), args.input.path), undefined, undefined, t0);
  const rows = parseTsv(readText(args.input.path), args.input.path);
  if (rows.length === 0) throw new Error(`${args.input.path}: no interactions`);
  const itemIndex = buildItemIndex(rows.map((r) => r.item));
  return fitAndWrite(args, gramFromRows(userRows(rows, itemIndex).values(), itemIdsOf(itemIndex)), rows, itemIndex, t0);
}

/** Train on any input, the aggregate stores included. */
export async function runTrainFrom(args: TrainArgs, readText: (p: string) => string): Promise<Record<string, unknown>> {
  if (args.input.kind !== 'store') return runTrain(args, readText);
  const t0 = performance.now();
  return fitAndWrite(args, estimatedGram(await readAggregates(args.input.source), false).gram, undefined, undefined, t0);
}

function fitAndWrite(
  args: TrainArgs,
  gram: Gram,
  rows: Interaction[] | undefined,
  itemIndex: Map<string, number> | undefined,
  t0: number
): Record<string, unknown> {
  const n = gram.n;
  const params: HyperParams = {};
  let tuning: Record<string, unknown> | undefined;
  const pick = (requested: number | Auto, fallback: number): number => {
    if (requested !== 'auto') return requested;
    if (!rows || !itemIndex || args.algo === 'pop') return fallback;
    const t = tune(args.algo, rows, itemIndex, { k: 10, seed: args.seed });
    tuning = { metric: 'ndcg@10', validationUsers: t.validationUsers, grid: t.grid.map((g) => [Number(g.value.toPrecision(6)), Number(g.ndcg.toFixed(6))]) };
    return t.value;
  };
  if (args.algo === 'ease') params.lambda = pick(args.lambda, defaultLambda(gram));
  if (args.algo === 'puresvd') {
    params.dim = pick(args.dim, defaultDim(n));
    if (params.dim > n) throw new Error(`--dim ${params.dim} exceeds the ${n} items`);
  }
  if (args.algo === 'itemknn') params.neighbours = pick(args.neighbours, DEFAULT_NEIGHBOURS);
  const model = fitModel(args.algo, gram, params);
  const trainSeconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  const { manifest, blob } = serializeFactors(model, {
    catalogueVersion: args.catalogueVersion,
    created: args.created ?? new Date().toISOString(),
    dtype: args.dtype,
    sha256
  });
  mkdirSync(args.out, { recursive: true });
  const blobPath = join(args.out, `factors-${manifest.sha256}.bin`);
  const manifestPath = join(args.out, 'factors.json');
  writeFileSync(blobPath, blob);
  writeFileSync(manifestPath, JSON.stringify(manifest) + '\n');
  const { itemIds, ...rest } = manifest;
  return { ...rest, items: itemIds.length, manifestPath, blobPath, trainSeconds, ...(tuning ? { tuning } : {}) };
}

async function main(): Promise<void> {
  try {
    const summary = await runTrainFrom(parseTrainArgs(process.argv.slice(2)), (p) => readFileSync(p, 'utf8'));
    process.stdout.write(JSON.stringify(summary) + '\n');
  } catch (e) {
    process.stderr.write(`train: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) void main();
