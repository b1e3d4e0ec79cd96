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

export function diversify<T extends Rankable>(items: readonly T[], k: number, oneKind: boolean): { item: T; score: number }[] {
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
