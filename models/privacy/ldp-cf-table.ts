/**
 * CF quality when the item Gram matrix comes from LDP reports instead of raw data.
 *
 *   npx tsx models/privacy/ldp-cf-table.ts [--people 50000] [--test 4000] [--seed 1]
 *       [--epsilons 1,2,4,8] [--scales 1,10] [--pair-pad N] [--json]
 *
 * Simulates `people` training people and `test` + `test` held-out people (validation and test) with
 * the population simulator (models/simulator, 90-day window, ~13 ISO weeks). Every training person
 * sends one report per week in which they used the app (any event) through the real pipeline —
 * kindSets → reportFromSets (ε, default pads, one part per report) → Aggregator per (week, ε) cohort →
 * estimateGram over all weeks → nearestPsd — and EASE is fitted on that Ĝ. Rows:
 *   true G (weekly)    Σ over the same person-weeks of x xᵀ (engaged sets): what Ĝ estimates, without noise
 *   true G (90 days)   Σ over training people of their 90-day binary positives: the usual CF input
 *   LDP ε = …          Ĝ from the reports
 *   popularity         diag of the weekly true G (a floor)
 * --scales k,…: each active person-week also reports k times over, each time with fresh randomness —
 * the same weekly behaviour in a population k times larger (k = 1: exactly the simulated people).
 * λ ("auto"): picked per row from src/lib/cf's grid (0.01–1000 × mean diag) by ndcg@10 on the
 * validation people, the way `--lambda auto` picks it on an inner split. Metric: ndcg@10 on the test
 * people's held-out 20 % of positives (src/lib/cf evaluate: the `eval` protocol of docs/contracts.md), x = the other 80 %.
 * Prints a Markdown table (or JSON with --json).
 */
import { fitEase } from '../../src/lib/cf/ease';
import { evaluate, testSets, type EvalData } from '../../src/lib/cf/evaluate';
import { gramFromRows, meanDiagonal, userRows, type Interaction } from '../../src/lib/cf/gram';
import { mulberry32 } from '../../src/lib/common/random';
import type { CfModel, Gram } from '../../src/lib/cf/model';
import { fitPopularity } from '../../src/lib/cf/popularity';
import { splitPerUser } from '../../src/lib/cf/split';
import { LAMBDA_MULTIPLIERS } from '../../src/lib/cf/tune';
import { Aggregator } from '../../src/lib/privacy/aggregate';
import { estimateGram } from '../../src/lib/privacy/estimate';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { nearestPsd } from '../../src/lib/privacy/psd';
import { reportFromSets, type KindSets } from '../../src/lib/privacy/report';
import { simulateWeeks, type WeeklyPopulation } from './population';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

export interface TableArgs {
  people: number;
  test: number;
  seed: number;
  epsilons: number[];
  scales: number[];
  pairPad: number;
  json: boolean;
}

const USAGE = 'usage: ldp-cf-table.ts [--people 50000] [--test 4000] [--seed 1] [--epsilons 1,2,4,8] [--scales 1,10] [--pair-pad N] [--json]';

const OPTIONS = {
  people: { type: 'string' },
  test: { type: 'string' },
  seed: { type: 'string' },
  epsilons: { type: 'string' },
  scales: { type: 'string' },
  'pair-pad': { type: 'string' },
  json: { type: 'boolean' }
} as const;

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${v}"`);
  return n;
}

export function parseArgs(argv: readonly string[]): TableArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  const a: TableArgs = {
    people: f.people === undefined ? 50_000 : positiveInt('people', f.people),
    test: f.test === undefined ? 4_000 : positiveInt('test', f.test),
    seed: f.seed === undefined ? 1 : positiveInt('seed', f.seed),
    epsilons: [1, 2, 4, 8],
    scales: [1, 10],
    pairPad: f['pair-pad'] === undefined ? DEFAULT_PAD_LENGTH.pair : positiveInt('pair-pad', f['pair-pad']),
    json: f.json === true
  };
  if (f.scales !== undefined) {
    a.scales = f.scales.split(',').map(Number);
    if (a.scales.some((k) => !Number.isSafeInteger(k) || k < 1)) throw new Error(`--scales must be positive integers, got "${f.scales}"`);
  }
  if (f.epsilons !== undefined) {
    a.epsilons = f.epsilons.split(',').map(Number);
    if (a.epsilons.some((e) => !(e > 0 && e <= 16))) throw new Error(`--epsilons must be numbers in (0, 16], got "${f.epsilons}"`);
  }
  return a;
}

