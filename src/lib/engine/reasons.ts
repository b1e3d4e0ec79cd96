/**
 * Stage 6 of the pipeline: why each product is shown. Each source that moved the product offers a
 * reason with the share of the score it stands for; the most important (at most three, or two and
 * the "ranked lower" note) are kept. Reasons are codes and parameters, rendered by explain.ts.
 */
import type { Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import { reasons as R } from './explain';
import type { SuitabilityFit } from './fit';
import type { IntentMatch } from './intent-match';
import type { Interest } from './interest';
import type { QueryAnalysis, QueryMatch } from './lexical';
import { popularityOf } from './refine';
import { REASON_CODES, type Reason } from './types';
import type { InteractionSummary } from './weights';

const SIMILAR_REASON_MIN_COS = 0.6;
const SIMILAR_REASON_MIN_CONTENT = 0.1;
const DISLIKE_REASON_MIN = 0.1;
const DISLIKE_REASON_MIN_COS = 0.6;
const POPULAR_REASON_MIN = 0.6;
/** a normalised co-choice strength (refine.ts, before the evidence shrink) at or above this earns the `also_chosen` reason */
export const ALSO_CHOSEN_MIN = 0.5;

export interface ReasonInput {
  product: Product;
  profile: Profile;
  personLevel: number;
  catalogue: ReadonlyMap<string, Product>;
  summary: InteractionSummary;
  fit: SuitabilityFit;
  interest: Interest;
  /** co-choice strength in (0, 1] (0 when CF does not reach this product) */
  cf: number;
  cfWeight: number;
  matched: boolean;
  request: IntentMatch | null;
  query: QueryAnalysis | null;
  lexical: QueryMatch | null;
  /** in the request's tier and among the closest in meaning to it (embeddings) */
  closeInMeaning: boolean;
}

function pick(candidates: { reason: Reason; importance: number }[], dislike: Reason | null, fallback: Reason): Reason[] {
  const order = (r: Reason): number => REASON_CODES.indexOf(r.code);
  const sorted = [...candidates].sort((a, b) => b.importance - a.importance || order(a.reason) - order(b.reason));
  const out = sorted.slice(0, dislike ? 2 : 3).map((c) => c.reason);
  if (out.length === 0) out.push(fallback);
  if (dislike) out.push(dislike);
  return out;
}

export function reasonsFor(x: ReasonInput): Reason[] {
  const { product: p, profile, fit, interest } = x;
  const cands: { reason: Reason; importance: number }[] = [];
  // what the request asked and the product answers, in its words; else the search terms it matched
  if (x.matched && x.request && Object.keys(x.request.hits).length > 0) cands.push({ reason: R.matchesRequest(x.request.hits), importance: 100 });
  else if (x.matched && x.query && x.lexical?.matched) cands.push({ reason: R.matchesQuery(x.query.raw.trim(), x.lexical.terms), importance: 100 });
  // the semantic part: what brought the product up without sharing a word with the request, or next to the words it shares
  if (x.closeInMeaning) cands.push({ reason: R.closeInMeaning(), importance: 90 });
  const liked = interest.liked ? x.catalogue.get(interest.liked.anchorId) : undefined;
  if (liked && interest.liked && interest.liked.sim >= SIMILAR_REASON_MIN_COS && interest.content >= SIMILAR_REASON_MIN_CONTENT) {
    cands.push({ reason: R.similarTo(liked.id, liked.name, x.summary.actions.get(liked.id) ?? 'viewed', liked.kind), importance: interest.content });
  }
  // what the person's own history says is more telling than the profile's generic fit, so it ranks above it
  if (x.cf >= ALSO_CHOSEN_MIN && x.cfWeight > 0) cands.push({ reason: R.alsoChosen(x.cf), importance: x.cf * 0.6 });
  const assessed = profile.riskLevel !== null;
  const riskReason = R.riskMatch(p.riskLevel, x.personLevel, assessed);
  if (fit.matchedGoals.length > 0) cands.push({ reason: R.fitsGoal(fit.matchedGoals), importance: 0.5 });
  if (fit.risk === 1 && fit.goal > 0) cands.push({ reason: riskReason, importance: 0.45 });
  else if (!assessed) cands.push({ reason: riskReason, importance: 0.2 });
  if (fit.horizon === 1 && p.termMonths !== null && profile.horizonMonths !== undefined) {
    cands.push({ reason: R.fitsHorizon(p.termMonths, profile.horizonMonths), importance: 0.3 });
  }
  if (fit.liquidity === 1 && profile.liquidityNeed !== undefined && (profile.liquidityNeed !== 'low' || p.liquidity === 'low')) {
    cands.push({ reason: R.fitsLiquidity(p.liquidity, profile.liquidityNeed), importance: 0.3 });
  }
  // the person's amount is in CNY: a minimum in another currency is not compared in words
  if (fit.amount === 1 && p.minAmount !== null && profile.investAmount !== undefined && p.currency === 'CNY') {
    cands.push({ reason: R.fitsAmount(p.minAmount, profile.investAmount, p.currency), importance: 0.25 });
  }
  const popularity = popularityOf(p);
  if (popularity >= POPULAR_REASON_MIN) cands.push({ reason: R.popular(popularity), importance: 0.15 * popularity });
  const disliked = interest.disliked ? x.catalogue.get(interest.disliked.anchorId) : undefined;
  const dislikeReason =
    disliked && interest.disliked && interest.disliked.sim >= DISLIKE_REASON_MIN_COS && interest.dislike >= DISLIKE_REASON_MIN
      ? R.lessLikeDismissed(disliked.id, disliked.name)
      : null;
  return pick(cands, dislikeReason, riskReason);
}
