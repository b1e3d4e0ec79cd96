/**
 * The published parameters of Candor's feedback mechanism, schema 1. Everything here is public:
 * the server, the device and any auditor use the same numbers.
 *
 * ## What a weekly report measures
 *
 * Six *kinds* of set-valued data, each derived on the device from one ISO week's events:
 *   item:view      products viewed or clicked
 *   item:favorite  products favourited (and not un-favourited) that week
 *   item:apply     products applied for or bought
 *   item:up        products whose last rating that week is thumbs up
 *   item:down      products whose last rating that week is thumbs down
 *   pair           unordered product pairs {a, b} (a = b allowed) from the week's *engaged* set
 *                  (viewed, clicked, favourited, applied, bought or rated up, and not dismissed or
 *                  finally rated down): the entries of this person's row of XᵀX, i.e. the Gram
 *                  matrix G the CF trainer consumes.
 *
 * ## How ε is split across a report's parts
 *
 * A report holds `partsPerReport` = m parts (default 1). Each part independently draws its kind at
 * random with the fixed probabilities KIND_WEIGHTS — a draw that uses the device's random numbers
 * and never looks at the data, so the kind says nothing about the person — and then randomises one
 * element of that kind's set with OLH at ε/m. By sequential composition the whole report is
 * ε-LDP (ε = the report's `epsilon`, at most MAX_EPSILON_PER_PERIOD a week, tracked by the device's
 * PrivacyLedger). The server scales each kind's estimate by (reports / parts of that kind).
 *
 * Why one part at full ε rather than six parts at ε/6: OLH's variance per report, 4e^ε/(e^ε−1)²,
 * falls much faster than linearly in ε. With weights π_k, sampling costs a factor 1/π_k in variance
 * while splitting costs v(ε/6)/v(ε): at ε = 4 that is v(4) = 0.076 vs v(0.67) = 8.7, so even the
 * rarest kind (π = 0.1) gets 0.76 against 8.7 — ~11× less variance. m = 2 (ε/2 each) gives
 * v(2)/(2π_k) = 0.36/π_k, still ~5× worse than m = 1.
 *
 * ## Padding and sampling (Wang, Li and Jha, "Locally Differentially Private Frequent Itemset
 * Mining", IEEE S&P 2018)
 *
 * A set S of size s is padded with ℓ − s distinct dummy elements when s < ℓ (ℓ = the kind's pad
 * length), and one element of the padded set, of size max(s, ℓ), is drawn uniformly and randomised.
 * Each real element is drawn with probability 1/max(s, ℓ), so ℓ × (the OLH frequency estimate) is
 * unbiased for Σ_people 1[x ∈ S]·min(1, ℓ/s): exactly the count of people holding x when nobody's
 * set exceeds ℓ, and otherwise a count in which a person with s > ℓ elements weighs ℓ/s
 * (contribution bounding). Larger ℓ truncates less but multiplies the noise's variance by ℓ².
 */
import { olhParams, type OlhParams } from './olh';

export const SCHEMA_VERSION = 1 as const;

export const ITEM_KINDS = ['item:view', 'item:favorite', 'item:apply', 'item:up', 'item:down'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const REPORT_KINDS = [...ITEM_KINDS, 'pair'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isItemKind(kind: string): kind is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(kind);
}

/** ε per report (= per person per week) when the person has not chosen another value. */
export const DEFAULT_EPSILON = 4;
/** The most a device spends in one week; PrivacyLedger's default per-period limit. */
export const MAX_EPSILON_PER_PERIOD = 4;
/** The ε values a device may choose and the server accepts (each distinct ε is aggregated apart). */
export const EPSILON_CHOICES: readonly number[] = [0.5, 1, 2, 4];
/** The mechanism's hard ceiling for one report (research settings only; the server refuses > 4). */
export const MAX_REPORT_EPSILON = 16;

/** Kind-draw probabilities π_k (sum 1). The pair kind feeds the CF model, so it gets the most. */
export const KIND_WEIGHTS: Readonly<Record<ReportKind, number>> = {
  pair: 0.4,
  'item:view': 0.2,
  'item:favorite': 0.1,
  'item:apply': 0.1,
  'item:up': 0.1,
  'item:down': 0.1
};

/**
 * Pad lengths ℓ, from the simulated population (models/simulator, weeks with any activity): views
 * ℓ = 6 ≈ the 95th percentile of a week's viewed set; favourites, applications and ratings 2 (99th
 * percentile or more). Pairs: ℓ = 6 covers an engaged set of 3 products (3·4/2 pairs, about the
 * median active week) and bounds a heavier week's weight to 6/(s(s+1)/2). In CF experiments on
 * ~195,000 simulated weekly reports (EASE on the PSD-projected Ĝ, ndcg@10), ℓ = 6 beat ℓ = 10 and 15
 * at ε = 4 and 8 (and 15 at ε = 2) and matched ℓ = 3: the noise grows as ℓ² while truncation only
 * re-weights heavy weeks.
 */
export const DEFAULT_PAD_LENGTH: Readonly<Record<ReportKind, number>> = {
  pair: 6,
  'item:view': 6,
  'item:favorite': 2,
  'item:apply': 2,
  'item:up': 2,
  'item:down': 2
};
export const MAX_PAD_LENGTH = 64;

export const DEFAULT_PARTS_PER_REPORT = 1;
export const MAX_PARTS_PER_REPORT = REPORT_KINDS.length;

/** The OLH parameters of each part of a report with this ε and m parts (ε/m each, g = round(e^{ε/m} + 1)). */
export function partParams(epsilon: number, partsPerReport: number): OlhParams {
  if (!Number.isInteger(partsPerReport) || partsPerReport < 1) throw new Error(`partsPerReport must be a positive integer, got ${partsPerReport}`);
  return olhParams(epsilon / partsPerReport);
}

/** Draw a kind from KIND_WEIGHTS with one uniform number u ∈ [0, 1). */
export function kindFromUniform(u: number): ReportKind {
  let acc = 0;
  for (const kind of REPORT_KINDS) {
    acc += KIND_WEIGHTS[kind];
    if (u < acc) return kind;
  }
  return REPORT_KINDS[REPORT_KINDS.length - 1]!;
}

/** Pad lengths with overrides applied and checked. */
export function resolvePadLength(over: Partial<Record<ReportKind, number>> | undefined): Record<ReportKind, number> {
  const out = { ...DEFAULT_PAD_LENGTH };
  for (const kind of REPORT_KINDS) {
    const v = over?.[kind];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1 || v > MAX_PAD_LENGTH) throw new Error(`padLength.${kind} must be an integer in 1..${MAX_PAD_LENGTH}, got ${v}`);
    out[kind] = v;
  }
  return out;
}
