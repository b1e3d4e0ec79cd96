import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // precompress off: gzip of large wasm files later made builds take minutes (STACK.md)
    adapter: adapter({ precompress: false }),
    alias: { $workers: 'workers', $models: 'models' },
    // registered by the app itself, to offer "a new version is ready — reload"
    serviceWorker: { register: false },
    // absolute asset paths: the service worker serves one cached shell for every route offline
    paths: { relative: false }
  }
};
