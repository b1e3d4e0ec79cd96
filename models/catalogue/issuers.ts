/**
 * Issuers of the demo catalogue. The names are real, well-known Chinese institutions; every
 * product attached to them is fictional (each product carries `demo: true`).
 *
 * code: lowercase, used in product ids. weight: how much better known the issuer is, used to
 * nudge popularity (1 = a household name).
 */
export interface Issuer {
  code: string;
  /** full name, used as the product's `issuer` */
  zh: string;
  /** the short form used inside product names */
  zhShort: string;
  en: string;
  enShort: string;
  weight: number;
}

export type BankTier = 'state' | 'joint' | 'city' | 'online';
export interface Bank extends Issuer {
  tier: BankTier;
}

const bank = (code: string, zh: string, zhShort: string, en: string, enShort: string, tier: BankTier, weight: number): Bank => ({
  code,
  zh,
  zhShort,
  en,
  enShort,
  tier,
  weight
});

const issuer = (code: string, zh: string, zhShort: string, en: string, enShort: string, weight: number): Issuer => ({
  code,
  zh,
  zhShort,
  en,
  enShort,
  weight
});

export const BANKS: readonly Bank[] = [
  bank('icbc', '中国工商银行', '工商银行', 'Industrial and Commercial Bank of China', 'ICBC', 'state', 1),
  bank('ccb', '中国建设银行', '建设银行', 'China Construction Bank', 'CCB', 'state', 1),
  bank('abc', '中国农业银行', '农业银行', 'Agricultural Bank of China', 'ABC', 'state', 0.97),
  bank('boc', '中国银行', '中国银行', 'Bank of China', 'BOC', 'state', 0.97),
  bank('bocom', '交通银行', '交通银行', 'Bank of Communications', 'BOCOM', 'state', 0.9),
  bank('psbc', '中国邮政储蓄银行', '邮储银行', 'Postal Savings Bank of China', 'PSBC', 'state', 0.92),
  bank('cmb', '招商银行', '招商银行', 'China Merchants Bank', 'CMB', 'joint', 1),
  bank('spdb', '上海浦东发展银行', '浦发银行', 'Shanghai Pudong Development Bank', 'SPDB', 'joint', 0.85),
  bank('cib', '兴业银行', '兴业银行', 'Industrial Bank', 'CIB', 'joint', 0.86),
  bank('citic', '中信银行', '中信银行', 'China CITIC Bank', 'CITIC Bank', 'joint', 0.86),
  bank('cmbc', '中国民生银行', '民生银行', 'China Minsheng Bank', 'CMBC', 'joint', 0.83),
  bank('ceb', '中国光大银行', '光大银行', 'China Everbright Bank', 'CEB', 'joint', 0.82),
  bank('pab', '平安银行', '平安银行', 'Ping An Bank', 'Ping An Bank', 'joint', 0.88),
  bank('cgb', '广发银行', '广发银行', 'China Guangfa Bank', 'CGB', 'joint', 0.8),
  bank('hxb', '华夏银行', '华夏银行', 'Hua Xia Bank', 'Hua Xia Bank', 'joint', 0.75),
  bank('bob', '北京银行', '北京银行', 'Bank of Beijing', 'Bank of Beijing', 'city', 0.75),
  bank('bosc', '上海银行', '上海银行', 'Bank of Shanghai', 'Bank of Shanghai', 'city', 0.74),
  bank('nbcb', '宁波银行', '宁波银行', 'Bank of Ningbo', 'Bank of Ningbo', 'city', 0.76),
  bank('jsb', '江苏银行', '江苏银行', 'Bank of Jiangsu', 'Bank of Jiangsu', 'city', 0.74),
  bank('webank', '深圳前海微众银行', '微众银行', 'WeBank', 'WeBank', 'online', 0.85),
  bank('mybank', '浙江网商银行', '网商银行', 'MYbank', 'MYbank', 'online', 0.82)
];

