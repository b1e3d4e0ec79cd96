/**
 * A bank's or fund platform's product export, as its own system writes it: Chinese headers, codes
 * with leading zeros (some kept by Excel's ="…" trick), risk levels as "R3", "中风险(R3)" or "三级",
 * amounts as "1,000.00", "5万" or "100元起", terms as "开放式", "1年" or "持有期90天", benchmarks
 * that are a rate, a range or an index formula, and a few rows a real export gets wrong (no risk
 * level, a level that does not exist, a row exported twice). Built from the seeded demo generator, so
 * the products behind it are real-shaped and every row can be checked against the product it came
 * from. The importer's test and bench make theirs with it instead of committing megabytes.
 */
import type { Product } from '../../src/lib/domain/product';
import { generateCatalogue } from './catalogue';
import { Rng } from './rng';

export const EXPORT_HEADER = [
  '产品代码',
  '产品名称',
  '英文名称',
  '产品类型',
  '风险等级',
  '管理人',
  '起购金额',
  '期限',
  '流动性',
  '币种',
  '业绩比较基准',
  '利率',
  '年费',
  '最低年龄',
  '最高年龄',
  '标签',
  '产品说明'
] as const;

/** What the importer should make of a row. */
export interface ExportRowSource {
  code: string;
  product: Product;
  /** why the row must be refused, when it is one of the broken ones */
  broken?: 'no risk level' | 'risk level out of range' | 'exported twice';
  /** the benchmark as written is one rate (so expectedReturn must come through) */
  singleRate: boolean;
}

export interface BankExport {
  header: readonly string[];
  rows: string[][];
  sources: ExportRowSource[];
}

/** The words a bank's system writes for each of the demo's kinds and subtypes. */
const KIND_TEXT: Record<string, readonly string[]> = {
  'deposit/demand': ['活期存款'],
  'deposit/time': ['定期存款', '整存整取'],
  'deposit/large_cd': ['大额存单'],
  'wealth/cash_management': ['现金管理类理财', '现金管理类'],
  'wealth/fixed_income': ['固定收益类理财', '固收类'],
  'wealth/mixed': ['混合类理财产品'],
  'fund/money_market': ['货币市场基金', '货币型'],
  'fund/bond': ['债券型基金', '纯债基金'],
  'fund/mixed': ['混合型基金', '偏股混合型'],
  'fund/equity': ['股票型基金', '普通股票型'],
  'fund/index': ['指数型基金', 'ETF联接'],
  'fund/qdii': ['QDII基金'],
  'fund/esg': ['ESG主题基金'],
  'bond/treasury': ['储蓄国债'],
  'bond/local_government': ['地方政府债'],
  'bond/corporate': ['企业债'],
  'insurance/critical_illness': ['重疾险'],
  'insurance/medical': ['医疗保险'],
  'insurance/accident': ['意外险'],
  'insurance/term_life': ['定期寿险'],
  'insurance/annuity': ['年金保险'],
  'insurance/education': ['教育金'],
  'credit_card/travel': ['信用卡'],
  'credit_card/cashback': ['信用卡'],
  'credit_card/student': ['信用卡'],
  'credit_card/premium': ['信用卡'],
  'credit_card/co_branded': ['信用卡'],
  'loan/mortgage': ['个人住房贷款', '房贷'],
  'loan/car': ['汽车贷款'],
  'loan/personal': ['个人消费贷款'],
  'loan/renovation': ['装修贷'],
  'loan/small_business': ['经营贷']
};

const RISK_WORD = ['', '低风险', '中低风险', '中风险', '中高风险', '高风险'] as const;
const RISK_ZH_DIGIT = ['', '一', '二', '三', '四', '五'] as const;

function riskText(rng: Rng, level: number): string {
  const w = RISK_WORD[level]!;
  return rng.pick([`R${level}`, `R${level}`, w, `${w}(R${level})`, `R${level}（${w}）`, `${RISK_ZH_DIGIT[level]}级`, `PR${level}`]);
}

function amountText(rng: Rng, n: number | null): string {
  if (n === null) return rng.pick(['', '--']);
  if (n >= 10000 && n % 10000 === 0) return rng.pick([`${n / 10000}万`, `${n / 10000}万元`, n.toLocaleString('en-US'), `${n}`]);
  return rng.pick([`${n}`, `${n}元`, `${n.toLocaleString('en-US', { minimumFractionDigits: 2 })}`, `${n}元起`]);
}

