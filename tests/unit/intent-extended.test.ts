import { describe, expect, it } from 'vitest';
import { IntentSchema, type Intent } from '../../src/lib/domain/intent';
import { describeIntent, intentNotes, MAX_INPUT, parseIntent } from '../../src/lib/intent/index';

/**
 * The Intent's extension (issue 12): subtypes, refused kinds, fees, a stated age, a target return,
 * what was said outright (`hard`), and the unrealistic / understood / truncated flags. Hand-written
 * cases in both languages; each names only the fields that matter for it, and `hard` is compared
 * as a set, exactly (what is missing from it was implied).
 */
type Case = readonly [string, Partial<Intent>];

const CASES: readonly Case[] = [
  // ---- subtypes, zh ---------------------------------------------------------------------------------
  ['给35岁的自己买份重疾险', { kinds: ['insurance'], subtypes: ['insurance/critical_illness'], age: 35, hard: ['kinds', 'subtypes', 'age'] }],
  ['百万医疗险', { kinds: ['insurance'], subtypes: ['insurance/medical'], hard: ['kinds', 'subtypes'] }],
  ['指数基金定投', { kinds: ['fund'], subtypes: ['fund/index'], goals: ['growth'], hard: ['kinds', 'subtypes'] }],
  ['有没有ESG基金', { kinds: ['fund'], subtypes: ['fund/esg'], hard: ['kinds', 'subtypes'] }],
  ['QDII基金有推荐吗', { kinds: ['fund'], subtypes: ['fund/qdii'], hard: ['kinds', 'subtypes'] }],
  ['想买大额存单', { kinds: ['deposit'], subtypes: ['deposit/large_cd'], hard: ['kinds', 'subtypes'] }],
  ['装修贷款', { kinds: ['loan'], subtypes: ['loan/renovation'], goals: [], hard: ['kinds', 'subtypes'] }],
  ['我要借20万装修房子', { kinds: ['loan'], subtypes: ['loan/renovation'], amount: 200000, hard: ['kinds', 'subtypes', 'amount'] }],
  ['房贷利率多少', { kinds: ['loan'], subtypes: ['loan/mortgage'], goals: ['home'] }],
  ['储蓄国债', { kinds: ['bond'], subtypes: ['bond/treasury'] }],
  ['货币基金', { kinds: ['fund'], subtypes: ['fund/money_market'], liquidity: 'high', hard: ['kinds', 'subtypes', 'liquidity'] }],
  ['旅行信用卡', { kinds: ['credit_card'], subtypes: ['credit_card/travel'], goals: ['travel'] }],
  ['定期存款三年', { kinds: ['deposit'], subtypes: ['deposit/time'], horizonMonths: 36, liquidity: 'low', hard: ['kinds', 'subtypes', 'horizonMonths'] }],
  // ---- subtypes, en ---------------------------------------------------------------------------------
  ['critical illness insurance for my family', { kinds: ['insurance'], subtypes: ['insurance/critical_illness'] }],
  ['medical insurance', { kinds: ['insurance'], subtypes: ['insurance/medical'] }],
  ['an index fund', { kinds: ['fund'], subtypes: ['fund/index'], hard: ['kinds', 'subtypes'] }],
  // ESG names a theme: said outright, while the fund kind is only implied
  ['ESG', { kinds: ['fund'], subtypes: ['fund/esg'], hard: ['subtypes'] }],
  ['a large-denomination CD', { kinds: ['deposit'], subtypes: ['deposit/large_cd'] }],
  ['renovation loan', { kinds: ['loan'], subtypes: ['loan/renovation'], goals: [] }],
  ['a loan to renovate my kitchen', { kinds: ['loan'], subtypes: ['loan/renovation'], goals: [], hard: ['kinds', 'subtypes'] }],
  ['looking for a mortgage', { kinds: ['loan'], subtypes: ['loan/mortgage'], goals: ['home'] }],
  ['travel card', { kinds: ['credit_card'], subtypes: ['credit_card/travel'] }],
  ['qdii fund in USD', { kinds: ['fund'], subtypes: ['fund/qdii'], currency: 'USD', hard: ['kinds', 'subtypes', 'currency'] }],
  // ---- fees -------------------------------------------------------------------------------------------
  [
    'travel credit card with no annual fee',
    { kinds: ['credit_card'], subtypes: ['credit_card/travel'], fees: ['no_annual_fee'], hard: ['kinds', 'subtypes', 'fees'] }
  ],
  ['免年费的信用卡', { kinds: ['credit_card'], fees: ['no_annual_fee'], hard: ['kinds', 'fees'] }],
  // no annual fee alone implies a card: the fee is said, the kind implied
  ['免年费', { kinds: ['credit_card'], fees: ['no_annual_fee'], hard: ['fees'] }],
  ['no annual fee', { kinds: ['credit_card'], fees: ['no_annual_fee'], hard: ['fees'] }],
  ['不要年费的信用卡', { kinds: ['credit_card'], fees: ['no_annual_fee'], excludedKinds: [] }],
  ['没有年费', { kinds: ['credit_card'], fees: ['no_annual_fee'], hard: ['fees'] }],
  ['looking for a no-fee card for travel', { kinds: ['credit_card'], goals: ['travel'], fees: ['no_annual_fee'] }],
  ['低费率的指数基金', { kinds: ['fund'], subtypes: ['fund/index'], fees: ['low_fees'], hard: ['kinds', 'subtypes', 'fees'] }],
  ['手续费低的基金', { kinds: ['fund'], fees: ['low_fees'] }],
  ['funds with low fees', { kinds: ['fund'], fees: ['low_fees'] }],
  ['a low-cost index fund', { kinds: ['fund'], subtypes: ['fund/index'], fees: ['low_fees'] }],
  ['境外消费免手续费的卡', { kinds: ['credit_card'], goals: ['travel'], fees: ['no_fx_fee'] }],
  ['travel credit card with no foreign transaction fees', { kinds: ['credit_card'], subtypes: ['credit_card/travel'], fees: ['no_fx_fee'] }],
  ['不想交手续费的基金', { kinds: ['fund'], fees: ['low_fees'] }],
  // ---- currency: named is said, a symbol or unit on an amount only counts the amount ----------------
  ['美元理财', { kinds: ['wealth'], currency: 'USD', hard: ['kinds', 'currency'] }],
  ['5万美元定期存款', { amount: 50000, currency: 'USD', hard: ['kinds', 'subtypes', 'amount', 'currency'] }],
  ['港币存款', { kinds: ['deposit'], currency: 'HKD', hard: ['kinds', 'currency'] }],
  ['a deposit in US dollars', { kinds: ['deposit'], currency: 'USD', hard: ['kinds', 'currency'] }],
  ['USD', { currency: 'USD', hard: ['currency'], understood: true }],
  ['5万元的大额存单', { amount: 50000, currency: 'CNY', hard: ['kinds', 'subtypes', 'amount'] }],
  ['$10k in a savings account', { kinds: ['deposit'], amount: 10000, currency: 'USD', hard: ['kinds', 'amount'] }],
  // ---- term, liquidity, amount: numbers are said, words implied ------------------------------------
  ['长期投资', { horizonMonths: 60, hard: [] }],
  ['一年期的低风险理财', { horizonMonths: 12, risk: 'low', kinds: ['wealth'], hard: ['kinds', 'risk', 'horizonMonths'] }],
  ['随时可取的理财，5万', { liquidity: 'high', amount: 50000, hard: ['kinds', 'liquidity', 'amount'] }],
  ['定期', { liquidity: 'low', hard: [] }],
  ['I can lock it up for 3 years', { liquidity: 'low', horizonMonths: 36, hard: ['liquidity', 'horizonMonths'] }],
  // a return wish implies an appetite for risk; it does not say it
  ['我想投资一个高收益的理财产品', { risk: 'high', hard: ['kinds'] }],
  ['aggressive growth fund', { risk: 'high', subtypes: ['fund/equity'], hard: ['kinds', 'subtypes', 'risk'] }],
  // ---- refusals ---------------------------------------------------------------------------------------
  ['不要保险，要基金', { kinds: ['fund'], excludedKinds: ['insurance'], hard: ['kinds', 'excludedKinds'] }],
  ['no insurance, just a fund', { kinds: ['fund'], excludedKinds: ['insurance'] }],
  // ---- an age stated ---------------------------------------------------------------------------------
  ['我今年35，想买保险', { age: 35, kinds: ['insurance'] }],
  ['三十多岁，想买重疾险', { age: 30 }],
  ['我35岁，想60岁退休', { age: 35, goals: ['retirement'] }],
  ['60岁退休以后的养老钱', { age: null }],
  ['给孩子买教育金，孩子5岁', { age: 5, subtypes: ['insurance/education'] }],
  ["I'm 35 and want critical illness cover", { age: 35, subtypes: ['insurance/critical_illness'] }],
  ['35 years old, looking for term life insurance', { age: 35, subtypes: ['insurance/term_life'] }],
  ['a 42-year-old looking for an annuity', { age: 42, subtypes: ['insurance/annuity'] }],
  ['I want to retire at 60', { age: null }],
  ["I'm 5 years from retirement", { age: null }],
  ['aged 28, first credit card', { age: 28, kinds: ['credit_card'] }],
  // ---- a target return, and requests no product can meet --------------------------------------------
  ['年化4%以上的理财', { targetReturn: 4, unrealistic: false }],
  // "a year" after a percentage is a rate, not a horizon
  ['a deposit paying 3% a year', { targetReturn: 3, unrealistic: false, horizonMonths: null }],
  ['a safe investment that returns 25% a year', { risk: 'low', targetReturn: 25, unrealistic: true, horizonMonths: null }],
  ['零风险 年化20%', { risk: 'low', targetReturn: 20, unrealistic: true }],
  ['no risk but double my money in a year', { risk: 'low', targetReturn: 100, unrealistic: true }],
  ['保本又高收益的产品', { unrealistic: true }],
  ['risk-free investment with high returns', { unrealistic: true }],
  ['一年翻倍的基金', { targetReturn: 100, unrealistic: true }],
  ['稳健的理财，年化15%', { risk: 'low', targetReturn: 15, unrealistic: true }],
  ['稳健 高收益', { risk: 'low', unrealistic: false }],
  ['股票基金，十年翻倍', { targetReturn: 7.2, unrealistic: false }],
  ['利率3%的贷款', { targetReturn: null, unrealistic: false }],
  ['低风险理财', { unrealistic: false, targetReturn: null }],
  // ---- requests Candor cannot read ------------------------------------------------------------------
  ['', { understood: false }],
  ['🙂🙂🙂', { understood: false, hard: [] }],
  ['asdkjh qwe zxcv', { understood: false }],
  ['啊啊啊啊', { understood: false }],
  ['？？？', { understood: false }],
  ['你好', { understood: false }],
  ['随存随取', { understood: true }],
  ['5万', { understood: true, amount: 50000 }]
];

