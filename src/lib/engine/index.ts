export * from './types';
export { recommend, popularityOf, collaborativeScores, SCORE_WEIGHTS, QUERY_TIER_OFFSET, CF_WEIGHT, ALSO_CHOSEN_MIN, MAX_KIND_SHARE, LEARNED_WEIGHT, INTENT_WEIGHT, SEMANTIC_WEIGHT, SEMANTIC_MATCH } from './recommend';
export { matchIntent, intentIsEmpty, isHard, nearestFits, LOW_ANNUAL_FEE, type IntentMatch, type IntentHits, type IntentConstraint, type ConstraintCheck } from './intent-match';
export { explain, reasons, formatNumber } from './explain';
export { interactionWeights, summariseInteractions, decayFactor, HALF_LIFE_DAYS, EVENT_WEIGHTS, type InteractionSummary } from './weights';
export { productFeatures, cosine, SimilarityIndex, termBucket, returnBucket, type FeatureVector } from './features';
export { analyseQuery, matchQuery, productDocument, normalise, type QueryAnalysis, type QueryMatch } from './lexical';
export { CREDIT_KINDS, profileFit, riskFit, horizonFit, liquidityFit, goalMatches, type ProfileFit } from './profile-fit';
