/** Mutual funds (公募基金): money-market, bond, mixed, equity, index, QDII, ESG. */
import type { RiskLevel } from '../../src/lib/domain/product';
import { FUND_HOUSES, QDII_HOUSES } from './issuers';
import { clamp, pct, round2 } from './format';
import { makeProduct, popularity, riskTag, type SubtypeSpec } from './product';
import { CASH_SERIES, FUND_SERIES } from './series';

const moneyMarket: SubtypeSpec = {
  kind: 'fund',
  subtype: 'money_market',
  weight: 14,
  build({ rng, id, cycle }) {
    const f = cycle(FUND_HOUSES);
    const s = cycle(CASH_SERIES);
    const share = rng.pick(['A', 'A', 'B', 'E']);
    const rate = round2(rng.between(1.2, 1.8));
    return makeProduct({
      id: id(`fund-mm-${f.code}`),
      kind: 'fund',
      subtype: 'money_market',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${s.zh}货币市场基金${share}`, en: `${f.enShort} ${s.en} Money Market Fund ${share}` },
      description: {
        'zh-CN': `${f.zhShort}基金旗下货币市场基金，投资银行存款、同业存单和短期国债，七日年化收益率约${pct(rate)}%。1元起购，赎回一般T+1到账，支持每日1万元以内快速取现。`,
        en: `A money-market fund from ${f.en} holding bank deposits, interbank CDs and short-dated government bonds, with a 7-day annualised yield of about ${pct(rate)}%. From CNY 1; redemptions normally settle the next day, and up to CNY 10,000 a day can be withdrawn instantly.`
      },
      riskLevel: 1,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 1,
      liquidity: 'high',
      tags: ['low-risk', 'flexible', 'preservation', 'cash'],
      popularity: popularity(rng, 0.92, f),
      extra: { managementFee: round2(rng.between(0.15, 0.33)) }
    });
  }
};

const BOND_STYLES = [
  { id: 'short', zh: '中短债', en: 'Short-Term Bond', lo: 2.0, hi: 2.7, fee: 0.2, about: { zh: '剩余期限较短的债券', en: 'shorter-dated bonds' } },
  {
    id: 'pure',
    zh: '纯债',
    en: 'Pure Bond',
    lo: 2.3,
    hi: 3.2,
    fee: 0.3,
    about: { zh: '国债、政策性金融债和高等级信用债，不投资股票', en: 'government, policy-bank and high-grade corporate bonds, with no stocks' }
  },
  {
    id: 'credit',
    zh: '信用债',
    en: 'Credit Bond',
    lo: 2.6,
    hi: 3.5,
    fee: 0.3,
    about: { zh: 'AA+及以上评级的企业信用债', en: 'corporate bonds rated AA+ or better' }
  },
  { id: 'govt', zh: '利率债', en: 'Government Bond', lo: 2.0, hi: 2.8, fee: 0.15, about: { zh: '国债和政策性金融债', en: 'treasuries and policy-bank bonds' } }
] as const;

const bond: SubtypeSpec = {
  kind: 'fund',
  subtype: 'bond',
  weight: 16,
  build({ rng, id, cycle, index }) {
    const f = cycle(FUND_HOUSES);
    const s = cycle(FUND_SERIES);
    const style = BOND_STYLES[index % BOND_STYLES.length] ?? BOND_STYLES[1];
    const share = rng.pick(['A', 'C']);
    const rate = round2(rng.between(style.lo, style.hi));
    const minAmount = rng.pick([10, 10, 100]);
    return makeProduct({
      id: id(`fund-bond-${style.id}-${f.code}`),
      kind: 'fund',
      subtype: 'bond',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${s.zh}${style.zh}债券${share}`, en: `${f.enShort} ${s.en} ${style.en} Fund ${share}` },
      description: {
        'zh-CN': `${f.zhShort}基金旗下${style.zh}债券基金，主要投资${style.about.zh}，预期年化回报约${pct(rate)}%，净值波动较小。开放式，${minAmount}元起购，赎回T+1至T+3到账。`,
        en: `A ${style.en.toLowerCase()} fund from ${f.en} investing in ${style.about.en}, expected to return about ${pct(rate)}% a year with modest swings in value. Open-ended, from CNY ${minAmount}, with redemptions settling in one to three working days.`
      },
      riskLevel: 2,
      expectedReturn: rate,
      termMonths: null,
      minAmount,
      liquidity: 'medium',
      tags: ['low-risk', 'income', 'steady', 'bond'],
      popularity: popularity(rng, 0.62, f),
      extra: { managementFee: round2(style.fee + rng.pick([0, 0, 0.05])) }
    });
  }
};

