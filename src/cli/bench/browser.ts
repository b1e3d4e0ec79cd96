/**
 * What the benchmarks that need a browser or the real server share: Debian's Chromium with a fresh
 * profile (launchChromium); the production server over build/, built when missing, with its own
 * feedback store (startBenchServer); and a benchmark entry run inside Chromium (inBrowser): the
 * entry (a TypeScript module that assigns `globalThis.candorBench = async () => result`) is bundled
 * with Vite into a temporary folder, served from 127.0.0.1 with any extra files (wasm), and its
 * result comes back as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp, CHROMIUM_ARGS, CHROMIUM_PATH, freePort, waitUntilUp } from '../local-run';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Build the app when there is no build yet, or when CANDOR_BENCH_BUILD=1 asks for a fresh one. */
export function ensureBuilt(): void {
  if (!existsSync(join(root, 'build', 'index.js')) || process.env['CANDOR_BENCH_BUILD'] === '1') buildApp(root);
}

export interface BenchServer {
  /** http://127.0.0.1:PORT */
  url: string;
  child: ChildProcess;
  /** a temporary folder of its own, removed on stop (its SQLite feedback store is there unless env names one) */
  dir: string;
  /** SIGTERM, wait for the exit, and remove the folder */
  stop(): Promise<void>;
}

/**
 * The production server (scripts/serve.js over build/, see ensureBuilt) on a free port of 127.0.0.1,
 * with `env` over this process's environment; resolves once /healthz answers.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-server-'));
  const child = spawn(process.execPath, ['scripts/serve.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CANDOR_DB: join(dir, 'bench.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${url}/healthz`, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, child, dir, stop };
}

export interface BenchBrowser {
  context: BrowserContext;
  /** the profile's first page */
  page: Page;
  /** close the browser and remove its profile */
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile in a temporary folder and `args` after the machine's flags. */
export async function launchChromium(args: readonly string[] = []): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'candor-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...args] });
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

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
    const browser = await launchChromium(options.webgpu ? ['--enable-unsafe-webgpu'] : []);
    try {
      const { page } = browser;
      await page.goto(url);
      await page.waitForFunction(() => typeof (globalThis as { candorBench?: unknown }).candorBench === 'function');
      page.setDefaultTimeout(options.timeoutMs ?? 300_000);
      return (await page.evaluate(() => (globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench())) as T;
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
