/**
 * Several real Candor servers (scripts/serve.js over build/) on one real PostgreSQL (a throwaway
 * cluster): they publish the same signed bytes; a bounded load of LDP reports spread over two of
 * them, one killed with SIGKILL in the middle, leaves stored counts equal to the acknowledged
 * reports plus at most those in flight — whole reports, never a part of one — and `estimate
 * --db-url` gives the same Ĝ as those reports counted directly; three servers started at once on an
 * empty database migrate it once, without error.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/cli/local-run';
import { startCluster, type PgCluster } from '../../src/cli/pg-cluster';
import { parseGramJson } from '../../src/cli/train';
import { Aggregator, type Aggregate } from '../../src/lib/privacy/aggregate';
import { estimateGram } from '../../src/lib/privacy/estimate';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { periodOf } from '../../src/lib/privacy/period';
import type { Report } from '../../src/lib/privacy/report';
import { PgAggregateStore } from '../../src/lib/server/feedback/pg-store';
import { repoRoot, startServer, type RealServer } from '../e2e/server';
import { describePg } from '../fixtures/pg/describe-pg';
import { syntheticReport } from '../fixtures/privacy/reports';
import { ensureDevKeys } from '../../scripts/ensure-keys.js';

const PERIOD = periodOf(Date.now());
const EPSILON = 4;
const REPORTS = 240;
const WORKERS_PER_SERVER = 3;
const SEED = 17;

function newestMtime(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return latest;
}

/** The production build, rebuilt only when a source is newer (as `npm start` decides). */
function ensureBuilt(): void {
  const keys = ensureDevKeys();
  const built = join(repoRoot, 'build', 'index.js');
  const sources = ['src', 'static', 'workers', 'models'].map((d) => join(repoRoot, d)).filter((d) => existsSync(d));
  const stale =
    !existsSync(built) || statSync(join(keys, 'root.json')).mtimeMs > statSync(built).mtimeMs || sources.some((d) => newestMtime(d) > statSync(built).mtimeMs);
  if (stale && process.env['CANDOR_E2E_SKIP_BUILD'] !== '1') buildApp(repoRoot);
}

