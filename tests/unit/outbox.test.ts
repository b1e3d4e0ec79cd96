/**
 * The feedback outbox (src/lib/client/outbox.ts) against the real feedback handler and SQLite
 * store: one report per period however many callers race, the exact stored bytes are what is
 * posted (no cookie, no id, no referrer), retries resend the same bytes only when the server proves
 * it did not count them, an ambiguous failure is never resent, pause/stop/resume behave as
 * documented, ε is in the ledger, and export carries both.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheCatalogue, eraseAll, exportAll, ExportFileSchema, openCandorDb, recordEvent, type CandorDB } from '../../src/lib/client/db';
import {
  buildOnce,
  getEpsilon,
  listReports,
  readLedger,
  reenrolAfterErase,
  runOutbox,
  sendNow,
  setEpsilon,
  setUploadMode,
  type OutboxDeps
} from '../../src/lib/client/outbox';
import { mulberry32 } from '../../src/lib/common/random';
import { MAX_SEND_DELAY_MS, MIN_SEND_DELAY_MS, outcomeOf } from '../../src/lib/privacy/delivery';
import { periodOf, shiftPeriod } from '../../src/lib/privacy/period';
import { ReportSchema } from '../../src/lib/privacy/report';
import { createFeedbackHandler } from '../../src/lib/server/feedback/handler';
import { RateLimiter } from '../../src/lib/server/feedback/limiter';
import { FeedbackMetrics } from '../../src/lib/server/feedback/metrics';
import { SqliteAggregateStore } from '../../src/lib/server/feedback/sqlite-store';
import { makeProduct } from '../fixtures/engine/fixtures';

const WEEK = 7 * 86_400_000;
const START = Date.parse('2026-11-25T12:00:00Z'); // Wednesday of 2026-W48
const PRODUCTS = ['fund-1', 'fund-2', 'dep-1', 'card-1'].map((id) => makeProduct(id));
const IDS = PRODUCTS.map((p) => p.id).sort();

interface Sent {
  url: string;
  init: RequestInit;
}

let db: CandorDB;
let store: SqliteAggregateStore;
let clock: number;
let sent: Sent[];
/** answers to force before the real server answers (a status, or 'throw' for a network failure) */
let scripted: (number | 'throw')[];
let deps: OutboxDeps;

beforeEach(async () => {
  db = openCandorDb(`outbox-${Math.random().toString(36).slice(2)}`);
  await cacheCatalogue(db, { version: 1, products: PRODUCTS }, new Date(START));
  store = new SqliteAggregateStore(':memory:');
  clock = START;
  sent = [];
  scripted = [];
  const handle = createFeedbackHandler({ store, metrics: new FeedbackMetrics(START), limiter: new RateLimiter(), itemIds: () => IDS, now: () => clock });
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    if (url === '/healthz') return new Response('{"ok":true}', { status: 200 });
    sent.push({ url, init });
    const next = scripted.shift();
    if (next === 'throw') throw new TypeError('Failed to fetch');
    if (next !== undefined) return new Response('{}', { status: next, headers: next === 429 ? { 'retry-after': '120' } : {} });
    return handle(new Request(`http://localhost${url}`, { method: init.method, headers: init.headers, body: init.body as string }), '192.0.2.1');
  };
  deps = { db, fetch: fetchImpl as typeof fetch, now: () => clock, rng: mulberry32(7), online: () => true };
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  store.close();
});

const reportsCounted = () => store.aggregates().reduce((s, a) => s + a.reports, 0);

async function view(id: string, at: number): Promise<void> {
  const r = await recordEvent(db, { type: 'view', productId: id, ts: new Date(at).toISOString() }, (x) => IDS.includes(x));
  expect(r.ok).toBe(true);
}

