import type { FeeWish, IntentSubtype } from '../domain/intent';
import type { Locale, ProductKind } from '../domain/product';
import type { Goal } from '../domain/profile';
import { PERSON_LEVEL_NAMES as PERSON_NAMES, PRODUCT_RISK_NAMES as PRODUCT_NAMES } from '../domain/risk-names';
import type { InteractionAction } from './types';

type Words = Record<Locale, string>;

export const KIND_NAMES: Record<ProductKind, Words> = {
  deposit: { 'zh-CN': '存款', en: 'deposit' },
  wealth: { 'zh-CN': '理财产品', en: 'wealth-management product' },
  fund: { 'zh-CN': '基金', en: 'fund' },
  bond: { 'zh-CN': '债券', en: 'bond' },
  insurance: { 'zh-CN': '保险', en: 'insurance' },
  credit_card: { 'zh-CN': '信用卡', en: 'credit card' },
  loan: { 'zh-CN': '贷款', en: 'loan' }
};

export const GOAL_NAMES: Record<Goal, Words> = {
  growth: { 'zh-CN': '财富增长', en: 'growth' },
  income: { 'zh-CN': '稳定收益', en: 'income' },
  preservation: { 'zh-CN': '保本保值', en: 'preserving capital' },
  retirement: { 'zh-CN': '养老', en: 'retirement' },
  education: { 'zh-CN': '教育', en: 'education' },
  home: { 'zh-CN': '购房', en: 'buying a home' },
  protection: { 'zh-CN': '保障', en: 'protection' },
  travel: { 'zh-CN': '旅行', en: 'travel' },
  cashback: { 'zh-CN': '返现', en: 'cashback' }
};

/** C1–C5 and R1–R5: the one set of names lives in the domain (badge, filters and reasons share it). */
export const PERSON_LEVEL_NAMES: Record<number, Words> = PERSON_NAMES;
export const PRODUCT_RISK_NAMES: Record<number, Words> = PRODUCT_NAMES;

export const ACTION_NAMES: Record<InteractionAction, Words> = {
  viewed: { 'zh-CN': '浏览过', en: 'viewed' },
  clicked: { 'zh-CN': '点开过', en: 'opened' },
  liked: { 'zh-CN': '点赞过', en: 'liked' },
  saved: { 'zh-CN': '收藏', en: 'saved' },
  applied: { 'zh-CN': '申请过', en: 'applied for' },
  purchased: { 'zh-CN': '购买过', en: 'bought' }
};

/** Search words for common subtypes, both languages. Unknown subtypes fall back to their id. */
export const SUBTYPE_WORDS: Record<string, string> = {
  money_market: '货币基金 货币市场 余额 money market cash',
  bond: '债券 债基 固收 bond fixed income',
  equity: '股票 权益 偏股 equity stock stocks shares',
  stock: '股票 权益 equity stock stocks shares',
  index: '指数 指数基金 index etf tracker',
  etf: '指数 etf index',
  mixed: '混合 mixed hybrid balanced',
  hybrid: '混合 mixed hybrid balanced',
  qdii: 'qdii 海外 全球 overseas global',
  gold: '黄金 gold',
  large_cd: '大额存单 存单 large cd certificate of deposit',
  cd: '存单 cd certificate of deposit',
  time_deposit: '定期存款 定期 整存整取 time deposit fixed deposit',
  fixed: '定期 fixed term',
  demand: '活期 demand current account',
  demand_deposit: '活期 活期存款 demand deposit current account',
  notice_deposit: '通知存款 notice deposit',
  structured: '结构性 结构性存款 structured',
  structured_deposit: '结构性存款 结构性 structured deposit',
  treasury: '国债 treasury government',
  government: '国债 政府 government treasury',
  corporate: '企业债 公司债 corporate',
  savings_bond: '储蓄国债 国债 savings bond',
  fixed_income: '固收 固定收益 fixed income',
  cash_management: '现金管理 活钱 cash management',
  term_life: '定期寿险 寿险 term life',
  life: '寿险 人寿 life',
  whole_life: '终身寿险 寿险 whole life',
  health: '健康险 医疗 health medical',
  medical: '医疗险 医疗 medical health',
  critical_illness: '重疾险 重疾 critical illness',
  accident: '意外险 意外 accident',
  annuity: '年金 养老 annuity pension',
  pension: '养老 年金 pension retirement',
  travel: '旅行 旅游 travel',
  cashback: '返现 cashback cash back',
  rewards: '积分 奖励 rewards points',
  mortgage: '房贷 按揭 mortgage home loan',
  consumer: '消费贷 消费 consumer loan',
  personal: '个人贷款 personal loan',
  auto: '车贷 汽车 auto car loan',
  car: '车贷 汽车 auto car loan',
  business: '经营贷 business',
  time: '定期存款 定期 整存整取 time deposit fixed deposit',
  local_government: '地方债 地方政府债 local government municipal',
  renovation: '装修贷 装修 renovation home improvement',
  small_business: '经营贷 小微 小微企业 small business',
  student: '学生卡 学生 student',
  premium: '白金卡 高端 premium platinum',
  co_branded: '联名卡 联名 co-branded partner',
  education: '教育金 教育 education',
  esg: 'esg 绿色 可持续 green sustainable'
};