const bankByCode = (codes: readonly string[]): Bank[] =>
  codes.map((c) => {
    const b = BANKS.find((x) => x.code === c);
    if (!b) throw new Error(`unknown bank ${c}`);
    return b;
  });

export const DEPOSIT_BANKS: readonly Bank[] = BANKS;
/** large-denomination CDs: the big and joint-stock banks and the larger city banks */
export const CD_BANKS: readonly Bank[] = BANKS.filter((b) => b.tier !== 'online');
/** credit-card issuers (the online banks issue none) */
export const CARD_BANKS: readonly Bank[] = BANKS.filter((b) => b.tier !== 'online');
export const MORTGAGE_BANKS: readonly Bank[] = BANKS.filter((b) => b.tier !== 'online');
export const CAR_LOAN_BANKS: readonly Bank[] = bankByCode(['icbc', 'ccb', 'abc', 'boc', 'bocom', 'cmb', 'pab', 'citic', 'cib', 'spdb', 'nbcb']);
export const PERSONAL_LOAN_BANKS: readonly Bank[] = BANKS;
export const SME_LOAN_BANKS: readonly Bank[] = bankByCode(['icbc', 'ccb', 'abc', 'boc', 'psbc', 'cmb', 'cib', 'pab', 'nbcb', 'jsb', 'webank', 'mybank']);

/** bank wealth-management subsidiaries (理财子公司) */
export const WEALTH_ISSUERS: readonly Issuer[] = [
  issuer('cmbwm', '招银理财有限责任公司', '招银理财', 'CMB Wealth Management', 'CMB Wealth', 1),
  issuer('icbcwm', '工银理财有限责任公司', '工银理财', 'ICBC Wealth Management', 'ICBC Wealth', 0.98),
  issuer('ccbwm', '建信理财有限责任公司', '建信理财', 'CCB Wealth Management', 'CCB Wealth', 0.95),
  issuer('abcwm', '农银理财有限责任公司', '农银理财', 'ABC Wealth Management', 'ABC Wealth', 0.92),
  issuer('bocwm', '中银理财有限责任公司', '中银理财', 'BOC Wealth Management', 'BOC Wealth', 0.92),
  issuer('bocomwm', '交银理财有限责任公司', '交银理财', 'BOCOM Wealth Management', 'BOCOM Wealth', 0.86),
  issuer('psbcwm', '中邮理财有限责任公司', '中邮理财', 'PSBC Wealth Management', 'PSBC Wealth', 0.84),
  issuer('cibwm', '兴银理财有限责任公司', '兴银理财', 'CIB Wealth Management', 'CIB Wealth', 0.85),
  issuer('citicwm', '信银理财有限责任公司', '信银理财', 'CITIC Wealth Management', 'CITIC Wealth', 0.83),
  issuer('cebwm', '光大理财有限责任公司', '光大理财', 'Everbright Wealth Management', 'Everbright Wealth', 0.82),
  issuer('pawm', '平安理财有限责任公司', '平安理财', 'Ping An Wealth Management', 'Ping An Wealth', 0.85),
  issuer('spdbwm', '浦银理财有限责任公司', '浦银理财', 'SPDB Wealth Management', 'SPDB Wealth', 0.78),
  issuer('nbcbwm', '宁银理财有限责任公司', '宁银理财', 'Bank of Ningbo Wealth Management', 'Ningbo Wealth', 0.76)
];

