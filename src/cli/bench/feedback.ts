/**
 * POST /api/feedback throughput and latency on each aggregate store: one real server on SQLite, one
 * on PostgreSQL, and two on one PostgreSQL (a throwaway cluster, src/cli/pg-cluster.ts, fsync on as
 * deployed). The same valid ε-LDP reports (the demo catalogue's domain) are sent by a fixed number of
 * concurrent clients spread round-robin over the servers, each report from its own address (through
 * X-Forwarded-For, as behind a load balancer, so the per-address limiter does not throttle the
 * bench). Bounded in count and in time, on the loopback only; the stored report count is read back
 * so a run that lost reports shows it.
 */
import { ensureBuilt, startBenchServer, type BenchServer } from './browser';
import type { BenchContext } from './context';
import { mulberry32 } from '../../lib/common/random';
import { periodOf } from '../../lib/privacy/period';
import { reportFromSets } from '../../lib/privacy/report';
import { catalogueItemIds } from '../../lib/server/feedback/service';
import { pgUnavailable, startCluster, type PgCluster } from '../pg-cluster';

const CLIENTS = 8;
const WARMUP = 40;

/** A server behind a proxy that names the client in X-Forwarded-For, as the load below does. */
const serve = (env: Record<string, string>): Promise<BenchServer> => startBenchServer({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1', ...env });

/** Report bodies for distinct simulated people: a few products engaged with this week. */
function bodies(count: number, itemIds: readonly string[]): string[] {
  const period = periodOf(Date.now());
  return Array.from({ length: count }, (_, i) => {
    const rng = mulberry32((0x5eed + Math.imul(i, 0x9e3779b1)) >>> 0);
    const set = [...new Set(Array.from({ length: 1 + Math.floor(rng() * 5) }, () => itemIds[Math.floor(itemIds.length * rng() ** 2)]!))].sort();
    return JSON.stringify(reportFromSets({ 'item:view': set, pair: set, 'item:favorite': set.slice(0, 1) }, { period, epsilon: 4, rng }));
  });
}

const q = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
const ms = (x: number): number => Math.round(x * 100) / 100;

/** Send `posts` with CLIENTS concurrent clients over `servers`, until all are sent or `budgetMs` is spent. */
async function load(servers: readonly BenchServer[], posts: readonly string[], budgetMs: number, offset: number): Promise<Record<string, number>> {
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  const deadline = performance.now() + budgetMs;
  const t0 = performance.now();
  const client = async (c: number): Promise<void> => {
    const server = servers[c % servers.length]!;
    while (next < posts.length && performance.now() < deadline) {
      const i = next++;
      const a = offset + i;
      const start = performance.now();
      const res = await fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}` },
        body: posts[i]
      });
      await res.arrayBuffer();
      if (res.status === 202) latencies.push(performance.now() - start);
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const wall = performance.now() - t0;
  latencies.sort((x, y) => x - y);
  return {
    accepted: latencies.length,
    refused,
    seconds: ms(wall / 1000),
    reportsPerSecond: Math.round(latencies.length / (wall / 1000)),
    p50Ms: ms(q(latencies, 0.5)),
    p99Ms: ms(q(latencies, 0.99)),
    maxMs: ms(latencies[latencies.length - 1] ?? NaN)
  };
}

async function storedReports(server: BenchServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return [...text.matchAll(/^candor_feedback_period_reports\{[^}]*\} (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
}

async function scenario(count: number, env: Record<string, string>, budgetMs: number, posts: readonly string[]): Promise<Record<string, unknown>> {
  const servers = await Promise.all(Array.from({ length: count }, () => serve(env)));
  try {
    await load(servers, posts.slice(0, WARMUP), budgetMs, 0);
    const result = await load(servers, posts.slice(WARMUP), budgetMs, WARMUP);
    return { servers: count, clients: CLIENTS, ...result, storedReports: await storedReports(servers[0]!) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  ensureBuilt();
  const reports = ctx.quick ? 300 : 2000;
  const budgetMs = ctx.quick ? 20_000 : 60_000;
  const posts = bodies(WARMUP + reports, catalogueItemIds({}));
  const out: Record<string, unknown> = { reportsPerRun: reports, timeBudgetSeconds: budgetMs / 1000, warmupReports: WARMUP };
  let cluster: PgCluster | null = null;
  try {
    // the SQLite store: the file in the server's own folder
    out['sqlite'] = await scenario(1, {}, budgetMs, posts);
    const missing = pgUnavailable();
    if (missing) {
      out['postgres'] = { skipped: missing };
      return out;
    }
    cluster = await startCluster();
    out['postgresOneServer'] = await scenario(1, { CANDOR_DATABASE_URL: await cluster.createDatabase('bench_one') }, budgetMs, posts);
    out['postgresTwoServers'] = await scenario(2, { CANDOR_DATABASE_URL: await cluster.createDatabase('bench_two') }, budgetMs, posts);
    return out;
  } finally {
    await cluster?.stop();
  }
}
