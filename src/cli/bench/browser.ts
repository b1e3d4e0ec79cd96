/**
 * Run a benchmark entry inside Debian's Chromium: the entry (a TypeScript module that assigns
 * `globalThis.candorBench = async () => result`) is bundled with Vite into a temporary folder,
 * served from 127.0.0.1 with any extra files (wasm), and its result comes back as JSON.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../local-run';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json'
};

export interface BrowserBenchOptions {
  /** adds --enable-unsafe-webgpu (SwiftShader's CPU WebGPU adapter here) */
  webgpu?: boolean;
  /** files (or folders) copied next to the bundle, served at /<basename> */
  assets?: string[];
  timeoutMs?: number;
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      }
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    })
  );
}

export async function inBrowser<T>(entry: string, options: BrowserBenchOptions = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'candor-bench-profile-'));
  try {
    await build({
      configFile: false,
      logLevel: 'error',
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: true,
        lib: { entry, formats: ['es'], fileName: () => 'bench.js' }
      },
      worker: { format: 'es' }
    });
    for (const asset of options.assets ?? []) cpSync(asset, join(dir, basename(asset)), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>');
    const { server, url } = await serve(dir);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.webgpu ? ['--enable-unsafe-webgpu'] : [])]
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.waitForFunction(() => typeof (globalThis as { candorBench?: unknown }).candorBench === 'function');
      page.setDefaultTimeout(options.timeoutMs ?? 300_000);
      return (await page.evaluate(() => (globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench())) as T;
    } finally {
      await context.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
