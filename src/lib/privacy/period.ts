/**
 * Reporting periods: ISO-8601 weeks in UTC, written `YYYY-Www` (e.g. `2026-W48`). A report names
 * its week and nothing finer: no day, no time.
 */

export const PERIOD_PATTERN = /^(\d{4})-W(\d{2})$/;

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

/** Number of ISO weeks in a year (52 or 53). */
export function weeksInYear(year: number): number {
  return Math.round((week1Monday(year + 1) - week1Monday(year)) / (7 * DAY_MS));
}

/** True for a well-formed week that exists (W53 only in long years). */
export function isPeriod(s: string): boolean {
  const m = PERIOD_PATTERN.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const week = Number(m[2]);
  return year >= 2000 && year <= 9998 && week >= 1 && week <= weeksInYear(year);
}

/** The ISO week (UTC) that contains an instant. */
export function periodOf(at: Date | number): string {
  const t = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(t)) throw new Error('periodOf: invalid date');
  const d = new Date(t);
  const dow = (d.getUTCDay() + 6) % 7;
  // the Thursday of this week decides the ISO year
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - dow * DAY_MS + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - week1Monday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** [start, end) of a period in ms since the epoch (UTC, Monday 00:00 to the next Monday 00:00). */
export function periodRange(period: string): { start: number; end: number } {
  if (!isPeriod(period)) throw new Error(`not an ISO week: "${period}" (expected YYYY-Www)`);
  const m = PERIOD_PATTERN.exec(period)!;
  const start = week1Monday(Number(m[1])) + (Number(m[2]) - 1) * 7 * DAY_MS;
  return { start, end: start + 7 * DAY_MS };
}

/** The period `k` weeks after `period` (k may be negative). */
export function shiftPeriod(period: string, k: number): string {
  return periodOf(periodRange(period).start + k * 7 * DAY_MS);
}

/** Whole weeks from `a` to `b` (positive when b is later). */
export function periodsBetween(a: string, b: string): number {
  return Math.round((periodRange(b).start - periodRange(a).start) / (7 * DAY_MS));
}
