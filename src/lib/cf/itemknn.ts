import { assertGram, assertVector, type Gram, type ItemKnnModel } from './model';

export const DEFAULT_NEIGHBOURS = 50;

/**
 * Item-kNN: cosine sim_ij = G_ij / sqrt(G_ii·G_jj) (0 when either item was never seen), diagonal
 * zero; row i keeps its `neighbours` largest positive similarities (ties: lower index first).
 */
export function fitItemKnn(gram: Gram, neighbours = DEFAULT_NEIGHBOURS): ItemKnnModel {
  assertGram(gram);
  if (!Number.isInteger(neighbours) || neighbours < 1) throw new Error(`itemknn: neighbours must be a positive integer, got ${neighbours}`);
  const n = gram.n;
  const g = gram.data;
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = g[i * n + i]!;
    norm[i] = d > 0 ? 1 / Math.sqrt(d) : 0;
  }
  const keep = Math.min(neighbours, Math.max(0, n - 1));
  const rowPtr = new Uint32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const sim = new Float64Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    order.length = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) {
      const s = j === i ? 0 : g[r + j]! * norm[i]! * norm[j]!;
      sim[j] = s;
      if (s > 0) order.push(j);
    }
    order.sort((p, q) => sim[q]! - sim[p]! || p - q);
    const top = order.slice(0, keep).sort((p, q) => p - q);
    for (const j of top) {
      cols.push(j);
      vals.push(sim[j]!);
    }
    rowPtr[i + 1] = cols.length;
  }
  return itemKnnModel(gram.itemIds, neighbours, rowPtr, Uint32Array.from(cols), Float64Array.from(vals));
}

/** A model from a similarity matrix already cut to top-N (CSR). */
export function itemKnnModel(
  itemIds: readonly string[],
  neighbours: number,
  rowPtr: Uint32Array,
  colIdx: Uint32Array,
  values: Float64Array | Float32Array
): ItemKnnModel {
  const n = itemIds.length;
  if (rowPtr.length !== n + 1) throw new Error(`itemknn: rowPtr has ${rowPtr.length} entries, expected ${n + 1}`);
  const nnz = rowPtr[n]!;
  if (colIdx.length !== nnz || values.length !== nnz) throw new Error('itemknn: colIdx/values length differs from rowPtr[n]');
  for (let i = 0; i < n; i++) if (rowPtr[i]! > rowPtr[i + 1]!) throw new Error('itemknn: rowPtr is not non-decreasing');
  for (let k = 0; k < nnz; k++) if (colIdx[k]! >= n) throw new Error('itemknn: column index out of range');
  return {
    algo: 'itemknn',
    itemIds,
    neighbours,
    rowPtr,
    colIdx,
    values,
    score(x: Float64Array): Float64Array {
      assertVector(x, n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        if (xi === 0) continue;
        for (let k = rowPtr[i]!, end = rowPtr[i + 1]!; k < end; k++) {
          const j = colIdx[k]!;
          s[j] = s[j]! + xi * values[k]!;
        }
      }
      return s;
    }
  };
}
