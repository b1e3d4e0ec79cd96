import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/cli/local-run';

export interface Session {
  context: BrowserContext;
  page: Page;
  /** every URL the page requested, in order */
  requests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  extraArgs?: string[];
  /** let the test inject its own scripts (axe) past the app's CSP, which refuses inline scripts */
  bypassCSP?: boolean;
}

/** A fresh Chromium profile per session, so no test sees another's IndexedDB. */
export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'zh-CN',
    acceptDownloads: true,
    bypassCSP: options.bypassCSP ?? false
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  return {
    context,
    page,
    requests,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`uncaught page errors:\n${errors.join('\n')}`);
    }
  };
}
