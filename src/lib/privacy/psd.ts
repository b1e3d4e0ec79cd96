/**
 * Making an estimated Gram matrix fit to train on. Ĝ from LDP reports is unbiased but noisy, and
 * the noise makes it indefinite (negative eigenvalues), which EASE's Cholesky of Ĝ + λI cannot take
 * when λ is below |λ_min|. The nearest positive-semidefinite matrix in Frobenius norm keeps Ĝ's
 * eigenvectors and clips negative eigenvalues to 0 (Higham 1988). It is biased (it only removes
 * noise mass), so keep the raw Ĝ for counts and use this only as the trainer's input.
 *
 * Server/CLI only (imports ml-matrix through src/lib/cf): not re-exported from ./index.
 */
import { symmetricEigenFull } from '../cf/linalg';
import type { Gram } from '../cf/model';

export interface PsdResult {
  readonly gram: Gram;
  /** smallest eigenvalue of the input */
  readonly minEigenvalue: number;
  /** how many eigenvalues were clipped */
  readonly clipped: number;
}

export function nearestPsd(gram: Gram): PsdResult {
  const n = gram.n;
  if (n === 0) return { gram, minEigenvalue: 0, clipped: 0 };
  const { values, vectors } = symmetricEigenFull(gram.data, n, n);
  const data = new Float64Array(n * n);
  let clipped = 0;
  for (let c = 0; c < n; c++) {
    const lam = values[c]!;
    if (lam <= 0) {
      clipped++;
      continue;
    }
    for (let i = 0; i < n; i++) {
      const vi = vectors[i * n + c]! * lam;
      if (vi === 0) continue;
      const row = i * n;
      for (let j = i; j < n; j++) data[row + j] = data[row + j]! + vi * vectors[j * n + c]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j]!;
  return { gram: { itemIds: [...gram.itemIds], n, data }, minEigenvalue: values[n - 1]!, clipped };
}
