/**
 * A 20,000-row export as a Chinese bank or fund platform writes it (Chinese headers, Excel's quirks,
 * a few broken rows), generated from a seed, through the real CLI: once as UTF-8 with a BOM and
 * once as GBK. At least 99 % of rows must be accepted, every column mapping must be in the report,
 * exactly the broken rows refused (a missing or impossible risk level is never guessed), and every
 * accepted product must say what the product behind its row says.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { bankExport, EXPORT_HEADER, toCsv } from '../../models/catalogue/bank-export';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const tmp = mkdtempSync(join(tmpdir(), 'candor-bank-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/cli/catalogue.ts'), ...args], { cwd: ROOT });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr }));
  });
}

interface Report {
  ok: boolean;
  encoding: string;
  rows: number;
  accepted: number;
  refused: number;
  columns: { mapped: Record<string, string>; via: Record<string, string>; extra: string[]; ignored: unknown[] };
  refusals: { row: number; id: string | null; field: string | null; reason: string }[];
}

describe('a 20,000-row real-shaped bank export', () => {
  const exported = bankExport(14, 20_000);
  const csv = toCsv(exported.header, exported.rows);

  it('imports from UTF-8 (BOM) and from GBK with >= 99 % accepted, the same catalogue, every mapping named, only broken rows refused', async () => {
    const gbk = iconv.encode(csv, 'gbk');
    // every character of the export exists in GBK, so the two files say the same thing
    expect(new TextDecoder('gb18030').decode(gbk)).toBe(csv);
    writeFileSync(join(tmp, 'export-utf8.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    writeFileSync(join(tmp, 'export-gbk.csv'), gbk);

    const results: { report: Report; products: ReturnType<typeof CatalogueSchema.parse>['products'] }[] = [];
    for (const [file, encoding] of [
      ['export-utf8.csv', 'utf-8-bom'],
      ['export-gbk.csv', 'gb18030']
    ] as const) {
      const out = join(tmp, `${file}.json`);
      const r = await run(['import', join(tmp, file), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.encoding).toBe(encoding);
      expect(report.rows).toBe(exported.rows.length);
      expect(report.accepted / report.rows).toBeGreaterThanOrEqual(0.99);
      // every column is mapped, and the report says to what and how
      expect(Object.keys(report.columns.mapped)).toEqual([...EXPORT_HEADER]);
      expect(report.columns.mapped).toMatchObject({
        产品代码: 'id',
        风险等级: 'riskLevel',
        管理人: 'issuer',
        起购金额: 'minAmount',
        业绩比较基准: 'benchmark'
      });
      expect(Object.values(report.columns.via).every((v) => v === 'alias')).toBe(true);
      expect(report.columns.extra).toEqual([]);
      expect(report.columns.ignored).toEqual([]);
      results.push({ report, products: CatalogueSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).products });
    }
    const [utf8, gbkResult] = results as [(typeof results)[0], (typeof results)[0]];
    expect(gbkResult.products).toEqual(utf8.products);

    // refused: exactly the broken rows, each for its own reason
    const brokenRows = exported.sources.flatMap((s, i) => (s.broken ? [{ row: i + 1, why: s.broken }] : []));
    expect(brokenRows.length).toBeGreaterThan(0);
    const refusedRows = new Map(utf8.report.refusals.map((r) => [r.row, r]));
    expect([...refusedRows.keys()].sort((a, b) => a - b)).toEqual(brokenRows.map((b) => b.row));
    for (const b of brokenRows) {
      const r = refusedRows.get(b.row)!;
      expect(r.field).toBe(b.why === 'exported twice' ? 'id' : 'riskLevel');
    }

    // each accepted product is the product its row came from
    const byId = new Map(utf8.products.map((p) => [p.id, p]));
    for (const s of exported.sources) {
      if (s.broken) continue;
      const p = byId.get(s.code);
      expect(p, s.code).toBeDefined();
      const q = s.product;
      expect({
        kind: p!.kind,
        riskLevel: p!.riskLevel,
        minAmount: p!.minAmount,
        termMonths: p!.termMonths,
        liquidity: p!.liquidity,
        currency: p!.currency,
        apr: p!.apr,
        annualFee: p!.annualFee
      }).toEqual({
        kind: q.kind,
        riskLevel: q.riskLevel,
        minAmount: q.minAmount,
        termMonths: q.termMonths,
        liquidity: q.liquidity,
        currency: q.currency,
        apr: q.apr,
        annualFee: q.annualFee
      });
      if (q.kind !== 'credit_card') expect(p!.subtype, s.code).toBe(q.subtype);
      if (s.singleRate) expect(p!.expectedReturn, s.code).toBe(q.expectedReturn);
      expect(p!.name['zh-CN']).toBe(q.name['zh-CN']);
    }
  });
});
