/**
 * One vocabulary for the words that name a product kind: the search's concepts (KIND_TERMS, read by
 * engine/lexical.ts) and the catalogue importer's kind and subtype cells come from the same tables.
 * Pinned here are today's search lists, term for term and in order (the search prefers the first
 * of two equally long terms), and what the importer makes of each cell, so that the tables can be
 * rearranged without any search or import changing.
 */
import { describe, expect, it } from 'vitest';
import { KIND_CELL_WORDS, KIND_TERMS } from '../../src/lib/vocab/kinds';
import { importOne } from '../fixtures/import/one-row';

/** One row with a kind cell (and a subtype cell, when given) through the importer: `kind/subtype`, or refused. */
function imported(kind: string, subtype?: string): string {
  const product = importOne({ kind, ...(subtype === undefined ? {} : { subtype }) }, subtype === undefined ? ['subtype'] : []).catalogue.products[0];
  return product ? `${product.kind}/${product.subtype}` : 'refused';
}

/** Each catalogue kind cell (kind column, no subtype column) and what today's importer makes of it: `kind/subtype`, or refused. */
const KIND_CELLS: Record<string, readonly string[]> = {
  'bond/bond': ['bond', 'bonds', 'treasuries', 'treasury', '债券', '某某债券', '金融债'],
  'bond/corporate': ['企业债', '企业债券', '公司债', '公司债券'],
  'bond/local_government': ['地方债', '地方政府债', '地方政府债券'],
  'bond/treasury': ['储蓄国债', '凭证式国债', '国债', '记账式国债'],
  'credit_card/credit_card': [
    'Credit Cards',
    'card',
    'credit card',
    'credit cards',
    'credit_card',
    'creditcard',
    'creditcards',
    '信用卡',
    '白金信用卡',
    '贷记卡'
  ],
  'deposit/demand': ['活期', '活期储蓄', '活期存款'],
  'deposit/deposit': [
    'Time Deposit',
    'deposit',
    'deposits',
    'saving',
    'savings',
    'timedeposit',
    'timedeposits',
    '三年期存单',
    '储蓄',
    '存单',
    '存款',
    '结构性存款',
    '通知存款'
  ],
  'deposit/large_cd': ['大额存单'],
  'deposit/time': ['定期', '定期存款', '整存整取'],
  'fund/bond': [
    '中长期纯债型',
    '中长期纯债型基金',
    '债券型',
    '债券型基金',
    '债券基金',
    '混合债券型',
    '混合债券型基金',
    '短债型',
    '短债基金',
    '纯债型',
    '纯债基金'
  ],
  'fund/equity': ['偏股型', '偏股型基金', '普通股票型', '普通股票型基金', '股票型', '股票型基金', '股票基金'],
  'fund/esg': ['esg', 'esg主题基金', 'esg基金'],
  'fund/fof': ['fof', 'fof基金'],
  'fund/fund': [' 基金 ', 'Mutual Funds', 'fund', 'funds', 'mutual fund', 'mutualfund', 'mutualfunds', '公募基金', '基金', '沪港深精选基金'],
  'fund/index': [
    'ETF联接',
    'etf',
    'etf联接',
    'etf联接基金',
    'lof',
    '增强指数型',
    '增强指数型基金',
    '指数型',
    '指数型基金',
    '指数基金',
    '被动指数型',
    '被动指数型基金',
    'ＥＴＦ'
  ],
  'fund/mixed': [
    '偏债混合型',
    '偏债混合型基金',
    '偏股混合型',
    '偏股混合型基金',
    '平衡混合型',
    '混合型',
    '混合型基金',
    '混合基金',
    '灵活配置型',
    '灵活配置型基金'
  ],
  'fund/money_market': ['货币型', '货币型基金', '货币基金', '货币市场型', '货币市场基金'],
  'fund/qdii': ['QDII', 'qdii', 'qdii型', 'qdii基金'],
  'insurance/accident': ['意外伤害保险', '意外险'],
  'insurance/annuity': ['养老年金保险', '年金保险', '年金险'],
  'insurance/critical_illness': ['重大疾病保险', '重疾险'],
  'insurance/education': ['教育年金', '教育金', '教育金保险'],
  'insurance/insurance': ['insurance', '保险', '保险产品', '健康险', '寿险', '百万医疗保险', '终身寿险'],
  'insurance/medical': ['医疗保险', '医疗险', '百万医疗险'],
  'insurance/term_life': ['定期寿险'],
  'loan/car': ['个人汽车贷款', '汽车贷款', '车贷'],
  'loan/loan': ['Loan', 'loan', 'loans', 'mortgage', 'mortgages', '助学贷', '贷款'],
  'loan/mortgage': ['个人住房贷款', '住房贷款', '房贷'],
  'loan/personal': ['个人消费贷款', '个人贷款', '消费贷'],
  'loan/renovation': ['家装贷', '装修贷', '装修贷款'],
  'loan/small_business': ['个人经营贷款', '经营贷'],
  refused: [
    'Large CD',
    'accident',
    'account',
    'annuity',
    'auto',
    'back',
    'balanced',
    'borrow',
    'business',
    'car',
    'cards',
    'cash',
    'cashback',
    'cd',
    'cds',
    'certificate',
    'co-branded',
    'consumer',
    'corporate',
    'critical',
    'current',
    'demand',
    'education',
    'equity',
    'etfs',
    'fixed',
    'global',
    'gold',
    'government',
    'green',
    'health',
    'home',
    'hybrid',
    'ies)',
    'illness',
    'improvement',
    'income',
    'index',
    'large',
    'life',
    'local',
    'management',
    'market',
    'medical',
    'mixed',
    'money',
    'municipal',
    'notice',
    'of',
    'overseas',
    'partner',
    'pension',
    'personal',
    'platinum',
    'points',
    'premium',
    'renovation',
    'retirement',
    'rewards',
    'saving account',
    'shares',
    'small',
    'stock',
    'stocks',
    'structured',
    'student',
    'sustainable',
    'term',
    'time',
    'tracker',
    'travel',
    'treasurys',
    'whole',
    '人寿',
    '余额',
    '借款',
    '借钱',
    '债基',
    '偏股',
    '全球',
    '养老',
    '医疗',
    '可持续',
    '固定收益',
    '固收',
    '奖励',
    '学生',
    '学生卡',
    '小微',
    '小微企业',
    '年金',
    '意外',
    '指数',
    '按揭',
    '政府',
    '教育',
    '旅游',
    '旅行',
    '期货',
    '权益',
    '汽车',
    '活钱',
    '海外',
    '消费',
    '混合',
    '现金管理',
    '白金卡',
    '积分',
    '结构性',
    '绿色',
    '联名',
    '联名卡',
    '股票',
    '装修',
    '货币市场',
    '返现',
    '重疾',
    '高端',
    '黄金'
  ],
  'wealth/cash_management': ['现金管理类', '现金管理类理财', '现金管理类理财产品'],
  'wealth/equity': ['权益类', '权益类理财', '权益类理财产品'],
  'wealth/fixed_income': ['固定收益类', '固定收益类理财', '固定收益类理财产品', '固收类', '固收类理财'],
  'wealth/mixed': ['混合类', '混合类理财', '混合类理财产品'],
  'wealth/wealth': [
    'WEALTH-MANAGEMENT',
    'wealth',
    'wealth management',
    'wealthmanagement',
    'wealthmanagementproduct',
    'wealthmanagementproducts',
    'wmp',
    '净值型理财',
    '净值型理财产品',
    '理财',
    '理财产品',
    '银行理财'
  ]
};

