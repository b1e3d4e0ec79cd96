/**
 * When a device builds and uploads its weekly report, and what it does with the server's answer.
 * Pure (no I/O): the client outbox (src/lib/client/outbox.ts) applies it; the tests check it.
 *
 * The rules, and why:
 * - One report per period, ever, for the last *completed* period (the person's whole week), from
 *   the first period the device ran Candor (its enrolment) on. Empty weeks are reported too, so
 *   that sending reveals nothing.
 * - The upload waits a random delay after the report is built, so its time says nothing about when
 *   the person used the app or when the week turned.
 * - The server cannot tell two copies of one report apart (a report carries no id, by design), so a
 *   report is resent only when the server's answer proves it did not count it (429 rate limited,
 *   503 store unavailable — its transaction rolled back — or 408). Any answer that leaves it unknown
 *   (a network error or a timeout after the request left, another 5xx) ends the report as
 *   `unconfirmed`: it is never sent again. So every report is counted at most once. A lost report
 *   only removes one person-week from the sample, and whether it is lost does not depend on what it
 *   says, so the estimates stay unbiased; a duplicate would not.
 */
import type { Rng } from './olh';
import { periodOf, periodsBetween, shiftPeriod } from './period';

export const UPLOAD_MODES = ['on', 'paused', 'stopped'] as const;
/** on: build and send; paused: build (and spend ε) but keep reports on the device; stopped: neither. */
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** The random delay between building a report and its first upload attempt: uniform in [1 min, 12 h]. */
export const MIN_SEND_DELAY_MS = 60_000;
export const MAX_SEND_DELAY_MS = 12 * 3_600_000;
/** Retries back off exponentially from 1 min, to at most a day, with ±50 % jitter. */
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 24 * 3_600_000;

/** The period an automatic report is due for at `now`: the last completed one, if the device was enrolled by then. */
export function duePeriod(now: number, enrolled: string): string | null {
  const previous = shiftPeriod(periodOf(now), -1);
  return periodsBetween(enrolled, previous) >= 0 ? previous : null;
}

/** A fresh random delay before the first upload of a newly built report. */
export function sendDelayMs(rng: Rng): number {
  return MIN_SEND_DELAY_MS + Math.floor(rng() * (MAX_SEND_DELAY_MS - MIN_SEND_DELAY_MS));
}

/**
 * What an HTTP status means for a report: `sent` (counted), `retry` (provably not counted: safe to
 * resend the same bytes), `refused` (not counted and never will be: a 4xx), `unconfirmed` (may have
 * been counted: never resend).
 */
export type UploadOutcome = 'sent' | 'retry' | 'refused' | 'unconfirmed';

export function outcomeOf(status: number): UploadOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 408 || status === 429 || status === 503) return 'retry';
  if (status >= 400 && status < 500) return 'refused';
  return 'unconfirmed';
}

/** Wait before retry number `attempts` (1 = the first retry); a server's Retry-After is a floor. */
export function retryDelayMs(attempts: number, retryAfterSeconds: number | null, rng: Rng): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1)) * (0.5 + rng());
  return Math.max(Math.round(backoff), (retryAfterSeconds ?? 0) * 1000);
}
