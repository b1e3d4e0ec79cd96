/** Bank wealth-management products (理财产品) from the banks' wealth subsidiaries: cash management, fixed income, mixed. */
import type { RiskLevel } from '../../src/lib/domain/product';
import { WEALTH_ISSUERS } from './issuers';
import { clamp, moneyEn, moneyZh, pct, round2, termEn, termEnAdj, termId, termZh, titleCase } from './format';
import { makeProduct, popularity, riskTag, type BuildContext, type SubtypeSpec } from './product';
import { CASH_SERIES, WEALTH_SERIES } from './series';

const fee = (ctx: BuildContext, lo: number, hi: number): number => round2(ctx.rng.between(lo, hi));

const cashManagement: SubtypeSpec = {
  kind: 'wealth',
  subtype: 'cash_management',
  weight: 12,
  build(ctx) {
    const { rng, id, cycle } = ctx;
    const w = cycle(WEALTH_ISSUERS);
    const s = cycle(CASH_SERIES);
    const share = rng.pick(['A', 'B', 'C']);
    const risk: RiskLevel = rng.chance(0.7) ? 1 : 2;
    const rate = round2(rng.between(1.3, 1.9));
    return makeProduct({
      id: id(`wm-cash-${w.code}`),
      kind: 'wealth',
      subtype: 'cash_management',
      issuer: w,
      name: { 'zh-CN': `${w.zhShort}${s.zh}现金管理类理财产品${share}`, en: `${w.enShort} ${s.en} Cash Management Product ${share}` },
      description: {
        'zh-CN': `${w.zhShort}发行的现金管理类理财产品，投资于存款、同业存单和短期债券等高流动性资产，近七日年化收益率约${pct(rate)}%。1元起购，支持每日1万元以内实时赎回，不保本。`,
        en: `A cash-management wealth product from ${w.en} investing in deposits, interbank CDs and short-term bonds, with a 7-day annualised yield of about ${pct(rate)}%. From CNY 1, with same-day redemption of up to CNY 10,000 a day; principal is not guaranteed.`
      },
      riskLevel: risk,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 1,
      liquidity: 'high',
      tags: [riskTag(risk), 'flexible', 'preservation', 'cash'],
      popularity: popularity(rng, 0.8, w),
      extra: { managementFee: fee(ctx, 0.1, 0.3) }
    });
  }
};

/** minimum holding periods of open-ended products (最短持有期) */
const HOLDING = [
  { months: 1, days: 30, zh: '30天', en: '30-day', title: '30-Day' },
  { months: 3, days: 90, zh: '90天', en: '90-day', title: '90-Day' },
  { months: 6, days: 180, zh: '180天', en: '180-day', title: '180-Day' },
  { months: 12, days: 365, zh: '一年', en: 'one-year', title: 'One-Year' }
] as const;
const FIXED_CLOSED_TERMS = [3, 6, 12, 18, 24] as const;

