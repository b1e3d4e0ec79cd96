/** Credit cards: travel, cashback, student, premium, co-branded. */
import type { RiskLevel } from '../../src/lib/domain/product';
import { CARD_BANKS, type Bank } from './issuers';
import { grouped, pct, zhNumber } from './format';
import { makeProduct, popularity, type SubtypeSpec, type Text } from './product';
import type { Rng } from './rng';

/** the usual card rate: 0.05 % a day, 18.25 % a year */
const STANDARD_APR = 18.25;

/** 18.25 -> "万分之五", 16.43 -> "万分之四点五" (the daily rate, as cards state it) */
function dailyZh(apr: number): string {
  const d = Math.round((apr / 3.65) * 10) / 10;
  const whole = Math.floor(d);
  const tenth = Math.round((d - whole) * 10);
  return `万分之${zhNumber(whole)}${tenth ? `点${zhNumber(tenth)}` : ''}`;
}

const trimZeros = (x: string): string => x.replace(/\.?0+$/, '');
const capitalise = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);

/** the fee and credit terms every card description ends with */
function terms(fee: number, swipes: number | null, apr: number, freeDays: number): Text {
  const feeZh = fee === 0 ? '免年费' : swipes !== null ? `年费${fee}元，每年刷卡${swipes}次免次年年费` : `年费${grouped(fee)}元`;
  const feeEn =
    fee === 0 ? 'No annual fee' : swipes !== null ? `A CNY ${fee} annual fee, waived after ${swipes} purchases a year` : `A CNY ${grouped(fee)} annual fee`;
  return {
    'zh-CN': `${feeZh}。最长${freeDays}天免息期，循环信用日利率${dailyZh(apr)}（年化约${pct(apr)}%）。`,
    en: `${feeEn}; up to ${freeDays} interest-free days, and ${pct(apr)}% a year (${trimZeros((apr / 365).toFixed(3))}% a day) on revolving balances.`
  };
}

function build(
  rng: Rng,
  b: Bank,
  o: {
    id: string;
    subtype: string;
    name: Text;
    lead: Text;
    fee: number;
    swipes: number | null;
    risk: RiskLevel;
    apr: number;
    eligibility: { minAge: number; maxAge: number; minIncome?: number };
    tags: readonly (string | false | undefined)[];
    pop: number;
    /** what the card gives, most important first (the interest-free days are added last) */
    benefits: readonly Text[];
    extra?: Record<string, number | string>;
  }
) {
  const freeDays = rng.pick([50, 50, 56]);
  const tail = terms(o.fee, o.swipes, o.apr, freeDays);
  return makeProduct({
    id: o.id,
    kind: 'credit_card',
    subtype: o.subtype,
    issuer: b,
    name: o.name,
    description: {
      'zh-CN': `${o.lead['zh-CN']}${tail['zh-CN']}`,
      en: `${o.lead.en} ${tail.en}`
    },
    riskLevel: o.risk,
    expectedReturn: null,
    apr: o.apr,
    annualFee: o.fee,
    termMonths: null,
    minAmount: null,
    liquidity: 'high',
    eligibility: o.eligibility,
    tags: [...o.tags, o.fee === 0 && 'no-annual-fee'],
    popularity: o.pop,
    kindFields: {
      ...(o.fee > 0 && o.swipes !== null
        ? { annualFeeWaiver: { 'zh-CN': `每年刷卡${o.swipes}次免次年年费`, en: `Waived for the next year after ${o.swipes} purchases a year` } }
        : {}),
      benefits: [...o.benefits, { 'zh-CN': `最长${freeDays}天免息期`, en: `Up to ${freeDays} interest-free days` }]
    },
    ...(o.extra ? { extra: o.extra } : {})
  });
}

const AIRLINES = [
  { id: 'airchina', zh: '国航知音', en: 'Air China PhoenixMiles' },
  { id: 'ceair', zh: '东航', en: 'China Eastern' },
  { id: 'csair', zh: '南航明珠', en: 'China Southern Sky Pearl' }
] as const;

