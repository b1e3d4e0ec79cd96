/**
 * The engine: the stages of one recommendation list, in the order a reader follows them.
 *
 *   1. candidates   candidates.ts   every product in the catalogue the person has not turned down or taken
 *   2. gate         candidates.ts   never above the person's level, every eligibility rule confirmed
 *                                  (what only an unknown age or income blocks is counted as `withheld`)
 *   3. fit          fit.ts          how well each suits the person: the risk band, goals, horizon, liquidity, amount
 *   4. blend        here            score = fit + interest + refine, with the request's tier on top:
 *        base    = 1·fit + 0.45·content − 0.60·dislike + refine              (interest.ts, refine.ts)
 *        (content and CF lift only the LIFT_REACH strongest products per product engaged with)
 *        score   = base                                            (no request, or it does not answer it)
 *                = 2 + w·relevance + INTENT_WEIGHT·intent + base   (it does)
 *        relevance: the lexical match alone, or fused with the embedding similarity (hybrid.ts);
 *        w = 1 for the lexical match, RELEVANCE_WEIGHT when embeddings take part
 *   5. diversity    diversity.ts    no kind above half the list while others are left; soft kind/subtype penalties
 *   6. reasons      reasons.ts      at most three, most important first
 *
 * refine (popularity, CF, the ranker) is bounded to ±REFINE_CAP (0.25), under the gap between a product that
 * fits and one that does not, so it orders within what fits and never overrides it.
 *
 * A request (`input.intent`, parsed on the device) and query embeddings (`input.semantic`) decide the
 * top tier:
 *   matched = the Intent's hard parts (kind, risk, must-stay-reachable) all hold, when it names any;
 *             else the lexical match, or being among the closest in meaning (hybrid.ts, `near`);
 *             else (an Intent with only soft parts) any part of it holds.
 *
 * The ranker runs in two passes (src/lib/ranker/candidates.ts, pipeline.ts): this function with every
 * candidate gives the rows it scores; this function again with `learned` gives the list.
 *
 * At scale (catalogue-index.ts, diversity.ts): candidates come from the catalogue's kind × risk
 * buckets up to the person's level, not from every product; the list is the best k per kind/subtype
 * group (a top-k, not a sort) re-ranked by comparing group heads; reasons are written only for the
 * products shown. The scores, and so the order, are the same as a scan of every product gives.
 */
import type { HardConstraint } from '../domain/intent';
import type { Product } from '../domain/product';
import { effectiveRiskLevel, passesGate } from '../domain/suitability';
import { gatherCandidates, type Withheld } from './candidates';
import { indexCatalogue, productsUpTo } from './catalogue-index';
import { diversify, diversifyByScan } from './diversity';
import { riskBand, suitabilityFit } from './fit';
import { intentIsEmpty, matchIntent, nearestFits, type IntentMatch } from './intent-match';
import { CONTENT_WEIGHT, interestIn, liftReach } from './interest';
import { fuseRelevance } from './hybrid';
import { analyseQuery, matchQuery, type QueryMatch } from './lexical';
import { reasonsFor, type ReasonInput } from './reasons';
import { CF_WEIGHT, cfEvidence, collaborativeScores, LEARNED_WEIGHT, normalisedLearned, popularityOf, refineScore } from './refine';
import type { Recommendation, RecommendInput, Signals } from './types';
import { summariseInteractions } from './weights';

export { ALSO_CHOSEN_MIN } from './reasons';
export { MAX_KIND_SHARE } from './diversity';
export { CF_WEIGHT, LEARNED_WEIGHT, collaborativeScores, popularityOf } from './refine';

export const SCORE_WEIGHTS = { fit: 1, content: CONTENT_WEIGHT, dislike: 0.6 } as const;
export const QUERY_TIER_OFFSET = 2;
export const INTENT_WEIGHT = 1;
/** the weight of the fused relevance in the request's tier when embeddings take part (tuned on models/search) */
export const RELEVANCE_WEIGHT = 3;

interface Scored {
  product: Product;
  score: number;
  matched: boolean;
  request: IntentMatch | null;
  /** what its reasons are written from, once it is chosen */
  because: ReasonInput;
  signals: Signals;
}

