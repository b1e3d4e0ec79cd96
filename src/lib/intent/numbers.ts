/**
 * Numbers and amounts, Chinese and English.
 *
 * Numerals: Arabic ("50,000", "1.5"), Chinese ("二十万", "两千", "一万五", "三千万", "十几万"),
 * mixed ("1.2亿", "3千万", "1万5"), English words ("fifty thousand", "half a million"), with magnitude
 * suffixes (5w = 5万, 10k, 1.5m / 2bn after a currency, "10 grand").
 * Vague counts take their smallest plausible value, the same rule as ranges (below): 几 / a few /
 * several = 2, 十几 = 11, 几十 = 20; colloquial ranges "两三万", "七八千", "三五万" take the lower number.
 *
 * Amounts: the first number in the text that reads as money — it has a currency ("RMB 8,000",
 * "€5k", "5万美元", "100刀"), a magnitude ("5万", "10k", "fifty thousand") or is a bare number of
 * at least 100 that is not a calendar year — and that is not a duration ("3年", "6 months"), an age
 * (岁, years old), a percentage, a rate (年化 4), an income (月收入2万, I make 10k) or part of a code
 * (R2, 401k). A range ("5-10万", "5万到10万", "$5k-$10k") gives its lower bound: the amount the
 * person is sure to have. Numbers with no currency leave the currency null — "5万" alone does not
 * say CNY — but 元/块/¥/人民币 do.
 */

const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9
};
const ZH_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const ZH_BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
const ZH_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿几';
/** a Chinese number may start with these (not 百/千/万/亿: "千万不要", "万一", "百万医疗" are words) */
const ZH_START_CHARS = '零〇一二两三四五六七八九十几';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

type NumTok =
  | { t: 'num'; v: number; zh: boolean }
  | { t: 'unit'; v: number; big: boolean }
  | { t: 'zero' }
  | { t: 'ji' };

function tokenize(s: string): NumTok[] | null {
  const toks: NumTok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isDigit(c) || (c === '.' && isDigit(s[i + 1]))) {
      const m = /^(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?/.exec(s.slice(i));
      const raw = m?.[0] ?? '';
      if (raw === '') return null;
      toks.push({ t: 'num', v: Number(raw.replace(/,/g, '')), zh: false });
      i += raw.length;
      continue;
    }
    if (c === '零' || c === '〇') toks.push({ t: 'zero' });
    else if (c === '几') toks.push({ t: 'ji' });
    else if (ZH_DIGITS[c] !== undefined) toks.push({ t: 'num', v: ZH_DIGITS[c], zh: true });
    else if (ZH_SMALL_UNITS[c] !== undefined) toks.push({ t: 'unit', v: ZH_SMALL_UNITS[c], big: false });
    else if (ZH_BIG_UNITS[c] !== undefined) toks.push({ t: 'unit', v: ZH_BIG_UNITS[c], big: true });
    else if (c !== ' ') return null;
    i++;
  }
  return toks;
}

/**
 * Parse a numeral: Arabic, Chinese or both mixed ("1.2亿", "3千万", "一万五", "两三万", "十几").
 * null when the text is not a numeral.
 */
export function parseNumeral(text: string): number | null {
  const toks = tokenize(text.trim());
  if (!toks || toks.length === 0) return null;
  let total = 0; // whole 亿 sections
  let wan = 0; // whole 万 sections within the current 亿
  let small = 0; // below 万
  let pending: number | null = null;
  let pendingZhDigit = false;
  let lastUnit = 0;
  let zeroSeen = false;
  let prev: NumTok | undefined;
  for (const tok of toks) {
    if (tok.t === 'num' || tok.t === 'ji') {
      const v = tok.t === 'ji' ? (prev?.t === 'unit' && prev.v === 10 ? 1 : 2) : tok.v;
      const zh = tok.t === 'ji' || tok.zh;
      if (pending !== null && zh && pendingZhDigit && prev?.t !== 'unit') {
        // 两三 / 七八 / 三五: a colloquial range, keep the lower number; otherwise digits in a row (二零二五)
        const lower: number = pending;
        const isRange = v === lower + 1 || (lower === 3 && v === 5) || tok.t === 'ji';
        if (!isRange) pending = lower * 10 + v;
      } else if (pending !== null) {
        return null; // "5 5": two numbers, not one
      } else {
        pending = v;
      }
      pendingZhDigit = zh;
    } else if (tok.t === 'zero') {
      if (pending !== null && pendingZhDigit) pending = pending * 10;
      else zeroSeen = true;
    } else if (!tok.big) {
      small += (pending ?? 1) * tok.v;
      pending = null;
      lastUnit = tok.v;
      zeroSeen = false;
    } else if (tok.v === 1e4) {
      wan += (small + (pending ?? 0) || 1) * 1e4;
      small = 0;
      pending = null;
      lastUnit = 1e4;
      zeroSeen = false;
    } else {
      total += (wan + small + (pending ?? 0) || 1) * 1e8;
      wan = 0;
      small = 0;
      pending = null;
      lastUnit = 1e8;
      zeroSeen = false;
    }
    prev = tok;
  }
  let tail = 0;
  if (pending !== null) {
    // 一万五 = 15000, 两千五 = 2500: a single digit right after a unit counts in the next unit down
    const shorthand = lastUnit > 10 && !zeroSeen && prev?.t !== 'unit' && pending < 10 && Number.isInteger(pending);
    tail = shorthand ? (pending * lastUnit) / 10 : pending;
  }
  const value = total + wan + small + tail;
  return Number.isFinite(value) ? value : null;
}

