/**
 * Simulate a population of customers on a catalogue.
 *
 *   npx tsx models/simulator/simulate.ts [--people 20000] [--seed 1] [--catalogue C.json]
 *       [--format tsv|jsonl] [--out FILE|DIR|-] [--weights binary|engine] [--end ISO-8601] [--days 90] [--first 0]
 *
 * --format tsv (default): one TSV of positives, `user<TAB>item<TAB>weight` (see `positives` in
 *   simulator.ts), for `npm run train -- --interactions` and `npm run eval -- --data … --format tsv`;
 *   --out FILE, or "-" / absent for stdout.
 * --format jsonl: --out DIR receives, per person, `<id>.events.jsonl` (events, one a line: docs/contracts.md)
 *   and `<id>.profile.json` (a profile: ready for `npm run recommend -- --profile … --events …`),
 *   plus `people.jsonl` with every person's simulated attributes.
 * With --out, a one-line JSON summary (counts and the population's marginals) is printed.
 * Default catalogue: the demo catalogue. Errors: one line on stderr, exit 1.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadCalibration, loadCatalogue } from './node';
import type { SimPerson } from './population';
import { createSimulation, DEFAULT_END, marginals, tsvRows, type PositiveWeights, type SimulatedPerson } from './simulator';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

const USAGE =
  'usage: simulate.ts [--people N] [--seed S] [--catalogue C.json] [--format tsv|jsonl] [--out FILE|DIR|-] [--weights binary|engine] [--end ISO] [--days N] [--first N]';
const OPTIONS = {
  people: { type: 'string' },
  seed: { type: 'string' },
  catalogue: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  weights: { type: 'string' },
  end: { type: 'string' },
  days: { type: 'string' },
  first: { type: 'string' }
} as const;

export interface SimulateArgs {
  people: number;
  seed: number;
  catalogue: string | undefined;
  format: 'tsv' | 'jsonl';
  out: string;
  weights: PositiveWeights;
  end: string;
  days: number;
  first: number;
}

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
  return n;
}

export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  const format = f.format ?? 'tsv';
  if (format !== 'tsv' && format !== 'jsonl') throw new Error(`--format must be tsv or jsonl, got "${format}"`);
  const weights = f.weights ?? 'binary';
  if (weights !== 'binary' && weights !== 'engine') throw new Error(`--weights must be binary or engine, got "${weights}"`);
  if (format === 'jsonl' && (f.out === undefined || f.out === '-')) throw new Error('--format jsonl needs --out DIR');
  const end = f.end ?? DEFAULT_END;
  if (Number.isNaN(Date.parse(end))) throw new Error(`--end must be an ISO-8601 time, got "${end}"`);
  return {
    people: f.people === undefined ? 20_000 : int('people', f.people, 0),
    seed: f.seed === undefined ? 1 : int('seed', f.seed, Number.MIN_SAFE_INTEGER),
    catalogue: f.catalogue,
    format,
    out: f.out ?? '-',
    weights,
    end: new Date(end).toISOString(),
    days: f.days === undefined ? 90 : int('days', f.days, 1),
    first: f.first === undefined ? 0 : int('first', f.first, 0)
  };
}

/** The person's simulated attributes as plain JSON (no taste vectors). */
export function personRecord(p: SimPerson): Record<string, unknown> {
  return {
    id: p.id,
    age: p.age,
    job: p.job,
    balanceEur: p.balanceEur,
    housingLoan: p.housingLoan,
    personalLoan: p.personalLoan,
    annualIncome: p.annualIncome,
    assets: p.assets,
    riskLevel: p.riskLevel,
    goals: p.goals,
    horizonMonths: p.horizonMonths,
    liquidityNeed: p.liquidityNeed,
    investAmount: p.investAmount,
    locale: p.locale,
    archetype: p.archetype,
    homeBanks: p.homeBanks,
    depositIntent: p.depositIntent,
    intents: p.intents
  };
}

export function runSimulate(args: SimulateArgs): Record<string, unknown> | null {
  const catalogue = loadCatalogue(args.catalogue);
  const sim = createSimulation({
    products: catalogue.products,
    calibration: loadCalibration(),
    people: args.people,
    seed: args.seed,
    end: args.end,
    days: args.days,
    first: args.first
  });
  const kept: SimulatedPerson[] = [];
  let rows = 0;
  let events = 0;
  if (args.format === 'tsv') {
    const fd = args.out === '-' ? 1 : openSync(args.out, 'w');
    try {
      let buf: string[] = [];
      for (const sp of sim.people()) {
        const r = tsvRows(sp, args.weights);
        rows += r.length;
        events += sp.events.length;
        buf.push(...r);
        kept.push({ ...sp, events: sp.events.filter((e) => e.type === 'purchase' || e.type === 'apply') });
        if (buf.length > 20_000) {
          writeSync(fd, buf.join('\n') + '\n');
          buf = [];
        }
      }
      if (buf.length) writeSync(fd, buf.join('\n') + '\n');
    } finally {
      if (fd !== 1) closeSync(fd);
    }
    if (args.out === '-') return null;
  } else {
    mkdirSync(args.out, { recursive: true });
    const people: string[] = [];
    for (const sp of sim.people()) {
      events += sp.events.length;
      rows += tsvRows(sp, args.weights).length;
      writeFileSync(join(args.out, `${sp.person.id}.events.jsonl`), sp.events.map((e) => JSON.stringify(e)).join('\n') + (sp.events.length ? '\n' : ''));
      writeFileSync(join(args.out, `${sp.person.id}.profile.json`), JSON.stringify(sp.profile) + '\n');
      people.push(JSON.stringify(personRecord(sp.person)));
      kept.push({ ...sp, events: sp.events.filter((e) => e.type === 'purchase' || e.type === 'apply') });
    }
    writeFileSync(join(args.out, 'people.jsonl'), people.join('\n') + (people.length ? '\n' : ''));
  }
  const m = marginals(kept, sim.world);
  return {
    people: args.people,
    seed: args.seed,
    format: args.format,
    out: args.out,
    events,
    positives: rows,
    marginals: { age: m.age, balance: m.balance, housingShare: m.housingShare, loanShare: m.loanShare, depositShare: m.depositShare, levels: m.levels }
  };
}

if (isEntryPoint(import.meta.url)) {
  try {
    const summary = runSimulate(parseSimulateArgs(process.argv.slice(2)));
    if (summary) process.stdout.write(JSON.stringify(summary) + '\n');
  } catch (e) {
    process.stderr.write(`simulate: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}
