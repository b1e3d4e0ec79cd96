/** Loans: mortgage, car, personal (consumer), renovation, small business. */
import { CAR_LOAN_BANKS, MORTGAGE_BANKS, PERSONAL_LOAN_BANKS, SME_LOAN_BANKS, type BankTier } from './issuers';
import { clamp, moneyEn, moneyZh, pct, round2, termEn, termZh } from './format';
import { makeProduct, popularity, type SubtypeSpec } from './product';

/*
 * Each loan quotes its `apr` as the "from" rate; `aprRange.max` is the top of the range the
 * generator draws that subtype's rates from, i.e. what a borrower with a weaker profile may be
 * offered. No extra random draws: every other field stays as it was generated before.
 */

/** the 5-year-plus loan prime rate assumed for the demo, % a year */
const LPR_5Y = 3.5;

const MORTGAGE_STYLES = [
  { id: 'first', zh: '首套房', en: 'first-home', title: 'First-Home', lo: 3.05, hi: 3.2, down: 15 },
  { id: 'second', zh: '二套房', en: 'second-home', title: 'Second-Home', lo: 3.3, hi: 3.5, down: 25 },
  { id: 'first', zh: '首套房', en: 'first-home', title: 'First-Home', lo: 3.05, hi: 3.2, down: 15 },
  { id: 'combo', zh: '公积金组合', en: 'provident-fund combination', title: 'Provident Fund Combination', lo: 3.05, hi: 3.15, down: 20 }
] as const;

const mortgage: SubtypeSpec = {
  kind: 'loan',
  subtype: 'mortgage',
  weight: 8,
  build({ rng, id, cycle, index }) {
    const b = cycle(MORTGAGE_BANKS);
    const st = MORTGAGE_STYLES[index % MORTGAGE_STYLES.length] ?? MORTGAGE_STYLES[0];
    const apr = round2(rng.between(st.lo, st.hi));
    const years = rng.pick([20, 25, 30, 30]);
    const spread = Math.round((apr - LPR_5Y) * 100);
    const spreadZh = spread === 0 ? 'LPR' : `LPR${spread > 0 ? '+' : '-'}${Math.abs(spread)}个基点`;
    const spreadEn = spread === 0 ? 'the LPR' : `the LPR ${spread > 0 ? 'plus' : 'minus'} ${Math.abs(spread)} basis points`;
    const minIncome = rng.pick([60000, 80000, 100000]);
    return makeProduct({
      id: id(`loan-mortgage-${st.id}-${b.code}`),
      kind: 'loan',
      subtype: 'mortgage',
      issuer: b,
      name: { 'zh-CN': `${b.zhShort}个人住房贷款（${st.zh}）`, en: `${b.enShort} ${st.title} Mortgage` },
      description: {
        'zh-CN': `${b.zhShort}${st.zh}个人住房贷款，年利率${pct(apr)}%（${spreadZh}），最长${years}年，首付最低${st.down}%，可选等额本息或等额本金还款。借款人需年满18周岁、有稳定收入，贷款到期时年龄一般不超过70岁。`,
        en: `A ${st.en} mortgage from ${b.en} at ${pct(apr)}% a year (${spreadEn}) for up to ${years} years, with a ${st.down}% minimum down payment and equal-instalment or equal-principal repayment. Borrowers need a steady income and should be no older than 70 when the loan ends.`
      },
      riskLevel: 1,
      expectedReturn: null,
      apr,
      termMonths: years * 12,
      minAmount: 100000,
      liquidity: 'low',
      eligibility: { minAge: 18, maxAge: 65, minIncome },
      tags: ['home', 'mortgage', 'long-term', st.id === 'combo' && 'provident-fund'],
      popularity: popularity(rng, 0.5, b),
      kindFields: { aprRange: { min: apr, max: Math.max(apr, st.hi) }, termRange: { minMonths: 60, maxMonths: years * 12 }, maxAmount: 10000000 },
      extra: { downPaymentPct: st.down }
    });
  }
};

