/**
 * The privacy page's manager (src/lib/client/privacy-view.svelte.ts) against a real Dexie store in
 * fake-indexeddb: it shows what is stored after each action, flags an unreadable ledger instead of throwing.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheCatalogue, eraseAll, openCandorDb, recordEvent, setSetting, type CandorDB } from '../../src/lib/client/db';
import { LEDGER_SETTING } from '../../src/lib/client/outbox-row';
import { PrivacyView } from '../../src/lib/client/privacy-view.svelte';
import { DEFAULT_EPSILON } from '../../src/lib/privacy/mechanism';
import { makeProduct } from '../fixtures/engine/fixtures';

const NAME = 'privacy-view-test';
const NOW = new Date('2026-12-01T09:00:00Z');
let db: CandorDB;

beforeEach(async () => {
  db = openCandorDb(NAME);
  await db.open();
  await cacheCatalogue(db, { version: 1, products: [makeProduct('p1'), makeProduct('p2')] }, NOW);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

const view = (v: PrivacyView) => ({ events: v.counts?.events, favorite: v.counts?.byType.favorite, mode: v.outbox?.mode, epsilon: v.outbox?.epsilon });

describe('PrivacyView', () => {
  it('shows the store as it is after each event, setting and erase', async () => {
    const v = new PrivacyView(db);
    expect(v.counts).toBeNull();
    await v.refresh();
    expect(view(v)).toEqual({ events: 0, favorite: 0, mode: 'on', epsilon: DEFAULT_EPSILON });
    expect(v.counts?.catalogueProducts).toBe(2);

    await recordEvent(db, { type: 'favorite', productId: 'p1', ts: NOW.toISOString() }, () => true);
    await recordEvent(db, { type: 'view', productId: 'p2', ts: NOW.toISOString() }, () => true);
    await v.refresh();
    expect(view(v)).toMatchObject({ events: 2, favorite: 1 });
    expect(v.tables.find((t) => t.name === 'events')?.rows).toBe(2);

    await v.chooseMode('paused');
    await v.chooseEpsilon(2);
    expect(view(v)).toMatchObject({ mode: 'paused', epsilon: 2 });

    await eraseAll(db);
    await v.afterErase(NOW.getTime());
    expect(view(v)).toMatchObject({ events: 0, mode: 'on' });
    expect(v.tables.find((t) => t.name === 'events')?.rows).toBe(0);
    expect(v.ledgerUnreadable).toBe(false);
  });

  it('says the ledger is unreadable, rather than failing, and keeps showing the counts', async () => {
    await setSetting(db, LEDGER_SETTING, { not: 'a ledger' });
    const v = new PrivacyView(db);
    await v.refresh();
    expect(v.ledgerUnreadable).toBe(true);
    expect(v.outbox).toBeNull();
    expect(v.counts?.events).toBe(0);
  });
});
