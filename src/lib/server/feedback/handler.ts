/**
 * POST /api/feedback: accept one LDP report and add it to the running aggregates, or refuse it.
 *
 * Order of checks (each refusal is a 4xx, counted by reason, and changes no aggregate):
 *   1. rate limit per client address (429, Retry-After)   — before the body is read
 *   2. Content-Length above the limit (413)                — before the body is read
 *   3. content type not application/json (415)
 *   4. body read with a hard cap: more bytes than the limit (413), whatever the headers said
 *   5. not UTF-8 JSON, or a key given twice in one object (400 malformed)
 *   6. `schema` not 1 (400 schema_version)
 *   7. not a valid report (400 invalid): strict zod schema — unknown fields are refused
 *   8. ε not an accepted choice, pad not the published one, or too many parts (400 policy)
 *   9. period not the current ISO week or one of the previous `maxAgeWeeks` (400 period)
 * Then the report's support sets are computed against its cohort's domain and added in one
 * transaction (202). A store failure answers 503 and, being a rolled-back transaction, adds nothing.
 * Nothing of the request is kept: not the report, not the address, not the time.
 */
import { checkReport, contributionOf, SupportCounter, ReportMismatchError, type Cohort } from '../../privacy/aggregate';
import { EPSILON_CHOICES, DEFAULT_PAD_LENGTH, MAX_PARTS_PER_REPORT, SCHEMA_VERSION, type ReportKind } from '../../privacy/mechanism';
import { periodOf, periodsBetween } from '../../privacy/period';
import { ReportSchema, type Report } from '../../privacy/report';
import { formatIssues } from '../../domain/validate';
import { parseStrictJson } from '../../signing/strict-json';
import type { RateLimiter } from './limiter';
import type { FeedbackMetrics, RefusalReason } from './metrics';
import type { CohortRecord, FeedbackStore } from './store';

export const MAX_BODY_BYTES = 64 * 1024;

export interface FeedbackPolicy {
  /** bodies above this many bytes are refused unread (413) */
  maxBytes: number;
  /** ε values accepted (each is its own cohort) */
  epsilons: readonly number[];
  /** the published pad length of each kind */
  pads: Readonly<Record<ReportKind, number>>;
  maxPartsPerReport: number;
  /** how many weeks back a report's period may lie (the current week counts as 0) */
  maxAgeWeeks: number;
}

export const DEFAULT_POLICY: FeedbackPolicy = {
  maxBytes: MAX_BODY_BYTES,
  epsilons: EPSILON_CHOICES,
  pads: DEFAULT_PAD_LENGTH,
  maxPartsPerReport: MAX_PARTS_PER_REPORT,
  maxAgeWeeks: 8
};

export interface FeedbackDeps {
  store: FeedbackStore;
  /** the item domain for newly opened cohorts: the published catalogue's product ids */
  itemIds: () => readonly string[];
  limiter: RateLimiter;
  metrics: FeedbackMetrics;
  policy?: Partial<FeedbackPolicy>;
  now?: () => number;
}

export type FeedbackHandler = (request: Request, clientAddress: string) => Promise<Response>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function reply(status: number, body: Record<string, unknown>, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...extra } });
}

