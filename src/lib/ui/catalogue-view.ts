/**
 * What the catalogue page shows: the products that pass its filters and search, in the order asked
 * for, a page at a time. Pure (no DOM), so it is tested in Node and the page only renders the slice
 * it is given: at 20,000 products the page renders PAGE_SIZE cards, not 20,000.
 */
import type { Product } from '../domain/product';
import { analyseQuery, matchQuery } from '../engine/lexical';
import { inTermFilter, type TermFilter } from '../vocab/terms';

export const SORT_KEYS = ['default', 'return', 'fee', 'term', 'risk'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** cards per page; "show more" adds as many again */
export const PAGE_SIZE = 24;

export interface CatalogueFilters {
  text: string;
  kind: string;
  maxRisk: number;
  term: TermFilter;
  minReturn: number | null;
  sort: SortKey;
}

/** Ascending by `key`, products without the figure last, then in catalogue order (the sort is stable). */
function by(key: (p: Product) => number | null): (a: Product, b: Product) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return x - y;
  };
}

const ORDER: Record<Exclude<SortKey, 'default'>, (a: Product, b: Product) => number> = {
  // highest return first: the key is negated
  return: by((p) => (p.expectedReturn === null ? null : -p.expectedReturn)),
  fee: by((p) => p.annualFee),
  // open-ended (money never locked) counts as the shortest
  term: by((p) => p.termMonths ?? 0),
  risk: by((p) => p.riskLevel)
};

/**
 * The filtered, searched and sorted products. With search text and the default order, the best
 * matches come first; another order applies to the matches.
 */
export function catalogueView(products: readonly Product[], f: CatalogueFilters): Product[] {
  const kept = products.filter(
    (p) =>
      (f.kind === 'all' || p.kind === f.kind) &&
      p.riskLevel <= f.maxRisk &&
      inTermFilter(p.termMonths, f.term) &&
      (f.minReturn === null || (p.expectedReturn ?? -Infinity) >= f.minReturn)
  );
  const q = f.text.trim();
  let out = kept;
  if (q) {
    const query = analyseQuery(q);
    const hits = kept.map((p) => ({ p, m: matchQuery(p, query) })).filter((x) => x.m.matched);
    out = (f.sort === 'default' ? hits.sort((a, b) => b.m.score - a.m.score) : hits).map((x) => x.p);
  }
  return f.sort === 'default' ? out : [...out].sort(ORDER[f.sort]);
}
