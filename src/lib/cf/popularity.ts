import { gramDiagonal } from './gram';
import { assertGram, assertVector, type Gram, type PopularityModel } from './model';

/** Popularity: s = diag(G) (item counts for binary X) for everyone. */
export function fitPopularity(gram: Gram): PopularityModel {
  assertGram(gram);
  return popularityModel(gram.itemIds, gramDiagonal(gram));
}

export function popularityModel(itemIds: readonly string[], counts: Float64Array | Float32Array): PopularityModel {
  const n = itemIds.length;
  if (counts.length !== n) throw new Error(`pop: ${counts.length} counts for ${n} items`);
  return {
    algo: 'pop',
    itemIds,
    counts,
    score(x: Float64Array): Float64Array {
      assertVector(x, n);
      return Float64Array.from(counts);
    }
  };
}
