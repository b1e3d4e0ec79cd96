import type { CfModel } from '../cf/model';
import type { CandorEvent } from '../domain/event';
import type { LocalizedText, Product } from '../domain/product';
import type { Profile } from '../domain/profile';

/**
 * Why an item was recommended. Order here is also the tie-break order when two reasons are
 * equally important.
 */
export const REASON_CODES = [
  'matches_query',
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

export interface Recommendation {
  productId: string;
  /** finite; the list is sorted by it, descending */
  score: number;
  /** 1–3 reasons, most important first */
  reasons: Reason[];
}

export interface RecommendInput {
  products: readonly Product[];
  profile: Profile;
  events: readonly CandorEvent[];
  now: Date;
  k: number;
  query?: string;
  /**
   * Optional collaborative-filtering model (global factors, e.g. EASE from the server's aggregate
   * statistics). The person's own interaction weights are folded in on the device; absent, or with
   * no positive interaction, nothing changes.
   */
  cf?: CfModel;
  /** weight of the normalised CF score (default CF_WEIGHT, 0.35); for evaluation and tuning */
  cfWeight?: number;
}

/** What the person did with an anchor product, as named in a `similar_to` reason. */
export const INTERACTION_ACTIONS = ['viewed', 'clicked', 'liked', 'saved', 'applied', 'purchased'] as const;
export type InteractionAction = (typeof INTERACTION_ACTIONS)[number];
