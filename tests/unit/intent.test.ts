import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntentSchema, type Intent } from '../../src/lib/domain/intent';
import { analyseIntent, describeIntent, LEXICON, LEXICON_DUPLICATES, MAX_INPUT, parseIntent } from '../../src/lib/intent/index';

/**
 * Table-driven: each request with the fields that matter for it. kinds and goals are compared as
 * sets (their order is the order of first mention, not part of the contract); every result must
 * also validate against IntentSchema.
 */
type Expect = Partial<Intent>;
type Case = readonly [string, Expect];

const CASES: readonly Case[] = [
  // ---- the two canonical examples (docs/contracts.md, "Intent") -------------------------------
  ['我想投资一个高收益的理财产品', { kinds: ['wealth'], risk: 'high', goals: ['growth'], liquidity: null, horizonMonths: null, amount: null, language: 'zh' }],
  ['a low-risk fund I can withdraw anytime', { kinds: ['fund'], risk: 'low', liquidity: 'high', goals: [], language: 'en' }],

  // ---- kinds and jargon, zh -------------------------------------------------------------------
  ['想买大额存单', { kinds: ['deposit'] }],
  ['有没有好一点的货基', { kinds: ['fund'], liquidity: 'high' }],
  ['余额宝那种的', { kinds: ['fund'], liquidity: 'high' }],
  ['每个月定投一点基金', { kinds: ['fund'], goals: ['growth'] }],
  ['给爸妈买份重疾险', { kinds: ['insurance'], goals: ['protection'] }],
  ['QDII基金有推荐吗', { kinds: ['fund'] }],
  ['国债怎么买', { kinds: ['bond'] }],
  ['银行理财', { kinds: ['wealth'] }],
  ['办一张信用卡', { kinds: ['credit_card'] }],
  ['房贷利率多少', { kinds: ['loan'], goals: ['home'] }],
  ['想办个车贷', { kinds: ['loan'], goals: [] }],
  ['孩子明年出国留学，要准备学费', { goals: ['education'], horizonMonths: 12 }],
  ['子女教育金', { kinds: ['insurance'], goals: ['education'] }],
  ['给自己存点养老钱', { goals: ['retirement'] }],
  ['想出国旅游，有没有适合的信用卡', { kinds: ['credit_card'], goals: ['travel'] }],
  ['返现多的信用卡', { kinds: ['credit_card'], goals: ['cashback'] }],
  ['定期存款三年', { kinds: ['deposit'], horizonMonths: 36, liquidity: 'low' }],
  ['活期存款', { kinds: ['deposit'], liquidity: 'high' }],
  ['储蓄国债', { kinds: ['bond'] }],
  ['年金险', { kinds: ['insurance'], goals: ['retirement'] }],
  ['指数基金定投', { kinds: ['fund'], goals: ['growth'] }],
  ['债券基金', { kinds: ['fund'] }],
  ['可转债', { kinds: ['bond'] }],
  ['百万医疗险', { kinds: ['insurance'], goals: ['protection'], amount: null }],
  ['意外险和寿险', { kinds: ['insurance'], goals: ['protection'] }],
  ['结构性存款', { kinds: ['deposit'] }],
  ['现金管理类理财', { kinds: ['wealth'], liquidity: 'high' }],
  ['零钱通和余额宝哪个好', { kinds: ['fund'], liquidity: 'high' }],
  ['消费贷', { kinds: ['loan'] }],
  ['公积金贷款买房', { kinds: ['loan'], goals: ['home'] }],
  ['养老目标基金', { kinds: ['fund'], goals: ['retirement'] }],
  ['个人养老金', { goals: ['retirement'] }],
  ['首付还差一点，想借钱', { kinds: ['loan'], goals: ['home'] }],
  // renovating is not buying a home (issue 12): a renovation loan, no home-buying goal
  ['装修贷', { kinds: ['loan'], goals: [], subtypes: ['loan/renovation'] }],
  ['境外消费免手续费的卡', { kinds: ['credit_card'], goals: ['travel'] }],
  ['积分能换机票的信用卡', { kinds: ['credit_card'], goals: ['cashback', 'travel'] }],
  ['固收+产品', { kinds: ['wealth'], goals: ['income'], risk: 'medium' }],
  ['逆回购', { kinds: ['bond'], liquidity: 'high' }],

  // ---- kinds and jargon, en -------------------------------------------------------------------
  ['best CD rates for 12 months', { kinds: ['deposit'], horizonMonths: 12 }],
  ['an annuity for my retirement', { kinds: ['insurance'], goals: ['retirement'] }],
  ['looking for a mortgage', { kinds: ['loan'], goals: ['home'] }],
  ['car loan with low apr', { kinds: ['loan'] }],
  ['critical illness insurance for my family', { kinds: ['insurance'], goals: ['protection'] }],
  ['a credit card with cashback', { kinds: ['credit_card'], goals: ['cashback'] }],
  ['travel credit card with no foreign transaction fees', { kinds: ['credit_card'], goals: ['travel'] }],
  ['government bonds', { kinds: ['bond'] }],
  ['treasury bills', { kinds: ['bond'] }],
  ['money market fund', { kinds: ['fund'], liquidity: 'high' }],
  ['index funds and ETFs', { kinds: ['fund'] }],
  ['wealth management products', { kinds: ['wealth'] }],
  ['a savings account', { kinds: ['deposit'] }],
  ['dollar-cost averaging into an index fund', { kinds: ['fund'], goals: ['growth'], currency: null }],
  ['student loan for university', { kinds: ['loan'], goals: ['education'] }],
  ['term life insurance', { kinds: ['insurance'], goals: ['protection'] }],
  ['a card with no annual fee', { kinds: ['credit_card'] }],
  ['time deposit', { kinds: ['deposit'], liquidity: 'low' }],
  ['save for my kids college', { goals: ['education'] }],
  ['emergency fund', { kinds: [], liquidity: 'high' }],
  ['rewards points card', { kinds: ['credit_card'], goals: ['cashback'] }],
  ['I need a personal loan', { kinds: ['loan'] }],
  ['something for a down payment on a house', { goals: ['home'] }],
  ['fixed income', { goals: ['income'] }],
  ['dividend stocks', { goals: ['income', 'growth'], risk: 'high' }],

  // ---- risk words --------------------------------------------------------------------------------
  ['稳健的理财', { kinds: ['wealth'], risk: 'low' }],
  ['保本的产品', { risk: 'low', goals: ['preservation'] }],
  ['低风险', { risk: 'low' }],
  ['我是保守型投资者', { risk: 'low' }],
  ['安全第一', { risk: 'low' }],
  ['求稳', { risk: 'low' }],
  ['平衡型基金', { kinds: ['fund'], risk: 'medium' }],
  ['中等风险可以接受', { risk: 'medium' }],
  ['激进一点的基金', { kinds: ['fund'], risk: 'high' }],
  ['我风险承受能力比较强', { risk: 'high' }],
  ['风险承受能力强', { risk: 'high' }],
  ['进取型', { risk: 'high' }],
  ['高风险高收益的', { risk: 'high', goals: ['growth'] }],
  ['中高风险也行', { risk: 'high' }],
  ['中低风险的理财', { risk: 'low', kinds: ['wealth'] }],
  ['R2以下的产品', { risk: 'low' }],
  ['safe investments', { risk: 'low' }],
  ['I am a conservative investor', { risk: 'low' }],
  ['something moderate', { risk: 'medium' }],
  ['a balanced portfolio', { risk: 'medium' }],
  ['aggressive growth fund', { kinds: ['fund'], risk: 'high', goals: ['growth'] }],
  ['high return investments', { risk: 'high', goals: ['growth'] }],
  ['risk-free', { risk: 'low' }],
  ["I'm risk averse", { risk: 'low' }],
  ['I can take some risk', { risk: 'medium' }],
  ['I like taking risks', { risk: 'high' }],
  ['something speculative', { risk: 'high' }],

  // ---- conflicting risk words: explicit beats implied; a tie goes to the conservative reading ---
  ['稳健 高收益', { risk: 'low', goals: ['growth'] }],
  ['低风险高收益的基金', { risk: 'low', kinds: ['fund'], goals: ['growth'] }],
  ['high return but low risk', { risk: 'low', goals: ['growth'] }],
  ['稳健又激进', { risk: 'low' }],
  ['safe but aggressive', { risk: 'low' }],
  ['收益高一点，风险中等', { risk: 'medium', goals: ['growth'] }],
  ['股票基金，但要稳健', { risk: 'low', kinds: ['fund'] }],

  // ---- negation ----------------------------------------------------------------------------------
  ['不想亏钱', { risk: 'low' }],
  ['不要股票', { risk: 'low', kinds: [] }],
  ["don't want to lock my money", { liquidity: 'high' }],
  ['no insurance', { kinds: [] }],
  ['no insurance, just a fund', { kinds: ['fund'] }],
  ['不要保险，要基金', { kinds: ['fund'] }],
  ['不要股票要基金', { kinds: ['fund'], risk: 'low' }],
  ['我想要基金不要股票', { kinds: ['fund'], risk: 'low' }],
  ['股票、基金都不要，存款就好', { kinds: ['deposit'], risk: 'low' }],
  ['保险就算了', { kinds: [] }],
  ['对保险不感兴趣', { kinds: [] }],
  ['不想把钱锁死', { liquidity: 'high' }],
  ['不需要随时取', { liquidity: 'low' }],
  ['流动性无所谓', { liquidity: 'low' }],
  ['不怕风险', { risk: 'high' }],
  ['风险无所谓，收益要高', { risk: 'high', goals: ['growth'] }],
  ['能接受一定风险', { risk: 'medium' }],
  ['亏一点也没事', { risk: 'medium' }],
  ['怕亏本', { risk: 'low' }],
  ['亏不起', { risk: 'low' }],
  ['没有风险的', { risk: 'low' }],
  ['不要太激进', { risk: 'medium' }],
  ['风险不要太高', { risk: 'medium' }],
  ['没有保险，想买一份重疾险', { kinds: ['insurance'], goals: ['protection'] }],
  ['除了保险都行', { kinds: [] }],
  ['不买股票，也不买基金', { kinds: [], risk: 'low' }],
  ['I never want to lose money', { risk: 'low' }],
  ["I can't afford to lose anything", { risk: 'low' }],
  ['nothing risky', { risk: 'low' }],
  ['not too risky', { risk: 'medium' }],
  ["I don't mind risk", { risk: 'high' }],
  ["I'm ok with some volatility", { risk: 'medium' }],
  ['avoid stocks', { risk: 'low' }],
  ['no stocks or bonds', { kinds: [], risk: 'low' }],
  ['a fund, not insurance', { kinds: ['fund'] }],
  ['no lock-in period please', { liquidity: 'high' }],
  ["I won't need the money for years", { liquidity: 'low', horizonMonths: 60 }],
  ["I don't need to withdraw early", { liquidity: 'low' }],
  ['without any risk', { risk: 'low' }],
  ['不超过三年的理财', { kinds: ['wealth'], horizonMonths: 36 }],
  ['不错的基金', { kinds: ['fund'] }],
  ['我不知道买基金还是买理财', { kinds: ['fund', 'wealth'] }],
  ['千万不要亏', { risk: 'low', amount: null }],
  ['非常稳健的产品', { risk: 'low' }],
  ['不敢冒险', { risk: 'low' }],

  // ---- liquidity ---------------------------------------------------------------------------------
  ['随时可以取出来的', { liquidity: 'high' }],
  ['灵活存取', { liquidity: 'high' }],
  ['这笔钱是应急用的', { liquidity: 'high' }],
  ['闲钱，三年内用不到', { liquidity: 'low', horizonMonths: 36 }],
  ['可以锁定五年', { liquidity: 'low', horizonMonths: 60 }],
  ['流动性要好', { liquidity: 'high' }],
  ['流动性一般就行', { liquidity: 'medium' }],
  ['I need flexible access to my money', { liquidity: 'high' }],
  ['money I can get at any time', { liquidity: 'high' }],
  ["I'm fine locking it up for a while", { liquidity: 'low' }],
  ['灵活的，但也能锁定一段时间', { liquidity: 'high' }],
  ['T+0赎回的货币基金', { liquidity: 'high', kinds: ['fund'] }],

  // ---- horizons: numbers, ranges, bounds, words ------------------------------------------------------
  ['3 to 5 years', { horizonMonths: 36 }],
  ['3-5年', { horizonMonths: 36 }],
  ['三到五年', { horizonMonths: 36 }],
  ['三五年不用的钱', { horizonMonths: 36 }],
  ['一两年', { horizonMonths: 12 }],
  ['一年以内', { horizonMonths: 12 }],
  ['半年', { horizonMonths: 6 }],
  ['三个月', { horizonMonths: 3 }],
  ['一年半', { horizonMonths: 18 }],
  ['18个月', { horizonMonths: 18 }],
  ['两周后要用', { horizonMonths: 0 }],
  ['90天', { horizonMonths: 3 }],
  ['五年期的大额存单', { horizonMonths: 60, kinds: ['deposit'] }],
  ['十年以上', { horizonMonths: 120 }],
  ['几年', { horizonMonths: 24 }],
  ['长期持有', { horizonMonths: 60 }],
  ['长期持有3年', { horizonMonths: 36 }],
  ['短期理财', { horizonMonths: 12, kinds: ['wealth'] }],
  ['中长期', { horizonMonths: 36 }],
  ['10年后退休，3年后可能要买房', { horizonMonths: 36, goals: ['retirement', 'home'] }],
  ['近3年收益率高的基金', { horizonMonths: null, kinds: ['fund'] }],
  ['我今年35岁', { horizonMonths: null, amount: null }],
  ['2030年退休', { horizonMonths: null, goals: ['retirement'] }],
  ['long term', { horizonMonths: 60 }],
  ['short term', { horizonMonths: 12 }],
  ['within a year', { horizonMonths: 12 }],
  ['at least 3 years', { horizonMonths: 36 }],
  ['a couple of years', { horizonMonths: 24 }],
  ['one and a half years', { horizonMonths: 18 }],
  ['a year and a half', { horizonMonths: 18 }],
  ['between 2 and 4 years', { horizonMonths: 24 }],
  ['6 months', { horizonMonths: 6 }],
  ['a 5-year CD', { horizonMonths: 60, kinds: ['deposit'] }],
  ['for a decade', { horizonMonths: 120 }],
  ['I am 35 years old', { horizonMonths: null, amount: null }],
  ['returns over the past 5 years', { horizonMonths: null }],
  ['next year', { horizonMonths: 12 }],
  ['any year is fine', { horizonMonths: null }],

  // ---- amounts and currencies -------------------------------------------------------------------------
  ['5万', { amount: 50000, currency: null }],
  ['1.5万元', { amount: 15000, currency: 'CNY' }],
  ['50,000', { amount: 50000 }],
  ['$10k', { amount: 10000, currency: 'USD' }],
  ['100k', { amount: 100000 }],
  ['二十万', { amount: 200000 }],
  ['两千', { amount: 2000 }],
  ['3千万', { amount: 30000000 }],
  ['1.2亿', { amount: 120000000 }],
  ['RMB 8,000', { amount: 8000, currency: 'CNY' }],
  ['€5k', { amount: 5000, currency: 'EUR' }],
  ['1万美元', { amount: 10000, currency: 'USD' }],
  ['5000美金', { amount: 5000, currency: 'USD' }],
  ['一万五', { amount: 15000 }],
  ['1万5', { amount: 15000 }],
  ['两三万', { amount: 20000 }],
  ['5-10万', { amount: 50000 }],
  ['5万到10万', { amount: 50000 }],
  ['十几万', { amount: 110000 }],
  ['100块', { amount: 100, currency: 'CNY' }],
  ['fifty thousand dollars', { amount: 50000, currency: 'USD' }],
  ['half a million', { amount: 500000 }],
  ['10 grand', { amount: 10000 }],
  ['$1.5m', { amount: 1500000, currency: 'USD' }],
  ['5w块', { amount: 50000, currency: 'CNY' }],
  ['月收入2万，想拿10万理财', { amount: 100000, kinds: ['wealth'] }],
  ['年化4%以上的理财', { amount: null, kinds: ['wealth'] }],
  ['美元理财', { currency: 'USD', amount: null, kinds: ['wealth'] }],
  ['港币存款', { currency: 'HKD', kinds: ['deposit'] }],
  ['I have 20000 euros', { amount: 20000, currency: 'EUR' }],
  ['£3,000 in savings', { amount: 3000, currency: 'GBP', kinds: ['deposit'] }],
  ['¥50000', { amount: 50000, currency: 'CNY' }],
  ['a 401k plan', { amount: null, goals: ['retirement'] }],
  ['R2 products', { amount: null, risk: 'low' }],
  ['多元化配置', { currency: null }],
  ['in 2030', { amount: null }],

  // ---- mixed languages, colloquial --------------------------------------------------------------------
  ['想买个 low-risk 的 fund', { kinds: ['fund'], risk: 'low', language: 'zh' }],
  ['QDII 基金 5万 USD', { kinds: ['fund'], amount: 50000, currency: 'USD', language: 'zh' }],
  ['我有20万闲钱，想找个稳一点的，一年内可能要用', { amount: 200000, risk: 'low', horizonMonths: 12 }],
  ['手头有5万块，想存一年定期', { amount: 50000, currency: 'CNY', horizonMonths: 12, liquidity: 'low' }],
  ['帮我推荐个理财，稳稳的就行，钱随时可能要用', { kinds: ['wealth'], risk: 'low', liquidity: 'high' }],
  ['老婆说别买基金了，存银行吧', { kinds: ['deposit'] }],
  ['想给娃攒点上大学的钱，还有十年', { goals: ['education'], horizonMonths: 120 }],
  ['退休了，想要每月有点收入', { goals: ['retirement', 'income'] }],
  ['有没有那种买了能随时卖的基金', { kinds: ['fund'], liquidity: 'high' }],
  ['want something like a CD but more flexible', { kinds: ['deposit'], liquidity: 'high' }],
  ['Got 100k sitting in my checking, what should I do', { amount: 100000 }],
  ["I'm saving up for a trip to Japan next year, about $3,000", { goals: ['travel'], amount: 3000, currency: 'USD', horizonMonths: 12 }],
  ['need cash fast, maybe a loan', { kinds: ['loan'] }],
  ['want to grow my money over 10 years, ok with ups and downs', { goals: ['growth'], horizonMonths: 120 }],
  ['我想 invest 10万 in 美股基金', { kinds: ['fund'], amount: 100000, risk: 'high' }],
  ['low risk 理财 一年期', { kinds: ['wealth'], risk: 'low', horizonMonths: 12 }],
  ['穩健的理財產品', { kinds: ['wealth'], risk: 'low', language: 'zh' }],
  ['５万元的大额存单', { kinds: ['deposit'], amount: 50000, currency: 'CNY' }],
  ['LOW RISK FUND', { kinds: ['fund'], risk: 'low', language: 'en' }],
  ["hi, i'm 28, make 8k a month, want to start investing 2k monthly in an index fund for the long term", { kinds: ['fund'], amount: 2000, horizonMonths: 60 }],
  ['我要借20万装修', { kinds: ['loan'], goals: [], subtypes: ['loan/renovation'], amount: 200000 }],
  ['没什么风险承受能力', { risk: 'low' }],
  ['手上有10来万，半年内用不到', { amount: 100000, horizonMonths: 6, liquidity: 'low' }],
  ['looking for a no-fee card for travel', { kinds: ['credit_card'], goals: ['travel'] }],
  ['最近股市不好，想买点债券基金避险', { kinds: ['fund'], risk: 'low', goals: [] }],
  ["I have about 30k I won't touch for 5+ years", { amount: 30000, horizonMonths: 60, liquidity: 'low' }],
  ['能不能推荐一款随存随取的产品', { liquidity: 'high' }],
  ['给我来个年化高点的，不要基金，不要股票，存款也行', { kinds: ['deposit'], risk: 'low' }],
  ['利率高一点的定期', { goals: ['income'], liquidity: 'low', risk: null }],
  ['wife says no more crypto lol, something boring please', { risk: 'low' }],
  ['我没有买过基金，想试试', { kinds: ['fund'] }],
  ['not sure if I should buy insurance or a fund', { kinds: ['insurance', 'fund'] }],
  ['我不想要高风险的', { risk: 'medium' }],
  ['I want low risk, not high risk', { risk: 'low' }],

  // ---- nothing to read -------------------------------------------------------------------------------------
  ['', { kinds: [], risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, goals: [], language: 'en' }],
  ['你好', { kinds: [], risk: null, goals: [], language: 'zh' }],
  ['hello there', { kinds: [], risk: null, goals: [], language: 'en' }],
  ['🙂🙂🙂', { kinds: [], language: 'en' }],
  ['？？？', { kinds: [], language: 'en' }]
];

