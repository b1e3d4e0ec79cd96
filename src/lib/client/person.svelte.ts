/**
 * The person, as state: their behaviour log, stored profile and latest questionnaire, and what follows
 * from them (the effective profile, favourites, dismissals). All of it lives in this device's Dexie
 * store and is never uploaded; every write goes through db.ts's validation and is refused with its
 * reason rather than stored half-right.
 */
import { EMPTY_PROFILE, type EventType, type Locale, type Profile } from '../domain';
import { effectiveProfile, type QuestionnaireResult } from '../domain/questionnaire';
import { getProfile, latestQuestionnaire, listEvents, recordEvent, saveProfile, saveQuestionnaire, type CandorDB, type StoredEvent } from './db';

export class PersonState {
  readonly #locale: () => Locale;
  events = $state.raw<StoredEvent[]>([]);
  baseProfile = $state.raw<Profile>(EMPTY_PROFILE);
  questionnaire = $state.raw<QuestionnaireResult | null>(null);

  /** the stored profile, with the assessment's answers and level while it is valid, in the page's language */
  readonly profile: Profile;
  /** the person's current favourites: the latest favourite event per product decides */
  favorites = $derived.by(() => {
    const state = new Map<string, boolean>();
    for (const e of this.events) if (e.type === 'favorite' && e.productId) state.set(e.productId, e.value !== 0);
    return new Set([...state].filter(([, on]) => on).map(([id]) => id));
  });
  dismissed = $derived(new Set(this.events.filter((e) => e.type === 'dismiss').map((e) => e.productId)));

  /** `locale`: the page's language, which the profile carries */
  constructor(locale: () => Locale) {
    this.#locale = locale;
    this.profile = $derived(effectiveProfile({ ...this.baseProfile, locale: this.#locale() }, this.questionnaire, new Date()));
  }

  /** Read the person's data from the store again (at start, and after an erase). */
  async load(db: CandorDB): Promise<void> {
    [this.events, this.baseProfile, this.questionnaire] = await Promise.all([listEvents(db), getProfile(db), latestQuestionnaire(db)]);
  }

  /** Record one behaviour event; a refused one (bad type, unknown product) throws with the reason. */
  async record(
    db: CandorDB,
    type: EventType,
    productId: string | undefined,
    extra: { value?: number; query?: string },
    known: (id: string) => boolean
  ): Promise<StoredEvent> {
    const result = await recordEvent(db, { type, productId, ts: new Date().toISOString(), ...extra }, known);
    if (!result.ok) throw new Error(result.error);
    this.events = [...this.events, result.value];
    return result.value;
  }

  /** Age or income told to check eligibility (kept on the device, like the rest of the profile). */
  async tellDetails(db: CandorDB, details: Pick<Profile, 'age' | 'annualIncome'>): Promise<void> {
    const saved = await saveProfile(db, { ...this.baseProfile, ...details });
    if (!saved.ok) throw new Error(saved.error);
    this.baseProfile = saved.value;
  }

  /** Keep the assessment, and carry its answers (age, income, goals…) into the stored profile. */
  async completeQuestionnaire(db: CandorDB, result: QuestionnaireResult): Promise<void> {
    await saveQuestionnaire(db, result);
    const saved = await saveProfile(db, { ...this.baseProfile, ...result.profile, riskLevel: result.riskLevel });
    if (!saved.ok) throw new Error(saved.error);
    this.baseProfile = saved.value;
    this.questionnaire = result;
  }
}
