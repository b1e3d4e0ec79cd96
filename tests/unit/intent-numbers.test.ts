import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationCount, extractAmount, findDurations, prepareText } from '../../src/lib/intent/index';
import { findCurrency } from '../../src/lib/vocab/currencies';
import { parseEnglishNumber, parseNumeral } from '../../src/lib/vocab/numerals';

const amount = (s: string): ReturnType<typeof extractAmount> => extractAmount(prepareText(s));
const horizon = (s: string): number[] => findDurations(prepareText(s)).map((d) => d.months);

describe('parseNumeral', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['50,000', 50000],
    ['1,234,567.5', 1234567.5],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百零五', 105],
    ['一百二', 120],
    ['一百二十', 120],
    ['两千', 2000],
    ['两千五', 2500],
    ['三千五百', 3500],
    ['一万', 10000],
    ['一万五', 15000],
    ['一万五千', 15000],
    ['一万零五百', 10500],
    ['二十万', 200000],
    ['三千万', 3e7],
    ['一亿', 1e8],
    ['一亿五', 1.5e8],
    ['一亿两千万', 1.2e8],
    ['5万', 50000],
    ['1.5万', 15000],
    ['3千万', 3e7],
    ['1.2亿', 1.2e8],
    ['1万5', 15000],
    ['1万2000', 12000],
    ['10万', 100000],
    ['二零二五', 2025],
    // vague counts and colloquial ranges: the smallest plausible value
    ['两三', 2],
    ['两三万', 20000],
    ['七八千', 7000],
    ['三五', 3],
    ['一两', 1],
    ['几', 2],
    ['几万', 20000],
    ['几十', 20],
    ['十几', 11],
    ['十几万', 110000]
  ] as const)('%s = %d', (text, want) => {
    expect(parseNumeral(text)).toBe(want);
  });

  it('rejects what is not a numeral', () => {
    for (const s of ['', 'abc', '5 5', '万一x', '1,2']) expect(parseNumeral(s)).toBeNull();
  });
});

describe('parseEnglishNumber', () => {
  it.each([
    ['one', 1],
    ['twelve', 12],
    ['twenty-five', 25],
    ['a hundred', 100],
    ['five hundred', 500],
    ['fifty thousand', 50000],
    ['a million', 1e6],
    ['half a million', 5e5],
    ['two million five hundred thousand', 2.5e6],
    ['ten grand', 10000],
    ['a couple', 2],
    ['a few', 2],
    ['several thousand', 2000],
    ['one hundred and fifty', 150]
  ] as const)('%s = %d', (text, want) => {
    expect(parseEnglishNumber(text)).toBe(want);
  });
  it('rejects non-numbers', () => {
    for (const s of ['', 'a', 'fund', 'a fund']) expect(parseEnglishNumber(s)).toBeNull();
  });
});