const sorted = <T>(xs: readonly T[]): T[] => [...xs].sort();

describe('parseIntent: table', () => {
  it('has at least 150 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CASES)('%s', (text, want) => {
    const got = parseIntent(text);
    expect(IntentSchema.safeParse(got).success).toBe(true);
    const view: Record<string, unknown> = {};
    const exp: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(want)) {
      const k = key as keyof Intent;
      const g = got[k];
      view[key] = Array.isArray(g) ? sorted(g) : g;
      exp[key] = Array.isArray(value) ? sorted(value) : value;
    }
    expect(view).toEqual(exp);
  });
});

describe('parseIntent: contract', () => {
  it('returns exactly the contract keys, in a JSON-safe shape', () => {
    const got = parseIntent('稳健的基金，5万，一年');
    // the contract's eight keys first, then the extension (all optional in the schema, always filled here)
    expect(Object.keys(got).slice(0, 8).sort()).toEqual(['amount', 'currency', 'goals', 'horizonMonths', 'kinds', 'language', 'liquidity', 'risk']);
    expect(Object.keys(got).slice(8).sort()).toEqual([
      'age',
      'excludedKinds',
      'fees',
      'hard',
      'subtypes',
      'targetReturn',
      'truncated',
      'understood',
      'unrealistic'
    ]);
    expect(JSON.parse(JSON.stringify(got))).toEqual(got);
  });

  it('keeps the order of first mention for kinds and goals, without duplicates', () => {
    expect(parseIntent('基金，债券，还有基金').kinds).toEqual(['fund', 'bond']);
    expect(parseIntent('retirement and travel and retirement').goals).toEqual(['retirement', 'travel']);
  });

  it('a kind asked for positively wins over the same kind refused elsewhere', () => {
    expect(parseIntent('不要股票型基金，要债券基金').kinds).toEqual(['fund']);
  });

  it('reports refused kinds and goals in the analysis', () => {
    const a = analyseIntent('no insurance, just a fund');
    expect(a.excludedKinds).toEqual(['insurance']);
    expect(a.intent.kinds).toEqual(['fund']);
    expect(a.terms.map((t) => t.polarity)).toContain('neg');
  });

  it('does not throw on non-string input from untyped callers', () => {
    const bad = [undefined, null, 42, {}, []] as unknown as string[];
    for (const b of bad) expect(IntentSchema.safeParse(parseIntent(b)).success).toBe(true);
  });

  it('reads only the first MAX_INPUT characters of a huge input', () => {
    // what lies past MAX_INPUT (here "aggressive") is never read; the time per request is in npm run bench -- --only intent
    const huge = `${'稳健'.repeat(50_000)} 激进`;
    expect(huge.length).toBeGreaterThan(MAX_INPUT);
    expect(parseIntent(huge).risk).toBe('low');
    expect(parseIntent(`${'基金'.repeat(10)} 激进`).risk).toBe('high');
    expect(parseIntent(`${'基金'.repeat(50_000)} 激进`).risk).toBeNull();
  });
});

