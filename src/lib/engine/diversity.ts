/**
 * Stage 5 of the pipeline: diversity. A greedy re-rank: at each step take the item with the
 * highest score − penalty(kind count, subtype count so far); penalties only grow, so the chosen
 * adjusted scores never increase. Matches of the request come first, and when the request names
 * exactly one kind the kind penalty is off among them. Beyond the soft penalty, no kind fills more
 * than MAX_KIND_SHARE of the list while other kinds are left (a strong opinion cannot turn the list
 * into one kind), except among matches of a request for one kind.
 */
import type { Product } from '../domain/product';

const DIVERSITY = { kind: 0.25, subtype: 0.1, decay: 0.6 } as const;
/** at most this share of a list (rounded up) from one kind, while other kinds are available */
export const MAX_KIND_SHARE = 0.5;

export interface Rankable {
  product: Product;
  score: number;
  matched: boolean;
}

/** Higher score first; among equal scores the lower id, as the greedy step breaks ties. */
const better = (a: Rankable, b: Rankable): boolean => a.score > b.score || (a.score === b.score && a.product.id < b.product.id);

/**
 * The best `k` of `items` in that order, without sorting them all: a buffer of the k best so far,
 * kept in order by binary insertion; most items are rejected against its worst in one comparison.
 */
export function topK<T extends Rankable>(items: readonly T[], k: number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  // every item wanted (the ranker's first pass asks for all): one sort is the cheaper way
  if (k >= items.length) return [...items].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  for (const it of items) {
    if (out.length === k && !better(it, out[k - 1]!)) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(out[mid]!, it)) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, it);
    if (out.length > k) out.pop();
  }
  return out;
}

/**
 * The greedy re-rank, exactly as a scan of every item at every step would make it, in O(n·g) for
 * g kind/subtype groups rather than O(n·k): items of one group carry the same penalties, so the
 * best of a group is its highest score (lowest id on a tie) and each step compares only the heads
 * of the groups. Each group is cut to its best k first (top-k, not a full sort): at most k items
 * are taken in all, so nothing below a group's k-th can be.
 */
export function diversify<T extends Rankable>(items: readonly T[], k: number, oneKind: boolean): { item: T; score: number }[] {
  const out: { item: T; score: number }[] = [];
  const kindCount = new Map<string, number>();
  const subtypeCount = new Map<string, number>();
  const penalty = (n: number, w: number): number => w * (1 - Math.pow(DIVERSITY.decay, n));
  const kindCap = Math.max(1, Math.ceil(k * MAX_KIND_SHARE));
  const tiers = [items.filter((i) => i.matched), items.filter((i) => !i.matched)];
  tiers.forEach((tier, t) => {
    const byGroup = new Map<string, T[]>();
    for (const it of tier) {
      const key = `${it.product.kind}/${it.product.subtype}`;
      let g = byGroup.get(key);
      if (!g) byGroup.set(key, (g = []));
      g.push(it);
    }
    const groups = [...byGroup.values()].map((g) => ({ items: topK(g, k - out.length), next: 0 }));
    const kindPenaltyOn = !(t === 0 && oneKind);
    while (out.length < k) {
      const capped = (kind: string): boolean => kindPenaltyOn && (kindCount.get(kind) ?? 0) >= kindCap;
      const open = groups.filter((g) => g.next < g.items.length);
      if (open.length === 0) break;
      const othersLeft = open.some((g) => !capped(g.items[g.next]!.product.kind));
      let best: (typeof groups)[number] | null = null;
      let bestVal = -Infinity;
      for (const g of open) {
        const it = g.items[g.next]!;
        const p = it.product;
        if (othersLeft && capped(p.kind)) continue;
        const val =
          it.score -
          (kindPenaltyOn ? penalty(kindCount.get(p.kind) ?? 0, DIVERSITY.kind) : 0) -
          penalty(subtypeCount.get(`${p.kind}/${p.subtype}`) ?? 0, DIVERSITY.subtype);
        if (val > bestVal || (val === bestVal && best !== null && p.id < best.items[best.next]!.product.id)) {
          bestVal = val;
          best = g;
        }
      }
      if (!best) break;
      const chosen = best.items[best.next++]!;
      const p = chosen.product;
      kindCount.set(p.kind, (kindCount.get(p.kind) ?? 0) + 1);
      subtypeCount.set(`${p.kind}/${p.subtype}`, (subtypeCount.get(`${p.kind}/${p.subtype}`) ?? 0) + 1);
      out.push({ item: chosen, score: bestVal });
    }
  });
  return out;
}

/**
 * The same re-rank by a scan of every remaining item at every step, O(n·k): the definition the
 * grouped one above must equal, kept as the reference for the tests and the baseline for the bench.
 */
export function diversifyByScan<T extends Rankable>(items: readonly T[], k: number, oneKind: boolean): { item: T; score: number }[] {
  const out: { item: T; score: number }[] = [];
  const kindCount = new Map<string, number>();
  const subtypeCount = new Map<string, number>();
  const penalty = (n: number, w: number): number => w * (1 - Math.pow(DIVERSITY.decay, n));
  const kindCap = Math.max(1, Math.ceil(k * MAX_KIND_SHARE));
  const tiers = [items.filter((i) => i.matched), items.filter((i) => !i.matched)];
  tiers.forEach((tier, t) => {
    const left = [...tier];
    const kindPenaltyOn = !(t === 0 && oneKind);
    while (out.length < k && left.length > 0) {
      let bestIdx = -1;
      let bestVal = -Infinity;
      const capped = (kind: string): boolean => kindPenaltyOn && (kindCount.get(kind) ?? 0) >= kindCap;
      const othersLeft = left.some((it) => !capped(it.product.kind));
      left.forEach((it, i) => {
        const p = it.product;
        if (othersLeft && capped(p.kind)) return;
        const val =
          it.score -
          (kindPenaltyOn ? penalty(kindCount.get(p.kind) ?? 0, DIVERSITY.kind) : 0) -
          penalty(subtypeCount.get(`${p.kind}/${p.subtype}`) ?? 0, DIVERSITY.subtype);
        const cur = left[bestIdx];
        if (val > bestVal || (val === bestVal && cur !== undefined && p.id < cur.product.id)) {
          bestVal = val;
          bestIdx = i;
        }
      });
      const [chosen] = left.splice(bestIdx, 1);
      if (!chosen) break;
      const p = chosen.product;
      kindCount.set(p.kind, (kindCount.get(p.kind) ?? 0) + 1);
      subtypeCount.set(`${p.kind}/${p.subtype}`, (subtypeCount.get(`${p.kind}/${p.subtype}`) ?? 0) + 1);
      out.push({ item: chosen, score: bestVal });
    }
  });
  return out;
}
