import type { Duration } from './horizon';
import { parseNumeral } from '../vocab/numerals';

/**
 * The yearly return a request asks for, in % — "年化20%", "收益5个点", "8% a year", "a return of
 * 10%", and multiples over a time: "一年翻倍", "double my money in a year" (100), "3年翻倍" (≈26).
 * A multiple with no time ("翻倍", "double my money") is only a wish for high returns: no figure.
 * Rates that are not returns are left out: a loan's or card's rate ("利率3%的贷款" is what the
 * person would pay) and percentages with no return word near them ("20%的仓位").
 */

const RETURN_BEFORE =
  /(?:年化|收益|回报|利息|利率|赚|(?<![a-z])(?:returns?|yields?|earn|earning|make|making|gain|gains|interest|apy|growth of))[^,;。!?\d]{0,8}$/;
const YEARLY_AFTER = /^\s?(?:a year|per year|per annum|p\.?a\.?|annually|annual|yearly|every year|each year|a yr|\/year|\/yr|年化|每年|一年)/;
const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|percent|pct|个点|个百分点)/g;
const MULTIPLE =
  /翻(?:一)?(?:倍|番)|翻([两二三四五几])倍|(\d+(?:\.\d+)?|[两二三四五六七八九十])倍|(?<![a-z])(double|doubling|doubled|triple|tripling|tripled|quadruple)(?![a-z])|(\d+(?:\.\d+)?)\s?x(?![a-z])/g;
const CREDIT_WORDS = /贷款|借|信用卡|房贷|车贷|(?<![a-z])(?:loan|loans|mortgage|borrow|credit card|apr)(?![a-z])/;

export interface ReturnWish {
  /** yearly %, or null when no figure is given */
  target: number | null;
  /** a multiple was asked for (with or without a time) */
  multiple: boolean;
}

function multipleOf(m: RegExpExecArray): number | null {
  if (m[1] !== undefined) return (parseNumeral(m[1] === '几' ? '二' : m[1]) ?? 1) + 1; // 翻两倍: three times the money
  if (m[2] !== undefined) return parseNumeral(m[2]);
  if (m[3] !== undefined) return m[3].startsWith('doubl') ? 2 : m[3].startsWith('tripl') ? 3 : 4;
  if (m[4] !== undefined) return Number(m[4]);
  return 2;
}

/** The return asked for in a prepared text (prepareText), given the durations found in it (horizon.ts). */
export function findReturn(text: string, durations: readonly Duration[]): ReturnWish {
  let target: number | null = null;
  const credit = CREDIT_WORDS.test(text);
  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (credit || !(RETURN_BEFORE.test(before) || YEARLY_AFTER.test(after))) continue;
    const v = Number(m[1]);
    if (Number.isFinite(v)) target = Math.max(target ?? 0, v);
  }
  let multiple = false;
  MULTIPLE.lastIndex = 0;
  for (let m = MULTIPLE.exec(text); m; m = MULTIPLE.exec(text)) {
    const times = multipleOf(m);
    if (times === null || !(times > 1)) continue;
    multiple = true;
    // the time it should take: the duration nearest the multiple, within a short clause
    const near = durations
      .map((d) => ({ d, gap: d.end <= m.index ? m.index - d.end : d.start - (m.index + m[0].length) }))
      .filter((x) => x.gap >= 0 && x.gap <= 20)
      .sort((a, b) => a.gap - b.gap)[0];
    if (near === undefined) continue;
    const years = Math.max(near.d.months, 1) / 12;
    const yearly = Math.round((Math.pow(times, 1 / years) - 1) * 1000) / 10;
    target = Math.max(target ?? 0, yearly);
  }
  return { target, multiple };
}
