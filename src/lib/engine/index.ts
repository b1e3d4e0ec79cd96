export * from './types';
export { recommend, popularityOf, collaborativeScores, SCORE_WEIGHTS, QUERY_TIER_OFFSET, CF_WEIGHT, ALSO_CHOSEN_MIN } from './recommend';
export { explain, reasons, formatNumber } from './explain';
export { interactionWeights, summariseInteractions, decayFactor, HALF_LIFE_DAYS, EVENT_WEIGHTS, type InteractionSummary } from './weights';
export { productFeatures, cosine, SimilarityIndex, termBucket, returnBucket, type FeatureVector } from './features';
export { analyseQuery, matchQuery, productDocument, normalise, type QueryAnalysis, type QueryMatch } from './lexical';
export { profileFit, riskFit, horizonFit, liquidityFit, goalMatches, type ProfileFit } from './profile-fit';
