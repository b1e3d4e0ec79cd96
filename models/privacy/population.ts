/**
 * Weekly report inputs from the population simulator (models/simulator): for each simulated person,
 * the six kind sets (src/lib/privacy/report.ts `kindSets`) of every ISO week of the behaviour
 * window — including empty weeks, for which a device still sends a (pure padding) report — and
 * the person's binary CF positives over the whole window (the simulator's `positives`).
 */
import type { KindSets } from '../../src/lib/privacy/report';
import { kindSets } from '../../src/lib/privacy/report';
import { periodOf, periodRange, shiftPeriod } from '../../src/lib/privacy/period';
import { loadCalibration, loadCatalogue } from '../simulator/node';
import { createSimulation, DEFAULT_END, positives } from '../simulator/simulator';
import { WINDOW_DAYS } from '../simulator/behaviour';

export interface SimulatedWeeks {
  readonly id: string;
  /** one entry per period of `periods`, same order */
  readonly weeks: readonly KindSets[];
  /** binary positives over the whole window, sorted */
  readonly positives: readonly string[];
}

export interface WeeklyPopulation {
  /** the catalogue's product ids, sorted */
  readonly itemIds: readonly string[];
  /** ISO weeks overlapping the behaviour window, ascending */
  readonly periods: readonly string[];
  readonly people: readonly SimulatedWeeks[];
}

export interface WeeklyOptions {
  people: number;
  seed: number;
  /** index of the first person (default 0) */
  first?: number;
  /** catalogue file (default: the demo catalogue) */
  catalogue?: string;
}

/** The ISO weeks that overlap [end − days, end). */
export function windowPeriods(end: string = DEFAULT_END, days: number = WINDOW_DAYS): string[] {
  const t1 = Date.parse(end);
  const first = periodOf(t1 - days * 86_400_000);
  const last = periodOf(t1 - 1);
  const out = [first];
  while (out[out.length - 1] !== last) out.push(shiftPeriod(out[out.length - 1]!, 1));
  if (periodRange(last).start >= t1) out.pop();
  return out;
}

const EMPTY: readonly string[] = Object.freeze([]);
const EMPTY_WEEK: KindSets = Object.freeze({
  'item:view': EMPTY,
  'item:favorite': EMPTY,
  'item:apply': EMPTY,
  'item:up': EMPTY,
  'item:down': EMPTY,
  pair: EMPTY
});

/** Share one frozen empty array (and one empty week) across the population: most weeks are empty. */
function compact(sets: KindSets): KindSets {
  if (Object.values(sets).every((s) => s.length === 0)) return EMPTY_WEEK;
  const out = { ...sets };
  for (const k of Object.keys(out) as (keyof KindSets)[]) if (out[k].length === 0) out[k] = EMPTY;
  return out;
}

export function simulateWeeks(opts: WeeklyOptions): WeeklyPopulation {
  const { products } = loadCatalogue(opts.catalogue);
  const itemIds = products.map((p) => p.id).sort();
  const sim = createSimulation({ products, calibration: loadCalibration(), people: opts.people, seed: opts.seed, first: opts.first ?? 0 });
  const periods = windowPeriods();
  const people: SimulatedWeeks[] = [];
  for (const sp of sim.people()) {
    people.push({
      id: sp.person.id,
      weeks: periods.map((period) => compact(kindSets(sp.events, itemIds, period))),
      positives: [...positives(sp.events, 'binary').keys()].sort()
    });
  }
  return { itemIds, periods, people };
}
