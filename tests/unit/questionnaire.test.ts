import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOALS, ProfileSchema, type Profile } from '../../src/lib/domain/profile';
import {
  addOneYear,
  AnswersSchema,
  CAPS,
  effectiveProfile,
  isExpired,
  LEVEL_THRESHOLDS,
  levelForScore,
  MAX_SCORE,
  QUESTIONNAIRE_VERSION,
  QuestionnaireResultSchema,
  QUESTIONS,
  RISK_LEVEL_LABELS,
  scoreQuestionnaire,
  type Answers,
  type Question,
  type QuestionnaireResult
} from '../../src/lib/domain/questionnaire';
import { parseWith } from '../../src/lib/domain/validate';

const TAKEN = new Date('2026-03-15T09:30:00.000Z');

function q(id: string): Question {
  const found = QUESTIONS.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

/** The number in a band of a number question with the given points (first match). */
function numberFor(question: Question, pick: 'min' | 'max'): number {
  const bands = question.bands;
  if (!bands?.length) return pick === 'min' ? (question.min ?? 0) : (question.max ?? 0);
  const points = bands.map((b) => b.points);
  const target = pick === 'min' ? Math.min(...points) : Math.max(...points);
  return bands.find((b) => b.points === target)!.min;
}

/** Every question answered with its lowest-scoring (or highest-scoring) choice. */
function extremeAnswers(pick: 'min' | 'max'): Answers {
  const a: Answers = {};
  for (const question of QUESTIONS) {
    if (question.kind === 'number') a[question.id] = numberFor(question, pick);
    else {
      const sorted = [...question.options].sort((x, y) => x.points - y.points);
      const chosen = pick === 'min' ? sorted[0]! : sorted[sorted.length - 1]!;
      a[question.id] = question.kind === 'multi' ? [chosen.id] : chosen.id;
    }
  }
  return a;
}

function score(a: unknown, at: Date = TAKEN): QuestionnaireResult {
  const r = scoreQuestionnaire(a, at);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(a: unknown): string {
  const r = scoreQuestionnaire(a, TAKEN);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

/** A neutral answer set (no caps apply) whose score can be tuned question by question. */
function neutral(): Answers {
  return {
    age: 40, // 4
    income: 'lt50k', // 0
    assets: 'lt100k', // 0
    debt: 'gt50', // 0
    experience: 'basic', // 2
    knowledge: 'none', // 0
    horizon: '1-3y', // 2
    liquidity: 'most', // 0
    lossTolerance: 'lt5', // 2
    drop20: 'sellAll', // 0
    goals: ['preservation'],
    investAmount: 10_000
  }; // 10 points
}

describe('the questions', () => {
  it('has 10-12 questions, unique ids, bilingual text and unique option ids', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(10);
    expect(QUESTIONS.length).toBeLessThanOrEqual(12);
    expect(new Set(QUESTIONS.map((x) => x.id)).size).toBe(QUESTIONS.length);
    for (const question of QUESTIONS) {
      expect(question.prompt['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(question.prompt.en).toMatch(/[a-z]/i);
      expect(new Set(question.options.map((o) => o.id)).size).toBe(question.options.length);
      for (const o of question.options) {
        expect(o.label['zh-CN'].length).toBeGreaterThan(0);
        expect(o.label.en.length).toBeGreaterThan(0);
      }
      if (question.kind === 'number') {
        expect(question.options).toEqual([]);
        expect(question.min).toBeTypeOf('number');
        expect(question.max).toBeTypeOf('number');
      } else {
        expect(question.options.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('covers the required topics', () => {
    for (const id of [
      'age',
      'income',
      'assets',
      'experience',
      'knowledge',
      'horizon',
      'lossTolerance',
      'drop20',
      'goals',
      'liquidity',
      'debt',
      'investAmount'
    ]) {
      expect(
        QUESTIONS.some((x) => x.id === id),
        id
      ).toBe(true);
    }
    expect(q('age')).toMatchObject({ kind: 'number', min: 18, max: 100 });
    expect(q('goals').kind).toBe('multi');
    expect(q('goals').options.map((o) => o.id)).toEqual([...GOALS]);
  });

  it('age bands cover 18-100 without gaps or overlaps', () => {
    const bands = [...(q('age').bands ?? [])].sort((a, b) => a.min - b.min);
    expect(bands[0]!.min).toBe(18);
    expect(bands[bands.length - 1]!.max).toBe(100);
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.min).toBe(bands[i - 1]!.max + 1);
  });

  it('MAX_SCORE is the sum of the best answers and the thresholds are increasing', () => {
    expect(MAX_SCORE).toBe(50);
    expect(score(extremeAnswers('max')).score).toBe(MAX_SCORE);
    expect(LEVEL_THRESHOLDS).toEqual({ 1: 0, 2: 11, 3: 21, 4: 31, 5: 41 });
  });

  it('labels the five levels in both languages', () => {
    expect(RISK_LEVEL_LABELS[1]).toEqual({ 'zh-CN': 'C1 保守型', en: 'C1 Conservative' });
    expect(RISK_LEVEL_LABELS[2]['zh-CN']).toContain('谨慎型');
    expect(RISK_LEVEL_LABELS[3]['zh-CN']).toContain('稳健型');
    expect(RISK_LEVEL_LABELS[4].en).toContain('Growth');
    expect(RISK_LEVEL_LABELS[5]).toEqual({ 'zh-CN': 'C5 激进型', en: 'C5 Aggressive' });
  });
});

describe('scoreQuestionnaire()', () => {
  it('all lowest answers give C1, all highest give C5', () => {
    const low = score(extremeAnswers('min'));
    expect(low.score).toBe(0);
    expect(low.riskLevel).toBe(1);
    const high = score(extremeAnswers('max'));
    expect(high).toMatchObject({ score: 50, maxScore: 50, riskLevel: 5, uncappedLevel: 5, caps: [] });
  });

  it('maps scores to levels at the exact thresholds', () => {
    const cases: [number, number][] = [
      [0, 1],
      [10, 1],
      [11, 2],
      [20, 2],
      [21, 3],
      [30, 3],
      [31, 4],
      [40, 4],
      [41, 5],
      [50, 5]
    ];
    for (const [s, level] of cases) expect(levelForScore(s), `score ${s}`).toBe(level);
  });

  it('answer sets that score exactly at each boundary get the level of that boundary', () => {
    const base = neutral();
    expect(score(base)).toMatchObject({ score: 10, riskLevel: 1 });
    expect(score({ ...base, income: '50k-150k' })).toMatchObject({ score: 11, riskLevel: 2 }); // +1
    // 20 and 21
    const twenty = { ...base, knowledge: 'good', drop20: 'hold', debt: 'none' }; // +3 +4 +3
    expect(score(twenty)).toMatchObject({ score: 20, riskLevel: 2 });
    expect(score({ ...twenty, income: '50k-150k' })).toMatchObject({ score: 21, riskLevel: 3 });
    // 30 and 31
    const exactly30 = { ...twenty, experience: 'expert', horizon: '3-5y', assets: '500k-1m' }; // +6 +2 +2
    expect(score(exactly30)).toMatchObject({ score: 30, riskLevel: 3 });
    expect(score({ ...exactly30, liquidity: 'some' })).toMatchObject({ score: 31, riskLevel: 4 }); // +1
    // 40 and 41: from the maximum, take points away
    const max = extremeAnswers('max');
    expect(score({ ...max, income: 'lt50k', assets: 'lt100k', debt: 'lt20' })).toMatchObject({ score: 41, riskLevel: 5 });
    expect(score({ ...max, income: 'lt50k', assets: 'lt100k', debt: '20-50' })).toMatchObject({ score: 40, riskLevel: 4 });
  });

  it('"cannot accept any loss" caps at C1', () => {
    const r = score({ ...extremeAnswers('max'), lossTolerance: 'none' });
    expect(r.score).toBe(42);
    expect(r.uncappedLevel).toBe(5);
    expect(r.riskLevel).toBe(1);
    expect(r.caps).toEqual(['no_loss']);
  });

  it('a horizon under a year caps at C2', () => {
    const r = score({ ...extremeAnswers('max'), horizon: 'lt1y' });
    expect(r).toMatchObject({ score: 44, uncappedLevel: 5, riskLevel: 2, caps: ['short_horizon'] });
    expect(r.profile.horizonMonths).toBe(6);
  });

  it('no investment experience caps at C3', () => {
    const r = score({ ...extremeAnswers('max'), experience: 'none' });
    expect(r).toMatchObject({ score: 42, uncappedLevel: 5, riskLevel: 3, caps: ['no_experience'] });
  });

  it('age 70 or over caps at C3; 69 does not', () => {
    const r70 = score({ ...extremeAnswers('max'), age: 70 });
    expect(r70).toMatchObject({ score: 46, uncappedLevel: 5, riskLevel: 3, caps: ['age_70_plus'] });
    const r69 = score({ ...extremeAnswers('max'), age: 69 });
    expect(r69).toMatchObject({ score: 47, riskLevel: 5, caps: [] });
  });

  it('a cap never raises the level, and the lowest cap wins', () => {
    const low = score({ ...neutral(), experience: 'none', age: 75 });
    expect(low.riskLevel).toBe(1);
    expect(low.caps).toEqual(['no_experience', 'age_70_plus']);
    const both = score({ ...extremeAnswers('max'), horizon: 'lt1y', lossTolerance: 'none', experience: 'none' });
    expect(both.riskLevel).toBe(1);
    expect(both.caps).toEqual(['no_loss', 'short_horizon', 'no_experience']);
    expect(CAPS.map((c) => c.maxLevel)).toEqual([1, 2, 3, 3]);
  });

  it('the level is always the score level lowered by caps, never above it (property)', () => {
    const pick = (question: Question) =>
      question.kind === 'number'
        ? fc.integer({ min: question.min ?? 0, max: question.max ?? 100 })
        : question.kind === 'multi'
          ? fc.subarray(
              question.options.map((o) => o.id),
              { minLength: 1 }
            )
          : fc.constantFrom(...question.options.map((o) => o.id));
    const arb = fc.record(Object.fromEntries(QUESTIONS.map((x) => [x.id, pick(x)])));
    fc.assert(
      fc.property(arb, (a) => {
        const r = score(a);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(MAX_SCORE);
        expect(r.riskLevel).toBeLessThanOrEqual(levelForScore(r.score));
        if (a.lossTolerance === 'none') expect(r.riskLevel).toBe(1);
        if (a.horizon === 'lt1y') expect(r.riskLevel).toBeLessThanOrEqual(2);
        if (a.experience === 'none') expect(r.riskLevel).toBeLessThanOrEqual(3);
        expect(QuestionnaireResultSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 300 }
    );
  });

  it('fills the profile: age, the lower bound of the income band, horizon, goals, liquidity, amount, loss tolerance', () => {
    const r = score({
      ...neutral(),
      income: '150k-300k',
      horizon: '3-5y',
      liquidity: 'little',
      goals: ['retirement', 'growth'],
      investAmount: 50_000,
      age: 33
    });
    expect(r.profile).toEqual({
      age: 33,
      annualIncome: 150_000,
      horizonMonths: 36,
      goals: ['growth', 'retirement'],
      liquidityNeed: 'low',
      investAmount: 50_000,
      lossTolerance: 'lt5'
    });
    expect(score({ ...neutral(), lossTolerance: 'gt30' }).profile.lossTolerance).toBe('gt30');
    expect(score({ ...neutral(), income: 'lt50k' }).profile.annualIncome).toBe(0);
    expect(score({ ...neutral(), income: 'gte500k' }).profile.annualIncome).toBe(500_000);
    expect(score({ ...neutral(), liquidity: 'most' }).profile.liquidityNeed).toBe('high');
    expect(score({ ...neutral(), liquidity: 'some' }).profile.liquidityNeed).toBe('medium');
    expect(ProfileSchema.partial().safeParse(r.profile).success).toBe(true);
  });

  it('records version, answers and dates', () => {
    const r = score(neutral());
    expect(r.version).toBe(QUESTIONNAIRE_VERSION);
    expect(r.answers).toEqual(neutral());
    expect(r.takenAt).toBe('2026-03-15T09:30:00.000Z');
    expect(r.expiresAt).toBe('2027-03-15T09:30:00.000Z');
  });

  it('drops answers to questions that do not exist', () => {
    const r = score({ ...neutral(), oldQuestion: 'x' });
    expect(r.answers).not.toHaveProperty('oldQuestion');
  });
});

describe('refusals', () => {
  it('refuses a missing answer, naming the question', () => {
    const { horizon: _h, ...rest } = neutral();
    void _h;
    const err = errorOf(rest);
    expect(err).toMatch(/^horizon: not answered/);
    expect(err).toContain('How long do you plan');
  });

  it('lists every missing answer', () => {
    const err = errorOf({});
    for (const question of QUESTIONS) expect(err).toContain(`${question.id}: not answered`);
  });

  it('refuses an empty multi-select and a blank string', () => {
    expect(errorOf({ ...neutral(), goals: [] })).toMatch(/^goals: not answered/);
    expect(errorOf({ ...neutral(), income: '' })).toMatch(/^income: not answered/);
  });

  it('refuses an unknown option id', () => {
    expect(errorOf({ ...neutral(), income: 'millionaire' })).toBe(
      'income: unknown option "millionaire"; expected one of lt50k, 50k-150k, 150k-300k, 300k-500k, gte500k'
    );
    expect(errorOf({ ...neutral(), goals: ['growth', 'lottery'] })).toMatch(/^goals: unknown option "lottery"/);
    expect(errorOf({ ...neutral(), goals: ['growth', 'growth'] })).toMatch(/^goals: an option is chosen more than once/);
  });

  it('refuses a wrong type', () => {
    expect(errorOf({ ...neutral(), income: 3 })).toMatch(/^income: must be one option id/);
    expect(errorOf({ ...neutral(), goals: 'growth' })).toMatch(/^goals: must be a list of option ids/);
    expect(errorOf({ ...neutral(), age: '40' })).toMatch(/^age: must be a number/);
    expect(errorOf({ ...neutral(), age: Number.NaN })).toMatch(/^age: must be a number/);
    expect(errorOf('not answers')).toMatch(/answers must be an object/);
    expect(errorOf(null)).toMatch(/answers must be an object/);
  });

  it('refuses numbers out of range or not whole', () => {
    expect(errorOf({ ...neutral(), age: 17 })).toBe('age: must be between 18 and 100, got 17');
    expect(errorOf({ ...neutral(), age: 101 })).toBe('age: must be between 18 and 100, got 101');
    expect(errorOf({ ...neutral(), age: 40.5 })).toBe('age: must be a whole number, got 40.5');
    expect(errorOf({ ...neutral(), investAmount: 0 })).toMatch(/^investAmount: must be between 1 and/);
    expect(score({ ...neutral(), age: 18 }).profile.age).toBe(18);
    expect(score({ ...neutral(), age: 100 }).profile.age).toBe(100);
  });

  it('AnswersSchema reports through parseWith', () => {
    const r = parseWith(AnswersSchema, { ...neutral(), age: 5 });
    expect(r).toEqual({ ok: false, error: 'age: must be between 18 and 100, got 5' });
    expect(parseWith(AnswersSchema, neutral()).ok).toBe(true);
  });

  it('refuses an invalid takenAt', () => {
    const r = scoreQuestionnaire(neutral(), new Date('nope'));
    expect(r).toEqual({ ok: false, error: 'takenAt must be a valid date' });
  });
});

describe('expiry', () => {
  it('expires exactly one year later', () => {
    const r = score(neutral(), new Date('2026-06-01T00:00:00.000Z'));
    expect(r.expiresAt).toBe('2027-06-01T00:00:00.000Z');
    expect(isExpired(r, new Date('2027-05-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(r, new Date('2027-06-01T00:00:00.000Z'))).toBe(true);
    expect(isExpired(r, new Date('2026-06-01T00:00:00.000Z'))).toBe(false);
  });

  it('a leap day expires on 28 February of the next year', () => {
    const r = score(neutral(), new Date('2028-02-29T12:00:00.000Z'));
    expect(r.expiresAt).toBe('2029-02-28T12:00:00.000Z');
    expect(isExpired(r, new Date('2029-02-28T11:59:59.999Z'))).toBe(false);
    expect(isExpired(r, new Date('2029-02-28T12:00:00.000Z'))).toBe(true);
  });

  it('28 February before a leap year and 1 March keep their day', () => {
    expect(addOneYear(new Date('2027-02-28T08:00:00.000Z')).toISOString()).toBe('2028-02-28T08:00:00.000Z');
    expect(addOneYear(new Date('2027-03-01T08:00:00.000Z')).toISOString()).toBe('2028-03-01T08:00:00.000Z');
    expect(addOneYear(new Date('2026-12-31T23:59:59.999Z')).toISOString()).toBe('2027-12-31T23:59:59.999Z');
  });

  it('an unreadable expiry counts as expired', () => {
    expect(isExpired({ ...score(neutral()), expiresAt: 'garbage' }, TAKEN)).toBe(true);
  });
});

describe('effectiveProfile()', () => {
  const base: Profile = { riskLevel: 4, age: 50, annualIncome: 1_000_000, locale: 'en', goals: ['travel'] };

  it('merges the questionnaire fields and level over the base profile', () => {
    const r = score({ ...neutral(), age: 33, income: '150k-300k' });
    const p = effectiveProfile(base, r, TAKEN);
    expect(p).toEqual({
      riskLevel: r.riskLevel,
      age: 33,
      annualIncome: 150_000,
      horizonMonths: 12,
      goals: ['preservation'],
      liquidityNeed: 'high',
      investAmount: 10_000,
      lossTolerance: 'lt5',
      locale: 'en'
    });
    expect(ProfileSchema.safeParse(p).success).toBe(true);
  });

  it('with no result the level is null, even if the base profile has one', () => {
    expect(effectiveProfile(base, null, TAKEN)).toEqual({ ...base, riskLevel: null });
  });

  it('with an expired result the level is null', () => {
    const r = score(extremeAnswers('max'), new Date('2025-01-01T00:00:00.000Z'));
    expect(effectiveProfile(base, r, new Date('2026-01-01T00:00:00.000Z')).riskLevel).toBeNull();
    expect(effectiveProfile(base, r, new Date('2025-12-31T23:59:59.999Z')).riskLevel).toBe(5);
  });

  it('does not let an undefined field in the result erase a base field', () => {
    const r = score(neutral());
    const sparse: QuestionnaireResult = { ...r, profile: { age: undefined, goals: ['home'] } };
    expect(effectiveProfile(base, sparse, TAKEN)).toMatchObject({ age: 50, goals: ['home'], riskLevel: r.riskLevel });
  });
});
