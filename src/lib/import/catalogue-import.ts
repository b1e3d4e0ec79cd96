/**
 * Cleaning a bank's product export into a Candor catalogue (pure: no fs; the CLI is
 * src/cli/catalogue.ts).
 *
 * Input rows are flat: the product fields with `name_zh`, `name_en`, `description_zh`,
 * `description_en`, `min_age`, `max_age`, `min_income` and `tags` (separated by | or ;). Header
 * names are matched loosely (`risk_level`, `riskLevel`, `Risk Level` are one column). JSON input
 * may also be nested products as docs/contracts.md writes them; they are flattened first.
 *
 * The optional per-kind columns, each also under its usual Chinese header (保费, 保额, 等待期, …):
 *   insurance `premium` ("350", "350元/年", "29元/月"), `premium_period` (年/月/趸交, year/month/single;
 *             yearly when neither says), `coverage`, `waiting_period` ("90天", "3个月"), `premium_years`;
 *   cards     `fee_waiver_zh`/`fee_waiver_en`, `benefits_zh`/`benefits_en` (separated by | or ;);
 *   loans     `apr_min`/`apr_max`, `term_min`/`term_max` (terms as above), `max_amount`.
 * One language of a waiver or of the benefits stands in for the other, as for names.
 *
 * What is cleaned (each change is reported with row, id, field, from and to):
 *   text      trimmed (full-width spaces too);
 *   numbers   full-width digits and signs folded (NFKC), thousands separators dropped ("1,000" → 1000),
 *             Chinese units expanded ("5万" → 50000, "1千" → 1000, "1亿"), "4.5%" / "3.5 %" → 4.5 / 3.5;
 *   risk      "R3", "PR3", "3", "3级", "三级", "中风险", "medium" → 3 (R1–R5 only);
 *   kind      zh/en names ("定期存款", "理财", "Fund", "credit card", "信用卡" …) → the seven kinds;
 *   term      "12", "12个月", "1年", "90天", "3 years" → months; "活期", "开放式", "open" → null (open-ended);
 *   liquidity "高/中/低", "随时", "T+0" → high|medium|low;
 *   currency  "人民币", "RMB", "¥" → CNY (and USD, EUR, HKD, JPY, GBP);
 *   yes/no    "是/否", "yes/no", "Y/N", "true/false" → true/false (extra columns);
 *   empty     "", "-", "--", "N/A", "无", "暂无" → null (or left out for eligibility). An empty cell
 *             becoming null is not reported (it had no value and still has none); a placeholder
 *             such as "-" or "N/A" becoming null is.
 * Defaults filled (and reported): currency (CNY unless told otherwise), issuer (when the caller
 * gives one), subtype (the kind), a missing name or description in one language (copied from the
 * other; a missing description falls back to the name), liquidity ("low": the cautious choice —
 * claiming money is reachable when it is not is the harmful mistake).
 * Refused (row dropped, reason reported): no id, a duplicate id (first good row kept), an unknown
 * kind, a missing or out-of-range risk level (never guessed: the suitability gate depends on it),
 * no name in either language, a value that cannot be read, and anything ProductSchema rejects.
 */
import { z } from 'zod';
import { CatalogueSchema, type Catalogue } from '../domain/catalogue';
import { currencyCode } from '../vocab/currencies';
import { kindOfCell, subtypeOfCell } from '../vocab/kinds';
import { parseAmountText } from '../vocab/numerals';
import { PRODUCT_KINDS, ProductSchema, type Liquidity, type PremiumPeriod, type Product, type ProductKind } from '../domain/product';

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * RFC 4180 CSV: comma-separated fields, CRLF (or LF, or CR) between records, fields in double
 * quotes may hold commas, line breaks and "" for a quote. A leading byte-order mark is dropped and
 * blank lines are skipped.
 *
 * Why our own parser: no CSV library is installed, the format is this small, and papaparse (the
 * well-kept candidate) ships no types of its own and guesses (delimiters, dynamic typing) where an
 * importer should not; a wrong guess here would be a silently wrong product. ~60 lines that
 * either follow the RFC or name the line where the file breaks it are easier to trust.
 */
export interface CsvRecord {
  /** 1-based line where the record starts */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * The bytes of an export → text. A byte-order mark says the encoding (UTF-8, or UTF-16 as Excel's
 * "Unicode text" saves it); otherwise strict UTF-8, and GB18030 (a superset of the GBK that Excel
 * in zh-CN saves "CSV" in) when the bytes are not UTF-8. Throws when neither reads them.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new Error('neither UTF-8 nor GB18030 text');
    }
  }
}

/**
 * The separator Excel used: a first line `sep=;` says it outright (and is not a record);
 * otherwise the header line decides — tabs for "Unicode text", semicolons where the decimal
 * point is a comma, commas by default.
 */
export function csvDialect(text: string): { body: string; delimiter: ',' | ';' | '\t' } {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = /^sep=([,;\t])\r?\n/i.exec(s);
  if (sep) return { body: s.slice(sep[0].length), delimiter: sep[1] as ',' | ';' | '\t' };
  const first = s.slice(0, s.search(/\r|\n|$/));
  const count = (ch: string): number => first.split(ch).length - 1;
  const delimiter = count('\t') > count(',') && count('\t') >= count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
  return { body: s, delimiter };
}

export function parseCsv(text: string, delimiter: ',' | ';' | '\t' = ','): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedCell = false;
  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    quotedCell = false;
  };
  const endRecord = (): void => {
    const blank = cells.length === 0 && cell === '' && !quotedCell; // an empty line, not a lone ""
    endCell();
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"' && cell === '' && !quotedCell) {
      // a quoted field
      const start = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvError(`line ${start}: a quoted field is never closed`, start);
        const c = s[i]!;
        if (c === '"') {
          if (s[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && s[i + 1] === '\n') {
            cell += '\r';
            i++;
          }
          line++;
        }
        cell += s[i]!;
        i++;
      }
      quotedCell = true;
      const next = s[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new CsvError(`line ${line}: unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field is written "")`, line);
      }
      continue;
    }
    if (ch === delimiter) {
      endCell();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRecord();
  return records;
}

// ---------------------------------------------------------------------------------------------
// rows and columns

/** One input row: `values` keyed by the column names as written. */
export interface ImportRow {
  /** 1-based data row (the header is not counted) */
  row: number;
  /** 1-based line in a CSV file where the row starts */
  line?: number;
  values: Record<string, unknown>;
}

