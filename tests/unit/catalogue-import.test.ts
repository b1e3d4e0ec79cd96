import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { CsvError, csvDialect, decodeText, importCatalogue, parseCsv, readColumnMap, type ImportReport } from '../../src/lib/import/catalogue-import';
import { ProductSchema, type Product } from '../../src/lib/domain/product';
import { importOne } from '../fixtures/import/one-row';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const MESSY = resolve(ROOT, 'tests/fixtures/import/messy-products.csv');
const EXPECTED = JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/import/messy-products.expected.json'), 'utf8')) as {
  catalogue: { products: Product[] };
  report: ImportReport;
};
const tmp = mkdtempSync(join(tmpdir(), 'candor-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/cli/catalogue.ts'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** One flat CSV row through the importer; returns the product or the refusals. */
const one = (cells: Record<string, string>) => importOne(cells);

const product = (cells: Record<string, string>): Product => {
  const r = one(cells);
  if (r.report.refusals.length > 0) throw new Error(JSON.stringify(r.report.refusals));
  return r.catalogue.products[0]!;
};

describe('parseCsv (RFC 4180)', () => {
  it('reads quotes, escaped quotes, commas and line breaks inside quotes, CRLF/LF/CR', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\r\nline2",\n3,,"z"\r4,5,6';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 3, cells: ['2', 'line1\r\nline2', ''] },
      { line: 5, cells: ['3', '', 'z'] },
      { line: 6, cells: ['4', '5', '6'] }
    ]);
  });

  it('skips blank lines and a final newline; keeps empty quoted fields', () => {
    expect(parseCsv('a,b\r\n\r\n"",x\r\n""\r\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['', 'x'] },
      { line: 4, cells: [''] }
    ]);
  });

  it('names the line where the file breaks the format', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
    expect(() => importCatalogue({ format: 'csv', text: 'id,kind\n1,fund,extra\n' })).toThrow(/line 2: 3 fields/);
  });
});

