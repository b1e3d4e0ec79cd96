import { dev } from '$app/environment';

/** A newer service worker is installed and waiting: the app offers a reload. */
export const swUpdate = $state<{ waiting: ServiceWorker | null }>({ waiting: null });

function watch(reg: ServiceWorkerRegistration): void {
  if (reg.waiting && navigator.serviceWorker.controller) swUpdate.waiting = reg.waiting;
  reg.addEventListener('updatefound', () => {
    const next = reg.installing;
    next?.addEventListener('statechange', () => {
      // with no controller this is the first install, not an update
      if (next.state === 'installed' && navigator.serviceWorker.controller) swUpdate.waiting = next;
    });
  });
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/service-worker.js', { type: dev ? 'module' : 'classic' })
    .then(watch)
    .catch(() => {
      // no service worker (private mode, blocked): the app still works online
    });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (swUpdate.waiting && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

export function applyUpdate(): void {
  swUpdate.waiting?.postMessage('skip-waiting');
}