const car: SubtypeSpec = {
  kind: 'loan',
  subtype: 'car',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const b = cycle(CAR_LOAN_BANKS);
    const ev = index % 2 === 1;
    const apr = round2(ev ? rng.between(3, 4.5) : rng.between(3.6, 6));
    const months = rng.pick([24, 36, 36, 60]);
    const max = rng.pick([300000, 500000, 1000000]);
    return makeProduct({
      id: id(`loan-car-${ev ? 'nev' : 'std'}-${b.code}`),
      kind: 'loan',
      subtype: 'car',
      issuer: b,
      name: ev
        ? { 'zh-CN': `${b.zhShort}新能源汽车消费贷款`, en: `${b.enShort} New Energy Vehicle Loan` }
        : { 'zh-CN': `${b.zhShort}个人汽车消费贷款`, en: `${b.enShort} Car Loan` },
      description: {
        'zh-CN': `${b.zhShort}${ev ? '新能源汽车' : '汽车'}消费贷款，年利率${pct(apr)}%起，期限最长${termZh(months)}，最高${moneyZh(max)}，首付最低15%，在合作经销商处申请当天审批。需年满18周岁、有稳定收入。`,
        en: `A ${ev ? 'new-energy vehicle' : 'car'} loan from ${b.en} from ${pct(apr)}% a year over up to ${termEn(months)}, borrowing up to ${moneyEn(max)} with a 15% minimum down payment and same-day approval at partner dealers. Borrowers must be 18 or over with a steady income.`
      },
      riskLevel: 1,
      expectedReturn: null,
      apr,
      termMonths: months,
      minAmount: 30000,
      liquidity: 'low',
      eligibility: { minAge: 18, maxAge: 65, minIncome: rng.pick([50000, 60000]) },
      tags: ['car', ev && 'esg', ev && 'green'],
      popularity: popularity(rng, 0.35, b),
      kindFields: { aprRange: { min: apr, max: Math.max(apr, ev ? 4.5 : 6) }, termRange: { minMonths: 12, maxMonths: months }, maxAmount: max }
    });
  }
};

const PERSONAL_APR: Record<BankTier, [number, number]> = {
  state: [3.2, 4.5],
  joint: [3.5, 6.5],
  city: [3.8, 7.2],
  online: [6.5, 10]
};

const personal: SubtypeSpec = {
  kind: 'loan',
  subtype: 'personal',
  weight: 8,
  build({ rng, id, cycle, index }) {
    const b = cycle(PERSONAL_LOAN_BANKS);
    const revolving = b.tier === 'online' || index % 3 === 0;
    const [lo, hi] = PERSONAL_APR[b.tier];
    const apr = round2(clamp(rng.between(lo, hi), 3.2, 10));
    const max = rng.pick([200000, 300000, 300000]);
    const months = rng.pick([12, 24, 36]);
    const daily = (apr / 365).toFixed(4);
    return makeProduct({
      id: id(`loan-personal-${revolving ? 'line' : 'term'}-${b.code}`),
      kind: 'loan',
      subtype: 'personal',
      issuer: b,
      name: revolving
        ? { 'zh-CN': `${b.zhShort}随借随还信用贷`, en: `${b.enShort} Flexible Credit Line` }
        : { 'zh-CN': `${b.zhShort}个人消费贷款`, en: `${b.enShort} Personal Consumer Loan` },
      description: revolving
        ? {
            'zh-CN': `${b.zhShort}线上个人信用额度，最高${moneyZh(max)}，年利率${pct(apr)}%起，按日计息、随借随还，单笔最长${termZh(months)}。资金仅可用于日常消费，不得用于购房或投资。`,
            en: `An online personal credit line from ${b.en} of up to ${moneyEn(max)} from ${pct(apr)}% a year (${daily}% a day): draw and repay at any time, each drawing for up to ${termEn(months)}. The money is for everyday spending only, not for buying property or investing.`
          }
        : {
            'zh-CN': `${b.zhShort}个人消费贷款，无需抵押担保，最高${moneyZh(max)}，年利率${pct(apr)}%起，期限${termZh(months)}，可等额分期或先息后本。可用于购车、教育、旅游等消费，不得用于购房或投资。`,
            en: `An unsecured personal loan from ${b.en} of up to ${moneyEn(max)} from ${pct(apr)}% a year over ${termEn(months)}, repaid in equal instalments or interest-first. It can pay for a car, study or travel, but not for buying property or investing.`
          },
      riskLevel: 2,
      expectedReturn: null,
      apr,
      termMonths: months,
      minAmount: 1000,
      liquidity: revolving ? 'high' : 'medium',
      eligibility: { minAge: 18, maxAge: b.tier === 'online' ? 55 : 60, minIncome: b.tier === 'online' ? 36000 : rng.pick([50000, 60000, 100000]) },
      tags: ['unsecured', revolving && 'flexible', revolving && 'online'],
      popularity: popularity(rng, b.tier === 'online' ? 0.6 : 0.42, b),
      kindFields: {
        aprRange: { min: apr, max: Math.max(apr, Math.min(hi, 10)) },
        termRange: { minMonths: revolving ? 1 : 6, maxMonths: months },
        maxAmount: max
      }
    });
  }
};

