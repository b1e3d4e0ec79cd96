/**
 * The person's manager (src/lib/client/person.svelte.ts) against a real Dexie store in fake-indexeddb:
 * events land in the store and in the state together, a refused one changes neither, favourites follow
 * the latest favourite event, and the profile carries the questionnaire's answers and the page's language.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEvents, openCandorDb, type CandorDB } from '../../src/lib/client/db';
import { PersonState } from '../../src/lib/client/person.svelte';
import type { Locale } from '../../src/lib/domain';
import { scoreQuestionnaire, type Answers } from '../../src/lib/domain/questionnaire';

const NAME = 'person-state-test';
let db: CandorDB;
let locale: Locale = 'zh-CN';
const known = (id: string) => id === 'p1' || id === 'p2';

beforeEach(async () => {
  db = openCandorDb(NAME);
  await db.open();
  locale = 'zh-CN';
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

describe('PersonState', () => {
  it('records events in the store and the state; a refused one changes neither', async () => {
    const person = new PersonState(() => locale);
    await person.record(db, 'favorite', 'p1', {}, known);
    await person.record(db, 'dismiss', 'p2', {}, known);
    await expect(person.record(db, 'view', 'nope', {}, known)).rejects.toThrow(/nope/);
    expect(person.events.map((e) => [e.type, e.productId])).toEqual([
      ['favorite', 'p1'],
      ['dismiss', 'p2']
    ]);
    expect((await listEvents(db)).length).toBe(2);
    expect([...person.favorites]).toEqual(['p1']);
    expect([...person.dismissed]).toEqual(['p2']);
    // the latest favourite event decides: taken back
    await person.record(db, 'favorite', 'p1', { value: 0 }, known);
    expect([...person.favorites]).toEqual([]);

    // a fresh manager reads the same from the store
    const again = new PersonState(() => locale);
    await again.load(db);
    expect(again.events.length).toBe(3);
    expect([...again.dismissed]).toEqual(['p2']);
  });

  it('carries the questionnaire and told details into the profile, in the page language', async () => {
    const person = new PersonState(() => locale);
    expect(person.profile.riskLevel).toBeNull();
    await person.tellDetails(db, { age: 35 });
    expect(person.profile).toMatchObject({ age: 35, locale: 'zh-CN' });
    const answers: Answers = {
      age: 35,
      income: '150k-300k',
      assets: '100k-500k',
      debt: 'lt20',
      experience: 'moderate',
      knowledge: 'good',
      horizon: '3-5y',
      liquidity: 'some',
      lossTolerance: '5-15',
      drop20: 'hold',
      goals: ['growth'],
      investAmount: 50_000
    };
    const scored = scoreQuestionnaire(answers, new Date());
    if (!scored.ok) throw new Error(scored.error);
    await person.completeQuestionnaire(db, scored.value);
    expect(person.profile).toMatchObject({ riskLevel: scored.value.riskLevel, goals: ['growth'], investAmount: 50_000 });
    locale = 'en';
    expect(person.profile.locale).toBe('en');
    // kept: a reload reads the same profile back
    const again = new PersonState(() => locale);
    await again.load(db);
    expect(again.profile).toMatchObject({ riskLevel: scored.value.riskLevel, age: 35 });
  });
});
