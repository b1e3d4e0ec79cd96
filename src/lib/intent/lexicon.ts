import type { FeeWish, IntentSubtype } from '../domain/intent';
import { PRODUCT_KINDS, type Liquidity, type ProductKind } from '../domain/product';
import { GOALS, type Goal } from '../domain/profile';
import { GOAL_NAMES, KIND_NAMES } from '../vocab/names';
import { normalise } from '../vocab/text';

/**
 * The financial lexicon: zh-CN and en terms -> concepts, and a longest-match scanner over it.
 *
 * Why a hand-written longest match and not a general Chinese segmenter (jieba-wasm and the like):
 * the parser only ever needs the words it knows about. A general segmenter ships a multi-megabyte
 * dictionary plus a wasm module into the app bundle (the parser must work offline with no model
 * download), yet still cuts finance jargon the way a general dictionary does (货基, 大额存单, 重疾险,
 * 固收+ are not in it, or come out split). Forward maximum matching over this lexicon is a few
 * kilobytes, linear in the text, and segments exactly the terms that carry meaning; everything else
 * is skipped. English terms go through the same scanner with word-boundary checks.
 *
 * Each entry has a Sense: what it says about kinds, goals, risk, liquidity and horizon, and how it
 * reads when negated ("不要股票") or accepted ("能接受风险"); or a role (a negator, an acceptance
 * marker, a want-verb, a contrast word) that the negation pass (negation.ts) uses.
 *
 * Seed terms come from the engine's own vocabulary (KIND_NAMES / GOAL_NAMES in vocab/names.ts),
 * so every name the engine prints in a reason is also understood here.
 */

export type RiskLevel3 = 'low' | 'medium' | 'high';

/** How a concept reads under each polarity; `weak`: an implied signal, beaten by any explicit one. */
export interface Graded<T> {
  pos?: T;
  neg?: T;
  accept?: T;
  acceptStrong?: T;
  weak?: boolean;
}

export type Role =
  /** 不要, don't want, no, avoid: negates everything it scopes over */
  | 'neg'
  /** 没有, 怕, afraid of: negates risk / liquidity / horizon only (not kinds or goals) */
  | 'negSoft'
  /** 就算了, 免谈, not interested: negates the concept right before it */
  | 'negPost'
  /** 能接受, ok with, willing to take */
  | 'accept'
  /** 不怕, 无所谓, don't mind: acceptance without reservation */
  | 'acceptStrong'
  /** 要, 想, want, need: after a concept it closes a negation's scope ("不要股票要基金") */
  | 'want'
  /** 但是, but, instead: closes any scope */
  | 'break'
  /** swallowed on purpose so that a negator inside it does not fire (不错, 不超过, don't know) */
  | 'neutral';

/** a fee wish; 'none' is "no fee", which parse.ts reads as a card's annual fee when a card is asked for */
export type FeeSense = FeeWish | 'none';

export interface Sense {
  kinds?: readonly ProductKind[];
  /** product subtypes the term names; their kinds count as named too */
  subtypes?: readonly IntentSubtype[];
  /**
   * what the term only implies: 'all' its kinds and subtypes (免年费 implies a card; 存钱, a deposit),
   * 'kind' just the kind (ESG names a theme and implies a fund)
   */
  implied?: 'kind' | 'all';
  fees?: Graded<FeeSense>;
  /** a wish for high returns (高收益, 翻倍, double my money) */
  returnWish?: boolean;
  /** the term asks for no risk at all (零风险, risk free, 保本): with a high return wish, unrealistic */
  zeroRisk?: boolean;
  goals?: readonly Goal[];
  risk?: Graded<RiskLevel3>;
  liquidity?: Graded<Liquidity>;
  /** months, from words such as 长期 / short term (numbers are read by horizon.ts) */
  horizon?: Graded<number>;
  role?: Role;
}

export interface LexEntry {
  term: string;
  sense: Sense;
}

// ---- reusable senses -------------------------------------------------------------------------

/** explicit low-risk words: 稳健, safe */
const LOW: Graded<RiskLevel3> = { pos: 'low', neg: 'medium' };
const MEDIUM: Graded<RiskLevel3> = { pos: 'medium', neg: 'low' };
/** explicit high-risk words: 高风险, aggressive; "not aggressive" caps at medium */
const HIGH: Graded<RiskLevel3> = { pos: 'high', neg: 'medium' };
/** "risky", 冒险: "nothing risky" reads as low */
const RISKY: Graded<RiskLevel3> = { pos: 'high', neg: 'low' };
/** the bare idea of risk or loss: says nothing alone; "不想亏钱" -> low, "能接受风险" -> medium, "不怕风险" -> high */
const RISKINESS: Graded<RiskLevel3> = { neg: 'low', accept: 'medium', acceptStrong: 'high' };
/** a return wish (高收益): implies a high risk appetite, but any explicit risk word beats it */
const RETURN_WISH: Graded<RiskLevel3> = { pos: 'high', neg: 'low', weak: true };
/** equities, crypto: imply high; refusing them implies low */
const EQUITY: Graded<RiskLevel3> = { pos: 'high', neg: 'low', weak: true };
const IMPLIED_LOW: Graded<RiskLevel3> = { pos: 'low', weak: true };
const IMPLIED_MEDIUM: Graded<RiskLevel3> = { pos: 'medium', weak: true };

