/** Deposits: demand (活期), time (整存整取定期, incl. a few USD and personal-pension ones), large CDs (大额存单). */
import { CD_BANKS, DEPOSIT_BANKS, type BankTier } from './issuers';
import { clamp, moneyEn, moneyZh, pct, round2, termEn, termEnAdj, termId, termZh, titleCase } from './format';
import { makeProduct, popularity, type SubtypeSpec } from './product';

/** extra rate smaller banks pay over the big state banks, % a year */
const TIER_BUMP: Record<BankTier, number> = { state: 0, joint: 0.05, city: 0.15, online: 0.2 };

const DEMAND_RANGE: Record<BankTier, [number, number]> = {
  state: [0.05, 0.05],
  joint: [0.05, 0.1],
  city: [0.1, 0.15],
  online: [0.1, 0.15]
};

const demand: SubtypeSpec = {
  kind: 'deposit',
  subtype: 'demand',
  weight: 10,
  build({ rng, id, cycle }) {
    const b = cycle(DEPOSIT_BANKS);
    const [lo, hi] = DEMAND_RANGE[b.tier];
    const rate = round2(rng.between(lo, hi + 0.001));
    const eAccount = b.tier === 'online' || rng.chance(0.2);
    const name = eAccount
      ? { 'zh-CN': `${b.zhShort}电子账户活期存款`, en: `${b.enShort} E-Account Demand Deposit` }
      : { 'zh-CN': `${b.zhShort}个人活期储蓄`, en: `${b.enShort} Personal Demand Savings` };
    return makeProduct({
      id: id(`dep-demand-${b.code}`),
      kind: 'deposit',
      subtype: 'demand',
      issuer: b,
      name,
      description: {
        'zh-CN': `${b.zh}人民币活期存款，随存随取，当前年利率${pct(rate)}%，按季结息。${eAccount ? '手机银行在线开户，' : ''}1元起存，受存款保险保障。`,
        en: `A CNY demand deposit at ${b.en} that you can pay into and draw on at any time, currently paying ${pct(rate)}% a year with interest credited quarterly. ${eAccount ? 'Opened online in the mobile app, from' : 'From'} CNY 1 and covered by deposit insurance.`
      },
      riskLevel: 1,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 1,
      liquidity: 'high',
      tags: ['low-risk', 'flexible', 'preservation', 'deposit-insured', 'cash', eAccount && 'online'],
      popularity: popularity(rng, 0.9, b)
    });
  }
};

const TIME_TERMS = [3, 6, 12, 24, 36, 60] as const;
const TIME_BASE: Record<number, number> = { 3: 0.95, 6: 1.15, 12: 1.3, 24: 1.4, 36: 1.6, 60: 1.65 };
const USD_BASE: Record<number, number> = { 3: 2.9, 6: 3.0, 12: 3.1 };
const TIME_POP: Record<number, number> = { 3: 0.55, 6: 0.6, 12: 0.78, 24: 0.6, 36: 0.7, 60: 0.5 };

