/** Number, money and term wording for names and descriptions, zh-CN and en. Locale-independent. */

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
/** round to a multiple of step */
export const roundTo = (x: number, step: number): number => Math.round(x / step) * step;

/** 1234567 -> "1,234,567" (no Intl, so the output never depends on the ICU build) */
export function grouped(n: number): string {
  const [int = '0', frac] = String(n).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${withCommas}${frac !== undefined ? `.${frac}` : ''}`;
}

/** a rate as written in text: 1.3 -> "1.30" */
export const pct = (x: number): string => x.toFixed(2);

/** 200000 -> "20万元", 1500 -> "1,500元", 15000 -> "1.5万元"; USD -> "1,000美元" */
export function moneyZh(n: number, currency = 'CNY'): string {
  if (currency === 'USD') return `${grouped(n)}美元`;
  if (n >= 10000 && n % 1000 === 0) return `${n / 10000}万元`;
  return `${grouped(n)}元`;
}

/** 200000 -> "CNY 200,000" */
export const moneyEn = (n: number, currency = 'CNY'): string => `${currency} ${grouped(n)}`;

/** 3 -> "3个月", 12 -> "1年", 18 -> "18个月" */
export function termZh(months: number): string {
  return months % 12 === 0 ? `${months / 12}年` : `${months}个月`;
}

/** adjective: 3 -> "3-month", 12 -> "1-year" */
export function termEnAdj(months: number): string {
  return months % 12 === 0 ? `${months / 12}-year` : `${months}-month`;
}

/** noun: 1 -> "1 month", 12 -> "1 year", 36 -> "3 years" */
export function termEn(months: number): string {
  if (months % 12 === 0) {
    const y = months / 12;
    return `${y} year${y === 1 ? '' : 's'}`;
  }
  return `${months} month${months === 1 ? '' : 's'}`;
}

/** for names: "3-month" -> "3-Month" */
export const titleCase = (s: string): string => s.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => `${d}${c.toUpperCase()}`);

/** for ids: 3 -> "3m", 12 -> "1y", 18 -> "18m" */
export const termId = (months: number): string => (months % 12 === 0 ? `${months / 12}y` : `${months}m`);

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1..99 -> 一 .. 九十九 (for bond issue numbers, "（十二期）") */
export function zhNumber(n: number): string {
  if (n <= 10) return ZH_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (ZH_DIGITS[tens] ?? '')}十${ones === 0 ? '' : (ZH_DIGITS[ones] ?? '')}`;
}