const MIXED_STYLES = [
  { id: 'flex', zh: '灵活配置混合', en: 'Flexible Allocation Hybrid', equity: '0–95%', equityEn: 'anywhere from 0 to 95%' },
  { id: 'balanced', zh: '平衡混合', en: 'Balanced Hybrid', equity: '40%–60%', equityEn: '40–60%' },
  { id: 'bondplus', zh: '稳健添利混合', en: 'Steady Income Hybrid', equity: '10%–30%', equityEn: '10–30%' },
  { id: 'value', zh: '价值回报混合', en: 'Value Return Hybrid', equity: '60%–80%', equityEn: '60–80%' }
] as const;
const TARGET_YEARS = [2035, 2040, 2045, 2050] as const;

const mixed: SubtypeSpec = {
  kind: 'fund',
  subtype: 'mixed',
  weight: 14,
  build({ rng, id, cycle, index }) {
    const f = cycle(FUND_HOUSES);
    const s = cycle(FUND_SERIES);
    const rate = round2(rng.between(3, 6));
    // about one in six is a target-date pension FOF, eligible for personal pension accounts
    if (index % 6 === 5) {
      const year = rng.pick(TARGET_YEARS);
      return makeProduct({
        id: id(`fund-mixed-td${year}-${f.code}`),
        kind: 'fund',
        subtype: 'mixed',
        issuer: f,
        name: { 'zh-CN': `${f.zhShort}养老目标日期${year}三年持有混合（FOF）Y`, en: `${f.enShort} Target Date ${year} Three-Year Holding Hybrid FOF (Y)` },
        description: {
          'zh-CN': `${f.zhShort}基金旗下养老目标日期基金，随着${year}年退休日期临近逐步降低权益仓位，每笔需持有满3年，预期年化回报约${pct(rate)}%。Y份额可用个人养老金账户购买，缴存额享受个税递延优惠。`,
          en: `A target-date ${year} pension fund of funds from ${f.en} that cuts its share of equities as retirement approaches, with each purchase held for at least three years and an expected return of about ${pct(rate)}% a year. The Y share class can be bought from a personal pension account, with tax relief on contributions.`
        },
        riskLevel: 3,
        expectedReturn: rate,
        termMonths: 36,
        minAmount: 1,
        liquidity: 'low',
        tags: ['medium-risk', 'retirement', 'tax-advantaged', 'growth', 'long-term', 'balanced'],
        popularity: popularity(rng, 0.4, f),
        extra: { managementFee: round2(rng.between(0.3, 0.6)) }
      });
    }
    const style = MIXED_STYLES[index % MIXED_STYLES.length] ?? MIXED_STYLES[0];
    const share = rng.pick(['A', 'C']);
    return makeProduct({
      id: id(`fund-mixed-${style.id}-${f.code}`),
      kind: 'fund',
      subtype: 'mixed',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${s.zh}${style.zh}${share}`, en: `${f.enShort} ${s.en} ${style.en} Fund ${share}` },
      description: {
        'zh-CN': `${f.zhShort}基金旗下混合型基金，股票仓位${style.equity}，其余投资债券，力求在控制回撤的同时获取长期收益，预期年化回报约${pct(rate)}%。开放式，10元起购，净值随股债市场波动。`,
        en: `A hybrid fund from ${f.en} that keeps ${style.equityEn} in stocks and the rest in bonds, aiming for long-term gains with controlled drawdowns and an expected return of about ${pct(rate)}% a year. Open-ended, from CNY 10; the value moves with both stock and bond markets.`
      },
      riskLevel: 3,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 10,
      liquidity: 'medium',
      tags: ['medium-risk', 'growth', 'income', 'balanced'],
      popularity: popularity(rng, 0.5, f),
      extra: { managementFee: round2(rng.pick([0.6, 0.8, 1.0, 1.2])) }
    });
  }
};

const SECTORS = [
  { id: 'consumer', zh: '消费升级', en: 'Consumer Upgrade', about: { zh: '食品饮料、家电和服务消费', en: 'food and drink, home appliances and services' } },
  { id: 'health', zh: '医药健康', en: 'Healthcare', about: { zh: '创新药、医疗器械和医疗服务', en: 'innovative drugs, medical devices and care providers' } },
  {
    id: 'newenergy',
    zh: '新能源',
    en: 'New Energy',
    about: { zh: '光伏、风电、储能和新能源汽车产业链', en: 'solar, wind, storage and the electric-vehicle supply chain' }
  },
  { id: 'tech', zh: '科技创新', en: 'Tech Innovation', about: { zh: '半导体、人工智能和软件', en: 'semiconductors, AI and software' } },
  {
    id: 'mfg',
    zh: '高端制造',
    en: 'Advanced Manufacturing',
    about: { zh: '工业自动化、航空航天和精密制造', en: 'industrial automation, aerospace and precision engineering' }
  },
  {
    id: 'value',
    zh: '价值精选',
    en: 'Value Select',
    about: { zh: '估值较低、现金流稳定的龙头公司', en: 'cheaply valued market leaders with steady cash flow' }
  },
  { id: 'dividend', zh: '红利优选', en: 'Dividend Select', about: { zh: '分红稳定的高股息公司', en: 'companies paying high, steady dividends' } }
] as const;

const equity: SubtypeSpec = {
  kind: 'fund',
  subtype: 'equity',
  weight: 16,
  build({ rng, id, cycle, index }) {
    const f = cycle(FUND_HOUSES);
    const sector = SECTORS[index % SECTORS.length] ?? SECTORS[0];
    const share = rng.pick(['A', 'C']);
    const rate = round2(rng.between(5, 9));
    return makeProduct({
      id: id(`fund-equity-${sector.id}-${f.code}`),
      kind: 'fund',
      subtype: 'equity',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${sector.zh}股票${share}`, en: `${f.enShort} ${sector.en} Equity Fund ${share}` },
      description: {
        'zh-CN': `${f.zhShort}基金旗下主动管理股票型基金，股票仓位不低于80%，重点投资${sector.about.zh}，长期预期年化回报约${pct(rate)}%。短期波动大，可能出现较大亏损，适合投资期限3年以上、能承受较高风险的投资者。`,
        en: `An actively managed equity fund from ${f.en}, at least 80% in shares and focused on ${sector.about.en}, with an expected long-run return of about ${pct(rate)}% a year. Short-term swings and losses can be large, so it suits investors with a horizon of three years or more.`
      },
      riskLevel: 4,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 10,
      liquidity: 'medium',
      tags: ['high-risk', 'growth', 'long-term', 'stocks', sector.id === 'dividend' && 'income'],
      popularity: popularity(rng, 0.5, f),
      extra: { managementFee: 1.2 }
    });
  }
};

