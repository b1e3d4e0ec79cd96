import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CatalogueSchema, type Product } from '../../src/lib/domain';
import { QUESTIONS, scoreQuestionnaire, type Answers } from '../../src/lib/domain/questionnaire';

const cataloguePath = fileURLToPath(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url));
export const demoProducts: Product[] = CatalogueSchema.parse(JSON.parse(readFileSync(cataloguePath, 'utf8'))).products;
export const productById = new Map(demoProducts.map((p) => [p.id, p]));

/**
 * A cautious person: 45 years old, the second-most careful option everywhere, saving for
 * preservation and income. Checked against the scorer so the browser test knows what to expect.
 */
export function cautiousAnswers(): Answers {
  const answers: Answers = {};
  for (const q of QUESTIONS) {
    if (q.kind === 'number') answers[q.id] = 45;
    else if (q.kind === 'multi') {
      const wanted = q.options.filter((o) => o.id === 'preservation' || o.id === 'income').map((o) => o.id);
      answers[q.id] = wanted.length ? wanted : [q.options[0]!.id];
    } else {
      const byPoints = [...q.options].sort((a, b) => a.points - b.points);
      answers[q.id] = (byPoints[1] ?? byPoints[0]!).id;
    }
  }
  const scored = scoreQuestionnaire(answers, new Date());
  if (!scored.ok || scored.value.riskLevel !== 2) {
    throw new Error(`the cautious answer set no longer scores C2: ${JSON.stringify(scored)}`);
  }
  return answers;
}

function checked(answers: Answers, level: number, who: string): Answers {
  const scored = scoreQuestionnaire(answers, new Date());
  if (!scored.ok || scored.value.riskLevel !== level) throw new Error(`the ${who} answer set no longer scores C${level}: ${JSON.stringify(scored)}`);
  return answers;
}

/** Issue 12's aggressive investor: 28, growth, over 5 years, accepts a loss over 30 %, buys more after a 20 % drop. */
export function aggressiveAnswers(): Answers {
  return checked(
    {
      age: 28,
      income: '150k-300k',
      assets: '500k-1m',
      debt: 'none',
      experience: 'extensive',
      knowledge: 'good',
      horizon: 'gt5y',
      liquidity: 'none',
      lossTolerance: 'gt30',
      drop20: 'buyMore',
      goals: ['growth'],
      investAmount: 50_000
    },
    5,
    'aggressive'
  );
}

/** A cautious retiree: 68, no loss accepted, money needed within a year, preservation. */
export function retireeAnswers(): Answers {
  return checked(
    {
      age: 68,
      income: 'lt50k',
      assets: '100k-500k',
      debt: 'none',
      experience: 'none',
      knowledge: 'basic',
      horizon: 'lt1y',
      liquidity: 'some',
      lossTolerance: 'none',
      drop20: 'sellAll',
      goals: ['preservation'],
      investAmount: 100_000
    },
    1,
    'retiree'
  );
}