const renovation: SubtypeSpec = {
  kind: 'loan',
  subtype: 'renovation',
  weight: 5,
  build({ rng, id, cycle }) {
    const b = cycle(MORTGAGE_BANKS);
    const apr = round2(rng.between(3.5, 6));
    const months = rng.pick([36, 60, 60, 96]);
    const max = rng.pick([300000, 500000, 1000000]);
    return makeProduct({
      id: id(`loan-renovation-${b.code}`),
      kind: 'loan',
      subtype: 'renovation',
      issuer: b,
      name: { 'zh-CN': `${b.zhShort}家装分期贷款`, en: `${b.enShort} Home Renovation Loan` },
      description: {
        'zh-CN': `${b.zhShort}住房装修贷款，年利率${pct(apr)}%起，最高${moneyZh(max)}，最长${termZh(months)}，款项直接支付给装修公司或家居卖场。需提供房产证明和装修合同，借款人有稳定收入。`,
        en: `A home renovation loan from ${b.en} from ${pct(apr)}% a year, up to ${moneyEn(max)} over as long as ${termEn(months)}, paid straight to your contractor or furniture store. You need proof of home ownership, a renovation contract and a steady income.`
      },
      riskLevel: 2,
      expectedReturn: null,
      apr,
      termMonths: months,
      minAmount: 20000,
      liquidity: 'medium',
      eligibility: { minAge: 18, maxAge: 65, minIncome: rng.pick([60000, 80000]) },
      tags: ['home', 'renovation'],
      popularity: popularity(rng, 0.3, b),
      kindFields: { aprRange: { min: apr, max: Math.max(apr, 6) }, termRange: { minMonths: 12, maxMonths: months }, maxAmount: max }
    });
  }
};

const smallBusiness: SubtypeSpec = {
  kind: 'loan',
  subtype: 'small_business',
  weight: 5,
  build({ rng, id, cycle }) {
    const b = cycle(SME_LOAN_BANKS);
    const online = b.tier === 'online' || rng.chance(0.4);
    const apr = round2(rng.between(3.5, 5));
    const months = rng.pick([12, 24, 36]);
    const max = online ? rng.pick([1000000, 3000000]) : rng.pick([3000000, 5000000, 10000000]);
    return makeProduct({
      id: id(`loan-sme-${online ? 'online' : 'branch'}-${b.code}`),
      kind: 'loan',
      subtype: 'small_business',
      issuer: b,
      name: online
        ? { 'zh-CN': `${b.zhShort}小微经营快贷`, en: `${b.enShort} Small Business Quick Loan` }
        : { 'zh-CN': `${b.zhShort}普惠小微经营贷款`, en: `${b.enShort} Inclusive Small Business Loan` },
      description: {
        'zh-CN': `${b.zhShort}面向个体工商户和小微企业主的${online ? '线上信用' : '抵押或信用'}经营贷款，年利率${pct(apr)}%起，最高${moneyZh(max)}，期限${termZh(months)}，${online ? '手机申请、最快当天放款' : '可循环使用'}。资金只能用于生产经营。`,
        en: `A${online ? 'n online unsecured' : ' secured or unsecured'} business loan from ${b.en} for sole traders and small-business owners, from ${pct(apr)}% a year and up to ${moneyEn(max)} over ${termEn(months)}, ${online ? 'applied for in the app and paid out as soon as the same day' : 'with a revolving limit'}. The money may be used only for running the business.`
      },
      riskLevel: 2,
      expectedReturn: null,
      apr,
      termMonths: months,
      minAmount: 10000,
      liquidity: 'medium',
      eligibility: { minAge: 18, maxAge: 65, minIncome: rng.pick([100000, 120000, 200000]) },
      tags: ['business', 'inclusive-finance', online && 'online'],
      popularity: popularity(rng, 0.25, b),
      kindFields: { aprRange: { min: apr, max: Math.max(apr, 5) }, termRange: { minMonths: 3, maxMonths: months }, maxAmount: max }
    });
  }
};

export const LOAN_SUBTYPES: readonly SubtypeSpec[] = [mortgage, car, personal, renovation, smallBusiness];
