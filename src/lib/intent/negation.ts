import type { LexMatch, Role } from './lexicon';

/**
 * Negation and acceptance scope.
 *
 * A concept (a term with a meaning: 股票, fund, 锁定, 风险) takes the polarity of the nearest
 * modifier before it in the same scope:
 *   neg          不要 / 不想 / don't want / no / avoid / without      -> everything it scopes over is negated
 *   negSoft      没有 / 怕 / afraid of / don't have                  -> only risk, liquidity and horizon are negated
 *                ("没有保险，想买一份重疾险" still asks for insurance; "怕亏钱" still means low risk)
 *   accept       能接受 / 可以承受 / ok with / willing to take        -> "能接受风险" reads as medium risk
 *   acceptStrong 不怕 / 无所谓 / don't mind                            -> "不怕风险" reads as high risk
 * A scope ends at clause punctuation (, ; ! ? 。 : — but not the enumeration comma 、), at a contrast
 * word (但是, but, instead, only), after 10 characters of Chinese or 32 of English text, or at a
 * want-verb that follows another concept: "不要股票要基金" negates 股票, not 基金; "不想买股票" still
 * negates 股票 because no concept stands between 不想 and 买.
 * Chinese also puts the refusal after the topic: "股票就算了", "保险不要。", "股票、基金都不要",
 * "风险无所谓" — a post-negator right after a concept (or a list of concepts joined by 、/和/或)
 * negates it when the clause ends there; a post-acceptance marker always applies.
 */

export type Polarity = 'pos' | 'neg' | 'negSoft' | 'accept' | 'acceptStrong';

const CLAUSE_BREAK = /[,;!?。\n:…()[\]{}]|\.(?!\d)/;
const HAN = /[\u3400-\u9fff]/;
const ENUMERATION_GAP = /^[\s、和与或及跟]*$/;
const CLAUSE_END_AFTER = /^\s*[了的吧啊呀呢哦啦嘛]*\s*(?:[,;!?。\n:…]|\.(?!\d)|$)/;

/** at most this many concepts in a row are walked over for a post-negator ("股票、基金、债券都不要") */
const MAX_ENUMERATION = 8;

/** a bounded look-ahead that still lets `$` mean the real end of the text */
function ahead(s: string, from: number, n: number): string {
  return s.slice(from, from + n) + (from + n < s.length ? '\u0000' : '');
}

function tooFar(gap: string): boolean {
  return gap.length > (HAN.test(gap) ? 10 : 32);
}

const roleOf = (m: LexMatch): Role | undefined => m.entry.sense.role;

function modifierPolarity(role: Role): Polarity | null {
  switch (role) {
    case 'neg':
      return 'neg';
    case 'negSoft':
      return 'negSoft';
    case 'accept':
      return 'accept';
    case 'acceptStrong':
      return 'acceptStrong';
    default:
      return null;
  }
}

function before(view: string, matches: readonly LexMatch[], ci: number): Polarity | null {
  const c = matches[ci]!;
  let sawWant = false;
  for (let j = ci - 1; j >= 0; j--) {
    const m = matches[j]!;
    const gap = view.slice(m.end, c.start);
    if (CLAUSE_BREAK.test(gap) || tooFar(gap)) return null;
    const role = roleOf(m);
    if (role === undefined) {
      // a refused fee describes what follows: "不要年费的卡", "没有手续费的基金" ask for the card, the fund
      if (sawWant || m.entry.sense.fees !== undefined) return null;
      continue;
    }
    if (role === 'want') {
      sawWant = true;
      continue;
    }
    if (role === 'neutral') continue;
    if (role === 'break' || role === 'negPost') return null;
    return modifierPolarity(role);
  }
  return null;
}

function after(view: string, matches: readonly LexMatch[], ci: number): Polarity | null {
  for (let j = ci + 1; j < matches.length && j <= ci + MAX_ENUMERATION; j++) {
    const m = matches[j]!;
    const gap = view.slice(matches[j - 1]!.end, m.start);
    const role = roleOf(m);
    if (role === 'negPost') return gap.length <= 3 && !/[。\n]/.test(gap) ? 'neg' : null;
    if (CLAUSE_BREAK.test(gap)) return null;
    if (role === undefined) {
      if (ENUMERATION_GAP.test(gap)) continue;
      return null;
    }
    if (gap.length > 3) return null;
    if (role === 'neg') return CLAUSE_END_AFTER.test(ahead(view, m.end, 12)) ? 'neg' : null;
    if (role === 'accept' || role === 'acceptStrong') return role;
    return null;
  }
  return null;
}

/** The polarity of every match that carries a meaning (role-less); modifiers get 'pos'. */
export function resolvePolarity(view: string, matches: readonly LexMatch[]): Polarity[] {
  return matches.map((m, i) => {
    if (roleOf(m) !== undefined) return 'pos';
    return before(view, matches, i) ?? after(view, matches, i) ?? 'pos';
  });
}