// ---- English number words ----------------------------------------------------------------------

const EN_UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, couple: 2, few: 2, several: 2, dozen: 12
};
const EN_SCALES: Readonly<Record<string, number>> = {
  hundred: 100, thousand: 1e3, grand: 1e3, k: 1e3, million: 1e6, mn: 1e6, mil: 1e6, billion: 1e9, bn: 1e9
};

/**
 * Parse English number words: "fifty thousand", "a hundred", "two million five hundred thousand",
 * "half a million", "a couple", "twenty-five". null when there is no number.
 */
export function parseEnglishNumber(text: string): number | null {
  const words = text.toLowerCase().split(/[\s-]+/).filter((w) => w !== '' && w !== 'and' && w !== 'of');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let any = false;
  let half = false;
  const singular = (w: string): string =>
    EN_SCALES[w] === undefined && EN_UNITS[w] === undefined && w.endsWith('s') && EN_SCALES[w.slice(0, -1)] !== undefined
      ? w.slice(0, -1)
      : w;
  for (let i = 0; i < words.length; i++) {
    const w = singular(words[i]!);
    const next = words[i + 1] === undefined ? undefined : singular(words[i + 1]!);
    if (w === 'a' || w === 'an') {
      if (next !== undefined && (EN_SCALES[next] !== undefined || EN_UNITS[next] !== undefined)) continue;
      return null;
    }
    if (w === 'half') {
      half = true;
      continue;
    }
    const unit = EN_UNITS[w];
    const scale = EN_SCALES[w];
    if (unit !== undefined) {
      current += unit;
      any = true;
    } else if (scale === 100) {
      current = (current || 1) * 100;
      any = true;
    } else if (scale !== undefined) {
      total += (current || 1) * scale * (half ? 0.5 : 1);
      current = 0;
      half = false;
      any = true;
    } else {
      return null;
    }
  }
  if (!any) return null;
  return total + current * (half ? 0.5 : 1);
}

const EN_NUMBER_WORD = new Set([...Object.keys(EN_UNITS), 'hundred', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'grand', 'half', 'a', 'an', 'and']);

// ---- currencies --------------------------------------------------------------------------------------

/** currency words and symbols -> ISO 4217, longest first when matched */
const CURRENCY_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['hong kong dollars', 'HKD'], ['hong kong dollar', 'HKD'], ['singapore dollars', 'SGD'], ['singapore dollar', 'SGD'],
  ['australian dollars', 'AUD'], ['australian dollar', 'AUD'], ['canadian dollars', 'CAD'], ['canadian dollar', 'CAD'],
  ['new zealand dollars', 'NZD'], ['us dollars', 'USD'], ['us dollar', 'USD'], ['hk dollars', 'HKD'],
  ['pounds sterling', 'GBP'], ['dollars', 'USD'], ['dollar', 'USD'], ['bucks', 'USD'], ['euros', 'EUR'], ['euro', 'EUR'],
  ['sterling', 'GBP'], ['pounds', 'GBP'], ['pound', 'GBP'], ['yen', 'JPY'], ['yuan', 'CNY'], ['renminbi', 'CNY'],
  ['rmb', 'CNY'], ['cny', 'CNY'], ['usd', 'USD'], ['eur', 'EUR'], ['gbp', 'GBP'], ['hkd', 'HKD'], ['jpy', 'JPY'],
  ['aud', 'AUD'], ['cad', 'CAD'], ['sgd', 'SGD'], ['chf', 'CHF'], ['nzd', 'NZD'], ['krw', 'KRW'], ['twd', 'TWD'],
  ['mop', 'MOP'], ['inr', 'INR'],
  ['新加坡元', 'SGD'], ['人民币', 'CNY'], ['美元', 'USD'], ['美金', 'USD'], ['美刀', 'USD'], ['欧元', 'EUR'],
  ['英镑', 'GBP'], ['港币', 'HKD'], ['港元', 'HKD'], ['港纸', 'HKD'], ['日元', 'JPY'], ['日币', 'JPY'], ['澳元', 'AUD'],
  ['澳币', 'AUD'], ['加元', 'CAD'], ['加币', 'CAD'], ['新币', 'SGD'], ['瑞郎', 'CHF'], ['韩元', 'KRW'], ['台币', 'TWD'],
  ['澳门元', 'MOP'], ['卢比', 'INR'],
  ['us$', 'USD'], ['hk$', 'HKD'], ['s$', 'SGD'], ['a$', 'AUD'], ['c$', 'CAD'], ['nz$', 'NZD'], ['$', 'USD'],
  ['€', 'EUR'], ['£', 'GBP'], ['¥', 'CNY'], ['₹', 'INR'], ['₩', 'KRW'], ['円', 'JPY']
];
/** only right after a number: "5万元", "100块", "50刀" (元 alone is in 多元化, 块 in 一块儿) */
const SUFFIX_ONLY: ReadonlyArray<readonly [string, string]> = [['块钱', 'CNY'], ['元', 'CNY'], ['块', 'CNY'], ['刀', 'USD']];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAsciiWord = (s: string): boolean => /^[a-z]/.test(s);

