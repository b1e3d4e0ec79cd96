import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvalArgs, runEval } from '../../src/cli/eval';
import { synthInteractions, toTsv } from '../fixtures/cf/synth';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const TRAIN = 'tests/fixtures/cf/tiny-train.tsv';
const TEST = 'tests/fixtures/cf/tiny-test.tsv';
const read = (p: string): string => readFileSync(p, 'utf8');

/*
 * tiny-train.tsv: u1 {A,B}  u2 {A,C}  u3 {A,B,D}  u4 {C}          tiny-test.tsv: u1 {C,E}  u2 {B}  u3 {E}
 *                                                                                  u4 {A,B,D,E,F}  u5 {B,D}
 * Universe A..F (F only in test) → 6 items. pop = diag(G) = A 3, B 2, C 2, D 1, E 0, F 0,
 * so the global order is A B C D E F (ties by index). With k = 2, L = 1/log2 3:
 *   u1: candidates C D E F → [C, D]; hit C@1;  P ½, R ½,  nDCG 1/(1+L),  AP (1/1)/2 = ½
 *   u2: candidates B D E F → [B, D]; hit B@1;  P ½, R 1,  nDCG 1,        AP 1/1 = 1
 *   u3: candidates C E F   → [C, E]; hit E@2;  P ½, R 1,  nDCG L,        AP (1/2)/1 = ½
 *   u4: candidates A B D E F → [A, B]; hits @1,@2; P 1, R 2/5, nDCG 1,   AP (1 + 1)/2 = 1
 *   u5: no train rows, x = 0; candidates all → [A, B]; hit B@2; P ½, R ½, nDCG L/(1+L), AP (1/2)/2 = ¼
 * precision = 3/5, recall = (½+1+1+⅖+½)/5 = 0.68, ndcg = (1/(1+L) + 1 + L + 1 + L/(1+L))/5 = (3+L)/5,
 * map = (½+1+½+1+¼)/5 = 0.65, coverage = |{A,B,C,D,E}| / 6 = 5/6.
 */
const L = 1 / Math.log2(3);

describe('eval CLI', () => {
  it('pop on the tiny fixture: exact metrics', () => {
    const r = runEval(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'pop', '--k', '2']), read);
    expect(r).toMatchObject({ algo: 'pop', k: 2, users: 5, items: 6, trainRows: 8, testRows: 11 });
    expect(r.precision).toBeCloseTo(0.6, 14);
    expect(r.recall).toBeCloseTo(0.68, 14);
    expect(r.ndcg).toBeCloseTo((3 + L) / 5, 14);
    expect(r.map).toBeCloseTo(0.65, 14);
    expect(r.coverage).toBeCloseTo(5 / 6, 14);
    expect(r.tuning).toBeUndefined();
  });

  it('runs as a command: one JSON line with the contract keys', () => {
    const out = execFileSync(TSX, ['src/cli/eval.ts', '--train', TRAIN, '--test', TEST, '--algo', 'pop', '--k', '2'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(out) as Record<string, unknown>;
    for (const key of ['algo', 'k', 'users', 'precision', 'recall', 'ndcg', 'map', 'coverage', 'trainSeconds', 'scoreSeconds']) expect(r).toHaveProperty(key);
    expect(r.precision).toBeCloseTo(0.6, 14);
    expect(r.coverage).toBeCloseTo(5 / 6, 14);
  });

  it('errors: one stderr line, exit 1', () => {
    for (const args of [
      ['--train', TRAIN, '--test', TEST, '--algo', 'magic'],
      ['--train', TRAIN, '--test', 'does/not/exist.tsv', '--algo', 'pop'],
      ['--train', TRAIN, '--algo', 'pop']
    ]) {
      const r = spawnSync(TSX, ['src/cli/eval.ts', ...args], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 20_000);

  it('argument checks', () => {
    expect(() => parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'pop', '--k', '0'])).toThrow(/--k/);
    expect(() => parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'ease', '--lambda', '-1'])).toThrow(/--lambda/);
    expect(() => parseEvalArgs(['--data', 'x', '--train', TRAIN, '--algo', 'pop'])).toThrow(/either/);
    expect(() => parseEvalArgs(['--data', 'x', '--algo', 'pop', '--holdout', '1'])).toThrow(/holdout/);
    expect(() => parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'pop', '--bogus', '1'])).toThrow(/unknown option/);
    expect(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'ease'])).toMatchObject({ k: 10, lambda: 'auto', dim: 'auto', neighbours: 'auto' });
  });

  it('explicit hyper-parameters are reported; auto reports its validation grid', () => {
    const ease = runEval(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'ease', '--lambda', '2.5']), read);
    expect(ease.lambda).toBe(2.5);
    const knn = runEval(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'itemknn', '--neighbours', '3']), read);
    expect(knn.neighbours).toBe(3);
    const svd = runEval(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'puresvd', '--dim', '2']), read);
    expect(svd.dim).toBe(2);
    const auto = runEval(parseEvalArgs(['--train', TRAIN, '--test', TEST, '--algo', 'ease']), read);
    expect(auto.tuning?.metric).toBe('ndcg@10');
    expect(auto.tuning?.grid.length).toBeGreaterThan(0);
    expect(auto.tuning?.grid.map((g) => g[0])).toContain(auto.lambda);
  });

  it('--data with a seeded split (movielens and tsv), reproducible', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-eval-'));
    const rows = synthInteractions({ users: 120, items: 40, groups: 4, perUser: 8, seed: 2 });
    // movielens: ratings ≥ 4 are positives; add a 2-star row per user that must be dropped
    const ml = rows.map((r, i) => `${r.user}::${r.item}::${4 + (i % 2)}::${1e9 + i}`).concat(rows.slice(0, 50).map((r) => `${r.user}::zz${r.item}::2::1`));
    writeFileSync(join(dir, 'ratings.dat'), ml.join('\n') + '\n');
    writeFileSync(join(dir, 'rows.tsv'), toTsv(rows));
    const a = runEval(parseEvalArgs(['--data', join(dir, 'ratings.dat'), '--format', 'movielens', '--holdout', '0.2', '--seed', '9', '--algo', 'pop']), read);
    const b = runEval(parseEvalArgs(['--data', join(dir, 'rows.tsv'), '--format', 'tsv', '--seed', '9', '--algo', 'pop']), read);
    expect(a.items).toBe(40); // the 2-star items never enter
    expect(a.trainRows + a.testRows).toBe(rows.length);
    const strip = (r: typeof a): unknown => ({ ...r, trainSeconds: 0, scoreSeconds: 0 });
    expect(strip(a)).toEqual(strip(b));
    const c = runEval(parseEvalArgs(['--data', join(dir, 'rows.tsv'), '--seed', '10', '--algo', 'pop']), read);
    expect(c.testRows).toBe(a.testRows); // the same per-user counts, different items
    expect(strip(c)).not.toEqual(strip(a));
  });
});
