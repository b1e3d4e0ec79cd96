/**
 * The population simulator: seeded synthetic customers (population.ts, calibrated on UCI Bank
 * Marketing) who browse, save, dismiss, apply for, buy and rate products of a catalogue
 * (behaviour.ts), producing event logs in the event format of docs/contracts.md.
 *
 * Pure code (no Node): pass the catalogue's products and the calibration (calibration.json; see
 * `loadCalibration` in node.ts for reading it from disk). Person i depends only on (seed, i), so the
 * first 1,000 people of a 20,000-person run are the 1,000 people of a 1,000-person run.
 */
import type { CandorEvent } from '../../src/lib/domain/event';
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { summariseInteractions } from '../../src/lib/engine/weights';
import { mean, quantiles, sd, type Calibration } from './calibration';
import { personView, simulateBehaviour, WINDOW_DAYS } from './behaviour';
import { personProfile, samplePerson, type SimPerson } from './population';
import { createWorld, type World } from './world';

/** The window ends here unless told otherwise (the demo catalogue is dated 2026-11-01). */
export const DEFAULT_END = '2026-11-01T00:00:00.000Z';

export interface SimulationOptions {
  products: readonly Product[];
  calibration: Calibration;
  people: number;
  seed: number;
  /** end of the behaviour window (ISO-8601); default DEFAULT_END */
  end?: string;
  /** window length in days; default 90 */
  days?: number;
  /** index of the first person (default 0): lets a run continue another one */
  first?: number;
}

export interface SimulatedPerson {
  person: SimPerson;
  /** the profile (docs/contracts.md) the person would have on their device */
  profile: Profile;
  /** in time order, each valid against EventSchema */
  events: CandorEvent[];
}

export interface Simulation {
  world: World;
  /** person `first + i`, lazily */
  person(index: number): SimulatedPerson;
  people(): Generator<SimulatedPerson>;
}

export function createSimulation(opts: SimulationOptions): Simulation {
  if (!Number.isInteger(opts.people) || opts.people < 0) throw new Error(`people must be a non-negative integer, got ${opts.people}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be an integer, got ${opts.seed}`);
  const end = new Date(opts.end ?? DEFAULT_END);
  if (Number.isNaN(end.getTime())) throw new Error(`end must be an ISO-8601 time, got "${opts.end}"`);
  const days = opts.days ?? WINDOW_DAYS;
  const first = opts.first ?? 0;
  const world = createWorld(opts.products, opts.seed);
  const person = (index: number): SimulatedPerson => {
    const p = samplePerson(world, opts.calibration, index);
    const pv = personView(world, p);
    return { person: p, profile: personProfile(p), events: simulateBehaviour(world, p, pv, end, days) };
  };
  return {
    world,
    person,
    *people() {
      for (let i = 0; i < opts.people; i++) yield person(first + i);
    }
  };
}

/** The whole population in memory (fine for tests and a few tens of thousands of people). */
export function simulatePopulation(opts: SimulationOptions): SimulatedPerson[] {
  return [...createSimulation(opts).people()];
}

export type PositiveWeights = 'engine' | 'binary';

/**
 * A person's positives for CF: the products whose net interaction weight, counted by the engine's
 * own rules (src/lib/engine/weights.ts: view 1, click 2, save 4, thumbs-up 4, apply 6, buy 8,
 * thumbs-down −6, dismiss −8; the latest opinion wins) WITHOUT time decay, is positive and whose
 * latest opinion is not negative. Weight: that net weight ('engine') or 1 ('binary').
 */
export function positives(events: readonly CandorEvent[], weights: PositiveWeights = 'engine'): Map<string, number> {
  // every event lies after the epoch, so the engine's decay factor is 1 throughout
  const s = summariseInteractions(events, new Date(0));
  const out = new Map<string, number>();
  for (const [id, w] of [...s.weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (w > 0 && !s.rejected.has(id)) out.set(id, weights === 'binary' ? 1 : Number(w.toFixed(3)));
  }
  return out;
}

/** TSV rows `user<TAB>item<TAB>weight` of one person's positives. */
export function tsvRows(sp: SimulatedPerson, weights: PositiveWeights = 'engine'): string[] {
  return [...positives(sp.events, weights)].map(([item, w]) => `${sp.person.id}\t${item}\t${w}`);
}

export interface Marginals {
  people: number;
  age: { mean: number; sd: number; median: number };
  balance: { mean: number; median: number; negativeShare: number };
  housingShare: number;
  loanShare: number;
  /** share of people who bought or applied for a term deposit (deposit/time or deposit/large_cd) */
  depositShare: number;
  /** the same share, from the intents (before behaviour) */
  depositIntentShare: number;
  levels: Record<1 | 2 | 3 | 4 | 5, number>;
  events: number;
  eventsPerPerson: number;
}

const TAKE_UP = new Set<CandorEvent['type']>(['purchase', 'apply']);

/** The simulated population's marginals, comparable to calibration.targets. */
export function marginals(pop: readonly SimulatedPerson[], world: World): Marginals {
  const n = pop.length;
  const ages = pop.map((p) => p.person.age);
  const balances = pop.map((p) => p.person.balanceEur);
  const share = (f: (p: SimulatedPerson) => boolean): number => (n ? pop.filter(f).length / n : 0);
  const tookTermDeposit = (sp: SimulatedPerson): boolean =>
    sp.events.some((e) => TAKE_UP.has(e.type) && e.productId !== undefined && world.byId.get(e.productId)?.termDeposit === true);
  const levels = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const p of pop) levels[p.person.riskLevel] += 1 / n;
  const events = pop.reduce((s, p) => s + p.events.length, 0);
  return {
    people: n,
    age: { mean: mean(ages), sd: sd(ages), median: quantiles(ages, [0.5])[0]! },
    balance: { mean: mean(balances), median: quantiles(balances, [0.5])[0]!, negativeShare: share((p) => p.person.balanceEur < 0) },
    housingShare: share((p) => p.person.housingLoan),
    loanShare: share((p) => p.person.personalLoan),
    depositShare: share(tookTermDeposit),
    depositIntentShare: share((p) => p.person.depositIntent),
    levels,
    events,
    eventsPerPerson: n ? events / n : 0
  };
}