const travel: SubtypeSpec = {
  kind: 'credit_card',
  subtype: 'travel',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const b = cycle(CARD_BANKS);
    const miles = index % 2 === 1;
    if (miles) {
      const air = rng.pick(AIRLINES);
      const fee = rng.pick([0, 288, 480]);
      const per = rng.pick([10, 12, 15]);
      const programme = air.zh.replace('知音', '').replace('明珠', '');
      return build(rng, b, {
        id: id(`card-travel-${air.id}-${b.code}`),
        subtype: 'travel',
        name: { 'zh-CN': `${b.zhShort}${air.zh}联名信用卡`, en: `${b.enShort} ${air.en} Credit Card` },
        lead: {
          'zh-CN': `${b.zhShort}航空里程信用卡，消费每${per}元累积1公里${programme}里程，可兑换机票和升舱，`,
          en: `An airline-miles credit card from ${b.en} that earns ${air.en} miles on every purchase, redeemable for flights and upgrades.`
        },
        fee,
        swipes: fee > 0 && fee < 400 ? 6 : null,
        risk: 1,
        apr: STANDARD_APR,
        eligibility: { minAge: 18, maxAge: 60, minIncome: fee >= 480 ? 100000 : 60000 },
        tags: ['travel', 'miles', 'rewards'],
        pop: popularity(rng, 0.45, b),
        benefits: [
          { 'zh-CN': `每消费${per}元累积1公里${programme}里程`, en: `1 ${air.en} mile for every CNY ${per} spent` },
          { 'zh-CN': '里程可兑换机票和升舱', en: 'Miles redeemable for flights and upgrades' }
        ]
      });
    }
    const fee = rng.pick([0, 0, 200]);
    return build(rng, b, {
      id: id(`card-travel-global-${b.code}`),
      subtype: 'travel',
      name: { 'zh-CN': `${b.zhShort}全币种国际信用卡`, en: `${b.enShort} All-Currency World Credit Card` },
      lead: {
        'zh-CN': `${b.zhShort}全币种国际信用卡，境外消费免货币转换费，以人民币入账还款，附赠航空意外险和机场贵宾厅礼遇，`,
        en: `A world credit card from ${b.en} with no foreign-transaction fee abroad, billed and repaid in yuan, plus flight accident cover and airport lounge access.`
      },
      fee,
      swipes: fee > 0 ? 6 : null,
      risk: 1,
      apr: STANDARD_APR,
      eligibility: { minAge: 18, maxAge: 60, minIncome: 80000 },
      tags: ['travel', 'global', 'no-fx-fee', 'rewards'],
      pop: popularity(rng, 0.5, b),
      benefits: [
        { 'zh-CN': '境外消费免货币转换费', en: 'No foreign-transaction fee abroad' },
        { 'zh-CN': '机场贵宾厅礼遇', en: 'Airport lounge access' },
        { 'zh-CN': '赠送航空意外险', en: 'Flight accident cover included' }
      ]
    });
  }
};

const CASHBACK_FOCUS = [
  { id: 'grocery', zh: '超市和生鲜', en: 'supermarkets and groceries' },
  { id: 'dining', zh: '餐饮和外卖', en: 'dining and food delivery' },
  { id: 'fuel', zh: '加油和充电', en: 'fuel and EV charging' },
  { id: 'online', zh: '网购和移动支付', en: 'online shopping and mobile payments' }
] as const;

