import type { Handle } from '@sveltejs/kit';
import { embedOrigins } from '$lib/server/embed';

/**
 * Framing policy: only /embed may be framed, and only by the bank's allowed host origins;
 * every other page refuses to be framed (clickjacking). No page loads anything from another origin.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const embed = event.url.pathname === '/embed' || event.url.pathname.startsWith('/embed/');
  const ancestors = embed ? `'self' ${embedOrigins().join(' ')}` : `'self'`;
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('content-security-policy', `frame-ancestors ${ancestors}`);
    response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
    response.headers.set('x-content-type-options', 'nosniff');
  }
  return response;
};
