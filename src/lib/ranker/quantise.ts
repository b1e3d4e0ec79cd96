/**
 * Symmetric int8 weight quantisation: q = round(w / s) in [−127, 127], w ≈ q·s.
 *
 * Matrices get one scale per output column — a hidden unit with small incoming weights keeps its
 * precision instead of sharing the scale of the largest unit; vectors get one scale. The error per
 * weight is at most s/2.
 */
export interface Quantised {
  shape: number[];
  /** one per column of a matrix, one for a vector */
  scales: Float32Array;
  q: Int8Array;
}

const columnsOf = (shape: readonly number[]): number => (shape.length === 2 ? shape[1]! : 1);

export function quantise(values: Float32Array, shape: readonly number[]): Quantised {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`shape [${shape.join(', ')}] does not hold ${values.length} values`);
  const cols = columnsOf(shape);
  const maxAbs = new Float32Array(cols);
  values.forEach((v, i) => {
    const c = i % cols;
    maxAbs[c] = Math.max(maxAbs[c]!, Math.abs(v));
  });
  // an all-zero column keeps scale 1 so that de-quantising never divides by or multiplies with 0/0
  const scales = maxAbs.map((m) => (m > 0 ? m / 127 : 1));
  const q = Int8Array.from(values, (v, i) => Math.max(-127, Math.min(127, Math.round(v / scales[i % cols]!))));
  return { shape: [...shape], scales, q };
}

export function dequantise(t: Quantised): Float32Array {
  const cols = columnsOf(t.shape);
  if (t.scales.length !== cols) throw new Error(`expected ${cols} scales, got ${t.scales.length}`);
  return Float32Array.from(t.q, (v, i) => v * t.scales[i % cols]!);
}
