/**
 * What the privacy page shows of this device's store, as state: the store's counts, every table's row
 * count, and the feedback outbox (upload mode, ε, the reports as sent, the ε ledger). The page reads
 * this manager and calls its actions; it never reads Dexie itself. Each action reads the store again
 * when it is done, so the page shows what is stored, not what it asked for.
 */
import type { CandorDB, StoreCounts } from './db';
import { storeCounts } from './db';
import {
  browserOutbox,
  getEpsilon,
  getUploadMode,
  listReports,
  readLedger,
  reenrolAfterErase,
  sendNow,
  setEpsilon,
  setUploadMode,
  type SendNowResult
} from './outbox';
import { LedgerUnreadableError, type OutboxRow } from './outbox-row';
import type { UploadMode } from '../privacy/delivery';

export interface OutboxView {
  mode: UploadMode;
  epsilon: number;
  /** newest first */
  reports: OutboxRow[];
  /** newest period first */
  byPeriod: { period: string; epsilon: number; reports: number }[];
  total: number;
}

export class PrivacyView {
  readonly #db: CandorDB;
  counts = $state.raw<StoreCounts | null>(null);
  tables = $state.raw<{ name: string; rows: number }[]>([]);
  outbox = $state.raw<OutboxView | null>(null);
  /** the ε ledger is there but cannot be read: nothing more is sent (outbox-row.ts) */
  ledgerUnreadable = $state(false);
  sending = $state(false);
  /** bumps on every read, so that a slower earlier read never overwrites a later one */
  #generation = 0;

  constructor(db: CandorDB) {
    this.#db = db;
  }

  /** Read everything the page shows again (after an event, an erase or an outbox action). */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const db = this.#db;
    const [counts, tables, settings] = await Promise.all([
      storeCounts(db),
      Promise.all(db.tables.map(async (t) => ({ name: t.name, rows: await t.count() }))),
      Promise.all([getUploadMode(db), getEpsilon(db), listReports(db)])
    ]);
    let ledger: Awaited<ReturnType<typeof readLedger>> | null = null;
    try {
      ledger = await readLedger(db);
    } catch (e) {
      if (!(e instanceof LedgerUnreadableError)) throw e;
    }
    if (generation !== this.#generation) return;
    this.counts = counts;
    this.tables = tables;
    const [mode, epsilon, reports] = settings;
    this.ledgerUnreadable = ledger === null;
    if (ledger) this.outbox = { mode, epsilon, reports: [...reports].reverse(), byPeriod: ledger.byPeriod().reverse(), total: ledger.total() };
  }

  async chooseMode(mode: UploadMode): Promise<void> {
    await setUploadMode(this.#db, mode);
    await this.refresh();
  }

  async chooseEpsilon(epsilon: number): Promise<void> {
    await setEpsilon(this.#db, epsilon);
    await this.refresh();
  }

  /** Build and send this period's report now, if one is due (the person's "send now"). */
  async sendNow(): Promise<SendNowResult> {
    this.sending = true;
    try {
      return await sendNow(browserOutbox(this.#db));
    } finally {
      this.sending = false;
      await this.refresh();
    }
  }

  /** After an erase the ledger went with everything else: stay silent for this period and the last (outbox.ts). */
  async afterErase(now: number): Promise<void> {
    await reenrolAfterErase(this.#db, now);
    await this.refresh();
  }
}