export interface Row {
  name: string;
  epsilon: number | null;
  scale: number;
  ndcg: number;
  recall: number;
  lambda: number;
  lambdaMultiplier: number;
  reports: number;
}

function isActive(w: KindSets): boolean {
  return Object.values(w).some((s) => s.length > 0);
}

/** Test data: a seeded 80/20 split of each held-out person's positives. */
function evalData(pop: WeeklyPopulation, seed: number): EvalData {
  const rows: Interaction[] = pop.people.flatMap((p) => p.positives.map((item) => ({ user: p.id, item })));
  const index = new Map(pop.itemIds.map((id, i) => [id, i]));
  const { train, test } = splitPerUser(rows, { holdout: 0.2, seed });
  return { itemIds: pop.itemIds, train: userRows(train, index), test: testSets(test, index) };
}

function pickLambda(gram: Gram, validation: EvalData): { lambda: number; multiplier: number; model: CfModel } {
  const base = meanDiagonal(gram) > 0 ? meanDiagonal(gram) : 1;
  let best = { ndcg: -1, multiplier: 1, model: undefined as CfModel | undefined };
  for (const m of LAMBDA_MULTIPLIERS) {
    const model = fitEase(gram, m * base);
    const ndcg = evaluate(model, validation, 10).ndcg;
    if (ndcg > best.ndcg * (1 + 1e-3)) best = { ndcg, multiplier: m, model };
  }
  return { lambda: best.multiplier * base, multiplier: best.multiplier, model: best.model! };
}

