/**
 * The feedback endpoint's logic (src/lib/server/feedback/handler.ts) and its SQLite aggregate store:
 * bad requests are refused with a 4xx and change nothing; accepted reports add exactly what the
 * in-memory Aggregator adds; nothing but counters is stored; a writer killed with SIGKILL in the
 * middle of its writes loses no committed report and leaves a sound database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEstimateArgs, runEstimate } from '../../src/cli/estimate';
import { parseGramJson } from '../../src/cli/train';
import { Aggregator, type Aggregate } from '../../src/lib/privacy/aggregate';
import { estimateCounts, estimateGram } from '../../src/lib/privacy/estimate';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { periodOf, shiftPeriod } from '../../src/lib/privacy/period';
import { createFeedbackHandler, type FeedbackHandler } from '../../src/lib/server/feedback/handler';
import { RateLimiter } from '../../src/lib/server/feedback/limiter';
import { FeedbackMetrics } from '../../src/lib/server/feedback/metrics';
import { SqliteAggregateStore } from '../../src/lib/server/feedback/sqlite-store';
import { syntheticIds, syntheticReport } from '../fixtures/privacy/reports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = Date.parse('2026-11-25T12:00:00Z');
const PERIOD = periodOf(NOW); // 2026-W48
const ITEMS = syntheticIds(40);
const ADDRESS = '203.0.113.77';

/** Everything a store holds, as comparable plain data. */
function dump(aggs: readonly Aggregate[]): unknown {
  return aggs.map((a) => ({
    period: a.period,
    epsilon: a.epsilon,
    m: a.partsPerReport,
    reports: a.reports,
    kinds: Object.fromEntries(Object.entries(a.kinds).map(([k, v]) => [k, { parts: v.parts, pad: v.pad, counts: Array.from(v.counts) }]))
  }));
}

let dir: string;
let store: SqliteAggregateStore;
let metrics: FeedbackMetrics;
let handle: FeedbackHandler;