export interface EngineOptions {
  /** false: leave `reasons` empty (the ranker's first pass reads only signals and order) */
  reasons?: boolean;
  /**
   * Scan every product and re-rank by full scans, as the engine did before its indexes: the
   * reference the indexed path must equal (tests/unit/engine-scale.test.ts) and the bench's baseline.
   */
  exhaustive?: boolean;
}

export interface EngineResult {
  items: Recommendation[];
  withheld: Withheld;
  /** for a request: how many candidates answer it, and — when none does — the parts said outright that nothing meets */
  request: { matched: number; unmet: HardConstraint[] } | null;
}

/** when nothing answers a request, the nearest (meeting every part that something meets) lead the rest by this */
const NEAREST_TIER = 1;

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
/** a caller's weight when it is a finite number ≥ 0, else the default */
const weightOr = (w: number | undefined, fallback: number): number => (w !== undefined && Number.isFinite(w) && w >= 0 ? w : fallback);

export function runEngine(input: RecommendInput, options: EngineOptions = {}): EngineResult {
  const index = indexCatalogue(input.products);
  const catalogue = index.byId;
  // an age said in the request ("给35岁的自己") answers the age rules for this request, when the profile has none
  const profile = input.intent?.age != null && input.profile.age === undefined ? { ...input.profile, age: input.intent.age } : input.profile;
  const summary = summariseInteractions(input.events, input.now);

  // 1–2: candidates through the gate
  // only what the gate could let through is read: nothing above the level can pass or be withheld
  const pool = options.exhaustive ? index.products : productsUpTo(index, effectiveRiskLevel(profile), input.kinds ?? []);
  const { products: candidates, withheld } = gatherCandidates(pool, profile, summary, input.kinds ?? []);
  const k = Number.isFinite(input.k) ? Math.max(0, Math.floor(input.k)) : 0;
  if (k === 0) return { items: [], withheld, request: null };

  // 3: fit; 4: the blend's sources
  const band = riskBand(profile);
  const interest = interestIn(index.products, candidates, summary.weights);
  // co-choice strength (for the reason) and, shrunk by the evidence, CF's say in the score
  const cfStrength = collaborativeScores(input.cf, summary.weights, new Set(candidates.map((p) => p.id)));
  const shrink = cfEvidence(summary.weights);
  const cfScores = new Map([...cfStrength].map(([id, v]) => [id, v * shrink]));
  const learned = normalisedLearned(input.learned, candidates);
  const cfWeight = weightOr(input.cfWeight, CF_WEIGHT);
  const learnedWeight = weightOr(input.learnedWeight, LEARNED_WEIGHT);
  const qa = input.query !== undefined && input.query.trim() !== '' ? analyseQuery(input.query) : null;
  const query = qa && !qa.empty ? qa : null;
  // an unrealistic request ("no risk, double my money") is answered with the honest note, not with "matches"
  const intent = input.intent && !intentIsEmpty(input.intent) && input.intent.unrealistic !== true ? input.intent : null;
  const hardIntent = intent !== null && (intent.kinds.length > 0 || intent.risk !== null || intent.liquidity !== null || (intent.hard?.length ?? 0) > 0);
  // the text match: lexical, and fused with the embeddings' similarity when there are any
  const retrieval = input.retrieval ?? (input.semantic ? 'hybrid' : 'lexical');
  const lexicalOf = new Map<string, QueryMatch>();
  if (query) for (const p of candidates) lexicalOf.set(p.id, matchQuery(p, query));
  const lexicalScores = new Map<string, number>();
  if (retrieval !== 'semantic') for (const [id, m] of lexicalOf) if (m.matched) lexicalScores.set(id, m.score);
  const semanticIn = query || intent ? input.semantic : undefined;
  const relevance = fuseRelevance(
    candidates.map((p) => p.id),
    lexicalScores,
    semanticIn,
    { retrieval, ...(input.fusion ? { fusion: input.fusion } : {}), ...(input.fusionAlpha !== undefined ? { alpha: input.fusionAlpha } : {}) }
  );
  const relevanceWeight = semanticIn && retrieval !== 'lexical' ? weightOr(input.relevanceWeight, RELEVANCE_WEIGHT) : 1;
  const personLevel = effectiveRiskLevel(profile);
  // an absent source (no CF model, no ranker scores) takes no share of the refine budget
  const refineWeights = { cf: input.cf ? cfWeight : 0, learned: learned.size > 0 ? learnedWeight : 0 };
  // one engaged-with product lifts at most a few others, through content and CF together
  let engaged = 0;
  for (const [id, w] of summary.weights) if (w > 0 && catalogue.has(id)) engaged++;
  const lifted = liftReach(interest, cfScores, engaged);

  const scored: Scored[] = candidates.map((p) => {
    const fit = suitabilityFit(p, profile, band);
    const raw = interest.get(p.id) ?? { content: 0, dislike: 0, liked: null, disliked: null };
    const reached = lifted.has(p.id);
    const it = reached ? raw : { ...raw, content: 0, liked: null };
    const popularity = popularityOf(p);
    const cf = reached ? (cfScores.get(p.id) ?? 0) : 0;
    const refine = refineScore({ popularity, cf, learned: learned.get(p.id) ?? 0 }, refineWeights);
    const base = SCORE_WEIGHTS.fit * fit.score + SCORE_WEIGHTS.content * it.content - SCORE_WEIGHTS.dislike * it.dislike + refine;

    const lexical = retrieval !== 'semantic' ? (lexicalOf.get(p.id) ?? null) : null;
    const request = intent ? matchIntent(p, intent) : null;
    const semantic = clamp01(input.semantic?.get(p.id) ?? 0);
    const lexicalScore = lexical?.matched ? lexical.score : 0;
    const rel = relevance.get(p.id) ?? { score: 0, near: false, semantic: 0 };
    const matched = hardIntent ? (request?.matched ?? false) : (lexical?.matched ?? false) || rel.near || (request !== null && request.score > 0);
    const score = matched ? 2 + relevanceWeight * rel.score + INTENT_WEIGHT * (request?.score ?? 0) + base : base;
    return {
      product: p,
      score,
      matched,
      request,
      // 6: reasons, from the parts at hand here, written below for the chosen k only
      because: {
        product: p,
        profile,
        personLevel,
        catalogue,
        summary,
        fit,
        interest: it,
        cf: reached ? (cfStrength.get(p.id) ?? 0) : 0,
        cfWeight,
        matched,
        request,
        query,
        lexical,
        closeInMeaning: matched && rel.near
      },
      signals: {
        content: it.content,
        dislike: it.dislike,
        popularity,
        fit: fit.score,
        cf,
        lexical: lexicalScore,
        semantic,
        intent: request?.score ?? 0,
        matched
      }
    };
  });

  // nothing answers the request: say which parts nothing meets, and put the nearest first
  let requestOutcome: EngineResult['request'] = null;
  if (intent) {
    const matchedCount = scored.filter((x) => x.matched).length;
    requestOutcome = { matched: matchedCount, unmet: [] };
    if (matchedCount === 0 && hardIntent) {
      const withRequest = scored.filter((x): x is Scored & { request: IntentMatch } => x.request !== null);
      const { unmet, nearest } = nearestFits(withRequest.map((x) => x.request));
      requestOutcome.unmet = unmet;
      for (const i of nearest) withRequest[i]!.score += NEAREST_TIER;
    }
  }

  // 5: diversity
  const kinds = intent && intent.kinds.length > 0 ? intent.kinds : (query?.kinds ?? []);
  const ranked = (options.exhaustive ? diversifyByScan : diversify)(scored, k, new Set(kinds).size === 1);
  const items = ranked
    .filter(({ item }) => passesGate(item.product, profile)) // the gate, once more, at the door
    .map(({ item, score }) => ({
      productId: item.product.id,
      score: Number.isFinite(score) ? score : 0,
      reasons: options.reasons === false ? [] : reasonsFor(item.because),
      signals: item.signals
    }));
  return { items, withheld, request: requestOutcome };
}

export function recommend(input: RecommendInput): Recommendation[] {
  return runEngine(input).items;
}
