/**
 * The feedback outbox: once per period the device builds one ε-LDP report from its own event log,
 * keeps the exact bytes, and uploads them to POST /api/feedback after a random delay — no cookie,
 * no id, no time finer than the period. The rules (which period, delays, what each answer means)
 * are in src/lib/privacy/delivery.ts; this file applies them to IndexedDB.
 *
 * At most one report per period: the check "no row for this period" and the insert of the row, the
 * ε spent and the ledger happen in one IndexedDB readwrite transaction, and IndexedDB never runs two
 * readwrite transactions over the same table at once — in this tab or another. At most one upload
 * per report: a tab claims a row (queued → sending) in a transaction before posting it, and only
 * answers that prove the server did not count it put it back in the queue.
 */
import { buildReport } from '../privacy/report';
import { duePeriod, outcomeOf, retryDelayMs, sendDelayMs, UPLOAD_MODES, type UploadMode } from '../privacy/delivery';
import { DEFAULT_EPSILON, EPSILON_CHOICES } from '../privacy/mechanism';
import { cryptoRng, type Rng } from '../privacy/olh';
import type { PrivacyLedger } from '../privacy/ledger';
import { isPeriod, periodOf, periodsBetween, shiftPeriod } from '../privacy/period';
import { z } from 'zod';
import { getCachedCatalogue, getSetting, listEvents, setSetting, type CandorDB } from './db';
import { LEDGER_SETTING, ledgerFrom, LedgerUnreadableError, OutboxRowSchema, type OutboxRow } from './outbox-row';

const FEEDBACK_URL = '/api/feedback';
/** Asked before a report is claimed, so that an unreachable server leaves the report queued. */
const HEALTH_URL = '/healthz';
const MODE_SETTING = 'feedback.upload';
/** The ε of the person's next reports: one of EPSILON_CHOICES (the server accepts only those). */
const EPSILON_SETTING = 'feedback.epsilon';
/** The first period this device ran Candor: nothing before it is reported. */
const ENROLLED_SETTING = 'feedback.enrolled';
const REQUEST_TIMEOUT_MS = 30_000;
/** A claim older than this belongs to a tab that died mid-upload. */
const STALE_CLAIM_MS = 2 * 60_000;
/** The scheduler looks again at least this often (a period can turn while the app is open). */
const MAX_WAIT_MS = 3_600_000;

export interface OutboxDeps {
  db: CandorDB;
  fetch: typeof fetch;
  now: () => number;
  rng: Rng;
  /** false when the platform knows it is offline */
  online: () => boolean;
}

const ModeSchema = z.enum(UPLOAD_MODES);
const EpsilonSchema = z.number().refine((e) => EPSILON_CHOICES.includes(e), `ε must be one of ${EPSILON_CHOICES.join(', ')}`);
const PeriodSchema = z.string().refine(isPeriod);

export function getUploadMode(db: CandorDB): Promise<UploadMode> {
  return getSetting(db, MODE_SETTING, ModeSchema, 'on');
}

export async function setUploadMode(db: CandorDB, mode: UploadMode): Promise<void> {
  await setSetting(db, MODE_SETTING, ModeSchema.parse(mode));
}

export function getEpsilon(db: CandorDB): Promise<number> {
  return getSetting(db, EPSILON_SETTING, EpsilonSchema, DEFAULT_EPSILON);
}

/** Applies to reports built from now on; a report already built keeps its ε. */
export async function setEpsilon(db: CandorDB, epsilon: number): Promise<void> {
  await setSetting(db, EPSILON_SETTING, EpsilonSchema.parse(epsilon));
}

function readRow(row: unknown): OutboxRow | null {
  const r = OutboxRowSchema.safeParse(row);
  return r.success ? r.data : null;
}

/** Every readable report row, oldest first (an unreadable row is skipped here and counted by export). */
export async function listReports(db: CandorDB): Promise<OutboxRow[]> {
  const rows: unknown[] = await db.reports.toArray();
  return rows.map(readRow).filter((r): r is OutboxRow => r !== null);
}