function post(body: string | Uint8Array<ArrayBuffer>, opts: { type?: string; address?: string; length?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'application/json' };
  if (opts.length !== undefined && opts.length !== null) headers['content-length'] = opts.length;
  const request = new Request('http://localhost/api/feedback', { method: 'POST', headers, body });
  return handle(request, opts.address ?? ADDRESS);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-feedback-'));
  store = new SqliteAggregateStore(join(dir, 'sub', 'agg.sqlite'));
  metrics = new FeedbackMetrics(NOW);
  handle = createFeedbackHandler({
    store,
    metrics,
    limiter: new RateLimiter({ capacity: 30, refillPerSecond: 0.5, maxEntries: 1000 }),
    itemIds: () => ITEMS,
    now: () => NOW
  });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/feedback handler', () => {
  it('accepts valid reports and adds exactly what the in-memory Aggregator adds', async () => {
    const reference = new Aggregator({ period: PERIOD, epsilon: 4, partsPerReport: 1 }, ITEMS);
    for (let i = 0; i < 25; i++) {
      const report = syntheticReport(7, i, ITEMS, PERIOD, 4);
      const res = await post(JSON.stringify(report));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ ok: true });
      reference.add(report);
    }
    const stored = store.aggregates();
    expect(stored).toHaveLength(1);
    expect(dump(stored)).toEqual(dump([reference.aggregate]));
    expect(metrics.accepted).toBe(25);
    expect(store.reportsPerPeriod()).toEqual([{ period: PERIOD, reports: 25 }]);
    // different ε values are separate cohorts
    expect((await post(JSON.stringify(syntheticReport(7, 99, ITEMS, PERIOD, 1)))).status).toBe(202);
    expect(
      store
        .aggregates()
        .map((a) => a.epsilon)
        .sort()
    ).toEqual([1, 4]);
  });

  it('refuses malformed, oversized, wrong-schema and out-of-policy requests with a 4xx and changes nothing', async () => {
    expect((await post(JSON.stringify(syntheticReport(1, 0, ITEMS, PERIOD, 4)))).status).toBe(202);
    const before = dump(store.aggregates());
    const good = syntheticReport(1, 1, ITEMS, PERIOD, 4);
    const big = JSON.stringify({ ...good, padding: 'x'.repeat(70_000) });
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['not JSON', () => post('{"schema":1,'), 400, 'malformed'],
      ['not UTF-8', () => post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'malformed'],
      ['wrong content type', () => post(JSON.stringify(good), { type: 'text/plain' }), 415, 'unsupported_media_type'],
      ['declared too large', () => post(JSON.stringify(good), { length: String(65 * 1024) }), 413, 'too_large'],
      ['body too large', () => post(big), 413, 'too_large'],
      ['schema 2', () => post(JSON.stringify({ ...good, schema: 2 })), 400, 'schema_version'],
      ['no schema', () => post(JSON.stringify({ period: good.period, epsilon: 4, parts: good.parts })), 400, 'schema_version'],
      ['an array', () => post('[1,2,3]'), 400, 'invalid'],
      ['extra field (an id)', () => post(JSON.stringify({ ...good, userId: 'u1' })), 400, 'invalid'],
      ['extra field in a part', () => post(JSON.stringify({ ...good, parts: [{ ...good.parts[0]!, ts: '2026-11-25T10:00:00Z' }] })), 400, 'invalid'],
      ['timestamp as period', () => post(JSON.stringify({ ...good, period: '2026-11-25' })), 400, 'invalid'],
      ['value ≥ g', () => post(JSON.stringify({ ...good, parts: [{ ...good.parts[0]!, value: 56 }] })), 400, 'invalid'],
      ['unknown kind', () => post(JSON.stringify({ ...good, parts: [{ ...good.parts[0]!, kind: 'item:search' }] })), 400, 'invalid'],
      ['negative ε', () => post(JSON.stringify({ ...good, epsilon: -1 })), 400, 'invalid'],
      ['ε a string', () => post(JSON.stringify({ ...good, epsilon: '4' })), 400, 'invalid'],
      ['no parts', () => post(JSON.stringify({ ...good, parts: [] })), 400, 'invalid'],
      ['seven parts', () => post(JSON.stringify({ ...good, parts: new Array(7).fill(good.parts[0]) })), 400, 'invalid'],
      ['ε not offered', () => post(JSON.stringify({ ...good, epsilon: 3 })), 400, 'policy'],
      ['ε above the weekly cap', () => post(JSON.stringify(syntheticReport(1, 2, ITEMS, PERIOD, 8))), 400, 'policy'],
      ['wrong pad', () => post(JSON.stringify({ ...good, parts: [{ ...good.parts[0]!, pad: 3 }] })), 400, 'policy'],
      ['future period', () => post(JSON.stringify({ ...good, period: shiftPeriod(PERIOD, 1) })), 400, 'period'],
      ['stale period', () => post(JSON.stringify({ ...good, period: shiftPeriod(PERIOD, -9) })), 400, 'period']
    ];
    for (const [name, send, status, reason] of cases) {
      const res = await send();
      expect(res.status, name).toBe(status);
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(body.ok, name).toBe(false);
      expect(body.error, name).toBe(reason);
    }
    expect(dump(store.aggregates())).toEqual(before);
    expect(metrics.accepted).toBe(1);
    expect(Object.values(metrics.refused).reduce((s, x) => s + x, 0)).toBe(cases.length);
    const text = metrics.render(NOW + 5000, store.reportsPerPeriod());
    expect(text).toContain('candor_feedback_reports_accepted_total 1\n');
    expect(text).toContain('candor_feedback_reports_refused_total{reason="malformed"} 2\n');
    expect(text).toContain('candor_feedback_reports_refused_total{reason="policy"} 3\n');
    expect(text).toContain('candor_feedback_aggregate_freshness_seconds 5\n');
    expect(text).toContain(`candor_feedback_period_reports{period="${PERIOD}"} 1\n`);
  });

  it('refuses a flood from one address with 429 and leaves other addresses alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await post(JSON.stringify(syntheticReport(3, i, ITEMS, PERIOD, 4)))).status);
    expect(statuses.every((s) => s === 202)).toBe(true);
    const before = dump(store.aggregates());
    for (let i = 30; i < 40; i++) statuses.push((await post(JSON.stringify(syntheticReport(3, i, ITEMS, PERIOD, 4)))).status);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const flood = await post(JSON.stringify(syntheticReport(3, 41, ITEMS, PERIOD, 4)));
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // the refused flood changed no counter, not only the report count
    expect(dump(store.aggregates())).toEqual(before);
    expect(store.aggregates()[0]!.reports).toBe(30);
    expect((await post(JSON.stringify(syntheticReport(3, 42, ITEMS, PERIOD, 4)), { address: '198.51.100.9' })).status).toBe(202);
    expect(metrics.refused.rate_limited).toBe(11);
  });

  it('stores counters only: no report, no address, no time', async () => {
    const report = syntheticReport(5, 0, ITEMS, PERIOD, 4);
    expect((await post(JSON.stringify(report))).status).toBe(202);
    store.close();
    const files = readdirSync(join(dir, 'sub'));
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, 'sub', f))));
    const text = bytes.toString('latin1');
    expect(text).not.toContain(ADDRESS);
    expect(text).not.toContain(String(report.parts[0]!.seed));
    expect(text).not.toContain('2026-11-25');
    store = new SqliteAggregateStore(join(dir, 'sub', 'agg.sqlite'));
    store.check();
    expect(store.integrityCheck()).toBe('ok');
  });
});

