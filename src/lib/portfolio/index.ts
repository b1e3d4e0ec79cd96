/**
 * Portfolio allocation (issue 16), pure: the asset classes and how products map to them (classes.ts), their
 * estimate from the real monthly data (estimate.ts, ledoit-wolf.ts), the house rules (policy.ts), the
 * optimiser (optimise.ts), the history of a mix (history.ts) and the allocation itself (allocate.ts).
 * `allocateThroughPipeline` ranks the products with the one recommendation pipeline first, as the CLI does;
 * the app passes its own ranked list (the same pipeline, run by client/ranking.svelte.ts).
 */
import type { CfModel } from '../cf/model';
import type { CandorEvent } from '../domain/event';
import { runPipeline, type Scorer } from '../pipeline';
import { allocate, type Allocation, type AllocationInput } from './allocate';
import { DEFAULT_HORIZON_MONTHS } from './policy';

export * from './allocate';
export * from './classes';
export * from './estimate';
export * from './history';
export * from './policy';
export { parseMonthlyReturns, type MonthlyReturns } from './returns-data';
export { portfolioReturn, portfolioVolatility, sleeveProblem, optimiseSleeves, sleeveVolatility } from './optimise';

export interface PipelineAllocationInput extends Omit<AllocationInput, 'ranked'> {
  events: readonly CandorEvent[];
  now: Date;
  cf?: CfModel;
}

/** Rank every product with the pipeline (the person's horizon in the profile), then allocate. */
export async function allocateThroughPipeline(input: PipelineAllocationInput, scorer: Scorer | null): Promise<Allocation> {
  const horizonMonths = input.horizonMonths ?? input.profile.horizonMonths ?? DEFAULT_HORIZON_MONTHS;
  const profile = { ...input.profile, horizonMonths };
  const { items } = await runPipeline(
    { products: input.products, profile, events: input.events, now: input.now, k: input.products.length, ...(input.cf ? { cf: input.cf } : {}) },
    scorer
  );
  return allocate({ products: input.products, profile, amount: input.amount, horizonMonths, ranked: items, estimate: input.estimate });
}
