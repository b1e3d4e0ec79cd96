/** The built-in zh-CN / en request parser (no model needed): text -> Intent, and a short summary of one. */
export { parseIntent, analyseIntent, MAX_INPUT, type IntentAnalysis } from './parse';
export { describeIntent } from './describe';
export { parseNumeral, parseEnglishNumber, extractAmount, findCurrency, scanNumbers, type Amount, type NumberToken } from './numbers';
export { findDurations, horizonFromDurations, durationCount, type Duration } from './horizon';
export { LEXICON, LEXICON_DUPLICATES, prepareText, scanTerms, scanView, type LexEntry, type LexMatch, type Sense, type Role } from './lexicon';
export type { Polarity } from './negation';
