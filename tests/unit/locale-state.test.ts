/**
 * The language's manager (src/lib/client/locale.svelte.ts) against a real Dexie store in
 * fake-indexeddb: the browser's language first, the saved choice once the store is open, a switch
 * saved for the next load, an embedded frame's choice shown but not saved, and every change passed
 * to the messages (which, in the app, also set the document's lang).
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSetting, openCandorDb, setSetting, type CandorDB } from '../../src/lib/client/db';
import { LocaleState, type Messages } from '../../src/lib/client/locale.svelte';
import { PersonState } from '../../src/lib/client/person.svelte';
import type { Locale } from '../../src/lib/domain';
import { z } from 'zod';

const NAME = 'locale-state-test';
let db: CandorDB;

/** Messages that remember what they were told. */
function recording(): Messages & { calls: string[] } {
  const calls: string[] = [];
  return { calls, start: (l: Locale) => void calls.push(`start ${l}`), show: (l: Locale) => void calls.push(`show ${l}`) };
}
const savedLocale = () => getSetting(db, 'locale', z.unknown(), undefined);

beforeEach(async () => {
  db = openCandorDb(NAME);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

describe('LocaleState', () => {
  it('starts in the browser language, then takes the saved choice from the store', async () => {
    await setSetting(db, 'locale', 'en');
    const messages = recording();
    const state = new LocaleState(messages);
    expect(state.ready).toBe(false);
    state.begin('zh-TW');
    expect([state.ready, state.locale]).toEqual([true, 'zh-CN']);
    await state.start(db);
    expect(state.locale).toBe('en');
    expect(messages.calls).toEqual(['start zh-CN', 'show zh-CN', 'show en']);
  });

  it('an English browser with nothing saved stays in English; a stored value that is no language is ignored', async () => {
    const messages = recording();
    const state = new LocaleState(messages);
    state.begin('en-GB');
    await state.start(db);
    expect(state.locale).toBe('en');
    await setSetting(db, 'locale', 'fr');
    const other = new LocaleState(recording());
    other.begin('zh-CN');
    await other.start(db);
    expect(other.locale).toBe('zh-CN');
    expect(messages.calls).toEqual(['start en', 'show en']);
  });

  it('a switch is shown and saved: the next load starts in it', async () => {
    const messages = recording();
    const state = new LocaleState(messages);
    state.begin('zh-CN');
    await state.start(db);
    await state.switch('en');
    expect(state.locale).toBe('en');
    expect(await savedLocale()).toBe('en');
    expect(messages.calls.at(-1)).toBe('show en');

    const next = new LocaleState(recording());
    next.begin('zh-CN');
    await next.start(db);
    expect(next.locale).toBe('en');
  });

  it('before the store is open a switch is shown only; showOnly never saves', async () => {
    const state = new LocaleState(recording());
    state.begin('zh-CN');
    await state.switch('en');
    expect(state.locale).toBe('en');
    await state.start(db);
    expect(await savedLocale()).toBeUndefined();
    state.showOnly('zh-CN');
    expect(state.locale).toBe('zh-CN');
    expect(await savedLocale()).toBeUndefined();
  });

  it("the person's profile carries the manager's language", async () => {
    const state = new LocaleState(recording());
    const person = new PersonState(() => state.locale);
    state.begin('zh-CN');
    await state.start(db);
    expect(person.profile.locale).toBe('zh-CN');
    await state.switch('en');
    expect(person.profile.locale).toBe('en');
  });
});
