/**
 * The words that name each product kind, each written once for both readers: a search
 * (engine/lexical.ts reads KIND_TERMS as concepts) and a catalogue's kind and subtype cells
 * (import/catalogue-import.ts reads them through kindOfCell and subtypeOfCell). A cell is compared
 * whole, ignoring case, width, spaces, '_' and '-'; a search finds a term anywhere in the request.
 */
import type { ProductKind } from '../domain/product';

/** A word only a search names the kind by: a request says '借钱', a catalogue never does. */
interface SearchOnly {
  search: string;
}
const search = (word: string): SearchOnly => ({ search: word });

interface KindWords {
  /**
   * Words a search names the kind by, in the order the search prefers them (of two equally long
   * terms found, the first names the concept); all but the SearchOnly ones also name it in a cell.
   */
  words: readonly (string | SearchOnly)[];
  /** Words only a catalogue cell uses ('公募基金', 'wmp'): no search concept is named by them. */
  cell: readonly string[];
  /** The end of a cell says its kind: "沪港深精选基金", "净值型理财产品", "三年期存单". */
  suffixes: readonly string[];
}

const KIND_WORDS: Record<ProductKind, KindWords> = {
  fund: {
    words: ['基金', 'fund', 'funds', 'mutual fund', 'etf', search('etfs')],
    cell: ['mutual funds', '公募基金', '货币基金', '指数基金', '债券基金', '股票基金', '混合基金'],
    suffixes: ['基金']
  },
  deposit: {
    words: ['存款', '存单', '储蓄', 'deposit', 'deposits', 'savings', search('saving account'), search('cd'), search('cds')],
    cell: ['saving', 'time deposit', 'time deposits', '定期', '活期', '定期存款', '活期存款', '大额存单', '结构性存款', '通知存款'],
    suffixes: ['存款', '存单']
  },
  wealth: {
    words: ['理财', 'wealth', 'wealth management'],
    cell: ['wmp', 'wealth management product', 'wealth management products', '理财产品', '银行理财', '净值型理财'],
    suffixes: ['理财', '理财产品']
  },
  bond: {
    words: ['债券', '国债', 'bond', 'bonds', 'treasury', 'treasuries'],
    cell: ['储蓄国债', '企业债', '地方债', '金融债'],
    suffixes: ['国债', '债券']
  },
  insurance: {
    words: ['保险', 'insurance'],
    cell: ['寿险', '定期寿险', '重疾险', '年金险', '医疗险', '意外险', '保险产品'],
    suffixes: ['保险', '险']
  },
  credit_card: {
    words: ['信用卡', 'credit card', 'credit cards', 'card', search('cards')],
    cell: ['贷记卡'],
    suffixes: ['信用卡']
  },
  loan: {
    words: ['贷款', search('借款'), search('借钱'), '房贷', '车贷', 'loan', 'loans', search('borrow'), 'mortgage'],
    cell: ['mortgages', '消费贷', '个人贷款', '住房贷款', '经营贷'],
    suffixes: ['贷款', '贷']
  }
};

/*
 * Kinds written with their subtype, as fund platforms and banks list them. Each names the demo
 * catalogue's subtype code, which the engine's goals read (growth → equity, index, mixed …). The
 * first entry a cell is in decides.
 */
