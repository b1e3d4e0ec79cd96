/**
 * The real server at its edges: an ambiguous report (a key twice), an oversized chunked body, the
 * rate limit behind a trusted reverse proxy, and a bank's offline-signed catalogue that expires.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { periodOf } from '../../src/lib/privacy/period';
import { envelopeToJson, isoSeconds, parseKeyPairJson } from '../../src/lib/signing/index';
import { signEnvelope } from '../../src/lib/documents';
import { syntheticReport } from '../fixtures/privacy/reports';
import { demoProducts } from './fixtures';
import { repoRoot, startServer, type RealServer } from './server';

const baseURL = inject('baseURL');
const ITEMS = demoProducts.map((p) => p.id).sort();
let dir: string;
let servers: RealServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-edges-'));
});
afterEach(async () => {
  for (const s of servers) await s.stop();
  servers = [];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const post = (url: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe('POST /api/feedback at its edges', () => {
  it('refuses a report with a key given twice ("epsilon":8,"epsilon":4), which JSON.parse would read as ε 4', async () => {
    const report = JSON.stringify(syntheticReport(3, 0, ITEMS, periodOf(Date.now()), 4));
    const twice = report.replace('"epsilon":4', '"epsilon":8,"epsilon":4');
    expect(twice).not.toBe(report);
    const res = await post(baseURL, twice);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'malformed', message: expect.stringMatching(/duplicate key/) });
  });

  it('answers an oversized chunked body (no Content-Length) with 413, not a reset connection', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 32; i++) c.enqueue(chunk); // 2 MiB
        c.close();
      }
    });
    const res = await post(baseURL, body);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('behind a trusted proxy (ADDRESS_HEADER, XFF_DEPTH) each device has its own bucket; without it X-Forwarded-For is ignored', async () => {
    const proxied = await startServer({ CANDOR_DB: join(dir, 'a.sqlite'), ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }, { readyPath: '/api/root' });
    const direct = await startServer({ CANDOR_DB: join(dir, 'b.sqlite') }, { readyPath: '/api/root' });
    servers.push(proxied, direct);
    // a refused body still takes a token: the limit comes before anything else
    const burst = async (url: string, address: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await post(url, '{}', { 'x-forwarded-for': address })).status);
      return statuses;
    };
    expect((await burst(proxied.url, '198.51.100.1')).at(-1)).toBe(429);
    expect((await post(proxied.url, '{}', { 'x-forwarded-for': '198.51.100.2' })).status).not.toBe(429);
    expect((await burst(direct.url, '198.51.100.1')).at(-1)).toBe(429);
    // a client cannot buy itself a fresh bucket by making up a header
    expect((await post(direct.url, '{}', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);
  });
});

describe("a bank's offline-signed catalogue", () => {
  it('is no longer served once it expires, and /healthz says so', async () => {
    const keys = resolve(repoRoot, process.env.CANDOR_KEYS ?? 'keys');
    const key = await parseKeyPairJson(readFileSync(join(keys, 'signing-key.json'), 'utf8'));
    const now = Date.now();
    const expiresAt = Math.ceil((now + 4000) / 1000) * 1000;
    const signed = { _type: 'catalogue', version: 1, issuedAt: isoSeconds(now - 1000), expiresAt: isoSeconds(expiresAt), products: demoProducts };
    const file = join(dir, 'signed-catalogue.json');
    writeFileSync(file, envelopeToJson(await signEnvelope(signed, [key])));
    const s = await startServer({ CANDOR_DB: join(dir, 'c.sqlite'), CANDOR_CATALOGUE: file }, { readyPath: '/api/root' });
    servers.push(s);
    expect((await fetch(`${s.url}/api/catalogue`)).status).toBe(200);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 500));
    const res = await fetch(`${s.url}/api/catalogue`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/expired/);
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, store: 'ok', catalogue: expect.stringMatching(/expired/) });
    expect(s.log()).toMatch(/nothing signed is served: .*expired/);
  });
});
