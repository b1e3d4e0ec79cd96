import type { Product } from '../domain/product';

/*
 * A product's tags, lower-cased, once per product object: every list asks each candidate which goals
 * it serves, and at 20,000 products building these sets again for each list was a fifth of its time.
 * Products are never changed after validation, so the set stays right for as long as the object lives.
 */
const cache = new WeakMap<Product, ReadonlySet<string>>();

export function lowerTags(p: Product): ReadonlySet<string> {
  let tags = cache.get(p);
  if (!tags) cache.set(p, (tags = new Set(p.tags.map((t) => t.toLowerCase()))));
  return tags;
}