describe('estimator job (npm run estimate)', () => {
  it('writes the Gram JSON that `train --gram` reads, and per-product counts', async () => {
    for (let i = 0; i < 30; i++) expect((await post(JSON.stringify(syntheticReport(9, i, ITEMS, PERIOD, 4)), { address: `10.0.0.${i}` })).status).toBe(202);
    const last = shiftPeriod(PERIOD, -1);
    const lastWeek = createFeedbackHandler({ store, metrics, limiter: new RateLimiter(), itemIds: () => ITEMS, now: () => NOW - 7 * 86_400_000 });
    for (let i = 0; i < 10; i++) {
      const req = new Request('http://localhost/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(syntheticReport(9, 100 + i, ITEMS, last, 2))
      });
      expect((await lastWeek(req, 'x')).status).toBe(202);
    }
    const dbPath = join(dir, 'sub', 'agg.sqlite');
    const args = parseEstimateArgs(['--db', dbPath, '--gram-out', join(dir, 'out', 'gram.json'), '--counts-out', join(dir, 'out', 'counts.json'), '--raw'], {});
    const summary = runEstimate(args);
    expect(summary['reports']).toBe(40);
    expect(summary['periods']).toEqual([last, PERIOD]);
    const gram = parseGramJson(readFileSync(join(dir, 'out', 'gram.json'), 'utf8'));
    const expected = estimateGram(store.aggregates()).gram;
    expect(gram.itemIds).toEqual(ITEMS);
    for (let x = 0; x < gram.data.length; x++) expect(gram.data[x]).toBeCloseTo(expected.data[x]!, 4);
    const counts = JSON.parse(readFileSync(join(dir, 'out', 'counts.json'), 'utf8')) as { kinds: Record<string, { counts: number[] }> };
    const views = store.aggregates().map((a) => estimateCounts(a, 'item:view'));
    expect(counts.kinds['item:view']!.counts[0]).toBeCloseTo(
      views.reduce((s, v) => s + v.counts[0]!, 0),
      1
    );
    // without --raw the Gram is made PSD; --from/--to select weeks
    const psd = runEstimate(parseEstimateArgs(['--db', dbPath, '--from', PERIOD, '--gram-out', join(dir, 'out', 'psd.json')], {}));
    expect(psd['reports']).toBe(30);
    expect((psd['gram'] as { psd: boolean }).psd).toBe(true);
    expect(() => runEstimate(parseEstimateArgs(['--db', join(dir, 'missing.sqlite')], {}))).toThrow(/not found/);
  });
});

describe('crash safety', () => {
  it('a writer killed with SIGKILL mid-write loses no committed report and leaves a sound database', async () => {
    const path = join(dir, 'crash.sqlite');
    const seed = 11;
    const epsilon = 1; // small g: large support sets, so each transaction takes a while
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'tests/fixtures/privacy/writer.ts'), path, String(seed), String(epsilon), '320', PERIOD],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    let confirmed = -1;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer made no progress: ${stderr}`)), 25_000);
      child.stdout.on('data', (b: Buffer) => {
        buffered += b.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        let writing = false;
        for (const line of lines) {
          const m = /^committed (\d+)$/.exec(line);
          if (m) confirmed = Number(m[1]);
          writing = line.startsWith('begin ');
        }
        // kill while a transaction is under way (the child printed `begin` and not yet `committed`)
        if (confirmed >= 60 && writing && !child.killed) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => {
        if (!child.killed) reject(new Error(`writer exited on its own (${code}): ${stderr}`));
      });
    });
    await new Promise((r) => child.once('close', r));
    const reopened = new SqliteAggregateStore(path);
    try {
      expect(reopened.integrityCheck()).toBe('ok');
      const [agg] = reopened.aggregates();
      // every confirmed report is there; at most the one in flight beyond it, and only whole
      const committed = agg!.reports;
      expect(committed === confirmed + 1 || committed === confirmed + 2).toBe(true);
      const ids = syntheticIds(320);
      const reference = new Aggregator({ period: PERIOD, epsilon, partsPerReport: 1 }, ids, { padLength: DEFAULT_PAD_LENGTH });
      for (let i = 0; i < committed; i++) reference.add(syntheticReport(seed, i, ids, PERIOD, epsilon));
      expect(dump([agg!])).toEqual(dump([reference.aggregate]));
    } finally {
      reopened.close();
    }
  }, 30_000);
});
