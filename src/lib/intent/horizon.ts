import { parseEnglishNumber, parseNumeral } from '../vocab/numerals';

/**
 * Durations in a request, in months.
 *
 * horizonMonths is how long the money can surely stay invested — the longest term a product may
 * have without the person needing the money back before it ends. So:
 *   - a range gives its LOWER bound: "3 to 5 years", "3-5年", "三五年" -> 36; the money may be needed
 *     as early as year 3, and a 5-year product would lock it past that;
 *   - a bound gives the bound itself: "一年以内", "within a year", "不超过1年", "up to 12 months" -> 12,
 *     and "3年以上", "at least 3 years", "more than 3 years" -> 36;
 *   - several durations give the shortest ("10年后退休，但3年后要买房" -> 36), for the same reason;
 *   - vague counts take their smallest plausible value: 几年 / a few years = 2 years;
 *   - days and weeks round down to whole months, with a week's grace (90天 = 3, 4周 = 1, 两周 = 0:
 *     "under a month"); likewise 一个半月 = 1.
 * Word horizons live in the lexicon and only count when no number is given: 长期 / long term = 60,
 * 中期 / medium term = 36, 短期 / short term = 12, 明年 / next year = 12.
 * Not durations: a calendar year (2030年), an age (35岁, 35 years old), a past period (近3年, 3年前,
 * the past 5 years, 5 years ago), an anniversary (3周年), a grade (3年级), March (3月).
 */

export interface Duration {
  start: number;
  end: number;
  months: number;
}

const MAX_MONTHS = 600;

const ZH_NUM = '(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百几]+)';
const EN_WORD_NUM =
  '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
/** digits may touch their unit ("10y", "6mos"); words need a space or hyphen ("a year", not "any") */
const EN_DIGITS = '\\d+(?:\\.\\d+)?';
const EN_WORDS = `(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few|several|half\\s+an?|an?|${EN_WORD_NUM}`;
/** one capture group: the count */
const EN_COUNT_UNIT = (unitGroup: string): string => `(?:(${EN_DIGITS})\\+?\\s?-?\\s?|(${EN_WORDS})[\\s-]+)${unitGroup}`;
const EN_NUM = `(?:${EN_DIGITS}|${EN_WORDS})`;
const EN_UNIT = '(years?|yrs?|y|months?|mos?|mths?|weeks?|wks?|days?|decades?)';
const ZH_UNIT_MONTHS: Readonly<Record<string, number>> = {
  年: 12,
  月: 1,
  周: 12 / 52,
  星期: 12 / 52,
  礼拜: 12 / 52,
  天: 1 / 30,
  季度: 3
};

function enUnitMonths(unit: string): number {
  if (/^y/.test(unit)) return 12;
  if (/^mo|^mth/.test(unit)) return 1;
  if (/^w/.test(unit)) return 12 / 52;
  if (/^d(ay)/.test(unit)) return 1 / 30;
  if (/^dec/.test(unit)) return 120;
  return 0;
}

/** A number as written in a duration: "3", "1.5", "三", "两", "十几", "a", "a couple of", "half a", "twenty-five". */
export function durationCount(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (/^half\s+an?$/.test(s)) return 0.5;
  if (/^an?$/.test(s)) return 1;
  if (/couple|few|several/.test(s)) return 2;
  if (/^[\d.]+$/.test(s) || /^[零〇一二两三四五六七八九十百几]+$/.test(s)) return parseNumeral(s);
  return parseEnglishNumber(s);
}

const toMonths = (count: number, unitMonths: number): number => Math.min(MAX_MONTHS, Math.max(0, Math.floor(count * unitMonths + 0.25)));

interface Rule {
  re: RegExp;
  months: (m: RegExpExecArray) => number | null;
}

function zhUnit(unit: string): number {
  return ZH_UNIT_MONTHS[unit.replace(/^个/, '')] ?? 0;
}

