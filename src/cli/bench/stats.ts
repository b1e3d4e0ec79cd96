/** Timing helpers for `npm run bench`: medians and tails, never a single run. */
export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Run `fn` `warmup` times untimed, then `runs` times timed; report p50/p95/min in milliseconds. */
export async function measure(fn: () => unknown, opts: { runs?: number; warmup?: number } = {}): Promise<Timing> {
  const runs = opts.runs ?? 30;
  const warmup = opts.warmup ?? 3;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { runs, p50Ms: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), minMs: round(times[0] ?? NaN) };
}
