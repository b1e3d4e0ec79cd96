import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deserializeFactors, FactorsManifestSchema, serializeFactors } from '../../src/lib/cf/artifact';
import { fitEase } from '../../src/lib/cf/ease';
import { fromHalfBits, halfScale, toHalfBits } from '../../src/lib/cf/float16';
import { buildItemIndex, gramFromInteractions } from '../../src/lib/cf/gram';
import { fitItemKnn } from '../../src/lib/cf/itemknn';
import { mulberry32 } from '../../src/lib/common/random';
import type { AnyCfModel } from '../../src/lib/cf/model';
import { fitPopularity } from '../../src/lib/cf/popularity';
import { fitPureSvd } from '../../src/lib/cf/puresvd';
import { synthInteractions } from '../fixtures/cf/synth';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const meta = { catalogueVersion: 7, created: '2025-01-02T03:04:05.000Z', sha256 };

describe('float16 by hand', () => {
  it('matches IEEE binary16 bit patterns (values checked against numpy.float16)', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [65504, 0x7bff],
      [65519, 0x7bff],
      [2 ** -14, 0x0400],
      [2 ** -24, 0x0001],
      [1e-4, 0x068e],
      [1e-8, 0x0000],
      // ties go to even: 1 + 2^-11 sits halfway between 1 and 1 + 2^-10
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02]
    ];
    for (const [v, bits] of cases) expect(toHalfBits(v), `${v}`).toBe(bits);
    expect(toHalfBits(1e9)).toBe(0x7bff); // saturates
    expect(() => toHalfBits(NaN)).toThrow();
  });

  it('every finite half round-trips exactly', () => {
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00) continue; // inf / NaN
      expect(toHalfBits(fromHalfBits(h))).toBe(h === 0x8000 ? 0x8000 : h);
    }
  });

  it('relative error ≤ 2^-11 in the normal range', () => {
    const rand = mulberry32(3);
    for (let t = 0; t < 2000; t++) {
      const v = (rand() - 0.5) * 2 ** (Math.floor(rand() * 28) - 13);
      if (Math.abs(v) < 2 ** -14) continue;
      expect(Math.abs(fromHalfBits(toHalfBits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11);
    }
    expect(halfScale([0.001, -0.003])).toBe(2 ** (Math.floor(Math.log2(0.003)) - 14));
  });
});

describe('factors artifact', () => {
  const rows = synthInteractions({ users: 300, items: 60, groups: 4, perUser: 8, seed: 11 });
  const gram = gramFromInteractions(rows, buildItemIndex(rows.map((r) => r.item)));
  const models: AnyCfModel[] = [fitEase(gram, 20), fitPureSvd(gram, 8), fitItemKnn(gram, 10), fitPopularity(gram)];
  const rand = mulberry32(5);
  const xs = Array.from({ length: 20 }, () => Float64Array.from({ length: gram.n }, () => (rand() < 0.1 ? 1 : 0)));

  for (const model of models) {
    it(`${model.algo}: float16 round-trip keeps scores within 1e-3 of the largest`, () => {
      const { manifest, blob } = serializeFactors(model, meta);
      expect(manifest.format).toBe('candor-factors');
      expect(manifest.dtype).toBe('float16');
      expect(manifest.sha256).toBe(sha256(blob));
      expect(manifest.bytes).toBe(blob.length);
      expect(manifest.itemIds).toEqual(gram.itemIds);
      expect(FactorsManifestSchema.safeParse(JSON.parse(JSON.stringify(manifest))).success).toBe(true);
      const back = deserializeFactors(JSON.parse(JSON.stringify(manifest)), blob, { sha256 });
      expect(back.algo).toBe(model.algo);
      for (const x of xs) {
        const a = model.score(x);
        const b = back.score(x);
        const scale = Math.max(1e-12, ...Array.from(a, Math.abs));
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-3 * scale);
      }
    });
  }

  it('records the hyper-parameter and the layout per algorithm', () => {
    const [ease, svd, knn, pop] = models.map((m) => serializeFactors(m, meta).manifest);
    expect(ease).toMatchObject({ algo: 'ease', lambda: 20, layout: 'dense', shape: [60, 60], bytes: 60 * 60 * 2 });
    expect(svd).toMatchObject({ algo: 'puresvd', dim: 8, layout: 'dense', shape: [60, 8], bytes: 60 * 8 * 2 });
    const nnz = (models[2] as { colIdx: Uint32Array }).colIdx.length;
    expect(knn).toMatchObject({ algo: 'itemknn', neighbours: 10, layout: 'csr', shape: [60, 60], nnz, bytes: 4 * 61 + 6 * nnz });
    expect(pop).toMatchObject({ algo: 'pop', layout: 'dense', shape: [60], catalogueVersion: 7, created: meta.created });
  });

  it('float32 is (almost) exact', () => {
    const { manifest, blob } = serializeFactors(models[0]!, { ...meta, dtype: 'float32' });
    expect(manifest.scale).toBe(1);
    const back = deserializeFactors(manifest, blob);
    const a = models[0]!.score(xs[0]!),
      b = back.score(xs[0]!);
    for (let i = 0; i < a.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 6);
  });

  it('rejects a tampered blob, a short blob and a bad manifest', () => {
    const { manifest, blob } = serializeFactors(models[2]!, meta);
    const tampered = Uint8Array.from(blob);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(() => deserializeFactors(manifest, tampered, { sha256 })).toThrow(/sha256/);
    expect(() => deserializeFactors(manifest, blob.subarray(0, blob.length - 2))).toThrow(/bytes/);
    expect(() => deserializeFactors({ ...manifest, format: 'other' }, blob)).toThrow(/manifest invalid/);
    expect(() => deserializeFactors({ ...manifest, shape: [59, 60] }, blob)).toThrow(/shape/);
    expect(() => deserializeFactors({ ...manifest, sha256: 'abc' }, blob)).toThrow(/sha256/);
  });
});
