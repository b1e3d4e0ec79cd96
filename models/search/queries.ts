/**
 * Judged search requests for the demo catalogue: what people type, in Chinese and English, each
 * with the kinds/subtypes a bank adviser would put first. Written for this evaluation from an
 * adviser's reading of the request, not from what any matcher returns.
 *
 * Groups:
 *   keyword     the request names the product in the catalogue's own words ("重疾险", "index fund")
 *   paraphrase  it says the need, not the product, and shares no keyword with the product texts
 *               ("protection for my parents", "money for when I stop working")
 * `age` is the person's age where the request is about a life stage the eligibility rules test.
 */

export interface JudgedQuery {
  text: string;
  lang: 'zh' | 'en';
  group: 'keyword' | 'paraphrase';
  /** "kind/subtype" an adviser would put first */
  relevant: readonly string[];
  age?: number;
}

const SAFE_CASH = ['deposit/demand', 'fund/money_market', 'wealth/cash_management'];
const FIXED = ['deposit/time', 'deposit/large_cd', 'bond/treasury', 'bond/local_government'];
const OVERSEAS = ['fund/qdii'];
const RETIRE = ['insurance/annuity'];
const SCHOOL = ['insurance/education'];
const HEALTH = ['insurance/critical_illness', 'insurance/medical'];
const ABROAD_CARD = ['credit_card/travel', 'credit_card/premium'];

