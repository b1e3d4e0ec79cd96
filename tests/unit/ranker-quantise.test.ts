import { describe, expect, it } from 'vitest';
import { parseArtifact, serialiseArtifact } from '../../src/lib/ranker/artifact';
import { initWeights, TENSOR_NAMES } from '../../src/lib/ranker/model';
import { dequantise, quantise } from '../../src/lib/ranker/quantise';

describe('int8 quantisation', () => {
  it('keeps each weight within half a step of its column scale', () => {
    // column 0 large, column 1 small: per-column scales keep the small one precise
    const w = Float32Array.from([12.7, 0.012, -6.4, -0.02, 3, 0.005]);
    const q = quantise(w, [3, 2]);
    expect([...q.scales]).toEqual([Math.fround(12.7 / 127), Math.fround(0.02 / 127)]);
    expect([...q.q]).toEqual([127, 76, -64, -127, 30, 32]);
    const back = dequantise(q);
    w.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(q.scales[i % 2]! / 2 + 1e-9));
  });

  it('maps an all-zero tensor to zeros with a usable scale', () => {
    const q = quantise(new Float32Array(4), [4]);
    expect([...q.scales]).toEqual([1]);
    expect([...dequantise(q)]).toEqual([0, 0, 0, 0]);
  });

  it('refuses a shape that does not hold the values', () => {
    expect(() => quantise(new Float32Array(5), [2, 2])).toThrow(/does not hold/);
  });
});

describe('the model file', () => {
  const names = Array.from({ length: 6 }, (_, i) => `f${i}`);
  const w = initWeights(6, 4, 7);
  const file = (): unknown => JSON.parse(JSON.stringify(serialiseArtifact(w, names, { learnedWeight: 2, provenance: { note: 'test' } })));

  it('round-trips through JSON to the de-quantised weights', () => {
    const { artifact, weights } = parseArtifact(file(), names);
    expect(artifact.learnedWeight).toBe(2);
    for (const name of TENSOR_NAMES) {
      const max = Math.max(...w[name].map(Math.abs));
      w[name].forEach((v, i) => expect(Math.abs(weights[name][i]! - v)).toBeLessThanOrEqual(max / 254 + 1e-7));
    }
  });

  it('is refused by code with other features, or when its bytes were changed', () => {
    expect(() => parseArtifact(file(), [...names.slice(0, 5), 'other'])).toThrow(/other features/);
    const bad = file() as { tensors: { w2: { q: string } } };
    bad.tensors.w2.q = btoa('\u0001\u0002\u0003\u0004');
    expect(() => parseArtifact(bad, names)).toThrow(/does not match/);
    expect(() => parseArtifact({ ...(file() as object), format: 'onnx' }, names)).toThrow();
  });
});
