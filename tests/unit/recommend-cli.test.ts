import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REASON_CODES } from '../../src/lib/engine/index';
import { fixtureCatalogue, fixturePath } from '../fixtures/engine/fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'src/cli/recommend.ts');
const F = (name: string): string => fixturePath(name);
const NOW = '2025-02-01T00:00:00Z';

function run(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The DESIGN.md contract, exactly: no other keys. */
const Output = z.strictObject({
  items: z.array(
    z.strictObject({
      productId: z.string().min(1),
      score: z.number().finite(),
      reasons: z.array(z.strictObject({ code: z.enum(REASON_CODES), text: z.string().min(1) })).min(1).max(3)
    })
  )
});

const base = ['--catalogue', F('catalogue.json'), '--now', NOW];
const tmp = mkdtempSync(join(tmpdir(), 'candor-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('recommend CLI', { timeout: 60_000 }, () => {
  it('prints contract JSON', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const out = Output.parse(JSON.parse(r.stdout));
    expect(out.items).toHaveLength(10);
    const known = new Map(fixtureCatalogue().map((p) => [p.id, p]));
    out.items.forEach((it, i) => {
      const p = known.get(it.productId);
      expect(p).toBeDefined();
      expect(p!.riskLevel).toBeLessThanOrEqual(3);
      if (i > 0) expect(it.score).toBeLessThanOrEqual(out.items[i - 1]!.score);
    });
    const ids = out.items.map((i) => i.productId);
    expect(ids).not.toContain('fund-equity'); // dismissed (and R4)
    expect(ids).not.toContain('dep-time-1y'); // bought
    // profile-c3 has locale en
    expect(out.items.flatMap((i) => i.reasons.map((x) => x.text)).join(' ')).not.toMatch(/[\u4e00-\u9fff]{3}/);
    const similar = out.items.flatMap((i) => i.reasons).find((x) => x.code === 'similar_to' && x.text.includes('Pure bond fund A'));
    expect(similar?.text).toBe('Similar to the Pure bond fund A you saved');
  });

  it('reads a signed envelope like a plain catalogue, and defaults to zh-CN text', () => {
    const args = ['--profile', F('profile-unassessed.json'), '--events', F('events.jsonl'), '--now', NOW, '--k', '4'];
    const plain = run([...args, '--catalogue', F('catalogue.json')]);
    const signed = run([...args, '--catalogue', F('catalogue-signed.json')]);
    expect(plain.code).toBe(0);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toBe(plain.stdout);
    const out = Output.parse(JSON.parse(plain.stdout));
    expect(out.items).toHaveLength(4);
    for (const it of out.items) for (const reason of it.reasons) expect(reason.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('honours --query and --k', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), ...base, '--query', '基金', '--k', '3']);
    expect(r.code).toBe(0);
    const out = Output.parse(JSON.parse(r.stdout));
    expect(out.items).toHaveLength(3);
    for (const it of out.items) {
      expect(it.productId.startsWith('fund-')).toBe(true);
      expect(it.reasons[0]).toEqual({ code: 'matches_query', text: 'Matches your search "基金"' });
    }
  });

  it('fails with one line for a missing file', () => {
    expectOneLineError(run(['--profile', F('nope.json'), '--events', F('events.jsonl'), ...base]), /profile .*nope\.json: file not found/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), '--catalogue', F('nope.json')]), /catalogue .*file not found/);
  });

  it('fails with one line for bad JSON', () => {
    expectOneLineError(run(['--profile', F('bad.json'), '--events', F('events.jsonl'), ...base]), /profile .*bad\.json: invalid JSON/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events-bad-json.jsonl'), ...base]), /events-bad-json\.jsonl line 3: invalid JSON/);
  });

  it('fails with one line for an invalid event, naming its line', () => {
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events-invalid.jsonl'), ...base]), /events-invalid\.jsonl line 2: type: type must be one of/);
  });

  it('fails on an unknown product id in the events', () => {
    expectOneLineError(
      run(['--profile', F('profile-c3.json'), '--events', F('events-unknown-product.jsonl'), ...base]),
      /line 1: unknown product id "no-such-product"/
    );
  });

  it('fails on an invalid profile, an invalid catalogue, and bad arguments', () => {
    expectOneLineError(run(['--profile', F('profile-invalid.json'), '--events', F('events.jsonl'), ...base]), /profile .*riskLevel: risk level must be 1-5/);
    const badCat = join(tmp, 'bad-catalogue.json');
    writeFileSync(badCat, JSON.stringify({ products: [{ id: 'x', kind: 'spaceship' }] }));
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), '--catalogue', badCat]), /catalogue .*products\.0\.kind/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), ...base]), /--events is required; usage: recommend/);
    expectOneLineError(run(['--events', F('events.jsonl'), ...base]), /--profile is required/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base, '--k', 'ten']), /--k must be an integer/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base, '--wat']), /Unknown option '--wat'.*usage:/);
  });

  it('resolves the default catalogue from the repository root, not the working directory', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), '--now', NOW], tmp);
    const demo = resolve(ROOT, 'models/catalogue/demo-catalogue.json');
    if (existsSync(demo)) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(Output.parse(JSON.parse(r.stdout)).items.length).toBeGreaterThan(0);
    } else {
      expectOneLineError(r, new RegExp(`catalogue ${demo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: file not found`));
    }
  });
});