/** the money must stay reachable: 随时可取, anytime; "不需要随时取" / "don't care about liquidity" -> low */
const LIQ_HIGH: Graded<Liquidity> = { pos: 'high', neg: 'low', acceptStrong: 'low' };
const LIQ_HIGH_WEAK: Graded<Liquidity> = { pos: 'high', weak: true };
const LIQ_MEDIUM: Graded<Liquidity> = { pos: 'medium' };
/** lock-up words: 锁定, lock; "不想锁定" -> high */
const LIQ_LOW: Graded<Liquidity> = { pos: 'low', neg: 'high' };
const LIQ_LOW_WEAK: Graded<Liquidity> = { pos: 'low', neg: 'high', weak: true };

const LONG: Graded<number> = { pos: 60, neg: 12 };
const SHORT: Graded<number> = { pos: 12, neg: 60 };
const MID: Graded<number> = { pos: 36 };

const k = (...kinds: ProductKind[]): readonly ProductKind[] => kinds;
const st = (...subtypes: IntentSubtype[]): readonly IntentSubtype[] => subtypes;
const fee = (wish: FeeSense): Graded<FeeSense> => ({ pos: wish });
/** "不要年费", "没有手续费", "without foreign transaction fees": the fee word refused */
const FEE_NEG_ANNUAL: Graded<FeeSense> = { neg: 'no_annual_fee' };
const FEE_NEG_FX: Graded<FeeSense> = { neg: 'no_fx_fee' };
const FEE_NEG_NONE: Graded<FeeSense> = { neg: 'none' };
const g = (...goals: Goal[]): readonly Goal[] => goals;

/** [terms separated by '|', sense]; terms are normalised like the engine's lexical search. */
type Def = readonly [string, Sense];

// ---- product kinds and jargon -----------------------------------------------------------------