export function runTable(a: TableArgs, log: (s: string) => void = () => {}): Row[] {
  const t0 = performance.now();
  const train = simulateWeeks({ people: a.people, seed: a.seed });
  const validationPop = simulateWeeks({ people: a.test, seed: a.seed, first: a.people });
  const testPop = simulateWeeks({ people: a.test, seed: a.seed, first: a.people + a.test });
  log(`simulated ${a.people + 2 * a.test} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const itemIds = train.itemIds;
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const validation = evalData(validationPop, a.seed ^ 0x5a17);
  const test = evalData(testPop, a.seed ^ 0x7e57);
  // person-weeks that send a report: weeks with any activity
  const personWeeks: { period: string; sets: KindSets }[] = [];
  for (const p of train.people) p.weeks.forEach((sets, w) => isActive(sets) && personWeeks.push({ period: train.periods[w]!, sets }));
  const toRow = (idx: readonly string[]) => {
    const ids = Int32Array.from(idx.map((id) => index.get(id)!));
    return { idx: ids, val: new Float64Array(ids.length).fill(1) };
  };
  const weeklyTrue = gramFromRows(
    personWeeks.map((pw) => toRow(pw.sets.pair)),
    itemIds
  );
  const ninetyDay = gramFromRows(
    train.people.map((p) => toRow(p.positives)),
    itemIds
  );
  const rows: Row[] = [];
  const score = (name: string, epsilon: number | null, scale: number, gram: Gram, reports: number): void => {
    const t = performance.now();
    const { lambda, multiplier, model } = pickLambda(gram, validation);
    const r = evaluate(model, test, 10);
    rows.push({ name, epsilon, scale, ndcg: r.ndcg, recall: r.recall, lambda, lambdaMultiplier: multiplier, reports });
    log(`${name}: ndcg@10 ${r.ndcg.toFixed(4)} (λ = ${multiplier} × mean diag, ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  score('true G (weekly)', null, 1, weeklyTrue, personWeeks.length);
  score('true G (90 days)', null, 1, ninetyDay, train.people.length);
  for (const scale of a.scales) {
    for (const epsilon of a.epsilons) {
      const t = performance.now();
      const rng = mulberry32(a.seed * 1000 + Math.round(epsilon * 100) + scale * 7919);
      const aggs = new Map<string, Aggregator>();
      for (const pw of personWeeks) {
        let agg = aggs.get(pw.period);
        if (!agg) aggs.set(pw.period, (agg = new Aggregator({ period: pw.period, epsilon, partsPerReport: 1 }, itemIds, { padLength: { pair: a.pairPad } })));
        for (let k = 0; k < scale; k++) agg.add(reportFromSets(pw.sets, { period: pw.period, epsilon, rng, padLength: { pair: a.pairPad } }));
      }
      const est = estimateGram([...aggs.values()].map((x) => x.aggregate));
      const psd = nearestPsd(est.gram);
      log(
        `ε=${epsilon} ×${scale}: ${est.reports} reports aggregated and estimated in ${((performance.now() - t) / 1000).toFixed(1)} s; λmin(Ĝ) = ${psd.minEigenvalue.toFixed(0)}, ${psd.clipped} eigenvalues clipped`
      );
      score(`LDP ε = ${epsilon}`, epsilon, scale, psd.gram, est.reports);
    }
  }
  const pop = fitPopularity(weeklyTrue);
  const r = evaluate(pop, test, 10);
  rows.push({
    name: 'popularity (true counts)',
    epsilon: null,
    scale: 1,
    ndcg: r.ndcg,
    recall: r.recall,
    lambda: 0,
    lambdaMultiplier: 0,
    reports: personWeeks.length
  });
  return rows;
}

export function markdown(rows: readonly Row[], a: TableArgs): string {
  const reportsAt = (scale: number): number => rows.find((r) => r.epsilon !== null && r.scale === scale)?.reports ?? 0;
  const head = `| Gram matrix (EASE, λ auto) | ${a.scales.map((k) => `ndcg@10, ${reportsAt(k).toLocaleString('en')} reports`).join(' | ')} | λ / mean diag |`;
  const lines = [head, `| --- |${a.scales.map(() => ' ---: |').join('')} ---: |`];
  for (const r of rows.filter((x) => x.epsilon === null)) {
    lines.push(`| ${r.name} | ${a.scales.map(() => r.ndcg.toFixed(4)).join(' | ')} | ${r.lambdaMultiplier === 0 ? '—' : r.lambdaMultiplier} |`);
  }
  for (const e of a.epsilons) {
    const byScale = a.scales.map((k) => rows.find((r) => r.epsilon === e && r.scale === k));
    lines.push(
      `| LDP ε = ${e} | ${byScale.map((r) => (r ? r.ndcg.toFixed(4) : '')).join(' | ')} | ${byScale.map((r) => r?.lambdaMultiplier ?? '').join(', ')} |`
    );
  }
  const truth = rows.filter((x) => x.epsilon === null);
  return `${lines.join('\n')}\n\n${a.people.toLocaleString('en')} simulated training people (seed ${a.seed}) sending ${(truth[0]?.reports ?? 0).toLocaleString('en')} weekly reports (one per active week; ×k: each reported k times over), one part per report, pair pad ℓ = ${a.pairPad}, Ĝ made PSD (negative eigenvalues clipped); ${a.test.toLocaleString('en')} validation and ${a.test.toLocaleString('en')} test people, ndcg@10 on a held-out 20 % of their 90-day positives. Rows without ε do not depend on the scale.\n`;
}

if (isEntryPoint(import.meta.url)) {
  try {
    const a = parseArgs(process.argv.slice(2));
    const rows = runTable(a, (s) => process.stderr.write(`${s}\n`));
    process.stdout.write(a.json ? `${JSON.stringify({ args: a, rows })}\n` : markdown(rows, a));
  } catch (e) {
    process.stderr.write(`ldp-cf-table: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
