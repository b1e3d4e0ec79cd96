/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

// Offline-first shell: the built app and static files are precached at install; every page is the
// same client-rendered shell (ssr is off), so one cached copy of it serves every route, online or not —
// and the server never learns which page (which product) the person opened. A new deployment arrives
// as a new service worker with its own precached shell (the update banner).
// Factors, vectors and the model index are cached as they are fetched, network first, so they are there
// offline; a model's files are cached the first time (cache first: 24 MB are not fetched on every load).
// The data cache is deleted by the page when the person erases everything.
// The catalogue is not cached here: its offline copy is the verified last good copy the app keeps in
// IndexedDB, and a second copy here would hide from the app that it is offline.
const sw = self as unknown as ServiceWorkerGlobalScope;
const APP_CACHE = `candor-app-${version}`;
const DATA_CACHE = 'candor-data-v1';
const SHELL = '/';
/** large files (model weights, wasm) are cached when first used, never at install */
const LAZY = /\.(onnx|wasm|bin)$|^\/models\//;
const PRECACHE = [...[...build, ...files].filter((f) => !LAZY.test(f)), SHELL];
/** the build's large files (onnxruntime's and tfjs's wasm): cached the first time they are used, for offline */
const LAZY_BUILD = new Set(build.filter((f) => LAZY.test(f)));
const DATA = /^\/api\/(factors|vectors)(\/|$)|^\/models\/index\.json$/;
/** a model's files (the bundled bge-small-zh-v1.5 is 24 MB): fetched once when the person opts in, then served from the cache */
const MODEL_FILE = /^\/models\/[^/]+\/.+/;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== APP_CACHE && k !== DATA_CACHE).map((k) => caches.delete(k)))));
});

sw.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void sw.skipWaiting();
});

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;

  if (request.mode === 'navigate') {
    // /embed has its own frame-ancestors policy: always ask the server for it
    if (url.pathname.startsWith('/embed')) return;
    event.respondWith(caches.match(SHELL).then((hit) => hit ?? fetch(SHELL, { credentials: 'omit' })));
    return;
  }
  if (DATA.test(url.pathname)) {
    event.respondWith(networkFirst(request, DATA_CACHE));
    return;
  }
  if (MODEL_FILE.test(url.pathname)) {
    event.respondWith(cacheFirst(request, DATA_CACHE));
    return;
  }
  if (LAZY_BUILD.has(url.pathname)) {
    event.respondWith(cacheFirst(request, APP_CACHE));
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
  }
});