const KIND_DEFS: readonly Def[] = [
  // deposits
  [
    '存款|存银行|储蓄|银行存款|储蓄存款|存单|结构性存款|deposit|deposits|savings account|saving account|savings accounts|high yield savings|cd|cds|certificate of deposit|certificates of deposit',
    { kinds: k('deposit') }
  ],
  // "存钱" / "my savings" is saving money, not necessarily a deposit product
  ['存钱|存起来|savings', { kinds: k('deposit'), implied: 'all' }],
  [
    '大额存单|大额存款|可转让存单|大额可转让存单|large cd|large cds|jumbo cd|jumbo cds|large denomination cd|large denomination cds|large certificate of deposit',
    { subtypes: st('deposit/large_cd') }
  ],
  [
    '定期存款|定存|整存整取|零存整取|time deposit|time deposits|fixed deposit|fixed deposits|term deposit|term deposits',
    { subtypes: st('deposit/time'), liquidity: LIQ_LOW_WEAK }
  ],
  ['活期存款|活期储蓄|demand deposit|demand deposits|current account', { subtypes: st('deposit/demand'), liquidity: LIQ_HIGH }],
  ['通知存款|notice deposit', { kinds: k('deposit'), liquidity: LIQ_MEDIUM }],
  ['教育储蓄', { kinds: k('deposit'), goals: g('education') }],
  // wealth management
  ['理财|理财产品|银行理财|净值型|净值型理财|理财计划|wealth management|wealth product|wealth products|wmp|wmps', { kinds: k('wealth') }],
  ['wealth', { kinds: k('wealth'), implied: 'all' }],
  ['现金管理类|现金管理|现金管理理财|cash management', { subtypes: st('wealth/cash_management'), liquidity: LIQ_HIGH_WEAK }],
  ['固收+|固收加', { subtypes: st('wealth/fixed_income'), goals: g('income'), risk: IMPLIED_MEDIUM }],
  ['固收理财|固收类理财|固定收益类理财|fixed income product|fixed income products', { subtypes: st('wealth/fixed_income'), goals: g('income') }],
  ['混合类理财|混合型理财', { subtypes: st('wealth/mixed') }],
  ['养老理财', { kinds: k('wealth'), goals: g('retirement') }],
  // funds
  ['基金|公募|公募基金|私募|私募基金|lof|fof|场内基金|场外基金|fund|funds|mutual fund|mutual funds|unit trust|unit trusts', { kinds: k('fund') }],
  ['混合基金|混合型基金|混基|mixed fund|mixed funds|hybrid fund|hybrid funds', { subtypes: st('fund/mixed') }],
  ['平衡型基金|balanced fund|balanced funds', { subtypes: st('fund/mixed'), risk: IMPLIED_MEDIUM }],
  ['偏债基金|债基|债券基金|纯债基金|债券型基金|bond fund|bond funds', { subtypes: st('fund/bond') }],
  [
    '指数基金|指数|指基|宽基|etf|etfs|指数etf|index fund|index funds|index|index tracker|tracker fund|tracker funds|passive fund|passive funds',
    { subtypes: st('fund/index') }
  ],
  [
    'qdii|qdii基金|海外基金|全球基金|global fund|global funds|overseas fund|overseas funds|international fund|international funds',
    { subtypes: st('fund/qdii') }
  ],
  ['美股基金|港股基金|纳斯达克基金|标普基金', { subtypes: st('fund/qdii'), risk: EQUITY, goals: g('growth') }],
  [
    'esg基金|绿色基金|可持续基金|esg fund|esg funds|sustainable fund|sustainable funds|green fund|green funds|ethical fund|ethical funds',
    { subtypes: st('fund/esg') }
  ],
  // a theme: the fund kind is implied; ESG bonds (tag esg) answer it too
  [
    'esg|esg投资|绿色投资|可持续投资|责任投资|sustainable|sustainable investing|ethical investing|responsible investing|green investing',
    { subtypes: st('fund/esg'), implied: 'kind' }
  ],
  [
    '股票基金|股票型基金|偏股基金|偏股型基金|股基|权益基金|equity fund|equity funds|stock fund|stock funds|growth fund|growth funds',
    { subtypes: st('fund/equity'), risk: EQUITY, goals: g('growth') }
  ],
  [
    '货币基金|货币型基金|货币市场基金|货基|余额宝|零钱通|活期宝|朝朝宝|现金宝|money market|money market fund|money market funds|mmf|mmfs',
    { subtypes: st('fund/money_market'), liquidity: LIQ_HIGH }
  ],
  [
    '定投|基金定投|定期定额|定期定投|dollar cost averaging|dca|sip|systematic investment plan|regular investment plan',
    { kinds: k('fund'), goals: g('growth') }
  ],
  ['养老基金|养老目标基金|target date fund|target date funds|pension fund|pension funds', { kinds: k('fund'), goals: g('retirement') }],
  ['教育基金', { kinds: k('fund'), goals: g('education') }],
  // bonds
  ['债券|金融债|可转债|bond|bonds', { kinds: k('bond') }],
  [
    '国债|储蓄国债|电子式国债|凭证式国债|政府债|treasury|treasuries|treasury bond|treasury bonds|treasury bill|treasury bills|t bill|t bills|gilt|gilts|government bond|government bonds',
    { subtypes: st('bond/treasury') }
  ],
  ['地方债|地方政府债|muni|munis|municipal bond|municipal bonds|local government bond|local government bonds', { subtypes: st('bond/local_government') }],
  ['企业债|公司债|corporate bond|corporate bonds', { subtypes: st('bond/corporate') }],
  ['纯债', { kinds: k('bond'), risk: IMPLIED_LOW }],
  ['高收益债|垃圾债|high yield bond|high yield bonds|junk bond|junk bonds', { kinds: k('bond'), risk: RETURN_WISH, goals: g('income') }],
  ['国债逆回购|逆回购|reverse repo', { kinds: k('bond'), liquidity: LIQ_HIGH_WEAK }],
  // insurance
  ['保险|买保险|保单|商业保险|险种|insurance|insurance policy|insurance plan|insurer|insure', { kinds: k('insurance') }],
  [
    '重疾险|重疾|重大疾病险|重大疾病保险|防癌险|critical illness|critical illness insurance|critical illness cover|cancer insurance',
    { subtypes: st('insurance/critical_illness'), goals: g('protection') }
  ],
  [
    '医疗险|医疗保险|百万医疗|百万医疗险|健康险|健康保险|health insurance|medical insurance|hospital insurance',
    { subtypes: st('insurance/medical'), goals: g('protection') }
  ],
  ['意外险|意外保险|accident insurance|accident cover', { subtypes: st('insurance/accident'), goals: g('protection') }],
  ['寿险|人寿保险|定期寿险|life insurance|term life|term life insurance|life cover', { subtypes: st('insurance/term_life'), goals: g('protection') }],
  ['终身寿险|家庭保障|whole life|whole life insurance|disability insurance', { kinds: k('insurance'), goals: g('protection') }],
  [
    '年金|年金险|年金保险|养老保险|商业养老保险|养老年金|annuity|annuities|pension insurance|retirement annuity',
    { subtypes: st('insurance/annuity'), goals: g('retirement') }
  ],
  ['教育金|子女教育金|孩子教育金|教育年金|教育金保险|教育险|education insurance', { subtypes: st('insurance/education'), goals: g('education') }],
  ['分红险|分红型保险|participating policy', { kinds: k('insurance'), goals: g('income') }],
  ['万能险|万能型保险|增额终身寿|增额寿|universal life', { kinds: k('insurance'), goals: g('growth') }],
  ['旅行险|旅游险|境外旅行险|travel insurance', { subtypes: st('insurance/accident'), goals: g('travel', 'protection') }],
  // credit cards
  ['信用卡|办卡|办张卡|办个卡|金卡|信用额度|credit card|credit cards|card|cards|rewards card', { kinds: k('credit_card') }],
  [
    '旅行信用卡|旅游信用卡|旅行卡|旅游卡|出国信用卡|travel card|travel cards|travel credit card|travel credit cards|miles card|airline card',
    { subtypes: st('credit_card/travel'), goals: g('travel') }
  ],
  [
    '返现卡|返现信用卡|cashback card|cashback cards|cash back card|cash back credit card|cashback credit card',
    { subtypes: st('credit_card/cashback'), goals: g('cashback') }
  ],
  ['学生卡|学生信用卡|student card|student credit card', { subtypes: st('credit_card/student') }],
  ['白金卡|高端信用卡|platinum card|premium card|premium credit card', { subtypes: st('credit_card/premium') }],
  ['联名卡|联名信用卡|co branded card|co branded credit card|cobranded card', { subtypes: st('credit_card/co_branded') }],
  ['境外消费|境外刷卡|外币卡|双币卡|全币种卡', { kinds: k('credit_card'), goals: g('travel'), implied: 'all' }],
  ['foreign transaction fee|foreign transaction fees', { kinds: k('credit_card'), goals: g('travel'), implied: 'all', fees: FEE_NEG_FX }],
  [
    '境外消费免手续费|境外免手续费|免货币转换费|免外汇手续费|免境外手续费|no foreign transaction fee|no foreign transaction fees|no fx fee|no fx fees|no forex fee|no forex fees',
    { kinds: k('credit_card'), goals: g('travel'), implied: 'all', fees: fee('no_fx_fee') }
  ],
  // fees: a card's annual fee, and fees in general
  [
    '免年费|无年费|零年费|不收年费|免年费的|no annual fee|no annual fees|zero annual fee|annual fee free|waived annual fee|annual fee waived',
    { kinds: k('credit_card'), implied: 'all', fees: fee('no_annual_fee') }
  ],
  ['年费|annual fee|annual fees', { kinds: k('credit_card'), implied: 'all', fees: FEE_NEG_ANNUAL }],
  ['低年费|年费低|年费便宜|low annual fee|low annual fees|cheap annual fee', { kinds: k('credit_card'), implied: 'all', fees: fee('low_fees') }],
  [
    '低费率|费率低|低手续费|手续费低|管理费低|低管理费|费用低|低费用|低成本|费率便宜|手续费便宜|费率低的|低佣金|low fee|low fees|low cost|low costs|low expense ratio|low expense ratios|low expenses|low charges|cheap fees|low management fee|low management fees',
    { fees: fee('low_fees') }
  ],
  // "no fee" on a card is its annual fee; elsewhere any fee (resolved in parse.ts)
  ['免费|免手续费|无手续费|零手续费|no fee|no fees|fee free|zero fee|zero fees|free of charge', { fees: fee('none') }],
  ['手续费|费率|费用|管理费|fee|fees|charges', { fees: FEE_NEG_NONE }],
  // loans
  [
    '贷款|借款|借钱|借点钱|借|抵押贷|周转|资金周转|loan|loans|borrow|borrowing|borrow money|credit line|line of credit|refinance|refinancing',
    { kinds: k('loan') }
  ],
  ['信用贷|消费贷|个人贷款|个人消费贷款|personal loan|personal loans|consumer loan|consumer loans', { subtypes: st('loan/personal') }],
  ['经营贷|小微贷款|小微企业贷款|经营贷款|business loan|business loans|small business loan|small business loans', { subtypes: st('loan/small_business') }],
  ['车贷|汽车贷款|买车贷款|car loan|car loans|auto loan|auto loans|car finance', { subtypes: st('loan/car') }],
  [
    '房贷|按揭|住房贷款|公积金贷款|商业贷款|mortgage|mortgages|home loan|home loans|housing loan|home equity loan',
    { subtypes: st('loan/mortgage'), goals: g('home') }
  ],
  // renovating is not buying a home: a renovation loan, not a mortgage, and no home-buying goal
  ['装修贷|装修贷款|家装贷|家装贷款|renovation loan|renovation loans|home improvement loan|home improvement loans', { subtypes: st('loan/renovation') }],
  ['装修房子|房子装修|新房装修|装修新房|装修|家装|翻新|renovation|renovations|renovate|home improvement', { subtypes: st('loan/renovation'), implied: 'all' }],
  ['助学贷款|学生贷款|student loan|student loans|education loan', { kinds: k('loan'), goals: g('education') }],
  // neutral look-alikes, swallowed so that they do not read as a kind
  ['银行卡|借记卡|储蓄卡|身份证|debit card|debit cards|bank card|id card|sim card|credit score|gift card', { role: 'neutral' }],
  ['emergency fund|rainy day fund|rainy day|应急|应急资金|应急钱|备用金|急用|急用钱', { liquidity: LIQ_HIGH }],
  ['education fund|college fund|tuition fund', { goals: g('education') }],
  ['retirement fund|retirement account|retirement savings|401k|401 k|ira|roth ira|pension plan', { goals: g('retirement') }],
  ['travel fund|vacation fund|holiday fund', { goals: g('travel') }]
];