describe('lexicon', () => {
  it('defines no term twice', () => {
    expect(LEXICON_DUPLICATES).toEqual([]);
  });
  it('is not empty and every term is normalised', () => {
    expect(LEXICON.length).toBeGreaterThan(300);
    for (const e of LEXICON) expect(e.term).toBe(e.term.normalize('NFKC').toLowerCase().trim());
  });
});

describe('describeIntent', () => {
  const base: Intent = { kinds: [], risk: null, horizonMonths: null, liquidity: null, amount: null, currency: null, goals: [], language: 'en' };
  it('summarises in English and Chinese', () => {
    const i: Intent = { ...base, kinds: ['fund'], risk: 'low', horizonMonths: 12 };
    expect(describeIntent(i, 'en')).toBe('1 year, low risk, fund');
    expect(describeIntent(i, 'zh-CN')).toBe('1年 · 低风险 · 基金');
  });
  it('writes months, amounts, liquidity and goals', () => {
    const i: Intent = { ...base, horizonMonths: 18, liquidity: 'high', amount: 50000, currency: 'CNY', goals: ['retirement'], kinds: ['fund', 'bond'] };
    expect(describeIntent(i, 'en')).toBe('18 months, withdraw anytime, 50,000 CNY, fund/bond, retirement');
    expect(describeIntent(i, 'zh-CN')).toBe('18个月 · 随时可取 · 5万元 · 基金/债券 · 养老');
    expect(describeIntent({ ...base, amount: 1.2e8, currency: 'USD', horizonMonths: 36 }, 'zh-CN')).toBe('3年 · 1.2亿美元');
    expect(describeIntent({ ...base, horizonMonths: 24, risk: 'high' }, 'en')).toBe('2 years, high risk');
  });
  it('says so when there is nothing', () => {
    expect(describeIntent(base, 'en')).toBe('no specific preferences');
    expect(describeIntent(base, 'zh-CN')).toBe('无特别要求');
  });
  it('round-trips the canonical example into a readable reason', () => {
    expect(describeIntent(parseIntent('我想投资一个高收益的理财产品'), 'zh-CN')).toBe('高风险 · 理财产品 · 财富增长');
    expect(describeIntent(parseIntent('a low-risk fund I can withdraw anytime'), 'en')).toBe('low risk, withdraw anytime, fund');
  });
});