const sorted = <T>(xs: readonly T[]): T[] => [...xs].sort();

describe('parseIntent: the extension, by hand', () => {
  it.each(CASES)('%s', (text, want) => {
    const got = parseIntent(text);
    expect(IntentSchema.strict().safeParse(got).success).toBe(true);
    const view: Record<string, unknown> = {};
    const exp: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(want)) {
      const g = got[key as keyof Intent];
      view[key] = Array.isArray(g) ? sorted(g) : g;
      exp[key] = Array.isArray(value) ? sorted(value) : value;
    }
    expect(view).toEqual(exp);
  });

  it('always fills the extension, and every subtype brings its kind', () => {
    for (const [text] of CASES) {
      const got = parseIntent(text);
      for (const key of ['subtypes', 'excludedKinds', 'fees', 'hard'] as const) expect(Array.isArray(got[key])).toBe(true);
      for (const s of got.subtypes ?? []) expect(got.kinds).toContain(s.split('/')[0]);
    }
  });

  it('says when a request was cut for length', () => {
    expect(parseIntent('稳健的基金'.repeat(10)).truncated).toBe(false);
    const long = parseIntent(`${'稳'.repeat(MAX_INPUT)}基金`);
    expect(long.truncated).toBe(true);
    expect(long.kinds).toEqual([]); // the part after the cut is not read
  });
});

