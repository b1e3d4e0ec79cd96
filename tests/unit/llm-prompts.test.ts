import { describe, expect, it } from 'vitest';
import { firstJsonObject } from '../../src/lib/llm/chat';
import { checkExplanation, explainMessages } from '../../src/lib/llm/explain-prompt';
import { intentFromOutput, intentMessages } from '../../src/lib/llm/intent-prompt';
import { AggregateProgress } from '../../src/lib/llm/progress';
import { semanticScores } from '../../src/lib/llm/semantic';

const INTENT = { kinds: ['deposit'], risk: 'low', horizonMonths: 12, liquidity: null, amount: 50000, currency: 'CNY', goals: ['preservation'], language: 'zh' };

describe('intent from an instruction model', () => {
  it('ends the prompt with the request, after the schema and worked examples', () => {
    const m = intentMessages('a CD for 2 years');
    expect(m[0]!.role).toBe('system');
    expect(m[0]!.content).toContain('"credit_card"');
    expect(m.at(-1)).toEqual({ role: 'user', content: 'a CD for 2 years' });
  });

  it('accepts exactly an Intent, also wrapped in prose or a code fence', () => {
    expect(intentFromOutput(JSON.stringify(INTENT))).toEqual({ ok: true, value: INTENT });
    expect(intentFromOutput('Sure! ```json\n' + JSON.stringify(INTENT) + '\n``` hope it helps {')).toEqual({ ok: true, value: INTENT });
  });

  it('accepts the extended Intent, and asks for it with worked examples', () => {
    const extended = {
      ...INTENT,
      subtypes: ['deposit/large_cd'],
      excludedKinds: ['fund'],
      fees: [],
      age: 35,
      targetReturn: 3,
      hard: ['kinds', 'subtypes', 'age'],
      unrealistic: false,
      understood: true,
      truncated: false
    };
    expect(intentFromOutput(JSON.stringify(extended))).toEqual({ ok: true, value: extended });
    expect(intentFromOutput(JSON.stringify({ ...extended, subtypes: ['deposit/crypto'] }))).toMatchObject({ ok: false, error: /subtypes/ });
    expect(intentFromOutput(JSON.stringify({ ...extended, hard: ['mood'] }))).toMatchObject({ ok: false, error: /hard/ });
    expect(intentFromOutput(JSON.stringify({ ...extended, age: 300 }))).toMatchObject({ ok: false, error: /age/ });
    const m = intentMessages('重疾险');
    expect(m[0]!.content).toContain('"insurance/critical_illness"');
    expect(m[0]!.content).toContain('"no_annual_fee"');
    // every worked example the model is shown is itself a valid, complete extended Intent
    for (const shot of m.filter((x) => x.role === 'assistant')) {
      const r = intentFromOutput(shot.content);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.hard).toBeDefined();
    }
  });

  it('refuses anything else, so the caller falls back to the built-in parser', () => {
    expect(intentFromOutput('I think you want a deposit.')).toMatchObject({ ok: false, error: /no JSON/ });
    expect(intentFromOutput('{"kinds": [deposit]}')).toMatchObject({ ok: false, error: /not valid JSON/ });
    expect(intentFromOutput(JSON.stringify({ ...INTENT, kinds: ['crypto'] }))).toMatchObject({ ok: false, error: /kinds/ });
    expect(intentFromOutput(JSON.stringify({ ...INTENT, risk: 'very low' }))).toMatchObject({ ok: false, error: /risk/ });
    expect(intentFromOutput(JSON.stringify({ ...INTENT, advice: 'buy now' }))).toMatchObject({ ok: false });
    const { language: _omit, ...partial } = INTENT;
    expect(intentFromOutput(JSON.stringify(partial))).toMatchObject({ ok: false, error: /language/ });
  });

  it('finds the first balanced object, skipping braces inside strings', () => {
    expect(firstJsonObject('x {"a":"}{","b":{"c":1}} y {"z":2}')).toBe('{"a":"}{","b":{"c":1}}');
    expect(firstJsonObject('{"open": true')).toBeNull();
  });
});

describe('grounded explanations', () => {
  const items = [
    { name: 'ABC 1-year CD', facts: ['risk level R1', 'expected return 1.75% a year', 'term 12 months'] },
    { name: 'Steady bond fund', facts: ['risk level R2'] }
  ];

  it("puts every fact in the prompt and asks for the person's language", () => {
    const m = explainMessages(items, 'zh-CN');
    expect(m[0]!.content).toContain('Simplified Chinese');
    for (const f of items.flatMap((i) => i.facts)) expect(m[1]!.content).toContain(f);
  });

  it('keeps an explanation that restates the facts', () => {
    const text = '1. The ABC 1-year CD is R1 with 1.75% over 12 months. 2. The bond fund is R2.';
    expect(checkExplanation(`  ${text} `, items)).toEqual({ ok: true, value: text });
  });

  it('refuses invented numbers, empty and overlong replies', () => {
    expect(checkExplanation('The CD pays 3.5% a year.', items)).toMatchObject({ ok: false, error: /3\.5/ });
    expect(checkExplanation('   ', items)).toMatchObject({ ok: false });
    expect(checkExplanation('R1. '.repeat(200), items)).toMatchObject({ ok: false, error: /longer/ });
  });
});

describe('aggregate download progress', () => {
  const models = [
    {
      id: 'e',
      role: 'embed' as const,
      task: 'feature-extraction' as const,
      dtype: 'q8' as const,
      files: [
        { path: 'a', bytes: 100, sha256: 'a'.repeat(64) },
        { path: 'b', bytes: 900, sha256: 'b'.repeat(64) }
      ]
    },
    {
      id: 'g',
      role: 'instruct' as const,
      task: 'text-generation' as const,
      dtype: 'q4f16' as const,
      files: [{ path: 'a', bytes: 1000, sha256: 'c'.repeat(64) }]
    }
  ];

  it('sums bytes over every file of every model, never past the total', () => {
    const p = new AggregateProgress(models);
    expect(p.total).toBe(2000);
    expect(p.update({ modelId: 'e', file: 'b', loaded: 450, done: false })).toBe(true);
    expect(p.loaded).toBe(450);
    expect(p.update({ modelId: 'e', file: 'b', loaded: 450, done: false })).toBe(false);
    expect(p.update({ modelId: 'e', file: 'b', loaded: 5000, done: false })).toBe(true);
    expect(p.loaded).toBe(900);
    // a cached file only says "done"
    expect(p.update({ modelId: 'e', file: 'a', loaded: null, done: true })).toBe(true);
    expect(p.update({ modelId: 'g', file: 'unlisted.json', loaded: 10, done: true })).toBe(false);
    expect(p.update({ modelId: 'g', file: 'a', loaded: 1000, done: false })).toBe(true);
    expect(p.loaded).toBe(p.total);
  });
});

describe('semantic scores', () => {
  it('is the cosine of each product vector with the query, whatever their lengths', () => {
    const vectors = new Float32Array([2, 0, 0, 3, 1, 1, 0, 0]);
    const s = semanticScores(['x', 'y', 'z', 'w'], vectors, new Float32Array([1, 0]));
    expect(s.get('x')).toBeCloseTo(1);
    expect(s.get('y')).toBeCloseTo(0);
    expect(s.get('z')).toBeCloseTo(Math.SQRT1_2);
    expect(s.get('w')).toBe(0);
    expect(() => semanticScores(['x'], vectors, new Float32Array([1, 0]))).toThrow();
  });
});
