/**
 * The estimator job: turn the server's LDP aggregates into counts and the item Gram matrix.
 *
 *   npm run --silent estimate -- [--db data/candor.sqlite | --db-url postgres://…] [--from 2026-W40] [--to 2026-W48]
 *       [--gram-out G.json] [--counts-out C.json] [--raw]
 *
 * Reads every cohort (week × ε) in the store — the SQLite file (--db, CANDOR_DB) or PostgreSQL
 * (--db-url, CANDOR_DATABASE_URL; see aggregate-source.ts) — optionally only weeks in
 * [--from, --to], and sums the per-cohort unbiased estimates (src/lib/privacy/estimate.ts).
 *   --gram-out    writes `{"itemIds":[…],"gram":[[…]]}`, the format `npm run train -- --gram` reads.
 *                 Ĝ is made positive semidefinite (negative eigenvalues clipped; src/lib/privacy/psd.ts)
 *                 so that EASE's Cholesky succeeds at any λ; --raw writes the unbiased, possibly
 *                 indefinite, Ĝ instead.
 *   --counts-out  writes `{"itemIds":[…],"reports":N,"kinds":{"item:view":{"counts":[…],"sd":[…]},…}}`:
 *                 per-product estimated counts (people-weeks) and their standard deviations.
 * Prints a one-line JSON summary. Errors: one line on stderr, exit 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Gram } from '../lib/cf/model';
import type { Aggregate } from '../lib/privacy/aggregate';
import { combineCounts, estimateCounts, estimateGram } from '../lib/privacy/estimate';
import { ITEM_KINDS } from '../lib/privacy/mechanism';
import { isPeriod } from '../lib/privacy/period';
import { nearestPsd } from '../lib/privacy/psd';
import { aggregateSource, describeSource, readAggregates, readSqliteAggregates, type AggregateSource } from './aggregate-source';
import { cliArgs, CliError, printJson, runCli, isEntryPoint } from './io';

export interface EstimateArgs {
  source: AggregateSource;
  from: string | undefined;
  to: string | undefined;
  gramOut: string | undefined;
  countsOut: string | undefined;
  raw: boolean;
}

const USAGE = 'usage: estimate [--db FILE.sqlite | --db-url postgres://…] [--from YYYY-Www] [--to YYYY-Www] [--gram-out G.json] [--counts-out C.json] [--raw]';

const OPTIONS = {
  db: { type: 'string' },
  'db-url': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'gram-out': { type: 'string' },
  'counts-out': { type: 'string' },
  raw: { type: 'boolean' }
} as const;

export function parseEstimateArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): EstimateArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  for (const k of ['from', 'to'] as const) if (f[k] !== undefined && !isPeriod(f[k])) throw new CliError(`--${k} must be an ISO week YYYY-Www, got "${f[k]}"`);
  if (f.from && f.to && f.from > f.to) throw new CliError('--from is after --to');
  const source = aggregateSource(f.db, f['db-url'], env);
  return { source, from: f.from, to: f.to, gramOut: f['gram-out'], countsOut: f['counts-out'], raw: f.raw === true };
}

function writeJson(path: string, value: unknown): string {
  const p = resolve(path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, `${JSON.stringify(value)}\n`);
  return p;
}

/** The estimate over a SQLite store (read at once). */
export function runEstimate(a: EstimateArgs): Record<string, unknown> {
  if (a.source.kind !== 'sqlite') throw new CliError('runEstimate reads a SQLite store; use runEstimateFrom for PostgreSQL');
  return estimateFrom(readSqliteAggregates(a.source.path), a);
}

/** The estimate over either store. */
export async function runEstimateFrom(a: EstimateArgs): Promise<Record<string, unknown>> {
  return estimateFrom(await readAggregates(a.source), a);
}

/** Ĝ from the aggregates: unbiased (`raw`), or made positive semidefinite as `train` needs. */
export function estimatedGram(aggs: readonly Aggregate[], raw: boolean): { gram: Gram; parts: number; psd: ReturnType<typeof nearestPsd> | null } {
  const est = estimateGram(aggs);
  if (est.parts === 0) throw new CliError('no pair parts in these aggregates: cannot estimate the Gram matrix');
  const psd = raw ? null : nearestPsd(est.gram);
  return { gram: psd ? psd.gram : est.gram, parts: est.parts, psd };
}

function estimateFrom(all: readonly Aggregate[], a: EstimateArgs): Record<string, unknown> {
  const aggs = all.filter((x) => (!a.from || x.period >= a.from) && (!a.to || x.period <= a.to));
  if (aggs.length === 0) throw new CliError('no aggregates in the store for these periods');
  const reports = aggs.reduce((s, x) => s + x.reports, 0);
  const summary: Record<string, unknown> = {
    db: describeSource(a.source),
    periods: [...new Set(aggs.map((x) => x.period))].sort(),
    cohorts: aggs.map((x) => ({ period: x.period, epsilon: x.epsilon, partsPerReport: x.partsPerReport, reports: x.reports, items: x.itemIds.length })),
    reports
  };
  if (a.gramOut) {
    const { gram, parts, psd } = estimatedGram(aggs, a.raw);
    const n = gram.n;
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) rows.push(Array.from(gram.data.subarray(i * n, (i + 1) * n), (v) => Number(v.toPrecision(10))));
    summary['gram'] = {
      path: writeJson(a.gramOut, { itemIds: gram.itemIds, gram: rows }),
      items: n,
      pairParts: parts,
      psd: psd !== null,
      ...(psd ? { minEigenvalue: Number(psd.minEigenvalue.toPrecision(6)), clippedEigenvalues: psd.clipped } : {})
    };
  }
  if (a.countsOut) {
    const kinds: Record<string, { counts: number[]; sd: (number | null)[] }> = {};
    let itemIds: readonly string[] = [];
    for (const kind of ITEM_KINDS) {
      const c = combineCounts(aggs.map((x) => estimateCounts(x, kind)));
      itemIds = c.itemIds;
      kinds[kind] = {
        counts: Array.from(c.counts, (v) => Number(v.toFixed(2))),
        sd: Array.from(c.variance, (v) => (Number.isFinite(v) ? Number(Math.sqrt(v).toFixed(2)) : null))
      };
    }
    summary['counts'] = { path: writeJson(a.countsOut, { itemIds, reports, kinds }), items: itemIds.length };
  }
  return summary;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  await runCli(async () => printJson(await runEstimateFrom(parseEstimateArgs(argv))));
}

if (isEntryPoint(import.meta.url)) void main();