/** The ε spent so far; throws LedgerUnreadableError when the stored ledger cannot be read (fail closed). */
export async function readLedger(db: CandorDB): Promise<PrivacyLedger> {
  const ledger = ledgerFrom(await getSetting(db, LEDGER_SETTING, z.unknown(), null));
  if (!ledger) throw new LedgerUnreadableError();
  return ledger;
}

/**
 * The report for `period`, built now unless a row for that period exists (then that row is
 * returned, unchanged). Null when no catalogue is cached yet (the week's sets would be empty) or an
 * existing row is unreadable. Throws BudgetExceededError if the ledger refuses the ε.
 */
export async function buildOnce(deps: OutboxDeps, period: string, sendAfter: number): Promise<OutboxRow | null> {
  const { db } = deps;
  return db.transaction('rw', [db.reports, db.settings, db.events, db.catalogue], async () => {
    const existing: unknown[] = await db.reports.where('period').equals(period).toArray();
    if (existing.length > 0) return readRow(existing[0]);
    const catalogue = await getCachedCatalogue(db);
    if (!catalogue) return null;
    const epsilon = await getEpsilon(db);
    const report = buildReport(
      await listEvents(db),
      catalogue.products.map((p) => p.id),
      { period, epsilon, rng: deps.rng }
    );
    // spend first: the bytes may leave at any time from now on
    const ledger = (await readLedger(db)).record(report);
    const fields = {
      period,
      epsilon: report.epsilon,
      body: JSON.stringify(report),
      status: 'queued' as const,
      sendAfter,
      claimedAt: null,
      attempts: 0,
      lastResult: null
    };
    const id = await db.reports.add(fields);
    await setSetting(db, LEDGER_SETTING, ledger.toJSON());
    return OutboxRowSchema.parse({ ...fields, id });
  });
}

/** Move a queued row to `sending` for one attempt; null when another tab has it or it is not queued. */
async function claim(db: CandorDB, id: number, now: number): Promise<OutboxRow | null> {
  return db.transaction('rw', db.reports, async () => {
    const row = readRow(await db.reports.get(id));
    if (!row || row.status !== 'queued') return null;
    const claimed: OutboxRow = { ...row, status: 'sending', claimedAt: now, attempts: row.attempts + 1 };
    await db.reports.put(claimed);
    return claimed;
  });
}

