/**
 * The factors artifact the server publishes and the device loads:
 *   factors.json          the manifest (schema below; signed elsewhere as a `factors` envelope)
 *   factors-<sha256>.bin  the blob, little-endian:
 *     ease     dense B, n×n row-major                         (shape [n, n])
 *     puresvd  dense V, n×d row-major                         (shape [n, d])
 *     itemknn  CSR: rowPtr uint32[n+1], colIdx uint32[nnz], then values[nnz]  (shape [n, n])
 *     pop      diag(G), n                                     (shape [n])
 *   values are dtype (float16 by default, or float32) holding value / scale, `scale` a power of two
 *   (float16: chosen so the largest |value| uses the full float16 range; float32: 1).
 * Hashing is the caller's: pass a synchronous sha256 (node:crypto in the CLI); pure code here.
 */
import { z } from 'zod';
import { easeModel } from './ease';
import { fromHalfBits, halfScale, toHalfBits } from './float16';
import { itemKnnModel } from './itemknn';
import type { AnyCfModel } from './model';
import { popularityModel } from './popularity';
import { pureSvdModel } from './puresvd';

export const FACTORS_FORMAT = 'candor-factors';
export type FactorsDtype = 'float16' | 'float32';

const common = {
  format: z.literal(FACTORS_FORMAT),
  formatVersion: z.literal(1),
  dtype: z.enum(['float16', 'float32']),
  scale: z.number().positive().finite(),
  itemIds: z.array(z.string().min(1).max(128)).min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits'),
  bytes: z.number().int().min(0),
  catalogueVersion: z.number().int().min(0),
  created: z.iso.datetime({ offset: true })
};
const dim = z.number().int().min(1);

export const FactorsManifestSchema = z
  .discriminatedUnion('algo', [
    z.object({ ...common, algo: z.literal('ease'), lambda: z.number().positive().finite(), layout: z.literal('dense'), shape: z.tuple([dim, dim]) }),
    z.object({ ...common, algo: z.literal('puresvd'), dim, layout: z.literal('dense'), shape: z.tuple([dim, dim]) }),
    z.object({ ...common, algo: z.literal('itemknn'), neighbours: dim, layout: z.literal('csr'), shape: z.tuple([dim, dim]), nnz: z.number().int().min(0) }),
    z.object({ ...common, algo: z.literal('pop'), layout: z.literal('dense'), shape: z.tuple([dim]) })
  ])
  .superRefine((m, ctx) => {
    const n = m.itemIds.length;
    if (m.shape[0] !== n) ctx.addIssue({ code: 'custom', path: ['shape'], message: `shape[0] ${m.shape[0]} differs from ${n} item ids` });
    if (new Set(m.itemIds).size !== n) ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'item ids are not unique' });
    if ((m.algo === 'ease' || m.algo === 'itemknn') && m.shape[1] !== n)
      ctx.addIssue({ code: 'custom', path: ['shape'], message: `${m.algo} needs shape [n, n]` });
    if (m.algo === 'puresvd' && (m.shape[1] !== m.dim || m.dim > n))
      ctx.addIssue({ code: 'custom', path: ['shape'], message: 'puresvd needs shape [n, dim] with dim ≤ n' });
    if (m.bytes !== expectedBytes(m))
      ctx.addIssue({ code: 'custom', path: ['bytes'], message: `bytes ${m.bytes} does not match shape/dtype (${expectedBytes(m)})` });
  });
export type FactorsManifest = z.infer<typeof FactorsManifestSchema>;

type Layout = Pick<FactorsManifest, 'algo' | 'shape' | 'dtype'> & { nnz?: number };

function width(dtype: FactorsDtype): number {
  return dtype === 'float16' ? 2 : 4;
}

function expectedBytes(m: Layout): number {
  const w = width(m.dtype);
  const n = m.shape[0];
  if (m.algo === 'itemknn') return 4 * (n + 1) + (4 + w) * (m.nnz ?? 0);
  return w * m.shape.reduce((a, b) => a * b, 1);
}

export interface SerializeOptions {
  catalogueVersion: number;
  /** ISO-8601 */
  created: string;
  /** sha256 of the blob as lowercase hex (e.g. node:crypto createHash in the CLI) */
  sha256: (blob: Uint8Array) => string;
  dtype?: FactorsDtype;
}

export interface FactorsArtifact {
  manifest: FactorsManifest;
  blob: Uint8Array;
}

function writeValues(view: DataView, offset: number, values: ArrayLike<number>, dtype: FactorsDtype, scale: number): number {
  const inv = 1 / scale;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! * inv;
    if (!Number.isFinite(v)) throw new Error(`factors: value ${values[i]} at ${i} is not finite`);
    if (dtype === 'float16') {
      view.setUint16(offset, toHalfBits(v), true);
      offset += 2;
    } else {
      view.setFloat32(offset, v, true);
      offset += 4;
    }
  }
  return offset;
}

