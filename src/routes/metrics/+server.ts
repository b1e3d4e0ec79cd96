import { env } from '$env/dynamic/private';
import { feedbackService } from '$lib/server/feedback/service';
import type { RequestHandler } from './$types';

/** Prometheus text format: reports accepted/refused by reason, aggregate freshness, reports per period. */
export const GET: RequestHandler = () => {
  const s = feedbackService(env);
  let periods = null;
  try {
    periods = s.store.reportsPerPeriod();
  } catch {
    periods = null;
  }
  return new Response(s.metrics.render(Date.now(), periods), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }
  });
};
