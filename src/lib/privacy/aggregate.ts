/**
 * Server-side aggregation of LDP reports: support counting.
 *
 * Reports are grouped into *cohorts* — (period, ε, parts per report) — because OLH's p and q depend
 * on ε/m and the estimator scales each kind by (reports / parts of that kind) within a cohort.
 * A cohort fixes its item domain (the catalogue's ids, sorted) when it is opened.
 *
 * The running aggregate of a cohort is a handful of integers: the number of reports, per kind the
 * number of parts and one support counter per domain element (per product for item kinds, per
 * unordered product pair i ≤ j for `pair`, indexed by pairIndex). A report adds 1 to the counter of
 * every element its part supports (H_seed(element) = value); nothing else of it is kept.
 *
 * ## Cost, and why pairs scale
 *
 * Items: d hash evaluations per part (d = 320: ~1.5 µs).
 * Pairs: H_seed(a, b) = (A_seed(a) + B_seed(b)) mod g with A, B two independent item hashes (so
 * pair hashes stay pairwise independent). The support {(i, j) : A(i) + B(j) ≡ y} is enumerated by
 * bucketing items by B: 2d hash evaluations plus the output, ≈ d(d+1)/(2g) pairs — never a pass
 * over all d²/2 pairs. Per pair part (measured on 2 cores; SQLite: WAL, synchronous=FULL):
 *   d = 320   (51,360 pairs): ε=4 (g=56) ~920 counters, 23 µs in memory, 2.4 ms in SQLite;
 *                             ε=1 (g=4) ~12,800, 63 µs, 9.8 ms;  ε=8 (g=2982) ~17, 16 µs, 0.3 ms
 *   d = 3,000 (4.5M pairs):   ε=4 ~80,400, 2.1 ms, 61 ms;  ε=1 ~1.1M, 4 ms, 900 ms;  ε=8 ~1,500, 0.15 ms, 1.3 ms
 * So at a few thousand products and ε ≤ 2 a per-report SQLite transaction is too slow: batch
 * reports into an in-memory counter array per cohort and flush it in one transaction, or restrict
 * the pair domain to the top few hundred products (the second level of a two-level
 * scheme: item counts first, then pairs among the published frequent items). See docs/privacy.md.
 */
import { idKey, seedMix, TAG_ITEM, TAG_PAIR_FIRST, TAG_PAIR_SECOND } from './hash';
import { partParams, REPORT_KINDS, resolvePadLength, type ReportKind } from './mechanism';
import type { Report } from './report';

