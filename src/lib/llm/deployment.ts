import { z } from 'zod';
import { DTYPES, MODEL_ROLES, ModelId, ModelPath, POOLINGS, Sha256, type ModelRole, type RegistryEntry } from './registry';

/**
 * What this deployment serves under /models/: `static/models/index.json`, written by `npm run models`
 * as models are fetched or generated. The app reads it (the only thing it reads before the person
 * opts in) to know whether a model is on offer and how many bytes the download is; every size and
 * checksum here is exact, taken from the files themselves.
 */

export const INDEX_PATH = 'index.json';

export const InstalledFileSchema = z.object({ path: ModelPath, bytes: z.number().int().nonnegative(), sha256: Sha256 }).strict();

export const InstalledModelSchema = z
  .object({
    id: ModelId,
    role: z.enum(MODEL_ROLES),
    task: z.enum(['feature-extraction', 'text-generation']),
    dtype: z.enum(DTYPES),
    prefixes: z.object({ query: z.string(), passage: z.string() }).strict().optional(),
    pooling: z.enum(POOLINGS).optional(),
    dims: z.number().int().positive().optional(),
    files: z.array(InstalledFileSchema).min(1)
  })
  .strict();
export type InstalledModel = z.infer<typeof InstalledModelSchema>;

export const DeploymentIndexSchema = z
  .object({
    version: z.literal(1),
    /** the model offered for each role; the app downloads exactly these when the person opts in */
    offered: z.object({ embed: ModelId.nullable(), instruct: ModelId.nullable() }).strict(),
    models: z.array(InstalledModelSchema)
  })
  .strict()
  .refine((ix) => MODEL_ROLES.every((r) => ix.offered[r] === null || ix.models.some((m) => m.id === ix.offered[r] && m.role === r)), {
    message: 'an offered model is missing or has another role',
    path: ['offered']
  });
export type DeploymentIndex = z.infer<typeof DeploymentIndexSchema>;

export const EMPTY_INDEX: DeploymentIndex = { version: 1, offered: { embed: null, instruct: null }, models: [] };

/** The models the person would download on opting in, embed first. */
export function offeredModels(index: DeploymentIndex): InstalledModel[] {
  return MODEL_ROLES.flatMap((role) => {
    const id = index.offered[role];
    const m = id === null ? undefined : index.models.find((x) => x.id === id);
    return m ? [m] : [];
  });
}

export function totalBytes(models: readonly InstalledModel[]): number {
  return models.reduce((sum, m) => sum + m.files.reduce((s, f) => s + f.bytes, 0), 0);
}

/**
 * Add (or replace) an installed model. It becomes the offered one for its role when `offer` is set
 * or when nothing is offered for that role yet.
 */
export function withInstalled(
  index: DeploymentIndex,
  entry: RegistryEntry,
  files: readonly z.infer<typeof InstalledFileSchema>[],
  offer: boolean
): DeploymentIndex {
  const model: InstalledModel = {
    id: entry.id,
    role: entry.role,
    task: entry.task,
    dtype: entry.dtype,
    ...(entry.prefixes ? { prefixes: entry.prefixes } : {}),
    ...(entry.pooling ? { pooling: entry.pooling } : {}),
    ...(entry.dims ? { dims: entry.dims } : {}),
    files: [...files]
  };
  const role: ModelRole = entry.role;
  const offered = { ...index.offered, ...(offer || index.offered[role] === null ? { [role]: entry.id } : {}) };
  return DeploymentIndexSchema.parse({ version: 1, offered, models: [...index.models.filter((m) => m.id !== entry.id), model] });
}

/**
 * The index of the models committed to the repository (registry source `bundled`): what a fresh
 * clone offers with no `npm run models` step. The first bundled embedding model is the offered one.
 */
export function bundledIndex(registry: { models: readonly RegistryEntry[] }): DeploymentIndex {
  let index = EMPTY_INDEX;
  for (const entry of registry.models) {
    if (entry.source.kind !== 'bundled') continue;
    const files = entry.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 ?? '' }));
    index = withInstalled(index, entry, files, false);
  }
  return index;
}
