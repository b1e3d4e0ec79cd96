/**
 * The JavaScript the first screen needs (issue 7): the production build is served by the real
 * server, Chromium opens "/", and every script loaded until the network is idle is gzipped and
 * summed — the page's own, and apart from them the web workers' (the ranker starts in a worker
 * once the list is shown; it never blocks the page). No page script may carry the LLM
 * (transformers.js, onnxruntime-web) or tfjs code: that lives in the workers only.
 */
import { gzipSync } from 'node:zlib';
import type { BenchContext } from './context';
import { ensureBuilt, launchChromium, startBenchServer } from './browser';

/** identifiers of onnxruntime-web, transformers.js and tfjs-core that survive minification */
const HEAVY = /InferenceSession|registerBackend|PreTrainedModel|KernelBackend/;
const WORKER = /\/_app\/immutable\/workers\//;

export async function run(_ctx: BenchContext): Promise<Record<string, unknown>> {
  ensureBuilt();
  const server = await startBenchServer();
  try {
    const browser = await launchChromium();
    const scripts: { url: string; bytes: number; gzip: number; heavy: boolean }[] = [];
    const pending: Promise<void>[] = [];
    try {
      const { page } = browser;
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script') return;
        pending.push(
          res.body().then((body) => {
            scripts.push({
              url: new URL(res.url()).pathname,
              bytes: body.byteLength,
              gzip: gzipSync(body, { level: 9 }).byteLength,
              heavy: HEAVY.test(body.toString('utf8'))
            });
          })
        );
      });
      await page.goto(server.url, { waitUntil: 'networkidle' });
      await page.getByTestId('recommendations').or(page.getByTestId('empty-recommendations')).first().waitFor();
      await Promise.all(pending);
    } finally {
      await browser.close();
    }
    const total = (list: typeof scripts) => {
      const gzip = list.reduce((a, s) => a + s.gzip, 0);
      return { scripts: list.length, bytes: list.reduce((a, s) => a + s.bytes, 0), gzipBytes: gzip, gzipKiB: Math.round(gzip / 102.4) / 10 };
    };
    const page = scripts.filter((s) => !WORKER.test(s.url));
    const workers = scripts.filter((s) => WORKER.test(s.url));
    return {
      firstScreen: total(page),
      workersStarted: total(workers),
      heavyCodeInPageScripts: page.filter((s) => s.heavy).map((s) => s.url),
      largestScripts: [...scripts]
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 5)
        .map(({ heavy: _heavy, ...s }) => s)
    };
  } finally {
    await server.stop();
  }
}
