import { env } from '$env/dynamic/private';
import { feedbackService, storeHealth } from '$lib/server/feedback/service';
import { publication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/**
 * Liveness and readiness: 200 {"ok":true,...} when the aggregate store takes a real write and is
 * sound (check() in sqlite-store.ts or pg-store.ts) and the signed documents verify and have not expired; 503 with the
 * reason of each otherwise.
 */
export const GET: RequestHandler = async () => {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  let store: string;
  let uptimeSeconds: number | undefined;
  try {
    const s = feedbackService(env);
    const h = await storeHealth(s);
    store = h.ok ? 'ok' : h.error;
    uptimeSeconds = Math.round((Date.now() - s.metrics.startedAt) / 1000);
  } catch (e) {
    store = e instanceof Error ? e.message : String(e);
  }
  let catalogue: string;
  let signedUntil: string | undefined;
  try {
    const p = await publication(env);
    catalogue = 'ok';
    signedUntil = new Date(p.expiresAt).toISOString();
  } catch (e) {
    catalogue = e instanceof Error ? e.message : String(e);
  }
  const ok = store === 'ok' && catalogue === 'ok';
  const body = { ok, store, catalogue, ...(signedUntil ? { signedUntil } : {}), ...(uptimeSeconds !== undefined ? { uptimeSeconds } : {}) };
  return new Response(JSON.stringify(body), { status: ok ? 200 : 503, headers });
};