export type FieldName =
  | 'id'
  | 'kind'
  | 'subtype'
  | 'issuer'
  | 'name_zh'
  | 'name_en'
  | 'description_zh'
  | 'description_en'
  | 'riskLevel'
  | 'currency'
  | 'expectedReturn'
  | 'benchmark'
  | 'apr'
  | 'rate'
  | 'annualFee'
  | 'termMonths'
  | 'minAmount'
  | 'liquidity'
  | 'minAge'
  | 'maxAge'
  | 'minIncome'
  | 'tags'
  | 'premium'
  | 'premiumPeriod'
  | 'coverage'
  | 'waitingPeriodDays'
  | 'premiumYears'
  | 'feeWaiver_zh'
  | 'feeWaiver_en'
  | 'benefits_zh'
  | 'benefits_en'
  | 'aprMin'
  | 'aprMax'
  | 'termMin'
  | 'termMax'
  | 'maxAmount';

/*
 * Header names as banks and fund platforms write them, English and Chinese. Matched after
 * headerKey() (letters, digits and Han only) and after a unit in brackets is taken off
 * ("起购金额（万元）" is 起购金额 in 万元). Anything else goes through a column map (--map).
 */
const ALIASES: Record<FieldName, string[]> = {
  id: ['id', 'productid', 'productcode', 'code', '产品代码', '产品编号', '产品编码', '基金代码', '理财代码', '代码', '编号', '产品id', '登记编码'],
  kind: ['kind', 'producttype', 'category', '产品类型', '产品类别', '产品大类', '产品种类', '类型', '类别'],
  subtype: ['subtype', 'subkind', '子类型', '产品子类', '细分类型', '二级分类', '基金类型', '投资类型', '投资性质'],
  issuer: ['issuer', 'bank', 'manager', '发行机构', '管理人', '基金管理人', '发行人', '管理机构', '基金公司', '发行银行', '产品管理人', '保险公司'],
  name_zh: ['namezh', 'namezhcn', 'namecn', 'zhname', '产品名称', '名称', '产品全称', '基金名称', '基金简称', '产品简称', '中文名称'],
  name_en: ['nameen', 'enname', '英文名称', '产品英文名称'],
  description_zh: ['descriptionzh', 'descriptionzhcn', 'desczh', 'descriptioncn', '产品描述', '产品说明', '产品介绍', '产品简介', '描述', '说明', '投资目标'],
  description_en: ['descriptionen', 'descen', '英文描述', '英文说明'],
  riskLevel: ['risklevel', 'risk', 'riskrating', '风险等级', '风险评级', '产品风险等级', '风险级别', '风险等级评定', '产品风险评级'],
  currency: ['currency', 'ccy', '币种', '币别', '货币', '计价币种', '销售币种'],
  expectedReturn: ['expectedreturn', 'expectedyield', 'return', 'yield', '预期收益率', '预期年化收益率', '年化收益率', '参考年化收益率', '预期收益', '收益率'],
  benchmark: ['benchmark', 'performancebenchmark', '业绩比较基准', '业绩基准', '比较基准'],
  apr: ['apr', 'interestrate', '贷款利率', '贷款年利率'],
  rate: ['rate', '利率', '年利率', '执行利率', '存款利率'],
  annualFee: ['annualfee', 'fee', '年费'],
  termMonths: ['termmonths', 'term', '期限', '产品期限', '投资期限', '存期', '封闭期', '持有期', '期限月'],
  minAmount: [
    'minamount',
    'minimumamount',
    'mininvestment',
    '起购金额',
    '起点金额',
    '起投金额',
    '起存金额',
    '认购起点',
    '购买起点',
    '起购点',
    '最低投资额',
    '最低购买金额',
    '最低申购金额',
    '首次购买起点'
  ],
  liquidity: ['liquidity', '流动性', '赎回方式', '申赎方式'],
  minAge: ['minage', 'eligibilityminage', '最低年龄', '最小年龄', '年龄下限'],
  maxAge: ['maxage', 'eligibilitymaxage', '最高年龄', '最大年龄', '年龄上限'],
  minIncome: ['minincome', 'eligibilityminincome', '最低收入', '最低年收入', '收入要求'],
  tags: ['tags', 'tag', '标签', '产品标签', '特色标签', '关键词'],
  premium: ['premium', '保费', '保险费', '年缴保费', '参考保费'],
  premiumPeriod: ['premiumperiod', 'premiumfrequency', '缴费方式', '交费方式', '缴费频率'],
  coverage: ['coverage', 'coveramount', 'suminsured', '保额', '保险金额', '基本保额'],
  waitingPeriodDays: ['waitingperiod', 'waitingperioddays', 'waitingdays', '等待期', '观察期'],
  premiumYears: ['premiumyears', 'paymentyears', '缴费年限', '交费年限', '缴费期'],
  feeWaiver_zh: ['feewaiverzh', 'annualfeewaiverzh', '年费减免', '年费减免条件', '免年费条件'],
  feeWaiver_en: ['feewaiveren', 'annualfeewaiveren'],
  benefits_zh: ['benefitszh', '权益', '卡片权益', '主要权益'],
  benefits_en: ['benefitsen'],
  aprMin: ['aprmin', 'minapr', 'ratemin', '最低利率', '利率下限'],
  aprMax: ['aprmax', 'maxapr', 'ratemax', '最高利率', '利率上限'],
  termMin: ['termmin', 'minterm', 'mintermmonths', '最短期限'],
  termMax: ['termmax', 'maxterm', 'maxtermmonths', '最长期限'],
  maxAmount: ['maxamount', 'maximumamount', 'maxloanamount', '最高额度', '最高金额', '最高贷款额度']
};

const FIELD_BY_KEY = new Map<string, FieldName>();
for (const [field, keys] of Object.entries(ALIASES) as [FieldName, string[]][]) for (const k of keys) FIELD_BY_KEY.set(k, field);

/** Product members a stray extra column may not overwrite. */
const RESERVED = new Set(['name', 'description', 'eligibility', 'annualFeeWaiver', 'benefits', 'aprRange', 'termRange', ...Object.keys(ALIASES)]);

/** Letters, digits and Chinese characters only: "Risk Level", "risk_level" and "风险 等级" each match one key. */
function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9\p{Script=Han}]/gu, '');
}

