import { createRequire } from 'node:module';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './browser';

const baseURL = inject('baseURL');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every page a person reaches, with what marks it as rendered. */
const PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: '[data-testid="recommendations"], [data-testid="empty-recommendations"]' },
  { path: '/catalogue', ready: '[data-testid="catalogue-list"]' },
  { path: '/product/fund-mm-igw-001', ready: 'article.detail' },
  // a policy, a card and a loan (with its calculator): each kind has its own facts
  { path: '/product/ins-ci-life-pingan-001', ready: 'article.detail' },
  { path: '/product/card-travel-global-cmb-001', ready: 'article.detail' },
  { path: '/product/loan-personal-term-icbc-001', ready: '[data-testid="loan-calculator"]' },
  { path: '/questionnaire', ready: 'fieldset[data-question]' },
  { path: '/privacy', ready: 'main h1' },
  { path: '/embed?locale=LOCALE', ready: 'main' }
];

async function seriousViolations(session: Session, path: string, ready: string): Promise<Violation[]> {
  const { page } = session;
  await page.goto(`${baseURL}${path}`);
  await page.locator(ready).first().waitFor();
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility (axe-core)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`has no serious or critical violations on any page in ${locale}`, async () => {
      session = await launch({ locale, bypassCSP: true });
      const found: Record<string, Violation[]> = {};
      for (const { path, ready } of PAGES) {
        const v = await seriousViolations(session, path.replace('LOCALE', locale), ready);
        if (v.length) found[path] = v;
      }
      expect(found).toEqual({});
    });
  }

  it('has none on a phone-sized viewport either', async () => {
    session = await launch({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    expect(await seriousViolations(session, '/', PAGES[0]!.ready)).toEqual([]);
  });
});
