/**
 * The catalogue, indexed once for every list: products by kind and risk level, in catalogue order.
 * The gate never lets a product above the person's level through, and a request for kinds wants
 * nothing else, so the candidates are read from those buckets instead of from every product:
 * at 20,000 products an unassessed person's list starts from the R1–R2 products only.
 *
 * Built once per catalogue array (the app, the CLIs and the pipeline pass the same array to every
 * list) and kept beside it; a new array is a new catalogue.
 */
import { PRODUCT_KINDS, type Product, type ProductKind } from '../domain/product';

export interface CatalogueIndex {
  /** first product of each id, in catalogue order */
  products: readonly Product[];
  byId: ReadonlyMap<string, Product>;
  /** positions in `products`, ascending, by `${kind}/${riskLevel}` */
  buckets: ReadonlyMap<string, readonly number[]>;
}

const built = new WeakMap<readonly Product[], CatalogueIndex>();

export function indexCatalogue(list: readonly Product[]): CatalogueIndex {
  const known = built.get(list);
  if (known) return known;
  const byId = new Map<string, Product>();
  const products: Product[] = [];
  const buckets = new Map<string, number[]>();
  for (const p of list) {
    if (byId.has(p.id)) continue;
    byId.set(p.id, p);
    const key = `${p.kind}/${p.riskLevel}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(products.length);
    products.push(p);
  }
  const index = { products, byId, buckets };
  built.set(list, index);
  return index;
}

/**
 * The products that can pass the gate at `maxRisk`, of `kinds` (all when empty), in catalogue order:
 * a merge of the buckets' positions, so the engine sees them in the same order as a full scan.
 */
export function productsUpTo(index: CatalogueIndex, maxRisk: number, kinds: readonly ProductKind[] = []): Product[] {
  const lists: (readonly number[])[] = [];
  for (const kind of kinds.length > 0 ? kinds : PRODUCT_KINDS) {
    for (let r = 1; r <= Math.min(5, Math.floor(maxRisk)); r++) {
      const b = index.buckets.get(`${kind}/${r}`);
      if (b && b.length > 0) lists.push(b);
    }
  }
  if (lists.length === 1) return lists[0]!.map((i) => index.products[i]!);
  const positions = lists.flat().sort((a, b) => a - b);
  const out: Product[] = [];
  let last = -1;
  for (const i of positions) {
    if (i !== last) out.push(index.products[i]!);
    last = i;
  }
  return out;
}