/** mutual-fund managers (公募基金公司) */
export const FUND_HOUSES: readonly Issuer[] = [
  issuer('efund', '易方达基金管理有限公司', '易方达', 'E Fund Management', 'E Fund', 1),
  issuer('chinaamc', '华夏基金管理有限公司', '华夏', 'China Asset Management', 'ChinaAMC', 0.97),
  issuer('southern', '南方基金管理股份有限公司', '南方', 'China Southern Asset Management', 'China Southern', 0.93),
  issuer('gffund', '广发基金管理有限公司', '广发', 'GF Fund Management', 'GF Fund', 0.93),
  issuer('harvest', '嘉实基金管理有限公司', '嘉实', 'Harvest Fund Management', 'Harvest', 0.9),
  issuer('bosera', '博时基金管理有限公司', '博时', 'Bosera Asset Management', 'Bosera', 0.88),
  issuer('fullgoal', '富国基金管理有限公司', '富国', 'Fullgoal Fund Management', 'Fullgoal', 0.88),
  issuer('cuam', '汇添富基金管理股份有限公司', '汇添富', 'China Universal Asset Management', 'China Universal', 0.9),
  issuer('cmfchina', '招商基金管理有限公司', '招商', 'China Merchants Fund Management', 'China Merchants Fund', 0.87),
  issuer('icbccs', '工银瑞信基金管理有限公司', '工银瑞信', 'ICBC Credit Suisse Asset Management', 'ICBC Credit Suisse', 0.86),
  issuer('tianhong', '天弘基金管理有限公司', '天弘', 'Tianhong Asset Management', 'Tianhong', 0.95),
  issuer('igw', '景顺长城基金管理有限公司', '景顺长城', 'Invesco Great Wall Fund Management', 'Invesco Great Wall', 0.84),
  issuer('penghua', '鹏华基金管理有限公司', '鹏华', 'Penghua Fund Management', 'Penghua', 0.8),
  issuer('huaan', '华安基金管理有限公司', '华安', 'Huaan Fund Management', 'Huaan', 0.8),
  issuer('guotai', '国泰基金管理有限公司', '国泰', 'Guotai Asset Management', 'Guotai', 0.82),
  issuer('zofund', '中欧基金管理有限公司', '中欧', 'Zhong Ou Asset Management', 'Zhong Ou', 0.84)
];

const houseByCode = (codes: readonly string[]): Issuer[] =>
  codes.map((c) => {
    const h = FUND_HOUSES.find((x) => x.code === c);
    if (!h) throw new Error(`unknown fund house ${c}`);
    return h;
  });

/** fund houses with QDII quota in this demo */
export const QDII_HOUSES: readonly Issuer[] = houseByCode(['efund', 'chinaamc', 'southern', 'gffund', 'harvest', 'bosera', 'cuam', 'guotai', 'icbccs']);

export interface Insurer extends Issuer {
  line: 'life' | 'health' | 'pc';
}
const insurer = (code: string, zh: string, zhShort: string, en: string, enShort: string, line: Insurer['line'], weight: number): Insurer => ({
  code,
  zh,
  zhShort,
  en,
  enShort,
  line,
  weight
});

export const INSURERS: readonly Insurer[] = [
  insurer('chinalife', '中国人寿保险股份有限公司', '国寿', 'China Life Insurance', 'China Life', 'life', 1),
  insurer('pingan', '中国平安人寿保险股份有限公司', '平安', 'Ping An Life Insurance', 'Ping An Life', 'life', 1),
  insurer('cpic', '中国太平洋人寿保险股份有限公司', '太平洋', 'China Pacific Life Insurance', 'CPIC Life', 'life', 0.92),
  insurer('newchina', '新华人寿保险股份有限公司', '新华', 'New China Life Insurance', 'New China Life', 'life', 0.85),
  insurer('taikang', '泰康人寿保险有限责任公司', '泰康', 'Taikang Life Insurance', 'Taikang Life', 'life', 0.88),
  insurer('taiping', '太平人寿保险有限公司', '太平', 'Taiping Life Insurance', 'Taiping Life', 'life', 0.82),
  insurer('aia', '友邦人寿保险有限公司', '友邦', 'AIA Life Insurance (China)', 'AIA China', 'life', 0.86),
  insurer('sunshine', '阳光人寿保险股份有限公司', '阳光', 'Sunshine Life Insurance', 'Sunshine Life', 'life', 0.74),
  insurer('picchealth', '中国人民健康保险股份有限公司', '人保健康', 'PICC Health Insurance', 'PICC Health', 'health', 0.88),
  insurer('zhongan', '众安在线财产保险股份有限公司', '众安', 'ZhongAn Online P&C Insurance', 'ZhongAn', 'pc', 0.9),
  insurer('pinganpc', '中国平安财产保险股份有限公司', '平安', 'Ping An Property & Casualty Insurance', 'Ping An P&C', 'pc', 0.9),
  insurer('piccpc', '中国人民财产保险股份有限公司', '人保', 'PICC Property and Casualty', 'PICC P&C', 'pc', 0.88),
  insurer('cpicpc', '中国太平洋财产保险股份有限公司', '太平洋', 'China Pacific Property Insurance', 'CPIC P&C', 'pc', 0.82)
];

