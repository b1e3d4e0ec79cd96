/**
 * The ranker's input row for one (person, product, context) triple: every value in [0, 1] (or
 * −1…1 for the risk gap) by construction, so the model needs no stored normalisation statistics.
 *
 * Context is the engine's per-source signals. The query-side signals (lexical, semantic, intent,
 * matched) are left out on purpose: the simulator has no query sessions with later outcomes, so
 * their weights would never be trained — and the engine's top tier already orders query matches.
 */
import { PRODUCT_KINDS, type Product } from '../domain/product';
import { GOALS, type Profile } from '../domain/profile';
import type { Signals } from '../engine/types';

const AGE_EDGES = [30, 45, 60] as const;
const INCOME_EDGES = [100_000, 300_000] as const;
const HORIZON_EDGES = [12, 36] as const;
const LIQUIDITY = ['high', 'medium', 'low'] as const;
/** returns and APRs are annual %; past these they count as "very high" */
const RETURN_CAP = 10;
const APR_CAP = 30;
const TERM_CAP_MONTHS = 120;
/** log10 of the largest minimum amount that still varies between products (CNY 10 million) */
const MIN_AMOUNT_LOG_CAP = 7;

/** `value` in a bucket 1…edges.length+1, bucket 0 meaning "not given" */
function bucket(value: number | undefined, edges: readonly number[], out: number[]): void {
  const slots = new Array<number>(edges.length + 2).fill(0);
  if (value === undefined) slots[0] = 1;
  else slots[1 + edges.filter((e) => value >= e).length] = 1;
  out.push(...slots);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export const PERSON_FEATURES = [
  ...['unassessed', 'C1', 'C2', 'C3', 'C4', 'C5'].map((l) => `risk:${l}`),
  ...['none', `<${AGE_EDGES[0]}`, `${AGE_EDGES[0]}-${AGE_EDGES[1]}`, `${AGE_EDGES[1]}-${AGE_EDGES[2]}`, `${AGE_EDGES[2]}+`].map((b) => `age:${b}`),
  ...['none', 'low', 'middle', 'high'].map((b) => `income:${b}`),
  ...['none', 'short', 'medium', 'long'].map((b) => `horizon:${b}`),
  ...GOALS.map((g) => `goal:${g}`),
  ...['none', ...LIQUIDITY].map((l) => `liquidityNeed:${l}`)
] as const;

export const PRODUCT_FEATURES = [
  ...PRODUCT_KINDS.map((k) => `kind:${k}`),
  'risk',
  'return',
  'apr',
  'term',
  'openEnded',
  'minAmount',
  ...LIQUIDITY.map((l) => `liquidity:${l}`),
  /** product risk minus the person's level, over 4: how much of their room it uses */
  'riskGap'
] as const;

export const SIGNAL_FEATURES = ['content', 'dislike', 'popularity', 'fit', 'cf'] as const;
/**
 * The engine's own order among the candidates (after its diversity re-rank), as 1/log2(rank + 2):
 * the model learns corrections to the engine rather than re-deriving it from the signals.
 */
export const CONTEXT_FEATURES = [...SIGNAL_FEATURES, 'engineRank', 'kindShare', 'issuerShare'] as const;

/**
 * Where the person's positive interest went so far: the share of their positive interaction weight
 * (the engine's decayed weights) on each kind and each issuer. Tastes for a kind or a home bank
 * show here more directly than in the item-to-item content signal. Shrunk by HISTORY_SHRINK like the
 * engine's evidence: one view is not "all of this person's interest is insurance", which would lift
 * every policy at once. At 24, one thumbs-up (weight 3) lifted its issuer's other products enough that,
 * with the diversity re-pick, 4 of 12 home items changed in 5 of 240 tries; at 48 (ranker retrained) none
 * does (tests/slow/adaptation.test.ts).
 */
export const HISTORY_SHRINK = 48;

export interface HistoryShares {
  kind: ReadonlyMap<string, number>;
  issuer: ReadonlyMap<string, number>;
}

export function historyShares(products: ReadonlyMap<string, Product>, weights: ReadonlyMap<string, number>): HistoryShares {
  const kind = new Map<string, number>();
  const issuer = new Map<string, number>();
  let total = 0;
  for (const [id, w] of weights) {
    const p = products.get(id);
    if (!p || !(w > 0)) continue;
    total += w;
    kind.set(p.kind, (kind.get(p.kind) ?? 0) + w);
    issuer.set(p.issuer, (issuer.get(p.issuer) ?? 0) + w);
  }
  const share = (m: Map<string, number>): Map<string, number> => new Map([...m].map(([k, v]) => [k, v / (total + HISTORY_SHRINK)]));
  return { kind: share(kind), issuer: share(issuer) };
}

export const FEATURE_NAMES: readonly string[] = [...PERSON_FEATURES, ...PRODUCT_FEATURES, ...CONTEXT_FEATURES];
export const FEATURE_DIM = FEATURE_NAMES.length;

export function personFeatures(p: Profile): number[] {
  const out: number[] = [];
  const risk = new Array<number>(6).fill(0);
  risk[p.riskLevel ?? 0] = 1;
  out.push(...risk);
  bucket(p.age, AGE_EDGES, out);
  bucket(p.annualIncome, INCOME_EDGES, out);
  bucket(p.horizonMonths, HORIZON_EDGES, out);
  const goals = new Set(p.goals ?? []);
  out.push(...GOALS.map((g) => (goals.has(g) ? 1 : 0)));
  out.push(p.liquidityNeed === undefined ? 1 : 0, ...LIQUIDITY.map((l) => (p.liquidityNeed === l ? 1 : 0)));
  return out;
}

export function productFeatures(p: Product, personLevel: number): number[] {
  return [
    ...PRODUCT_KINDS.map((k) => (p.kind === k ? 1 : 0)),
    (p.riskLevel - 1) / 4,
    clamp01((p.expectedReturn ?? 0) / RETURN_CAP),
    clamp01((p.apr ?? 0) / APR_CAP),
    clamp01((p.termMonths ?? 0) / TERM_CAP_MONTHS),
    p.termMonths === null ? 1 : 0,
    clamp01(Math.log10(1 + (p.minAmount ?? 0)) / MIN_AMOUNT_LOG_CAP),
    ...LIQUIDITY.map((l) => (p.liquidity === l ? 1 : 0)),
    (p.riskLevel - personLevel) / 4
  ];
}

/** `rank`: 0 for the engine's first candidate */
export function contextFeatures(p: Product, s: Signals, rank: number, shares: HistoryShares): number[] {
  return [...SIGNAL_FEATURES.map((k) => clamp01(s[k])), 1 / Math.log2(rank + 2), shares.kind.get(p.kind) ?? 0, shares.issuer.get(p.issuer) ?? 0];
}

/**
 * One row. `personLevel` is the level the suitability gate uses (effectiveRiskLevel: R2 when
 * unassessed); pass `person` from {@link personFeatures} to reuse it across a person's candidates.
 */
export function featureRow(
  person: readonly number[],
  product: Product,
  personLevel: number,
  context: { signals: Signals; rank: number; shares: HistoryShares }
): Float32Array {
  const row = new Float32Array(FEATURE_DIM);
  row.set(person, 0);
  row.set(productFeatures(product, personLevel), PERSON_FEATURES.length);
  row.set(contextFeatures(product, context.signals, context.rank, context.shares), PERSON_FEATURES.length + PRODUCT_FEATURES.length);
  return row;
}