const INDICES = [
  { id: 'csi300', zh: '沪深300', en: 'CSI 300', about: { zh: 'A股市值最大的300家公司', en: 'the 300 largest A-share companies' } },
  { id: 'csia500', zh: '中证A500', en: 'CSI A500', about: { zh: '各行业龙头500家公司', en: '500 sector leaders across the A-share market' } },
  { id: 'csi500', zh: '中证500', en: 'CSI 500', about: { zh: 'A股中盘500家公司', en: '500 mid-cap A-share companies' } },
  { id: 'chinext', zh: '创业板', en: 'ChiNext', about: { zh: '创业板中成长性较强的100家公司', en: '100 fast-growing ChiNext companies' } },
  { id: 'star50', zh: '科创50', en: 'STAR 50', about: { zh: '科创板市值最大的50家科技公司', en: 'the 50 largest tech companies on the STAR Market' } },
  { id: 'dividend', zh: '中证红利', en: 'CSI Dividend', about: { zh: '100家高股息率上市公司', en: '100 listed companies with high dividend yields' } },
  { id: 'sse50', zh: '上证50', en: 'SSE 50', about: { zh: '上交所规模最大、流动性最好的50只蓝筹股', en: 'the 50 largest, most liquid Shanghai blue chips' } },
  { id: 'csi1000', zh: '中证1000', en: 'CSI 1000', about: { zh: 'A股小盘1000家公司', en: '1,000 small-cap A-share companies' } }
] as const;