// Module-local copies of hash.ts's keyMix and toRange for the server's hot loops (calls across
// module boundaries through a bundler's import bindings are not inlined and cost ~3×). They must
// compute exactly what hash.ts computes: tests/unit/privacy-ldp.test.ts checks device hashes
// against these supports.
function fmix(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
function rangeOf(mixedSeed: number, hi: number, lo: number, g: number): number {
  return Math.floor((fmix((Math.imul(fmix(mixedSeed ^ hi), 0xcc9e2d51) + lo) | 0) * g) / 4294967296);
}

/** Number of unordered pairs i ≤ j over d items. */
export function pairDomainSize(d: number): number {
  return (d * (d + 1)) / 2;
}

/** Index of the pair (i, j), 0 ≤ i ≤ j < d, row-major over the upper triangle with the diagonal. */
export function pairIndex(i: number, j: number, d: number): number {
  return i * d - (i * (i - 1)) / 2 + (j - i);
}

/** Size of a kind's domain over d items. */
export function domainSize(kind: ReportKind, d: number): number {
  return kind === 'pair' ? pairDomainSize(d) : d;
}

/** Items must be unique and sorted in code-unit order (the order the device uses to orient pairs). */
export function assertDomain(itemIds: readonly string[]): void {
  for (let i = 1; i < itemIds.length; i++) {
    if (!(itemIds[i - 1]! < itemIds[i]!)) throw new Error(`item domain must be sorted and duplicate-free (at ${i}: "${itemIds[i - 1]}", "${itemIds[i]}")`);
  }
}

/** Computes which domain elements a report part supports. Reusable across reports (keeps scratch arrays). */
export class SupportCounter {
  readonly itemIds: readonly string[];
  readonly d: number;
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  /** scratch: B(j) per item, items bucketed by B, bucket offsets and fill pointers, the output */
  private readonly bOf: Int32Array;
  private readonly bucketItems: Int32Array;
  private bucketStart = new Int32Array(0);
  private bucketFill = new Int32Array(0);
  private out = new Int32Array(0);

  constructor(itemIds: readonly string[]) {
    assertDomain(itemIds);
    this.itemIds = itemIds;
    const d = (this.d = itemIds.length);
    this.hi = new Int32Array(d);
    this.lo = new Int32Array(d);
    itemIds.forEach((id, i) => {
      const k = idKey(id);
      this.hi[i] = k.hi | 0;
      this.lo[i] = k.lo | 0;
    });
    this.bOf = new Int32Array(d);
    this.bucketItems = new Int32Array(d);
  }

  /**
   * Collect the indices of every domain element of `kind` whose hash under `seed` (range g) equals
   * `value` into an internal buffer; returns [buffer, count]. The buffer is reused by the next call.
   */
  collect(kind: ReportKind, seed: number, value: number, g: number): [Int32Array, number] {
    const d = this.d;
    const hi = this.hi;
    const lo = this.lo;
    if (kind !== 'pair') {
      if (this.out.length < d) this.out = new Int32Array(d);
      const out = this.out;
      const s = seedMix(seed, TAG_ITEM);
      let n = 0;
      for (let i = 0; i < d; i++) if (rangeOf(s, hi[i]!, lo[i]!, g) === value) out[n++] = i;
      return [out, n];
    }
    // bucket items by B(j) (counting sort keeps j ascending within a bucket)
    if (this.bucketStart.length < g + 1) {
      this.bucketStart = new Int32Array(g + 1);
      this.bucketFill = new Int32Array(g);
    } else {
      this.bucketStart.fill(0, 0, g + 1);
    }
    const start = this.bucketStart;
    const fill = this.bucketFill;
    const b = this.bucketItems;
    const bOf = this.bOf;
    const sB = seedMix(seed, TAG_PAIR_SECOND);
    for (let j = 0; j < d; j++) {
      const bj = rangeOf(sB, hi[j]!, lo[j]!, g);
      bOf[j] = bj;
      start[bj + 1] = start[bj + 1]! + 1;
    }
    for (let r = 0; r < g; r++) {
      start[r + 1] = start[r + 1]! + start[r]!;
      fill[r] = start[r]!;
    }
    for (let j = 0; j < d; j++) {
      const r = bOf[j]!;
      b[fill[r]!] = j;
      fill[r] = fill[r]! + 1;
    }
    const sA = seedMix(seed, TAG_PAIR_FIRST);
    let out = this.out;
    let n = 0;
    for (let i = 0; i < d; i++) {
      const ai = rangeOf(sA, hi[i]!, lo[i]!, g);
      let r = value - ai;
      if (r < 0) r += g;
      const end = start[r + 1]!;
      // skip j < i: binary search the (ascending) bucket for the first j ≥ i
      let lo2 = start[r]!;
      let hi2 = end;
      while (lo2 < hi2) {
        const mid = (lo2 + hi2) >>> 1;
        if (b[mid]! < i) lo2 = mid + 1;
        else hi2 = mid;
      }
      if (n + (end - lo2) > out.length) {
        const grown = new Int32Array(Math.min(pairDomainSize(d), Math.max(2 * out.length, n + (end - lo2), 1024)));
        grown.set(out.subarray(0, n));
        out = this.out = grown;
      }
      const rowBase = i * d - (i * (i - 1)) / 2 - i;
      for (let t = lo2; t < end; t++) out[n++] = rowBase + b[t]!;
    }
    return [out, n];
  }

  /** Add 1 to `counts[index]` for every supported element (counts sized domainSize(kind, d)). */
  addSupport(kind: ReportKind, seed: number, value: number, g: number, counts: Float64Array): void {
    const [idx, n] = this.collect(kind, seed, value, g);
    for (let t = 0; t < n; t++) {
      const x = idx[t]!;
      counts[x] = counts[x]! + 1;
    }
  }

  /**
   * Whether a part supports item i (kind ≠ pair) or the pair (i, j), i ≤ j: collect() projected
   * onto one element. Simulations that track a few elements over millions of reports use it
   * instead of computing every report's whole support.
   */
  supports(kind: ReportKind, seed: number, value: number, g: number, i: number, j: number = i): boolean {
    if (kind !== 'pair') return rangeOf(seedMix(seed, TAG_ITEM), this.hi[i]!, this.lo[i]!, g) === value;
    const a = rangeOf(seedMix(seed, TAG_PAIR_FIRST), this.hi[i]!, this.lo[i]!, g);
    const b = rangeOf(seedMix(seed, TAG_PAIR_SECOND), this.hi[j]!, this.lo[j]!, g);
    return (a + b) % g === value;
  }

  /** The supported element indices, ascending (a fresh array). */
  support(kind: ReportKind, seed: number, value: number, g: number): Uint32Array {
    const [idx, n] = this.collect(kind, seed, value, g);
    return Uint32Array.from(idx.subarray(0, n)).sort();
  }
}

/** What makes reports poolable. */
export interface Cohort {
  readonly period: string;
  readonly epsilon: number;
  readonly partsPerReport: number;
}

export function cohortOf(report: Report): Cohort {
  return { period: report.period, epsilon: report.epsilon, partsPerReport: report.parts.length };
}

export function sameCohort(a: Cohort, b: Cohort): boolean {
  return a.period === b.period && a.epsilon === b.epsilon && a.partsPerReport === b.partsPerReport;
}

/** One kind's running counters in a cohort. */
export interface KindAggregate {
  readonly pad: number;
  /** parts of this kind received */
  parts: number;
  /** support counters, domainSize(kind, d) of them */
  readonly counts: Float64Array;
}

/** A cohort's running aggregate: everything the server keeps. */
export interface Aggregate extends Cohort {
  /** the cohort's item domain, sorted */
  readonly itemIds: readonly string[];
  /** reports received */
  reports: number;
  readonly kinds: Record<ReportKind, KindAggregate>;
}

/** The increments one report makes: how the SQLite store and the in-memory Aggregator stay identical. */
export interface ReportContribution {
  readonly cohort: Cohort;
  readonly parts: readonly { readonly kind: ReportKind; readonly pad: number; readonly support: Uint32Array }[];
}

export class ReportMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportMismatchError';
  }
}

