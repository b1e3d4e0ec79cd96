/**
 * Numbers and amounts, Chinese and English.
 *
 * Numerals are read by vocab/numerals.ts and currencies by vocab/currencies.ts; here, magnitude suffixes
 * (5w = 5万, 10k, 1.5m / 2bn after a currency, "10 grand") and the amount a request names.
 *
 * Amounts: the first number in the text that reads as money — it has a currency ("RMB 8,000",
 * "€5k", "5万美元", "100刀"), a magnitude ("5万", "10k", "fifty thousand") or is a bare number of
 * at least 100 that is not a calendar year — and that is not a duration ("3年", "6 months"), an age
 * (岁, years old), a percentage, a rate (年化 4), an income (月收入2万, I make 10k) or part of a code
 * (R2, 401k). A range ("5-10万", "5万到10万", "$5k-$10k") gives its lower bound: the amount the
 * person is sure to have. Numbers with no currency leave the currency null — "5万" alone does not
 * say CNY — but 元/块/¥/人民币 do.
 */
import { currencyCode, findCurrency, PREFIX_CURRENCY, SUFFIX_CURRENCY } from '../vocab/currencies';
import { EN_NUMBER_WORD, isDigit, MAGNITUDE_SUFFIXES, parseEnglishNumber, parseNumeral, ZH_NUMERAL_CHARS, ZH_START_CHARS } from '../vocab/numerals';

// ---- scanning numbers in text ---------------------------------------------------------------------------

export interface NumberToken {
  start: number;
  end: number;
  value: number;
  /** written with a magnitude: 万/千/百/亿, k, w, million, thousand... */
  magnitude: boolean;
  currency: string | null;
  /** the multiplier that a bare first half of a range borrows: "5-10万" -> 1e4 */
  rangeMultiplier: number;
  /** not money: a duration, an age, a percentage, a rate, an income, a code */
  excluded: boolean;
}

/** after the number (and its suffix): this number counts something else */
const NOT_MONEY_AFTER = new RegExp(
  '^[\\s-]?(?:个|多|余|来|几)?\\s?(?:年(?!化)|个?月|周|星期|礼拜|天|日|岁|周岁|号|点|%|倍|次|期|只|份|张|家|位|人|成|分|秒|小时|季|届|级|楼|层|套|辆|台|篇|条|项|万分)' +
    '|^[\\s-]?(?:years?|yrs?|y|months?|mos?|mths?|weeks?|wks?|days?|decades?|%|percent|pct|bps?|basis|x|times|th|st|nd|rd|am|pm|yo|kids?|children|people|stars?|hours?|mins?|minutes?|points?)(?![a-z])'
);
/** before the number: this number is a rate, an income or an age */
const NOT_MONEY_BEFORE =
  /(?:年化|利率|收益率|回报率|利息|费率|收入|工资|月薪|年薪|薪水|月入|年入|年龄|今年|(?<![a-z])(?:apr|apy|rate|rates|yield|yields|returns?|(?<!fixed |passive |regular |steady |stable |monthly )income|salary|earn|earns|earning|make|makes|made|paid|age|aged))\s?(?:是|为|有|大概|大约|约|在|of|is|about|around|~|at)?\s?$/;

const SUFFIX = /^\s?(k|w|mn|mil|million|millions|thousand|thousands|grand|billion|billions|bn|hundred)(?![a-z])/;
const CURRENCY_ONLY_SUFFIX = /^(m|b)(?![a-z])/;

function finishToken(text: string, start: number, end: number, base: number, zhMagnitude: boolean, zhTail: string): NumberToken {
  let value = base;
  let magnitude = zhMagnitude;
  let rangeMultiplier = 1;
  const pre = PREFIX_CURRENCY.exec(text.slice(Math.max(0, start - 24), start));
  let currency = pre ? currencyCode(pre[0].trim()) : null;
  let e = end;
  const rest = text.slice(e, e + 40);
  const suf = SUFFIX.exec(rest) ?? (currency ? CURRENCY_ONLY_SUFFIX.exec(rest) : null);
  if (suf) {
    const mult = MAGNITUDE_SUFFIXES[suf[1]!] ?? 1;
    value *= mult;
    rangeMultiplier = mult;
    magnitude = true;
    e += suf[0].length;
  }
  if (zhTail !== '') rangeMultiplier *= parseNumeral(`1${zhTail}`) ?? 1;
  const after = text.slice(e, e + 40);
  const sufCur = SUFFIX_CURRENCY.exec(after);
  if (sufCur) {
    currency = currency ?? currencyCode(sufCur[0].trim());
    e += sufCur[0].length;
  }
  const before = text.slice(Math.max(0, start - 16), start);
  const next = text.slice(e, e + 40);
  let excluded = NOT_MONEY_AFTER.test(next) || NOT_MONEY_BEFORE.test(before);
  // glued to letters: R2, C3, 401k, 3yrs, 2nd — unless the letters are a currency (usd5000)
  if (/[a-z]$/.test(before) && !pre) excluded = true;
  if (!sufCur && /^[a-z]/.test(next) && !/^\s/.test(text.slice(end, end + 1))) excluded = true;
  if (/^401\s?k$/.test(text.slice(start, e).trim()) || /^\(k\)/.test(next)) excluded = true;
  return { start, end: e, value, magnitude, currency, rangeMultiplier, excluded };
}

