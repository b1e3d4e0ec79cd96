/**
 * The ranker benchmark's workload, shared by Node and Chromium: the shipped model scoring 1,000
 * candidate rows (the demo catalogue's rows for one person, repeated with shifted engine ranks),
 * timed on each backend that starts, with the largest difference from the first backend's scores.
 */
import type * as TF from '@tensorflow/tfjs-core';
import artifact from '../../../models/ranker/ranker.json';
import catalogue from '../../lib/server/demo-catalogue.json';
import { CatalogueSchema } from '../../lib/domain/catalogue';
import { recommend } from '../../lib/engine/recommend';
import { parseArtifact } from '../../lib/ranker/artifact';
import { chooseBackend, type Backend } from '../../lib/ranker/backend';
import { candidateRows } from '../../lib/ranker/candidates';
import { FEATURE_NAMES } from '../../lib/ranker/features';
import { Scorer } from '../../lib/ranker/model';
import type { Timing } from './stats';

export const CANDIDATE_COUNT = 1000;

export function benchRows(): Float32Array {
  const products = CatalogueSchema.parse(catalogue).products;
  const profile = { riskLevel: 5 as const, age: 40, annualIncome: 300_000 };
  const now = new Date('2026-11-01T00:00:00Z');
  const events = products.slice(0, 12).map((p, i) => ({ type: 'click' as const, productId: p.id, ts: new Date(now.getTime() - i * 3_600_000).toISOString() }));
  const candidates = recommend({ products, profile, events, now, k: products.length });
  const byId = new Map(products.map((p) => [p.id, p]));
  const all = [...candidates, ...candidates, ...candidates, ...candidates].slice(0, CANDIDATE_COUNT);
  const { rows } = candidateRows({ products: byId, profile, events, now }, all);
  if (rows.length !== CANDIDATE_COUNT * FEATURE_NAMES.length) throw new Error('the workload is not 1,000 rows');
  return rows;
}

export type BackendResult = (Timing & { maxDiffFromFirst: number }) | { error: string };

export async function rankerCases(
  tf: typeof TF,
  backends: readonly Backend[],
  measure: (fn: () => unknown, o?: { runs?: number; warmup?: number }) => Promise<Timing>,
  quick: boolean
): Promise<Record<string, BackendResult>> {
  const { weights } = parseArtifact(artifact, FEATURE_NAMES);
  const rows = benchRows();
  const out: Record<string, BackendResult> = {};
  let first: Float32Array | null = null;
  for (const backend of backends) {
    try {
      await chooseBackend(tf, [backend]);
    } catch (e) {
      out[backend] = { error: e instanceof Error ? e.message : String(e) };
      continue;
    }
    const scorer = new Scorer(tf, weights);
    try {
      const scores = await scorer.score(rows);
      first ??= scores;
      const reference = first;
      const timing = await measure(() => scorer.score(rows), { runs: quick ? 10 : 50, warmup: 5 });
      out[backend] = { ...timing, maxDiffFromFirst: Number(scores.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i]!)), 0).toExponential(2)) };
    } finally {
      scorer.dispose();
    }
  }
  return out;
}
