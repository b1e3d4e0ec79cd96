/**
 * Product vectors computed once, not on every device: the server (or the bank's release step,
 * `npm run vectors`) embeds each product's text with the embedding model the deployment offers and
 * publishes them, signed and bound to the catalogue version, like the CF factors:
 *
 *   vectors.json           the manifest (below; signed as a `vectors` envelope by the factors key)
 *   vectors-<sha256>.bin   n × dims float16, little-endian, row i the L2-normalised vector of itemIds[i]
 *
 * The device accepts them only for the catalogue version it uses, with a vector for every product it
 * has and none it lacks, from the model it runs (id, dims and weights' sha256) — otherwise it embeds
 * the catalogue itself. Pure: hashing is the caller's.
 */
import { z } from 'zod';
import { fromHalfBits, toHalfBits } from '../cf/float16';
import type { Result } from '../domain/validate';
import { formatIssues } from '../domain/validate';
import { ModelId, Sha256 } from './registry';

export const VECTORS_FORMAT = 'candor-vectors';

export const VectorsManifestSchema = z
  .object({
    format: z.literal(VECTORS_FORMAT),
    formatVersion: z.literal(1),
    /** the model that made them, and the sha256 of its weights file: another model's vectors mean nothing here */
    model: ModelId,
    modelSha256: Sha256,
    pooling: z.enum(['cls', 'mean']),
    dims: z.number().int().min(1).max(4096),
    dtype: z.literal('float16'),
    itemIds: z.array(z.string().min(1).max(128)).min(1),
    catalogueVersion: z.number().int().min(0),
    sha256: Sha256,
    bytes: z.number().int().min(0),
    created: z.iso.datetime({ offset: true })
  })
  .strict()
  .superRefine((m, ctx) => {
    if (new Set(m.itemIds).size !== m.itemIds.length) ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'item ids are not unique' });
    if (m.bytes !== m.itemIds.length * m.dims * 2)
      ctx.addIssue({ code: 'custom', path: ['bytes'], message: `bytes ${m.bytes} is not ${m.itemIds.length} × ${m.dims} float16` });
  });
export type VectorsManifest = z.infer<typeof VectorsManifestSchema>;

/** Product vectors ready for scoring: row i of `data` (length ids.length × dims) belongs to ids[i]. */
export interface ProductVectors {
  ids: string[];
  dims: number;
  data: Float32Array;
}

/** What the vectors must have been made by: the model the device runs. */
export interface VectorModelRef {
  id: string;
  dims: number;
  /** sha256 of the model's weights file */
  weightsSha256: string;
  pooling: 'cls' | 'mean';
}

export interface VectorsCatalogueRef {
  version: number;
  productIds: readonly string[];
}

export function encodeVectors(vectors: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(vectors.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < vectors.length; i++) view.setUint16(i * 2, toHalfBits(vectors[i] ?? 0), true);
  return out;
}

export function decodeVectors(blob: Uint8Array): Float32Array {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Float32Array(blob.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = fromHalfBits(view.getUint16(i * 2, true));
  return out;
}

/** The manifest and blob for `vectors` (row-major, one row per id). */
export function serializeVectors(
  v: ProductVectors,
  model: VectorModelRef,
  catalogueVersion: number,
  created: string,
  sha256: (bytes: Uint8Array) => string
): { manifest: VectorsManifest; blob: Uint8Array } {
  if (v.data.length !== v.ids.length * v.dims) throw new Error(`expected ${v.ids.length} × ${v.dims} numbers, got ${v.data.length}`);
  if (v.dims !== model.dims) throw new Error(`vectors of ${v.dims} numbers, but ${model.id} makes ${model.dims}`);
  const blob = encodeVectors(v.data);
  const manifest = VectorsManifestSchema.parse({
    format: VECTORS_FORMAT,
    formatVersion: 1,
    model: model.id,
    modelSha256: model.weightsSha256,
    pooling: model.pooling,
    dims: v.dims,
    dtype: 'float16',
    itemIds: v.ids,
    catalogueVersion,
    sha256: sha256(blob),
    bytes: blob.byteLength,
    created
  });
  return { manifest, blob };
}

/**
 * Accept published vectors for one catalogue and one model, or say why not. The blob's sha256 is
 * checked by the caller against the signed manifest first (verifyBlob in signing); here: the shape,
 * the model, the catalogue version, the product ids (exactly the catalogue's) and finite, unit-length rows.
 */
export function acceptVectors(manifest: unknown, blob: Uint8Array, catalogue: VectorsCatalogueRef, model: VectorModelRef): Result<ProductVectors> {
  const m = VectorsManifestSchema.safeParse(manifest);
  if (!m.success) return { ok: false, error: `vectors: ${formatIssues(m.error)}` };
  const v = m.data;
  if (v.model !== model.id || v.modelSha256 !== model.weightsSha256)
    return {
      ok: false,
      error: `vectors: made by ${v.model} (${v.modelSha256.slice(0, 12)}…), but the model here is ${model.id} (${model.weightsSha256.slice(0, 12)}…)`
    };
  if (v.pooling !== model.pooling) return { ok: false, error: `vectors: ${v.pooling} pooling, but ${model.id} uses ${model.pooling}` };
  if (v.dims !== model.dims) return { ok: false, error: `vectors: ${v.dims} dimensions, but ${model.id} makes ${model.dims}` };
  if (v.catalogueVersion !== catalogue.version)
    return { ok: false, error: `vectors: made for catalogue v${v.catalogueVersion}, but the catalogue in use is v${catalogue.version}` };
  if (blob.byteLength !== v.bytes) return { ok: false, error: `vectors: the blob is ${blob.byteLength} bytes, the manifest says ${v.bytes}` };
  const have = new Set(v.itemIds);
  const missing = catalogue.productIds.filter((id) => !have.has(id));
  const known = new Set(catalogue.productIds);
  const extra = v.itemIds.filter((id) => !known.has(id));
  if (missing.length > 0 || extra.length > 0) {
    return {
      ok: false,
      error: `vectors: ${missing.length} product(s) without a vector, ${extra.length} vector(s) for products not in the catalogue${missing[0] ? `, e.g. "${missing[0]}"` : extra[0] ? `, e.g. "${extra[0]}"` : ''}`
    };
  }
  const data = decodeVectors(blob);
  for (let i = 0; i < v.itemIds.length; i++) {
    let norm = 0;
    for (let k = 0; k < v.dims; k++) {
      const x = data[i * v.dims + k]!;
      if (!Number.isFinite(x)) return { ok: false, error: `vectors: a value of "${v.itemIds[i]}" is not finite` };
      norm += x * x;
    }
    // float16 keeps about three digits: a unit vector comes back within 1 % of length 1
    if (Math.abs(Math.sqrt(norm) - 1) > 0.01)
      return { ok: false, error: `vectors: the vector of "${v.itemIds[i]}" is not unit length (${Math.sqrt(norm).toFixed(3)})` };
  }
  return { ok: true, value: { ids: v.itemIds, dims: v.dims, data } };
}

/** The rows of `vectors` in the order of `ids` (the vectors' ids must cover them). */
export function vectorsFor(vectors: ProductVectors, ids: readonly string[]): Float32Array {
  const row = new Map(vectors.ids.map((id, i) => [id, i]));
  const out = new Float32Array(ids.length * vectors.dims);
  ids.forEach((id, i) => {
    const r = row.get(id);
    if (r === undefined) throw new Error(`no vector for "${id}"`);
    out.set(vectors.data.subarray(r * vectors.dims, (r + 1) * vectors.dims), i * vectors.dims);
  });
  return out;
}
