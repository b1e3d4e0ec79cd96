/**
 * How much the CF term helps the whole engine, on simulated people the factors never saw.
 *
 *   npx tsx models/simulator/evaluate-engine.ts [--people 500] [--first 20000] [--seed 1]
 *       [--weights 0,0.15,0.25,0.35,0.5,0.75,1] [--factors models/factors/demo] [--split-day 60]
 *
 * The factors (default: the committed demo factors, trained on people 0–19,999 of seed 1) score
 * people `first…first+people−1` of the same seed. Each person's first `split-day` days of events are
 * the history the engine sees (now = the split time); the relevant products are those they engage
 * with positively afterwards (click, save, thumbs-up, apply, buy) and did not already own or reject.
 * For each CF weight the engine (src/lib/engine `recommend`, k = 10, the demo catalogue, the person's
 * profile) is run and hit rate / recall@10 / ndcg@10 averaged over people with a history and at
 * least one relevant product. Weight 0 is the engine without CF. Prints one JSON document.
 */
import { fileURLToPath } from 'node:url';
import { deserializeFactors } from '../../src/lib/cf/artifact';
import { readFactorsDir, sha256Hex } from '../../src/lib/server/factors-dir';
import type { CfModel } from '../../src/lib/cf/model';
import type { CandorEvent } from '../../src/lib/domain/event';
import { recommend } from '../../src/lib/engine/recommend';
import { summariseInteractions } from '../../src/lib/engine/weights';
import { loadCalibration, loadCatalogue } from './node';
import { createSimulation, DEFAULT_END } from './simulator';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

const DAY_MS = 86_400_000;
const POSITIVE = new Set<CandorEvent['type']>(['click', 'favorite', 'apply', 'purchase']);

/**
 * One simulated person split in time: the events before `split` are what the device knows; the
 * products they act on positively afterwards — neither owned nor turned down before — are relevant.
 */
export function heldOut(events: readonly CandorEvent[], split: number, now: Date): { history: CandorEvent[]; relevant: Set<string> } {
  const history = events.filter((e) => Date.parse(e.ts) < split);
  const past = summariseInteractions(history, now);
  const relevant = new Set<string>();
  for (const e of events) {
    if (Date.parse(e.ts) < split || !POSITIVE.has(e.type) || e.productId === undefined) continue;
    if (past.owned.has(e.productId) || past.rejected.has(e.productId)) continue;
    relevant.add(e.productId);
  }
  return { history, relevant };
}

export function loadFactorsDir(dir: string): CfModel {
  const { manifest, blob } = readFactorsDir(dir);
  return deserializeFactors(manifest, blob, { sha256: sha256Hex });
}

interface Args {
  people: number;
  first: number;
  seed: number;
  weights: number[];
  factors: string;
  splitDay: number;
}

const USAGE = 'usage: evaluate-engine.ts [--people 500] [--first 20000] [--seed 1] [--weights 0,0.15,0.25,0.35,0.5,0.75,1] [--factors DIR] [--split-day 60]';

const OPTIONS = {
  people: { type: 'string' },
  first: { type: 'string' },
  seed: { type: 'string' },
  weights: { type: 'string' },
  factors: { type: 'string' },
  'split-day': { type: 'string' }
} as const;

function parse(argv: readonly string[]): Args {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  const a: Args = {
    people: f.people === undefined ? 500 : Number(f.people),
    first: f.first === undefined ? 20_000 : Number(f.first),
    seed: f.seed === undefined ? 1 : Number(f.seed),
    weights: f.weights === undefined ? [0, 0.15, 0.25, 0.35, 0.5, 0.75, 1] : f.weights.split(',').map(Number),
    factors: f.factors ?? fileURLToPath(new URL('../factors/demo/', import.meta.url)),
    splitDay: f['split-day'] === undefined ? 60 : Number(f['split-day'])
  };
  if (a.weights.some((w) => !(w >= 0))) throw new Error('--weights must be non-negative numbers');
  return a;
}

export function evaluateEngine(a: Args): Record<string, unknown> {
  const { products } = loadCatalogue();
  const cf = loadFactorsDir(a.factors);
  const end = new Date(DEFAULT_END).getTime();
  const split = end - (90 - a.splitDay) * DAY_MS;
  const now = new Date(split);
  const sim = createSimulation({ products, calibration: loadCalibration(), people: a.people, seed: a.seed, first: a.first });
  const acc = a.weights.map(() => ({ hits: 0, recall: 0, ndcg: 0, alsoChosen: 0 }));
  let users = 0;
  for (const sp of sim.people()) {
    const { history, relevant } = heldOut(sp.events, split, now);
    if (!history.some((e) => e.productId !== undefined)) continue;
    if (relevant.size === 0) continue;
    users++;
    a.weights.forEach((w, wi) => {
      const recs = recommend({ products, profile: sp.profile, events: history, now, k: 10, ...(w > 0 ? { cf, cfWeight: w } : {}) });
      let hits = 0;
      let dcg = 0;
      recs.forEach((r, i) => {
        if (relevant.has(r.productId)) {
          hits++;
          dcg += 1 / Math.log2(i + 2);
        }
        if (r.reasons.some((x) => x.code === 'also_chosen')) acc[wi]!.alsoChosen++;
      });
      let idcg = 0;
      for (let i = 0; i < Math.min(10, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
      acc[wi]!.hits += hits > 0 ? 1 : 0;
      acc[wi]!.recall += hits / relevant.size;
      acc[wi]!.ndcg += dcg / idcg;
    });
  }
  const r = (x: number): number => Number(x.toFixed(4));
  return {
    people: a.people,
    first: a.first,
    seed: a.seed,
    users,
    splitDay: a.splitDay,
    results: a.weights.map((w, i) => ({
      cfWeight: w,
      hitRate: r(acc[i]!.hits / users),
      recall: r(acc[i]!.recall / users),
      ndcg: r(acc[i]!.ndcg / users),
      alsoChosenPerList: r(acc[i]!.alsoChosen / users)
    }))
  };
}

if (isEntryPoint(import.meta.url)) {
  try {
    process.stdout.write(JSON.stringify(evaluateEngine(parse(process.argv.slice(2)))) + '\n');
  } catch (e) {
    process.stderr.write(`evaluate-engine: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}
