import { z } from 'zod';
import { IntentSchema } from '../domain/intent';
import { InstalledModelSchema } from './deployment';
import { MODEL_ROLES } from './registry';

/**
 * Messages between the page and workers/llm.worker.ts. Both sides parse what they receive with
 * these schemas: a message that does not fit is answered (or dropped) as an error, never trusted.
 * Every request carries an id; every reply names the request it answers.
 */

export const DEVICES = ['webgpu', 'wasm', 'cpu'] as const;
export type Device = (typeof DEVICES)[number];

const Id = z.number().int().nonnegative();
export const MAX_TEXTS = 5000;
export const MAX_TEXT_CHARS = 4000;

export const ExplainItemSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** short statements the explanation may use, and nothing else: "risk R2", "term 12 months"… */
    facts: z.array(z.string().min(1).max(200)).min(1).max(12)
  })
  .strict();
export type ExplainItem = z.infer<typeof ExplainItemSchema>;

export const LlmRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), id: Id, models: z.array(InstalledModelSchema).min(1).max(MODEL_ROLES.length) }).strict(),
  z
    .object({
      type: z.literal('embed'),
      id: Id,
      kind: z.enum(['query', 'passage']),
      texts: z.array(z.string().max(MAX_TEXT_CHARS)).min(1).max(MAX_TEXTS)
    })
    .strict(),
  z.object({ type: z.literal('intent'), id: Id, text: z.string().min(1).max(500) }).strict(),
  z.object({ type: z.literal('explain'), id: Id, locale: z.enum(['zh-CN', 'en']), items: z.array(ExplainItemSchema).min(1).max(5) }).strict(),
  /** stop request `target`: it is answered with a `cancelled` error and its result, if any, dropped */
  z.object({ type: z.literal('cancel'), id: Id, target: Id }).strict()
]);
export type LlmRequest = z.infer<typeof LlmRequestSchema>;
/** one kind of request, for the functions that handle it */
export type LlmRequestOf<T extends LlmRequest['type']> = Extract<LlmRequest, { type: T }>;

export const ERROR_CODES = ['bad-request', 'not-loaded', 'unavailable', 'invalid-output', 'cancelled', 'failed'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const LlmReplySchema = z.discriminatedUnion('type', [
  /** aggregate download progress over every file of every model being loaded */
  z.object({ type: z.literal('progress'), id: Id, loaded: z.number().nonnegative(), total: z.number().nonnegative() }).strict(),
  z.object({ type: z.literal('loaded'), id: Id, device: z.enum(DEVICES), roles: z.array(z.enum(MODEL_ROLES)) }).strict(),
  z
    .object({ type: z.literal('embeddings'), id: Id, dims: z.number().int().positive(), data: z.instanceof(Float32Array) })
    .strict()
    .refine((r) => r.data.length % r.dims === 0, 'data is not a whole number of vectors'),
  z.object({ type: z.literal('intent'), id: Id, intent: IntentSchema.strict() }).strict(),
  z.object({ type: z.literal('explanation'), id: Id, text: z.string().min(1).max(1200) }).strict(),
  z.object({ type: z.literal('error'), id: Id, code: z.enum(ERROR_CODES), message: z.string() }).strict()
]);
export type LlmReply = z.infer<typeof LlmReplySchema>;
