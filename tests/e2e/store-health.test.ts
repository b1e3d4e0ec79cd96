/**
 * The aggregate store under the real server: a damaged and a read-only SQLite file give 503 on
 * /healthz and POST /api/feedback and `store_up 0` on /metrics, are logged, and the server recovers
 * once the file does; kill -9 under load loses no acknowledged report and leaves a sound file.
 */
import { chmodSync, closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contributionOf, SupportCounter } from '../../src/lib/privacy/aggregate';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { periodOf } from '../../src/lib/privacy/period';
import { SqliteAggregateStore } from '../../src/lib/server/feedback/sqlite-store';
import { syntheticReport } from '../fixtures/privacy/reports';
import { demoProducts } from './fixtures';
import { startServer, type RealServer } from './server';

const ITEMS = demoProducts.map((p) => p.id).sort();
const period = () => periodOf(Date.now());
const report = (i: number) => JSON.stringify(syntheticReport(5, i, ITEMS, period(), 4));

let dir: string;
let server: RealServer | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-store-'));
  chmodSync(dir, 0o755);
});
afterEach(async () => {
  await server?.stop();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

function storeWith(path: string, n: number): void {
  const store = new SqliteAggregateStore(path);
  const cohort = store.openCohort({ period: period(), epsilon: 4, partsPerReport: 1 }, ITEMS, DEFAULT_PAD_LENGTH);
  const counter = new SupportCounter(ITEMS);
  for (let i = 0; i < n; i++) store.add(cohort, contributionOf(syntheticReport(9, i, ITEMS, period(), 4), counter));
  store.close();
}

async function health(url: string): Promise<{ status: number; store: string }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, store: String(((await res.json()) as { store?: unknown }).store) };
}
const postReport = async (url: string, i: number, headers: Record<string, string> = {}) =>
  (await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: report(i) })).status;
const storeUp = async (url: string) => /candor_feedback_store_up (\d)/.exec(await (await fetch(`${url}/metrics`)).text())?.[1];

/** the store is down everywhere it shows: /healthz, POST, /metrics, and the log says why */
async function expectDown(s: RealServer, why: RegExp): Promise<void> {
  const h = await health(s.url);
  expect(h.status).toBe(503);
  expect(h.store).toMatch(why);
  expect(await postReport(s.url, 1)).toBe(503);
  expect(await storeUp(s.url)).toBe('0');
  expect(s.log()).toMatch(/aggregate store/);
}

async function expectRecovered(s: RealServer): Promise<void> {
  await expect.poll(() => postReport(s.url, 2), { timeout: 10_000, interval: 500 }).toBe(202);
  expect((await health(s.url)).status).toBe(200);
  expect(await storeUp(s.url)).toBe('1');
  expect(s.log()).toMatch(/aggregate store recovered/);
}

describe('store health on the real server', () => {
  it('a damaged SQLite file: 503, store_up 0, logged; back to 202 once the file is restored', async () => {
    const path = join(dir, 'agg.sqlite');
    storeWith(path, 50);
    copyFileSync(path, `${path}.good`);
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - 8192, 0xa5), 0, size - 8192, 8192); // every page after schema and meta
    closeSync(fd);
    server = await startServer({ CANDOR_DB: path }, { readyPath: '/api/root' });
    await expectDown(server, /damaged|malformed/);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    copyFileSync(`${path}.good`, path);
    await expectRecovered(server);
  });

  it('a read-only SQLite file: 503 (not 500), store_up 0, logged; back to 202 once it is writable', async () => {
    const path = join(dir, 'agg.sqlite');
    storeWith(path, 5);
    // the file and its directory read-only (so SQLite cannot make its journal files either), then both writable
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    server = await startServer({ CANDOR_DB: path }, { readyPath: '/api/root', fileModesBind: true });
    await expectDown(server, /readonly|read-only|unable to open/);
    expect(server.log()).not.toMatch(/\b500\b/);
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    await expectRecovered(server);
  });

  it('kill -9 under load: stored reports == acknowledged (+ at most those in flight), and the file is sound', async () => {
    const path = join(dir, 'agg.sqlite');
    // behind a trusted proxy (README): each device its own rate-limit bucket, so the load is not refused
    server = await startServer({ CANDOR_DB: path, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }, { readyPath: '/api/root' });
    const s = server;
    const TOTAL = 600;
    const CONCURRENCY = 8;
    let next = 0;
    let acked = 0;
    let refused = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (next < TOTAL && !killed) {
        const i = next++;
        try {
          const status = await postReport(s.url, i, { 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` });
          if (status === 202) acked++;
          else refused++;
        } catch {
          // the server died under this request: in flight, acknowledged or not is unknown
        }
        if (acked >= 150 && !killed) {
          killed = true;
          s.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await new Promise((r) => (s.child.exitCode !== null || s.child.signalCode !== null ? r(null) : s.child.once('exit', r)));
    const sent = next;
    const inFlight = sent - acked - refused;
    const db = new Database(path);
    const stored = Number(db.prepare<[], { n: number | null }>('SELECT SUM(reports) AS n FROM cohorts').get()?.n ?? 0);
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    console.log(
      `kill -9 under load: sent ${sent}, acknowledged ${acked}, refused ${refused}, in flight ${inFlight}, stored ${stored}, integrity ${String(integrity)}`
    );
    expect(refused).toBe(0);
    expect(killed).toBe(true);
    expect(stored).toBeGreaterThanOrEqual(acked);
    expect(stored).toBeLessThanOrEqual(acked + inFlight);
    expect(inFlight).toBeLessThanOrEqual(CONCURRENCY);
    expect(integrity).toBe('ok');
  });
});
