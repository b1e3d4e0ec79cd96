/**
 * Portfolio allocation (issue 16): how long the estimate and one allocation take in Node, and what the
 * portfolio page costs in the browser — the scripts the first screen loads (which must not carry the
 * optimiser, the monthly data or the charts) and the ones opening /portfolio adds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CatalogueSchema } from '../../lib/domain/catalogue';
import { allocateThroughPipeline, estimateClasses, parseMonthlyReturns } from '../../lib/portfolio';
import type { BenchContext } from './context';
import { buildApp, CHROMIUM_ARGS, CHROMIUM_PATH, freePort, waitUntilUp } from '../local-run';
import { measure } from './stats';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** text that survives minification: quadprog's messages, the data's column names, the scatter chart's class */
const PORTFOLIO_CODE = /constraints are inconsistent|CSI300_TR|SP500TR_CNY/;

async function nodeTimings(quick: boolean): Promise<Record<string, unknown>> {
  const csv = readFileSync(join(root, 'models', 'asset-classes', 'monthly-returns.csv'), 'utf8');
  const products = CatalogueSchema.parse(JSON.parse(readFileSync(join(root, 'src', 'lib', 'server', 'demo-catalogue.json'), 'utf8'))).products;
  const estimate = estimateClasses(parseMonthlyReturns(csv));
  const runs = quick ? 5 : 20;
  const now = new Date();
  return {
    estimate: await measure(() => estimateClasses(parseMonthlyReturns(csv)), { runs }),
    // the whole path without the ranker: the engine ranks 320 products, then the optimiser and the products
    allocateC3: await measure(() => allocateThroughPipeline({ products, profile: { riskLevel: 3 }, amount: 50_000, events: [], now, estimate }, null), {
      runs
    }),
    allocateC5: await measure(() => allocateThroughPipeline({ products, profile: { riskLevel: 5 }, amount: 200_000, events: [], now, estimate }, null), {
      runs
    })
  };
}

interface Script {
  url: string;
  gzip: number;
  portfolio: boolean;
}

async function browserCost(): Promise<Record<string, unknown>> {
  if (!existsSync(join(root, 'build', 'index.js')) || process.env.CANDOR_BENCH_BUILD === '1') buildApp(root);
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'candor-bench-pf-data-'));
  const server = spawn(process.execPath, ['scripts/serve.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CANDOR_DB: join(data, 'bench.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const profile = mkdtempSync(join(tmpdir(), 'candor-bench-pf-profile-'));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(`${base}/healthz`, server, () => output);
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const scripts: Script[] = [];
    let pending: Promise<void>[] = [];
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script' || /\/workers\//.test(res.url())) return;
        pending.push(
          res.body().then((body) => {
            scripts.push({
              url: new URL(res.url()).pathname,
              gzip: gzipSync(body, { level: 9 }).byteLength,
              portfolio: PORTFOLIO_CODE.test(body.toString('utf8'))
            });
          })
        );
      });
      await page.goto(base, { waitUntil: 'networkidle' });
      await page.getByTestId('recommendations').or(page.getByTestId('empty-recommendations')).first().waitFor();
      await Promise.all(pending);
      const firstScreen = [...scripts];
      pending = [];
      await page.locator('nav a[href="/portfolio"]').click();
      await page.getByTestId('portfolio-mix').waitFor();
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      const added = scripts.slice(firstScreen.length);
      const sum = (list: Script[]) => ({ scripts: list.length, gzipBytes: list.reduce((a, s) => a + s.gzip, 0) });
      return {
        firstScreen: sum(firstScreen),
        portfolioCodeOnFirstScreen: firstScreen.filter((s) => s.portfolio).map((s) => s.url),
        openingPortfolioAdds: sum(added),
        largestAdded: [...added]
          .sort((a, b) => b.gzip - a.gzip)
          .slice(0, 3)
          .map(({ url, gzip }) => ({ url, gzip }))
      };
    } finally {
      await context.close();
    }
  } finally {
    server.kill();
    rmSync(profile, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  return { node: await nodeTimings(ctx.quick), browser: await browserCost() };
}