// ---- goals -------------------------------------------------------------------------------------

const GOAL_DEFS: readonly Def[] = [
  [
    '增值|增长|资产增值|财富增长|升值|赚钱|赚点钱|多赚|多赚点|跑赢通胀|跑赢大盘|抗通胀|成长|长期增值|财富积累|积累财富|growth|grow|grow my money|grow my wealth|build wealth|wealth building|appreciation|capital growth|beat inflation|outpace inflation|make money|compound|compounding',
    { goals: g('growth') }
  ],
  [
    '利率高|利率高点|利率高一点|高利率|利息高|高利息|high interest|higher interest|high apy|best rate|best rates|收息|吃利息|利息|固定收益|固收|现金流|分红|派息|被动收入|月月有收入|每月有收入|有点收入|有收入|有些收入|每月收入|每个月有收入|income|regular income|fixed income|passive income|monthly income|interest income|dividend|dividends|coupon|coupons|cash flow',
    { goals: g('income') }
  ],
  ['保值|保本保值|preserve|preservation|capital preservation|preserve capital|preserving capital|keep pace with inflation', { goals: g('preservation') }],
  ['本金安全|资金安全|保住本金|不亏本金|protect my principal|protect principal|protect my capital|keep my money safe', { goals: g('preservation'), risk: LOW }],
  ['稳定收益|稳定收入|稳定现金流|稳定的收益|稳定回报|steady income|stable income|steady returns|stable returns', { goals: g('income'), risk: IMPLIED_LOW }],
  [
    '保本|保本型|保证本金|principal protected|principal guaranteed|capital guaranteed|capital protected|guaranteed principal',
    { goals: g('preservation'), risk: LOW, zeroRisk: true }
  ],
  ['养老|退休|养老金|个人养老金|退休金|晚年|养老钱|retire|retirement|retiring|retired|pension|pensions|old age|golden years', { goals: g('retirement') }],
  [
    '教育|子女教育|孩子教育|小孩教育|学费|留学|出国留学|留学费用|上大学|读大学|读书|上学|孩子上学|education|tuition|college|university|school|school fees|study abroad|studying abroad|kids education',
    { goals: g('education') }
  ],
  ['买房|购房|房子|首付|买房子|换房|住房|home|house|houses|buy a house|buying a home|apartment|down payment|downpayment|property', { goals: g('home') }],
  [
    '保障|保护家人|家庭保护|医疗|看病|意外|身故|protection|protect my family|coverage|cover|medical|hospital|accident|death benefit|illness',
    { goals: g('protection') }
  ],
  [
    '旅游|旅行|出国|出境|出国旅游|出境游|度假|机票|里程|出差|travel|traveling|travelling|trip|trips|vacation|vacations|holiday|holidays|abroad|flights|airline|airlines|air miles|miles|lounge|lounges',
    { goals: g('travel') }
  ],
  ['返现|返利|返钱|现金返还|积分|返点|优惠|cashback|cash back|rebate|rebates|rewards|reward points|points', { goals: g('cashback') }]
];

