import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // precompress off: gzipping every large wasm file made a build take about 2 minutes (7 s without)
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
    paths: { relative: false },
    // Nothing is loaded from, or sent to, another origin. Kit hashes its own inline start-up script
    // (hashes rather than nonces: the service worker replays one cached shell, and a nonce must never
    // repeat). 'wasm-unsafe-eval' lets the ranker (tfjs) and the opt-in model (onnxruntime) compile
    // their WebAssembly, and nothing else; inline styles stay allowed for Svelte's style attributes.
    // frame-ancestors depends on the route and CANDOR_EMBED_ORIGINS: src/hooks.server.ts adds it.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};
