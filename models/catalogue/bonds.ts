/** Bonds sold to individuals: treasuries (savings and book-entry), local-government bonds, corporate bonds. */
import type { RiskLevel } from '../../src/lib/domain/product';
import { BANKS, CORPORATE_ISSUERS, LOCAL_GOVERNMENTS, MOF } from './issuers';
import { clamp, pct, round2, termEn, termEnAdj, termId, termZh, zhNumber } from './format';
import { makeProduct, popularity, riskTag, type SubtypeSpec } from './product';

const SAVINGS_BASE: Record<number, number> = { 36: 1.68, 60: 1.78 };
const BOOK_TERMS = [12, 24, 36, 60, 84, 120] as const;
const BOOK_BASE: Record<number, number> = { 12: 1.6, 24: 1.65, 36: 1.7, 60: 1.8, 84: 1.9, 120: 2.0 };
const SELLING_BANKS = BANKS.filter((b) => b.tier === 'state' || b.code === 'cmb');

const treasury: SubtypeSpec = {
  kind: 'bond',
  subtype: 'treasury',
  weight: 8,
  build({ rng, id, index }) {
    const issue = rng.int(1, 12);
    const seller = rng.pick(SELLING_BANKS);
    // two in three are savings bonds (储蓄国债), sold at bank counters and not tradeable
    if (index % 3 !== 2) {
      const term = index % 2 === 0 ? 36 : 60;
      const electronic = rng.chance(0.6);
      const form = electronic ? { zh: '电子式', en: 'Electronic', id: 'e' } : { zh: '凭证式', en: 'Certificate', id: 'c' };
      const rate = round2(clamp((SAVINGS_BASE[term] ?? 1.7) + rng.between(-0.05, 0.12), 1.6, 2.3));
      return makeProduct({
        id: id(`bond-treasury-savings-${form.id}-${termId(term)}-${MOF.code}`),
        kind: 'bond',
        subtype: 'treasury',
        issuer: MOF,
        name: {
          'zh-CN': `2026年第${zhNumber(issue)}期储蓄国债（${form.zh}）${termZh(term)}期`,
          en: `2026 Savings Treasury Bond (${form.en}), Issue ${issue}, ${termEn(term)}`
        },
        description: {
          'zh-CN': `财政部发行的${termZh(term)}期储蓄国债（${form.zh}），票面年利率${pct(rate)}%，100元起购，可在${seller.zhShort}等承销银行的${electronic ? '柜台或手机银行' : '营业网点柜台'}购买。国家信用担保，利息免征个人所得税；持有未满半年不能提前兑取，提前兑取需扣部分利息。`,
          en: `A ${termEnAdj(term)} savings treasury bond (${form.en.toLowerCase()} form) issued by the Ministry of Finance, paying ${pct(rate)}% a year from CNY 100 and sold ${electronic ? 'in the branches and mobile apps of' : 'over the counter at'} banks such as ${seller.enShort}. Backed by the state and free of income tax; it cannot be cashed in during the first six months, and cashing in early costs some interest.`
        },
        riskLevel: 1,
        expectedReturn: rate,
        termMonths: term,
        minAmount: 100,
        liquidity: 'low',
        tags: ['low-risk', 'preservation', 'income', 'government-backed', 'tax-advantaged', 'long-term'],
        popularity: popularity(rng, 0.7, MOF),
        extra: { bondForm: electronic ? 'savings_electronic' : 'savings_certificate' }
      });
    }
    const term = BOOK_TERMS[Math.floor(index / 3) % BOOK_TERMS.length] ?? 36;
    const rate = round2(clamp((BOOK_BASE[term] ?? 1.8) + rng.between(-0.05, 0.15), 1.6, 2.3));
    return makeProduct({
      id: id(`bond-treasury-book-${termId(term)}-${MOF.code}`),
      kind: 'bond',
      subtype: 'treasury',
      issuer: MOF,
      name: {
        'zh-CN': `2026年记账式附息（${zhNumber(issue)}期）国债 ${termZh(term)}`,
        en: `2026 Book-Entry Treasury Bond, Issue ${issue} (${termEn(term)})`
      },
      description: {
        'zh-CN': `财政部发行的${termZh(term)}期记账式国债，到期收益率约${pct(rate)}%，可通过${seller.zhShort}等银行柜台随时买卖，100元起。国家信用担保、利息免税，卖出价格随市场利率变化。`,
        en: `A ${termEnAdj(term)} book-entry treasury bond from the Ministry of Finance yielding about ${pct(rate)}% to maturity, which can be bought and sold any trading day through banks such as ${seller.enShort}, from CNY 100. Backed by the state and tax-free, but the selling price moves with interest rates.`
      },
      riskLevel: 1,
      expectedReturn: rate,
      termMonths: term,
      minAmount: 100,
      liquidity: 'medium',
      tags: ['low-risk', 'preservation', 'income', 'government-backed', 'tax-advantaged', 'tradeable'],
      popularity: popularity(rng, 0.45, MOF),
      extra: { bondForm: 'book_entry' }
    });
  }
};

const LOCAL_TERMS = [24, 36, 60, 84, 120] as const;

