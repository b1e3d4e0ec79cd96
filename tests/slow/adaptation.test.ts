/**
 * Smooth adaptation through the one pipeline (engine + the shipped ranker, as the app runs it):
 * one view, or one thumbs-up (the ranker fine-tuned as the app's worker would: from two reactions on), brings
 * at most three new products into a person's twelve. Every 4th demo product is tried as the one
 * the event is about, for an unassessed person, a balanced one and an aggressive one.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuTf } from '../../models/ranker/node-tf';
import { readJsonFile } from '../../src/cli/io';
import { SHIPPED_RANKER } from '../../src/cli/ranker-scorer';
import { deserializeFactors } from '../../src/lib/cf/artifact';
import type { CfModel } from '../../src/lib/cf/model';
import { CatalogueSchema, type CandorEvent, type Product, type Profile } from '../../src/lib/domain';
import { runPipeline, type Scorer } from '../../src/lib/pipeline';
import { feedbackExamples, MIN_FINE_TUNE_EXAMPLES } from '../../src/lib/ranker/feedback';
import { RankerService } from '../../src/lib/ranker/service';
import { readFactorsDir, sha256Hex } from '../../src/lib/server/factors-dir';

const products: Product[] = CatalogueSchema.parse(
  JSON.parse(readFileSync(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url), 'utf8'))
).products;
const NOW = new Date('2026-12-01T00:00:00Z');
const K = 12;
const PROFILES: Record<string, Profile> = {
  unassessed: { riskLevel: null },
  balanced: { riskLevel: 3, age: 40, annualIncome: 120_000 },
  aggressive: { riskLevel: 5, age: 28, annualIncome: 150_000, goals: ['growth'], horizonMonths: 60 }
};
let cf: CfModel;

async function service(): Promise<RankerService> {
  const s = new RankerService(await cpuTf(), readJsonFile(SHIPPED_RANKER, 'ranker'));
  await s.handle({ id: 0, type: 'init', personal: null });
  return s;
}
function scorerOf(s: RankerService, learnedWeight: number): Scorer {
  return {
    learnedWeight,
    async score(rows) {
      const r = await s.handle({ id: 1, type: 'score', rows });
      if (r.type !== 'scores') throw new Error('no scores');
      return r.scores;
    }
  };
}

beforeAll(() => {
  const { manifest, blob } = readFactorsDir(new URL('../../models/factors/demo/', import.meta.url).pathname);
  cf = deserializeFactors(manifest, blob, { sha256: sha256Hex });
});

describe('one event moves at most three of the twelve', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    it(`for ${name} people: a view, or a thumbs-up that also fine-tunes the ranker`, async () => {
      const shipped = await service();
      const weight = shipped.info().learnedWeight;
      const list = async (s: RankerService, events: CandorEvent[]) =>
        (await runPipeline({ products, profile, events, now: NOW, k: K, cf }, scorerOf(s, weight))).items.map((i) => i.productId);
      const before = await list(shipped, []);
      const moved: Record<string, number[]> = { view: [], thumbsUp: [] };
      for (const p of products.filter((_, i) => i % 4 === 0)) {
        const view: CandorEvent = { type: 'view', productId: p.id, ts: NOW.toISOString() };
        moved.view!.push((await list(shipped, [view])).filter((id) => !before.includes(id)).length);
        const up: CandorEvent = { type: 'rate', productId: p.id, ts: NOW.toISOString(), value: 1 };
        const tuned = await service();
        const ex = feedbackExamples({ products, profile, events: [up], cf });
        if (ex.labels.length >= MIN_FINE_TUNE_EXAMPLES) await tuned.handle({ id: 2, type: 'finetune', rows: ex.rows, labels: ex.labels });
        moved.thumbsUp!.push((await list(tuned, [up])).filter((id) => !before.includes(id)).length);
      }
      expect(Math.max(...moved.view!), `view: ${moved.view!.join(',')}`).toBeLessThanOrEqual(3);
      expect(Math.max(...moved.thumbsUp!), `thumbs-up: ${moved.thumbsUp!.join(',')}`).toBeLessThanOrEqual(3);
    });
  }
});
