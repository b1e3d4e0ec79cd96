import { symmetricEigenFull, symmetricEigenTop, type Eigen } from './linalg';
import { assertGram, assertVector, type Gram, type PureSvdModel } from './model';

/**
 * Up to this many items (or when d is not much smaller than n) the full symmetric decomposition
 * (ml-matrix) is cheap and resolves repeated eigenvalues exactly; above it Lanczos (linalg.ts)
 * wins by far for d ≪ n (n=1000, d=64: ~1 s against ~6.5 s; n=3000 the full EVD takes minutes).
 */
const FULL_EVD_MAX_N = 200;

/** Top-d eigenpairs of G (descending); exposed so a tuner can decompose once at the largest d. */
export function gramEigen(gram: Gram, d: number): Eigen {
  assertGram(gram);
  const n = gram.n;
  if (!Number.isInteger(d) || d < 1 || d > n) throw new Error(`puresvd: dim must be an integer in 1..${n}, got ${d}`);
  if (n <= FULL_EVD_MAX_N || 3 * d >= n) return symmetricEigenFull(gram.data, n, d);
  return symmetricEigenTop(gram.data, n, d);
}

/**
 * PureSVD-style item factors: V = top-d eigenvectors of G (= right singular vectors of X),
 * scores s = (x·V)·Vᵀ.
 */
export function fitPureSvd(gram: Gram, dim: number): PureSvdModel {
  return pureSvdFromEigen(gram.itemIds, gramEigen(gram, dim), dim);
}

/** A PureSVD model from the first `dim` columns of an eigendecomposition with ≥ dim columns. */
export function pureSvdFromEigen(itemIds: readonly string[], eig: Eigen, dim: number): PureSvdModel {
  const n = itemIds.length;
  if (dim > eig.d) throw new Error(`puresvd: dim ${dim} exceeds the ${eig.d} eigenvectors available`);
  const V = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let c = 0; c < dim; c++) V[i * dim + c] = eig.vectors[i * eig.d + c]!;
  return pureSvdModel(itemIds, dim, V, eig.values.slice(0, dim));
}

export function pureSvdModel(itemIds: readonly string[], dim: number, V: Float64Array | Float32Array, eigenvalues = new Float64Array(0)): PureSvdModel {
  const n = itemIds.length;
  if (V.length !== n * dim) throw new Error(`puresvd: V has ${V.length} entries, expected ${n}×${dim}`);
  return {
    algo: 'puresvd',
    itemIds,
    dim,
    V,
    eigenvalues,
    score(x: Float64Array): Float64Array {
      assertVector(x, n);
      const u = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        if (xi === 0) continue;
        const r = i * dim;
        for (let c = 0; c < dim; c++) u[c] = u[c]! + xi * V[r + c]!;
      }
      const s = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const r = j * dim;
        let v = 0;
        for (let c = 0; c < dim; c++) v += V[r + c]! * u[c]!;
        s[j] = v;
      }
      return s;
    }
  };
}