/** Units a header may state in brackets; a bare number in such a column is read in that unit. */
const HEADER_UNITS = new Set([
  '元',
  '万元',
  '万',
  '千元',
  '亿元',
  '%',
  '％',
  '月',
  '个月',
  '天',
  '日',
  '年',
  '岁',
  'months',
  'month',
  'days',
  'day',
  'years',
  'year',
  'cny',
  'rmb'
]);

/** "起购金额（万元）" → {base: "起购金额", unit: "万元"}; a header without a known unit is all base. */
function splitHeader(h: string): { base: string; unit: string | null } {
  const m = /^(.*?)\s*[（([【]\s*([^()（）[\]【】]+?)\s*[)）\]】]\s*$/.exec(h.normalize('NFKC'));
  if (m && HEADER_UNITS.has(m[2]!.toLowerCase()) && headerKey(m[1]!) !== '') return { base: m[1]!, unit: m[2]!.toLowerCase() === '％' ? '%' : m[2]! };
  return { base: h, unit: null };
}

/** The field a name means: a field name as the report writes it, or any header alias. */
function fieldNamed(name: string): FieldName | undefined {
  if (Object.hasOwn(ALIASES, name)) return name as FieldName;
  return FIELD_BY_KEY.get(headerKey(name));
}

/**
 * A column map for exports whose headers nothing here recognises: the header as written → a
 * field (or null to leave the column out), optionally with the unit bare numbers are in.
 *   {"columns": {"风险评级结果": "riskLevel", "起售(万)": {"field": "minAmount", "unit": "万元"}, "备注": null}}
 */
const MapTarget = z.union([z.string().min(1), z.null(), z.strictObject({ field: z.string().min(1), unit: z.string().min(1).optional() })]);
export const ColumnMapFileSchema = z.strictObject({ columns: z.record(z.string().min(1), MapTarget) });
export type ColumnMapFile = z.infer<typeof ColumnMapFileSchema>;

/** A validated map file → column → {field|null, unit}; throws an Error naming the first bad entry. */
export function readColumnMap(value: unknown): Map<string, { field: FieldName | null; unit: string | null }> {
  const parsed = ColumnMapFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `column map: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message} (expected {"columns":{"Header":"field"|null|{"field","unit"}}})`
    );
  }
  const out = new Map<string, { field: FieldName | null; unit: string | null }>();
  for (const [column, target] of Object.entries(parsed.data.columns)) {
    const name = target === null ? null : typeof target === 'string' ? target : target.field;
    const unit = target !== null && typeof target === 'object' ? (target.unit ?? null) : null;
    const field = name === null ? null : fieldNamed(name);
    if (field === undefined)
      throw new Error(`column map: "${column}" → "${name}" is not a field this importer reads (one of ${Object.keys(ALIASES).join(', ')})`);
    if (unit !== null && !HEADER_UNITS.has(unit.toLowerCase()))
      throw new Error(`column map: "${column}": unit "${unit}" is not one of ${[...HEADER_UNITS].join(' ')}`);
    out.set(column.trim(), { field, unit });
  }
  return out;
}

export interface ColumnMap {
  /** column as written → product field */
  mapped: Record<string, FieldName>;
  /** how each mapped column was recognised: its name, a known alias (zh or en), or the column map */
  via: Record<string, 'name' | 'alias' | 'map'>;
  /** column → the unit its header (or the map) states, applied to bare numbers */
  units: Record<string, string>;
  /** columns kept as extra product members (a product may carry extra fields) */
  extra: string[];
  /** columns dropped: a second column for the same field, a name a product reserves, or the map said so */
  ignored: { column: string; reason: string }[];
  /** columns the map names that the file does not have */
  unusedMap: string[];
}

export function mapColumns(columns: readonly string[], userMap?: ReadonlyMap<string, { field: FieldName | null; unit: string | null }>): ColumnMap {
  const mapped: Record<string, FieldName> = {};
  const via: Record<string, 'name' | 'alias' | 'map'> = {};
  const units: Record<string, string> = {};
  const extra: string[] = [];
  const ignored: { column: string; reason: string }[] = [];
  const taken = new Map<FieldName, string>();
  const take = (column: string, field: FieldName, how: 'name' | 'alias' | 'map', unit: string | null): void => {
    const first = taken.get(field);
    if (first !== undefined) {
      ignored.push({ column, reason: `a second column for ${field} (using "${first}")` });
      return;
    }
    taken.set(field, column);
    mapped[column] = field;
    via[column] = how;
    if (unit !== null) units[column] = unit;
  };
  // the map first: what the bank says a column is outranks what its name suggests
  const ordered = userMap ? [...columns.filter((c) => userMap.has(c.trim())), ...columns.filter((c) => !userMap.has(c.trim()))] : columns;
  for (const column of ordered) {
    const fromMap = userMap?.get(column.trim());
    if (fromMap) {
      if (fromMap.field === null) ignored.push({ column, reason: 'left out by the column map' });
      else take(column, fromMap.field, 'map', fromMap.unit);
      continue;
    }
    const direct = FIELD_BY_KEY.get(headerKey(column));
    const { base, unit } = splitHeader(column);
    const field = direct ?? (unit !== null ? FIELD_BY_KEY.get(headerKey(base)) : undefined);
    if (field) {
      const key = headerKey(direct ? column : base);
      take(column, field, key === field.toLowerCase() || key === field.replace(/_/g, '').toLowerCase() ? 'name' : 'alias', direct ? null : unit);
      continue;
    }
    const name = column.trim();
    if (name === '' || RESERVED.has(name) || RESERVED.has(headerKey(name)) || extra.includes(name)) {
      ignored.push({ column, reason: name === '' ? 'no column name' : `"${name}" is not a column this importer reads` });
    } else extra.push(name);
  }
  const present = new Set(columns.map((c) => c.trim()));
  const unusedMap = userMap ? [...userMap.keys()].filter((c) => !present.has(c)) : [];
  // report columns in file order
  const inOrder = <T>(r: Record<string, T>): Record<string, T> => Object.fromEntries(columns.filter((c) => c in r).map((c) => [c, r[c]!]));
  return { mapped: inOrder(mapped), via: inOrder(via), units: inOrder(units), extra, ignored, unusedMap };
}