/** Every number in the (prepared) text, with what surrounds it. */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const digitStart = isDigit(c) || (c === '.' && isDigit(text[i + 1]) && !isDigit(text[i - 1]));
    if (digitStart || ZH_START_CHARS.includes(c)) {
      let j = i;
      for (;;) {
        const m = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)/.exec(text.slice(j, j + 40));
        if (m && m[0] !== '' && (isDigit(text[j]) || text[j] === '.')) {
          j += m[0].length;
          continue;
        }
        const ch = text[j];
        if (ch !== undefined && ZH_NUMERAL_CHARS.includes(ch)) {
          j++;
          continue;
        }
        if (ch === ' ' && isDigit(text[j - 1]) && '万千亿百'.includes(text[j + 1] ?? 'x')) {
          j++;
          continue;
        }
        // 10来万, 十多万, 20余万: the filler before a unit is dropped (the lower bound)
        if (ch !== undefined && '来多余'.includes(ch) && j > i && '十百千万亿'.includes(text[j + 1] ?? 'x')) {
          j++;
          continue;
        }
        break;
      }
      const raw = text.slice(i, j).replace(/[来多余]/g, '');
      const value = parseNumeral(raw);
      if (value !== null) {
        const zhTail = /[十百千万亿]+$/.exec(raw)?.[0] ?? '';
        const zhMagnitude = /[百千万亿]/.test(raw);
        out.push(finishToken(text, i, j, value, zhMagnitude, zhTail));
      }
      i = Math.max(j, i + 1);
      continue;
    }
    if (/[a-z]/.test(c) && !/[a-z]/.test(text[i - 1] ?? '')) {
      // a run of English number words: "fifty thousand", "half a million", "a hundred"
      const parts: { w: string; end: number }[] = [];
      let p = i;
      for (;;) {
        const w = /^[a-z]+/.exec(text.slice(p, p + 24))?.[0];
        if (w === undefined || !EN_NUMBER_WORD.has(w) || /[a-z]/.test(text[p + w.length] ?? '')) break;
        parts.push({ w, end: p + w.length });
        const sep = /^[\s-]+/.exec(text.slice(p + w.length, p + w.length + 4))?.[0];
        if (sep === undefined) break;
        p += w.length + sep.length;
      }
      while (parts.length > 0 && ['a', 'an', 'and', 'half'].includes(parts[parts.length - 1]!.w)) parts.pop();
      if (parts.some((x) => !['a', 'an', 'and', 'half'].includes(x.w))) {
        const end = parts[parts.length - 1]!.end;
        const phrase = text.slice(i, end);
        const value = parseEnglishNumber(phrase);
        if (value !== null) {
          const scaled = /(hundred|thousand|million|billion|grand)s?$/.test(phrase);
          out.push(finishToken(text, i, end, value, scaled, ''));
          i = end;
          continue;
        }
      }
      const wordEnd = /^[a-z]+/.exec(text.slice(i))?.[0].length ?? 1;
      i += wordEnd;
      continue;
    }
    i++;
  }
  return out;
}

const RANGE_SEP = /^\s?(?:-|–|—|~|到|至|or|to)\s?(?:[$€£¥]|us\$|hk\$)?\s?$/;

export interface Amount {
  amount: number | null;
  currency: string | null;
}

/** The amount of money the text talks about, and its currency (see the module comment for the rules). */
export function extractAmount(text: string): Amount {
  const toks = scanNumbers(text);
  // ranges: a bare first half borrows the second half's magnitude and currency ("5-10万", "100-200k")
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i]!;
    const b = toks[i + 1]!;
    if (!RANGE_SEP.test(text.slice(a.end, b.start)) && !/^\s?(?:and)\s?$/.test(text.slice(a.end, b.start))) continue;
    if (b.excluded) {
      a.excluded = true; // "3-5年": both halves are a duration
      continue;
    }
    if (!a.magnitude && b.magnitude && a.rangeMultiplier === 1) {
      a.value *= b.rangeMultiplier;
      a.magnitude = true;
    }
    a.currency = a.currency ?? b.currency;
  }
  for (const t of toks) {
    if (t.excluded || !(t.value > 0) || !Number.isFinite(t.value)) continue;
    const isYear = Number.isInteger(t.value) && t.value >= 1900 && t.value <= 2100 && !t.magnitude && !t.currency && !text.slice(t.start, t.end).includes(',');
    const money = t.currency !== null || t.magnitude || (t.value >= 100 && t.value <= 1e9 && !isYear);
    if (money) return { amount: Math.round(t.value * 100) / 100, currency: t.currency ?? findCurrency(text) };
  }
  return { amount: null, currency: findCurrency(text) };
}
