/**
 * The CF scoring workload, shared by the Node and the Chromium benchmark: one person with a dozen
 * interactions scored against every item, then the top 10 — what the engine does on each render.
 * No Node or DOM imports, so it bundles for the browser.
 */
import { easeModel, interactionVector, pureSvdModel, topK, type AnyCfModel } from '../../lib/cf/index';
import { mulberry32 } from '../../lib/common/random';
import type { Timing } from './stats';

export type Measure = (fn: () => unknown, opts?: { runs?: number; warmup?: number }) => Promise<Timing>;

/** A model of the right size and layout; the values do not change the cost of scoring. */
export function randomModel(algo: 'ease' | 'puresvd', n: number, dim = 64, seed = 7): AnyCfModel {
  const rand = mulberry32(seed);
  const itemIds = Array.from({ length: n }, (_, i) => `p${i}`);
  if (algo === 'ease') {
    const B = new Float32Array(n * n);
    for (let i = 0; i < B.length; i++) B[i] = rand() - 0.5;
    return easeModel(itemIds, 500, B);
  }
  const V = new Float32Array(n * dim);
  for (let i = 0; i < V.length; i++) V[i] = rand() - 0.5;
  return pureSvdModel(itemIds, dim, V);
}

export async function scoringCase(measure: Measure, algo: 'ease' | 'puresvd', n: number, runs: number): Promise<Timing & { algo: string; items: number }> {
  const model = randomModel(algo, n);
  const rand = mulberry32(11);
  const person = new Map<string, number>();
  while (person.size < 12) person.set(`p${Math.floor(rand() * n)}`, 1 + rand() * 5);
  const timing = await measure(
    () => {
      const x = interactionVector(model.itemIds, person);
      return topK(Float64Array.from(model.score(x)), 10);
    },
    { runs, warmup: 3 }
  );
  return { algo, items: n, ...timing };
}

/** The cases the issue asks for: 2,000 and 10,000 products (EASE where its n² artifact is sensible). */
export async function scoringCases(measure: Measure, quick: boolean): Promise<Record<string, Timing>> {
  const runs = quick ? 5 : 40;
  return {
    'ease-2000': await scoringCase(measure, 'ease', 2000, runs),
    'puresvd64-2000': await scoringCase(measure, 'puresvd', 2000, runs),
    'puresvd64-10000': await scoringCase(measure, 'puresvd', 10_000, runs)
  };
}
