/**
 * Collaborative filtering (issue 3): scoring one person against 2,000 and 10,000 products in Node and
 * in Chromium; fitting EASE on 1,000 and 2,000 items (our Cholesky kernel against ml-matrix's
 * inverse, the reason src/lib/cf/linalg.ts exists); artifact sizes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Matrix, inverse } from 'ml-matrix';
import { fitEase, gramFromRows, serializeFactors, type SparseRow } from '../../lib/cf/index';
import { mulberry32 } from '../../lib/common/random';
import type { BenchContext } from './context';
import { inBrowser } from './browser';
import { randomModel, scoringCases } from './cf-workload';
import { measure } from './stats';

/** A Gram matrix from simulated baskets: 5 people per item, 8 items each, popularity ∝ 1/rank. */
function simulatedGram(n: number) {
  const rand = mulberry32(3);
  const itemIds = Array.from({ length: n }, (_, i) => `p${i}`);
  const harmonic = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = harmonic.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const h of harmonic) cdf.push((acc += h / total));
  const pick = (): number => {
    const u = rand();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rows: SparseRow[] = [];
  for (let u = 0; u < 5 * n; u++) {
    const items = new Set<number>();
    while (items.size < 8) items.add(pick());
    const idx = [...items].sort((a, b) => a - b);
    rows.push({ idx: Int32Array.from(idx), val: new Float64Array(idx.length).fill(1) });
  }
  return gramFromRows(rows, itemIds);
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const node = await scoringCases(measure, ctx.quick);
  const chromium = await inBrowser<Record<string, unknown>>(fileURLToPath(new URL('./cf-browser-entry.ts', import.meta.url)));

  const fit: Record<string, unknown> = {};
  for (const n of ctx.quick ? [1000] : [1000, 2000]) {
    const gram = simulatedGram(n);
    const runs = ctx.quick ? 1 : 3;
    const ours = await measure(() => fitEase(gram, 500), { runs, warmup: 0 });
    const lib = await measure(
      () => {
        const a = Matrix.from1DArray(n, n, Array.from(gram.data));
        for (let i = 0; i < n; i++) a.set(i, i, a.get(i, i) + 500);
        return inverse(a);
      },
      { runs: 1, warmup: 0 }
    );
    fit[`ease-${n}`] = { ours, mlMatrixInverseOnly: lib, speedup: Math.round((lib.p50Ms / ours.p50Ms) * 10) / 10 };
  }

  const created = '2026-01-01T00:00:00Z';
  const size = (algo: 'ease' | 'puresvd', n: number) => serializeFactors(randomModel(algo, n), { catalogueVersion: 1, created, sha256: sha }).blob.byteLength;
  const demo = new URL('../../../models/factors/demo/', import.meta.url);
  const demoManifest = JSON.parse(readFileSync(new URL('factors.json', demo), 'utf8')) as { sha256: string; itemIds: string[] };
  const demoBlob = statSync(new URL(`factors-${demoManifest.sha256}.bin`, demo)).size;
  return {
    scoring: { node, chromium },
    fitEase: fit,
    artifactBytes: {
      'ease-2000-float16': size('ease', 2000),
      'puresvd64-10000-float16': size('puresvd', 10_000),
      [`demo-ease-${demoManifest.itemIds.length}-float16`]: demoBlob
    }
  };
}
