import type { Product } from '../domain/product';

/**
 * Semantic search over the catalogue: each product is embedded once (per catalogue version and
 * model), the query on each ask, and the engine gets their cosine similarity per product.
 */

/**
 * The texts as the model is given them: its query prefix before queries (bge's retrieval
 * instruction, e5's "query: "), its passage prefix (none for bge) before product texts.
 */
export function prefixed(texts: readonly string[], kind: 'query' | 'passage', prefixes: { query: string; passage: string } | undefined): string[] {
  const prefix = prefixes?.[kind] ?? '';
  return texts.map((t) => prefix + t);
}

/** What a product "says", in both languages, so a query in either finds it. */
export function productText(p: Product): string {
  return [p.name['zh-CN'], p.name.en, p.description['zh-CN'], p.description.en, p.tags.join(' ')].join(' \n');
}

/** Product id -> cosine of its embedding with the query's, in [−1, 1]. */
export function semanticScores(ids: readonly string[], vectors: Float32Array, query: Float32Array): Map<string, number> {
  const dims = query.length;
  if (dims === 0 || vectors.length !== ids.length * dims) throw new Error(`expected ${ids.length} vectors of ${dims} numbers, got ${vectors.length} numbers`);
  let qq = 0;
  for (let k = 0; k < dims; k++) qq += (query[k] ?? 0) ** 2;
  const scores = new Map<string, number>();
  ids.forEach((id, i) => {
    let dot = 0;
    let pp = 0;
    for (let k = 0; k < dims; k++) {
      const v = vectors[i * dims + k] ?? 0;
      dot += v * (query[k] ?? 0);
      pp += v * v;
    }
    const denom = Math.sqrt(pp * qq);
    scores.set(id, denom > 0 ? Math.max(-1, Math.min(1, dot / denom)) : 0);
  });
  return scores;
}