// ---- risk ----------------------------------------------------------------------------------------

const RISK_DEFS: readonly Def[] = [
  [
    "低风险|风险低|风险小|风险较低|风险很低|风险不高|风险不大|风险低一点|风险小一点|低一点风险|中低风险|较低风险|稳健|稳健型|稳妥|稳一点|稳点|求稳|稳定|平稳|稳|安全|安全第一|安全点|保守|保守型|谨慎|r1|r2|c1|c2|风险承受能力低|风险承受能力弱|风险承受能力差|承受能力低|承受能力弱|风险偏好低|风险承受能力比较弱|风险承受能力较弱|风险承受能力比较低|风险承受能力较低|风险承受能力很低|承受能力比较弱|承受能力较弱|承受能力较低|承受能力比较低|风险厌恶|没什么风险承受能力|没有风险承受能力|风险承受能力不强|风险承受能力不高|承受能力差|承受能力不强|承受能力不高|承受不了风险|亏不起|不能亏|避险|避风险|规避风险|safe haven|low risk|lower risk|lowest risk|minimal risk|little risk|safe|safer|safest|secure|conservative|cautious|careful|stable|steady|risk averse|low risk tolerance|capital safe|can't afford to lose|cannot afford to lose|can not afford to lose",
    { risk: LOW }
  ],
  [
    '零风险|无风险|没有风险|没风险|一点风险都没有|一点风险都不要|不能有风险|不要任何风险|不承担任何风险|不冒任何风险|稳赚|稳赚不赔|稳赚不亏|只赚不赔|no risk|zero risk|risk free|riskless|without risk|without any risk|with no risk|no risk at all|guaranteed return|guaranteed returns',
    { risk: LOW, zeroRisk: true }
  ],
  [
    '中风险|中等风险|风险适中|风险中等|适中|平衡|平衡型|均衡|稳中求进|一定风险|一点风险|一些风险|些许风险|部分风险|r3|c3|风险承受能力一般|风险承受能力中等|承受能力一般|medium risk|moderate risk|moderate|moderately|balanced|middle of the road|some risk|a bit of risk|a little risk|a little bit of risk|some volatility|medium risk tolerance|风险不要太高|风险不能太高|风险别太高|风险不要太大|风险不能太大|风险不宜过高',
    { risk: MEDIUM }
  ],
  [
    '高风险|风险高|风险大|风险较高|较高风险|较大风险|中高风险|激进|激进型|进取|进取型|积极型|成长型|r4|r5|c4|c5|风险承受能力高|风险承受能力强|承受能力高|承受能力强|风险偏好高|风险承受能力比较强|风险承受能力较强|风险承受能力很强|风险承受能力比较高|风险承受能力较高|承受能力比较强|承受能力较强|承受能力很强|承受能力较高|太激进|太冒险|high risk|higher risk|aggressive|aggressively|speculative|adventurous|high risk tolerance|risk taker|take risks|taking risks|take risk|big risks|too risky|too aggressive',
    { risk: HIGH }
  ],
  ['冒险|搏一搏|博一博|赌一把|risky|gamble|yolo', { risk: RISKY }],
  [
    '风险|亏|亏钱|亏损|亏本|赔钱|赔本|损失|本金损失|回撤|波动|波动大|跌|下跌|risk|risks|lose|lose money|losing|losing money|loss|losses|volatility|volatile|drawdown|drawdowns|downside',
    { risk: RISKINESS }
  ],
  [
    '高收益|收益高|收益高的|高回报|回报高|收益率高|高收益率|收益高一点|收益高点|收益要高|收益高些|收益更高|更高收益|更高的收益|收益好|收益好的|收益不错|收益高高的|越高越好|收益越高越好|年化高|年化高点|年化高一点|年化高的|the higher the better|收益最大化|赚得多|赚多点|翻倍|暴富|高息|high return|high returns|higher return|higher returns|high yield|high yielding|maximum return|maximum returns|maximize returns|maximise returns|best return|best returns|big returns|double my money|beat the market',
    { risk: RETURN_WISH, goals: g('growth'), returnWish: true }
  ],
  ['股票|炒股|a股|美股|港股|个股|权益|偏股|stock|stocks|equity|equities|shares|growth stocks|tech stocks', { risk: EQUITY, goals: g('growth') }],
  ['比特币|虚拟币|加密货币|数字货币|期货|期权|crypto|cryptocurrency|bitcoin|futures|leverage|杠杆', { risk: EQUITY }]
];