const RULES: readonly Rule[] = [
  // 一年半, 两年半, 一个半月, 1.5年
  {
    re: new RegExp(`(${ZH_NUM})\\s*(?:(年)半|个半\\s*(月))`, 'g'),
    months: (m) => {
      const n = durationCount(m[1]!);
      return n === null ? null : toMonths(n + 0.5, m[2] ? 12 : 1);
    }
  },
  // ranges: 3到5年, 3-5年, 1~2个月, 两到三年
  {
    re: new RegExp(`(${ZH_NUM})\\s*(?:到|至|~|-|–|—|或)\\s*(?:${ZH_NUM})\\s*(年|个\\s*月|个?(?:星期|礼拜)|周|天|个季度)`, 'g'),
    months: (m) => {
      const n = durationCount(m[1]!);
      const unit = m[2]!.replace(/\s/g, '');
      if (n === null || (unit === '年' && n >= 1900 && n <= 2100)) return null;
      return toMonths(n, zhUnit(unit));
    }
  },
  // 3年, 18个月, 两周, 90天, 6月期, 两个季度, 三五年, 十几年
  {
    re: new RegExp(`(${ZH_NUM})\\s*(年(?!级|前|以前|化|纪|薪|收入|龄)|个\\s*月|月(?=期|以内|之内|内)|个?(?:星期|礼拜)|周(?!年|岁)|天(?!前)|个季度)`, 'g'),
    months: (m) => {
      const n = durationCount(m[1]!);
      if (n === null) return null;
      const unit = m[2]!.replace(/\s/g, '');
      if (unit === '年' && Number.isInteger(n) && n >= 1900 && n <= 2100) return null; // 2030年: a date
      if (unit === '月' && n > 12 && n < 100) return toMonths(n, 1);
      return toMonths(n, zhUnit(unit));
    }
  },
  // 半年, 半个月
  {
    re: /半\s*(年|个\s*月)/g,
    months: (m) => toMonths(0.5, m[1] === '年' ? 12 : 1)
  },
  // one and a half years, 2 and a half years
  {
    re: new RegExp(`(?<![a-z0-9.])(${EN_NUM})\\s+and\\s+a\\s+half[\\s-]+${EN_UNIT}(?![a-z])`, 'g'),
    months: (m) => {
      const n = durationCount(m[1]!);
      return n === null ? null : toMonths(n + 0.5, enUnitMonths(m[2]!));
    }
  },
  // a year and a half
  {
    re: new RegExp(`(?<![a-z0-9.])${EN_COUNT_UNIT(EN_UNIT)}\\s+and\\s+a\\s+half(?![a-z])`, 'g'),
    months: (m) => {
      const n = durationCount(m[1] ?? m[2] ?? '');
      return n === null ? null : toMonths(n + 0.5, enUnitMonths(m[3]!));
    }
  },
  // ranges: 3 to 5 years, 1-2 years, between 2 and 4 years, 6 or 12 months
  {
    re: new RegExp(`(?<![a-z0-9.])(${EN_NUM})\\s*(?:-|–|—|~|\\bto\\b|\\bor\\b|\\band\\b)\\s*${EN_COUNT_UNIT(EN_UNIT)}(?![a-z])`, 'g'),
    months: (m) => {
      const n = durationCount(m[1]!);
      return n === null ? null : toMonths(n, enUnitMonths(m[4]!));
    }
  },
  // 5 years, 18 months, a year, 3-year, 10y, a couple of years, half a year
  {
    re: new RegExp(`(?<![a-z0-9.])${EN_COUNT_UNIT(EN_UNIT)}(?![a-z])`, 'g'),
    months: (m) => {
      const n = durationCount(m[1] ?? m[2] ?? '');
      return n === null ? null : toMonths(n, enUnitMonths(m[3]!));
    }
  }
];

/** before a duration: a past period (近3年收益, the past 5 years) */
const PAST_BEFORE = /(?:近|过去|最近|前|去年|(?<![a-z])(?:past|last|previous|over the past|over the last|for the past|for the last))\s?$/;
/** before "a month" / "a year": an amount, a percentage or a frequency makes it a rate ("8k a month", "5% a year") */
const RATE_BEFORE = /(?:\d|%|percent|pct|\d\s?[kw]|thousand|hundred|grand|million|dollars?|bucks|euros?|yuan|rmb|usd|cny|once|twice|times|块|元|万)\s?$/;
/** after a duration: an age or a past point (35 years old, 3 years ago, 3年前) */
const NOT_AFTER = /^[\s-]?(?:old|of age|ago|前|以前|之前|岁)/;

/** Every duration in a prepared text, earlier rules first; later rules skip text already taken. */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  const taken = new Uint8Array(text.length + 1);
  const overlaps = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (taken[i] === 1) return true;
    return false;
  };
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (overlaps(start, end)) continue;
      taken.fill(1, start, end);
      const before = text.slice(Math.max(0, start - 16), start);
      if (PAST_BEFORE.test(before) || NOT_AFTER.test(text.slice(end, end + 12))) continue;
      // "8k a month", "twice a year": a rate, not a duration
      if (/^an?\s/.test(m[0]) && RATE_BEFORE.test(before)) continue;
      // "3 months" inside "3 months' salary"? still a duration; "$5k 3 years": fine
      const months = rule.months(m);
      if (months !== null && Number.isFinite(months)) out.push({ start, end, months });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The horizon the durations give: the shortest, or null when there are none. */
export function horizonFromDurations(durations: readonly Duration[]): number | null {
  if (durations.length === 0) return null;
  return durations.reduce((min, d) => Math.min(min, d.months), Number.POSITIVE_INFINITY);
}
