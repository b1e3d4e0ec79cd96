import { subtypeKind, type FeeWish, type HardConstraint, type Intent, type IntentSubtype } from '../domain/intent';
import type { Liquidity, ProductKind } from '../domain/product';
import type { Goal } from '../domain/profile';
import { findAge } from './age';
import { findDurations, horizonFromDurations } from './horizon';
import { prepareText, scanTerms, scanView, type FeeSense, type Graded, type RiskLevel3 } from './lexicon';
import { resolvePolarity, type Polarity } from './negation';
import { namedCurrency } from '../vocab/currencies';
import { extractAmount } from './numbers';
import { findReturn } from './returns';

/**
 * The built-in zh-CN / en request parser: text -> Intent (docs/contracts.md), no model needed.
 *
 * Pipeline: prepare the text (NFKC, lower case, whitespace) -> scan known terms by longest match
 * (lexicon.ts) -> give each term a polarity from negators and acceptance markers around it
 * (negation.ts) -> read durations (horizon.ts) and the amount (numbers.ts) -> resolve.
 *
 * Resolution rules:
 * - kinds and goals: every term read positively adds its kinds/goals, in the order first mentioned.
 *   A negated one ("no insurance", "不要股票型基金") adds nothing; if the same kind is also asked for
 *   positively elsewhere, the positive mention wins.
 * - risk: explicit risk words (稳健, 低风险, safe, aggressive, 不想亏钱, 能接受风险) beat implied ones
 *   (a return wish such as 高收益 / high return, equities, 不要股票). So "我想投资一个高收益的理财产品"
 *   -> high (the only risk signal is the return wish: someone asking for high returns is stating a
 *   high risk appetite, and the suitability gate still caps it at their assessed level), while
 *   "稳健 高收益" -> low. When signals of the same strength disagree ("稳健又激进", "safe but
 *   aggressive"), the more conservative one wins: the suitability gate is hard, and understating a
 *   risk appetite only narrows the list, while overstating it could surface products the person
 *   did not want.
 * - liquidity: explicit beats implied (定期 implies low, 随时可取 says high); on a tie the greater need
 *   for access wins ("flexible ... lock it up" -> high), for the same reason.
 * - horizon: numbers beat words ("长期持有3年" -> 36); several numbers -> the shortest; several words
 *   -> the shortest. See horizon.ts for ranges and bounds.
 * - amount and currency: numbers.ts. language: "zh" when the text has any Han character, else "en".
 * - subtypes: named ones (重疾险, index fund) add their kind as named too; implied ones (装修 -> a
 *   renovation loan) add it as implied. fees: 免年费, low fees; a bare "no fee" is a card's annual
 *   fee when a card is asked for, low fees otherwise. age: age.ts. targetReturn: returns.ts.
 * - hard: what was said outright — a kind or subtype named (not implied: 免年费 alone implies a
 *   card), an explicit risk or liquidity word (not 高收益 or 定期), a horizon given as a number (not
 *   长期), an amount, a currency named (not a "$" or 元 on an amount), a fee wish, an age, a refusal.
 * - unrealistic: no risk at all (零风险, 保本, risk free) with a high return wish or more than 5 % a
 *   year; any risk wording short of that with 10 % a year or more; or 30 % a year or more whatever
 *   the risk — no product on a bank's shelf promises that.
 * - understood: something was read (a term, a number, a duration, an age). truncated: the text was
 *   longer than MAX_INPUT.
 * Never throws: any string (empty, emoji, very long) gives a valid Intent. Only the first
 * MAX_INPUT characters are read.
 */

export const MAX_INPUT = 20_000;

export interface IntentAnalysis {
  intent: Intent;
  /** kinds the text refuses ("no insurance") and does not also ask for */
  excludedKinds: ProductKind[];
  /** goals the text refuses */
  excludedGoals: Goal[];
  /** the terms that were read, in order, with their polarity (for explanations and debugging) */
  terms: { term: string; polarity: Polarity }[];
}

interface Signal<T> {
  value: T;
  strength: 1 | 2;
}

const RISK_ORDER: Readonly<Record<RiskLevel3, number>> = { low: 0, medium: 1, high: 2 };
const LIQUIDITY_NEED: Readonly<Record<Liquidity, number>> = { low: 0, medium: 1, high: 2 };

function graded<T>(g: Graded<T> | undefined, p: Polarity): Signal<T> | null {
  if (!g) return null;
  let v: T | undefined;
  switch (p) {
    case 'pos':
      v = g.pos;
      break;
    case 'neg':
    case 'negSoft':
      v = g.neg;
      break;
    case 'accept':
      v = g.accept ?? g.pos;
      break;
    case 'acceptStrong':
      v = g.acceptStrong ?? g.accept ?? g.pos;
      break;
  }
  return v === undefined ? null : { value: v, strength: g.weak ? 1 : 2 };
}

/** the strongest signals; among those, the one `rank` puts first */
function resolve<T>(signals: readonly Signal<T>[], rank: (v: T) => number): T | null {
  if (signals.length === 0) return null;
  const top = strongest(signals);
  let best: T | null = null;
  for (const s of signals) {
    if (s.strength !== top) continue;
    if (best === null || rank(s.value) < rank(best)) best = s.value;
  }
  return best;
}

const HAN = /\p{Script=Han}/u;

function strongest<T>(signals: readonly Signal<T>[]): number {
  return signals.reduce((max, s) => Math.max(max, s.strength), 0);
}

/** "no fee" is a card's annual fee when a card is asked for, and any fee otherwise */
function resolveFees(fees: readonly FeeSense[], kinds: readonly ProductKind[]): FeeWish[] {
  const out: FeeWish[] = [];
  for (const f of fees) {
    const wish: FeeWish = f !== 'none' ? f : kinds.includes('credit_card') ? 'no_annual_fee' : 'low_fees';
    pushUnique(out, wish);
  }
  // a card with no annual fee already has low fees
  return out.includes('no_annual_fee') ? out.filter((f) => f !== 'low_fees') : out;
}

