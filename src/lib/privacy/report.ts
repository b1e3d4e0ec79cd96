/**
 * Building a weekly LDP report on the device, and its wire schema.
 *
 * A report is exactly `{schema, period, epsilon, parts:[{kind, pad, seed, value}]}` — strict: no
 * other field is accepted, so no identifier, timestamp, device detail or free text can ride along.
 * `period` is an ISO week; `seed` is a fresh random 32-bit number that picks the part's hash
 * function; `value` is the randomised hash value in [0, g). Nothing else about the events leaves.
 */
import { z } from 'zod';
import type { CandorEvent } from '../domain/event';
import { dummyHash, hashToRange, idKey, TAG_ITEM, TAG_PAIR_FIRST, TAG_PAIR_SECOND } from './hash';
import {
  DEFAULT_EPSILON,
  DEFAULT_PARTS_PER_REPORT,
  kindFromUniform,
  MAX_PAD_LENGTH,
  MAX_PARTS_PER_REPORT,
  MAX_REPORT_EPSILON,
  partParams,
  REPORT_KINDS,
  resolvePadLength,
  SCHEMA_VERSION,
  type ReportKind
} from './mechanism';
import { cryptoRng, perturb, randomInt, randomSeed, type OlhParams, type Rng } from './olh';
import { isPeriod, periodRange } from './period';

export const ReportPartSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  pad: z.int().min(1).max(MAX_PAD_LENGTH),
  seed: z.int().min(0).max(0xffffffff),
  value: z.int().min(0)
});
export type ReportPart = z.infer<typeof ReportPartSchema>;

export const ReportSchema = z
  .strictObject({
    schema: z.literal(SCHEMA_VERSION),
    period: z.string().refine(isPeriod, { message: 'period must be an ISO week YYYY-Www' }),
    epsilon: z.number().positive().max(MAX_REPORT_EPSILON),
    parts: z.array(ReportPartSchema).min(1).max(MAX_PARTS_PER_REPORT)
  })
  .superRefine((r, ctx) => {
    // zod runs this even when a field check failed: those issues are already reported
    const m = r.parts.length;
    if (!(r.epsilon > 0 && r.epsilon <= MAX_REPORT_EPSILON) || !(m >= 1 && m <= MAX_PARTS_PER_REPORT)) return;
    const { g } = partParams(r.epsilon, m);
    r.parts.forEach((part, i) => {
      if (part.value >= g)
        ctx.addIssue({ code: 'custom', path: ['parts', i, 'value'], message: `value must be below g=${g} for ε=${r.epsilon} over ${m} part(s)` });
    });
  });
export type Report = z.infer<typeof ReportSchema>;

/** The fields of an event that a report reads (type, product, time, value). */
export type ReportableEvent = Pick<CandorEvent, 'type' | 'productId' | 'ts' | 'value'>;

/** One week's sets, each sorted (UTF-16 code-unit order, like Array.prototype.sort) and duplicate-free. */
export type KindSets = Record<ReportKind, readonly string[]>;

/**
 * The week's sets from the event log (see mechanism.ts for each kind). Events outside the period,
 * without a product, or naming a product outside `catalogueIds` are ignored. Events are replayed in
 * time order, so an un-favourite, a later rating or a dismissal overrides what came before. The
 * `pair` entry is the engaged set; its pairs are formed when a pair part is drawn.
 */
export function kindSets(events: readonly ReportableEvent[], catalogueIds: Iterable<string>, period: string): KindSets {
  const { start, end } = periodRange(period);
  const known = new Set(catalogueIds);
  const inPeriod = events
    .map((e, i) => ({ e, i, t: Date.parse(e.ts) }))
    .filter(({ e, t }) => e.productId !== undefined && known.has(e.productId) && t >= start && t < end)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const view = new Set<string>();
  const favorite = new Set<string>();
  const apply = new Set<string>();
  const rating = new Map<string, number>();
  const engaged = new Set<string>();
  const dismissed = new Set<string>();
  for (const { e } of inPeriod) {
    const id = e.productId!;
    switch (e.type) {
      case 'view':
      case 'click':
        view.add(id);
        engaged.add(id);
        break;
      case 'favorite':
        if (e.value === 0) favorite.delete(id);
        else {
          favorite.add(id);
          engaged.add(id);
        }
        break;
      case 'apply':
      case 'purchase':
        apply.add(id);
        engaged.add(id);
        break;
      case 'rate': {
        const v = e.value ?? 0;
        if (v === 0) rating.delete(id);
        else rating.set(id, Math.sign(v));
        if (v > 0) {
          engaged.add(id);
          dismissed.delete(id);
        }
        break;
      }
      case 'dismiss':
        dismissed.add(id);
        break;
      case 'search':
        break;
    }
  }
  const up: string[] = [];
  const down: string[] = [];
  for (const [id, s] of rating) (s > 0 ? up : down).push(id);
  for (const id of down) engaged.delete(id);
  for (const id of dismissed) engaged.delete(id);
  const sorted = (s: Iterable<string>): string[] => [...s].sort();
  return {
    'item:view': sorted(view),
    'item:favorite': sorted(favorite),
    'item:apply': sorted(apply),
    'item:up': sorted(up),
    'item:down': sorted(down),
    pair: sorted(engaged)
  };
}

