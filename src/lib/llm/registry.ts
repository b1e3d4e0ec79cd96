import { z } from 'zod';

/**
 * The model registry (models/registry.json): every model Candor knows how to run, where it comes
 * from and what its files are. Pure: read by the `models` CLI, the tests and, through the
 * deployment index (deployment.ts), the app.
 */

export const MODEL_ROLES = ['embed', 'instruct'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** transformers.js dtypes; each picks an ONNX file suffix (q8 -> model_quantized.onnx, q4f16 -> model_q4f16.onnx) */
export const DTYPES = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'] as const;

const TASK_OF_ROLE = { embed: 'feature-extraction', instruct: 'text-generation' } as const satisfies Record<ModelRole, string>;

export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, dots and dashes');
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256');
/** a path inside a model folder: relative, no `..`, no odd characters */
export const ModelPath = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/, 'a relative path without ".." or odd characters')
  .refine((p) => !p.split('/').includes('..'), 'no ".." segments');

export const RegistryFileSchema = z
  .object({
    path: ModelPath,
    bytes: z.number().int().positive(),
    /** false when `bytes` is the rounded size a hub's file listing shows, not the exact length */
    bytesExact: z.boolean(),
    /**
     * null when no authoritative checksum could be read offline: `models fetch` then pins the
     * checksum of the first download in models/registry.lock.json and refuses any other later.
     */
    sha256: Sha256.nullable()
  })
  .strict();
export type RegistryFile = z.infer<typeof RegistryFileSchema>;

const HubSource = z
  .object({
    kind: z.literal('huggingface'),
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    /** a commit hash where one is known, else a branch (then the lock file pins the bytes) */
    revision: z.string().min(1),
    url: z.url()
  })
  .strict();
const GeneratedSource = z.object({ kind: z.literal('generated'), script: z.string().min(1) }).strict();
/**
 * Committed to the repository (models/bundled/ID) and served by the app itself, so a fresh clone
 * offers it with no download from anywhere else; `upstream` and `via` say where the bytes came from.
 */
const BundledSource = z
  .object({ kind: z.literal('bundled'), dir: z.string().regex(/^models\/bundled\/[a-z0-9][a-z0-9.-]*$/), upstream: z.url(), via: z.string().min(1) })
  .strict();

/** How token vectors become one sentence vector: the first token's (BERT's [CLS]) or the mean over tokens. */
export const POOLINGS = ['cls', 'mean'] as const;
export type Pooling = (typeof POOLINGS)[number];

export const RegistryEntrySchema = z
  .object({
    id: ModelId,
    role: z.enum(MODEL_ROLES),
    task: z.enum(['feature-extraction', 'text-generation']),
    dtype: z.enum(DTYPES),
    licence: z.string().min(1),
    description: z.string().min(1),
    source: z.discriminatedUnion('kind', [HubSource, GeneratedSource, BundledSource]),
    /** text put before queries and passages (e5: "query: " / "passage: "; bge: an instruction before queries only) */
    prefixes: z.object({ query: z.string(), passage: z.string() }).strict().optional(),
    /** embedding models: the pooling the model card prescribes (default mean) and the vector length */
    pooling: z.enum(POOLINGS).optional(),
    dims: z.number().int().positive().optional(),
    files: z.array(RegistryFileSchema).min(1)
  })
  .strict()
  .refine((e) => e.task === TASK_OF_ROLE[e.role], { message: 'task does not fit role', path: ['task'] })
  .refine((e) => new Set(e.files.map((f) => f.path)).size === e.files.length, { message: 'duplicate file path', path: ['files'] })
  .refine((e) => e.source.kind === 'huggingface' || e.files.every((f) => f.bytesExact && f.sha256 !== null), {
    message: 'a generated or bundled model is fixed bytes: pin exact sizes and checksums',
    path: ['files']
  })
  .refine((e) => e.source.kind !== 'bundled' || e.source.dir === `models/bundled/${e.id}`, {
    message: 'a bundled model lives in models/bundled/<id>',
    path: ['source', 'dir']
  });
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

export const RegistrySchema = z
  .object({ version: z.literal(1), models: z.array(RegistryEntrySchema) })
  .strict()
  .refine((r) => new Set(r.models.map((m) => m.id)).size === r.models.length, { message: 'duplicate model id', path: ['models'] });
export type Registry = z.infer<typeof RegistrySchema>;

export function findModel(registry: Registry, id: string): RegistryEntry | undefined {
  return registry.models.find((m) => m.id === id);
}

/** Where a hub file is downloaded from; `mirror` replaces the hub for a bank's internal copy. */
export function fileUrl(entry: RegistryEntry, path: string, mirror?: string): string {
  if (entry.source.kind === 'generated') throw new Error(`${entry.id} is generated, not downloaded (${entry.source.script})`);
  if (entry.source.kind === 'bundled') throw new Error(`${entry.id} is bundled in ${entry.source.dir} and served by the app, not downloaded`);
  const base = mirror ?? 'https://huggingface.co/';
  return new URL(`${entry.source.repo}/resolve/${encodeURIComponent(entry.source.revision)}/${path}`, base.endsWith('/') ? base : `${base}/`).href;
}
