/**
 * Messages between the app and the ranker worker (workers/rank.worker.ts), validated on both
 * sides. Feature rows and weights travel as Float32Arrays (transferred, not copied).
 */
import { z } from 'zod';
import { BACKENDS } from './backend';

const floats = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');

/** Fine-tuned weights as kept on the device (Dexie `personal`, key 'ranker'); never uploaded. */
export const PersonalWeightsSchema = z.object({
  /** the shipped model they were tuned from: dropped when another ships */
  modelId: z.string().min(1),
  updatedAt: z.iso.datetime({ offset: true }),
  /** how many of the person's reactions they learnt from */
  examples: z.number().int().min(0),
  w1: floats,
  b1: floats,
  w2: floats,
  b2: floats
});
export type PersonalWeights = z.infer<typeof PersonalWeightsSchema>;

export const RankRequestSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number().int(), type: z.literal('init'), personal: PersonalWeightsSchema.nullable() }),
  z.object({ id: z.number().int(), type: z.literal('score'), rows: floats }),
  z.object({ id: z.number().int(), type: z.literal('finetune'), rows: floats, labels: floats }),
  /** forget the personal weights (after an erase) */
  z.object({ id: z.number().int(), type: z.literal('reset') })
]);
export type RankRequest = z.infer<typeof RankRequestSchema>;

export const RankerInfoSchema = z.object({
  backend: z.enum(BACKENDS),
  modelId: z.string(),
  featureCount: z.number().int().positive(),
  learnedWeight: z.number().finite().min(0),
  /** personal weights in use (examples learnt from), 0 when scoring with the shipped model */
  personalExamples: z.number().int().min(0)
});
export type RankerInfo = z.infer<typeof RankerInfoSchema>;

export const RankResponseSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number().int(), type: z.literal('ready'), info: RankerInfoSchema }),
  z.object({ id: z.number().int(), type: z.literal('scores'), scores: floats }),
  z.object({ id: z.number().int(), type: z.literal('personal'), personal: PersonalWeightsSchema, distance: z.number().finite() }),
  z.object({ id: z.number().int(), type: z.literal('reset') }),
  z.object({ id: z.number().int(), type: z.literal('error'), message: z.string() })
]);
export type RankResponse = z.infer<typeof RankResponseSchema>;