// ---- liquidity and horizon words --------------------------------------------------------------------

const LIQUIDITY_DEFS: readonly Def[] = [
  [
    '随时|随时可取|随时取|随时能取|随取随用|随存随取|随用随取|随时赎回|灵活|灵活取用|流动性|流动性好|流动性高|流动性强|活期|活钱|零钱|可取|可以取|能取|取出来|取钱|提前支取|提前取|t+0|anytime|any time|whenever|at any time|flexible|flexibility|liquid|liquidity|withdraw|withdrawal|withdrawals|withdrawing|withdraw anytime|access my money|access to my money|access the money|need access|easy access|instant access|on demand|cash out',
    { liquidity: LIQ_HIGH }
  ],
  ['t+1|开放式|每日开放', { liquidity: LIQ_HIGH_WEAK }],
  ['流动性一般|流动性中等|流动性适中|持有期|最短持有期|some liquidity|moderate liquidity|semi liquid', { liquidity: LIQ_MEDIUM }],
  [
    "锁定|锁定期|锁住|锁死|锁仓|锁|封闭|封闭期|封闭式|流动性差|流动性低|流动性要求不高|流动性要求低|流动性没要求|用不到|用不上|暂时不用|不急用|不急着用|长期不用|长期不动|不会动|不动用|闲置|lock|locked|lock up|locked up|locking|lock in|lock in period|lockup|tie up|tied up|illiquid|don't need the money|do not need the money|won't need the money|will not need the money|don't need access|won't need it|won't touch it|won't touch|will not touch|don't need to touch it|not going to touch",
    { liquidity: LIQ_LOW }
  ],
  ['定期|不急', { liquidity: LIQ_LOW_WEAK }],
  ['长期|长线|长期投资|长期持有|long term|long run|long haul|long time|for the long run|for the long haul|for years', { horizon: LONG }],
  ['中长期', { horizon: MID }],
  ['中期|medium term|mid term|intermediate term', { horizon: MID }],
  ['短期|短线|中短期|短期内|short term|near term', { horizon: SHORT }],
  ['超短期|超短', { horizon: { pos: 1 } }],
  ['明年|下一年|next year|within the year', { horizon: { pos: 12 } }],
  ['下个月|next month', { horizon: { pos: 1 } }]
];

// ---- roles ---------------------------------------------------------------------------------------------

