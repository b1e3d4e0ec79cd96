/**
 * Common types for collaborative filtering from the item Gram matrix.
 *
 * Privacy: every model here is fitted from G = XᵀX (item–item co-occurrence), which aggregated
 * locally-randomised reports can estimate; no fit ever needs one person's row of X. Scoring runs
 * on the person's device from their own interaction vector x (length n, indexed like `itemIds`).
 */

export type CfAlgo = 'ease' | 'puresvd' | 'itemknn' | 'pop';
export const CF_ALGOS: readonly CfAlgo[] = ['ease', 'puresvd', 'itemknn', 'pop'];

/** A dense symmetric n×n item Gram matrix, row-major; `itemIds[i]` names row/column i. */
export interface Gram {
  readonly itemIds: readonly string[];
  readonly n: number;
  readonly data: Float64Array;
}

/** The common face of every model: one score per item for an interaction vector x. */
export interface CfModel {
  readonly algo: CfAlgo;
  readonly itemIds: readonly string[];
  /**
   * Scores for every item (length n). Items already in x are NOT removed here: the caller
   * (engine, evaluator) excludes them. x is never copied or kept.
   */
  score(x: Float64Array): Float64Array;
}

/** EASE (Steck 2019): s = x·B, B dense n×n row-major with zero diagonal. */
export interface EaseModel extends CfModel {
  readonly algo: 'ease';
  readonly lambda: number;
  readonly B: Float64Array | Float32Array;
}

/** PureSVD-style: s = (x·V)·Vᵀ, V n×d row-major (top-d eigenvectors of G). */
export interface PureSvdModel extends CfModel {
  readonly algo: 'puresvd';
  readonly dim: number;
  readonly V: Float64Array | Float32Array;
  /** eigenvalues of G for the kept columns, descending (empty when loaded from an artifact) */
  readonly eigenvalues: Float64Array;
}

/**
 * Item-kNN: s = x·B with B sparse (CSR): row i holds item i's top neighbours j and their cosine.
 * s_j = Σ_i x_i·sim(i, j) over the items i the person has whose neighbour list contains j.
 */
export interface ItemKnnModel extends CfModel {
  readonly algo: 'itemknn';
  readonly neighbours: number;
  readonly rowPtr: Uint32Array;
  readonly colIdx: Uint32Array;
  readonly values: Float64Array | Float32Array;
}

/** Popularity: s = diag(G), whatever x is. */
export interface PopularityModel extends CfModel {
  readonly algo: 'pop';
  readonly counts: Float64Array | Float32Array;
}

export type AnyCfModel = EaseModel | PureSvdModel | ItemKnnModel | PopularityModel;

/** Hyper-parameters of a model as one plain object ({lambda} | {dim} | {neighbours} | {}). */
export function hyperParams(model: AnyCfModel): Record<string, number> {
  switch (model.algo) {
    case 'ease':
      return { lambda: model.lambda };
    case 'puresvd':
      return { dim: model.dim };
    case 'itemknn':
      return { neighbours: model.neighbours };
    case 'pop':
      return {};
  }
}

/**
 * The on-device fold-in: a person's own interactions (item id -> weight, 1 for binary) as the
 * vector x a model scores. Unknown item ids are ignored (the catalogue may be newer than the factors).
 */
export function interactionVector(itemIds: readonly string[], interactions: ReadonlyMap<string, number>): Float64Array {
  const x = new Float64Array(itemIds.length);
  const index = new Map<string, number>();
  itemIds.forEach((id, i) => index.set(id, i));
  for (const [id, w] of interactions) {
    const i = index.get(id);
    if (i !== undefined) x[i] = w;
  }
  return x;
}

export function assertGram(gram: Gram): void {
  if (gram.itemIds.length !== gram.n) throw new Error(`gram: ${gram.itemIds.length} item ids for n=${gram.n}`);
  if (gram.data.length !== gram.n * gram.n) throw new Error(`gram: data length ${gram.data.length} is not n²=${gram.n * gram.n}`);
}

export function assertVector(x: Float64Array, n: number): void {
  if (x.length !== n) throw new Error(`score: x has length ${x.length}, expected ${n}`);
}