const cashback: SubtypeSpec = {
  kind: 'credit_card',
  subtype: 'cashback',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const b = cycle(CARD_BANKS);
    const focus = CASHBACK_FOCUS[index % CASHBACK_FOCUS.length] ?? CASHBACK_FOCUS[0];
    const rate = rng.pick([3, 5]);
    const cap = rng.pick([50, 80, 100]);
    const fee = rng.pick([0, 0, 100]);
    return build(rng, b, {
      id: id(`card-cashback-${focus.id}-${b.code}`),
      subtype: 'cashback',
      name: {
        'zh-CN': `${b.zhShort}${rng.pick(['悦享', '乐享', '省钱'])}返现信用卡`,
        en: `${b.enShort} ${rng.pick(['Everyday', 'Smart Saver', 'Cash Rewards'])} Cashback Card`
      },
      lead: {
        'zh-CN': `${b.zhShort}返现信用卡，${focus.zh}消费返现${rate}%，其他消费返现0.5%，每月返现上限${cap}元，`,
        en: `A cashback credit card from ${b.en} giving ${rate}% back on ${focus.en} and 0.5% on everything else, up to CNY ${cap} a month.`
      },
      fee,
      swipes: fee > 0 ? 6 : null,
      risk: 1,
      apr: STANDARD_APR,
      eligibility: { minAge: 18, maxAge: 60, minIncome: rng.pick([30000, 36000, 50000]) },
      tags: ['cashback', 'rewards', 'everyday'],
      pop: popularity(rng, 0.6, b),
      benefits: [
        { 'zh-CN': `${focus.zh}消费返现${rate}%`, en: `${rate}% back on ${focus.en}` },
        { 'zh-CN': '其他消费返现0.5%', en: '0.5% back on everything else' },
        { 'zh-CN': `每月返现上限${cap}元`, en: `Up to CNY ${cap} back a month` }
      ],
      extra: { cashbackRate: rate }
    });
  }
};

const student: SubtypeSpec = {
  kind: 'credit_card',
  subtype: 'student',
  weight: 4,
  build({ rng, id, cycle }) {
    const b = cycle(CARD_BANKS);
    const limit = rng.pick([1000, 2000, 3000, 5000]);
    return build(rng, b, {
      id: id(`card-student-${b.code}`),
      subtype: 'student',
      name: { 'zh-CN': `${b.zhShort}青春校园信用卡`, en: `${b.enShort} Campus Credit Card` },
      lead: {
        'zh-CN': `${b.zhShort}面向全日制在校大学生的信用卡，额度最高${grouped(limit)}元，需父母知情同意，外卖、视频会员等校园消费可享返现，`,
        en: `A credit card for full-time university students from ${b.en}, with a limit of up to CNY ${grouped(limit)}, parental consent required, and cashback on campus spending such as food delivery and streaming.`
      },
      fee: 0,
      swipes: null,
      risk: 1,
      apr: STANDARD_APR,
      eligibility: { minAge: 18, maxAge: 30 },
      tags: ['students', 'cashback', 'starter'],
      pop: popularity(rng, 0.4, b),
      benefits: [
        { 'zh-CN': '外卖、视频会员等校园消费返现', en: 'Cashback on campus spending such as food delivery and streaming' },
        { 'zh-CN': `额度最高${grouped(limit)}元`, en: `A limit of up to CNY ${grouped(limit)}` }
      ],
      extra: { creditLimit: limit }
    });
  }
};

const premium: SubtypeSpec = {
  kind: 'credit_card',
  subtype: 'premium',
  weight: 4,
  build({ rng, id, cycle, index }) {
    const b = cycle(CARD_BANKS);
    const diamond = index % 3 === 2;
    const fee = diamond ? rng.pick([3600, 5000]) : rng.pick([1000, 2000, 3600]);
    const tier = diamond ? { zh: '钻石卡', en: 'Diamond Card', id: 'diamond' } : { zh: '白金卡', en: 'Platinum Card', id: 'platinum' };
    const apr = rng.pick([STANDARD_APR, STANDARD_APR, 16.43, 14.6]);
    return build(rng, b, {
      id: id(`card-premium-${tier.id}-${b.code}`),
      subtype: 'premium',
      name: { 'zh-CN': `${b.zhShort}尊享${tier.zh}`, en: `${b.enShort} ${tier.en}` },
      lead: {
        'zh-CN': `${b.zhShort}高端信用卡，享不限次机场贵宾厅、酒店升级、高额航空意外险和专属客户经理，消费积分可兑换里程，`,
        en: `A premium credit card from ${b.en} with unlimited airport lounge visits, hotel upgrades, generous flight accident cover and a dedicated relationship manager; points convert to air miles.`
      },
      fee,
      swipes: null,
      risk: 2,
      apr,
      eligibility: { minAge: 18, maxAge: 65, minIncome: diamond ? 500000 : rng.pick([200000, 300000]) },
      tags: ['premium', 'travel', 'rewards', 'lounge'],
      pop: popularity(rng, 0.25, b),
      benefits: [
        { 'zh-CN': '不限次机场贵宾厅', en: 'Unlimited airport lounge visits' },
        { 'zh-CN': '酒店升级', en: 'Hotel upgrades' },
        { 'zh-CN': '高额航空意外险', en: 'Generous flight accident cover' },
        { 'zh-CN': '专属客户经理', en: 'A dedicated relationship manager' },
        { 'zh-CN': '积分可兑换里程', en: 'Points convert to air miles' }
      ]
    });
  }
};