/**
 * Read at most `max` bytes of a body; null when it is longer. The rest is read and dropped rather
 * than cancelled: cancelling makes the Node adapter destroy the socket, so a chunked body (no
 * Content-Length to refuse up front) would get a connection reset instead of its 413. The adapter's
 * own BODY_SIZE_LIMIT ends the stream (an error, taken here as "too large") after at most 512 KB.
 */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (e) {
      if (total > max) return null;
      throw e;
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total <= max) chunks.push(next.value);
  }
  if (total > max) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function createFeedbackHandler(deps: FeedbackDeps): FeedbackHandler {
  const policy: FeedbackPolicy = { ...DEFAULT_POLICY, ...deps.policy };
  const now = deps.now ?? Date.now;
  const counters = new Map<number, SupportCounter>();
  const counterFor = (cohort: CohortRecord): SupportCounter => {
    let c = counters.get(cohort.id);
    if (!c) counters.set(cohort.id, (c = new SupportCounter(cohort.itemIds)));
    return c;
  };
  const refuse = (status: number, reason: RefusalReason, message: string, extra: Record<string, string> = {}): Response => {
    deps.metrics.refuse(reason);
    return reply(status, { ok: false, error: reason, message }, extra);
  };

  return async (request, clientAddress) => {
    const t = now();
    const rate = deps.limiter.take(clientAddress, t);
    if (!rate.ok) return refuse(429, 'rate_limited', 'too many requests from this address', { 'retry-after': String(rate.retryAfterSeconds) });

    const declared = request.headers.get('content-length');
    if (declared !== null && Number(declared) > policy.maxBytes) return refuse(413, 'too_large', `body over ${policy.maxBytes} bytes`);
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return refuse(415, 'unsupported_media_type', 'content-type must be application/json');

    let bytes: Uint8Array | null;
    try {
      bytes = await readCapped(request, policy.maxBytes);
    } catch {
      return refuse(400, 'malformed', 'the body could not be read');
    }
    if (bytes === null) return refuse(413, 'too_large', `body over ${policy.maxBytes} bytes`);

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refuse(400, 'malformed', 'the body is not UTF-8 JSON');
    }
    // JSON.parse keeps the last of duplicate keys ("epsilon":8,"epsilon":4 would pass as 4): an
    // ambiguous report is refused, with the signed-data parser
    const json = parseStrictJson(text);
    if (!json.ok) return refuse(400, 'malformed', json.code === 'duplicate_key' ? `duplicate key: ${json.error}` : 'the body is not UTF-8 JSON');
    const raw = json.value;
    if (isRecord(raw) && raw['schema'] !== SCHEMA_VERSION)
      return refuse(400, 'schema_version', `unsupported report schema (this server reads schema ${SCHEMA_VERSION})`);

    let parsed: ReturnType<typeof ReportSchema.safeParse>;
    try {
      parsed = ReportSchema.safeParse(raw);
    } catch {
      return refuse(400, 'invalid', 'not a valid report');
    }
    if (!parsed.success) return refuse(400, 'invalid', formatIssues(parsed.error));
    const report: Report = parsed.data;

    if (!policy.epsilons.includes(report.epsilon)) return refuse(400, 'policy', `epsilon must be one of ${policy.epsilons.join(', ')}`);
    if (report.parts.length > policy.maxPartsPerReport) return refuse(400, 'policy', `at most ${policy.maxPartsPerReport} parts`);
    for (const part of report.parts) {
      if (part.pad !== policy.pads[part.kind]) return refuse(400, 'policy', `${part.kind} parts must use pad ${policy.pads[part.kind]}`);
    }
    const age = periodsBetween(report.period, periodOf(t));
    if (age < 0 || age > policy.maxAgeWeeks) return refuse(400, 'period', `period must be the current ISO week or one of the ${policy.maxAgeWeeks} before it`);

    try {
      const cohortKey: Cohort = { period: report.period, epsilon: report.epsilon, partsPerReport: report.parts.length };
      const cohort = await deps.store.openCohort(cohortKey, deps.itemIds(), policy.pads);
      checkReport(report, cohort, cohort.pads);
      // 202 only once the transaction has committed: each acknowledged report is counted exactly once
      await deps.store.add(cohort, contributionOf(report, counterFor(cohort)));
    } catch (e) {
      if (e instanceof ReportMismatchError) return refuse(400, 'policy', e.message);
      return refuse(503, 'storage', 'the aggregate store is unavailable; retry later', { 'retry-after': '60' });
    }
    deps.metrics.accept(now());
    return reply(202, { ok: true });
  };
}
