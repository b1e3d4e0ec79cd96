/**
 * The shipped ranker (or a person's fine-tuned copy) as the pipeline's Scorer in Node: the same
 * RankerService the app's worker runs, on tfjs's pure-JS cpu backend.
 */
import { z } from 'zod';
import { cpuTf } from '../../models/ranker/node-tf';
import type { Scorer } from '../lib/pipeline';
import { PersonalWeightsSchema, type PersonalWeights } from '../lib/ranker/protocol';
import { RankerService } from '../lib/ranker/service';
import { CliError, readJsonFile, repoPath } from './io';

export const SHIPPED_RANKER = repoPath('models', 'ranker', 'ranker.json');

const floats = z.array(z.number().finite()).transform((xs) => Float32Array.from(xs));
/** fine-tuned weights as the app exports them (plain arrays), alone or inside the whole export file */
const ExportFile = z.object({ personal: z.object({ ranker: z.unknown() }) });
const PersonalJson = PersonalWeightsSchema.extend({ w1: floats, b1: floats, w2: floats, b2: floats });

export function readPersonal(path: string): PersonalWeights {
  const raw = readJsonFile(path, 'personal');
  const exported = ExportFile.safeParse(raw);
  const r = PersonalJson.safeParse(exported.success ? exported.data.personal.ranker : raw);
  if (!r.success) throw new CliError(`personal ${path}: not fine-tuned ranker weights (${r.error.issues[0]?.message ?? 'invalid'})`);
  return r.data;
}

export async function nodeScorer(personal: PersonalWeights | null): Promise<Scorer> {
  const service = new RankerService(await cpuTf(), readJsonFile(SHIPPED_RANKER, 'ranker'));
  const ready = await service.handle({ id: 1, type: 'init', personal });
  if (ready.type !== 'ready') throw new CliError(`ranker: ${ready.type === 'error' ? ready.message : 'did not start'}`);
  if (personal && ready.info.personalExamples === 0) throw new CliError('personal: tuned from another model than the shipped one; not used');
  let id = 2;
  return {
    learnedWeight: ready.info.learnedWeight,
    async score(rows) {
      const r = await service.handle({ id: id++, type: 'score', rows });
      if (r.type !== 'scores') throw new CliError(`ranker: ${r.type === 'error' ? r.message : 'no scores'}`);
      return r.scores;
    }
  };
}
