/** `npm run allocate`: exactly the JSON shape, the same allocation as the library, one-line errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'src/cli/allocate.ts');
const dir = mkdtempSync(join(tmpdir(), 'candor-allocate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const products = CatalogueSchema.parse(JSON.parse(readFileSync(resolve(ROOT, 'src/lib/server/demo-catalogue.json'), 'utf8'))).products;
const byId = new Map(products.map((p) => [p.id, p]));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function profile(p: object): string {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

const CLASS = z.enum(['cash', 'bond', 'cn_equity', 'global_equity', 'gold', 'protection']);
/** the shape, strictly: no other key anywhere */
const Output = z.strictObject({
  riskLevel: z.number().int().min(1).max(5),
  holdings: z.array(z.strictObject({ productId: z.string(), assetClass: CLASS, weight: z.number(), amount: z.number() })).min(1),
  assetClasses: z.array(z.strictObject({ class: CLASS, weight: z.number() })).min(1),
  expectedReturn: z.number(),
  volatility: z.number(),
  maxDrawdown: z.number(),
  worst12m: z.number(),
  stress: z.tuple([z.strictObject({ scenario: z.literal('2008'), return: z.number() }), z.strictObject({ scenario: z.literal('2015'), return: z.number() })])
});

describe('allocate CLI', { timeout: 180_000 }, () => {
  it('prints the issue shape for a C2 and a C5 person: weights sum to 1, nothing above the level, C5 riskier', () => {
    const out = ([2, 5] as const).map((level) => {
      const r = run(['--profile', profile({ riskLevel: level, age: 40, annualIncome: 200000 }), '--amount', '50000', '--horizon', '60']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
      const o = Output.parse(JSON.parse(r.stdout));
      expect(o.riskLevel).toBe(level);
      expect(o.holdings.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 4);
      expect(o.assetClasses.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 4);
      expect(o.holdings.reduce((s, h) => s + h.amount, 0)).toBeCloseTo(50000, 6);
      for (const h of o.holdings) expect(byId.get(h.productId)!.riskLevel).toBeLessThanOrEqual(level);
      return o;
    });
    const [c2, c5] = out as [z.infer<typeof Output>, z.infer<typeof Output>];
    expect(c5.volatility).toBeGreaterThan(c2.volatility);
    expect(c5.maxDrawdown).toBeLessThan(c2.maxDrawdown);
    // in % (a C5 mix loses tens of per cent in 2008), not decimals
    expect(c5.stress[0].return).toBeLessThan(-10);
  });

  for (const [args, message] of [
    [['--amount', '50000'], /--profile is required/],
    [['--profile', 'PROFILE', '--amount', 'lots'], /--amount must be a positive number/],
    [['--profile', 'PROFILE', '--amount', '0'], /--amount must be a positive number/],
    [['--profile', 'PROFILE', '--amount', '50000', '--horizon', '3.5'], /--horizon must be an integer/],
    [['--profile', join(dir, 'missing.json'), '--amount', '50000'], /file not found/],
    [['--profile', 'BAD', '--amount', '50000'], /riskLevel/],
    [['--profile', 'PROFILE', '--amount', '50000', '--bogus'], /unknown option --bogus; usage: allocate/],
    [['--profile', 'PROFILE', '--amount', '50000', '--amount', '9'], /--amount given twice/]
  ] as const) {
    it(`refuses ${args.join(' ')} with one line and exit 1`, () => {
      const good = profile({ riskLevel: 3 });
      const bad = profile({ riskLevel: 9 });
      const r = run(args.map((a) => (a === 'PROFILE' ? good : a === 'BAD' ? bad : a)));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});
