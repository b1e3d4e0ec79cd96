import { AnswersSchema, QUESTIONS, type Answers } from '$lib/domain/questionnaire';

/**
 * What is wrong with each question's answer, for the page to mark: 'missing' (not answered) or
 * 'invalid' (a number out of range or not whole). The domain's AnswersSchema decides, so the page
 * and the scoring never disagree; its messages are for developers (English, with ids), so only
 * the question ids are taken from it and the page says the rest in its own language.
 */
export type AnswerProblem = 'missing' | 'invalid';

function blank(v: Answers[string] | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** question id -> problem, in questionnaire order; empty when every answer is good */
export function answerProblems(answers: Answers): Map<string, AnswerProblem> {
  const parsed = AnswersSchema.safeParse(answers);
  const out = new Map<string, AnswerProblem>();
  if (parsed.success) return out;
  const failed = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  for (const q of QUESTIONS) if (failed.has(q.id)) out.set(q.id, blank(answers[q.id]) ? 'missing' : 'invalid');
  return out;
}

/** How many questions have a good answer (the progress shown while answering). */
export function answeredCount(answers: Answers): number {
  return QUESTIONS.length - answerProblems(answers).size;
}
