import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { QUESTIONS, type Answers } from '../../src/lib/domain/questionnaire';

/** Answer every question the way a person would: click the labels, type the numbers. */
export async function takeQuestionnaire(page: Page, baseURL: string, answers: Answers): Promise<void> {
  await page.goto(`${baseURL}/questionnaire`);
  for (const q of QUESTIONS) {
    const set = page.locator(`fieldset[data-question="${q.id}"]`);
    const answer = answers[q.id];
    if (typeof answer === 'number') {
      await set.locator('input[type="number"]').fill(String(answer));
    } else {
      for (const id of Array.isArray(answer) ? answer : [answer]) {
        await set.locator(`input[value="${id}"]`).check();
      }
    }
  }
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('questionnaire-result').waitFor();
}

/** The product ids of the recommendation cards on the home page, in order. */
export async function recommendedIds(page: Page): Promise<string[]> {
  // the list as it settles: the on-device ranker re-ranks it once its scores are in (aria-busy)
  const list = page.locator('[data-testid="recommendations"][aria-busy="false"]');
  await list.waitFor();
  return list.locator('[data-product-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id') ?? ''));
}

export async function goHome(page: Page): Promise<void> {
  await page.locator('nav a[href="/"]').click();
  await page.getByTestId('risk-level').waitFor();
}

export function expectNoneAbove(ids: string[], level: number, risk: (id: string) => number): void {
  for (const id of ids) expect(risk(id), `${id} is above R${level}`).toBeLessThanOrEqual(level);
}
