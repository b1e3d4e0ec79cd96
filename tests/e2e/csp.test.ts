/**
 * The content security policy: a real one (not just frame-ancestors) on every page, with SvelteKit's
 * script hashes, and nothing in the app breaking under it — the ranker's worker compiling its
 * WebAssembly included; nosniff on every response, static files included.
 */
import { describe, expect, inject, it } from 'vitest';
import { launch } from './browser';

const baseURL = inject('baseURL');

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values])
  );

describe('content security policy', () => {
  it('pages carry default-src, hashed script-src, connect-src, worker-src and frame-ancestors; every answer nosniff', async () => {
    for (const path of ['/', '/embed']) {
      const res = await fetch(`${baseURL}${path}`);
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp.get('worker-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      const scripts = csp.get('script-src') ?? [];
      expect(scripts, path).not.toContain("'unsafe-inline'");
      expect(
        scripts.some((s) => s.startsWith("'sha256-")),
        path
      ).toBe(true);
      expect(csp.get('frame-ancestors')?.[0], path).toBe("'self'");
    }
    expect(directives((await fetch(`${baseURL}/embed`)).headers.get('content-security-policy') ?? '').get('frame-ancestors')!.length).toBeGreaterThan(1);
    // static files too (served by adapter-node's sirv, outside SvelteKit's hooks: scripts/serve.js)
    const version = (await fetch(`${baseURL}/_app/version.json`)).status;
    expect(version).toBe(200);
    for (const path of [
      '/',
      '/api/catalogue',
      '/api/root',
      '/healthz',
      '/metrics',
      '/no-such-page',
      '/widget.js',
      '/manifest.webmanifest',
      '/_app/version.json'
    ]) {
      expect((await fetch(`${baseURL}${path}`)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('nothing the app does is blocked: pages, the service worker and the ranker worker (wasm) run under it', async () => {
    const session = await launch();
    const { page } = session;
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)
      );
    });
    try {
      await page.goto(`${baseURL}/privacy`);
      await page.getByTestId('ranker-status').locator('table[data-scored="true"] tr[data-product-id]').first().waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('ranker-status').getAttribute('data-backend')).toBe('wasm');
      await page.locator('nav a[href="/"]').click();
      await page.getByTestId('recommendations').waitFor();
      await page.goto(`${baseURL}/embed`);
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