const ROLE_DEFS: readonly Def[] = [
  [
    "不|不敢|不要|不想|不想要|不用|不需要|不太需要|不太想|不打算|不考虑|不买|不投|不碰|不选|不喜欢|不追求|不接受|不能接受|接受不了|无法接受|不能承受|承受不了|无法承受|不愿|不愿意|不希望|不可以|不能|不会|别|别买|别给|别推荐|不要推荐|勿|拒绝|避免|避开|远离|排除|除了|讨厌|非|no|not|don't|dont|do not|does not|doesn't|didn't|never|without|avoid|avoiding|except|excluding|exclude|other than|nothing|none|nor|neither|no more|can't|cannot|can not|won't|wouldn't|shouldn't|isn't|aren't|hate|dislike|rather not|instead of|rather than|not into|stay away from|steer clear of|not ok with|not okay with|not comfortable with|uncomfortable with|can't handle|cannot handle|can't accept|can't tolerate|can't take|don't want|do not want|dont want|don't need|do not need|dont need|don't like|not interested in",
    { role: 'neg' }
  ],
  ["没|没有|无|怕|害怕|担心|担忧|afraid of|scared of|worried about|nervous about|concerned about|fear|don't have|do not have", { role: 'negSoft' }],
  ['就算了|算了|免谈|不感兴趣|没兴趣|不考虑了|no thanks|not interested|not needed|not for me', { role: 'negPost' }],
  [
    '能接受|可以接受|接受|能承受|可以承受|承受|承担|愿意承担|能承担|可以承担|没关系|没事|也行|也可以|都行|不要紧|ok with|okay with|fine with|comfortable with|willing to take|willing to accept|happy to take|can take|can handle|can tolerate|tolerate|accept|can accept|can live with|open to',
    { role: 'accept' }
  ],
  [
    "不怕|不担心|无所谓|不在乎|不介意|敢|don't mind|do not mind|dont mind|not afraid of|not worried about|don't care about|dont care about|don't care|dont care|regardless of",
    { role: 'acceptStrong' }
  ],
  [
    '要|想|想要|需要|希望|打算|准备|考虑|买|投|投资|找|求|选|推荐|倾向|偏好|喜欢|追求|want|wants|wanted|need|needs|looking for|look for|prefer|like|would like|interested in|buy|get|find|choose|pick|go for|recommend|show me|give me',
    { role: 'want' }
  ],
  [
    '但|但是|可是|不过|而是|然而|却|反而|倒是|只想|只要|只|就要|宁愿|宁可|而且|另外|同时|此外|还有|还要|还想|并且|but|however|though|although|instead|rather|yet|whereas|only|just|also|plus|besides',
    { role: 'break' }
  ],
  [
    "风险承受能力|承受能力|风险偏好|risk tolerance|risk appetite|risk profile|有没有|有木有|有没|还没有|能不能|可不可以|是不是|要不要|好不好|行不行|会不会|想不想|需不需要|买不买|能否|是否|股市|stock market|不错|不少|不同|不一样|不仅|不但|不管|不论|无论|不限|不知道|不懂|不太懂|不清楚|不确定|不了解|不太了解|不会理财|不懂理财|不超过|不要超过|不能超过|别超过|不到|不足|不低于|不少于|不多于|不高于|不大于|不小于|不如|不妨|不一定|不得不|不然|不断|不够|没问题|没想好|没什么|无门槛|非常|并非|别的|别人|特别|区别|分别|级别|类别|个别|哪怕|恐怕|万一|千万|don't know|do not know|dont know|not sure|no idea|not only|no matter|no problem|no more than|not more than|no less than|not less than|no later than|no longer than|not longer than|no minimum|not bad|nothing else|not that much",
    { role: 'neutral' }
  ]
];

/** Names the engine already uses in its reasons (vocab/names.ts), as extra terms; explicit entries above win. */
function seedDefs(): Def[] {
  const out: Def[] = [];
  for (const kind of PRODUCT_KINDS) {
    const names = KIND_NAMES[kind];
    out.push([`${names['zh-CN']}|${names.en}`, { kinds: k(kind) }]);
  }
  for (const goal of GOALS) {
    const names = GOAL_NAMES[goal];
    out.push([`${names['zh-CN']}|${names.en}`, { goals: g(goal) }]);
  }
  return out;
}

// ---- text preparation -----------------------------------------------------------------------------------