describe('kind words', () => {
  it('the search names each kind by the same terms, in the same order', () => {
    expect(KIND_TERMS).toEqual({
      fund: ['基金', 'fund', 'funds', 'mutual fund', 'etf', 'etfs'],
      deposit: ['存款', '存单', '储蓄', 'deposit', 'deposits', 'savings', 'saving account', 'cd', 'cds'],
      wealth: ['理财', 'wealth', 'wealth management'],
      bond: ['债券', '国债', 'bond', 'bonds', 'treasury', 'treasuries'],
      insurance: ['保险', 'insurance'],
      credit_card: ['信用卡', 'credit card', 'credit cards', 'card', 'cards'],
      loan: ['贷款', '借款', '借钱', '房贷', '车贷', 'loan', 'loans', 'borrow', 'mortgage']
    });
  });

  it('the search tries the kinds in the same order, and no cell word names two kinds', () => {
    expect(Object.keys(KIND_TERMS)).toEqual(['fund', 'deposit', 'wealth', 'bond', 'insurance', 'credit_card', 'loan']);
    const all = [...KIND_CELL_WORDS.values()].flatMap((words) => [...words]);
    expect(all.length).toBe(new Set(all).size);
  });

  it('the importer reads each kind cell as before: a kind, the subtype it implies, or a refusal', () => {
    for (const [want, cells] of Object.entries(KIND_CELLS)) for (const cell of cells) expect(imported(cell), cell).toBe(want);
  });

  it('the importer reads each subtype cell as before: the subtype it implies as a kind cell, under that kind only', () => {
    const implied = new Map(Object.entries(KIND_CELLS).flatMap(([read, cells]) => cells.map((cell) => [cell, read] as const)));
    for (const kind of Object.keys(KIND_TERMS)) {
      for (const cell of implied.keys()) {
        const [kindRead, subtype] = implied.get(cell)!.split('/');
        const want = kindRead === kind && subtype !== kind ? subtype : cell.trim();
        expect(imported(kind, cell), `${kind} ${cell}`).toBe(`${kind}/${want}`);
      }
    }
  });
});