/** Number of unordered pairs {a, b}, a = b allowed, from s elements: s(s+1)/2. */
export function pairsOf(s: number): number {
  return (s * (s + 1)) / 2;
}

/** The r-th pair (i ≤ j) of s sorted elements, in the order (0,0),(0,1)…(0,s−1),(1,1)… */
export function pairFromIndex(r: number, s: number): [number, number] {
  let i = 0;
  let rowLen = s;
  while (r >= rowLen) {
    r -= rowLen;
    i++;
    rowLen--;
  }
  return [i, i + r];
}

/**
 * The hash value, under `seed`, of one element drawn by padding and sampling from a sorted set
 * (for `pair`, the set of pairs of `ids`). Exported for tests; buildReport is the normal entry.
 */
export function sampledHash(kind: ReportKind, ids: readonly string[], pad: number, seed: number, g: number, rng: Rng): number {
  const s = ids.length;
  const size = kind === 'pair' ? pairsOf(s) : s;
  const r = randomInt(rng, Math.max(size, pad));
  if (r >= size) return dummyHash(seed, r - size, g);
  if (kind !== 'pair') return hashToRange(seed, TAG_ITEM, idKey(ids[r]!), g);
  const [i, j] = pairFromIndex(r, s);
  return (hashToRange(seed, TAG_PAIR_FIRST, idKey(ids[i]!), g) + hashToRange(seed, TAG_PAIR_SECOND, idKey(ids[j]!), g)) % g;
}

/** Randomise one set into a report part: pad and sample one element, hash it with a fresh seed, perturb. */
export function randomisePart(kind: ReportKind, ids: readonly string[], pad: number, params: OlhParams, rng: Rng): ReportPart {
  const seed = randomSeed(rng);
  const x = sampledHash(kind, ids, pad, seed, params.g, rng);
  return { kind, pad, seed, value: perturb(x, params, rng) };
}

export interface BuildReportOptions {
  /** ISO week `YYYY-Www` the report covers */
  period: string;
  /** ε of the whole report (default DEFAULT_EPSILON = 4) */
  epsilon?: number;
  /** ℓ per kind (defaults DEFAULT_PAD_LENGTH) */
  padLength?: Partial<Record<ReportKind, number>>;
  /** m parts, ε/m each (default 1) */
  partsPerReport?: number;
  /** uniform [0,1) source; default the platform CSPRNG. Tests pass a seeded one. */
  rng?: Rng;
}

/**
 * One person's ε-LDP report for one week, from their raw events (which never leave the device).
 * The caller records `report.epsilon` in its PrivacyLedger before sending.
 */
export function buildReport(events: readonly ReportableEvent[], catalogueIds: Iterable<string>, opts: BuildReportOptions): Report {
  return reportFromSets(kindSets(events, catalogueIds, opts.period), opts);
}

/** The same from ready sets (sorted, duplicate-free): used by the simulations. */
export function reportFromSets(sets: Partial<KindSets>, opts: BuildReportOptions): Report {
  if (!isPeriod(opts.period)) throw new Error(`period must be an ISO week YYYY-Www, got "${opts.period}"`);
  const epsilon = opts.epsilon ?? DEFAULT_EPSILON;
  if (!(epsilon > 0) || epsilon > MAX_REPORT_EPSILON) throw new Error(`epsilon must be in (0, ${MAX_REPORT_EPSILON}], got ${epsilon}`);
  const m = opts.partsPerReport ?? DEFAULT_PARTS_PER_REPORT;
  if (!Number.isInteger(m) || m < 1 || m > MAX_PARTS_PER_REPORT) throw new Error(`partsPerReport must be an integer in 1..${MAX_PARTS_PER_REPORT}, got ${m}`);
  const pads = resolvePadLength(opts.padLength);
  const rng = opts.rng ?? cryptoRng();
  const params = partParams(epsilon, m);
  const parts: ReportPart[] = [];
  for (let k = 0; k < m; k++) {
    const kind = kindFromUniform(rng());
    parts.push(randomisePart(kind, sets[kind] ?? [], pads[kind], params, rng));
  }
  return { schema: SCHEMA_VERSION, period: opts.period, epsilon, parts };
}
