/**
 * Part of stage 4 (the blend): what the person's own behaviour says about each candidate.
 *
 * content_p = Σ w⁺ₐ·cos(p, a) / (Σ w⁺ₐ + 2)  over positive anchors a whose NEIGHBOURS nearest candidates include p
 * dislike_p = Σ |w⁻ₐ|·cos(p, a) / (Σ |w⁻ₐ| + 2) likewise over negative anchors (dismissals, thumbs-down)
 *
 * The +2 shrinks thin evidence (one view moves less than one favourite). Each anchor reaches only
 * its few nearest products, so one view or one thumbs-up lifts a handful of similar products instead
 * of turning half the list into one kind. A dismissal reaches further ("not this kind of thing"). Only the 64 strongest anchors
 * of each sign count, so the cost stays O(products × 64).
 */
import type { Product } from '../domain/product';
import { SimilarityIndex } from './features';

export const EVIDENCE_SHRINK = 2;
/** the weight of content in the blend (recommend.ts SCORE_WEIGHTS.content) */
export const CONTENT_WEIGHT = 0.45;
/** how many nearest candidates one anchor reaches */
export const NEIGHBOURS = { positive: 3, negative: 16 } as const;
const MAX_ANCHORS = 64;

interface Anchor {
  id: string;
  weight: number;
}

/** The anchor that pulls a product most: for the "similar to …" reasons. */
export interface Pull {
  anchorId: string;
  sim: number;
}

export interface Interest {
  content: number;
  dislike: number;
  liked: Pull | null;
  disliked: Pull | null;
}

const byWeightThenId = (a: Anchor, b: Anchor): number => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function side(index: SimilarityIndex, anchors: Anchor[], candidates: readonly Product[], neighbours: number) {
  const strongest = anchors.sort(byWeightThenId).slice(0, MAX_ANCHORS);
  const den = EVIDENCE_SHRINK + strongest.reduce((s, a) => s + a.weight, 0);
  const sum = new Map<string, number>();
  const pull = new Map<string, { anchorId: string; sim: number; pull: number }>();
  for (const a of strongest) {
    const near = candidates
      .filter((p) => p.id !== a.id)
      .map((p) => ({ id: p.id, sim: index.similarity(p.id, a.id) }))
      .filter((x) => x.sim > 0)
      .sort((x, y) => y.sim - x.sim || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, neighbours);
    for (const { id, sim } of near) {
      sum.set(id, (sum.get(id) ?? 0) + a.weight * sim);
      const cur = pull.get(id);
      if (!cur || a.weight * sim > cur.pull) pull.set(id, { anchorId: a.id, sim, pull: a.weight * sim });
    }
  }
  return { value: (id: string) => (sum.get(id) ?? 0) / den, pull: (id: string): Pull | null => pull.get(id) ?? null };
}

/** Interest in each candidate from the person's decayed interaction weights (engine/weights.ts). */
export function interestIn(all: readonly Product[], candidates: readonly Product[], weights: ReadonlyMap<string, number>): Map<string, Interest> {
  const known = new Set(all.map((p) => p.id));
  const positives: Anchor[] = [];
  const negatives: Anchor[] = [];
  for (const [id, weight] of weights) {
    if (!known.has(id) || weight === 0 || !Number.isFinite(weight)) continue;
    (weight > 0 ? positives : negatives).push({ id, weight: Math.abs(weight) });
  }
  const out = new Map<string, Interest>();
  if (positives.length === 0 && negatives.length === 0) {
    for (const p of candidates) out.set(p.id, { content: 0, dislike: 0, liked: null, disliked: null });
    return out;
  }
  const index = SimilarityIndex.of(all);
  const pos = side(index, positives, candidates, NEIGHBOURS.positive);
  const neg = side(index, negatives, candidates, NEIGHBOURS.negative);
  for (const p of candidates) out.set(p.id, { content: pos.value(p.id), dislike: neg.value(p.id), liked: pos.pull(p.id), disliked: neg.pull(p.id) });
  return out;
}

/** products one engaged-with product may lift, through content and CF together */
export const LIFT_REACH = 2;

/**
 * The candidates that keep their lift (content, and CF): the strongest LIFT_REACH per product the
 * person engaged with, each source's lift taken relative to its own strongest, so that content's
 * nearest neighbour and CF's best co-choice compete on equal terms. Content and CF each reach a few
 * products, but not always the same few; together they could still move six items for one view.
 * With this, one view or one thumbs-up changes at most two products' scores upward (a third may
 * enter as diversity re-picks).
 */
export function liftReach(interest: ReadonlyMap<string, Interest>, cf: ReadonlyMap<string, number>, engaged: number): Set<string> {
  let maxContent = 0;
  for (const it of interest.values()) maxContent = Math.max(maxContent, it.content);
  let maxCf = 0;
  for (const v of cf.values()) maxCf = Math.max(maxCf, v);
  const lift = new Map<string, number>();
  if (maxContent > 0) for (const [id, it] of interest) if (it.content > 0) lift.set(id, it.content / maxContent);
  if (maxCf > 0) for (const [id, v] of cf) if (v > 0) lift.set(id, Math.max(lift.get(id) ?? 0, v / maxCf));
  const ranked = [...lift].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Set(ranked.slice(0, LIFT_REACH * engaged).map(([id]) => id));
}