/** CSV text → rows keyed by header. Throws CsvError for a malformed file. */
export function rowsFromCsv(text: string): { columns: string[]; rows: ImportRow[] } {
  const { body, delimiter } = csvDialect(text);
  const records = parseCsv(body, delimiter);
  const header = records.shift();
  if (!header) throw new CsvError('the file is empty (no header row)', 1);
  const columns = header.cells.map((c) => c.trim());
  const rows = records.map((rec, idx): ImportRow => {
    if (rec.cells.length > columns.length && rec.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      throw new CsvError(`line ${rec.line}: ${rec.cells.length} fields, but the header has ${columns.length}`, rec.line);
    }
    const values: Record<string, unknown> = {};
    columns.forEach((c, k) => {
      values[c] = excelText(rec.cells[k] ?? '');
    });
    return { row: idx + 1, line: rec.line, values };
  });
  return { columns, rows };
}

/** Excel keeps a code's leading zeros by writing it as a formula: ="000001" is the text 000001. */
function excelText(cell: string): string {
  const m = /^="(.*)"$/s.exec(cell);
  return m ? m[1]!.replace(/""/g, '"') : cell;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * JSON input → rows: an array of products, or {"products":[...]}; each product flat (the CSV
 * columns) or nested as docs/contracts.md writes it (name/description {zh-CN,en}, eligibility {...}).
 */
export function rowsFromJson(value: unknown): { columns: string[]; rows: ImportRow[] } {
  const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value['products']) ? value['products'] : null;
  if (!list) throw new Error('expected an array of products or {"products":[...]}');
  const columns: string[] = [];
  const rows = list.map((item, idx): ImportRow => {
    const values: Record<string, unknown> = {};
    if (isRecord(item)) {
      for (const [k, v] of Object.entries(item)) {
        if ((k === 'name' || k === 'description') && isRecord(v)) {
          values[`${k}_zh`] = v['zh-CN'] ?? v['zh'] ?? '';
          values[`${k}_en`] = v['en'] ?? '';
        } else if (k === 'eligibility' && isRecord(v)) {
          values['min_age'] = v['minAge'] ?? '';
          values['max_age'] = v['maxAge'] ?? '';
          values['min_income'] = v['minIncome'] ?? '';
        } else if (k === 'premium' && isRecord(v)) {
          values['premium'] = v['amount'] ?? '';
          values['premium_period'] = v['period'] ?? '';
        } else if (k === 'annualFeeWaiver' && isRecord(v)) {
          values['fee_waiver_zh'] = v['zh-CN'] ?? v['zh'] ?? '';
          values['fee_waiver_en'] = v['en'] ?? '';
        } else if (k === 'benefits' && Array.isArray(v)) {
          values['benefits_zh'] = v.map((b: unknown) => (isRecord(b) ? (b['zh-CN'] ?? b['zh'] ?? '') : b));
          values['benefits_en'] = v.map((b: unknown) => (isRecord(b) ? (b['en'] ?? '') : b));
        } else if (k === 'aprRange' && isRecord(v)) {
          values['apr_min'] = v['min'] ?? '';
          values['apr_max'] = v['max'] ?? '';
        } else if (k === 'termRange' && isRecord(v)) {
          values['term_min'] = v['minMonths'] ?? '';
          values['term_max'] = v['maxMonths'] ?? '';
        } else values[k] = v;
      }
    }
    for (const k of Object.keys(values)) if (!columns.includes(k)) columns.push(k);
    return { row: idx + 1, values };
  });
  return { columns, rows };
}

// ---------------------------------------------------------------------------------------------
// value cleaning

type Clean<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

const ok = <T>(value: T, note?: string): Clean<T> => (note === undefined ? { ok: true, value } : { ok: true, value, note });
const bad = (reason: string): Clean<never> => ({ ok: false, reason });

/** NFKC folds full-width digits, letters, ％ and spaces; then trim (incl. U+3000 and NBSP). */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
}

const PLACEHOLDERS = new Set(['-', '--', '---', '—', '——', '/', 'n/a', 'na', 'null', 'none', 'nil', '无', '暂无', '空', '不适用', '?', '？']);

/** Trim only (incl. U+3000 and NBSP; CRLF inside → LF): for names and descriptions, whose full-width punctuation is right. */
function trimText(s: string): string {
  return s.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '').replace(/\r\n?/g, '\n');
}

/**
 * undefined: really empty; null: a placeholder meaning "no value"; a string otherwise. `folded`
 * applies NFKC (for numbers, codes and enums; never for free text, where "（" must stay "（").
 */
function textOf(v: unknown, folded = true): string | null | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return String(JSON.stringify(v));
  const t = folded ? fold(v) : trimText(v);
  if (t === '') return undefined;
  if (PLACEHOLDERS.has(t.toLowerCase())) return null;
  return t;
}

const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function plainNumber(s: string): number | null {
  const t = s.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/\s+/g, '');
  return NUM.test(t) ? Number(t) : null;
}

/** Percent: "4.5%", "3.5 %", "4.5" → 4.5 (annual %). A bare fraction like 0.045 is kept as written. */
function percent(s: string): Clean<number> {
  const t = s
    .replace(/^(年化|年利率|利率|收益率|p\.?a\.?)/i, '')
    .replace(/(p\.?a\.?|\/年|每年|年化)$/i, '')
    .trim();
  const m = /^(.*?)\s*%$/.exec(t);
  const n = plainNumber(m ? m[1]! : t);
  if (n === null) return /\d\s*%?\s*[-~～至]\s*\d/.test(t) ? bad(`"${s}" is a range; give one number`) : bad(`"${s}" is not a percentage`);
  return ok(n);
}

/**
 * Amount: "1,000" → 1000, "5万" → 50000, "¥1,000元" → 1000, "10k" → 10000 (vocab/numerals.ts, as the
 * request parser reads them); an exported number in Excel's notation (1.5E+04) as written.
 */
function amount(s: string): Clean<number> {
  const t = s.replace(/\s*(起购|起投|起存|起)$/, '').trim();
  const n = parseAmountText(t)?.value ?? plainNumber(t);
  if (n === null) return bad(`"${s}" is not an amount`);
  return ok(Math.round(n * 100) / 100);
}

function integer(s: string, what: string): Clean<number> {
  const n = plainNumber(s.replace(/(周岁|岁|years?( old)?)$/i, '').trim());
  if (n === null || !Number.isInteger(n)) return bad(`"${s}" is not a whole number of ${what}`);
  return ok(n);
}

