import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../src/lib/common/base64';
import { fnv1a } from '../../src/lib/common/hash';
import { mulberry32, xorshift32 } from '../../src/lib/common/random';
import { currencyCode } from '../../src/lib/vocab/currencies';
import { formatMoney, formatNumber, shortMoneyText } from '../../src/lib/vocab/money';
import { parseAmountText } from '../../src/lib/vocab/numerals';
import { inTermFilter, termBucket, termWords } from '../../src/lib/vocab/terms';

describe('amounts written alone (parseAmountText)', () => {
  it.each([
    ['50,000', 50000, null],
    ['5万', 50000, null],
    ['1.5k', 1500, null],
    ['5w', 50000, null],
    ['十万', 100000, null],
    ['1.2亿', 120000000, null],
    ['5万5', 55000, null],
    ['¥1,000元', 1000, 'CNY'],
    ['￥1,000', 1000, 'CNY'],
    ['1,000元人民币', 1000, 'CNY'],
    ['2.5万元', 25000, 'CNY'],
    ['USD 2,000', 2000, 'USD'],
    ['$5k', 5000, 'USD'],
    ['100 dollars', 100, 'USD'],
    ['5万美元', 50000, 'USD']
  ])('%s is %d %s', (text, value, currency) => {
    expect(parseAmountText(text)).toEqual({ value, currency });
  });

  it.each(['abc', '', '5 5', '3,5', '3个月', '¥5 USD', '1 000'])('%j is not one amount', (text) => {
    expect(parseAmountText(text)).toBeNull();
  });
});

describe('currencies', () => {
  it('reads names, codes and symbols in both languages', () => {
    expect(['人民币', 'rmb', '元', '¥', '美元', 'us$', '港币', '欧元', '£'].map(currencyCode)).toEqual([
      'CNY',
      'CNY',
      'CNY',
      'CNY',
      'USD',
      'USD',
      'HKD',
      'EUR',
      'GBP'
    ]);
    expect(currencyCode('万')).toBeNull();
  });
});

describe('money and term words', () => {
  it('formats amounts one way for products (cards and reasons) and another for the request echo', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-1234)).toBe('-1,234');
    expect(formatMoney(50000, 'CNY', 'zh-CN')).toBe('¥50,000');
    expect(formatMoney(50000, 'CNY', 'en')).toBe('CN¥50,000');
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(shortMoneyText(50000, null, 'zh-CN')).toBe('5万元');
    expect(shortMoneyText(120000000, 'USD', 'zh-CN')).toBe('1.2亿美元');
    expect(shortMoneyText(8000, 'NZD', 'zh-CN')).toBe('8000 NZD');
    expect(shortMoneyText(50000, 'USD', 'en')).toBe('50,000 USD');
  });

  it('puts terms into buckets and words', () => {
    expect([null, 1, 3, 4, 12, 13, 36, 37].map(termBucket)).toEqual(['open', 'short', 'short', 'year', 'year', 'mid', 'mid', 'long']);
    // the catalogue's filter: up to a year is short, one to three years medium
    expect([null, 3, 12, 13, 36, 37].map((m) => inTermFilter(m, 'short'))).toEqual([false, true, true, false, false, false]);
    expect([null, 12, 13, 36, 37].map((m) => inTermFilter(m, 'medium'))).toEqual([false, false, true, true, false]);
    expect(inTermFilter(null, 'open') && inTermFilter(7, 'any')).toBe(true);
    expect([termWords(12, 'zh-CN'), termWords(24, 'en'), termWords(1, 'en'), termWords(6, 'zh-CN')]).toEqual(['1年', '2 years', '1 month', '6个月']);
  });
});

describe('common: random, hash, base64', () => {
  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('xorshift32 from seed 1 starts 270369 / 2^32, and a zero seed is not stuck', () => {
    expect(xorshift32(1)()).toBe(270369 / 4294967296);
    expect(xorshift32(0)()).toBe(270369 / 4294967296);
  });

  it('mulberry32 is a function of its seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(draws[0]);
  });

  it('base64 is RFC 4648 and refuses any other spelling', () => {
    const enc = (s: string): string => toBase64(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
    expect(new TextDecoder().decode(fromBase64('Zm9vYmFy')!)).toBe('foobar');
    for (const bad of ['Zg=', 'Zg', 'Zh==', 'Zm9v\n', 'Zm-v']) expect(fromBase64(bad)).toBeNull();
  });
});