export function subtypeWords(subtype: string): string {
  const key = subtype.toLowerCase();
  return `${key.replace(/[_-]+/g, ' ')} ${SUBTYPE_WORDS[key] ?? ''}`;
}

export const SUBTYPE_NAMES: Readonly<Record<IntentSubtype, Words>> = {
  'deposit/demand': { 'zh-CN': '活期存款', en: 'demand deposit' },
  'deposit/time': { 'zh-CN': '定期存款', en: 'time deposit' },
  'deposit/large_cd': { 'zh-CN': '大额存单', en: 'large-denomination CD' },
  'wealth/cash_management': { 'zh-CN': '现金管理类理财', en: 'cash management' },
  'wealth/fixed_income': { 'zh-CN': '固收类理财', en: 'fixed-income wealth product' },
  'wealth/mixed': { 'zh-CN': '混合类理财', en: 'mixed wealth product' },
  'fund/money_market': { 'zh-CN': '货币基金', en: 'money market fund' },
  'fund/bond': { 'zh-CN': '债券基金', en: 'bond fund' },
  'fund/mixed': { 'zh-CN': '混合基金', en: 'mixed fund' },
  'fund/equity': { 'zh-CN': '股票基金', en: 'equity fund' },
  'fund/index': { 'zh-CN': '指数基金', en: 'index fund' },
  'fund/qdii': { 'zh-CN': 'QDII基金', en: 'QDII fund' },
  'fund/esg': { 'zh-CN': 'ESG', en: 'ESG' },
  'bond/treasury': { 'zh-CN': '国债', en: 'treasury bond' },
  'bond/local_government': { 'zh-CN': '地方政府债', en: 'local government bond' },
  'bond/corporate': { 'zh-CN': '企业债', en: 'corporate bond' },
  'insurance/critical_illness': { 'zh-CN': '重疾险', en: 'critical illness insurance' },
  'insurance/medical': { 'zh-CN': '医疗险', en: 'medical insurance' },
  'insurance/accident': { 'zh-CN': '意外险', en: 'accident insurance' },
  'insurance/term_life': { 'zh-CN': '定期寿险', en: 'term life insurance' },
  'insurance/annuity': { 'zh-CN': '年金险', en: 'annuity' },
  'insurance/education': { 'zh-CN': '教育金保险', en: 'education insurance' },
  'credit_card/travel': { 'zh-CN': '旅行信用卡', en: 'travel card' },
  'credit_card/cashback': { 'zh-CN': '返现信用卡', en: 'cashback card' },
  'credit_card/student': { 'zh-CN': '学生信用卡', en: 'student card' },
  'credit_card/premium': { 'zh-CN': '高端信用卡', en: 'premium card' },
  'credit_card/co_branded': { 'zh-CN': '联名信用卡', en: 'co-branded card' },
  'loan/mortgage': { 'zh-CN': '房贷', en: 'mortgage' },
  'loan/car': { 'zh-CN': '车贷', en: 'car loan' },
  'loan/personal': { 'zh-CN': '个人消费贷', en: 'personal loan' },
  'loan/renovation': { 'zh-CN': '装修贷', en: 'renovation loan' },
  'loan/small_business': { 'zh-CN': '经营贷', en: 'small-business loan' }
};

export const FEE_WORDS: Readonly<Record<FeeWish, Words>> = {
  no_annual_fee: { 'zh-CN': '免年费', en: 'no annual fee' },
  no_fx_fee: { 'zh-CN': '境外消费免手续费', en: 'no foreign transaction fee' },
  low_fees: { 'zh-CN': '低费率', en: 'low fees' }
};
