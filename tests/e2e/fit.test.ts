/**
 * Recommendations that fit the person, in real Chromium against the real server (issue 12):
 * an aggressive investor sees growth products, a cautious retiree only R1, the home page shows
 * exactly what `npm run recommend` prints for the same person, and a person who has not said
 * their age is asked for it before cards are shown.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { EMPTY_PROFILE } from '../../src/lib/domain/profile';
import { effectiveProfile, scoreQuestionnaire, type Answers } from '../../src/lib/domain/questionnaire';
import { goalsServed } from '../../src/lib/engine/fit';
import { launch, type Session } from './browser';
import { aggressiveAnswers, productById, retireeAnswers } from './fixtures';
import { goHome, recommendedIds, takeQuestionnaire } from './flows';

const baseURL = inject('baseURL');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

const product = (id: string) => {
  const p = productById.get(id);
  if (!p) throw new Error(`unknown product ${id}`);
  return p;
};
const isGrowth = (id: string) => product(id).riskLevel >= 3 && goalsServed(product(id), ['growth']).length > 0;

/** The CLI's list for the profile the questionnaire gives, with no events. */
function cliList(answers: Answers, k: number): string[] {
  const scored = scoreQuestionnaire(answers, new Date());
  if (!scored.ok) throw new Error(scored.error);
  const dir = mkdtempSync(join(tmpdir(), 'candor-fit-'));
  try {
    writeFileSync(join(dir, 'p.json'), JSON.stringify(effectiveProfile(EMPTY_PROFILE, scored.value, new Date())));
    writeFileSync(join(dir, 'e.jsonl'), '');
    const r = spawnSync(
      process.execPath,
      ['--import', TSX_LOADER, 'src/cli/recommend.ts', '--profile', join(dir, 'p.json'), '--events', join(dir, 'e.jsonl'), '--k', String(k)],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000
      }
    );
    if (r.status !== 0) throw new Error(`recommend failed: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { items: { productId: string }[] }).items.map((i) => i.productId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The home list once the ranker has scored it (its backend state is ready and the list is not busy). */
async function settledHome(s: Session): Promise<string[]> {
  await goHome(s.page);
  await s.page.locator('nav a[href="/privacy"]').click();
  await s.page.locator('[data-testid="ranker-status"][data-state="ready"]').waitFor();
  await goHome(s.page);
  return recommendedIds(s.page);
}

describe('recommendations that fit the person', () => {
  it('an aggressive investor sees growth products and no demand deposit — the same list as `recommend`', async () => {
    session = await launch({ locale: 'en' });
    await session.page.goto(baseURL);
    const answers = aggressiveAnswers();
    await takeQuestionnaire(session.page, baseURL, answers);
    expect(await session.page.getByTestId('questionnaire-result').getAttribute('data-level')).toBe('5');
    const home = await settledHome(session);
    expect(home).toHaveLength(12);
    expect(home.filter(isGrowth).length, home.join(' ')).toBeGreaterThanOrEqual(6);
    expect(home.filter((id) => product(id).kind === 'deposit' && product(id).subtype === 'demand')).toEqual([]);
    expect(home).toEqual(cliList(answers, 12));
  });

  it('a cautious retiree sees only R1 products', async () => {
    session = await launch({ locale: 'zh-CN' });
    await session.page.goto(baseURL);
    await takeQuestionnaire(session.page, baseURL, retireeAnswers());
    expect(await session.page.getByTestId('questionnaire-result').getAttribute('data-level')).toBe('1');
    const home = await settledHome(session);
    expect(home.length).toBeGreaterThanOrEqual(6);
    expect(home.filter((id) => product(id).riskLevel !== 1)).toEqual([]);
  });

  for (const [locale, query, check] of [
    ['en', 'travel credit card with no annual fee', 'Check'],
    ['zh-CN', '想办一张旅行信用卡', '查看']
  ] as const) {
    it(`an unassessed person asking for a travel card is asked for an age and income, then sees travel cards (${locale})`, async () => {
      session = await launch({ locale });
      const { page } = session;
      await page.goto(baseURL);
      await page.getByTestId('risk-level').waitFor();
      await page.locator('#ask-input').fill(query);
      await page.locator('form[role="search"] button[type="submit"]').click();
      await page.getByTestId('ask-understood').waitFor();
      const prompt = page.getByTestId('eligibility-prompt');
      await prompt.waitFor();
      expect(await prompt.textContent()).toMatch(locale === 'en' ? /Credit cards/ : /信用卡/);
      // before: no card, and the list says nothing fits
      expect((await recommendedIds(page)).filter((id) => product(id).kind === 'credit_card')).toEqual([]);
      await page.getByTestId('ask-nothing-fits').waitFor();
      await prompt.locator('input[name="age"]').fill('30');
      await prompt.locator('input[name="annualIncome"]').fill('120000');
      await prompt.getByRole('button', { name: check }).click();
      await prompt.waitFor({ state: 'detached' });
      const after = await recommendedIds(page);
      // travel cards: the travel subtype, or a co-branded card whose benefits are travel (tagged so)
      const travelCard = (id: string) => product(id).kind === 'credit_card' && goalsServed(product(id), ['travel']).length > 0;
      expect(after.slice(0, 3).filter(travelCard), after.join(' ')).toHaveLength(3);
      // kept on the device: a reload still shows them
      await page.reload();
      await page.getByTestId('risk-level').waitFor();
    });
  }
});
