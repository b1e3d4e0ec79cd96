import { describe, expect, it } from 'vitest';
import { QUESTIONS, type Answers } from '../../src/lib/domain/questionnaire';
import { answerProblems, answeredCount } from '../../src/routes/(app)/questionnaire/answer-check';

/** A valid answer to every question: the first option, or the lowest number allowed. */
function complete(): Answers {
  const a: Answers = {};
  for (const q of QUESTIONS) a[q.id] = q.kind === 'number' ? (q.min ?? 1) : q.kind === 'multi' ? [q.options[0]!.id] : q.options[0]!.id;
  return a;
}

describe("the questionnaire page's answer check", () => {
  it('finds nothing wrong with a complete set, and counts all of them answered', () => {
    expect(answerProblems(complete()).size).toBe(0);
    expect(answeredCount(complete())).toBe(QUESTIONS.length);
    expect(QUESTIONS.length).toBe(12);
  });

  it('marks each unanswered question, in questionnaire order, and counts the rest', () => {
    const a = complete();
    const [first, , third] = QUESTIONS;
    delete a[third!.id];
    delete a[first!.id];
    const multi = QUESTIONS.find((q) => q.kind === 'multi')!;
    a[multi.id] = []; // nothing ticked is not answered
    expect([...answerProblems(a)]).toEqual([
      [first!.id, 'missing'],
      [third!.id, 'missing'],
      [multi.id, 'missing']
    ]);
    expect(answeredCount(a)).toBe(9);
    expect(answeredCount({})).toBe(0);
  });

  it('tells a number out of range from a missing one', () => {
    const a = complete();
    a.age = 12;
    expect(answerProblems(a).get('age')).toBe('invalid');
    a.age = 30.5;
    expect(answerProblems(a).get('age')).toBe('invalid');
  });
});