describe('parseIntent: properties', () => {
  it('any string gives a valid Intent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const got = parseIntent(s);
        return IntentSchema.safeParse(got).success;
      }),
      { numRuns: 500 }
    );
  });

  const zhEn = fc.constantFrom(
    '不要',
    '不想',
    '稳健',
    '高收益',
    '基金',
    '5万',
    '三到五年',
    'no',
    "don't",
    'fund',
    'low risk',
    '$10k',
    '随时',
    '锁定',
    '，',
    ',',
    ' ',
    '股票',
    '亏钱',
    '年',
    '个月',
    '万',
    '亿',
    '-',
    '到',
    '一',
    '两',
    '十',
    '几',
    '半',
    '3',
    '.',
    'k',
    'years',
    'a',
    'and a half',
    '🙂',
    '岁',
    '%',
    '美元',
    '但是',
    'but'
  );

  it('any mix of the words it knows gives a valid Intent', () => {
    fc.assert(
      fc.property(fc.array(zhEn, { maxLength: 60 }), (words) => IntentSchema.safeParse(parseIntent(words.join(''))).success),
      { numRuns: 1000 }
    );
  });

  it('gives a valid Intent for any 2,000-character input (its time is measured by npm run bench -- --only intent)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 2000, maxLength: 2000 }),
          fc.array(zhEn, { minLength: 400, maxLength: 400 }).map((w) => w.join('').slice(0, 2000).padEnd(2000, '基'))
        ),
        (s) => IntentSchema.safeParse(parseIntent(s)).success
      ),
      { numRuns: 100 }
    );
  });

  it('the language is zh exactly when the text has a Han character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.boolean(), (s, addHan) => {
        const text = addHan ? `${s}钱` : s.replace(/\p{Script=Han}/gu, '');
        return parseIntent(text).language === (addHan ? 'zh' : 'en');
      })
    );
  });
});
