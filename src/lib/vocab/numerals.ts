/**
 * Numerals, Chinese and English: Arabic ("50,000", "1.5"), Chinese ("二十万", "两千", "一万五", "三千万", "十几万"),
 * mixed ("1.2亿", "3千万", "1万5"), English words ("fifty thousand", "half a million"). Vague counts take their
 * smallest plausible value: 几 / a few / several = 2, 十几 = 11, 几十 = 20; colloquial ranges "两三万", "七八千",
 * "三五万" take the lower number. The parser's amount scanner (intent/numbers.ts) builds on these, and
 * parseAmountText reads one amount standing alone (a table cell: "5万", "1.5k", "¥1,000元").
 */
import { currencyCode } from './currencies';

const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9
};
const ZH_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const ZH_BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
export const ZH_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿几';
/** a Chinese number may start with these (not 百/千/万/亿: "千万不要", "万一", "百万医疗" are words) */
export const ZH_START_CHARS = '零〇一二两三四五六七八九十几';

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

type NumTok = { t: 'num'; v: number; zh: boolean } | { t: 'unit'; v: number; big: boolean } | { t: 'zero' } | { t: 'ji' };

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
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  couple: 2,
  few: 2,
  several: 2,
  dozen: 12
};
const EN_SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1e3,
  grand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  mil: 1e6,
  billion: 1e9,
  bn: 1e9
};

/**
 * Parse English number words: "fifty thousand", "a hundred", "two million five hundred thousand",
 * "half a million", "a couple", "twenty-five". null when there is no number.
 */
export function parseEnglishNumber(text: string): number | null {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== '' && w !== 'and' && w !== 'of');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let any = false;
  let half = false;
  const singular = (w: string): string =>
    EN_SCALES[w] === undefined && EN_UNITS[w] === undefined && w.endsWith('s') && EN_SCALES[w.slice(0, -1)] !== undefined ? w.slice(0, -1) : w;
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

/** every word an English number can be made of (the amount scanner's look-behind) */
export const EN_NUMBER_WORD = new Set([
  ...Object.keys(EN_UNITS),
  'hundred',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
  'grand',
  'half',
  'a',
  'an',
  'and'
]);

/** Magnitude suffixes after a number: 10k, 5w (= 5万), 1.5m / 2bn (m and b only after a currency), "10 grand". */
export const MAGNITUDE_SUFFIXES: Readonly<Record<string, number>> = {
  k: 1e3,
  w: 1e4,
  mn: 1e6,
  mil: 1e6,
  million: 1e6,
  millions: 1e6,
  thousand: 1e3,
  thousands: 1e3,
  grand: 1e3,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  hundred: 100,
  m: 1e6,
  b: 1e9
};

const AMOUNT_TEXT = /^(\D*?)\s*([\d.,零〇一二两三四五六七八九十百千万亿]+)\s*(.*)$/;
const MAGNITUDE_AFTER = /^(k|w|mn|mil|millions?|thousands?|grand|billions?|bn|hundred|m|b)(?![a-z])\s*/;

/** The one currency a run of currency words names ("元", "us$", "元人民币"), or null. */
function currencyOfWords(words: string): string | null {
  let rest = words.replace(/\s+/g, '');
  let code: string | null = null;
  while (rest !== '') {
    let found: string | null = null;
    for (let n = rest.length; n > 0 && found === null; n--) if (currencyCode(rest.slice(0, n)) !== null) found = rest.slice(0, n);
    if (found === null) return null;
    const c = currencyCode(found);
    if (code !== null && c !== code) return null;
    code = c;
    rest = rest.slice(found.length);
  }
  return code;
}

/**
 * One amount written alone, as a bank's table or a form has it: "50,000", "5万", "1.5k", "5w", "十万",
 * "1.2亿", "¥1,000元", "USD 2,000", "100 dollars", "1,000元人民币". The value is rounded to the cent; the
 * currency is the one written on it, or null. null when the text is not exactly one amount.
 */
export function parseAmountText(text: string): { value: number; currency: string | null } | null {
  const m = AMOUNT_TEXT.exec(text.normalize('NFKC').toLowerCase().trim());
  if (!m) return null;
  const [, before = '', digits = '', tail = ''] = m;
  const mag = MAGNITUDE_AFTER.exec(tail);
  const after = (mag ? tail.slice(mag[0].length) : tail).trim();
  const pre = before.trim() === '' ? null : currencyOfWords(before);
  const post = after === '' ? null : currencyOfWords(after);
  if ((before.trim() !== '' && pre === null) || (after !== '' && post === null) || (pre !== null && post !== null && pre !== post)) return null;
  const n = parseNumeral(digits);
  if (n === null) return null;
  const mult = mag ? (MAGNITUDE_SUFFIXES[mag[1]!] ?? 1) : 1;
  return { value: Math.round(n * mult * 100) / 100, currency: pre ?? post };
}
