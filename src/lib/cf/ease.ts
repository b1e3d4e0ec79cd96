import { spdInverse } from './linalg';
import { assertGram, assertVector, type EaseModel, type Gram } from './model';

/**
 * EASE (Steck 2019) from the Gram matrix: P = (G + λI)⁻¹, B_ij = −P_ij / P_jj, B_ii = 0.
 * Dense n×n; meant for catalogues up to a few thousand items (n=3000 ≈ 72 MB while fitting).
 */
export function fitEase(gram: Gram, lambda: number): EaseModel {
  assertGram(gram);
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new Error(`ease: lambda must be a positive number, got ${lambda}`);
  const n = gram.n;
  const A = Float64Array.from(gram.data);
  for (let i = 0; i < n; i++) A[i * n + i] = A[i * n + i]! + lambda;
  const P = spdInverse(A, n);
  const invDiag = new Float64Array(n);
  for (let j = 0; j < n; j++) invDiag[j] = 1 / P[j * n + j]!;
  // B reuses P's storage
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j < n; j++) P[r + j] = i === j ? 0 : -P[r + j]! * invDiag[j]!;
  }
  return easeModel(gram.itemIds, lambda, P);
}

/** An EASE model from a ready B (e.g. decoded from a factors artifact). */
export function easeModel(itemIds: readonly string[], lambda: number, B: Float64Array | Float32Array): EaseModel {
  const n = itemIds.length;
  if (B.length !== n * n) throw new Error(`ease: B has ${B.length} entries, expected ${n * n}`);
  return {
    algo: 'ease',
    itemIds,
    lambda,
    B,
    score(x: Float64Array): Float64Array {
      assertVector(x, n);
      return denseRowCombination(B, n, x);
    }
  };
}

/** s = x·B for dense row-major B, skipping x's zeros: O(nnz(x)·n). */
export function denseRowCombination(B: Float64Array | Float32Array, n: number, x: Float64Array): Float64Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const r = i * n;
    for (let j = 0; j < n; j++) s[j] = s[j]! + xi * B[r + j]!;
  }
  return s;
}
