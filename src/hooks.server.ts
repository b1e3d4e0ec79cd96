import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { embedOrigins } from '$lib/server/embed';
import { startFeedbackStore } from '$lib/server/feedback/service';

/** At start, before the first request: a PostgreSQL aggregate store is connected and migrated (service.ts). */
export const init: ServerInit = async () => {
  if (!building) await startFeedbackStore(env);
};

/**
 * Headers on every response SvelteKit answers (pages, /api/*, /healthz, /metrics, errors):
 * nosniff, so nothing is ever read as another type than the one it is served as; and on pages, the
 * framing policy: only /embed may be framed, and only by the bank's allowed host origins; every
 * other page refuses to be framed (clickjacking). The rest of the page's CSP (default-src,
 * script-src with hashes, connect-src, worker-src…) is SvelteKit's, from svelte.config.js;
 * frame-ancestors is added here because it depends on the route and on CANDOR_EMBED_ORIGINS.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    const embed = event.url.pathname === '/embed' || event.url.pathname.startsWith('/embed/');
    const ancestors = `frame-ancestors ${embed ? `'self' ${embedOrigins().join(' ')}` : `'self'`}`;
    const csp = response.headers.get('content-security-policy');
    response.headers.set('content-security-policy', csp ? `${csp}; ${ancestors}` : ancestors);
    response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  }
  return response;
};