const PARTNERS = [
  {
    id: 'jd',
    zh: '京东',
    en: 'JD.com',
    perk: { zh: '京东购物满额立减、每月PLUS会员权益', en: 'JD.com discounts and monthly PLUS membership perks' },
    tags: ['cashback', 'shopping']
  },
  {
    id: 'meituan',
    zh: '美团',
    en: 'Meituan',
    perk: { zh: '外卖和到店餐饮每周立减', en: 'weekly money off Meituan food delivery and dining' },
    tags: ['cashback', 'dining']
  },
  {
    id: 'bilibili',
    zh: '哔哩哔哩',
    en: 'Bilibili',
    perk: { zh: '赠送大会员和专属卡面', en: 'a free premium membership and exclusive card designs' },
    tags: ['rewards', 'entertainment']
  },
  { id: 'didi', zh: '滴滴出行', en: 'DiDi', perk: { zh: '打车每单立减', en: 'money off every DiDi ride' }, tags: ['cashback', 'commute'] },
  {
    id: 'ctrip',
    zh: '携程',
    en: 'Trip.com',
    perk: { zh: '机票酒店预订返现和旅行积分', en: 'cashback and travel points on Trip.com flights and hotels' },
    tags: ['travel', 'cashback']
  },
  {
    id: 'starbucks',
    zh: '星巴克',
    en: 'Starbucks',
    perk: { zh: '每月咖啡买赠和星星积分加倍', en: 'a monthly free drink offer and double Stars' },
    tags: ['rewards', 'dining']
  }
] as const;

const coBranded: SubtypeSpec = {
  kind: 'credit_card',
  subtype: 'co_branded',
  weight: 6,
  build({ rng, id, cycle }) {
    const b = cycle(CARD_BANKS);
    const p = cycle(PARTNERS);
    const fee = rng.pick([0, 0, 0, 99, 199]);
    return build(rng, b, {
      id: id(`card-cobrand-${p.id}-${b.code}`),
      subtype: 'co_branded',
      name: { 'zh-CN': `${b.zhShort}${p.zh}联名信用卡`, en: `${b.enShort} ${p.en} Co-Branded Credit Card` },
      lead: {
        'zh-CN': `${b.zhShort}与${p.zh}合作的联名信用卡，享${p.perk.zh}，`,
        en: `A co-branded credit card from ${b.en} and ${p.en}, with ${p.perk.en}.`
      },
      fee,
      swipes: fee > 0 ? 6 : null,
      risk: 1,
      apr: STANDARD_APR,
      eligibility: { minAge: 18, maxAge: 60, minIncome: 36000 },
      tags: ['co-branded', ...p.tags],
      pop: popularity(rng, 0.45, b),
      benefits: [{ 'zh-CN': `享${p.perk.zh}`, en: capitalise(p.perk.en) }],
      extra: { partner: p.en }
    });
  }
};

export const CARD_SUBTYPES: readonly SubtypeSpec[] = [travel, cashback, student, premium, coBranded];
