/**
 * Currencies: the words and symbols people name them by, zh and en (-> ISO 4217), and their Chinese names.
 */

/** currency words and symbols -> ISO 4217, longest first when matched */
const CURRENCY_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['hong kong dollars', 'HKD'],
  ['hong kong dollar', 'HKD'],
  ['singapore dollars', 'SGD'],
  ['singapore dollar', 'SGD'],
  ['australian dollars', 'AUD'],
  ['australian dollar', 'AUD'],
  ['canadian dollars', 'CAD'],
  ['canadian dollar', 'CAD'],
  ['new zealand dollars', 'NZD'],
  ['us dollars', 'USD'],
  ['us dollar', 'USD'],
  ['hk dollars', 'HKD'],
  ['pounds sterling', 'GBP'],
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['bucks', 'USD'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['sterling', 'GBP'],
  ['pounds', 'GBP'],
  ['pound', 'GBP'],
  ['yen', 'JPY'],
  ['yuan', 'CNY'],
  ['renminbi', 'CNY'],
  ['rmb', 'CNY'],
  ['cny', 'CNY'],
  ['usd', 'USD'],
  ['eur', 'EUR'],
  ['gbp', 'GBP'],
  ['hkd', 'HKD'],
  ['jpy', 'JPY'],
  ['aud', 'AUD'],
  ['cad', 'CAD'],
  ['sgd', 'SGD'],
  ['chf', 'CHF'],
  ['nzd', 'NZD'],
  ['krw', 'KRW'],
  ['twd', 'TWD'],
  ['mop', 'MOP'],
  ['inr', 'INR'],
  ['新加坡元', 'SGD'],
  ['人民币', 'CNY'],
  ['美元', 'USD'],
  ['美金', 'USD'],
  ['美刀', 'USD'],
  ['欧元', 'EUR'],
  ['英镑', 'GBP'],
  ['港币', 'HKD'],
  ['港元', 'HKD'],
  ['港纸', 'HKD'],
  ['日元', 'JPY'],
  ['日币', 'JPY'],
  ['澳元', 'AUD'],
  ['澳币', 'AUD'],
  ['加元', 'CAD'],
  ['加币', 'CAD'],
  ['新币', 'SGD'],
  ['瑞郎', 'CHF'],
  ['韩元', 'KRW'],
  ['台币', 'TWD'],
  ['澳门元', 'MOP'],
  ['卢比', 'INR'],
  ['us$', 'USD'],
  ['hk$', 'HKD'],
  ['s$', 'SGD'],
  ['a$', 'AUD'],
  ['c$', 'CAD'],
  ['nz$', 'NZD'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'CNY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['円', 'JPY']
];
/** only right after a number: "5万元", "100块", "50刀" (元 alone is in 多元化, 块 in 一块儿) */
const SUFFIX_ONLY: ReadonlyArray<readonly [string, string]> = [
  ['块钱', 'CNY'],
  ['元', 'CNY'],
  ['块', 'CNY'],
  ['刀', 'USD']
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAsciiWord = (s: string): boolean => /^[a-z]/.test(s);

function currencyAlternation(words: ReadonlyArray<readonly [string, string]>): string {
  return [...words]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w]) => (isAsciiWord(w) ? `(?<![a-z])${escape(w).replace(/ /g, '\\s')}(?![a-z])` : escape(w)))
    .join('|');
}

const CURRENCY_CODE = new Map<string, string>([...CURRENCY_WORDS, ...SUFFIX_ONLY].map(([w, c]) => [w.replace(/ /g, ''), c]));
/** The ISO 4217 code of a currency word or symbol ("美元", "us dollars", "¥", "块钱"), or null. */
export const currencyCode = (word: string): string | null => CURRENCY_CODE.get(word.replace(/\s+/g, '')) ?? null;

/** a currency right before a number: "RMB 8,000", "€5k" */
export const PREFIX_CURRENCY = new RegExp(`(?:${currencyAlternation(CURRENCY_WORDS)})\\s?$`);
/** a currency right after a number: "5万美元", "100块" */
export const SUFFIX_CURRENCY = new RegExp(`^\\s?(?:块(?!儿)|${currencyAlternation([...CURRENCY_WORDS, ...SUFFIX_ONLY].filter(([w]) => w !== '块'))})`);
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
    const code = currencyCode(m[0]);
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
    const code = currencyCode(m[0]);
    if (code === null) continue;
    if (!UNIT_ONLY.has(m[0].replace(/\s+/g, ' '))) return code;
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!/[\d万千百亿kmw]\s?$/.test(before) && !/^\s?\d/.test(after)) return code;
  }
  return null;
}

/** Chinese names of the currencies a catalogue may quote (CNY is 元 after an amount, 人民币 alone). */
export const CURRENCY_ZH: Readonly<Record<string, string>> = {
  CNY: '元',
  USD: '美元',
  EUR: '欧元',
  GBP: '英镑',
  HKD: '港元',
  JPY: '日元',
  AUD: '澳元',
  CAD: '加元',
  SGD: '新加坡元',
  CHF: '瑞郎'
};
