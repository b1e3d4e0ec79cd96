import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // precompress off: gzip of large wasm files later made builds take minutes (STACK.md)
    adapter: adapter({ precompress: false }),
    alias: { $workers: 'workers', $models: 'models' },
    // the type check covers the offline model code and the worker entry points too, not only src/ and tests/
    typescript: {
      config: (config) => {
        config.include.push('../models/**/*.ts', '../workers/**/*.ts');
      }
    },
    // registered by the app itself, to offer "a new version is ready — reload"
    serviceWorker: { register: false },
    // absolute asset paths: the service worker serves one cached shell for every route offline
    paths: { relative: false }
  }
};