describe('extractAmount', () => {
  it.each([
    ['5万', 50000, null],
    ['1.5万元', 15000, 'CNY'],
    ['50,000', 50000, null],
    ['$10k', 10000, 'USD'],
    ['100k', 100000, null],
    ['二十万', 200000, null],
    ['两千', 2000, null],
    ['3千万', 3e7, null],
    ['1.2亿', 1.2e8, null],
    ['RMB 8,000', 8000, 'CNY'],
    ['€5k', 5000, 'EUR'],
    ['5000美元', 5000, 'USD'],
    ['2万美金', 20000, 'USD'],
    ['100刀', 100, 'USD'],
    ['£2,500', 2500, 'GBP'],
    ['HK$30,000', 30000, 'HKD'],
    ['US$1,000', 1000, 'USD'],
    ['usd5000', 5000, 'USD'],
    ['5万港币', 50000, 'HKD'],
    ['10万日元', 100000, 'JPY'],
    ['3000 euros', 3000, 'EUR'],
    ['20 grand', 20000, null],
    ['$1.5m', 1.5e6, 'USD'],
    ['€2bn', 2e9, 'EUR'],
    ['1.5 million', 1.5e6, null],
    ['fifty thousand dollars', 50000, 'USD'],
    ['two hundred thousand yuan', 200000, 'CNY'],
    ['5w', 50000, null],
    ['10W块', 100000, 'CNY'],
    ['¥8000', 8000, 'CNY'],
    ['￥8000', 8000, 'CNY'],
    ['５万', 50000, null],
    ['5 万', 50000, null],
    ['10来万', 100000, null],
    ['十多万', 100000, null],
    ['1万多', 10000, null],
    ['500元', 500, 'CNY'],
    ['50块', 50, 'CNY'],
    ['about 800', 800, null],
    // ranges: the lower bound, borrowing the magnitude and currency of the upper half
    ['5-10万', 50000, null],
    ['5到10万元', 50000, 'CNY'],
    ['5万到10万', 50000, null],
    ['100-200k', 100000, null],
    ['$5k-$10k', 5000, 'USD'],
    ['between 5k and 10k', 5000, null],
    ['1.5~2万', 15000, null]
  ] as const)('%s -> %d %s', (text, value, currency) => {
    expect(amount(text)).toEqual({ amount: value, currency });
  });

  it.each([
    '3年',
    '6个月',
    '35岁',
    'I am 35 years old',
    '年化4%',
    '收益率3.5',
    '3个点',
    'R2',
    'C3',
    '401k',
    '401(k)',
    'in 2030',
    '2025年',
    '3 years',
    '12 months',
    '5-year',
    '90天',
    '2倍',
    '一个',
    '十分稳健',
    '千万不要亏',
    '百万医疗险',
    '万一亏了',
    '3x leverage',
    '10kg',
    '6m',
    'T+0',
    '第2名',
    '3月',
    '5%',
    '月收入2万',
    '年薪30万',
    'I make 10k a month',
    '3-5年'
  ])('"%s" is not an amount', (text) => {
    expect(amount(text).amount).toBeNull();
  });

  it('takes the first amount that is money', () => {
    expect(amount('月收入2万，想拿10万理财，每月再存2000').amount).toBe(100000);
    expect(amount('3年 5万').amount).toBe(50000);
    expect(amount('fixed income 50k').amount).toBe(50000);
  });

  it('names the currency even with no amount, and only real currency words', () => {
    expect(amount('美元理财')).toEqual({ amount: null, currency: 'USD' });
    expect(amount('in euros please')).toEqual({ amount: null, currency: 'EUR' });
    expect(findCurrency('多元化')).toBeNull();
    expect(findCurrency('一块儿去')).toBeNull();
    expect(findCurrency('dollar-cost averaging')).toBeNull();
    expect(findCurrency('港币和美元')).toBe('HKD');
  });

  it('never returns a negative, non-finite or absurd amount', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const a = amount(s).amount;
        return a === null || (Number.isFinite(a) && a >= 0);
      })
    );
    expect(amount('9'.repeat(400)).amount).toBeNull();
    expect(amount('13800138000').amount).toBeNull();
  });
});

describe('durations', () => {
  it.each([
    ['3年', 36],
    ['三年', 36],
    ['两年', 24],
    ['十年', 120],
    ['一年半', 18],
    ['两年半', 30],
    ['1.5年', 18],
    ['18个月', 18],
    ['一个半月', 1],
    ['半年', 6],
    ['半个月', 0],
    ['三个月', 3],
    ['两周', 0],
    ['4个星期', 1],
    ['3个星期', 0],
    ['90天', 3],
    ['365天', 12],
    ['两个季度', 6],
    ['6月期', 6],
    ['5年期', 60],
    ['3到5年', 36],
    ['3-5年', 36],
    ['1~2个月', 1],
    ['三五年', 36],
    ['一两年', 12],
    ['几年', 24],
    ['十几年', 132],
    ['3年以上', 36],
    ['一年以内', 12],
    ['不到一年', 12],
    ['一年多', 12],
    ['5 years', 60],
    ['a year', 12],
    ['one year', 12],
    ['18 months', 18],
    ['3-year', 36],
    ['10y', 120],
    ['6mos', 6],
    ['a couple of years', 24],
    ['a few months', 2],
    ['half a year', 6],
    ['one and a half years', 18],
    ['a year and a half', 18],
    ['3 to 5 years', 36],
    ['1-2 years', 12],
    ['between 2 and 4 years', 24],
    ['6 or 12 months', 6],
    ['a decade', 120],
    ['two weeks', 0],
    ['90 days', 3],
    ['5+ years', 60],
    ['twenty years', 240],
    ['100年', 600]
  ] as const)('%s = %d months', (text, want) => {
    expect(horizon(text)).toEqual([want]);
  });

  it.each([
    '2030年',
    '35岁',
    '35 years old',
    '3年前',
    '3 years ago',
    '近3年',
    '过去5年',
    'the past 5 years',
    'last 3 years',
    '3周年',
    '三年级',
    '3月',
    'any year',
    'many years',
    'yearly',
    '5%'
  ])('"%s" is not a duration', (text) => {
    expect(horizon(text)).toEqual([]);
  });

  it('counts as written', () => {
    expect(durationCount('a')).toBe(1);
    expect(durationCount('half a')).toBe(0.5);
    expect(durationCount('a couple of')).toBe(2);
    expect(durationCount('twenty-five')).toBe(25);
    expect(durationCount('十二')).toBe(12);
  });
});