function cli(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function dump(a: Aggregate): unknown {
  return { reports: a.reports, kinds: Object.fromEntries(Object.entries(a.kinds).map(([k, v]) => [k, { parts: v.parts, counts: Array.from(v.counts) }])) };
}

let cluster: PgCluster;
let tmp: string;
/** what every server gets: keys without the signing key (so nothing is signed at start), the offline-signed catalogue and factors */
let deployment: Record<string, string>;
let itemIds: string[];
let blobSha: string;
const servers: RealServer[] = [];

describePg('Candor servers on one PostgreSQL', () => {
  beforeAll(async () => {
    ensureBuilt();
    cluster = await startCluster({ fsync: false });
    tmp = mkdtempSync(join(tmpdir(), 'candor-pg-servers-'));
    const devKeys = ensureDevKeys();
    const keys = join(tmp, 'keys');
    mkdirSync(keys);
    copyFileSync(join(devKeys, 'root.json'), join(keys, 'root.json'));
    const demo = JSON.parse(readFileSync(join(repoRoot, 'src/lib/server/demo-catalogue.json'), 'utf8')) as { version: number; products: { id: string }[] };
    itemIds = demo.products.map((p) => p.id).sort();
    const factors = join(tmp, 'factors');
    mkdirSync(factors);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'models/factors/demo/factors.json'), 'utf8')) as { sha256: string };
    blobSha = manifest.sha256;
    copyFileSync(join(repoRoot, 'models/factors/demo', `factors-${manifest.sha256}.bin`), join(factors, `factors-${manifest.sha256}.bin`));
    const key = join(devKeys, 'signing-key.json');
    cli('sign', [
      '--type',
      'catalogue',
      '--in',
      join(repoRoot, 'src/lib/server/demo-catalogue.json'),
      '--key',
      key,
      '--version',
      String(demo.version),
      '--out',
      join(tmp, 'catalogue.json')
    ]);
    cli('sign', [
      '--type',
      'factors',
      '--in',
      join(repoRoot, 'models/factors/demo/factors.json'),
      '--key',
      key,
      '--version',
      String(demo.version),
      '--out',
      join(factors, 'factors.json')
    ]);
    deployment = {
      CANDOR_KEYS: keys,
      CANDOR_CATALOGUE: join(tmp, 'catalogue.json'),
      CANDOR_FACTORS: factors,
      // the test is the load balancer: it names each report's client address, as a proxy would
      ADDRESS_HEADER: 'X-Forwarded-For',
      XFF_DEPTH: '1'
    };
  });

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await cluster?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('two servers share the counts; one killed with SIGKILL mid-load loses no acknowledged report and leaves no partial one', async () => {
    const url = await cluster.createDatabase('two_servers');
    const env = { ...deployment, CANDOR_DATABASE_URL: url };
    const [a, b] = await Promise.all([startServer(env, { readyPath: '/healthz' }), startServer(env, { readyPath: '/healthz' })]);
    servers.push(a!, b!);

    // stateless: the same signed bytes from each
    for (const path of ['/api/catalogue', '/api/factors', `/api/factors/${blobSha}.bin`, '/api/root']) {
      const [x, y] = await Promise.all([fetch(a!.url + path), fetch(b!.url + path)]);
      expect(x.status, path).toBe(200);
      expect(await x.text(), path).toBe(await y.text());
    }

    const reports: Report[] = Array.from({ length: REPORTS }, (_, i) => syntheticReport(SEED, i, itemIds, PERIOD, EPSILON));
    const acked: number[] = [];
    const ackedBy = new Map<RealServer, number>();
    const lost: number[] = [];
    let next = 0;
    let killed = false;
    const send = async (server: RealServer, i: number): Promise<'acked' | 'lost'> => {
      try {
        const res = await fetch(`${server.url}/api/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify(reports[i])
        });
        if (res.status === 202) return 'acked';
        throw new Error(`report ${i}: ${res.status} ${await res.text()}`);
      } catch (e) {
        if (server === b && killed) return 'lost';
        throw e;
      }
    };
    // each worker stays on its server, as a connection behind a load balancer does; b's workers stop when it dies
    const worker = async (server: RealServer): Promise<void> => {
      while (next < REPORTS) {
        if (server === b && killed) return;
        const i = next++;
        const outcome = await send(server, i);
        if (outcome === 'lost') {
          lost.push(i);
          return;
        }
        acked.push(i);
        ackedBy.set(server, (ackedBy.get(server) ?? 0) + 1);
        // kill b in the middle of the load, while its other workers have requests under way
        if (server === b && !killed && (ackedBy.get(b) ?? 0) >= REPORTS / 5) {
          killed = true;
          b!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([...Array.from({ length: WORKERS_PER_SERVER }, () => worker(a!)), ...Array.from({ length: WORKERS_PER_SERVER }, () => worker(b!))]);
    expect(killed).toBe(true);
    // b's workers that were not mid-request when it died found it dead on their next request: those are lost too, never sent
    expect(acked.length + lost.length).toBeLessThanOrEqual(REPORTS);
    expect(lost.length).toBeLessThanOrEqual(WORKERS_PER_SERVER);
    expect(acked.length).toBeGreaterThan(REPORTS / 2);

    const store = new PgAggregateStore(url, { migrate: false, log: () => undefined });
    let stored: Aggregate;
    try {
      const all = await store.aggregates();
      expect(all).toHaveLength(1);
      stored = all[0]!;
    } finally {
      await store.close();
    }
    console.info(`kill -9 test: ${acked.length} acknowledged, ${lost.length} in flight at the kill, ${stored.reports} stored`);
    expect(stored.reports).toBeGreaterThanOrEqual(acked.length);
    expect(stored.reports).toBeLessThanOrEqual(acked.length + lost.length);
    // exactly the acknowledged reports and some of those in flight, each whole: find which
    let counted: Aggregator | null = null;
    for (let mask = 0; mask < 1 << lost.length && !counted; mask++) {
      const chosen = lost.filter((_, k) => mask & (1 << k));
      if (acked.length + chosen.length !== stored.reports) continue;
      const ref = new Aggregator({ period: PERIOD, epsilon: EPSILON, partsPerReport: 1 }, itemIds, { padLength: DEFAULT_PAD_LENGTH });
      for (const i of [...acked, ...chosen]) ref.add(reports[i]!);
      if (JSON.stringify(dump(ref.aggregate)) === JSON.stringify(dump(stored))) counted = ref;
    }
    expect(counted, 'the stored counts are not the acknowledged reports plus whole in-flight ones').not.toBeNull();

    // the estimator over the database gives the Ĝ of those reports counted directly
    const summary = JSON.parse(cli('estimate', ['--db-url', url, '--gram-out', join(tmp, 'gram.json'), '--raw'])) as { reports: number };
    expect(summary.reports).toBe(stored.reports);
    const fromDb = parseGramJson(readFileSync(join(tmp, 'gram.json'), 'utf8'));
    const direct = estimateGram(counted!.aggregate).gram;
    expect(fromDb.itemIds).toEqual(direct.itemIds);
    let worst = 0;
    for (let x = 0; x < direct.data.length; x++) worst = Math.max(worst, Math.abs(fromDb.data[x]! - direct.data[x]!) / Math.max(1, Math.abs(direct.data[x]!)));
    expect(worst).toBeLessThan(1e-8);

    // the survivor is healthy; its metrics are its own, its period count the shared store's
    expect((await fetch(`${a!.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${a!.url}/metrics`)).text();
    expect(metrics).toContain(`candor_feedback_reports_accepted_total ${ackedBy.get(a!)}\n`);
    expect(metrics).toContain(`candor_feedback_period_reports{period="${PERIOD}"} ${stored.reports}\n`);
    expect(metrics).toContain('candor_feedback_store_up 1\n');
  });

  it('a server whose database is not there yet starts, answers 503 for feedback and health, and recovers by itself', async () => {
    const url = cluster.url('late');
    const server = await startServer({ ...deployment, CANDOR_DATABASE_URL: url });
    servers.push(server);
    const post = (i: number): Promise<Response> =>
      fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${i}` },
        body: JSON.stringify(syntheticReport(SEED, i, itemIds, PERIOD, EPSILON))
      });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { store: string }).store).toMatch(/database "late" does not exist/);
    const refused = await post(1);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toBe('storage');
    expect(server.child.exitCode).toBeNull();
    await cluster.createDatabase('late');
    // the store tries again at most every 2 s
    let status = 0;
    for (let t = 0; t < 40 && status !== 202; t++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await post(2 + t)).status;
    }
    expect(status).toBe(202);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.log()).toMatch(/aggregate store recovered|applied migration/);
    await server.stop();
  });

  it('three servers started at once on an empty database migrate it once, without error', async () => {
    const url = await cluster.createDatabase('three_starts');
    const env = { ...deployment, CANDOR_DATABASE_URL: url };
    const three = await Promise.all([0, 1, 2].map(() => startServer(env, { readyPath: '/healthz' })));
    servers.push(...three);
    const logs = three.map((s) => s.log());
    expect(
      logs.filter((l) => l.includes('applied migration 1')),
      logs.join('\n---\n')
    ).toHaveLength(1);
    for (const l of logs) expect(l).not.toMatch(/error|could not be opened|failed/i);
    for (const s of three) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version, name FROM schema_migrations')).rows).toEqual([{ version: 1, name: 'aggregate counters' }]);
    } finally {
      await client.end();
    }
    await Promise.all(three.map((s) => s.stop()));
  });
});
