/**
 * Stages 1 and 2 of the pipeline: the candidates and the hard gate.
 *
 * Every product (of the kinds asked for, if any) that passes the gate (domain/suitability.ts: never above the person's level, every
 * eligibility rule confirmed) and that the person has not turned down or already taken. The gate
 * removes; it is never a score. Products that fail only because the person has not told us their
 * age or income are not shown either — a rule we cannot confirm is not met — but they are counted,
 * so that the page can say why cards, insurance or loans are missing and ask (`withheld`).
 */
import type { Product, ProductKind } from '../domain/product';
import type { Profile } from '../domain/profile';
import { gate } from '../domain/suitability';
import type { InteractionSummary } from './weights';

export type MissingDetail = 'age' | 'income';

/** Products hidden only because the person's age or income is unknown. */
export interface Withheld {
  count: number;
  /** what the person could tell us (kept on the device) to have them checked */
  needs: MissingDetail[];
  kinds: ProductKind[];
  /** the hidden products, for a caller that asks which of them a request wanted */
  productIds: string[];
}

export interface Candidates {
  products: Product[];
  withheld: Withheld;
}

/** What the gate would need to know to let `p` through, or null if it fails for another reason (or passes). */
export function missingDetails(p: Product, profile: Profile): MissingDetail[] | null {
  const needs: MissingDetail[] = [];
  let probe: Profile = profile;
  // fill in what is unknown with values every rule accepts, one at a time: if only unknowns block it, it is withheld
  for (let i = 0; i < 2; i++) {
    const v = gate(p, probe);
    if (v.ok) return needs.length > 0 ? needs : null;
    if (v.code === 'age_unknown') {
      needs.push('age');
      probe = { ...probe, age: p.eligibility.minAge ?? p.eligibility.maxAge ?? 18 };
    } else if (v.code === 'income_unknown') {
      needs.push('income');
      probe = { ...probe, annualIncome: p.eligibility.minIncome ?? 0 };
    } else return null;
  }
  return gate(p, probe).ok ? needs : null;
}

export function gatherCandidates(catalogue: Iterable<Product>, profile: Profile, summary: InteractionSummary, only: readonly ProductKind[] = []): Candidates {
  const products: Product[] = [];
  const needs = new Set<MissingDetail>();
  const kinds = new Set<ProductKind>();
  const productIds: string[] = [];
  for (const p of catalogue) {
    if (only.length > 0 && !only.includes(p.kind)) continue;
    if (summary.rejected.has(p.id) || summary.owned.has(p.id)) continue;
    if (gate(p, profile).ok) {
      products.push(p);
      continue;
    }
    const missing = missingDetails(p, profile);
    if (!missing) continue;
    missing.forEach((m) => needs.add(m));
    kinds.add(p.kind);
    productIds.push(p.id);
  }
  const order = (xs: Iterable<string>): string[] => [...xs].sort();
  return {
    products,
    withheld: { count: productIds.length, needs: order(needs) as MissingDetail[], kinds: order(kinds) as ProductKind[], productIds }
  };
}
