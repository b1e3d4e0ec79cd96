/**
 * Training and evaluation examples from the population simulator (models/simulator): for each
 * simulated person, the engine runs on their events before the split day (its candidates and
 * signals are what the ranker sees), and a candidate is positive when the person clicks, saves,
 * applies for or buys it afterwards — the same relevance as models/simulator/evaluate-engine.ts.
 */
import type { CfModel } from '../../src/lib/cf/model';
import type { CandorEvent } from '../../src/lib/domain/event';
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { scoringRows } from '../../src/lib/ranker/candidates';
import type { Calibration } from '../simulator/calibration';
import { heldOut } from '../simulator/evaluate-engine';
import { createSimulation, DEFAULT_END } from '../simulator/simulator';

const DAY_MS = 86_400_000;

export interface PersonExamples {
  profile: Profile;
  history: CandorEvent[];
  now: Date;
  ids: string[];
  rows: Float32Array;
  labels: Float32Array;
  /** relevant products after the split (may include ones outside the candidates) */
  relevant: Set<string>;
  /** has at least one product event before the split (the people evaluate-engine scores) */
  hasHistory: boolean;
}

export interface ExampleOptions {
  products: readonly Product[];
  calibration: Calibration;
  cf: CfModel;
  seed: number;
  first: number;
  people: number;
  splitDay: number;
}

export function* examples(o: ExampleOptions): Generator<PersonExamples> {
  const split = new Date(DEFAULT_END).getTime() - (90 - o.splitDay) * DAY_MS;
  const now = new Date(split);
  const sim = createSimulation({ products: o.products, calibration: o.calibration, people: o.people, seed: o.seed, first: o.first });
  for (const sp of sim.people()) {
    const { history, relevant } = heldOut(sp.events, split, now);
    const { ids, rows } = scoringRows({ products: o.products, profile: sp.profile, events: history, now, k: o.products.length, cf: o.cf });
    yield {
      profile: sp.profile,
      history,
      now,
      ids,
      rows,
      labels: Float32Array.from(ids, (id) => (relevant.has(id) ? 1 : 0)),
      relevant,
      hasHistory: history.some((e) => e.productId !== undefined)
    };
  }
}
