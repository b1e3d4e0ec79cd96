/**
 * The words a search names a goal by, both languages (engine/lexical.ts reads them as concepts), and
 * the words each subtype is found by; a kind's words are in kinds.ts, shared with the catalogue
 * importer. The parser's richer lexicon (intent/lexicon.ts) is a grammar of senses and roles over its
 * own tables, seeded from names.ts.
 */
import type { Goal } from '../domain/profile';

export const GOAL_TERMS: Record<Goal, readonly string[]> = {
  growth: ['增长', '增值', '成长', 'growth', 'grow'],
  income: ['收益', '收入', '分红', '派息', 'income', 'dividend', 'dividends', 'yield'],
  preservation: ['保本', '保值', 'preservation', 'preserve', 'capital protection'],
  retirement: ['养老', '退休', 'retirement', 'retire', 'pension'],
  education: ['教育', '学费', '上学', 'education', 'tuition', 'school', 'college'],
  home: ['买房', '购房', '房子', '首付', 'home', 'house', 'mortgage'],
  protection: ['保障', '重疾', '意外', 'protection', 'protect', 'cover'],
  travel: ['旅行', '旅游', '出国', '境外', 'travel', 'trip', 'abroad'],
  cashback: ['返现', 'cashback', 'cash back', 'rebate']
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
