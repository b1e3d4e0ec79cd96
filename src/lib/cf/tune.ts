import { fitEase } from './ease';
import { evaluate, prepareSplit } from './evaluate';
import { itemIdsOf, meanDiagonal, type Interaction } from './gram';
import { fitItemKnn, DEFAULT_NEIGHBOURS } from './itemknn';
import type { CfModel, Gram } from './model';
import { gramEigen, pureSvdFromEigen } from './puresvd';
import { sampleUsers, splitPerUser } from './split';

export type TunedAlgo = 'ease' | 'puresvd' | 'itemknn';
export type TunedParam = 'lambda' | 'dim' | 'neighbours';

export const PARAM_OF: Record<TunedAlgo, TunedParam> = { ease: 'lambda', puresvd: 'dim', itemknn: 'neighbours' };

/**
 * λ grid, relative to the mean of diag(G) (the mean item count for binary X) so it carries over
 * to unseen datasets: published optima sit at 0.25–1× (ML-20M λ=500 at mean ≈ 500, Netflix 1000
 * at ≈ 3200, MSD 200 at ≈ 820), while small, strongly clustered data wants far more (our synthetic
 * 300-item set peaks near 30×); the grid spans 0.01–1000× in ~3× steps and the search starts at 1×.
 */
export const LAMBDA_MULTIPLIERS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000] as const;
/** The λ used when there is nothing to validate on (e.g. training from a Gram alone). */
export const DEFAULT_LAMBDA_MULTIPLIER = 1;

export function lambdaGrid(gram: Gram): number[] {
  const base = meanDiagonal(gram) > 0 ? meanDiagonal(gram) : 1;
  return LAMBDA_MULTIPLIERS.map((m) => Number((m * base).toPrecision(6)));
}

export function defaultLambda(gram: Gram): number {
  const base = meanDiagonal(gram) > 0 ? meanDiagonal(gram) : 1;
  return Number((DEFAULT_LAMBDA_MULTIPLIER * base).toPrecision(6));
}

/** d ∈ {8, 16, 32, 64, 128} below n; tiny catalogues fall back to {1, 2, 4} below n, or n. */
export function dimGrid(n: number): number[] {
  const g = [8, 16, 32, 64, 128].filter((d) => d < n);
  if (g.length) return g;
  const small = [1, 2, 4].filter((d) => d < n);
  return small.length ? small : [Math.max(1, n)];
}

export function defaultDim(n: number): number {
  return Math.max(1, Math.min(64, n - 1));
}

/** neighbours ∈ {10, 20, 50, 100, 200} below n (more than n − 1 is the same as n − 1). */
export function neighbourGrid(n: number): number[] {
  const g = [10, 20, 50, 100, 200].filter((v) => v < n);
  return g.length ? g : [Math.max(1, n - 1)];
}

/** A value must beat the best validation ndcg by this relative margin to replace it (plateaus keep the earlier value). */
export const MIN_GAIN = 1e-3;

export interface TuneOptions {
  /** cut-off of the validation metric, ndcg@k */
  k: number;
  seed: number;
  /** inner hold-out share (default 0.2) */
  holdout?: number;
  /** at most this many validation users (default 3000) */
  maxUsers?: number;
  /** override the grid */
  grid?: readonly number[];
}

export interface TuneResult {
  param: TunedParam;
  value: number;
  /** validation ndcg@k for every grid value tried, in order */
  grid: { value: number; ndcg: number }[];
  validationUsers: number;
}

/**
 * Pick a hyper-parameter on an inner validation split of the TRAINING rows only: hold out a seeded
 * share of each sampled user's train items, fit on the rest, keep the grid value with the best
 * ndcg@k; a later value must beat the best by MIN_GAIN (0.1 %) to take over, so on a plateau the one
 * evaluated first wins. d and neighbours try the whole grid ascending (one decomposition / cheap
 * fits), so plateaus favour the smaller, cheaper artifact. λ walks the grid from the point nearest the default (1× mean diag) upward, and
 * downward only if going up never beat the start, each way stopping after two successive values
 * that do not beat the best — validation ndcg is unimodal in λ in practice and each EASE fit is
 * O(n³), so this costs ~4–6 fits, not 11.
 * With no user to validate on, the default is returned with an empty grid.
 */
export function tune(algo: TunedAlgo, rows: readonly Interaction[], itemIndex: ReadonlyMap<string, number>, opts: TuneOptions): TuneResult {
  const param = PARAM_OF[algo];
  const itemIds = itemIdsOf(itemIndex);
  const users = new Set(rows.map((r) => r.user));
  const chosen = sampleUsers(users, opts.maxUsers ?? 3000, opts.seed);
  const { train, test } = splitPerUser(rows, { holdout: opts.holdout ?? 0.2, seed: opts.seed ^ 0x7e57, users: chosen });
  const { data, gram } = prepareSplit(train, test, itemIndex, itemIds);
  const n = itemIds.length;
  const fallback = algo === 'ease' ? defaultLambda(gram) : algo === 'puresvd' ? defaultDim(n) : DEFAULT_NEIGHBOURS;
  if (data.test.size === 0) return { param, value: fallback, grid: [], validationUsers: 0 };
  const grid = [...(opts.grid ?? (algo === 'ease' ? lambdaGrid(gram) : algo === 'puresvd' ? dimGrid(n) : neighbourGrid(n)))];
  const tried: { value: number; ndcg: number }[] = [];
  let best = -1;
  let bestValue = fallback;
  let below = 0;
  const score = (value: number, model: CfModel): void => {
    const ndcg = evaluate(model, data, opts.k).ndcg;
    tried.push({ value, ndcg });
    if (ndcg > best * (1 + MIN_GAIN) || best < 0) {
      best = ndcg;
      bestValue = value;
      below = 0;
    } else {
      below++;
    }
  };
  if (algo === 'ease') {
    const lambdas = [...grid].sort((a, b) => a - b);
    let start = 0;
    lambdas.forEach((l, i) => {
      if (Math.abs(Math.log(l / fallback)) < Math.abs(Math.log(lambdas[start]! / fallback))) start = i;
    });
    score(lambdas[start]!, fitEase(gram, lambdas[start]!));
    for (const step of [1, -1]) {
      if (step === -1 && bestValue !== lambdas[start]) break; // the peak lies above the start
      below = 0;
      for (let i = start + step; i >= 0 && i < lambdas.length && below < 2; i += step) score(lambdas[i]!, fitEase(gram, lambdas[i]!));
    }
  } else if (algo === 'puresvd') {
    const dims = grid.filter((d) => d >= 1 && d <= n).sort((a, b) => a - b);
    if (dims.length === 0) throw new Error(`puresvd: no dim in the grid fits ${n} items`);
    const eig = gramEigen(gram, dims[dims.length - 1]!); // decompose once, truncate per d
    for (const d of dims) score(d, pureSvdFromEigen(itemIds, eig, d));
  } else {
    for (const k of [...grid].sort((a, b) => a - b)) score(k, fitItemKnn(gram, k));
  }
  return { param, value: bestValue, grid: tried, validationUsers: data.test.size };
}