const index: SubtypeSpec = {
  kind: 'fund',
  subtype: 'index',
  weight: 14,
  build({ rng, id, cycle, index: i }) {
    const f = cycle(FUND_HOUSES);
    const ix = INDICES[i % INDICES.length] ?? INDICES[0];
    const enhanced = rng.chance(0.3);
    const share = rng.pick(['A', 'C']);
    const rate = round2(rng.between(5, 8.5));
    const mgmt = enhanced ? 0.8 : 0.15;
    const form = enhanced ? { zh: '指数增强', en: 'Enhanced Index Fund', id: 'enh' } : { zh: 'ETF联接', en: 'ETF Feeder Fund', id: 'etf' };
    return makeProduct({
      id: id(`fund-index-${ix.id}-${form.id}-${f.code}`),
      kind: 'fund',
      subtype: 'index',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${ix.zh}${form.zh}${share}`, en: `${f.enShort} ${ix.en} ${form.en} ${share}` },
      description: {
        'zh-CN': enhanced
          ? `${f.zhShort}基金旗下指数增强基金，以${ix.zh}指数（${ix.about.zh}）为基准，用量化选股力争跑赢指数，管理费${pct(mgmt)}%/年。长期预期年化回报约${pct(rate)}%，净值随指数涨跌，波动较大。`
          : `${f.zhShort}基金旗下被动指数基金，紧密跟踪${ix.zh}指数（${ix.about.zh}），管理费仅${pct(mgmt)}%/年，持仓透明。长期预期年化回报约${pct(rate)}%，净值随指数涨跌，波动较大。`,
        en: enhanced
          ? `An enhanced index fund from ${f.en} that uses quantitative stock selection to try to beat the ${ix.en} index (${ix.about.en}), for a ${pct(mgmt)}% annual management fee. Expected to return about ${pct(rate)}% a year over the long run, it rises and falls with the index.`
          : `A low-cost index fund from ${f.en} tracking the ${ix.en} index (${ix.about.en}), with a ${pct(mgmt)}% annual management fee and fully transparent holdings. Expected to return about ${pct(rate)}% a year over the long run, it rises and falls with the index.`
      },
      riskLevel: 4,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 10,
      liquidity: 'medium',
      tags: ['high-risk', 'growth', 'index', 'long-term', !enhanced && 'low-cost', ix.id === 'dividend' && 'income'],
      popularity: popularity(rng, 0.6, f),
      extra: { managementFee: mgmt }
    });
  }
};

const QDII_MARKETS = [
  {
    id: 'sp500',
    zh: '标普500指数',
    en: 'S&P 500 Index',
    target: 'the S&P 500 Index',
    about: { zh: '美国500家大型上市公司', en: '500 large US companies' },
    risk: 4,
    index: true
  },
  {
    id: 'ndx100',
    zh: '纳斯达克100指数',
    en: 'Nasdaq-100 Index',
    target: 'the Nasdaq-100 Index',
    about: { zh: '纳斯达克市值最大的100家非金融公司', en: 'the 100 largest non-financial Nasdaq companies' },
    risk: 5,
    index: true
  },
  {
    id: 'hstech',
    zh: '恒生科技指数',
    en: 'Hang Seng TECH Index',
    target: 'the Hang Seng TECH Index',
    about: { zh: '在港上市的30家大型科技公司', en: '30 large tech companies listed in Hong Kong' },
    risk: 5,
    index: true
  },
  {
    id: 'globalhealth',
    zh: '全球医疗保健股票',
    en: 'Global Healthcare Equity',
    target: 'global healthcare stocks',
    about: { zh: '全球医药和医疗器械龙头', en: 'leading drug and medical-device makers worldwide' },
    risk: 4,
    index: false
  },
  {
    id: 'nikkei',
    zh: '日经225指数',
    en: 'Nikkei 225 Index',
    target: 'the Nikkei 225 Index',
    about: { zh: '日本225家代表性上市公司', en: '225 leading Japanese companies' },
    risk: 4,
    index: true
  },
  {
    id: 'globaltech',
    zh: '全球科技股票',
    en: 'Global Technology Equity',
    target: 'global technology stocks',
    about: { zh: '全球半导体、互联网和软件公司', en: 'semiconductor, internet and software companies worldwide' },
    risk: 5,
    index: false
  }
] as const;

const qdii: SubtypeSpec = {
  kind: 'fund',
  subtype: 'qdii',
  weight: 10,
  build({ rng, id, cycle, index: i }) {
    const f = cycle(QDII_HOUSES);
    const m = QDII_MARKETS[i % QDII_MARKETS.length] ?? QDII_MARKETS[0];
    const usd = rng.chance(0.35);
    const risk: RiskLevel = m.risk === 5 ? 5 : 4;
    const rate = round2(clamp(rng.between(5.5, 9.5) + (risk === 5 ? 0.5 : 0), 5.5, 10));
    const mgmt = m.index ? 0.5 : 1.2;
    const shareZh = usd ? '美元现汇' : '人民币';
    return makeProduct({
      id: id(`fund-qdii-${m.id}${usd ? '-usd' : ''}-${f.code}`),
      kind: 'fund',
      subtype: 'qdii',
      issuer: f,
      name: {
        'zh-CN': `${f.zhShort}${m.zh}（QDII）${usd ? '美元现汇' : 'A'}`,
        en: `${f.enShort} ${m.en} QDII Fund ${usd ? '(USD)' : 'A'}`
      },
      description: {
        'zh-CN': `${f.zhShort}基金旗下QDII基金，${m.index ? '跟踪' : '主动投资'}${m.zh}（${m.about.zh}），${shareZh}份额，帮助分散单一市场风险，长期预期年化回报约${pct(rate)}%。净值受海外市场和汇率双重影响，赎回约T+7到账，外汇额度紧张时可能限制大额申购。`,
        en: `A QDII fund from ${f.en} that ${m.index ? 'tracks' : 'invests actively in'} ${m.target} (${m.about.en}) through a ${usd ? 'US-dollar' : 'renminbi'} share class, spreading risk beyond the home market with an expected long-run return of about ${pct(rate)}% a year. Overseas markets and exchange rates both move its value; redemptions take about seven working days and large purchases may be capped when FX quota is tight.`
      },
      riskLevel: risk,
      currency: usd ? 'USD' : 'CNY',
      expectedReturn: rate,
      termMonths: null,
      minAmount: 10,
      liquidity: 'medium',
      tags: ['high-risk', 'growth', 'global', 'long-term', m.index && 'index', usd && 'usd'],
      popularity: popularity(rng, 0.48, f),
      extra: { managementFee: mgmt }
    });
  }
};

const ESG_STYLES = [
  {
    id: 'resp',
    zh: 'ESG责任投资混合',
    en: 'ESG Responsible Investing Hybrid',
    risk: 3,
    about: {
      zh: '环境、社会和公司治理（ESG）评分领先的公司，并配置部分债券',
      en: 'companies with leading environmental, social and governance (ESG) scores, plus some bonds'
    }
  },
  {
    id: 'carbon',
    zh: '碳中和主题混合',
    en: 'Carbon Neutrality Hybrid',
    risk: 3,
    about: { zh: '清洁能源、节能环保等碳中和相关行业', en: 'clean energy, energy efficiency and other carbon-neutrality industries' }
  },
  {
    id: 'esg120',
    zh: '中证ESG120策略ETF联接',
    en: 'CSI ESG 120 Strategy ETF Feeder',
    risk: 4,
    about: { zh: 'ESG表现优秀的120家大中型上市公司', en: '120 large and mid-sized listed companies with strong ESG records' }
  },
  {
    id: 'green',
    zh: '绿色低碳股票',
    en: 'Green Low-Carbon Equity',
    risk: 4,
    about: { zh: '绿色低碳转型中的龙头企业', en: 'leaders of the green, low-carbon transition' }
  }
] as const;

const esg: SubtypeSpec = {
  kind: 'fund',
  subtype: 'esg',
  weight: 6,
  build({ rng, id, cycle, index: i }) {
    const f = cycle(FUND_HOUSES);
    const st = ESG_STYLES[i % ESG_STYLES.length] ?? ESG_STYLES[0];
    const risk: RiskLevel = st.risk === 3 ? 3 : 4;
    const rate = round2(risk === 3 ? rng.between(3.5, 6) : rng.between(5, 8.5));
    const share = rng.pick(['A', 'C']);
    return makeProduct({
      id: id(`fund-esg-${st.id}-${f.code}`),
      kind: 'fund',
      subtype: 'esg',
      issuer: f,
      name: { 'zh-CN': `${f.zhShort}${st.zh}${share}`, en: `${f.enShort} ${st.en} Fund ${share}` },
      description: {
        'zh-CN': `${f.zhShort}基金旗下ESG主题基金，投资${st.about.zh}，长期预期年化回报约${pct(rate)}%。兼顾可持续发展与长期回报，净值随市场波动，10元起购。`,
        en: `An ESG fund from ${f.en} investing in ${st.about.en}, with an expected long-run return of about ${pct(rate)}% a year. It aims for sustainable, long-term returns; the value moves with the market, and the minimum is CNY 10.`
      },
      riskLevel: risk,
      expectedReturn: rate,
      termMonths: null,
      minAmount: 10,
      liquidity: 'medium',
      tags: [riskTag(risk), 'esg', 'sustainable', 'growth', 'long-term'],
      popularity: popularity(rng, 0.35, f),
      extra: { managementFee: st.id === 'esg120' ? 0.15 : round2(rng.pick([0.8, 1.0, 1.2])) }
    });
  }
};

export const FUND_SUBTYPES: readonly SubtypeSpec[] = [moneyMarket, bond, mixed, equity, index, qdii, esg];
