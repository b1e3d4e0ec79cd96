/**
 * What Candor calls each kind, goal, subtype and fee wish in zh-CN and en: one set of names for the
 * engine's reasons, the parser's echo (intent/describe.ts), the search index and the UI.
 * The names of the risk levels live in domain/risk-names.ts.
 */
import type { FeeWish, IntentSubtype } from '../domain/intent';
import type { Locale, ProductKind } from '../domain/product';
import type { Goal } from '../domain/profile';

export type Words = Record<Locale, string>;

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