describe('cleaning values', () => {
  it('percentages', () => {
    for (const [raw, want] of [
      ['4.5%', 4.5],
      ['3.5 %', 3.5],
      ['4.5', 4.5],
      ['２.１％', 2.1],
      ['年化3%', 3],
      ['-1.2%', -1.2]
    ] as const) {
      expect(product({ expected_return: raw }).expectedReturn, raw).toBe(want);
    }
    expect(one({ expected_return: '3%-4%' }).report.refusals[0]!.reason).toMatch(/range/);
    expect(one({ expected_return: 'high' }).report.refusals[0]).toMatchObject({ field: 'expectedReturn', id: 'p1', row: 1 });
  });

  it('amounts and units', () => {
    for (const [raw, want] of [
      ['1,000', 1000],
      ['5万', 50000],
      ['1.5万', 15000],
      ['1千', 1000],
      ['¥1,000元', 1000],
      ['10k', 10000],
      ['1亿', 1e8],
      ['20万元', 200000],
      ['1,234,567.5', 1234567.5]
    ] as const) {
      expect(product({ min_amount: raw }).minAmount, raw).toBe(want);
    }
    expect(product({ annual_fee: '免年费' }).annualFee).toBe(0);
    expect(product({ min_income: '60,000' }).eligibility.minIncome).toBe(60000);
  });

  it('risk levels', () => {
    for (const [raw, want] of [
      ['R3', 3],
      ['r3', 3],
      ['PR3', 3],
      ['3', 3],
      ['3级', 3],
      ['三级', 3],
      ['中风险', 3],
      ['低风险', 1],
      ['中低风险', 2],
      ['中高风险', 4],
      ['高风险', 5],
      ['medium', 3],
      ['Ｒ５', 5]
    ] as const) {
      expect(product({ risk_level: raw }).riskLevel, raw).toBe(want);
    }
    for (const raw of ['R9', 'R0', '6', 'unknown', '']) {
      const r = one({ risk_level: raw });
      expect(r.catalogue.products, raw).toHaveLength(0);
      expect(r.report.refusals[0]!.field).toBe('riskLevel');
    }
  });

  it('kinds in zh and en', () => {
    for (const [raw, want] of [
      ['定期存款', 'deposit'],
      ['理财', 'wealth'],
      ['Fund', 'fund'],
      ['基金', 'fund'],
      ['国债', 'bond'],
      ['保险', 'insurance'],
      ['信用卡', 'credit_card'],
      ['Credit Card', 'credit_card'],
      ['贷款', 'loan'],
      ['loan', 'loan']
    ] as const) {
      expect(product({ kind: raw }).kind, raw).toBe(want);
    }
    expect(one({ kind: '期货' }).report.refusals[0]!.field).toBe('kind');
  });

  it('terms, liquidity, currency, yes/no, tags', () => {
    for (const [raw, want] of [
      ['12', 12],
      ['12个月', 12],
      ['1年', 12],
      ['3 years', 36],
      ['90天', 3],
      ['活期', null],
      ['开放式', null],
      ['-', null],
      ['', null]
    ] as const) {
      expect(product({ term_months: raw }).termMonths, raw).toBe(want);
    }
    expect(product({ liquidity: '随时' }).liquidity).toBe('high');
    expect(product({ liquidity: '中' }).liquidity).toBe('medium');
    expect(product({ liquidity: '' }).liquidity).toBe('low');
    expect(product({ currency: '人民币' }).currency).toBe('CNY');
    expect(product({ currency: '美元' }).currency).toBe('USD');
    expect(product({ currency: '' }).currency).toBe('CNY');
    expect(product({ guaranteed: '是' })['guaranteed']).toBe(true);
    expect(product({ guaranteed: '否' })['guaranteed']).toBe(false);
    expect(product({ guaranteed: '' })['guaranteed']).toBeNull();
    expect(product({ tags: ' a | b;c;;a ' }).tags).toEqual(['a', 'b', 'c']);
  });

  it('reports changes, but not an empty cell becoming null or "4.5" becoming 4.5', () => {
    const r = one({ apr: '', expected_return: '4.5', min_amount: '5万', term_months: 'N/A', name_zh: ' 产品 ' });
    expect(r.report.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['termMonths', 'N/A', null],
      ['minAmount', '5万', 50000],
      ['name_zh', ' 产品 ', '产品']
    ]);
    expect(r.report.changedRows).toBe(1);
  });

  it('fills a missing language from the other, refuses a product with no name', () => {
    const p = product({ name_en: '', description_zh: '' });
    expect(p.name.en).toBe('产品');
    expect(p.description['zh-CN']).toBe('Description');
    expect(one({ name_en: '', name_zh: '' }).report.refusals[0]).toMatchObject({ field: 'name' });
    expect(one({ issuer: '' }).report.refusals[0]).toMatchObject({ field: 'issuer' });
  });

  it('a nested JSON catalogue passes through unchanged', () => {
    const fixture = JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/engine/catalogue.json'), 'utf8')) as { products: Product[] };
    const r = importCatalogue({ format: 'json', value: fixture });
    expect(r.report.refusals).toEqual([]);
    expect(r.report.changes).toEqual([]);
    expect(r.catalogue.products).toEqual(CatalogueSchema.parse(fixture).products);
  });
});

