/**
 * The shipped model file (models/ranker/ranker.json): int8 weights with their scales, in base64,
 * plus the feature names it was trained on — a model is refused by code whose features differ,
 * since the rows would no longer mean what the weights expect.
 *
 * `id` is a hash of the dimensions and the quantised bytes: personal (fine-tuned) weights on the
 * device record the id they started from and are dropped when a new model ships.
 */
import { z } from 'zod';
import { fromBase64, toBase64 } from '../common/base64';
import { fnv1aStep, FNV_OFFSET } from '../common/hash';
import { shapeOf, TENSOR_NAMES, type TensorName, type Weights } from './model';
import { dequantise, quantise, type Quantised } from './quantise';

export const ARTIFACT_FORMAT = 'candor-ranker';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const TensorSchema = z.object({
  shape: z.array(z.number().int().positive()).min(1).max(2),
  scales: z.array(z.number().finite().positive()),
  q: base64
});

export const RankerArtifactSchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f]{8}$/),
  features: z.array(z.string().min(1)).min(1),
  hidden: z.number().int().positive().max(1024),
  tensors: z.object({ w1: TensorSchema, b1: TensorSchema, w2: TensorSchema, b2: TensorSchema }),
  /** how much the engine should trust the model's opinion (RecommendInput.learnedWeight), tuned offline */
  learnedWeight: z.number().finite().min(0),
  /** how it was trained and how it did, for people reading the file */
  provenance: z.record(z.string(), z.json())
});
export type RankerArtifact = z.infer<typeof RankerArtifactSchema>;

/** FNV-1a over the dimensions and every tensor's int8 bytes, as 8 hex digits. */
function modelId(inputDim: number, hidden: number, qs: readonly Quantised[]): string {
  let h = FNV_OFFSET;
  const mix = (byte: number): void => {
    h = fnv1aStep(h, byte & 0xff);
  };
  for (const n of [inputDim, hidden]) for (let i = 0; i < 4; i++) mix(n >>> (8 * i));
  for (const t of qs) for (const v of t.q) mix(v);
  return h.toString(16).padStart(8, '0');
}

export function serialiseArtifact(
  w: Weights,
  features: readonly string[],
  meta: { learnedWeight: number; provenance: RankerArtifact['provenance'] }
): RankerArtifact {
  if (features.length !== w.inputDim) throw new Error(`${features.length} feature names for a ${w.inputDim}-wide model`);
  const qs = TENSOR_NAMES.map((name) => quantise(w[name], shapeOf(name, w)));
  const tensors = Object.fromEntries(
    TENSOR_NAMES.map((name, i) => {
      const t = qs[i]!;
      return [name, { shape: t.shape, scales: [...t.scales], q: toBase64(new Uint8Array(t.q.buffer, t.q.byteOffset, t.q.byteLength)) }];
    })
  ) as RankerArtifact['tensors'];
  return {
    format: ARTIFACT_FORMAT,
    version: 1,
    id: modelId(w.inputDim, w.hidden, qs),
    features: [...features],
    hidden: w.hidden,
    tensors,
    learnedWeight: meta.learnedWeight,
    provenance: meta.provenance
  };
}

/**
 * Validate a model file against `features` (the code's feature names) and de-quantise it.
 * Throws with a message naming what is wrong.
 */
export function parseArtifact(raw: unknown, features: readonly string[]): { artifact: RankerArtifact; weights: Weights } {
  const artifact = RankerArtifactSchema.parse(raw);
  if (artifact.features.length !== features.length || artifact.features.some((f, i) => f !== features[i])) {
    throw new Error(`the model was trained on other features (${artifact.features.length} vs ${features.length})`);
  }
  const dims = { inputDim: features.length, hidden: artifact.hidden };
  const qs: Quantised[] = [];
  const values = {} as Record<TensorName, Float32Array>;
  for (const name of TENSOR_NAMES) {
    const t = artifact.tensors[name];
    const shape = shapeOf(name, dims);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`${name}: shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
    const bytes = fromBase64(t.q);
    if (!bytes) throw new Error(`${name}: q is not standard padded base64`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== size) throw new Error(`${name}: ${bytes.length} bytes, expected ${size}`);
    const q: Quantised = { shape, scales: Float32Array.from(t.scales), q: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
    qs.push(q);
    values[name] = dequantise(q);
  }
  if (modelId(dims.inputDim, dims.hidden, qs) !== artifact.id) throw new Error('the model id does not match its weights');
  return { artifact, weights: { ...dims, ...values } };
}
