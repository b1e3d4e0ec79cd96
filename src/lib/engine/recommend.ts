import { interactionVector, type CfModel } from '../cf/model';
import type { Product } from '../domain/product';
import { effectiveRiskLevel, passesGate } from '../domain/suitability';
import { reasons as R } from './explain';
import { SimilarityIndex } from './features';
import { intentIsEmpty, matchIntent } from './intent-match';
import { analyseQuery, matchQuery, productDocument, type QueryAnalysis } from './lexical';
import { profileFit } from './profile-fit';
import { REASON_CODES, type Reason, type Recommendation, type RecommendInput, type Signals } from './types';
import { summariseInteractions } from './weights';

/**
 * The engine.
 *
 *   base  = 0.45·content + 0.15·popularity + 0.40·profileFit − 0.60·dislike      (in [−0.6, 1])
 *           + 0.35·cf                              (only with a CF model, see below: then up to 1.35)
 *           + the ranker's term                   (only with its scores, see below)
 *   score = base                                     (no query, or the product does not answer it)
 *         = 2 + … + base                             (it answers the query or request: always above;
 *                                                    the top tier is defined below)
 *   then a greedy diversity re-rank subtracts a penalty that grows with the number of items of the
 *   same kind / subtype already chosen (bounded by 0.35, so query matches stay on top); the
 *   reported score is that adjusted value, which is non-increasing down the list.
 *
 * content  = Σ w⁺ₐ·cos(p, a) / (Σ w⁺ₐ + 2) over products a ≠ p with positive interaction weight
 * dislike  = Σ |w⁻ₐ|·cos(p, a) / (Σ |w⁻ₐ| + 2) over products a ≠ p with negative weight
 * (the +2 shrinks the effect of thin evidence: one view moves less than one favourite;
 * only the 64 strongest anchors of each sign are used).
 *
 * The suitability gate (domain/suitability.ts) filters candidates before scoring and again
 * before returning: it is never a score. Dismissed / thumbed-down products, and those already
 * applied for or bought, are not recommended.
 *
 * Collaborative filtering (only when `input.cf` is given — global factors such as EASE, trained on
 * aggregate statistics; see src/lib/cf):
 *   x    = the person's positive interaction weights (the same decayed weights as above) indexed like
 *          cf.itemIds (`interactionVector`); negative weights are left out — the factors are trained
 *          on positives, and the dislike term already covers dismissals;
 *   s    = cf.score(x);
 *   cf_p = max(0, s_p) / max_q s_q, the max over candidates q (products that pass the gate, are not
 *          rejected or owned, and are not in x themselves); 0 for products in x and unknown ones;
 *   base += CF_WEIGHT · cf_p          (CF_WEIGHT = 0.35; `input.cfWeight` overrides it)
 * so the product most co-chosen with what the person chose gains 0.35 — between the popularity
 * (0.15) and profile-fit (0.40) weights. With x all zero, or no candidate scoring above 0, CF adds
 * nothing at all. The `also_chosen` reason is given when cf_p ≥ 0.5.
 *
 * The on-device ranker (only when `input.learned` is given — probabilities l_p from src/lib/ranker):
 *   base += LEARNED_WEIGHT · (l_p − mean l) / (max l − min l)     over the candidates it scored
 * The ranker's probabilities are of a rare event (mostly a few per cent), so only their order and
 * relative spread carry meaning; centring on their mean makes an unscored product neutral and a
 * weight of about 1 comparable with the other sources.
 *
 * A request (`input.intent`, parsed from the query on the device) and query embeddings
 * (`input.semantic`) decide the top tier and order it:
 *   matched = the Intent's hard parts (kind, risk, must-stay-reachable) all hold, when it names any;
 *             else the lexical match, or a semantic similarity ≥ SEMANTIC_MATCH of the best one;
 *             else (an Intent with only soft parts) any part of it holds;
 *   score   = 2 + lexical + INTENT_WEIGHT·intent + SEMANTIC_WEIGHT·semantic + base   when matched.
 */
export const SCORE_WEIGHTS = { content: 0.45, popularity: 0.15, fit: 0.4, dislike: 0.6 } as const;
/** weight of the normalised CF score in the base score (see above) */
export const CF_WEIGHT = 0.35;
/** a normalised CF score at or above this earns the `also_chosen` reason */
export const ALSO_CHOSEN_MIN = 0.5;
export const QUERY_TIER_OFFSET = 2;
/** weight of the ranker's normalised opinion; the shipped model carries its own, tuned on held-out simulated people (models/ranker) */
export const LEARNED_WEIGHT = 1;
export const INTENT_WEIGHT = 1;
export const SEMANTIC_WEIGHT = 0.5;
/** a product whose similarity is at least this share of the best candidate's counts as a semantic match */
export const SEMANTIC_MATCH = 0.85;
const SEMANTIC_MATCH_FLOOR = 0.3;
const EVIDENCE_SHRINK = 2;
const DIVERSITY = { kind: 0.25, subtype: 0.1, decay: 0.6 } as const;
/** at most this share of a list (rounded up) from one kind, while other kinds are available */
export const MAX_KIND_SHARE = 0.5;
const SIMILAR_REASON_MIN_COS = 0.6;
const SIMILAR_REASON_MIN_CONTENT = 0.1;
const DISLIKE_REASON_MIN = 0.2;
const DISLIKE_REASON_MIN_COS = 0.6;
const POPULAR_REASON_MIN = 0.6;
const MAX_ANCHORS = 64;