describe('the messy bank export', () => {
  it('becomes a valid catalogue and the expected report', () => {
    const { catalogue, report } = importCatalogue({ format: 'csv', text: readFileSync(MESSY, 'utf8') }, { defaultIssuer: 'candor-bank' });
    expect(CatalogueSchema.safeParse(catalogue).success).toBe(true);
    for (const p of catalogue.products) expect(ProductSchema.safeParse(p).success).toBe(true);
    expect(catalogue.products).toEqual(EXPECTED.catalogue.products);
    expect(report).toEqual(EXPECTED.report);
    // the things the fixture is there for
    expect(report).toMatchObject({ rows: 15, accepted: 9, refused: 6 });
    const reasons = report.refusals.map((r) => `${r.row}:${r.field}`);
    expect(reasons).toEqual(['6:id', '7:riskLevel', '9:id', '11:id', '12:name', '14:kind']);
    expect(report.refusals[0]!.reason).toMatch(/exact duplicate of row 1/);
    expect(report.refusals[3]!.reason).toMatch(/row 2 is kept/);
    const byId = new Map(catalogue.products.map((p) => [p.id, p]));
    expect(byId.get('dep-3m')).toMatchObject({ kind: 'deposit', riskLevel: 1, expectedReturn: 1.35, minAmount: 1000, termMonths: 3, guaranteed: true });
    expect(byId.get('dep-3m')!.description['zh-CN']).toBe('三个月定期存款,到期自动转存');
    expect(byId.get('fund-index')!.description['zh-CN']).toBe('跟踪沪深300指数，"高波动"');
    expect(byId.get('wm-steady')).toMatchObject({ riskLevel: 2, expectedReturn: 3.5, minAmount: 50000, termMonths: 12 });
  });

  it('the CLI writes the catalogue and prints the report; --strict refuses; GB18030 input is read', async () => {
    const out = join(tmp, 'catalogue.json');
    const [good, noIssuer, strict, gbk] = await Promise.all([
      run(['import', MESSY, '--out', out, '--issuer', 'candor-bank']),
      run(['import', MESSY, '--out', join(tmp, 'no-issuer.json')]),
      run(['import', MESSY, '--out', join(tmp, 'strict.json'), '--issuer', 'candor-bank', '--strict']),
      (() => {
        // header + one row, saved the way zh-CN Excel saves CSV: 基金,中,低风险,是 in GBK
        const head = Buffer.from('id,kind,subtype,issuer,name_zh,name_en,description_zh,description_en,risk_level,guaranteed\r\np1,');
        const row = Buffer.concat([
          Buffer.from('bbf9bdf0', 'hex'),
          Buffer.from(',bond,bank,'),
          Buffer.from('d6d0', 'hex'),
          Buffer.from(',Mid,d,d,'),
          Buffer.from('b5cdb7e7cfd5', 'hex'),
          Buffer.from(','),
          Buffer.from('cac7', 'hex'),
          Buffer.from('\r\n')
        ]);
        writeFileSync(join(tmp, 'gbk.csv'), Buffer.concat([head, row]));
        return run(['import', join(tmp, 'gbk.csv'), '--out', join(tmp, 'gbk.json')]);
      })()
    ]);
    expect(good.code, good.stderr).toBe(0);
    const report = JSON.parse(good.stdout) as ImportReport & { ok: boolean; out: string };
    expect(report.ok).toBe(true);
    expect({ ...report, ok: undefined, input: undefined, out: undefined, format: undefined, encoding: undefined }).toMatchObject(EXPECTED.report);
    const written = CatalogueSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.products).toEqual(EXPECTED.catalogue.products);
    expect(typeof written.generatedAt).toBe('string');

    expect(noIssuer.code).toBe(0);
    const r2 = JSON.parse(noIssuer.stdout) as ImportReport;
    expect(r2.refusals.find((r) => r.id === 'ins-term')).toMatchObject({ field: 'issuer' });

    expect(strict.code).toBe(1);
    expect(strict.stderr.trim().split('\n')).toHaveLength(1);
    expect(strict.stderr).toMatch(/--strict/);
    expect(existsSync(join(tmp, 'strict.json'))).toBe(false);

    expect(gbk.code, gbk.stderr).toBe(0);
    const r3 = JSON.parse(gbk.stdout) as { encoding: string };
    expect(r3.encoding).toBe('gb18030');
    const p = CatalogueSchema.parse(JSON.parse(readFileSync(join(tmp, 'gbk.json'), 'utf8'))).products[0]!;
    expect(p).toMatchObject({ kind: 'fund', riskLevel: 1, guaranteed: true, name: { 'zh-CN': '中', en: 'Mid' } });
  });
});