/** Check a (schema-valid) report against a cohort and the expected pad lengths. */
export function checkReport(report: Report, cohort: Cohort, pads: Readonly<Record<ReportKind, number>>): void {
  if (!sameCohort(cohortOf(report), cohort)) throw new ReportMismatchError('report belongs to another cohort (period, ε or part count)');
  for (const part of report.parts) {
    if (part.pad !== pads[part.kind]) throw new ReportMismatchError(`${part.kind} part has pad ${part.pad}, expected ${pads[part.kind]}`);
  }
}

/** A report's support sets, computed against a cohort domain. */
export function contributionOf(report: Report, counter: SupportCounter): ReportContribution {
  const { g } = partParams(report.epsilon, report.parts.length);
  return {
    cohort: cohortOf(report),
    parts: report.parts.map((p) => ({ kind: p.kind, pad: p.pad, support: counter.support(p.kind, p.seed, p.value, g) }))
  };
}

export function emptyAggregate(cohort: Cohort, itemIds: readonly string[], padLength?: Partial<Record<ReportKind, number>>): Aggregate {
  assertDomain(itemIds);
  const pads = resolvePadLength(padLength);
  const kinds = {} as Record<ReportKind, KindAggregate>;
  for (const kind of REPORT_KINDS) kinds[kind] = { pad: pads[kind], parts: 0, counts: new Float64Array(domainSize(kind, itemIds.length)) };
  return { period: cohort.period, epsilon: cohort.epsilon, partsPerReport: cohort.partsPerReport, itemIds: [...itemIds], reports: 0, kinds };
}

/** Apply a contribution to an aggregate in place. */
export function applyContribution(agg: Aggregate, c: ReportContribution): void {
  if (!sameCohort(agg, c.cohort)) throw new ReportMismatchError('contribution belongs to another cohort');
  agg.reports++;
  for (const part of c.parts) {
    const k = agg.kinds[part.kind];
    if (part.pad !== k.pad) throw new ReportMismatchError(`${part.kind} part has pad ${part.pad}, expected ${k.pad}`);
    k.parts++;
    for (const idx of part.support) k.counts[idx] = k.counts[idx]! + 1;
  }
}

/** An in-memory running aggregate of one cohort (typed arrays). */
export class Aggregator {
  readonly aggregate: Aggregate;
  private readonly counter: SupportCounter;
  private readonly g: number;
  private readonly pads: Record<ReportKind, number>;

  constructor(cohort: Cohort, itemIds: readonly string[], opts: { padLength?: Partial<Record<ReportKind, number>> } = {}) {
    this.pads = resolvePadLength(opts.padLength);
    this.aggregate = emptyAggregate(cohort, itemIds, this.pads);
    this.counter = new SupportCounter(this.aggregate.itemIds);
    this.g = partParams(cohort.epsilon, cohort.partsPerReport).g;
  }

  /** Add one (schema-valid) report's support counts. Throws ReportMismatchError for another cohort or pad. */
  add(report: Report): void {
    checkReport(report, this.aggregate, this.pads);
    const agg = this.aggregate;
    agg.reports++;
    for (const part of report.parts) {
      const k = agg.kinds[part.kind];
      k.parts++;
      this.counter.addSupport(part.kind, part.seed, part.value, this.g, k.counts);
    }
  }
}
