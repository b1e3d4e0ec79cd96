/**
 * Semantic search in Node, as the app does it: the query embedded on the spot with the committed
 * model (its instruction before the query), the products' vectors taken from the published ones when
 * they fit the catalogue (models/vectors/demo for the demo catalogue, `--vectors DIR` for a bank's:
 * the same acceptVectors the device runs), or embedded here when none fit — as a device does for a
 * catalogue without published vectors.
 */
import { existsSync } from 'node:fs';
import type { Product } from '../lib/domain/product';
import { semanticScores } from '../lib/llm/semantic';
import { productText } from '../lib/llm/semantic';
import { acceptVectors, vectorsFor, type ProductVectors } from '../lib/llm/vectors';
import { readArtifactDir, sha256Hex } from '../lib/server/factors-dir';
import { loadBundledEmbedder, type NodeEmbedder } from './embedder';
import { CliError, repoPath } from './io';

export const DEMO_VECTORS = repoPath('models', 'vectors', 'demo');

export interface SemanticSearch {
  embedder: NodeEmbedder;
  vectors: ProductVectors;
  /** where the product vectors came from */
  source: 'published' | 'embedded';
  /** why published vectors were not used, when they were not */
  refused: string | null;
  /** product id -> cosine with each query, one map per query */
  scores(queries: readonly string[]): Promise<Map<string, number>[]>;
}

/** Published vectors from DIR, if they fit these products and this model. */
export function publishedVectors(
  dir: string,
  products: readonly Product[],
  catalogueVersion: number,
  embedder: NodeEmbedder
): { vectors: ProductVectors | null; refused: string | null } {
  if (!existsSync(dir)) return { vectors: null, refused: `${dir}: no such directory` };
  try {
    const { manifest, sha256, blob } = readArtifactDir(dir, 'vectors');
    if (sha256Hex(blob) !== sha256) return { vectors: null, refused: `vectors ${dir}: the blob's sha256 is not ${sha256}` };
    const r = acceptVectors(manifest, blob, { version: catalogueVersion, productIds: products.map((p) => p.id) }, embedder.ref);
    return r.ok ? { vectors: r.value, refused: null } : { vectors: null, refused: r.error };
  } catch (e) {
    return { vectors: null, refused: e instanceof Error ? e.message : String(e) };
  }
}

export async function semanticSearch(
  products: readonly Product[],
  catalogueVersion: number,
  opts: { vectorsDir?: string; onProgress?: (done: number, total: number) => void } = {}
): Promise<SemanticSearch> {
  let embedder: NodeEmbedder;
  try {
    embedder = await loadBundledEmbedder();
  } catch (e) {
    throw new CliError(`semantic: the committed model did not load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const published = publishedVectors(opts.vectorsDir ?? DEMO_VECTORS, products, catalogueVersion, embedder);
  let vectors = published.vectors;
  const source = vectors ? 'published' : 'embedded';
  if (!vectors) {
    const data = await embedder.embed('passage', products.map(productText), opts.onProgress);
    vectors = { ids: products.map((p) => p.id), dims: embedder.ref.dims, data };
  }
  const ids = products.map((p) => p.id);
  const rows = vectorsFor(vectors, ids);
  return {
    embedder,
    vectors,
    source,
    refused: published.refused,
    async scores(queries) {
      const q = await embedder.embed('query', queries);
      const dims = embedder.ref.dims;
      return queries.map((_, i) => semanticScores(ids, rows, q.subarray(i * dims, (i + 1) * dims)));
    }
  };
}