/** product.popularity if it is a number (clamped to [0, 1]), else 0 */
export function popularityOf(p: Product): number {
  const v = p['popularity'];
  if (typeof v !== 'number' || !Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}

interface Scored {
  product: Product;
  /** score before diversity */
  score: number;
  reasons: Reason[];
  /** signals.matched: in the top tier */
  signals: Signals;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
/** a caller's weight when it is a finite number ≥ 0, else the default */
const weightOr = (w: number | undefined, fallback: number): number => (w !== undefined && Number.isFinite(w) && w >= 0 ? w : fallback);

interface Anchor {
  id: string;
  weight: number;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pickReasons(candidates: { reason: Reason; importance: number }[], dislike: Reason | null, fallback: Reason): Reason[] {
  const order = (r: Reason): number => REASON_CODES.indexOf(r.code);
  const sorted = [...candidates].sort((a, b) => b.importance - a.importance || order(a.reason) - order(b.reason));
  const room = dislike ? 2 : 3;
  const out = sorted.slice(0, room).map((c) => c.reason);
  if (out.length === 0) out.push(fallback);
  if (dislike) out.push(dislike);
  return out;
}

/**
 * Normalised CF scores (see the module comment) for the candidates: product id -> cf_p in (0, 1].
 * Empty when there is no model, x is all zero, or no candidate scores above 0.
 */
export function collaborativeScores(
  model: CfModel | undefined,
  weights: ReadonlyMap<string, number>,
  candidates: ReadonlySet<string>
): Map<string, number> {
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
  model.itemIds.forEach((id, i) => {
    const v = s[i] ?? 0;
    if (x[i] === 0 && candidates.has(id) && Number.isFinite(v) && v > 0) out.set(id, v / max);
  });
  return out;
}

/** (l − mean)/(max − min) over the candidates the ranker scored; empty when it scored none or all alike. */
function normalisedLearned(learned: ReadonlyMap<string, number> | undefined, candidates: readonly Product[]): Map<string, number> {
  const out = new Map<string, number>();
  if (!learned) return out;
  const values: [string, number][] = [];
  for (const p of candidates) {
    const l = learned.get(p.id);
    if (l !== undefined && Number.isFinite(l)) values.push([p.id, clamp01(l)]);
  }
  if (values.length === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const [, l] of values) {
    min = Math.min(min, l);
    max = Math.max(max, l);
    sum += l;
  }
  if (!(max > min)) return out;
  const mean = sum / values.length;
  for (const [id, l] of values) out.set(id, (l - mean) / (max - min));
  return out;
}

function scoreProducts(input: RecommendInput, catalogue: Map<string, Product>, qa: QueryAnalysis | null): Scored[] {
  const { profile } = input;
  const summary = summariseInteractions(input.events, input.now);
  const index = new SimilarityIndex([...catalogue.values()]);
  const positives: Anchor[] = [];
  const negatives: Anchor[] = [];
  for (const [id, weight] of summary.weights) {
    if (!catalogue.has(id) || weight === 0) continue;
    (weight > 0 ? positives : negatives).push({ id, weight: Math.abs(weight) });
  }
  // the strongest MAX_ANCHORS of each sign (ties by id), so cost stays O(products × MAX_ANCHORS)
  const strongest = (xs: Anchor[]): Anchor[] => xs.sort((a, b) => b.weight - a.weight || byId(a, b)).slice(0, MAX_ANCHORS);
  const pos = strongest(positives);
  const neg = strongest(negatives);

  const personLevel = effectiveRiskLevel(profile);
  const assessed = profile.riskLevel !== null;
  const out: Scored[] = [];

  const candidates: Product[] = [];
  for (const p of catalogue.values()) {
    if (!passesGate(p, profile)) continue;
    if (summary.rejected.has(p.id) || summary.owned.has(p.id)) continue;
    candidates.push(p);
  }
  const cfScores = collaborativeScores(input.cf, summary.weights, new Set(candidates.map((p) => p.id)));
  const cfWeight = weightOr(input.cfWeight, CF_WEIGHT);
  const learnedWeight = weightOr(input.learnedWeight, LEARNED_WEIGHT);
  const intent = input.intent && !intentIsEmpty(input.intent) ? input.intent : null;
  const hardIntent = intent !== null && (intent.kinds.length > 0 || intent.risk !== null || intent.liquidity !== null);
  let bestSemantic = 0;
  if (input.semantic) for (const p of candidates) bestSemantic = Math.max(bestSemantic, clamp01(input.semantic.get(p.id) ?? 0));
  const semanticBar = Math.max(SEMANTIC_MATCH_FLOOR, SEMANTIC_MATCH * bestSemantic);
  const learnedTerm = normalisedLearned(input.learned, candidates);

  for (const p of candidates) {

    // content similarity to what the person liked
    let num = 0;
    let den = EVIDENCE_SHRINK;
    let best: { id: string; sim: number; pull: number } | null = null;
    for (const a of pos) {
      if (a.id === p.id) continue;
      const sim = index.similarity(p.id, a.id);
      num += a.weight * sim;
      den += a.weight;
      if (best === null || a.weight * sim > best.pull) best = { id: a.id, sim, pull: a.weight * sim };
    }
    const content = num / den;

    // and to what they turned down
    let nNum = 0;
    let nDen = EVIDENCE_SHRINK;
    let worst: { id: string; sim: number; pull: number } | null = null;
    for (const a of neg) {
      if (a.id === p.id) continue;
      const sim = index.similarity(p.id, a.id);
      nNum += a.weight * sim;
      nDen += a.weight;
      if (worst === null || a.weight * sim > worst.pull) worst = { id: a.id, sim, pull: a.weight * sim };
    }
    const dislike = nNum / nDen;

    const popularity = popularityOf(p);
    const fit = profileFit(p, profile);
    const cf = cfScores.get(p.id) ?? 0;
    const base =
      SCORE_WEIGHTS.content * content +
      SCORE_WEIGHTS.popularity * popularity +
      SCORE_WEIGHTS.fit * fit.score -
      SCORE_WEIGHTS.dislike * dislike +
      cfWeight * cf +
      learnedWeight * (learnedTerm.get(p.id) ?? 0);

    const match = qa ? matchQuery(p, qa, productDocument(p)) : null;
    const request = intent ? matchIntent(p, intent) : null;
    const semantic = clamp01(input.semantic?.get(p.id) ?? 0);
    const lexical = match?.matched ? match.score : 0;
    const matched = hardIntent
      ? (request?.matched ?? false)
      : (match?.matched ?? false) || (semantic > 0 && semantic >= semanticBar) || (request !== null && request.score > 0);
    const score = matched
      ? QUERY_TIER_OFFSET + lexical + INTENT_WEIGHT * (request?.score ?? 0) + SEMANTIC_WEIGHT * semantic + base
      : base;

    // reasons, each with the share of the score it stands for
    const cands: { reason: Reason; importance: number }[] = [];
    // what the request asked and the product answers, in its words; else the search terms it matched
    if (matched && request && Object.keys(request.hits).length > 0) cands.push({ reason: R.matchesRequest(request.hits), importance: 100 });
    else if (matched && qa && match?.matched) cands.push({ reason: R.matchesQuery(qa.raw.trim(), match.terms), importance: 100 });
    if (best && best.sim >= SIMILAR_REASON_MIN_COS && content >= SIMILAR_REASON_MIN_CONTENT) {
      const anchor = catalogue.get(best.id);
      if (anchor) {
        cands.push({
          reason: R.similarTo(anchor.id, anchor.name, summary.actions.get(anchor.id) ?? 'viewed', anchor.kind),
          importance: SCORE_WEIGHTS.content * content
        });
      }
    }
    if (cf >= ALSO_CHOSEN_MIN && cfWeight > 0) cands.push({ reason: R.alsoChosen(cf), importance: cfWeight * cf });
    const share = SCORE_WEIGHTS.fit / fit.parts;
    const riskReason = R.riskMatch(p.riskLevel, personLevel, assessed);
    if (fit.risk >= 0.75 || !assessed) cands.push({ reason: riskReason, importance: share * fit.risk });
    if (fit.goal !== undefined && fit.matchedGoals.length > 0) cands.push({ reason: R.fitsGoal(fit.matchedGoals), importance: share * fit.goal });
    if (fit.horizon === 1 && p.termMonths !== null && profile.horizonMonths !== undefined) {
      cands.push({ reason: R.fitsHorizon(p.termMonths, profile.horizonMonths), importance: share });
    }
    if (fit.liquidity === 1 && profile.liquidityNeed !== undefined && (profile.liquidityNeed !== 'low' || p.liquidity === 'low')) {
      cands.push({ reason: R.fitsLiquidity(p.liquidity, profile.liquidityNeed), importance: share });
    }
    if (fit.amount === 1 && p.minAmount !== null && profile.investAmount !== undefined) {
      cands.push({ reason: R.fitsAmount(p.minAmount, profile.investAmount, p.currency), importance: share * 0.9 });
    }
    if (popularity >= POPULAR_REASON_MIN) cands.push({ reason: R.popular(popularity), importance: SCORE_WEIGHTS.popularity * popularity });
    let dislikeReason: Reason | null = null;
    if (worst && worst.sim >= DISLIKE_REASON_MIN_COS && dislike >= DISLIKE_REASON_MIN) {
      const anchor = catalogue.get(worst.id);
      if (anchor) dislikeReason = R.lessLikeDismissed(anchor.id, anchor.name);
    }

    out.push({
      product: p,
      score,
      reasons: pickReasons(cands, dislikeReason, riskReason),
      signals: { content, dislike, popularity, fit: fit.score, cf, lexical, semantic, intent: request?.score ?? 0, matched }
    });
  }
  return out;
}

/**
 * Greedy diversity re-rank. At each step take the item with the highest
 * score − penalty(kind count, subtype count so far); penalties only grow, so the chosen
 * adjusted scores never increase. Query matches are placed first, and when the query names
 * exactly one kind the kind penalty is off among them. Beyond the soft penalty, no kind fills more
 * than MAX_KIND_SHARE of the list while other kinds are left (a strong opinion — the ranker's, say —
 * cannot turn the list into one kind), except among matches of a request for one kind.
 */
function diversify(items: Scored[], k: number, oneKind: boolean): { item: Scored; score: number }[] {
  const out: { item: Scored; score: number }[] = [];
  const kindCount = new Map<string, number>();
  const subtypeCount = new Map<string, number>();
  const penalty = (n: number, w: number): number => w * (1 - Math.pow(DIVERSITY.decay, n));
  const kindCap = Math.max(1, Math.ceil(k * MAX_KIND_SHARE));
  const tiers = [items.filter((i) => i.signals.matched), items.filter((i) => !i.signals.matched)];
  tiers.forEach((tier, t) => {
    const left = [...tier];
    const kindPenaltyOn = !(t === 0 && oneKind);
    while (out.length < k && left.length > 0) {
      let bestIdx = -1;
      let bestVal = -Infinity;
      const capped = (kind: string): boolean => kindPenaltyOn && (kindCount.get(kind) ?? 0) >= kindCap;
      const othersLeft = left.some((it) => !capped(it.product.kind));
      left.forEach((it, i) => {
        const p = it.product;
        if (othersLeft && capped(p.kind)) return;
        const subKey = `${p.kind}/${p.subtype}`;
        const val =
          it.score -
          (kindPenaltyOn ? penalty(kindCount.get(p.kind) ?? 0, DIVERSITY.kind) : 0) -
          penalty(subtypeCount.get(subKey) ?? 0, DIVERSITY.subtype);
        const cur = left[bestIdx];
        if (val > bestVal || (val === bestVal && cur !== undefined && p.id < cur.product.id)) {
          bestVal = val;
          bestIdx = i;
        }
      });
      const [chosen] = left.splice(bestIdx, 1);
      if (!chosen) break;
      const p = chosen.product;
      kindCount.set(p.kind, (kindCount.get(p.kind) ?? 0) + 1);
      subtypeCount.set(`${p.kind}/${p.subtype}`, (subtypeCount.get(`${p.kind}/${p.subtype}`) ?? 0) + 1);
      out.push({ item: chosen, score: bestVal });
    }
  });
  return out;
}

export function recommend(input: RecommendInput): Recommendation[] {
  const k = Number.isFinite(input.k) ? Math.max(0, Math.floor(input.k)) : 0;
  if (k === 0) return [];
  const catalogue = new Map<string, Product>();
  for (const p of input.products) if (!catalogue.has(p.id)) catalogue.set(p.id, p);

  const qa = input.query !== undefined && input.query.trim() !== '' ? analyseQuery(input.query) : null;
  const query = qa && !qa.empty ? qa : null;
  const scored = scoreProducts(input, catalogue, query);
  const kinds = input.intent && input.intent.kinds.length > 0 ? input.intent.kinds : (query?.kinds ?? []);
  const oneKind = new Set(kinds).size === 1;
  const ranked = diversify(scored, k, oneKind);

  return ranked
    .filter(({ item }) => passesGate(item.product, input.profile)) // the gate, once more, at the door
    .map(({ item, score }) => ({
      productId: item.product.id,
      score: Number.isFinite(score) ? score : 0,
      reasons: item.reasons,
      signals: item.signals
    }));
}
