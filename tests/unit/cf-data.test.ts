import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../src/lib/cf/gram';
import { parseMovieLens, parseTsv } from '../../src/lib/cf/parse';
import { sampleUsers, splitPerUser } from '../../src/lib/cf/split';
import { dimGrid, lambdaGrid, MIN_GAIN, neighbourGrid, tune } from '../../src/lib/cf/tune';
import { buildItemIndex, gramFromInteractions } from '../../src/lib/cf/gram';
import { synthInteractions } from '../fixtures/cf/synth';

describe('parse', () => {
  it('tsv: optional weight, header, comments, CRLF; errors carry file:line', () => {
    expect(parseTsv('user\titem\tweight\r\n# c\nu1\ti1\nu1\ti2\t0.5\r\n\n', 'f.tsv')).toEqual([
      { user: 'u1', item: 'i1' },
      { user: 'u1', item: 'i2', weight: 0.5 }
    ]);
    expect(() => parseTsv('u1\ti1\tx\n', 'f.tsv')).toThrow(/f.tsv:1: weight/);
    expect(() => parseTsv('u1 i1\n', 'f.tsv')).toThrow(/f.tsv:1: expected/);
  });

  it('movielens: tabs/spaces, ::, CSV with header; ratings ≥ 4 kept as binary', () => {
    const want = [
      { user: '1', item: '10' },
      { user: '2', item: '30' }
    ];
    expect(parseMovieLens('1\t10\t5\t881250949\n1\t20\t3\t881250949\n2 30 4 1\n')).toEqual(want);
    expect(parseMovieLens('1::10::4::978300760\n1::20::1::978300760\n2::30::5::1\n')).toEqual(want);
    expect(parseMovieLens('userId,movieId,rating,timestamp\n1,10,4.5,1\n1,20,3.5,1\n2,30,4.0,1\n')).toEqual(want);
    expect(() => parseMovieLens('1 10 5 1\n1 20\n', 'ml')).toThrow(/ml:2/);
  });
});

describe('splitPerUser', () => {
  const rows: Interaction[] = [];
  for (let u = 0; u < 50; u++) for (let i = 0; i < 1 + (u % 12); i++) rows.push({ user: `u${u}`, item: `i${(u * 7 + i * 3) % 40}` });

  it('holds out round(h·c) (≥ 1, ≤ c − 1) per user, seeded and reproducible', () => {
    const a = splitPerUser(rows, { holdout: 0.2, seed: 4 });
    const b = splitPerUser([...rows].reverse(), { holdout: 0.2, seed: 4 });
    const key = (r: Interaction): string => `${r.user}/${r.item}`;
    expect(a.test.map(key).sort()).toEqual(b.test.map(key).sort());
    expect(a.train.length + a.test.length).toBe(rows.length);
    const count = (rs: Interaction[], u: string): number => rs.filter((r) => r.user === u).length;
    for (let u = 0; u < 50; u++) {
      const c = 1 + (u % 12);
      const t = c < 2 ? 0 : Math.min(c - 1, Math.max(1, Math.round(0.2 * c)));
      expect(count(a.test, `u${u}`)).toBe(t);
    }
    const c = splitPerUser(rows, { holdout: 0.2, seed: 5 });
    expect(c.test.map(key).sort()).not.toEqual(a.test.map(key).sort());
  });

  it("a user's split does not depend on the other users", () => {
    const one = rows.filter((r) => r.user === 'u11');
    const alone = splitPerUser(one, { holdout: 0.3, seed: 8 }).test;
    const within = splitPerUser(rows, { holdout: 0.3, seed: 8 }).test.filter((r) => r.user === 'u11');
    expect(alone).toEqual(within);
  });

  it('only chosen users are split; sampling is deterministic', () => {
    const s = splitPerUser(rows, { holdout: 0.5, seed: 1, users: new Set(['u5']) });
    expect(new Set(s.test.map((r) => r.user))).toEqual(new Set(['u5']));
    const users = rows.map((r) => r.user);
    expect(sampleUsers(users, 10, 3)).toEqual(sampleUsers([...users].reverse(), 10, 3));
    expect(sampleUsers(users, 10, 3).size).toBe(10);
  });
});

describe('tune', () => {
  it('grids scale with the data and fit the catalogue', () => {
    const rows = synthInteractions({ users: 100, items: 30, groups: 3, perUser: 6, seed: 1 });
    const g = gramFromInteractions(rows, buildItemIndex(rows.map((r) => r.item)));
    let mean = 0;
    for (let i = 0; i < g.n; i++) mean += g.data[i * g.n + i]! / g.n;
    expect(lambdaGrid(g)[4]).toBeCloseTo(mean, 4); // the 1× point
    expect(dimGrid(300)).toEqual([8, 16, 32, 64, 128]);
    expect(dimGrid(40)).toEqual([8, 16, 32]);
    expect(dimGrid(5)).toEqual([1, 2, 4]);
    expect(neighbourGrid(60)).toEqual([10, 20, 50]);
  });

  it('picks the best validation ndcg from the training rows alone', () => {
    const rows = synthInteractions({ users: 400, items: 50, groups: 5, perUser: 8, seed: 6 });
    const index = buildItemIndex(rows.map((r) => r.item));
    const t = tune('ease', rows, index, { k: 10, seed: 1 });
    expect(t.param).toBe('lambda');
    expect(t.validationUsers).toBe(400);
    // the best, or within MIN_GAIN (0.1 %) of it and found earlier
    const best = Math.max(...t.grid.map((g) => g.ndcg));
    expect(t.grid.find((g) => g.value === t.value)!.ndcg).toBeGreaterThanOrEqual(best / (1 + MIN_GAIN));
    // the same rows and seed give the same choice
    expect(tune('ease', [...rows].reverse(), index, { k: 10, seed: 1 }).value).toBe(t.value);
    const d = tune('puresvd', rows, index, { k: 10, seed: 1 });
    expect(d.grid.map((g) => g.value)).toEqual([8, 16, 32]);
    const n = tune('itemknn', rows, index, { k: 10, seed: 1 });
    expect(n.grid.map((g) => g.value)).toEqual([10, 20]);
  });
});