const OPEN_TERM = new Set([
  '活期',
  '开放式',
  '开放',
  '每日开放',
  '工作日开放',
  '无固定期限',
  '无期限',
  '不定期',
  '随时',
  '随存随取',
  'open',
  'open-ended',
  'openended',
  'perpetual',
  'demand'
]);

/** Term in months: "12", "12个月", "1年", "90天", "3 years", "1.5y" → months (days rounded); "活期"/"open" → null. */
function term(s: string): Clean<number | null> {
  // what a fund platform writes before the length: 持有期90天, 最短持有期1年, 封闭期3年, 定开1年
  const t = s
    .toLowerCase()
    .replace(/^(最短持有期|最短持有|持有期|封闭期|锁定期|定期开放|定开|存期|期限)\s*[:：]?\s*/, '')
    .replace(/(定开|滚动|封闭)$/, '');
  if (OPEN_TERM.has(t) || OPEN_TERM.has(s.toLowerCase())) return ok(null, 'open-ended');
  const m = /^(\d+(?:\.\d+)?)\s*(个月|月|months?|mos?|mo|m|年|years?|yrs?|y|天|日|days?|d)?$/.exec(t);
  if (!m) return bad(`"${s}" is not a term (months, 年, 天, or 活期/open)`);
  const n = Number(m[1]);
  const u = m[2] ?? '';
  const months = /^(年|years?|yrs?|y)$/.test(u) ? n * 12 : /^(天|日|days?|d)$/.test(u) ? (n * 12) / 365 : n;
  const rounded = Math.round(months);
  return ok(rounded, Math.abs(rounded - months) > 1e-9 ? `${s} rounded to ${rounded} months` : undefined);
}

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
/*
 * Investor-type words read as the highest product level that type may buy (C_n ↔ R_n), by the names
 * in risk-names.ts: 谨慎型 is C2, 稳健型 C3. Some banks use an older scheme (稳健型 for R2); where the two
 * disagree the higher level is taken, because understating a product's risk is the harmful mistake
 * (the gate would show it to people it does not suit).
 */
const RISK_WORDS: [RegExp, number][] = [
  [/^(低风险|低|保守型|low|lowrisk|verylow)$/, 1],
  [/^(中低风险|中低|较低风险|谨慎型|lowmedium|mediumlow|lowtomedium|moderatelylow)$/, 2],
  [/^(中风险|中等风险|中|稳健型|平衡型|medium|moderate|mediumrisk)$/, 3],
  [/^(中高风险|中高|较高风险|积极型|成长型|mediumhigh|highmedium|mediumtohigh|moderatelyhigh)$/, 4],
  [/^(高风险|高|进取型|激进型|high|highrisk|veryhigh)$/, 5]
];

/**
 * Risk: "R3", "PR3", "3", "3级", "三级", "中风险", "medium" → 3; only R1–R5. A code with its words
 * ("中高风险(R4)", "R3-中风险") is read when both say the same level, refused when they differ.
 */
function risk(s: string): Clean<number> {
  const single = riskOne(s);
  if (single.ok) return single;
  const parts = s.split(/[()（）[\]【】/、,，\s—–-]+/).filter((x) => x !== '');
  if (parts.length < 2) return single;
  const levels = parts.map(riskOne);
  if (!levels.every((l) => l.ok)) return single;
  const distinct = [...new Set(levels.map((l) => (l.ok ? l.value : 0)))];
  if (distinct.length > 1) return bad(`risk level "${s}" says R${distinct.join(' and R')} (never guessed)`);
  return ok(distinct[0]!);
}

function riskOne(s: string): Clean<number> {
  const t = s.toLowerCase().replace(/[\s_-]/g, '');
  const m = /^(?:r|pr|risk|level)?([0-9]+|[一二三四五六七八九])(?:级)?$/.exec(t);
  if (m) {
    const n = ZH_DIGITS[m[1]!] ?? Number(m[1]);
    if (Number.isInteger(n) && n >= 1 && n <= 5) return ok(n);
    return bad(`risk level "${s}" is not R1–R5`);
  }
  for (const [re, n] of RISK_WORDS) if (re.test(t)) return ok(n);
  return bad(`risk level "${s}" is not R1–R5`);
}

function kind(s: string): Clean<ProductKind> {
  if ((PRODUCT_KINDS as readonly string[]).includes(s)) return ok(s as ProductKind);
  const k = kindOfCell(s);
  return k ? ok(k) : bad(`kind "${s}" is not one of ${PRODUCT_KINDS.join(', ')} (or their zh/en names)`);
}

/** A subtype cell: a Chinese word the table knows becomes its code; anything else is kept as written. */
function subtypeWord(s: string, k: ProductKind | null): Clean<string> {
  const sub = subtypeOfCell(s, k);
  return sub === null || sub === s ? ok(s) : ok(sub, `"${s}" is ${sub}`);
}

/**
 * A performance benchmark (业绩比较基准) as an expected return: one rate is that rate; a range
 * ("3.5%-4.5%") its lower end, the cautious reading; an index formula ("沪深300指数收益率×80%+…")
 * is no rate at all, so no expected return.
 */
function benchmarkRate(s: string): Clean<number | null> {
  const one = percent(s);
  if (one.ok) return ok(one.value, 'a benchmark of one rate, taken as the expected return');
  const range = /^(?:年化)?\s*(\d+(?:\.\d+)?)\s*%?\s*(?:-|~|～|至|到|—)\s*(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (range) {
    const lo = Math.min(Number(range[1]), Number(range[2]));
    return ok(lo, 'a benchmark range: its lower end, the cautious reading, as the expected return');
  }
  return ok(null, 'not one rate (an index or a formula): no expected return');
}

function liquidity(s: string): Clean<Liquidity> {
  const t = s.toLowerCase().replace(/\s/g, '');
  if (/^(high|高|随时|随存随取|随时赎回|t\+0|t0|实时)$/.test(t)) return ok('high');
  // an open-ended fund redeems on any trading day and pays out a day or three later
  if (/^(medium|mid|moderate|中|中等|t\+1|t\+2|t\+3|开放式|开放|每日开放|工作日开放|每日申赎|开放申赎)$/.test(t)) return ok('medium');
  if (/^(low|低|封闭|封闭式|锁定|到期赎回)$/.test(t)) return ok('low');
  return bad(`liquidity "${s}" is not high, medium or low`);
}

function currency(s: string): Clean<string> {
  // "人民币(CNY)", "美元（USD）": the code in brackets; "人民币元" is 人民币; the words as the parser knows them (vocab/currencies.ts)
  const t = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^.*?[(（]\s*([a-z]{3})\s*[)）]$/, '$1')
    .replace(/^人民币元$/, '人民币');
  const code = currencyCode(t);
  if (code !== null) return ok(code);
  if (/^[a-z]{3}$/.test(t)) return ok(t.toUpperCase());
  return bad(`currency "${s}" is not an ISO 4217 code`);
}