function readValues(view: DataView, offset: number, count: number, dtype: FactorsDtype, scale: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = (dtype === 'float16' ? fromHalfBits(view.getUint16(offset + 2 * i, true)) : view.getFloat32(offset + 4 * i, true)) * scale;
    // one NaN or infinity would poison every score it touches: refuse the artifact instead
    if (!Number.isFinite(v)) throw new Error(`factors: value ${i} is not a finite number`);
    out[i] = v;
  }
  return out;
}

export function serializeFactors(model: AnyCfModel, opts: SerializeOptions): FactorsArtifact {
  const dtype = opts.dtype ?? 'float16';
  const n = model.itemIds.length;
  const values = model.algo === 'ease' ? model.B : model.algo === 'puresvd' ? model.V : model.algo === 'itemknn' ? model.values : model.counts;
  const scale = dtype === 'float16' ? halfScale(values) : 1;
  const shape: [number] | [number, number] = model.algo === 'pop' ? [n] : model.algo === 'puresvd' ? [n, model.dim] : [n, n];
  const layout: Layout = { algo: model.algo, shape, dtype, ...(model.algo === 'itemknn' ? { nnz: model.colIdx.length } : {}) };
  const bytes = expectedBytes(layout);
  const blob = new Uint8Array(bytes);
  const view = new DataView(blob.buffer);
  let offset = 0;
  if (model.algo === 'itemknn') {
    for (const v of model.rowPtr) {
      view.setUint32(offset, v, true);
      offset += 4;
    }
    for (const v of model.colIdx) {
      view.setUint32(offset, v, true);
      offset += 4;
    }
  }
  offset = writeValues(view, offset, values, dtype, scale);
  if (offset !== bytes) throw new Error('factors: internal size mismatch');
  const base = {
    format: FACTORS_FORMAT,
    formatVersion: 1,
    dtype,
    scale,
    itemIds: [...model.itemIds],
    sha256: opts.sha256(blob),
    bytes,
    catalogueVersion: opts.catalogueVersion,
    created: opts.created
  };
  const raw =
    model.algo === 'ease'
      ? { ...base, algo: 'ease', lambda: model.lambda, layout: 'dense', shape }
      : model.algo === 'puresvd'
        ? { ...base, algo: 'puresvd', dim: model.dim, layout: 'dense', shape }
        : model.algo === 'itemknn'
          ? { ...base, algo: 'itemknn', neighbours: model.neighbours, layout: 'csr', shape, nnz: model.colIdx.length }
          : { ...base, algo: 'pop', layout: 'dense', shape };
  const parsed = FactorsManifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`factors: manifest invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { manifest: parsed.data, blob };
}

export interface DeserializeOptions {
  /** when given, the blob's digest must equal manifest.sha256 */
  sha256?: (blob: Uint8Array) => string;
}

/** Validate the manifest and blob and rebuild a scoring model (values as Float32Array). */
export function deserializeFactors(manifest: unknown, blob: Uint8Array, opts: DeserializeOptions = {}): AnyCfModel {
  const parsed = FactorsManifestSchema.safeParse(manifest);
  if (!parsed.success) throw new Error(`factors: manifest invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const m = parsed.data;
  if (blob.length !== m.bytes) throw new Error(`factors: blob has ${blob.length} bytes, manifest says ${m.bytes}`);
  if (opts.sha256 && opts.sha256(blob) !== m.sha256) throw new Error('factors: blob sha256 does not match the manifest');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const n = m.itemIds.length;
  switch (m.algo) {
    case 'ease':
      return easeModel(m.itemIds, m.lambda, readValues(view, 0, n * n, m.dtype, m.scale));
    case 'puresvd':
      return pureSvdModel(m.itemIds, m.dim, readValues(view, 0, n * m.dim, m.dtype, m.scale));
    case 'pop':
      return popularityModel(m.itemIds, readValues(view, 0, n, m.dtype, m.scale));
    case 'itemknn': {
      const rowPtr = new Uint32Array(n + 1);
      const colIdx = new Uint32Array(m.nnz);
      let offset = 0;
      for (let i = 0; i <= n; i++, offset += 4) rowPtr[i] = view.getUint32(offset, true);
      for (let i = 0; i < m.nnz; i++, offset += 4) colIdx[i] = view.getUint32(offset, true);
      if (rowPtr[0] !== 0 || rowPtr[n] !== m.nnz) throw new Error('factors: itemknn rowPtr does not span nnz');
      return itemKnnModel(m.itemIds, m.neighbours, rowPtr, colIdx, readValues(view, offset, m.nnz, m.dtype, m.scale));
    }
  }
}
