export * from './types';
export { cfEvidence } from './refine';
export {
  recommend,
  runEngine,
  popularityOf,
  collaborativeScores,
  SCORE_WEIGHTS,
  QUERY_TIER_OFFSET,
  CF_WEIGHT,
  ALSO_CHOSEN_MIN,
  MAX_KIND_SHARE,
  LEARNED_WEIGHT,
  INTENT_WEIGHT,
  RELEVANCE_WEIGHT,
  type EngineResult
} from './recommend';
export { gatherCandidates, missingDetails, type Withheld, type MissingDetail } from './candidates';
export { suitabilityFit, riskBand, goalsServed, impliedGoals, GOAL_PRODUCTS, type SuitabilityFit, type RiskBand } from './fit';
export {
  matchIntent,
  intentIsEmpty,
  isHard,
  nearestFits,
  LOW_ANNUAL_FEE,
  type IntentMatch,
  type IntentHits,
  type IntentConstraint,
  type ConstraintCheck
} from './intent-match';
export { explain, reasons } from './explain';
export { interactionWeights, summariseInteractions, decayFactor, HALF_LIFE_DAYS, EVENT_WEIGHTS, type InteractionSummary } from './weights';
export { productFeatures, cosine, SimilarityIndex, returnBucket, type FeatureVector } from './features';
export { analyseQuery, matchQuery, productDocument, type QueryAnalysis, type QueryMatch } from './lexical';
export { CREDIT_KINDS, profileFit, riskFit, horizonFit, liquidityFit, goalMatches, type ProfileFit } from './profile-fit';
export { fuseRelevance, FUSIONS, RETRIEVALS, DEFAULT_FUSION, type Fusion, type Retrieval } from './hybrid';
