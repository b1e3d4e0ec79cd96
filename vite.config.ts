import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ensureDevKeys } from './scripts/ensure-keys.js';

/**
 * `virtual:candor/root`: the root of trust, pinned into the client build from CANDOR_KEYS/root.json
 * (development keys are made on first use). Everything the app accepts from the server chains to it.
 */
function pinnedRoot(): Plugin {
  const id = 'virtual:candor/root';
  return {
    name: 'candor-pinned-root',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const file = join(ensureDevKeys(), 'root.json');
      this.addWatchFile(file);
      return `export default ${JSON.stringify(readFileSync(file, 'utf8').trim())};`;
    }
  };
}

export default defineConfig({
  plugins: [pinnedRoot(), sveltekit()],
  worker: { format: 'es' },
  test: {
    projects: [
      // No test may depend on the machine's speed (benchmarks measure speed: npm run bench). The
      // timeouts below only catch a hang, and are set for a 2-core machine with both cores busy.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000
        }
      },
      {
        // tests that spawn the CLIs or simulate whole populations: seconds to minutes each
        extends: true,
        test: {
          name: 'slow',
          include: ['tests/slow/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // one Chromium at a time: two cores, and tests share one server
          fileParallelism: false
        }
      }
    ]
  }
});