describe('per-kind columns (insurance, cards, loans)', () => {
  it('reads English headers, with the premium period written into the premium', () => {
    const p = product({ kind: 'insurance', premium: '350元/年', coverage: '300万', waiting_period: '90天', premium_years: '20年' });
    expect(p.premium).toEqual({ amount: 350, period: 'year' });
    expect(p.coverage).toBe(3_000_000);
    expect(p.waitingPeriodDays).toBe(90);
    expect(p.premiumYears).toBe(20);
    expect(product({ kind: 'insurance', premium: '29/月' }).premium).toEqual({ amount: 29, period: 'month' });
  });

  it('reads Chinese headers', () => {
    const ins = product({ kind: '保险', 保费: '1,200', 缴费方式: '趸交', 保额: '50万', 等待期: '3个月' });
    expect(ins.premium).toEqual({ amount: 1200, period: 'single' });
    expect(ins.coverage).toBe(500_000);
    expect(ins.waitingPeriodDays).toBe(90);
    const card = product({ kind: '信用卡', 年费减免: '每年刷卡6次免次年年费', 权益: '机场贵宾厅|里程兑换', benefits_en: 'Airport lounges | Miles' });
    expect(card.annualFeeWaiver).toEqual({ 'zh-CN': '每年刷卡6次免次年年费', en: '每年刷卡6次免次年年费' });
    expect(card.benefits).toEqual([
      { 'zh-CN': '机场贵宾厅', en: 'Airport lounges' },
      { 'zh-CN': '里程兑换', en: 'Miles' }
    ]);
    const loan = product({ kind: '贷款', apr: '3.5%', 最低利率: '3.5%', 最高利率: '6.5%', 最短期限: '6个月', 最长期限: '3年', 最高额度: '30万' });
    expect(loan.aprRange).toEqual({ min: 3.5, max: 6.5 });
    expect(loan.termRange).toEqual({ minMonths: 6, maxMonths: 36 });
    expect(loan.maxAmount).toBe(300_000);
  });

  it('reports what it filled in, and refuses what does not add up', () => {
    const r = one({ kind: 'insurance', premium: '350' });
    expect(r.catalogue.products[0]!.premium).toEqual({ amount: 350, period: 'year' });
    expect(r.report.changes.map((c) => c.field)).toEqual(['premiumPeriod']);
    expect(one({ kind: 'loan', apr_min: '7%', apr_max: '3%' }).report.refusals[0]).toMatchObject({ field: 'aprRange' });
    expect(one({ kind: 'credit_card', benefits_zh: '甲|乙', benefits_en: 'A' }).report.refusals[0]).toMatchObject({ field: 'benefits' });
    expect(one({ kind: 'insurance', premium_period: 'weekly', premium: '10' }).report.refusals[0]).toMatchObject({ field: 'premiumPeriod' });
    expect(one({ kind: 'insurance', waiting_period: 'soon' }).report.refusals[0]).toMatchObject({ field: 'waitingPeriodDays' });
  });

  it('reads investor-type words by the shared names, the higher level where schemes disagree', () => {
    expect(['保守型', '谨慎型', '稳健型', '平衡型', '积极型', '激进型'].map((w) => product({ risk_level: w }).riskLevel)).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it("the demo catalogue's policies, cards and loans, nested with every new field, pass through unchanged", () => {
    const demo = JSON.parse(readFileSync(resolve(ROOT, 'src/lib/server/demo-catalogue.json'), 'utf8')) as { products: Product[] };
    // one subtype at a time: in a mixed import, a column one subtype lacks becomes null there
    const subtypes = new Set(demo.products.filter((p) => ['insurance', 'credit_card', 'loan'].includes(p.kind)).map((p) => p.subtype));
    for (const subtype of subtypes) {
      const products = demo.products.filter((p) => p.subtype === subtype);
      const r = importCatalogue({ format: 'json', value: { products } });
      expect(r.report.refusals, subtype).toEqual([]);
      expect(r.report.changes, subtype).toEqual([]);
      expect(r.catalogue.products, subtype).toEqual(CatalogueSchema.parse({ products }).products);
    }
  });
});

describe('real exports: Chinese headers, Excel, a column map', () => {
  const ZH_HEADER = '产品编号,产品名称,产品类型,风险评级,管理人,起点金额（万元）,期限(天),流动性,币种,业绩比较基准,标签';
  const zh = (...rows: string[]) => importCatalogue({ format: 'csv', text: [ZH_HEADER, ...rows].join('\r\n') });

  it('maps Chinese headers and their variants, reports each mapping, and reads the unit a header states', () => {
    const r = zh(
      '="000123",易方达蓝筹精选混合,偏股混合型,中高风险(R4),易方达基金,0.1,90,T+1,人民币(CNY),沪深300指数收益率×80%+中债综合指数收益率×20%,成长|权益'
    );
    expect(r.report.refusals).toEqual([]);
    expect(r.report.columns.mapped).toEqual({
      产品编号: 'id',
      产品名称: 'name_zh',
      产品类型: 'kind',
      风险评级: 'riskLevel',
      管理人: 'issuer',
      '起点金额（万元）': 'minAmount',
      '期限(天)': 'termMonths',
      流动性: 'liquidity',
      币种: 'currency',
      业绩比较基准: 'benchmark',
      标签: 'tags'
    });
    expect(r.report.columns.units).toEqual({ '起点金额（万元）': '万元', '期限(天)': '天' });
    expect(Object.values(r.report.columns.via).every((v) => v === 'alias')).toBe(true);
    expect(r.catalogue.products[0]).toMatchObject({
      id: '000123',
      kind: 'fund',
      subtype: 'mixed',
      riskLevel: 4,
      issuer: '易方达基金',
      minAmount: 1000,
      termMonths: 3,
      liquidity: 'medium',
      currency: 'CNY',
      expectedReturn: null,
      tags: ['成长', '权益']
    });
    const notes = Object.fromEntries(r.report.changes.map((c) => [c.field, c.note]));
    expect(notes['minAmount']).toMatch(/万元/);
    expect(notes['subtype']).toMatch(/偏股混合型/);
    expect(notes['benchmark']).toMatch(/no expected return/);
  });

  it('never guesses a risk level: a code and words that disagree, or none, are refused', () => {
    const r = zh('p1,甲,基金,中风险(R4),m,1,,,,,', 'p2,乙,基金,待评级,m,1,,,,,', 'p3,丙,基金,,m,1,,,,,', 'p4,丁,基金,R2（中低风险）,m,1,,,,,');
    expect(r.report.refusals.map((x) => [x.id, x.field])).toEqual([
      ['p1', 'riskLevel'],
      ['p2', 'riskLevel'],
      ['p3', 'riskLevel']
    ]);
    expect(r.report.refusals[0]!.reason).toMatch(/R3 and R4/);
    expect(r.catalogue.products.map((p) => [p.id, p.riskLevel])).toEqual([['p4', 2]]);
  });

  it('a benchmark gives an expected return only as one rate (a range: its lower end); a plain 利率 is a return or an APR by kind', () => {
    const r = zh('a,甲,理财,R2,m,1,,,,4.2%,', 'b,乙,理财,R2,m,1,,,,3.8%-4.5%,');
    expect(r.catalogue.products.map((p) => p.expectedReturn)).toEqual([4.2, 3.8]);
    const rate = importCatalogue({ format: 'csv', text: '代码,名称,类型,风险等级,发行机构,利率\r\nd,定期,定期存款,R1,b,1.5%\r\nl,房贷,房贷,R1,b,3.1%' });
    expect(rate.catalogue.products.map((p) => [p.subtype, p.expectedReturn, p.apr])).toEqual([
      ['time', 1.5, null],
      ['mortgage', null, 3.1]
    ]);
  });

  it('reads Excel\'s quirks: sep= line, semicolons, tab-separated UTF-16, exponents, ="…" codes', () => {
    const base = ['产品代码', '产品名称', '产品类型', '风险等级', '发行机构', '起购金额'];
    const row = ['="007"', '甲', '基金', 'R2', 'm', '1.5E+04'];
    for (const [text, want] of [
      [`sep=;\r\n${base.join(';')}\r\n${row.join(';')}\r\n`, ';'],
      [`${base.join(';')}\r\n${row.join(';')}\r\n`, ';'],
      [`${base.join('\t')}\r\n${row.join('\t')}\r\n`, '\t']
    ] as const) {
      expect(csvDialect(text).delimiter).toBe(want);
      const r = importCatalogue({ format: 'csv', text });
      expect(r.report.refusals, want).toEqual([]);
      expect(r.catalogue.products[0]).toMatchObject({ id: '007', minAmount: 15000 });
    }
    const text = `${base.join('\t')}\r\n${row.join('\t')}\r\n`;
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('a,b')]))).toEqual({ text: 'a,b', encoding: 'utf-8-bom' });
    expect(decodeText(new Uint8Array(Buffer.from('d6d0', 'hex')))).toEqual({ text: '中', encoding: 'gb18030' });
    expect(() => decodeText(new Uint8Array([0x81, 0x20]))).toThrow(/neither UTF-8 nor GB18030/);
  });

  it('a column map names what no alias knows, may leave a column out, and says which map entries the file lacks', () => {
    const map = readColumnMap({ columns: { 风险评级结果: 'riskLevel', '起售(万)': { field: 'minAmount', unit: '万元' }, 内部备注: null, 不存在: 'tags' } });
    const text = '产品代码,名称,类型,风险评级结果,发行机构,起售(万),内部备注\r\nx,甲,基金,R3,m,2,secret';
    const without = importCatalogue({ format: 'csv', text });
    expect(without.report.refusals[0]).toMatchObject({ field: 'riskLevel' });
    const r = importCatalogue({ format: 'csv', text }, { columnMap: map });
    expect(r.report.refusals).toEqual([]);
    expect(r.catalogue.products[0]).toMatchObject({ riskLevel: 3, minAmount: 20000 });
    expect(r.catalogue.products[0]).not.toHaveProperty('内部备注');
    expect(r.report.columns.via).toMatchObject({ 风险评级结果: 'map', '起售(万)': 'map', 产品代码: 'alias' });
    expect(r.report.columns.ignored).toEqual([{ column: '内部备注', reason: 'left out by the column map' }]);
    expect(r.report.columns.unusedMap).toEqual(['不存在']);
    expect(() => readColumnMap({ columns: { a: 'colour' } })).toThrow(/"a" → "colour" is not a field/);
    expect(() => readColumnMap({ columns: { a: { field: 'minAmount', unit: 'furlongs' } } })).toThrow(/unit "furlongs"/);
    expect(() => readColumnMap({ cols: {} })).toThrow(/column map/);
  });

  it('the CLI reads --map and refuses a bad one in one line', async () => {
    const csvPath = join(tmp, 'mapped.csv');
    writeFileSync(csvPath, '产品代码,名称,类型,风险评级结果,发行机构\r\nx,甲,基金,R3,m\r\n');
    writeFileSync(join(tmp, 'map.json'), JSON.stringify({ columns: { 风险评级结果: 'riskLevel' } }));
    writeFileSync(join(tmp, 'bad-map.json'), JSON.stringify({ columns: { 风险评级结果: 'danger' } }));
    const [good, bad] = await Promise.all([
      run(['import', csvPath, '--out', join(tmp, 'mapped.json'), '--map', join(tmp, 'map.json')]),
      run(['import', csvPath, '--out', join(tmp, 'bad.json'), '--map', join(tmp, 'bad-map.json')])
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ accepted: 1, columns: { mapped: { 风险评级结果: 'riskLevel' }, via: { 风险评级结果: 'map' } } });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/bad-map\.json: column map: "风险评级结果" → "danger"/);
  });
});