const localGovernment: SubtypeSpec = {
  kind: 'bond',
  subtype: 'local_government',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const g = cycle(LOCAL_GOVERNMENTS);
    const term = LOCAL_TERMS[index % LOCAL_TERMS.length] ?? 60;
    const special = rng.chance(0.35);
    const issue = rng.int(1, 30);
    const rate = round2(clamp(1.75 + (0.45 * term) / 120 + rng.between(-0.05, 0.15), 1.7, 2.5));
    const kindZh = special ? '专项债券' : '一般债券';
    const kindEn = special ? 'Special-Purpose Bond' : 'General Bond';
    return makeProduct({
      id: id(`bond-local-${termId(term)}-${g.code}`),
      kind: 'bond',
      subtype: 'local_government',
      issuer: g,
      name: {
        'zh-CN': `2026年${g.zhShort}政府${kindZh}（${zhNumber(issue)}期）`,
        en: `2026 ${g.enShort} Government ${kindEn}, Issue ${issue}`
      },
      description: {
        'zh-CN': `${g.zh}发行的${termZh(term)}期地方政府${kindZh}，票面年利率${pct(rate)}%，${special ? '募集资金用于交通、水利等公益性项目，' : ''}可在银行柜台买卖，100元起购。利息免征个人所得税，由地方财政偿还。`,
        en: `A ${termEnAdj(term)} local-government ${kindEn.toLowerCase()} issued by the ${g.en}, paying ${pct(rate)}% a year${special ? ' to fund transport, water and other public projects' : ''}. It can be traded at bank counters from CNY 100, its interest is tax-free, and it is repaid from the local budget.`
      },
      riskLevel: 1,
      expectedReturn: rate,
      termMonths: term,
      minAmount: 100,
      liquidity: 'medium',
      tags: ['low-risk', 'income', 'preservation', 'government-backed', 'tax-advantaged', 'tradeable'],
      popularity: popularity(rng, 0.3, g)
    });
  }
};

const CORP_TERMS = [36, 60, 84] as const;
const CORP_STYLES = [
  { id: 'std', zh: '公司债券', en: 'Corporate Bond', risk: 2, lo: 2.2, hi: 3.0 },
  { id: 'green', zh: '绿色公司债券', en: 'Green Corporate Bond', risk: 2, lo: 2.1, hi: 2.9 },
  { id: 'perp', zh: '可续期公司债券', en: 'Renewable Corporate Bond', risk: 3, lo: 2.6, hi: 3.6 }
] as const;

const corporate: SubtypeSpec = {
  kind: 'bond',
  subtype: 'corporate',
  weight: 10,
  build({ rng, id, cycle, index }) {
    const c = cycle(CORPORATE_ISSUERS);
    const style = CORP_STYLES[index % CORP_STYLES.length] ?? CORP_STYLES[0];
    const term = CORP_TERMS[Math.floor(index / 3) % CORP_TERMS.length] ?? 60;
    const risk: RiskLevel = style.risk === 3 ? 3 : 2;
    const rate = round2(rng.between(style.lo, style.hi) + (term - 36) / 240);
    const perp = style.id === 'perp';
    const issue = rng.int(1, 9);
    const termTextZh = perp ? `${term / 12}+N年` : `${termZh(term)}期`;
    const termTextEn = perp ? `${term / 12}+N-year` : termEnAdj(term);
    return makeProduct({
      id: id(`bond-corp-${style.id}-${termId(term)}-${c.code}`),
      kind: 'bond',
      subtype: 'corporate',
      issuer: c,
      name: {
        'zh-CN': `${c.zhShort}2026年面向公众投资者公开发行${style.zh}（第${zhNumber(issue)}期）`,
        en: `${c.enShort} 2026 Public ${style.en}, Series ${issue}`
      },
      description: {
        'zh-CN': `${c.zh}公开发行的${termTextZh}${style.zh}，主体评级AAA，票面年利率${pct(rate)}%，在交易所上市交易，1,000元起投。${perp ? '发行人可选择到期续期，存在延期兑付风险；' : style.id === 'green' ? '募集资金用于清洁能源等绿色项目；' : ''}收益高于国债，但需承担发行人信用风险。`,
        en: `A ${termTextEn} ${style.en.toLowerCase()} from ${c.en}, rated AAA, paying ${pct(rate)}% a year and listed on the exchange, from CNY 1,000. ${perp ? 'The issuer may extend it at each maturity, so repayment can be deferred, and it' : style.id === 'green' ? 'Proceeds fund clean-energy and other green projects, and it' : 'It'} pays more than treasuries in return for the issuer's credit risk.`
      },
      riskLevel: risk,
      expectedReturn: rate,
      termMonths: term,
      minAmount: 1000,
      liquidity: 'medium',
      tags: [riskTag(risk), 'income', 'tradeable', style.id === 'green' && 'esg', 'long-term'],
      popularity: popularity(rng, 0.28, c),
      extra: { creditRating: 'AAA' }
    });
  }
};

export const BOND_SUBTYPES: readonly SubtypeSpec[] = [treasury, localGovernment, corporate];