function currencyAlternation(words: ReadonlyArray<readonly [string, string]>): string {
  return [...words]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w]) => (isAsciiWord(w) ? `(?<![a-z])${escape(w).replace(/ /g, '\\s')}(?![a-z])` : escape(w)))
    .join('|');
}

const CURRENCY_CODE = new Map<string, string>([...CURRENCY_WORDS, ...SUFFIX_ONLY].map(([w, c]) => [w.replace(/ /g, ''), c]));
const codeOf = (word: string): string | null => CURRENCY_CODE.get(word.replace(/\s+/g, '')) ?? null;

const PREFIX_CURRENCY = new RegExp(`(?:${currencyAlternation(CURRENCY_WORDS)})\\s?$`);
const SUFFIX_CURRENCY = new RegExp(`^\\s?(?:块(?!儿)|${currencyAlternation([...CURRENCY_WORDS, ...SUFFIX_ONLY].filter(([w]) => w !== '块'))})`);
const STANDALONE_CURRENCY = new RegExp(
  // "dollar-cost averaging" is a strategy, not a currency
  `(?:dollar(?=[\\s-]cost)|${currencyAlternation(CURRENCY_WORDS)})`,
  'g'
);

/** The first currency named anywhere in the text ("美元理财", "in euros"), or null. */
export function findCurrency(text: string): string | null {
  STANDALONE_CURRENCY.lastIndex = 0;
  for (let m = STANDALONE_CURRENCY.exec(text); m; m = STANDALONE_CURRENCY.exec(text)) {
    if (m[0] === 'dollar' && /^[\s-]cost/.test(text.slice(m.index + m[0].length))) continue;
    const code = codeOf(m[0]);
    if (code) return code;
  }
  return null;
}

/** units that only say what an amount is counted in ("$10k", "5000 dollars", "¥2000"), not which currency the product must be in */
const UNIT_ONLY = new Set(['$', '¥', 'dollar', 'dollars', 'bucks', 'yuan']);

/**
 * The currency the text asks for by name: a code or a specific name anywhere ("USD", "美元理财",
 * "5万美元", "港币"), or a generic unit standing apart from any number ("in dollars"). A symbol or
 * unit on an amount ("$10k", "5000 dollars", "5万元") counts the amount, it asks for no currency.
 */
export function namedCurrency(text: string): string | null {
  STANDALONE_CURRENCY.lastIndex = 0;
  for (let m = STANDALONE_CURRENCY.exec(text); m; m = STANDALONE_CURRENCY.exec(text)) {
    if (m[0] === 'dollar' && /^[\s-]cost/.test(text.slice(m.index + m[0].length))) continue;
    const code = codeOf(m[0]);
    if (code === null) continue;
    if (!UNIT_ONLY.has(m[0].replace(/\s+/g, ' '))) return code;
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!/[\d万千百亿kmw]\s?$/.test(before) && !/^\s?\d/.test(after)) return code;
  }
  return null;
}

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
const SUFFIX_VALUE: Readonly<Record<string, number>> = {
  k: 1e3, w: 1e4, mn: 1e6, mil: 1e6, million: 1e6, millions: 1e6, thousand: 1e3, thousands: 1e3, grand: 1e3,
  billion: 1e9, billions: 1e9, bn: 1e9, hundred: 100, m: 1e6, b: 1e9
};

function finishToken(text: string, start: number, end: number, base: number, zhMagnitude: boolean, zhTail: string): NumberToken {
  let value = base;
  let magnitude = zhMagnitude;
  let rangeMultiplier = 1;
  const pre = PREFIX_CURRENCY.exec(text.slice(Math.max(0, start - 24), start));
  let currency = pre ? codeOf(pre[0].trim()) : null;
  let e = end;
  const rest = text.slice(e, e + 40);
  const suf = SUFFIX.exec(rest) ?? (currency ? CURRENCY_ONLY_SUFFIX.exec(rest) : null);
  if (suf) {
    const mult = SUFFIX_VALUE[suf[1]!] ?? 1;
    value *= mult;
    rangeMultiplier = mult;
    magnitude = true;
    e += suf[0].length;
  }
  if (zhTail !== '') rangeMultiplier *= parseNumeral(`1${zhTail}`) ?? 1;
  const after = text.slice(e, e + 40);
  const sufCur = SUFFIX_CURRENCY.exec(after);
  if (sufCur) {
    currency = currency ?? codeOf(sufCur[0].trim());
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
