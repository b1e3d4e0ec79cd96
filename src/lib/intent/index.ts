/** The built-in zh-CN / en request parser (no model needed): text -> Intent, and a short summary of one. */
export { parseIntent, analyseIntent, MAX_INPUT, type IntentAnalysis } from './parse';
export { describeIntent, intentNotes, EXAMPLE_REQUESTS } from './describe';
export { extractAmount, scanNumbers, type Amount, type NumberToken } from './numbers';
export { findDurations, horizonFromDurations, durationCount, type Duration } from './horizon';
export { findAge } from './age';
export { findReturn, type ReturnWish } from './returns';
export { LEXICON, LEXICON_DUPLICATES, prepareText, scanTerms, scanView, type LexEntry, type LexMatch, type Sense, type Role } from './lexicon';
export type { Polarity } from './negation';
