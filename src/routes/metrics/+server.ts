import { env } from '$env/dynamic/private';
import { feedbackService, storeHealth } from '$lib/server/feedback/service';
import type { RequestHandler } from './$types';

/**
 * Prometheus text format: reports accepted/refused by reason, aggregate freshness, reports per period, store health.
 * The counters are this instance's (scrape every server); reports per period are the shared store's.
 */
export const GET: RequestHandler = async () => {
  const s = feedbackService(env);
  // the same check as /healthz: a store that can be read but not written is down
  const up = (await storeHealth(s)).ok;
  let periods = null;
  try {
    periods = await s.store.reportsPerPeriod();
  } catch {
    periods = null;
  }
  return new Response(s.metrics.render(Date.now(), periods, up && periods !== null), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }
  });
};