function pushUnique<T>(list: T[], v: T): void {
  if (!list.includes(v)) list.push(v);
}

export function analyseIntent(input: string): IntentAnalysis {
  const raw = typeof input === 'string' ? input.slice(0, MAX_INPUT) : '';
  const text = prepareText(raw);
  const view = scanView(text);
  const matches = scanTerms(view);
  const polarity = resolvePolarity(view, matches);

  const kinds: ProductKind[] = [];
  const namedKinds = new Set<ProductKind>();
  const kindsNeg: ProductKind[] = [];
  const subtypes: IntentSubtype[] = [];
  const namedSubtypes = new Set<IntentSubtype>();
  const fees: FeeSense[] = [];
  let zeroRisk = false;
  let returnWish = false;
  const goals: Goal[] = [];
  const goalsNeg: Goal[] = [];
  const risk: Signal<RiskLevel3>[] = [];
  const liquidity: Signal<Liquidity>[] = [];
  const horizonWords: number[] = [];
  const terms: IntentAnalysis['terms'] = [];

  matches.forEach((m, i) => {
    const s = m.entry.sense;
    if (s.role !== undefined) return;
    const p = polarity[i] ?? 'pos';
    terms.push({ term: m.entry.term, polarity: p });
    const termKinds = [...(s.kinds ?? []), ...(s.subtypes ?? []).map(subtypeKind)];
    // refusing a fee ("不要年费") is not refusing the card it implies
    const refusesFee = p === 'neg' && s.fees !== undefined;
    for (const kind of termKinds) {
      pushUnique(p === 'neg' && !refusesFee ? kindsNeg : kinds, kind);
      if (p !== 'neg' && s.implied === undefined) namedKinds.add(kind);
    }
    if (p !== 'neg') {
      for (const sub of s.subtypes ?? []) {
        pushUnique(subtypes, sub);
        if (s.implied !== 'all') namedSubtypes.add(sub);
      }
    }
    const f = graded(s.fees, p);
    if (f) pushUnique(fees, f.value);
    if (p === 'pos' && s.zeroRisk === true) zeroRisk = true;
    if (p === 'pos' && s.returnWish === true) returnWish = true;
    for (const goal of s.goals ?? []) pushUnique(p === 'neg' ? goalsNeg : goals, goal);
    const r = graded(s.risk, p);
    if (r) risk.push(r);
    const l = graded(s.liquidity, p);
    if (l) liquidity.push(l);
    const h = graded(s.horizon, p);
    if (h) horizonWords.push(h.value);
  });

  const durations = findDurations(text);
  const horizon = horizonFromDurations(durations) ?? (horizonWords.length > 0 ? horizonWords.reduce((a, b) => Math.min(a, b)) : null);
  const { amount, currency } = extractAmount(text);
  const named = namedCurrency(text);
  const age = findAge(text);
  const wanted = findReturn(text, durations);
  const excludedKinds = kindsNeg.filter((x) => !kinds.includes(x));
  const riskValue = resolve(risk, (v) => RISK_ORDER[v]);
  const liquidityValue = resolve(liquidity, (v) => -LIQUIDITY_NEED[v]);
  const feeWishes = resolveFees(fees, kinds);

  const hard: HardConstraint[] = [];
  if (kinds.some((x) => namedKinds.has(x))) hard.push('kinds');
  if (excludedKinds.length > 0) hard.push('excludedKinds');
  // an implied subtype whose kind is named is said: "借钱装修" asks for a renovation loan
  if (subtypes.some((x) => namedSubtypes.has(x) || namedKinds.has(subtypeKind(x)))) hard.push('subtypes');
  if (riskValue !== null && strongest(risk) === 2) hard.push('risk');
  if (liquidityValue !== null && strongest(liquidity) === 2) hard.push('liquidity');
  if (durations.length > 0) hard.push('horizonMonths');
  if (amount !== null) hard.push('amount');
  if (named !== null) hard.push('currency');
  if (feeWishes.length > 0) hard.push('fees');
  if (age !== null) hard.push('age');

  const target = wanted.target;
  const unrealistic =
    (zeroRisk && (returnWish || wanted.multiple || (target !== null && target > 5))) ||
    (riskValue === 'low' && target !== null && target >= 10) ||
    (target !== null && target >= 30);
  const understood = terms.length > 0 || durations.length > 0 || amount !== null || currency !== null || age !== null || target !== null;

  const intent: Intent = {
    kinds,
    risk: riskValue,
    horizonMonths: horizon,
    liquidity: liquidityValue,
    amount,
    currency: named ?? currency,
    goals,
    language: HAN.test(raw) ? 'zh' : 'en',
    subtypes,
    excludedKinds,
    fees: feeWishes,
    age,
    targetReturn: target,
    hard,
    unrealistic,
    understood,
    truncated: typeof input === 'string' && input.length > MAX_INPUT
  };
  return {
    intent,
    excludedKinds,
    excludedGoals: goalsNeg.filter((x) => !goals.includes(x)),
    terms
  };
}

/** Parse a plain-language request (zh-CN or en, or both mixed) into an Intent. Never throws. */
export function parseIntent(text: string): Intent {
  try {
    return analyseIntent(text).intent;
  } catch {
    // defensive: the parser is total by construction, but a request must never break the page
    const language = typeof text === 'string' && HAN.test(text.slice(0, MAX_INPUT)) ? 'zh' : 'en';
    return { kinds: [], risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, goals: [], language, understood: false };
  }
}