const fixedIncome: SubtypeSpec = {
  kind: 'wealth',
  subtype: 'fixed_income',
  weight: 22,
  build(ctx) {
    const { rng, id, cycle, index } = ctx;
    const w = cycle(WEALTH_ISSUERS);
    const s = cycle(WEALTH_SERIES);
    const closed = index % 2 === 0;
    const hold = HOLDING[Math.floor(index / 2) % HOLDING.length] ?? HOLDING[1];
    const term = closed ? (FIXED_CLOSED_TERMS[Math.floor(index / 2) % FIXED_CLOSED_TERMS.length] ?? 12) : hold.months;
    const rate = round2(clamp(2.2 + (0.45 * Math.min(term, 24)) / 24 + (closed ? 0.1 : 0) + rng.between(-0.1, 0.2), 2.1, 3.3));
    const lo = round2(rate - 0.25);
    const hi = round2(rate + 0.25);
    const minAmount = rng.pick([1, 1000, 10000, 10000, 10000]);
    const name = closed
      ? { 'zh-CN': `${w.zhShort}${s.zh}${termZh(term)}封闭式固收类理财`, en: `${w.enShort} ${s.en} ${titleCase(termEnAdj(term))} Closed-End Fixed Income` }
      : { 'zh-CN': `${w.zhShort}${s.zh}${hold.zh}持有期固收类理财`, en: `${w.enShort} ${s.en} ${hold.title} Holding-Period Fixed Income` };
    return makeProduct({
      id: id(`wm-fixed-${closed ? termId(term) : `hold${hold.days}d`}-${w.code}`),
      kind: 'wealth',
      subtype: 'fixed_income',
      issuer: w,
      name,
      description: {
        'zh-CN': `${w.zhShort}发行的固定收益类理财产品，主要投资高等级信用债和利率债，业绩比较基准${pct(lo)}%–${pct(hi)}%（年化），${moneyZh(minAmount)}起购。${closed ? `封闭期${termZh(term)}，到期前不可赎回` : `每笔投资持有满${hold.zh}后可赎回`}，净值会小幅波动，不保本。`,
        en: `A fixed-income wealth product from ${w.en} investing mainly in high-grade corporate and government bonds, with a performance benchmark of ${pct(lo)}–${pct(hi)}% a year, from ${moneyEn(minAmount)}. ${closed ? `Locked for ${termEn(term)} with no redemption before maturity` : `Each purchase can be redeemed after a ${hold.en} holding period`}; the value moves a little and principal is not guaranteed.`
      },
      riskLevel: 2,
      expectedReturn: rate,
      termMonths: term,
      minAmount,
      liquidity: closed ? 'low' : 'medium',
      tags: ['low-risk', 'income', 'steady', closed ? 'fixed-term' : 'holding-period', term <= 6 ? 'short-term' : undefined],
      popularity: popularity(rng, 0.62, w),
      extra: { managementFee: fee(ctx, 0.15, 0.35), benchmark: { low: lo, high: hi } }
    });
  }
};

const MIXED_TERMS = [12, 18, 24, 36] as const;

const mixed: SubtypeSpec = {
  kind: 'wealth',
  subtype: 'mixed',
  weight: 12,
  build(ctx) {
    const { rng, id, cycle, index } = ctx;
    const w = cycle(WEALTH_ISSUERS);
    const s = cycle(WEALTH_SERIES);
    const term = MIXED_TERMS[index % MIXED_TERMS.length] ?? 12;
    const closed = rng.chance(0.4);
    const rate = round2(clamp(3.2 + (0.6 * term) / 36 + rng.between(-0.2, 0.8), 3, 6));
    const lo = round2(rate - 0.8);
    const hi = round2(rate + 0.8);
    const equityCap = rng.pick([20, 30, 30, 40]);
    const minAmount = rng.chance(0.75) ? 10000 : 1;
    const lock = closed ? { zh: `封闭式`, en: 'Closed-End' } : { zh: `持有期`, en: 'Holding-Period' };
    return makeProduct({
      id: id(`wm-mixed-${termId(term)}-${w.code}`),
      kind: 'wealth',
      subtype: 'mixed',
      issuer: w,
      name: {
        'zh-CN': `${w.zhShort}${s.zh}${termZh(term)}${lock.zh}混合类理财`,
        en: `${w.enShort} ${s.en} ${titleCase(termEnAdj(term))} ${lock.en} Mixed Allocation`
      },
      description: {
        'zh-CN': `${w.zhShort}发行的混合类（“固收+”）理财产品，以债券打底，配置不超过${equityCap}%的股票和基金等权益资产，业绩比较基准${pct(lo)}%–${pct(hi)}%（年化）。${closed ? '封闭期' : '每笔最短持有'}${termZh(term)}，${moneyZh(minAmount)}起购，净值会随市场波动，不保本。`,
        en: `A mixed-asset ("fixed income plus") wealth product from ${w.en} built on bonds with up to ${equityCap}% in equities and funds, with a performance benchmark of ${pct(lo)}–${pct(hi)}% a year. ${closed ? `Locked for ${termEn(term)}` : `Each purchase is held for at least ${termEn(term)}`}, from ${moneyEn(minAmount)}; its value moves with the markets and principal is not guaranteed.`
      },
      riskLevel: 3,
      expectedReturn: rate,
      termMonths: term,
      minAmount,
      liquidity: closed || term >= 24 ? 'low' : 'medium',
      tags: ['medium-risk', 'growth', 'income', 'balanced', 'long-term'],
      popularity: popularity(rng, 0.45, w),
      extra: { managementFee: fee(ctx, 0.3, 0.6), benchmark: { low: lo, high: hi } }
    });
  }
};

export const WEALTH_SUBTYPES: readonly SubtypeSpec[] = [cashManagement, fixedIncome, mixed];