function yesNo(s: string): boolean | null {
  const t = s.toLowerCase();
  if (/^(是|有|yes|y|true|t|1|✓|√)$/.test(t)) return true;
  if (/^(否|没有|no|n|false|f|0|✗|×)$/.test(t)) return false;
  return null;
}

const TAG_SEPARATORS = /[|;；、]/;

function tagParts(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : typeof v === 'string' && v.trim() !== '' ? v.split(TAG_SEPARATORS) : [];
}

/** Tags: split on | ; ； 、, trimmed, empty and repeated ones dropped. */
function tagList(v: unknown): string[] {
  const out: string[] = [];
  for (const p of tagParts(v)) {
    const t = trimText(p);
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function premiumPeriod(s: string): Clean<PremiumPeriod> {
  const t = s.toLowerCase().replace(/[\s/]/g, '');
  if (/^(year|years|yearly|annual|annually|peryear|pa|年|年缴|年交|每年|按年)$/.test(t)) return ok('year');
  if (/^(month|monthly|permonth|月|月缴|月交|每月|按月)$/.test(t)) return ok('month');
  if (/^(single|once|oneoff|lumpsum|趸交|趸缴|一次性|一次交清|单次)$/.test(t)) return ok('single');
  return bad(`premium period "${s}" is not year, month or single (年/月/趸交)`);
}

const PERIOD_SUFFIX = /^(.*?)\s*(?:\/|每|per|a)\s*(年|月|次|year|month|trip)$/i;

/** A premium may carry its period: "350元/年", "29/月", "100 a year" → 350, 29, 100. */
function premiumAmount(s: string): Clean<number> {
  const m = PERIOD_SUFFIX.exec(s);
  return amount(m ? m[1]! : s);
}

/** The period written into a premium cell, if any. */
function premiumSuffix(v: unknown): PremiumPeriod | null {
  const m = typeof v === 'string' ? PERIOD_SUFFIX.exec(fold(v)) : null;
  if (!m) return null;
  return /^(年|year)$/i.test(m[2]!) ? 'year' : /^(月|month)$/i.test(m[2]!) ? 'month' : 'single';
}

/** A waiting period in days: "90", "90天", "3个月" (30 days each), "1年" (365). */
function days(s: string): Clean<number> {
  const m = /^(\d+)\s*(天|日|days?|d|个月|月|months?|年|years?)?$/i.exec(s);
  if (!m) return bad(`"${s}" is not a number of days (天, 个月 or 年)`);
  const n = Number(m[1]);
  const u = (m[2] ?? '').toLowerCase();
  return ok(/^(个月|月|months?)$/.test(u) ? n * 30 : /^(年|years?)$/.test(u) ? n * 365 : n);
}

/** Benefits: split on | ; ；or line breaks (not 、, which lists things inside one benefit). */
function benefitList(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : typeof v === 'string' ? v.split(/[|;；\n]/) : [];
  return parts.map(trimText).filter((t) => t !== '');
}

// ---------------------------------------------------------------------------------------------
// rows → products

export interface ImportChange {
  row: number;
  line?: number;
  id: string | null;
  field: string;
  from: unknown;
  to: unknown;
  note?: string;
}

export interface ImportRefusal {
  row: number;
  line?: number;
  id: string | null;
  field: string | null;
  reason: string;
}

export interface ImportReport {
  rows: number;
  accepted: number;
  refused: number;
  /** accepted rows with at least one change */
  changedRows: number;
  columns: ColumnMap;
  changes: ImportChange[];
  refusals: ImportRefusal[];
}

export interface ImportOptions {
  /** used where the currency cell is empty (default CNY) */
  defaultCurrency?: string;
  /** used where the issuer cell is empty; without it such rows are refused */
  defaultIssuer?: string;
  /** written into the catalogue */
  version?: number;
  generatedAt?: string;
  /** the bank's column map (readColumnMap), applied before the known header names */
  columnMap?: ReadonlyMap<string, { field: FieldName | null; unit: string | null }>;
}

export interface ImportResult {
  catalogue: Catalogue;
  report: ImportReport;
}

/** A value as the report shows it: the text as written, or the JSON value. */
function shown(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** Did cleaning change the value, or only its type ("4.5" → 4.5, "" → null)? */
function sameValue(raw: unknown, cleaned: unknown): boolean {
  if (raw === cleaned) return true;
  if (cleaned === null || cleaned === undefined) return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  if (typeof raw === 'string' && (typeof cleaned === 'number' || typeof cleaned === 'boolean')) return raw === String(cleaned);
  if (Array.isArray(cleaned)) return JSON.stringify(tagParts(raw)) === JSON.stringify(cleaned);
  return false;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isRecord(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function importProducts(columns: readonly string[], rows: readonly ImportRow[], opts: ImportOptions = {}): ImportResult {
  const map = mapColumns(columns, opts.columnMap);
  const columnOf = new Map<FieldName, string>();
  for (const [column, field] of Object.entries(map.mapped)) columnOf.set(field, column);
  const unitOf = (f: FieldName): string | null => {
    const c = columnOf.get(f);
    return c === undefined ? null : (map.units[c] ?? null);
  };
  const changes: ImportChange[] = [];
  const refusals: ImportRefusal[] = [];
  const products: Product[] = [];
  const kept = new Map<string, { row: number; key: string }>();
  let changedRows = 0;

  for (const r of rows) {
    const at = { row: r.row, ...(r.line !== undefined ? { line: r.line } : {}) };
    const rowChanges: ImportChange[] = [];
    const rowRefusals: ImportRefusal[] = [];
    const raw = (f: FieldName): unknown => {
      const c = columnOf.get(f);
      return c === undefined ? undefined : r.values[c];
    };
    const idText = textOf(raw('id'), false);
    const id = typeof idText === 'string' ? idText : null;
    const change = (field: string, from: unknown, to: unknown, note?: string): void => {
      rowChanges.push({ ...at, id, field, from: shown(from), to: shown(to), ...(note !== undefined ? { note } : {}) });
    };
    const refuse = (field: string | null, reason: string): void => {
      rowRefusals.push({ ...at, id, field, reason });
    };
    /** clean one field: record a change when the value (not just its type) changed */
    const field = <T>(
      name: FieldName,
      cleaner: (s: string) => Clean<T>,
      onEmpty: (name: FieldName) => Clean<T | null | undefined>,
      folded = true
    ): T | null | undefined => {
      const v = raw(name);
      let t = textOf(v, folded);
      const unit = unitOf(name);
      let unitNote: string | undefined;
      if (typeof t === 'string' && unit !== null && plainNumber(t) !== null) {
        if (unit !== '%') t = `${t}${unit}`;
        unitNote = `in ${unit}, as the header says`;
      }
      let result: Clean<T | null | undefined>;
      if (t === undefined) result = onEmpty(name);
      else if (t === null) result = ok(null);
      else result = cleaner(t);
      if (!result.ok) {
        refuse(name, result.reason);
        return undefined;
      }
      if (!sameValue(v, result.value)) change(name, v, result.value, result.note ?? unitNote);
      return result.value;
    };
    const required =
      (why = '') =>
      (name: FieldName): Clean<never> =>
        bad(`${name} is missing${why}`);
    const nothing = (): Clean<null> => ok(null);
    const text = (s: string): Clean<string> => ok(s);

    if (id === null) refuse('id', idText === null ? `id "${String(raw('id'))}" is a placeholder, not an id` : 'id is missing');
    else if (!sameValue(raw('id'), id)) change('id', raw('id'), id);

    const k = field('kind', kind, required());
    // a kind written with its subtype ("股票型基金", "大额存单") gives the subtype when no column does
    const kindText = textOf(raw('kind'));
    const impliedSubtype = k && typeof kindText === 'string' ? subtypeOfCell(kindText, k) : null;
    const subtype = field(
      'subtype',
      (s) => subtypeWord(s, k ?? null),
      () => (impliedSubtype ? ok(impliedSubtype, `missing; read from the kind "${String(raw('kind'))}"`) : k ? ok(k, 'missing; set to the kind') : ok(null)),
      false
    );
    const issuer = field(
      'issuer',
      text,
      () => (opts.defaultIssuer ? ok(opts.defaultIssuer, 'missing; the default issuer') : bad('issuer is missing (or pass a default issuer)')),
      false
    );
    const riskLevel = field('riskLevel', risk, required(' (never guessed: the suitability gate depends on it)'));
    const cur = field('currency', currency, () => ok(opts.defaultCurrency ?? 'CNY', 'missing; the default currency'));
    const givenReturn = field('expectedReturn', percent, nothing);
    const givenApr = field('apr', percent, nothing);
    // a plain "利率" is what a deposit pays and what a loan or card charges
    const rate = field('rate', percent, nothing);
    const borrowing = k === 'loan' || k === 'credit_card';
    const apr = givenApr ?? (borrowing && typeof rate === 'number' ? rate : givenApr);
    let expectedReturn = givenReturn ?? (!borrowing && typeof rate === 'number' ? rate : givenReturn);
    if (rate !== undefined && rate !== null && (borrowing ? givenApr : givenReturn) == null)
      change(borrowing ? 'apr' : 'expectedReturn', raw('rate'), rate, `from "${columnOf.get('rate')}"`);
    // a benchmark stands in for an expected return only where none is given, and only when it is one rate
    const bench = field('benchmark', benchmarkRate, nothing);
    if ((expectedReturn === undefined || expectedReturn === null) && typeof bench === 'number') expectedReturn = bench;
    const annualFee = field(
      'annualFee',
      (s) => (/^(免|免年费|免费|无年费|free|nofee|waived)$/i.test(s.replace(/\s/g, '')) ? ok(0, 'no annual fee') : amount(s)),
      nothing
    );
    const termMonths = field('termMonths', term, nothing);
    const minAmount = field('minAmount', amount, nothing);
    const liq = field('liquidity', liquidity, () => ok<Liquidity>('low', 'missing; "low" is the cautious default'));
    const minAge = field('minAge', (s) => integer(s, 'years'), nothing);
    const maxAge = field('maxAge', (s) => integer(s, 'years'), nothing);
    const minIncome = field('minIncome', amount, nothing);

    // names and descriptions: one language may stand in for the other
    const nameZh = field('name_zh', text, nothing, false);
    const nameEn = field('name_en', text, nothing, false);
    const descZh = field('description_zh', text, nothing, false);
    const descEn = field('description_en', text, nothing, false);
    const pick = (
      fieldName: FieldName,
      own: string | null | undefined,
      other: string | null | undefined,
      otherName: string,
      fallback: string | null | undefined,
      fallbackName: string
    ): string | null => {
      if (own) return own;
      const from = raw(fieldName);
      if (other) {
        change(fieldName, from, other, `missing; copied from ${otherName}`);
        return other;
      }
      if (fallback) {
        change(fieldName, from, fallback, `missing; copied from ${fallbackName}`);
        return fallback;
      }
      return null;
    };
    const nZh = pick('name_zh', nameZh, nameEn, 'name_en', null, '');
    const nEn = pick('name_en', nameEn, nameZh, 'name_zh', null, '');
    if (nZh === null || nEn === null) refuse('name', 'no name in either language');
    const dZh = pick('description_zh', descZh, descEn, 'description_en', nZh, 'name_zh');
    const dEn = pick('description_en', descEn, descZh, 'description_zh', nEn, 'name_en');

    const tagsRaw = raw('tags');
    const tags = tagList(tagsRaw);
    if (!sameValue(tagsRaw, tags)) change('tags', tagsRaw, tags);

    // per-kind fields: present only when the row gives them
    const kindFields: Record<string, unknown> = {};
    const prem = field('premium', premiumAmount, nothing);
    const period = field('premiumPeriod', premiumPeriod, nothing);
    if (typeof prem === 'number') {
      const p = period ?? premiumSuffix(raw('premium'));
      if (p === null) change('premiumPeriod', raw('premiumPeriod'), 'year', 'missing; premiums are yearly unless the row says otherwise');
      kindFields['premium'] = { amount: prem, period: p ?? 'year' };
    }
    const coverage = field('coverage', amount, nothing);
    if (typeof coverage === 'number') kindFields['coverage'] = coverage;
    const waiting = field('waitingPeriodDays', days, nothing);
    if (typeof waiting === 'number') kindFields['waitingPeriodDays'] = waiting;
    const premiumYears = field('premiumYears', (s) => integer(s.replace(/(年|years?)$/i, '').trim(), 'years'), nothing);
    if (typeof premiumYears === 'number') kindFields['premiumYears'] = premiumYears;
    const waiverZh = field('feeWaiver_zh', text, nothing, false);
    const waiverEn = field('feeWaiver_en', text, nothing, false);
    if (waiverZh || waiverEn) {
      kindFields['annualFeeWaiver'] = {
        'zh-CN': pick('feeWaiver_zh', waiverZh, waiverEn, 'feeWaiver_en', null, ''),
        en: pick('feeWaiver_en', waiverEn, waiverZh, 'feeWaiver_zh', null, '')
      };
    }
    const benefitsZh = benefitList(raw('benefits_zh'));
    const benefitsEn = benefitList(raw('benefits_en'));
    if (benefitsZh.length > 0 || benefitsEn.length > 0) {
      if (benefitsZh.length === 0) change('benefits_zh', raw('benefits_zh'), benefitsEn, 'missing; copied from benefits_en');
      if (benefitsEn.length === 0) change('benefits_en', raw('benefits_en'), benefitsZh, 'missing; copied from benefits_zh');
      const zh = benefitsZh.length ? benefitsZh : benefitsEn;
      const en = benefitsEn.length ? benefitsEn : benefitsZh;
      if (zh.length !== en.length) refuse('benefits', `${zh.length} benefits in Chinese but ${en.length} in English`);
      else kindFields['benefits'] = zh.map((b, i) => ({ 'zh-CN': b, en: en[i]! }));
    }
    const aprMin = field('aprMin', percent, nothing);
    const aprMax = field('aprMax', percent, nothing);
    if (typeof aprMin === 'number' || typeof aprMax === 'number') {
      const lo = aprMin ?? apr;
      const hi = aprMax ?? apr;
      if (typeof lo !== 'number' || typeof hi !== 'number') refuse('aprRange', 'a rate range needs apr_min and apr_max (or an apr for the missing end)');
      else kindFields['aprRange'] = { min: lo, max: hi };
    }
    const termMin = field('termMin', term, nothing);
    const termMax = field('termMax', term, nothing);
    if (typeof termMin === 'number' || typeof termMax === 'number') {
      if (termMin === undefined || termMin === null) change('termMin', raw('termMin'), 1, 'missing; 1 month');
      const lo = termMin ?? 1;
      const hi = termMax ?? termMonths;
      if (typeof hi !== 'number') refuse('termRange', 'a term range needs term_max (or a term_months for it)');
      else kindFields['termRange'] = { minMonths: lo, maxMonths: hi };
    }
    const maxAmount = field('maxAmount', amount, nothing);
    if (typeof maxAmount === 'number') kindFields['maxAmount'] = maxAmount;

    // extra columns: kept as extra members, yes/no folded to booleans
    const extras: Record<string, unknown> = {};
    for (const column of map.extra) {
      const v = r.values[column];
      if (typeof v !== 'string') {
        extras[column] = v ?? null;
        continue;
      }
      const t = textOf(v, false);
      let cleaned: unknown = t ?? null;
      if (typeof t === 'string') {
        const yn = yesNo(t);
        const n = plainNumber(t);
        cleaned = yn !== null && !/^[01]$/.test(t) ? yn : n !== null && /^[+-]?\d/.test(t) && !/^0\d/.test(t) ? n : t;
      }
      if (!sameValue(v, cleaned)) change(column, v, cleaned);
      extras[column] = cleaned;
    }

    if (rowRefusals.length === 0) {
      const eligibility: Record<string, number> = {};
      if (typeof minAge === 'number') eligibility['minAge'] = minAge;
      if (typeof maxAge === 'number') eligibility['maxAge'] = maxAge;
      if (typeof minIncome === 'number') eligibility['minIncome'] = minIncome;
      const candidate = {
        id,
        kind: k,
        subtype,
        issuer,
        name: { 'zh-CN': nZh, en: nEn },
        description: { 'zh-CN': dZh, en: dEn },
        riskLevel,
        currency: cur,
        expectedReturn: expectedReturn ?? null,
        apr: apr ?? null,
        annualFee: annualFee ?? null,
        termMonths: termMonths ?? null,
        minAmount: minAmount ?? null,
        liquidity: liq,
        eligibility,
        tags,
        ...kindFields,
        ...extras
      };
      const parsed = ProductSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) refuse(issue.path.length ? issue.path.join('.') : null, issue.message);
      } else if (id !== null) {
        const key = canonical(parsed.data);
        const first = kept.get(id);
        if (first) {
          refuse(
            'id',
            first.key === key
              ? `exact duplicate of row ${first.row} (dropped)`
              : `duplicate id "${id}": row ${first.row} is kept, this row differs from it (dropped)`
          );
        } else {
          kept.set(id, { row: r.row, key });
          products.push(parsed.data);
        }
      }
    }

    if (rowRefusals.length > 0) refusals.push(...rowRefusals);
    else {
      changes.push(...rowChanges);
      if (rowChanges.length > 0) changedRows++;
    }
  }

  const catalogue = CatalogueSchema.parse({
    ...(opts.version !== undefined ? { version: opts.version } : {}),
    ...(opts.generatedAt !== undefined ? { generatedAt: opts.generatedAt } : {}),
    products
  });
  const refusedRows = new Set(refusals.map((x) => x.row)).size;
  return { catalogue, report: { rows: rows.length, accepted: products.length, refused: refusedRows, changedRows, columns: map, changes, refusals } };
}

export type ImportInput = { format: 'csv'; text: string } | { format: 'json'; value: unknown };

/** CSV text or parsed JSON → a validated catalogue and the report. Throws CsvError / Error for an unreadable file. */
export function importCatalogue(input: ImportInput, opts: ImportOptions = {}): ImportResult {
  const { columns, rows } = input.format === 'csv' ? rowsFromCsv(input.text) : rowsFromJson(input.value);
  return importProducts(columns, rows, opts);
}
