import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IntentSchema } from '../../src/lib/domain/intent';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'src/cli/intent.ts');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONTRACT_KEYS = ['kinds', 'risk', 'horizonMonths', 'liquidity', 'amount', 'currency', 'goals', 'language'];

/** one line of JSON: exactly the contract keys, or with --details the whole Intent */
function parseOutput(stdout: string, details = false): ReturnType<typeof IntentSchema.parse> {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  const value: unknown = JSON.parse(stdout);
  if (!details) expect(Object.keys(value as object)).toEqual(CONTRACT_KEYS);
  return IntentSchema.strict().parse(value);
}

describe('intent CLI', { timeout: 60_000 }, () => {
  it('prints the Intent of a Chinese request: the contract keys, and the whole Intent with --details', () => {
    const r = run(['我想投资一个高收益的理财产品']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const contract = { kinds: ['wealth'], risk: 'high', horizonMonths: null, liquidity: null, amount: null, currency: null, goals: ['growth'], language: 'zh' };
    expect(parseOutput(r.stdout)).toEqual(contract);
    const d = run(['--details', '我想投资一个高收益的理财产品']);
    expect(d.code).toBe(0);
    expect(parseOutput(d.stdout, true)).toEqual({
      ...contract,
      // the extension: the high risk is only implied by the return wish, the kind was named
      subtypes: [],
      excludedKinds: [],
      fees: [],
      age: null,
      targetReturn: null,
      hard: ['kinds'],
      unrealistic: false,
      understood: true,
      truncated: false
    });
  });

  it('prints the Intent of an English request, after a leading --', () => {
    const r = run(['--', 'a low-risk fund I can withdraw anytime']);
    expect(r.code).toBe(0);
    const out = parseOutput(r.stdout);
    expect(out).toMatchObject({ kinds: ['fund'], risk: 'low', liquidity: 'high', language: 'en' });
  });

  it('joins several unquoted words with spaces', () => {
    const joined = run(['--details', 'QDII', '基金', '5万', 'USD']);
    const quoted = run(['--details', 'QDII 基金 5万 USD']);
    expect(joined.code).toBe(0);
    expect(joined.stdout).toBe(quoted.stdout);
    expect(parseOutput(joined.stdout, true)).toMatchObject({
      kinds: ['fund'],
      amount: 50000,
      currency: 'USD',
      subtypes: ['fund/qdii'],
      hard: ['kinds', 'subtypes', 'amount', 'currency']
    });
  });

  it('prints the empty Intent for an empty string', () => {
    const r = run(['--details', '']);
    expect(r.code).toBe(0);
    expect(parseOutput(r.stdout, true)).toEqual({
      kinds: [],
      risk: null,
      horizonMonths: null,
      liquidity: null,
      amount: null,
      currency: null,
      goals: [],
      language: 'en',
      subtypes: [],
      excludedKinds: [],
      fees: [],
      age: null,
      targetReturn: null,
      hard: [],
      unrealistic: false,
      understood: false,
      truncated: false
    });
  });

  it('fails with one line on stderr and exit 1 when no text is given', () => {
    for (const args of [[], ['--']]) {
      const r = run(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.replace(/\n$/, '').split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: no text given; usage: intent "TEXT"/);
    }
  });

  it('prints usage for --help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: intent "TEXT"/);
  });
});