export const LIFE_INSURERS: readonly Insurer[] = INSURERS.filter((i) => i.line === 'life');
const insurerByCode = (codes: readonly string[]): Insurer[] =>
  codes.map((c) => {
    const i = INSURERS.find((x) => x.code === c);
    if (!i) throw new Error(`unknown insurer ${c}`);
    return i;
  });
/** short-term medical cover (百万医疗) is sold by health and P&C insurers as well as life insurers */
export const MEDICAL_INSURERS: readonly Insurer[] = insurerByCode(['zhongan', 'picchealth', 'pinganpc', 'piccpc', 'taikang', 'cpic', 'chinalife', 'taiping']);
export const ACCIDENT_INSURERS: readonly Insurer[] = insurerByCode(['pinganpc', 'piccpc', 'cpicpc', 'zhongan', 'chinalife', 'taiping']);

/** bond issuers */
export const MOF: Issuer = issuer('mof', '中华人民共和国财政部', '财政部', 'Ministry of Finance of the PRC', 'Ministry of Finance', 1);

export const LOCAL_GOVERNMENTS: readonly Issuer[] = [
  issuer('gd', '广东省人民政府', '广东省', 'Guangdong Provincial Government', 'Guangdong', 0.9),
  issuer('js', '江苏省人民政府', '江苏省', 'Jiangsu Provincial Government', 'Jiangsu', 0.88),
  issuer('zj', '浙江省人民政府', '浙江省', 'Zhejiang Provincial Government', 'Zhejiang', 0.88),
  issuer('sd', '山东省人民政府', '山东省', 'Shandong Provincial Government', 'Shandong', 0.85),
  issuer('bj', '北京市人民政府', '北京市', 'Beijing Municipal Government', 'Beijing', 0.9),
  issuer('sh', '上海市人民政府', '上海市', 'Shanghai Municipal Government', 'Shanghai', 0.9),
  issuer('sc', '四川省人民政府', '四川省', 'Sichuan Provincial Government', 'Sichuan', 0.8),
  issuer('hb', '湖北省人民政府', '湖北省', 'Hubei Provincial Government', 'Hubei', 0.8),
  issuer('fj', '福建省人民政府', '福建省', 'Fujian Provincial Government', 'Fujian', 0.78)
];

export const CORPORATE_ISSUERS: readonly Issuer[] = [
  issuer('sgcc', '国家电网有限公司', '国家电网', 'State Grid Corporation of China', 'State Grid', 0.9),
  issuer('ctg', '中国长江三峡集团有限公司', '三峡集团', 'China Three Gorges Corporation', 'China Three Gorges', 0.85),
  issuer('sinopec', '中国石油化工集团有限公司', '中国石化', 'China Petrochemical Corporation', 'Sinopec', 0.85),
  issuer('crcc', '中国铁建股份有限公司', '中国铁建', 'China Railway Construction Corporation', 'CRCC', 0.8),
  issuer('cmg', '招商局集团有限公司', '招商局', 'China Merchants Group', 'China Merchants Group', 0.8),
  issuer('huaneng', '中国华能集团有限公司', '华能集团', 'China Huaneng Group', 'Huaneng', 0.8),
  issuer('cosco', '中国远洋海运集团有限公司', '中远海运', 'China COSCO Shipping Corporation', 'COSCO Shipping', 0.78),
  issuer('midea', '美的集团股份有限公司', '美的集团', 'Midea Group', 'Midea', 0.78)
];
