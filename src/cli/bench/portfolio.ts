/**
 * Portfolio allocation (issue 16): how long the estimate and one allocation take in Node, and what the
 * portfolio page costs in the browser — the scripts the first screen loads (which must not carry the
 * optimiser, the monthly data or the charts) and the ones opening /portfolio adds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CatalogueSchema } from '../../lib/domain/catalogue';
import { allocateThroughPipeline, estimateClasses, parseMonthlyReturns } from '../../lib/portfolio';
import type { BenchContext } from './context';
import { ensureBuilt, launchChromium, startBenchServer } from './browser';
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
  ensureBuilt();
  const server = await startBenchServer();
  try {
    const browser = await launchChromium();
    const scripts: Script[] = [];
    let pending: Promise<void>[] = [];
    try {
      const { page } = browser;
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
      await page.goto(server.url, { waitUntil: 'networkidle' });
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
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  return { node: await nodeTimings(ctx.quick), browser: await browserCost() };
}
