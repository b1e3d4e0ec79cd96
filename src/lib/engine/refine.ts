/**
 * Part of stage 4 (the blend): the sources that refine the order within what fits — popularity,
 * collaborative filtering, and the on-device ranker.
 *
 * CF (only with a model — global factors such as EASE, trained on aggregate statistics; src/lib/cf):
 *   x    = the person's positive interaction weights, indexed like cf.itemIds (negatives are left
 *          out: the factors are trained on positives, and the dislike term covers dismissals);
 *   s    = cf.score(x);
 *   cf_p = max(0, s_p) / max_q s_q · Σx / (Σx + CF_SHRINK) over the candidates q not in x; 0 for products in
 *          x and unknown ones. The shrink keeps one view from speaking as loudly as a history: without
 *          it the normalisation would give the first event's co-choices full weight at once. Only the
 *          CF_REACH·(products in x) best candidates get a score, so one event lifts a few products
 *          (the way one anchor reaches only its nearest ones in interest.ts), not the whole list.
 * The ranker (only with its probabilities l_p, src/lib/ranker):
 *   learned_p = (l_p − median l) / (p90 − p10), clamped to [−1, 1]
 * Its probabilities are of a rare event, so only their order and relative spread carry meaning;
 * centring makes an unscored product neutral.
 *
 *   raw    = 0.15·popularity + cfWeight·cf + learnedWeight·learned
 *   refine = REFINE_CAP · raw / (0.15 + cfWeight + learnedWeight)
 * (a source that is absent — no CF model, no ranker scores — has weight 0 here; a CF model that has
 * nothing to say yet keeps its share, so the first event does not rescale the others).
 * Each part is at most 1 in size, so |refine| ≤ REFINE_CAP: less than the gap between a product that
 * fits the person and one that does not (fit.ts). What many people choose, or what the model guesses,
 * orders products within what suits this person and never outranks it. (Linear, not squashed: a
 * squashing function would flatten the strongest opinions into ties.)
 */
import { interactionVector, type CfModel } from '../cf/model';
import type { Product } from '../domain/product';

export const POPULARITY_WEIGHT = 0.15;
/** weight of the normalised CF score */
export const CF_WEIGHT = 0.35;
/** default weight of the ranker's normalised opinion; the shipped model carries its own (models/ranker) */
export const LEARNED_WEIGHT = 1;
export const REFINE_CAP = 0.25;
/** interaction weight at which CF speaks at half strength (a view is 1, a favourite 4, an application 6) */
export const CF_SHRINK = 8;
/** candidates CF speaks for, per product the person engaged with */
export const CF_REACH = 3;

/** product.popularity if it is a number (clamped to [0, 1]), else 0 */
export function popularityOf(p: Product): number {
  const v = p['popularity'];
  if (typeof v !== 'number' || !Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}

/** How loudly CF may speak for this history: Σx / (Σx + CF_SHRINK) over the positive weights. */
export function cfEvidence(weights: ReadonlyMap<string, number>): number {
  let evidence = 0;
  for (const w of weights.values()) if (w > 0 && Number.isFinite(w)) evidence += w;
  return evidence / (evidence + CF_SHRINK);
}

/**
 * Normalised CF scores for the candidates: product id -> s_p / max s in (0, 1] (before the evidence
 * shrink, which the blend applies: cfEvidence). Empty when there is no
 * model, x is all zero, or no candidate scores above 0.
 */
export function collaborativeScores(model: CfModel | undefined, weights: ReadonlyMap<string, number>, candidates: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  if (!model) return out;
  const positive = new Map<string, number>();
  for (const [id, w] of weights) if (w > 0 && Number.isFinite(w)) positive.set(id, w);
  if (positive.size === 0) return out;
  const x = interactionVector(model.itemIds, positive);
  if (!x.some((v) => v !== 0)) return out;
  const s = model.score(x);
  let max = 0;
  model.itemIds.forEach((id, i) => {
    const v = s[i] ?? 0;
    if (x[i] === 0 && candidates.has(id) && Number.isFinite(v) && v > max) max = v;
  });
  if (!(max > 0)) return out;
  const scored: [string, number][] = [];
  model.itemIds.forEach((id, i) => {
    const v = s[i] ?? 0;
    if (x[i] === 0 && candidates.has(id) && Number.isFinite(v) && v > 0) scored.push([id, v / max]);
  });
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [id, v] of scored.slice(0, CF_REACH * positive.size)) out.set(id, v);
  return out;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * (l − median) / (p90 − p10) over the candidates the ranker scored, clamped to [−1, 1]; empty when it
 * scored none or all alike. Robust quantiles rather than the mean and range: one product whose
 * probability jumps (the one just liked) would otherwise rescale every other product's opinion and
 * reshuffle the whole list.
 */
export function normalisedLearned(learned: ReadonlyMap<string, number> | undefined, candidates: readonly Product[]): Map<string, number> {
  const out = new Map<string, number>();
  if (!learned) return out;
  const values: [string, number][] = [];
  for (const p of candidates) {
    const l = learned.get(p.id);
    if (l !== undefined && Number.isFinite(l)) values.push([p.id, clamp01(l)]);
  }
  if (values.length === 0) return out;
  const sorted = values.map(([, l]) => l).sort((a, b) => a - b);
  // linear interpolation between order statistics (so two scored products still have a spread)
  const at = (q: number): number => {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const spread = at(0.9) - at(0.1);
  if (!(spread > 0)) return out;
  const median = at(0.5);
  for (const [id, l] of values) out.set(id, Math.max(-1, Math.min(1, (l - median) / spread)));
  return out;
}

export function refineScore(parts: { popularity: number; cf: number; learned: number }, weights: { cf: number; learned: number }): number {
  const raw = POPULARITY_WEIGHT * parts.popularity + weights.cf * parts.cf + weights.learned * parts.learned;
  return (REFINE_CAP * raw) / (POPULARITY_WEIGHT + weights.cf + weights.learned);
}