const SUBTYPE_CELLS: readonly { kind: ProductKind; subtype: string; cells: readonly string[] }[] = [
  { kind: 'fund', subtype: 'equity', cells: ['股票型', '偏股型', '普通股票型', '股票型基金', '偏股型基金', '普通股票型基金', '股票基金'] },
  {
    kind: 'fund',
    subtype: 'mixed',
    cells: ['混合型', '偏股混合型', '偏债混合型', '灵活配置型', '平衡混合型', '混合型基金', '偏股混合型基金', '偏债混合型基金', '灵活配置型基金', '混合基金']
  },
  {
    kind: 'fund',
    subtype: 'bond',
    cells: ['债券型', '纯债型', '短债型', '中长期纯债型', '混合债券型', '债券型基金', '纯债基金', '短债基金', '债券基金', '中长期纯债型基金', '混合债券型基金']
  },
  { kind: 'fund', subtype: 'money_market', cells: ['货币型', '货币市场型', '货币型基金', '货币市场基金', '货币基金'] },
  {
    kind: 'fund',
    subtype: 'index',
    cells: ['指数型', '被动指数型', '增强指数型', '指数型基金', '指数基金', '被动指数型基金', '增强指数型基金', 'etf', 'etf联接', 'etf联接基金', 'lof']
  },
  { kind: 'fund', subtype: 'qdii', cells: ['qdii', 'qdii基金', 'qdii型'] },
  { kind: 'fund', subtype: 'esg', cells: ['esg', 'esg基金', 'esg主题基金'] },
  { kind: 'fund', subtype: 'fof', cells: ['fof', 'fof基金'] },
  { kind: 'wealth', subtype: 'fixed_income', cells: ['固定收益类', '固收类', '固定收益类理财', '固收类理财', '固定收益类理财产品'] },
  { kind: 'wealth', subtype: 'cash_management', cells: ['现金管理类', '现金管理类理财', '现金管理类理财产品'] },
  { kind: 'wealth', subtype: 'mixed', cells: ['混合类', '混合类理财', '混合类理财产品'] },
  { kind: 'wealth', subtype: 'equity', cells: ['权益类', '权益类理财', '权益类理财产品'] },
  { kind: 'deposit', subtype: 'large_cd', cells: ['大额存单'] },
  { kind: 'deposit', subtype: 'time', cells: ['定期', '定期存款', '整存整取'] },
  { kind: 'deposit', subtype: 'demand', cells: ['活期', '活期存款', '活期储蓄'] },
  { kind: 'bond', subtype: 'treasury', cells: ['国债', '储蓄国债', '记账式国债', '凭证式国债'] },
  { kind: 'bond', subtype: 'local_government', cells: ['地方债', '地方政府债', '地方政府债券'] },
  { kind: 'bond', subtype: 'corporate', cells: ['企业债', '公司债', '企业债券', '公司债券'] },
  { kind: 'insurance', subtype: 'critical_illness', cells: ['重疾险', '重大疾病保险'] },
  { kind: 'insurance', subtype: 'medical', cells: ['医疗险', '医疗保险', '百万医疗险'] },
  { kind: 'insurance', subtype: 'accident', cells: ['意外险', '意外伤害保险'] },
  { kind: 'insurance', subtype: 'term_life', cells: ['定期寿险'] },
  { kind: 'insurance', subtype: 'annuity', cells: ['年金险', '年金保险', '养老年金保险'] },
  { kind: 'insurance', subtype: 'education', cells: ['教育金', '教育年金', '教育金保险'] },
  { kind: 'loan', subtype: 'mortgage', cells: ['房贷', '住房贷款', '个人住房贷款'] },
  { kind: 'loan', subtype: 'car', cells: ['车贷', '汽车贷款', '个人汽车贷款'] },
  { kind: 'loan', subtype: 'personal', cells: ['消费贷', '个人消费贷款', '个人贷款'] },
  { kind: 'loan', subtype: 'renovation', cells: ['装修贷', '家装贷', '装修贷款'] },
  { kind: 'loan', subtype: 'small_business', cells: ['经营贷', '个人经营贷款'] }
];

const KINDS = Object.keys(KIND_WORDS) as ProductKind[];

const searchTerms = (k: ProductKind): readonly string[] => KIND_WORDS[k].words.map((w) => (typeof w === 'string' ? w : w.search));

/** The words a search names each kind by (engine/lexical.ts), in the order it tries the kinds. */
export const KIND_TERMS: Record<ProductKind, readonly string[]> = {
  fund: searchTerms('fund'),
  deposit: searchTerms('deposit'),
  wealth: searchTerms('wealth'),
  bond: searchTerms('bond'),
  insurance: searchTerms('insurance'),
  credit_card: searchTerms('credit_card'),
  loan: searchTerms('loan')
};

/** A cell as it is compared: "Mutual Funds" and "mutual_funds" are one word. */
const compact = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Every word that names a kind in a cell, compacted; the tests see that no word names two kinds. */
export const KIND_CELL_WORDS: ReadonlyMap<ProductKind, ReadonlySet<string>> = new Map(
  KINDS.map((k) => {
    const { words, cell } = KIND_WORDS[k];
    return [k, new Set([...words.flatMap((w) => (typeof w === 'string' ? [w] : [])), ...cell].map(compact))];
  })
);

/** The kind a catalogue cell names: by a kind word, a word for one of its subtypes, or the end of the word. */
export function kindOfCell(text: string): ProductKind | null {
  const t = compact(text);
  for (const [k, words] of KIND_CELL_WORDS) if (words.has(t)) return k;
  const sub = SUBTYPE_CELLS.find((e) => e.cells.includes(t));
  if (sub) return sub.kind;
  return KINDS.find((k) => KIND_WORDS[k].suffixes.some((end) => t.endsWith(end))) ?? null;
}

/** The subtype code a cell's words name ("股票型基金" → equity) within the kind, or within any kind when none is known. */
export function subtypeOfCell(text: string, kind: ProductKind | null): string | null {
  const t = compact(text);
  return SUBTYPE_CELLS.find((e) => (kind === null || e.kind === kind) && e.cells.includes(t))?.subtype ?? null;
}