const time: SubtypeSpec = {
  kind: 'deposit',
  subtype: 'time',
  weight: 36,
  build({ rng, id, cycle, index }) {
    const b = cycle(DEPOSIT_BANKS);
    const term = TIME_TERMS[index % TIME_TERMS.length] ?? 12;
    const usd = term <= 12 && b.tier !== 'online' && rng.chance(0.15);
    const pension = !usd && term >= 12 && b.tier !== 'online' && rng.chance(0.12);
    const tz = termZh(term);
    const common = {
      kind: 'deposit' as const,
      subtype: 'time',
      issuer: b,
      riskLevel: 1 as const,
      termMonths: term,
      liquidity: 'low' as const
    };
    if (usd) {
      const rate = round2(clamp((USD_BASE[term] ?? 3) + TIER_BUMP[b.tier] / 2 + rng.between(-0.2, 0.25), 2.5, 3.8));
      return makeProduct({
        ...common,
        id: id(`dep-time-usd-${termId(term)}-${b.code}`),
        name: { 'zh-CN': `${b.zhShort}${tz}美元定期存款`, en: `${b.enShort} ${titleCase(termEnAdj(term))} USD Time Deposit` },
        description: {
          'zh-CN': `${b.zh}${tz}期美元整存整取定期存款，年利率${pct(rate)}%，${moneyZh(100, 'USD')}起存，到期还本付息。收益以美元计，换回人民币时需承担汇率波动。`,
          en: `A ${termEnAdj(term)} US-dollar time deposit at ${b.en} paying ${pct(rate)}% a year from ${moneyEn(100, 'USD')}, with principal and interest at maturity. Returns are in dollars, so converting back to yuan carries exchange-rate risk.`
        },
        currency: 'USD',
        expectedReturn: rate,
        minAmount: 100,
        tags: ['low-risk', 'preservation', 'income', 'deposit-insured', 'fixed-term', 'usd', 'global'],
        popularity: popularity(rng, 0.35, b)
      });
    }
    const rate = round2(clamp((TIME_BASE[term] ?? 1.3) + TIER_BUMP[b.tier] + rng.between(-0.05, 0.1), 0.9, 1.9));
    const short = term <= 12;
    if (pension) {
      return makeProduct({
        ...common,
        id: id(`dep-time-pension-${termId(term)}-${b.code}`),
        name: { 'zh-CN': `${b.zhShort}个人养老金${tz}定期存款`, en: `${b.enShort} Personal Pension ${titleCase(termEnAdj(term))} Time Deposit` },
        description: {
          'zh-CN': `存入${b.zhShort}个人养老金资金账户的${tz}期定期存款，年利率${pct(rate)}%，50元起存。缴存额可在个税前扣除（每年最高12,000元），达到领取条件后方可支取。`,
          en: `A ${termEnAdj(term)} time deposit held in a personal pension account at ${b.en}, paying ${pct(rate)}% a year from CNY 50. Contributions of up to CNY 12,000 a year are deducted from taxable income, and the money can be drawn only at retirement.`
        },
        expectedReturn: rate,
        minAmount: 50,
        tags: ['low-risk', 'preservation', 'retirement', 'tax-advantaged', 'deposit-insured', 'fixed-term', 'long-term'],
        popularity: popularity(rng, 0.45, b)
      });
    }
    return makeProduct({
      ...common,
      id: id(`dep-time-${termId(term)}-${b.code}`),
      name: { 'zh-CN': `${b.zhShort}${tz}整存整取定期存款`, en: `${b.enShort} ${titleCase(termEnAdj(term))} Fixed Deposit` },
      description: {
        'zh-CN': `${b.zh}${tz}期人民币整存整取定期存款，年利率${pct(rate)}%，50元起存，到期一次还本付息。受存款保险保障，提前支取按活期利率计息。`,
        en: `A ${termEnAdj(term)} CNY time deposit at ${b.en} paying ${pct(rate)}% a year from CNY 50, with principal and interest at maturity. Covered by deposit insurance; withdrawing early earns only the demand rate.`
      },
      expectedReturn: rate,
      minAmount: 50,
      tags: ['low-risk', 'preservation', 'income', 'deposit-insured', 'fixed-term', short ? 'short-term' : 'long-term'],
      popularity: popularity(rng, TIME_POP[term] ?? 0.6, b)
    });
  }
};

const CD_TERMS = [3, 6, 12, 24, 36] as const;
const CD_BASE: Record<number, number> = { 3: 1.5, 6: 1.6, 12: 1.7, 24: 1.8, 36: 1.95 };

const largeCd: SubtypeSpec = {
  kind: 'deposit',
  subtype: 'large_cd',
  weight: 14,
  build({ rng, id, cycle, index }) {
    const b = cycle(CD_BANKS);
    const term = CD_TERMS[index % CD_TERMS.length] ?? 12;
    const rate = round2(clamp((CD_BASE[term] ?? 1.7) + TIER_BUMP[b.tier] / 2 + rng.between(-0.03, 0.08), 1.5, 2.1));
    const series = rng.int(1, 60);
    const tz = termZh(term);
    return makeProduct({
      id: id(`dep-lcd-${termId(term)}-${b.code}`),
      kind: 'deposit',
      subtype: 'large_cd',
      issuer: b,
      name: {
        'zh-CN': `${b.zhShort}2026年第${series}期个人大额存单（${tz}）`,
        en: `${b.enShort} 2026 Personal Large-Denomination CD, Series ${series} (${termEn(term)})`
      },
      description: {
        'zh-CN': `${b.zh}发行的${tz}期个人大额存单，年利率${pct(rate)}%，20万元起存。可在手机银行转让或提前支取，受存款保险保障。`,
        en: `A ${termEnAdj(term)} large-denomination certificate of deposit from ${b.en} paying ${pct(rate)}% a year, with a ${moneyEn(200000)} minimum. It can be transferred in the mobile app or cashed in early, and is covered by deposit insurance.`
      },
      riskLevel: 1,
      expectedReturn: rate,
      termMonths: term,
      minAmount: 200000,
      liquidity: 'medium',
      tags: ['low-risk', 'preservation', 'income', 'deposit-insured', 'transferable', 'high-minimum', term <= 12 ? 'short-term' : 'long-term'],
      popularity: popularity(rng, 0.55, b)
    });
  }
};

export const DEPOSIT_SUBTYPES: readonly SubtypeSpec[] = [demand, time, largeCd];