describe('describeIntent and intentNotes for the extension', () => {
  it('names subtypes instead of their kind, then fees, a currency, an age and a return', () => {
    const card = parseIntent('travel credit card with no annual fee');
    expect(describeIntent(card, 'en')).toBe('travel card, travel, no annual fee');
    expect(describeIntent(card, 'zh-CN')).toBe('旅行信用卡 · 旅行 · 免年费');
    const ci = parseIntent('给35岁的自己买份重疾险');
    expect(describeIntent(ci, 'zh-CN')).toBe('重疾险 · 保障 · 35岁');
    expect(describeIntent(ci, 'en')).toBe('critical illness insurance, protection, age 35');
    expect(describeIntent(parseIntent('美元理财'), 'zh-CN')).toBe('理财产品 · 美元');
    expect(describeIntent(parseIntent('不要保险，要基金'), 'en')).toBe('fund, no insurance');
    expect(describeIntent(parseIntent('年化4%以上的理财'), 'zh-CN')).toBe('理财产品 · 年化4%');
    expect(describeIntent(parseIntent('装修贷款'), 'zh-CN')).toBe('装修贷');
  });

  it('says a request could not be read, rather than "no specific preferences"', () => {
    expect(describeIntent(parseIntent('🙂🙂🙂'), 'zh-CN')).toBe('没能读懂这个请求');
    expect(describeIntent(parseIntent('asdkjh'), 'en')).toBe('could not read this request');
    const notes = intentNotes(parseIntent('🙂🙂🙂'), 'zh-CN');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^没能读懂这个请求。可以这样问：“一年期的低风险理财”/);
    // the examples offered are themselves understood
    expect(intentNotes(parseIntent('asdkjh'), 'en')[0]).toMatch(/^Candor could not read this request\. Try, for example: "/);
  });

  it('gives an honest line for an unrealistic request and for a cut one, in both languages', () => {
    expect(intentNotes(parseIntent('no risk but double my money in a year'), 'en')).toEqual([
      'No product can do that: higher returns come with higher risk, and a promise of both is a common sign of fraud. Below are the nearest to what you asked.'
    ]);
    expect(intentNotes(parseIntent('零风险 年化20%'), 'zh-CN')[0]).toMatch(/^没有产品能做到：收益越高，风险越大/);
    const cut = parseIntent('x'.repeat(MAX_INPUT + 1));
    expect(intentNotes(cut, 'en')[0]).toBe(`Your request was long: only its first ${MAX_INPUT} characters were read.`);
    expect(intentNotes(cut, 'zh-CN')[0]).toBe(`请求太长，只读了前${MAX_INPUT}个字。`);
    expect(intentNotes(parseIntent('一年期的低风险理财'), 'zh-CN')).toEqual([]);
  });
});
