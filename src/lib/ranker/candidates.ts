/**
 * From the engine's candidates to model rows and back: the two-pass ranking the app and the
 * training script share. Pass 1: `recommend` with k = the catalogue's size gives every candidate
 * that passes the gate, with its signals; the model scores them; pass 2: `recommend` again with
 * `learned` gives the final list.
 *
 * Why every candidate and not the top 60: the engine centres the ranker's opinion on its mean over
 * the scored products, so an unscored product counts as average — a product from below a cut would
 * then jump over every scored product the model thinks less of. Scoring all of them (a few hundred
 * rows, well under a millisecond on wasm) keeps the comparison fair.
 */
import type { CandorEvent } from '../domain/event';
import type { Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import { effectiveRiskLevel } from '../domain/suitability';
import { runEngine } from '../engine/recommend';
import type { Recommendation, RecommendInput } from '../engine/types';
import { summariseInteractions } from '../engine/weights';
import { FEATURE_DIM, featureRow, historyShares, personFeatures } from './features';

export interface CandidateRows {
  ids: string[];
  /** row-major, FEATURE_DIM wide, one row per id */
  rows: Float32Array;
}

export interface RowContext {
  products: ReadonlyMap<string, Product>;
  profile: Profile;
  /** the events the engine saw, and its `now` */
  events: readonly CandorEvent[];
  now: Date;
}

/** Rows for the candidates (in the engine's order) whose product is in `products`; others are skipped. */
export function candidateRows(c: RowContext, candidates: readonly Recommendation[]): CandidateRows {
  const person = personFeatures(c.profile);
  const level = effectiveRiskLevel(c.profile);
  const shares = historyShares(c.products, summariseInteractions(c.events, c.now).weights);
  const ids: string[] = [];
  const rows = new Float32Array(candidates.length * FEATURE_DIM);
  candidates.forEach((r, rank) => {
    const p = c.products.get(r.productId);
    if (!p) return;
    rows.set(featureRow(person, p, level, { signals: r.signals, rank, shares }), ids.length * FEATURE_DIM);
    ids.push(r.productId);
  });
  return { ids, rows: rows.slice(0, ids.length * FEATURE_DIM) };
}

/** The engine's `learned` input from the scores of `candidateRows`. */
export function learnedMap(ids: readonly string[], scores: ArrayLike<number>): Map<string, number> {
  if (ids.length !== scores.length) throw new Error(`${ids.length} ids but ${scores.length} scores`);
  return new Map(ids.map((id, i) => [id, scores[i]!]));
}

/**
 * Pass 1: every candidate the engine gives for `input` (without the ranker's opinion), as rows in the
 * engine's order. The app, `recommend`, the fine-tuning examples and training all score these rows.
 */
export function scoringRows(input: RecommendInput): CandidateRows {
  // the rows need each candidate's signals and rank, not its reasons
  const candidates = runEngine({ ...input, k: input.products.length }, { reasons: false }).items;
  const products = new Map<string, Product>(input.products.map((p) => [p.id, p]));
  return candidateRows({ products, profile: input.profile, events: input.events, now: input.now }, candidates);
}
