import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../src/lib/privacy/period';
import { DEFAULT_PAD_LENGTH } from '../../src/lib/privacy/mechanism';
import { contributionOf, SupportCounter } from '../../src/lib/privacy/aggregate';
import { FeedbackMetrics } from '../../src/lib/server/feedback/metrics';
import { RecoveringStore, StoreUnavailableError } from '../../src/lib/server/feedback/recovering-store';
import { SqliteAggregateStore } from '../../src/lib/server/feedback/sqlite-store';
import type { AggregateStore } from '../../src/lib/server/feedback/store';
import { syntheticIds, syntheticReport } from '../fixtures/privacy/reports';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const ITEMS = syntheticIds(40);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-health-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** a store file with `n` reports in it, closed (so the WAL is checkpointed into the file) */
function storeWith(path: string, n: number): void {
  const store = new SqliteAggregateStore(path);
  const cohort = store.openCohort({ period: periodOf(NOW), epsilon: 4, partsPerReport: 1 }, ITEMS, DEFAULT_PAD_LENGTH);
  const counter = new SupportCounter(ITEMS);
  for (let i = 0; i < n; i++) store.add(cohort, contributionOf(syntheticReport(3, i, ITEMS, periodOf(NOW), 4), counter));
  store.close();
}

describe('the store health check', () => {
  it('passes on a sound file, and fails on one whose data pages were overwritten (SELECT 1 still answers there)', () => {
    const path = join(dir, 'agg.sqlite');
    storeWith(path, 50);
    expect(() => new SqliteAggregateStore(path).check()).not.toThrow();
    // overwrite everything after the first two pages (schema and meta): the counters are garbage now
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - 8192, 0xa5), 0, size - 8192, 8192);
    closeSync(fd);
    const damaged = new SqliteAggregateStore(path);
    expect(() => damaged.check()).toThrow(/damaged|malformed/);
    damaged.close();
  });
});

describe('RecoveringStore', () => {
  it('answers StoreUnavailableError when the file cannot be opened, logs it once, and recovers by itself', () => {
    let t = 0;
    let broken = true;
    const log: string[] = [];
    const real = new SqliteAggregateStore(':memory:');
    const store = new RecoveringStore(
      (): AggregateStore => {
        if (broken) throw new Error('unable to open database file');
        return real;
      },
      { retryMs: 1000, log: (m) => log.push(m), now: () => t }
    );
    expect(() => store.check()).toThrow(StoreUnavailableError);
    expect(store.up).toBe(false);
    t = 500;
    expect(() => store.reportsPerPeriod()).toThrow(StoreUnavailableError); // not reopened yet: too soon
    broken = false;
    expect(() => store.check()).toThrow(StoreUnavailableError);
    t = 1500;
    expect(() => store.check()).not.toThrow();
    expect(store.up).toBe(true);
    expect(log).toEqual(['aggregate store could not be opened: unable to open database file', 'aggregate store recovered']);
  });

  it('gives up a store whose operation failed and opens the file again on the next call', () => {
    let opened = 0;
    let fail = true;
    const store = new RecoveringStore(
      () => {
        opened++;
        const s = new SqliteAggregateStore(':memory:');
        if (fail)
          s.check = () => {
            throw new Error('attempt to write a readonly database');
          };
        return s;
      },
      { log: () => undefined }
    );
    expect(() => store.check()).toThrow(/readonly/);
    fail = false;
    expect(() => store.check()).not.toThrow();
    expect(opened).toBe(2);
  });

  it('/metrics says store_up 0 when the check fails', () => {
    const text = new FeedbackMetrics(NOW).render(NOW, [], false);
    expect(text).toContain('candor_feedback_store_up 0');
  });
});
