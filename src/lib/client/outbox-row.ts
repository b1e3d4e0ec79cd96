/**
 * A row of the `reports` table (the feedback outbox and the log of every report ever built), and
 * the ledger setting. Kept apart from outbox.ts so that db.ts can export both without a cycle.
 */
import { z } from 'zod';
import { BudgetExceededError, LedgerJsonSchema, PrivacyLedger } from '../privacy/ledger';
import { isPeriod } from '../privacy/period';
import { ReportSchema, type Report } from '../privacy/report';

/** The settings key of the device's PrivacyLedger (JSON), written in the same transaction as each report. */
export const LEDGER_SETTING = 'privacy.ledger';

/**
 * queued: built, waiting for its send time (or for uploads to be resumed);
 * sending: claimed by one tab for one attempt;
 * sent: the server answered 2xx (counted once);
 * refused: the server answered a 4xx (not counted; never resent);
 * unconfirmed: the request may have reached the server but no answer came (never resent).
 */
export const REPORT_STATUSES = ['queued', 'sending', 'sent', 'refused', 'unconfirmed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The report a stored body holds, or null when it is not the JSON of a valid report. */
function bodyReport(body: unknown): Report | null {
  if (typeof body !== 'string') return null;
  try {
    const r = ReportSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The exact request body: UTF-8 JSON of one schema-valid report. */
const ReportBody = z
  .string()
  .max(4096)
  .refine((s) => bodyReport(s) !== null, 'body must be the JSON of a valid report');

export const OutboxRowSchema = z
  .strictObject({
    id: z.number().int().positive(),
    period: z.string().refine(isPeriod, 'period must be an ISO week'),
    epsilon: z.number().positive(),
    body: ReportBody,
    status: z.enum(REPORT_STATUSES),
    /** device-local ms since the epoch: the earliest next attempt (never uploaded) */
    sendAfter: z.number().int().min(0),
    /** device-local ms since the epoch when a tab claimed it (status `sending`) */
    claimedAt: z.number().int().min(0).nullable(),
    attempts: z.number().int().min(0),
    /** the last answer: an HTTP status, or "network" */
    lastResult: z.string().max(40).nullable()
  })
  .refine((r) => {
    // zod may run this after a field failed: a bad body is already reported there
    const report = bodyReport(r.body);
    return report !== null && report.period === r.period && report.epsilon === r.epsilon;
  }, 'the body must declare the row’s period and ε');
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

/**
 * The ledger is there but cannot be read. Its ε cannot be known, so none may be spent: starting a
 * fresh, empty ledger would let the device spend its budget again (fail closed). A BudgetExceededError,
 * so that every caller that copes with a spent budget copes with this too.
 */
export class LedgerUnreadableError extends BudgetExceededError {
  constructor() {
    super('the privacy-budget ledger on this device is unreadable: no report can be built until it is erased');
    this.name = 'LedgerUnreadableError';
  }
}

/** The ledger as stored, an empty one when there is none, or null when it is there but unreadable. */
export function ledgerFrom(value: unknown): PrivacyLedger | null {
  if (value === null || value === undefined) return new PrivacyLedger();
  const parsed = LedgerJsonSchema.safeParse(value);
  return parsed.success ? PrivacyLedger.fromJSON(parsed.data) : null;
}