/** A few traditional characters common in finance requests, mapped to simplified (zh-TW/HK users). */
const TRAD_TO_SIMP: Readonly<Record<string, string>> = {
  險: '险',
  財: '财',
  債: '债',
  貸: '贷',
  穩: '稳',
  風: '风',
  養: '养',
  儲: '储',
  萬: '万',
  億: '亿',
  兩: '两',
  個: '个',
  單: '单',
  額: '额',
  壽: '寿',
  醫: '医',
  療: '疗',
  國: '国',
  幣: '币',
  買: '买',
  錢: '钱',
  虧: '亏',
  長: '长',
  時: '时',
  隨: '随',
  靈: '灵',
  動: '动',
  護: '护',
  資: '资',
  貨: '货',
  賺: '赚',
  產: '产',
  還: '还',
  與: '与',
  證: '证',
  費: '费',
  現: '现',
  學: '学',
  遊: '游',
  歲: '岁',
  週: '周',
  負: '负',
  無: '无',
  專: '专',
  業: '业',
  優: '优',
  積: '积',
  點: '点',
  這: '这',
  對: '对',
  閒: '闲',
  餘: '余',
  實: '实',
  換: '换',
  級: '级',
  權: '权',
  匯: '汇',
  種: '种',
  數: '数',
  鎖: '锁',
  紅: '红',
  經: '经',
  營: '营',
  車: '车',
  開: '开',
  閉: '闭',
  給: '给',
  會: '会',
  過: '过',
  較: '较',
  戶: '户',
  帳: '账',
  賬: '账',
  決: '决'
};

/**
 * The text every part of the parser reads: NFKC (full-width digits and punctuation become ASCII:
 * "５万" -> "5万", "，" -> ","), lower case, curly quotes straightened, a few traditional characters
 * simplified, whitespace collapsed. Hyphens are kept: "3-5 years" is a range.
 */
export function prepareText(raw: string): string {
  let s = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
  s = s.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, (c) => TRAD_TO_SIMP[c] ?? c);
  return s.replace(/\s+/g, ' ').trim();
}

/** The scanning view of a prepared text: "low-risk" and "low_risk" read as "low risk". Same length. */
export function scanView(prepared: string): string {
  return prepared.replace(/[-_/]/g, ' ');
}

// ---- the trie ------------------------------------------------------------------------------------------------

interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: LexEntry;
}

const newNode = (): TrieNode => ({ next: new Map() });

function normaliseTerm(t: string): string {
  // the engine's normaliser, plus the same punctuation folding as prepareText
  return normalise(t.replace(/[\u2018\u2019]/g, "'"));
}

interface Built {
  root: TrieNode;
  entries: LexEntry[];
  duplicates: string[];
}

function build(): Built {
  const root = newNode();
  const entries: LexEntry[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  const add = (defs: readonly Def[], reportDuplicates: boolean): void => {
    for (const [terms, sense] of defs) {
      for (const rawTerm of terms.split('|')) {
        const term = normaliseTerm(rawTerm);
        if (term === '') continue;
        if (seen.has(term)) {
          if (reportDuplicates) duplicates.push(term);
          continue;
        }
        seen.add(term);
        const entry: LexEntry = { term, sense };
        entries.push(entry);
        let node = root;
        for (const ch of term) {
          let child = node.next.get(ch);
          if (!child) {
            child = newNode();
            node.next.set(ch, child);
          }
          node = child;
        }
        node.entry = entry;
      }
    }
  };
  add(KIND_DEFS, true);
  add(GOAL_DEFS, true);
  add(RISK_DEFS, true);
  add(LIQUIDITY_DEFS, true);
  add(ROLE_DEFS, true);
  add(seedDefs(), false);
  return { root, entries, duplicates };
}

const BUILT = build();

/** Every term the parser knows (for tests and tooling). */
export const LEXICON: readonly LexEntry[] = BUILT.entries;
/** Terms defined twice in the tables above (the first definition wins); a test keeps this empty. */
export const LEXICON_DUPLICATES: readonly string[] = BUILT.duplicates;

export interface LexMatch {
  start: number;
  end: number;
  entry: LexEntry;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);

/**
 * Forward maximum matching: at each position take the longest known term that starts there (an
 * English term must start and end on a word boundary; a trailing plural "s" is allowed), then
 * continue after it. Characters no term covers are skipped. Linear in the text.
 */
export function scanTerms(view: string): LexMatch[] {
  const out: LexMatch[] = [];
  const n = view.length;
  let i = 0;
  while (i < n) {
    const c = view[i]!;
    if (c === ' ' || (isWordChar(c) && isWordChar(view[i - 1]))) {
      i++;
      continue;
    }
    let node: TrieNode | undefined = root();
    let j = i;
    let best: { end: number; entry: LexEntry } | undefined;
    while (node && j < n) {
      const ch = view[j]!;
      const child: TrieNode | undefined = node.next.get(ch);
      if (!child) break;
      node = child;
      j++;
      if (ch === ' ') while (view[j] === ' ') j++;
      if (node.entry) {
        const term = node.entry.term;
        const last = term[term.length - 1];
        let end = j;
        let ok = true;
        if (isWordChar(last) && isWordChar(view[end])) {
          ok = view[end] === 's' && !isWordChar(view[end + 1]) && /[a-z]/.test(last ?? '');
          if (ok) end++;
        }
        if (ok) best = { end, entry: node.entry };
      }
    }
    if (best) {
      out.push({ start: i, end: best.end, entry: best.entry });
      i = best.end;
    } else {
      i++;
    }
  }
  return out;
}

function root(): TrieNode {
  return BUILT.root;
}
