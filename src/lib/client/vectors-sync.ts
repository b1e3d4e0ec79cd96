import { z } from 'zod';
import type { Catalogue } from '../domain';
import { acceptVectors, decodeVectors, encodeVectors, type ProductVectors, type VectorModelRef } from '../llm/vectors';
import { verifyBlob, verifyEnvelope } from '../documents';
import type { CandorDB } from './db';
import { fetchLimited, FetchLimitError, type FetchLimits } from './fetch-limited';
import type { TrustedRoot } from './trust';

/**
 * The products' vectors for semantic search on the device. Published ones are verified like the
 * factors — signature against the pinned root, catalogue version, the blob's size and sha256 from
 * the signed manifest, then acceptVectors: this model, this catalogue's products, unit rows — and
 * kept in the `factors` table beside them. A catalogue with none published (or none that verify)
 * is embedded on the device by the caller and kept here too, so it is done once per catalogue
 * version and model. Every read is checked again: a row for another model, catalogue version or
 * product list is not used.
 */

const VECTORS_KEY = 'vectors';

const StoredVectors = z.object({
  source: z.enum(['published', 'device']),
  /** the signed document's version (published), 0 for vectors made here */
  version: z.number().int().min(0),
  catalogueVersion: z.number().int().min(0),
  model: z.string(),
  modelSha256: z.string(),
  ids: z.array(z.string()).min(1),
  dims: z.number().int().positive(),
  /** float16, as published */
  blob: z.instanceof(Uint8Array)
});
type StoredVectors = z.infer<typeof StoredVectors>;

export type VectorsStatus =
  | { state: 'published'; version: number }
  | { state: 'device' }
  /** nothing usable: the caller embeds the catalogue; `refused` when the server's did not verify */
  | { state: 'none'; error: string; refused: boolean };

export interface LoadedVectors {
  vectors: ProductVectors | null;
  status: VectorsStatus;
}

const refOf = (catalogue: Catalogue) => ({ version: catalogue.version ?? 0, productIds: catalogue.products.map((p) => p.id) });

function fromRow(row: StoredVectors, catalogue: Catalogue, model: VectorModelRef): ProductVectors | null {
  const ref = refOf(catalogue);
  if (row.model !== model.id || row.modelSha256 !== model.weightsSha256 || row.dims !== model.dims || row.catalogueVersion !== ref.version) return null;
  if (row.ids.length !== ref.productIds.length || row.blob.byteLength !== row.ids.length * row.dims * 2) return null;
  const have = new Set(row.ids);
  if (!ref.productIds.every((id) => have.has(id))) return null;
  return { ids: row.ids, dims: row.dims, data: decodeVectors(row.blob) };
}

/** The vectors kept on this device that fit the catalogue and the model, or null. */
export async function cachedVectors(db: CandorDB, catalogue: Catalogue, model: VectorModelRef): Promise<LoadedVectors | null> {
  const row = StoredVectors.safeParse(await db.factors.get(VECTORS_KEY));
  if (!row.success) return null;
  const vectors = fromRow(row.data, catalogue, model);
  if (!vectors) return null;
  return { vectors, status: row.data.source === 'published' ? { state: 'published', version: row.data.version } : { state: 'device' } };
}

async function keep(db: CandorDB, row: StoredVectors): Promise<void> {
  try {
    await db.factors.put(row, VECTORS_KEY);
  } catch (e) {
    // storage full: the vectors are still used now, and made or fetched again next time
    console.warn('the product vectors could not be kept on this device:', e);
  }
}

/** Keep vectors embedded on this device for the catalogue, so it is done once. */
export async function keepDeviceVectors(db: CandorDB, catalogue: Catalogue, model: VectorModelRef, vectors: ProductVectors): Promise<void> {
  await keep(db, {
    source: 'device',
    version: 0,
    catalogueVersion: catalogue.version ?? 0,
    model: model.id,
    modelSha256: model.weightsSha256,
    ids: vectors.ids,
    dims: vectors.dims,
    blob: encodeVectors(vectors.data)
  });
}

/**
 * Fetch and verify the published vectors; on any failure say why (the caller then embeds on the
 * device). A published copy already kept for this catalogue and model is used without a request.
 */
export async function syncVectors(
  db: CandorDB,
  fetchImpl: typeof fetch,
  now: Date,
  root: TrustedRoot,
  catalogue: Catalogue,
  model: VectorModelRef,
  limits: Partial<FetchLimits> = {}
): Promise<LoadedVectors> {
  const kept = await cachedVectors(db, catalogue, model);
  if (kept?.status.state === 'published') return kept;
  const ref = refOf(catalogue);
  try {
    if (!root.ok) throw new Error(root.error);
    const res = await fetchLimited(fetchImpl, '/api/vectors', limits);
    if (!res.ok) throw new Error(`vectors: HTTP ${res.status}`);
    const verified = await verifyEnvelope(res.bytes, { root: root.root, type: 'vectors', now, catalogueVersion: ref.version });
    if (!verified.ok) return { vectors: null, status: { state: 'none', error: `${verified.code}: ${verified.error}`, refused: true } };
    const manifest = verified.signed.manifest;
    // the signed manifest says how big the blob is: not a byte more is read
    const blobRes = await fetchLimited(fetchImpl, `/api/vectors/${manifest.sha256}.bin`, { ...limits, maxBytes: manifest.bytes }, 'application/octet-stream');
    if (!blobRes.ok) throw new Error(`vectors blob: HTTP ${blobRes.status}`);
    const digest = await verifyBlob(manifest, blobRes.bytes);
    if (!digest.ok) return { vectors: null, status: { state: 'none', error: `${digest.code}: ${digest.error}`, refused: true } };
    const accepted = acceptVectors(manifest, blobRes.bytes, ref, model);
    if (!accepted.ok) return { vectors: null, status: { state: 'none', error: accepted.error, refused: true } };
    await keep(db, {
      source: 'published',
      version: verified.version,
      catalogueVersion: ref.version,
      model: model.id,
      modelSha256: model.weightsSha256,
      ids: accepted.value.ids,
      dims: accepted.value.dims,
      blob: new Uint8Array(blobRes.bytes)
    });
    return { vectors: accepted.value, status: { state: 'published', version: verified.version } };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    if (kept) return kept;
    return { vectors: null, status: { state: 'none', error, refused: e instanceof FetchLimitError && e.code === 'too_large' } };
  }
}
