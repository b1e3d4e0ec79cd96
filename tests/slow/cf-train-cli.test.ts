import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deserializeFactors } from '../../src/lib/cf/artifact';
import { parseGramJson, parseTrainArgs, runTrain } from '../../src/cli/train';
import { toTsv, synthInteractions } from '../fixtures/cf/synth';

const read = (p: string): string => readFileSync(p, 'utf8');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('train CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-train-'));
  const tsv = join(dir, 'x.tsv');
  writeFileSync(tsv, toTsv(synthInteractions({ users: 200, items: 40, groups: 4, perUser: 8, seed: 3 })));

  it('from interactions: writes factors.json and factors-<sha256>.bin that load back', () => {
    const out = join(dir, 'ease');
    const s = runTrain(
      parseTrainArgs(['--interactions', tsv, '--algo', 'ease', '--out', out, '--catalogue-version', '4', '--created', '2025-05-01T00:00:00Z']),
      read
    );
    expect(s).toMatchObject({ algo: 'ease', items: 40, catalogueVersion: 4, created: '2025-05-01T00:00:00Z', dtype: 'float16' });
    expect(s.tuning).toBeDefined();
    const manifest = JSON.parse(read(join(out, 'factors.json'))) as { sha256: string; lambda: number };
    expect(s.blobPath).toBe(join(out, `factors-${manifest.sha256}.bin`));
    const blob = new Uint8Array(readFileSync(s.blobPath as string));
    expect(sha256(blob)).toBe(manifest.sha256);
    const model = deserializeFactors(manifest, blob, { sha256 });
    expect(model.algo).toBe('ease');
    expect(model.itemIds).toHaveLength(40);
  });

  it('from a Gram JSON (documented format), each algorithm', () => {
    const gramPath = join(dir, 'g.json');
    writeFileSync(
      gramPath,
      JSON.stringify({
        itemIds: ['a', 'b', 'c'],
        gram: [
          [2, 1, 0],
          [1, 3, 1],
          [0, 1, 1]
        ]
      })
    );
    for (const [algo, extra, key, value] of [
      ['ease', ['--lambda', '0.5'], 'lambda', 0.5],
      ['ease', [], 'lambda', 2], // auto without interactions: 1 × mean diag = (2+3+1)/3
      ['puresvd', ['--dim', '2'], 'dim', 2],
      ['itemknn', ['--neighbours', '1'], 'neighbours', 1]
    ] as const) {
      const out = join(dir, `${algo}-${value}`);
      const s = runTrain(parseTrainArgs(['--gram', gramPath, '--algo', algo, '--out', out, ...extra]), read);
      expect(s[key]).toBe(value);
      const manifest = JSON.parse(read(join(out, 'factors.json'))) as { sha256: string };
      deserializeFactors(manifest, new Uint8Array(readFileSync(s.blobPath as string)), { sha256 });
    }
  });

  it('rejects bad input', () => {
    expect(() => parseGramJson('{"itemIds":["a","b"],"gram":[[1,2],[3,1]]}')).toThrow(/symmetric/);
    expect(() => parseGramJson('{"itemIds":["a"],"gram":[[1,2]]}')).toThrow(/row 0/);
    expect(() => parseTrainArgs(['--algo', 'ease', '--out', dir])).toThrow(/exactly one/);
    expect(() => parseTrainArgs(['--gram', 'g', '--interactions', 'x', '--algo', 'ease', '--out', dir])).toThrow(/exactly one/);
    const r = spawnSync(
      join(process.cwd(), 'node_modules/.bin/tsx'),
      ['src/cli/train.ts', '--gram', join(dir, 'missing.json'), '--algo', 'ease', '--out', dir],
      { encoding: 'utf8' }
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