function termText(rng: Rng, months: number | null): string {
  if (months === null) return rng.pick(['开放式', '每日开放', '活期', '--']);
  if (months % 12 === 0) return rng.pick([`${months / 12}年`, `${months}个月`, `封闭期${months / 12}年`]);
  if (months <= 12) return rng.pick([`${months}个月`, `${months * 30}天`, `持有期${months * 30}天`]);
  return `${months}个月`;
}

function liquidityText(rng: Rng, l: string): string {
  if (l === 'high') return rng.pick(['高', 'T+0', '随时']);
  if (l === 'medium') return rng.pick(['中', 'T+1', '开放式']);
  return rng.pick(['低', '封闭式']);
}

function currencyText(rng: Rng, c: string): string {
  if (c === 'CNY') return rng.pick(['人民币', 'CNY', '人民币(CNY)', '人民币元']);
  if (c === 'USD') return rng.pick(['美元', 'USD']);
  return c;
}

const FORMULAS = [
  '沪深300指数收益率×80%+中债综合指数收益率×20%',
  '中证500指数收益率×95%+银行活期存款利率(税后)×5%',
  '中债总财富(总值)指数收益率',
  'MSCI中国指数收益率(经汇率调整)'
];

/** The rows of a `count`-product export from `seed`; about 0.5 % of them are broken on purpose. */
export function bankExport(seed: number, count: number): BankExport {
  const products = generateCatalogue({ seed, count }).products;
  const rng = Rng.stream(seed, 'bank-export');
  const rows: string[][] = [];
  const sources: ExportRowSource[] = [];
  products.forEach((p, i) => {
    const code = String(i + 1).padStart(6, '0');
    const borrowing = p.kind === 'loan' || p.kind === 'credit_card';
    const investment = p.kind === 'fund' || p.kind === 'wealth' || p.kind === 'bond';
    let benchmark = '';
    let singleRate = false;
    if (investment && p.expectedReturn !== null) {
      const r = rng.float();
      if (r < 0.5) {
        benchmark = `${p.expectedReturn}%`;
        singleRate = true;
      } else if (r < 0.75 && p.kind !== 'fund') benchmark = `${p.expectedReturn}%-${Math.round((p.expectedReturn + 1) * 100) / 100}%`;
      else benchmark = rng.pick(FORMULAS);
    }
    const rate = borrowing ? p.apr : p.kind === 'deposit' ? p.expectedReturn : null;
    const broken = rng.float();
    const brokenWhy: ExportRowSource['broken'] = broken < 0.003 ? 'no risk level' : broken < 0.004 ? 'risk level out of range' : undefined;
    const row = [
      rng.float() < 0.3 ? `="${code}"` : code,
      p.name['zh-CN'],
      rng.float() < 0.8 ? p.name.en : '',
      rng.pick(KIND_TEXT[`${p.kind}/${p.subtype}`] ?? [p.kind]),
      brokenWhy === 'no risk level' ? rng.pick(['', '待评级']) : brokenWhy === 'risk level out of range' ? 'R6' : riskText(rng, p.riskLevel),
      p.issuerName?.['zh-CN'] ?? p.issuer,
      amountText(rng, p.minAmount),
      termText(rng, p.termMonths),
      liquidityText(rng, p.liquidity),
      currencyText(rng, p.currency),
      benchmark,
      rate === null ? '' : `${rate}%`,
      p.annualFee === null ? '' : p.annualFee === 0 ? rng.pick(['0', '免年费']) : `${p.annualFee}`,
      p.eligibility.minAge === undefined ? '' : `${p.eligibility.minAge}${rng.pick(['', '岁', '周岁'])}`,
      p.eligibility.maxAge === undefined ? '' : `${p.eligibility.maxAge}`,
      p.tags.join(rng.pick(['|', '、', ';'])),
      p.description['zh-CN']
    ];
    rows.push(row);
    sources.push({ code, product: p, singleRate, ...(brokenWhy ? { broken: brokenWhy } : {}) });
    // a row the bank's system wrote twice
    if (rng.float() < 0.001) {
      rows.push([...row]);
      sources.push({ code, product: p, singleRate, broken: 'exported twice' });
    }
  });
  return { header: EXPORT_HEADER, rows, sources };
}

/** RFC 4180 with CRLF, as Excel writes it: a cell is quoted when it holds a comma, a quote or a line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string): string => (/[",\r\n]/.test(c) && !/^="[^"]*"$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
