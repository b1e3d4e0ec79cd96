/**
 * Hybrid retrieval: how the lexical match (lexical.ts) and the embedding similarity (the on-device
 * model, or vectors the server published) become one relevance per candidate, in [0, 1].
 *
 *   rrf    reciprocal rank fusion: Σ 1/(RRF_K + rank) over the two rankings (lexical: only the
 *          products it matched at all), divided by its largest possible value 2/(RRF_K + 1)
 *   blend  α·lexical + (1 − α)·semantic′, semantic′ the cosine min–max scaled over the candidates
 *          (bge's cosines sit in a narrow band, 0.3–0.7, so the raw value says little on its own)
 *
 * Both were measured on the judged queries (models/search, `npm run eval:search`); the engine uses
 * DEFAULT_FUSION, the one that won there. A product is "close in meaning" when it is among the
 * SEMANTIC_TOP most similar candidates and at least SEMANTIC_NEAR of the way from the least to the
 * most similar: that, like a lexical match, puts it in the request's tier when the request names no
 * hard constraint.
 */

export const FUSIONS = ['rrf', 'blend'] as const;
export type Fusion = (typeof FUSIONS)[number];

/** which text match the engine uses for a query: the built-in lexical one, the embeddings, or both */
export const RETRIEVALS = ['lexical', 'semantic', 'hybrid'] as const;
export type Retrieval = (typeof RETRIEVALS)[number];

export const RRF_K = 60;
export const DEFAULT_FUSION: Fusion = 'blend';
/** α of the blend: the lexical share */
export const BLEND_ALPHA = 0.5;
export const SEMANTIC_TOP = 12;
export const SEMANTIC_NEAR = 0.6;

export interface Relevance {
  /** the fused relevance, in [0, 1] */
  score: number;
  /** among the most similar candidates (see above) */
  near: boolean;
  /** the cosine scaled over the candidates, in [0, 1] */
  semantic: number;
}

export interface FuseOptions {
  retrieval: Retrieval;
  fusion?: Fusion;
  alpha?: number;
}

/** Ranks (0 = best) of the ids with a positive score, ties in the given id order. */
function ranks(ids: readonly string[], score: (id: string) => number): Map<string, number> {
  const order = ids.map((id, i) => ({ id, i, s: score(id) })).filter((x) => x.s > 0);
  order.sort((a, b) => b.s - a.s || a.i - b.i);
  return new Map(order.map((x, r) => [x.id, r]));
}

/**
 * Relevance of each candidate to the query. `lexical`: the lexical score of the products it matched
 * (absent or 0: not matched); `semantic`: cosine similarities (absent: no embeddings, so lexical only).
 */
export function fuseRelevance(
  ids: readonly string[],
  lexical: ReadonlyMap<string, number>,
  semantic: ReadonlyMap<string, number> | undefined,
  opts: FuseOptions
): Map<string, Relevance> {
  const lex = (id: string): number => Math.min(1, Math.max(0, lexical.get(id) ?? 0));
  const out = new Map<string, Relevance>();
  if (!semantic || opts.retrieval === 'lexical') {
    for (const id of ids) out.set(id, { score: lex(id), near: false, semantic: 0 });
    return out;
  }
  const cos = (id: string): number => {
    const v = semantic.get(id) ?? 0;
    return Number.isFinite(v) ? v : 0;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of ids) {
    lo = Math.min(lo, cos(id));
    hi = Math.max(hi, cos(id));
  }
  const spread = hi - lo;
  const scaled = (id: string): number => (spread > 1e-9 ? (cos(id) - lo) / spread : 0);
  const semRanks = ranks(ids, (id) => (spread > 1e-9 ? scaled(id) + 1e-12 : 0));
  const lexRanks = ranks(ids, lex);
  const fusion = opts.fusion ?? DEFAULT_FUSION;
  const alpha = opts.alpha ?? BLEND_ALPHA;
  for (const id of ids) {
    const s = scaled(id);
    const semRank = semRanks.get(id);
    const near = semRank !== undefined && semRank < SEMANTIC_TOP && s >= SEMANTIC_NEAR;
    let score: number;
    if (opts.retrieval === 'semantic') score = s;
    else if (fusion === 'rrf') {
      const lr = lexRanks.get(id);
      const sum = (lr !== undefined ? 1 / (RRF_K + lr + 1) : 0) + (semRank !== undefined ? 1 / (RRF_K + semRank + 1) : 0);
      score = sum / (2 / (RRF_K + 1));
    } else score = alpha * lex(id) + (1 - alpha) * s;
    out.set(id, { score, near, semantic: s });
  }
  return out;
}
