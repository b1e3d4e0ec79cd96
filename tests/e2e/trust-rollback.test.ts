import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelopeToJson, isoSeconds, parseKeyPairJson } from '../../src/lib/signing/index';
import { signEnvelope } from '../../src/lib/documents';
import { launch, type Session } from './browser';
import { recommendedIds } from './flows';
import { startProxy, type TestProxy } from './proxy';
import { repoRoot, startServer, type RealServer } from './server';

// the keys the build pinned (global setup builds with the default CANDOR_KEYS)
const pinnedKeys = resolve(repoRoot, process.env.CANDOR_KEYS ?? 'keys');
const MARK = 'RETIRED KEY';

let dir: string;
let server: RealServer;
let proxy: TestProxy;
let session: Session | null = null;
let v1: unknown;
let retiredCatalogue: string;

beforeAll(async () => {
  // a deployment that rotated k1 → k2: root v2 (signed by k1 and k2) is current, v1 kept in roots/
  dir = mkdtempSync(join(tmpdir(), 'candor-rotated-'));
  const keys = join(dir, 'keys');
  const rotate = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/keys.ts', 'rotate', '--root', join(pinnedKeys, 'root.json'), '--key', join(pinnedKeys, 'signing-key.json'), '--out', keys],
    { cwd: repoRoot, encoding: 'utf8' }
  );
  if (rotate.status !== 0) throw new Error(`keys rotate failed: ${rotate.stderr}`);
  mkdirSync(join(keys, 'roots'));
  copyFileSync(join(pinnedKeys, 'root.json'), join(keys, 'roots', '1.json'));
  v1 = JSON.parse(readFileSync(join(pinnedKeys, 'root.json'), 'utf8'));
  server = await startServer({ CANDOR_KEYS: keys });
  proxy = await startProxy(server.url);

  // what an attacker holding the retired key k1 would serve: a newer catalogue with a marked name
  const real = (await (await fetch(`${server.url}/api/catalogue`)).json()) as { signed: { version: number; products: { name: Record<string, string> }[] } };
  const products = real.signed.products.map((p, i) => (i === 0 ? { ...p, name: { ...p.name, 'zh-CN': `${MARK} ${p.name['zh-CN']}` } } : p));
  const k1 = await parseKeyPairJson(readFileSync(join(pinnedKeys, 'signing-key.json'), 'utf8'));
  const now = Date.now();
  const signed = { _type: 'catalogue', version: real.signed.version + 1, issuedAt: isoSeconds(now), expiresAt: isoSeconds(now + 86_400_000), products };
  retiredCatalogue = envelopeToJson(await signEnvelope(signed, [k1]));
});

afterEach(async () => {
  await session?.close();
  session = null;
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a revoked key stays revoked', () => {
  it('refuses {"roots":[v1]} and {"roots":[]} as a way back to k1, and keeps accepting the real catalogue', async () => {
    session = await launch();
    const { page } = session;
    await page.goto(proxy.url);
    await recommendedIds(page);
    // the real catalogue is signed by k2, which only root v2 lists: the device has walked v1 → v2
    expect(await page.locator('.catalogue-notice').count()).toBe(0);

    for (const roots of [[v1], []]) {
      proxy.rule('/api/root', { kind: 'body', body: JSON.stringify({ roots }) });
      proxy.rule('/api/catalogue', { kind: 'body', body: retiredCatalogue });
      await page.reload();
      await page.locator('.catalogue-notice[data-state="invalid"]').waitFor();
      await recommendedIds(page);
      expect(await page.locator('body').textContent()).not.toContain(MARK);

      // the root list is still rolled back, the catalogue is the bank's own: accepted (k2 is in force)
      proxy.rule('/api/catalogue', null);
      await page.reload();
      await recommendedIds(page);
      await expect.poll(() => page.locator('.catalogue-notice').count(), { timeout: 10_000 }).toBe(0);
    }
    expect(proxy.stats('/api/root').requests).toBeGreaterThanOrEqual(5);
  });
});
