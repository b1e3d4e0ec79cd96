import { env } from '$env/dynamic/private';
import { feedbackService, storeHealth } from '$lib/server/feedback/service';
import type { RequestHandler } from './$types';

/** Liveness and readiness: 200 {"ok":true,...} when the aggregate store answers, 503 otherwise. */
export const GET: RequestHandler = () => {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  let body: Record<string, unknown>;
  try {
    const s = feedbackService(env);
    const h = storeHealth(s);
    body = { ok: h.ok, store: h.ok ? 'ok' : h.error, uptimeSeconds: Math.round((Date.now() - s.metrics.startedAt) / 1000) };
  } catch (e) {
    body = { ok: false, store: e instanceof Error ? e.message : String(e) };
  }
  return new Response(JSON.stringify(body), { status: body['ok'] ? 200 : 503, headers });
};