export const JUDGED_QUERIES: readonly JudgedQuery[] = [
  // ---- keyword, zh
  { text: '重疾险', lang: 'zh', group: 'keyword', relevant: ['insurance/critical_illness'] },
  { text: '百万医疗险', lang: 'zh', group: 'keyword', relevant: ['insurance/medical'] },
  { text: '意外险', lang: 'zh', group: 'keyword', relevant: ['insurance/accident'] },
  { text: '定期寿险', lang: 'zh', group: 'keyword', relevant: ['insurance/term_life'] },
  { text: '养老年金保险', lang: 'zh', group: 'keyword', relevant: RETIRE },
  { text: '教育金保险', lang: 'zh', group: 'keyword', relevant: SCHOOL },
  { text: '货币基金', lang: 'zh', group: 'keyword', relevant: ['fund/money_market'] },
  { text: '指数基金', lang: 'zh', group: 'keyword', relevant: ['fund/index', 'fund/qdii'] },
  { text: '债券基金', lang: 'zh', group: 'keyword', relevant: ['fund/bond'] },
  { text: '股票型基金', lang: 'zh', group: 'keyword', relevant: ['fund/equity'] },
  { text: 'ESG基金', lang: 'zh', group: 'keyword', relevant: ['fund/esg'] },
  { text: 'QDII基金', lang: 'zh', group: 'keyword', relevant: OVERSEAS },
  { text: '大额存单', lang: 'zh', group: 'keyword', relevant: ['deposit/large_cd'] },
  { text: '活期存款', lang: 'zh', group: 'keyword', relevant: ['deposit/demand'] },
  { text: '一年期定期存款', lang: 'zh', group: 'keyword', relevant: ['deposit/time'] },
  { text: '储蓄国债', lang: 'zh', group: 'keyword', relevant: ['bond/treasury'] },
  { text: '地方政府债', lang: 'zh', group: 'keyword', relevant: ['bond/local_government'] },
  { text: '现金管理类理财', lang: 'zh', group: 'keyword', relevant: ['wealth/cash_management'] },
  { text: '固收理财', lang: 'zh', group: 'keyword', relevant: ['wealth/fixed_income'] },
  { text: '房贷', lang: 'zh', group: 'keyword', relevant: ['loan/mortgage'] },
  { text: '车贷', lang: 'zh', group: 'keyword', relevant: ['loan/car'] },
  { text: '装修贷款', lang: 'zh', group: 'keyword', relevant: ['loan/renovation'] },
  { text: '小微企业贷款', lang: 'zh', group: 'keyword', relevant: ['loan/small_business'] },
  { text: '返现信用卡', lang: 'zh', group: 'keyword', relevant: ['credit_card/cashback', 'credit_card/co_branded'] },
  { text: '学生信用卡', lang: 'zh', group: 'keyword', relevant: ['credit_card/student'], age: 20 },
  // ---- keyword, en
  { text: 'critical illness insurance', lang: 'en', group: 'keyword', relevant: ['insurance/critical_illness'] },
  { text: 'medical insurance', lang: 'en', group: 'keyword', relevant: ['insurance/medical'] },
  { text: 'term life insurance', lang: 'en', group: 'keyword', relevant: ['insurance/term_life'] },
  { text: 'retirement annuity', lang: 'en', group: 'keyword', relevant: RETIRE },
  { text: 'money market fund', lang: 'en', group: 'keyword', relevant: ['fund/money_market'] },
  { text: 'index fund', lang: 'en', group: 'keyword', relevant: ['fund/index', 'fund/qdii'] },
  { text: 'bond fund', lang: 'en', group: 'keyword', relevant: ['fund/bond'] },
  { text: 'ESG fund', lang: 'en', group: 'keyword', relevant: ['fund/esg'] },
  { text: 'large-denomination CD', lang: 'en', group: 'keyword', relevant: ['deposit/large_cd'] },
  { text: 'treasury bond', lang: 'en', group: 'keyword', relevant: ['bond/treasury'] },
  { text: 'corporate bond', lang: 'en', group: 'keyword', relevant: ['bond/corporate'] },
  { text: 'mortgage for my first home', lang: 'en', group: 'keyword', relevant: ['loan/mortgage'] },
  { text: 'car loan', lang: 'en', group: 'keyword', relevant: ['loan/car'] },
  { text: 'home renovation loan', lang: 'en', group: 'keyword', relevant: ['loan/renovation'] },
  { text: 'travel credit card with no foreign transaction fee', lang: 'en', group: 'keyword', relevant: ['credit_card/travel'] },
  { text: 'cashback credit card', lang: 'en', group: 'keyword', relevant: ['credit_card/cashback', 'credit_card/co_branded'] },
  // ---- paraphrase, zh: the need in everyday words, not the product's
  { text: '想给爸妈买份保障，万一生大病有钱治', lang: 'zh', group: 'paraphrase', relevant: HEALTH },
  { text: '住院看病的开销能报销的那种', lang: 'zh', group: 'paraphrase', relevant: ['insurance/medical'] },
  { text: '万一我不在了，家里的房贷和孩子怎么办', lang: 'zh', group: 'paraphrase', relevant: ['insurance/term_life'] },
  { text: '出门磕了碰了、摔伤了能赔', lang: 'zh', group: 'paraphrase', relevant: ['insurance/accident'] },
  { text: '老了不上班以后每个月还能有进账', lang: 'zh', group: 'paraphrase', relevant: RETIRE },
  { text: '给孩子攒将来念大学的钱', lang: 'zh', group: 'paraphrase', relevant: SCHOOL },
  { text: '零钱放着不动也想多少生点利息，要用马上能拿', lang: 'zh', group: 'paraphrase', relevant: SAFE_CASH },
  { text: '闲钱放一阵子，到期连本带息拿回来', lang: 'zh', group: 'paraphrase', relevant: FIXED },
  { text: '想买点美股，分散一下', lang: 'zh', group: 'paraphrase', relevant: OVERSEAS },
  { text: '跟着大盘走，不想挑股票', lang: 'zh', group: 'paraphrase', relevant: ['fund/index'] },
  { text: '钱交给专业的人去炒股', lang: 'zh', group: 'paraphrase', relevant: ['fund/equity', 'fund/mixed'] },
  { text: '国家发行的，最稳妥的那种', lang: 'zh', group: 'paraphrase', relevant: ['bond/treasury', 'bond/local_government'] },
  { text: '出国刷卡不想被扣手续费', lang: 'zh', group: 'paraphrase', relevant: ABROAD_CARD },
  { text: '经常坐飞机，想进机场休息室', lang: 'zh', group: 'paraphrase', relevant: ['credit_card/premium', 'credit_card/travel'] },
  { text: '买菜购物能省点钱的卡', lang: 'zh', group: 'paraphrase', relevant: ['credit_card/cashback'] },
  { text: '刚上大学，想要第一张卡', lang: 'zh', group: 'paraphrase', relevant: ['credit_card/student'], age: 19 },
  { text: '准备首付买房子', lang: 'zh', group: 'paraphrase', relevant: ['loan/mortgage'] },
  { text: '新房子要刷墙铺地板，钱不够', lang: 'zh', group: 'paraphrase', relevant: ['loan/renovation'] },
  { text: '开了个小店，周转资金紧张', lang: 'zh', group: 'paraphrase', relevant: ['loan/small_business'] },
  { text: '急用钱，手机上就能借', lang: 'zh', group: 'paraphrase', relevant: ['loan/personal'] },
  { text: '想换辆新车，分期付', lang: 'zh', group: 'paraphrase', relevant: ['loan/car'] },
  { text: '投资环保、对社会负责的公司', lang: 'zh', group: 'paraphrase', relevant: ['fund/esg'] },
  {
    text: '比存银行强一点，但不想亏本金',
    lang: 'zh',
    group: 'paraphrase',
    relevant: ['wealth/fixed_income', 'fund/bond', 'bond/corporate', 'wealth/cash_management']
  },
  { text: '股票债券都配一点，攻守兼备', lang: 'zh', group: 'paraphrase', relevant: ['fund/mixed', 'wealth/mixed'] },
  { text: '一大笔钱，想锁定利率，起点高也没关系', lang: 'zh', group: 'paraphrase', relevant: ['deposit/large_cd'] },
  // ---- paraphrase, en
  { text: 'I want something that protects my elderly parents if they fall seriously ill', lang: 'en', group: 'paraphrase', relevant: HEALTH },
  { text: 'help paying hospital bills', lang: 'en', group: 'paraphrase', relevant: ['insurance/medical'] },
  { text: 'if I die, my family should still be able to pay off the house', lang: 'en', group: 'paraphrase', relevant: ['insurance/term_life'] },
  { text: 'money every month once I stop working', lang: 'en', group: 'paraphrase', relevant: RETIRE },
  { text: 'putting money aside for my kids university fees', lang: 'en', group: 'paraphrase', relevant: SCHOOL },
  { text: 'cash that still earns something but I can take out tomorrow', lang: 'en', group: 'paraphrase', relevant: SAFE_CASH },
  { text: 'park my savings for a few months and get them back with interest', lang: 'en', group: 'paraphrase', relevant: FIXED },
  { text: 'exposure to American tech giants', lang: 'en', group: 'paraphrase', relevant: OVERSEAS },
  { text: 'invest overseas, outside China', lang: 'en', group: 'paraphrase', relevant: OVERSEAS },
  { text: 'just follow the whole market cheaply instead of picking stocks', lang: 'en', group: 'paraphrase', relevant: ['fund/index'] },
  { text: 'let a professional manager pick shares for me', lang: 'en', group: 'paraphrase', relevant: ['fund/equity', 'fund/mixed'] },
  { text: 'lend money to the government', lang: 'en', group: 'paraphrase', relevant: ['bond/treasury', 'bond/local_government'] },
  { text: 'spending abroad without extra charges', lang: 'en', group: 'paraphrase', relevant: ABROAD_CARD },
  { text: 'airport lounges and hotel perks', lang: 'en', group: 'paraphrase', relevant: ['credit_card/premium'] },
  { text: 'save a little on my weekly groceries', lang: 'en', group: 'paraphrase', relevant: ['credit_card/cashback'] },
  { text: 'my first card as a freshman', lang: 'en', group: 'paraphrase', relevant: ['credit_card/student'], age: 19 },
  { text: 'buying my first flat', lang: 'en', group: 'paraphrase', relevant: ['loan/mortgage'] },
  { text: 'new kitchen and bathroom for our place', lang: 'en', group: 'paraphrase', relevant: ['loan/renovation'] },
  { text: 'working capital for my shop', lang: 'en', group: 'paraphrase', relevant: ['loan/small_business'] },
  { text: 'borrow a few thousand quickly from my phone', lang: 'en', group: 'paraphrase', relevant: ['loan/personal'] },
  { text: 'paying for a new vehicle in instalments', lang: 'en', group: 'paraphrase', relevant: ['loan/car'] },
  { text: 'put my money into green, responsible companies', lang: 'en', group: 'paraphrase', relevant: ['fund/esg'] },
  {
    text: 'a bit better than a savings account without risking what I put in',
    lang: 'en',
    group: 'paraphrase',
    relevant: ['wealth/fixed_income', 'fund/bond', 'bond/corporate', 'wealth/cash_management']
  },
  { text: 'a mix of shares and bonds, not too wild', lang: 'en', group: 'paraphrase', relevant: ['fund/mixed', 'wealth/mixed'] },
  { text: 'cover if I get hurt while hiking', lang: 'en', group: 'paraphrase', relevant: ['insurance/accident'] }
];