describe('feedback outbox', () => {
  it('builds at most one report per period, however many callers race for it', async () => {
    const period = periodOf(clock);
    const rows = await Promise.all(Array.from({ length: 8 }, () => buildOnce(deps, period, clock)));
    expect(new Set(rows.map((r) => r!.id)).size).toBe(1);
    expect(await listReports(db)).toHaveLength(1);
    const ledger = await readLedger(db);
    expect(ledger.spent(period)).toBe(4);
    expect(ledger.total()).toBe(4);
    // sendNow racing too: one POST, one counted report
    const results = await Promise.all(Array.from({ length: 4 }, () => sendNow(deps)));
    expect(results.filter((r) => r.state === 'sent')).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(reportsCounted()).toBe(1);
    expect((await sendNow(deps)).state).toBe('already');
    expect(sent).toHaveLength(1);
  });

  it('reports the last completed week after a random delay, with the stored bytes and nothing else', async () => {
    await view('fund-1', clock);
    expect(await runOutbox(deps)).toBeGreaterThan(0); // enrols in 2026-W48; nothing is due yet
    expect(await listReports(db)).toHaveLength(0);

    clock += WEEK; // 2026-W49: W48 is due
    await runOutbox(deps);
    const [row] = await listReports(db);
    expect(row!.period).toBe('2026-W48');
    expect(row!.status).toBe('queued');
    expect(row!.sendAfter - clock).toBeGreaterThanOrEqual(MIN_SEND_DELAY_MS);
    expect(row!.sendAfter - clock).toBeLessThanOrEqual(MAX_SEND_DELAY_MS);
    expect(sent).toHaveLength(0);

    clock = row!.sendAfter;
    await runOutbox(deps);
    expect(sent).toHaveLength(1);
    const { url, init } = sent[0]!;
    expect(url).toBe('/api/feedback');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('omit');
    expect(init.referrerPolicy).toBe('no-referrer');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
    expect(init.body).toBe(row!.body);
    const report = ReportSchema.parse(JSON.parse(init.body as string));
    expect(Object.keys(report).sort()).toEqual(['epsilon', 'parts', 'period', 'schema']);
    expect(init.body).not.toMatch(/fund-1|2026-11|T\d\d:/);
    expect((await listReports(db))[0]!.status).toBe('sent');
    expect(reportsCounted()).toBe(1);

    // an empty week is reported too; the same week never twice
    clock += WEEK;
    await runOutbox(deps);
    clock += MAX_SEND_DELAY_MS;
    await runOutbox(deps);
    await runOutbox(deps);
    expect((await listReports(db)).map((r) => `${r.period}:${r.status}`)).toEqual(['2026-W48:sent', '2026-W49:sent']);
    expect(reportsCounted()).toBe(2);
    expect((await readLedger(db)).byPeriod().map((p) => p.epsilon)).toEqual([4, 4]);
  });

  it('resends the same bytes only after an answer proving the report was not counted', async () => {
    scripted = [503, 429];
    expect((await sendNow(deps)).state).toBe('queued');
    let [row] = await listReports(db);
    expect(row!.lastResult).toBe('503');
    clock = row!.sendAfter;
    await runOutbox(deps);
    [row] = await listReports(db);
    expect(row!.lastResult).toBe('429');
    expect(row!.sendAfter - clock).toBeGreaterThanOrEqual(120_000); // Retry-After is a floor
    clock = row!.sendAfter;
    await runOutbox(deps);
    expect((await listReports(db))[0]!.status).toBe('sent');
    expect(sent.map((s) => s.init.body)).toEqual([row!.body, row!.body, row!.body]);
    expect(reportsCounted()).toBe(1);
  });

  it('never resends after an ambiguous failure, and settles a claim left by a dead tab', async () => {
    scripted = ['throw'];
    expect((await sendNow(deps)).state).toBe('unconfirmed');
    for (let i = 0; i < 3; i++) {
      clock += MAX_SEND_DELAY_MS;
      await runOutbox(deps);
    }
    expect(sent).toHaveLength(1);
    expect((await sendNow(deps)).state).toBe('already');

    // a row some tab claimed and never finished
    const period = shiftPeriod(periodOf(clock), 1);
    clock += WEEK;
    const row = await buildOnce(deps, period, clock);
    await db.reports.put({ ...row!, status: 'sending', claimedAt: clock, attempts: 1 });
    await runOutbox(deps);
    expect((await listReports(db)).find((r) => r.period === period)!.status).toBe('sending');
    clock += 3 * 60_000;
    await runOutbox(deps);
    expect((await listReports(db)).find((r) => r.period === period)!.status).toBe('unconfirmed');
    expect(sent).toHaveLength(1);
    // what each status means
    expect([200, 202, 408, 429, 503, 400, 413, 500, 502].map(outcomeOf)).toEqual([
      'sent',
      'sent',
      'retry',
      'retry',
      'retry',
      'refused',
      'refused',
      'unconfirmed',
      'unconfirmed'
    ]);
  });

  it('paused keeps building and sends nothing; stopped does neither; resume sends what waited', async () => {
    await runOutbox(deps); // enrol
    await setUploadMode(db, 'paused');
    clock += WEEK;
    await runOutbox(deps);
    clock += MAX_SEND_DELAY_MS;
    await runOutbox(deps);
    expect((await listReports(db)).map((r) => r.status)).toEqual(['queued']);
    expect(sent).toHaveLength(0);

    await setUploadMode(db, 'stopped');
    clock += WEEK;
    await runOutbox(deps);
    expect(await listReports(db)).toHaveLength(1);
    expect((await sendNow(deps)).state).toBe('stopped');
    expect(sent).toHaveLength(0);

    await setUploadMode(db, 'on');
    await runOutbox(deps);
    const rows = await listReports(db);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'queued']); // the old one goes; this week's due one waits its delay
    expect(sent).toHaveLength(1);
    expect((await readLedger(db)).total()).toBe(8);
  });

  it('after an erase, reports nothing for this week or the last one again', async () => {
    clock += WEEK; // enrol in W49 and send W49's report at once
    await runOutbox(deps);
    expect((await sendNow(deps)).state).toBe('sent');
    await eraseAll(db);
    await reenrolAfterErase(db, clock);
    await cacheCatalogue(db, { version: 1, products: PRODUCTS }, new Date(clock));
    expect((await sendNow(deps)).state).toBe('waiting');
    await runOutbox(deps);
    clock += WEEK; // W50: W49 must not be reported again
    await runOutbox(deps);
    expect(await listReports(db)).toHaveLength(0);
    clock += WEEK; // W51: W50 is due
    await runOutbox(deps);
    expect((await listReports(db)).map((r) => r.period)).toEqual(['2026-W50']);
    expect(sent.map((s) => ReportSchema.parse(JSON.parse(s.init.body as string)).period)).toEqual(['2026-W49']);
  });

  it('uses the ε the person chose, one the server accepts, and records it', async () => {
    expect(await getEpsilon(db)).toBe(4);
    await expect(setEpsilon(db, 3)).rejects.toThrow();
    await setEpsilon(db, 1);
    expect((await sendNow(deps)).state).toBe('sent');
    expect(ReportSchema.parse(JSON.parse(sent[0]!.init.body as string)).epsilon).toBe(1);
    expect((await readLedger(db)).spent(periodOf(clock))).toBe(1);
    expect(store.aggregates().map((a) => a.epsilon)).toEqual([1]);
  });

  it('export carries every report with its bytes, and the ledger', async () => {
    await view('dep-1', clock);
    await sendNow(deps);
    const file = ExportFileSchema.parse(JSON.parse(JSON.stringify(await exportAll(db, new Date(clock)))));
    expect(file.reports).toHaveLength(1);
    expect(file.reports[0]!.body).toBe(sent[0]!.init.body);
    expect(file.ledger.entries).toEqual([{ period: periodOf(START), epsilon: 4 }]);
    expect(file.unreadableRows).toBe(0);
  });
});