async function reachable(deps: OutboxDeps): Promise<boolean> {
  if (!deps.online()) return false;
  try {
    const res = await deps.fetch(HEALTH_URL, {
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** One upload attempt of a queued row: claim, post the stored bytes, record the outcome. Returns the row after it. */
async function sendRow(deps: OutboxDeps, id: number): Promise<OutboxRow | null> {
  const { db } = deps;
  if (!(await reachable(deps))) return null;
  const row = await claim(db, id, deps.now());
  if (!row) return null;
  let next: OutboxRow;
  try {
    const res = await deps.fetch(FEEDBACK_URL, {
      method: 'POST',
      body: row.body,
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
    const outcome = outcomeOf(res.status);
    const retryAfter = Number(res.headers.get('retry-after'));
    next =
      outcome === 'retry'
        ? {
            ...row,
            status: 'queued',
            claimedAt: null,
            lastResult: String(res.status),
            sendAfter: deps.now() + retryDelayMs(row.attempts, Number.isFinite(retryAfter) ? retryAfter : null, deps.rng)
          }
        : { ...row, status: outcome, claimedAt: null, lastResult: String(res.status) };
  } catch {
    // the request may have left: never resend (see delivery.ts)
    next = { ...row, status: 'unconfirmed', claimedAt: null, lastResult: 'network' };
  }
  await db.reports.put(next);
  return next;
}

/** Rows left `sending` by a tab that died: the request may have left, so they end `unconfirmed`. */
async function settleStaleClaims(db: CandorDB, now: number): Promise<void> {
  await db.transaction('rw', db.reports, async () => {
    for (const raw of await db.reports.where('status').equals('sending').toArray()) {
      const row = readRow(raw);
      if (row && (row.claimedAt ?? 0) < now - STALE_CLAIM_MS) await db.reports.put({ ...row, status: 'unconfirmed', claimedAt: null });
    }
  });
}

/** The device's enrolment period, set on the first run. */
async function enrolment(db: CandorDB, now: number): Promise<string> {
  const saved = await getSetting(db, ENROLLED_SETTING, PeriodSchema, '');
  if (saved) return saved;
  const period = periodOf(now);
  await setSetting(db, ENROLLED_SETTING, period);
  return period;
}

/**
 * After the person erases their data (the ledger and the reports with it), Candor must not report
 * this week — or last week — again: it re-enrols from the next period, so it stays silent until
 * the week after this one is over. Call right after eraseAll.
 */
export async function reenrolAfterErase(db: CandorDB, now: number): Promise<void> {
  await setSetting(db, ENROLLED_SETTING, shiftPeriod(periodOf(now), 1));
}

/**
 * One pass of the scheduler: build the due report (unless uploads are stopped), send what is due
 * (only when uploads are on). Returns how long to wait before the next pass, in ms.
 */
export async function runOutbox(deps: OutboxDeps): Promise<number> {
  const { db } = deps;
  const now = deps.now();
  await settleStaleClaims(db, now);
  const enrolled = await enrolment(db, now);
  const mode = await getUploadMode(db);
  if (mode === 'stopped') return MAX_WAIT_MS;
  const due = duePeriod(now, enrolled);
  if (due) await buildOnce(deps, due, now + sendDelayMs(deps.rng));
  if (mode === 'paused') return MAX_WAIT_MS;
  let wait = MAX_WAIT_MS;
  for (const row of await listReports(db)) {
    if (row.status !== 'queued') continue;
    if (row.sendAfter <= now) {
      const after = await sendRow(deps, row.id);
      // unreachable: look again in a minute or so
      if (!after) wait = Math.min(wait, 60_000);
      else if (after.status === 'queued') wait = Math.min(wait, Math.max(1000, after.sendAfter - deps.now()));
    } else {
      wait = Math.min(wait, row.sendAfter - now);
    }
  }
  return wait;
}

export type SendNowResult =
  | { state: 'sent' | 'refused' | 'unconfirmed' | 'queued'; row: OutboxRow }
  | { state: 'already'; row: OutboxRow }
  | { state: 'stopped' | 'waiting' | 'unavailable' | 'unreachable' };

/**
 * The privacy page's "send this week's report now": builds the current period's report if there
 * is none (this period then gets no other) and uploads it at once, skipping the random delay. Also
 * while uploads are paused — the person asked for this one — but not when they are stopped.
 */
export async function sendNow(deps: OutboxDeps): Promise<SendNowResult> {
  if ((await getUploadMode(deps.db)) === 'stopped') return { state: 'stopped' };
  const period = periodOf(deps.now());
  if (periodsBetween(await enrolment(deps.db, deps.now()), period) < 0) return { state: 'waiting' };
  const row = await buildOnce(deps, period, deps.now());
  if (!row) return { state: 'unavailable' };
  if (row.status !== 'queued') return { state: 'already', row };
  const after = await sendRow(deps, row.id);
  if (!after) return { state: 'unreachable' };
  return { state: after.status === 'sending' ? 'unconfirmed' : after.status, row: after };
}

/** The deps of the real browser outbox. */
export function browserOutbox(db: CandorDB): OutboxDeps {
  return { db, fetch: (input, init) => fetch(input, init), now: Date.now, rng: cryptoRng(), online: () => navigator.onLine };
}

let started = false;

/** Start the scheduler once per page: a first pass after a short random pause, then as runOutbox says. */
export function startOutbox(db: CandorDB): void {
  if (started) return;
  started = true;
  const deps = browserOutbox(db);
  const pass = async (): Promise<void> => {
    let wait = MAX_WAIT_MS;
    try {
      wait = await runOutbox(deps);
    } catch (e) {
      console.warn('feedback outbox:', e);
    }
    setTimeout(() => void pass(), wait);
  };
  setTimeout(() => void pass(), 5_000 + Math.floor(deps.rng() * 55_000));
}
