import type { CfModel } from '../cf/model';
import type { CandorEvent } from '../domain/event';
import type { Intent } from '../domain/intent';
import type { LocalizedText, Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import type { Fusion, Retrieval } from './hybrid';

/**
 * Why an item was recommended. Order here is also the tie-break order when two reasons are
 * equally important.
 */
export const REASON_CODES = [
  'matches_request',
  'matches_query',
  'close_in_meaning',
  'similar_to',
  'also_chosen',
  'risk_match',
  'fits_goal',
  'fits_horizon',
  'fits_liquidity',
  'fits_amount',
  'popular',
  'less_like_dismissed'
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Plain JSON only, so a reason can be stored and rendered later in either language. */
export type ReasonParamValue = string | number | boolean | null | LocalizedText | readonly string[];
export type ReasonParams = { readonly [key: string]: ReasonParamValue };

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
}

/**
 * What each candidate source said about one product, before weighting: the ranker's context
 * features, and a trace for audits. All in [0, 1].
 */
export interface Signals {
  content: number;
  dislike: number;
  popularity: number;
  fit: number;
  cf: number;
  /** lexical match with the query text (0 without a query) */
  lexical: number;
  /** cosine of product and query embeddings, clamped at 0 (0 without embeddings) */
  semantic: number;
  /** share of the request's parts the product satisfies (0 without an Intent) */
  intent: number;
  /** in the top tier: it answers the query or request */
  matched: boolean;
}

export interface Recommendation {
  productId: string;
  /** finite; the list is sorted by it, descending */
  score: number;
  /** 1–3 reasons, most important first */
  reasons: Reason[];
  signals: Signals;
}

export interface RecommendInput {
  products: readonly Product[];
  profile: Profile;
  events: readonly CandorEvent[];
  now: Date;
  k: number;
  query?: string;
  /** only these kinds (a bank's widget showing, say, its cards); absent or empty: every kind */
  kinds?: readonly Product['kind'][];
  /**
   * Optional collaborative-filtering model (global factors, e.g. EASE from the server's aggregate
   * statistics). The person's own interaction weights are folded in on the device; absent, or with
   * no positive interaction, nothing changes.
   */
  cf?: CfModel;
  /** weight of the normalised CF score (default CF_WEIGHT, 0.35); for evaluation and tuning */
  cfWeight?: number;
  /** the request behind `query`, from the built-in parser or the on-device LLM */
  intent?: Intent;
  /** product id -> cosine similarity of the product's and the query's embeddings, in [−1, 1] */
  semantic?: ReadonlyMap<string, number>;
  /** the text match for the query: default hybrid with `semantic`, lexical without; the others are for evaluation */
  retrieval?: Retrieval;
  /** how lexical and semantic are fused (default DEFAULT_FUSION), the blend's lexical share, the relevance weight: for tuning */
  fusion?: Fusion;
  fusionAlpha?: number;
  relevanceWeight?: number;
  /** product id -> the on-device ranker's probability of a positive action, in [0, 1] */
  learned?: ReadonlyMap<string, number>;
  /** weight of the ranker's opinion (default LEARNED_WEIGHT) */
  learnedWeight?: number;
}

/** What the person did with an anchor product, as named in a `similar_to` reason. */
export const INTERACTION_ACTIONS = ['viewed', 'clicked', 'liked', 'saved', 'applied', 'purchased'] as const;
export type InteractionAction = (typeof INTERACTION_ACTIONS)[number];
