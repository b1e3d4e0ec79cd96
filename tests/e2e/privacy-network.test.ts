/**
 * What leaves the device, measured at the browser: every request the app makes during a whole
 * session — questionnaire, catalogue, product pages, a favourite, thumbs up and down, a question in
 * the Ask box, then "send this week's report now" on the privacy page — is recorded with its URL,
 * method, headers and body. None may carry an event, a product id, the query, a profile field or
 * an identifier; the only POST must be one strict LDP report, byte for byte the one the privacy
 * page shows.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { periodOf } from '../../src/lib/privacy/period';
import { ReportSchema } from '../../src/lib/privacy/report';
import { launch, type Session } from './browser';
import { cautiousAnswers, demoProducts } from './fixtures';
import { goHome, recommendedIds, takeQuestionnaire } from './flows';

const baseURL = inject('baseURL');
const QUERY = '我想投资一个高收益的理财产品';

/** Headers a browser sends on its own; anything else (an id, a token, a cookie) fails the test. */
const ALLOWED_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'host',
  'if-modified-since',
  'if-none-match',
  'origin',
  'pragma',
  'priority',
  'purpose',
  'range',
  'referer',
  'sec-ch-ua',
  'sec-ch-ua-mobile',
  'sec-ch-ua-platform',
  'sec-fetch-dest',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-user',
  'sec-purpose',
  'service-worker',
  'upgrade-insecure-requests',
  'user-agent'
]);

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

let session: Session | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

describe('what the app sends during a whole session', () => {
  it('sends no event, product id, query, profile field or identifier; the only POST is the LDP report shown on the privacy page', async () => {
    session = await launch({ viewport: { width: 390, height: 844 } });
    const { context, page } = session;
    const pending: Promise<Recorded>[] = [];
    context.on('request', (r) => {
      pending.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers, body: r.postData() })));
    });

    await page.goto(baseURL);
    await recommendedIds(page);
    await takeQuestionnaire(page, baseURL, cautiousAnswers());
    await goHome(page);

    // ask in plain Chinese on the home page
    await page.locator('#ask-input').fill(QUERY);
    await page.locator('form[role="search"] button[type="submit"]').click();
    await page.getByRole('heading', { name: new RegExp(QUERY) }).waitFor();

    // browse: open two funds, save one, thumbs up one and down the other
    await page.locator('nav a[href="/catalogue"]').click();
    await page.locator('#f-kind').selectOption('fund');
    const cards = page.getByTestId('catalogue-list').locator('article[data-kind="fund"]');
    const touched: string[] = [];
    for (const [i, thumb] of [
      [0, '有帮助'],
      [1, '没帮助']
    ] as const) {
      const card = cards.nth(i);
      const id = (await card.getAttribute('data-product-id'))!;
      touched.push(id);
      await card.locator('h3 a').click();
      await page.locator(`article.detail[data-product-id="${id}"]`).waitFor();
      if (i === 0) {
        const save = page.getByRole('button', { name: /收藏/ });
        await save.click();
        await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
      }
      await page.getByRole('button', { name: new RegExp(thumb) }).click();
      await page.getByRole('status').filter({ hasText: '谢谢' }).waitFor();
      if (i === 0) {
        await page.goBack();
        await page.getByTestId('catalogue-list').waitFor();
      }
    }

    // straight from a product page (its path names the product) to the privacy page: loading that
    // page's code must not tell the server where the person came from
    await page.locator('nav a[href="/privacy"]').click();
    const send = page.getByRole('button', { name: '立即发送本周报告' });
    await send.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('outbox-status').filter({ hasText: '本周报告已发送。' }).waitFor();
    const shown = page.locator('[data-testid="report"][data-status="sent"]');
    await expect.poll(() => shown.count()).toBe(1);
    await shown.locator('summary').click();
    const shownBytes = (await shown.getByTestId('report-bytes').textContent())!;
    expect(await page.getByTestId('budget-total').textContent()).toBe('4');
    // a second press makes no second report
    await send.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('outbox-status').filter({ hasText: '每周只有一份' }).waitFor();

    const requests = await Promise.all(pending);
    const posts = requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

    // the only POST: one strict LDP report, the bytes the page shows
    expect(posts.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${baseURL}/api/feedback`]);
    const post = posts[0]!;
    expect(post.body).toBe(shownBytes);
    const report = ReportSchema.parse(JSON.parse(post.body!));
    expect(Object.keys(report).sort()).toEqual(['epsilon', 'parts', 'period', 'schema']);
    expect(report.period).toBe(periodOf(new Date()));
    expect(report.epsilon).toBe(4);
    expect(post.headers['referer']).toBeUndefined();

    // nothing personal in any request: not in the URL, not in a header, not in a body
    const secrets = [
      ...demoProducts.map((p) => p.id),
      QUERY,
      encodeURIComponent(QUERY),
      JSON.stringify(QUERY).slice(1, -1),
      ...['"productId"', '"query"', '"ts"', '"events"', 'riskLevel', 'annualIncome', 'horizonMonths', '"goals"', '"age"', 'preservation']
    ];
    expect(touched.every((id) => demoProducts.some((p) => p.id === id))).toBe(true);
    const origin = new URL(baseURL).origin;
    for (const r of requests) {
      const where = `${r.method} ${r.url}`;
      expect(new URL(r.url).origin, where).toBe(origin);
      expect(new URL(r.url).search, where).toBe('');
      for (const name of Object.keys(r.headers)) expect(ALLOWED_HEADERS.has(name.toLowerCase()) || name.startsWith(':'), `${where}: header ${name}`).toBe(true);
      const text = [r.url, ...Object.values(r.headers), r.body ?? ''].join('\n');
      for (const s of secrets) expect(text.includes(s), `${where} carries ${s}`).toBe(false);
    }
    // revalidation headers could smuggle a per-device id: each must be what any fresh client gets
    for (const r of requests.filter((x) => x.headers['if-none-match'] !== undefined || x.headers['if-modified-since'] !== undefined)) {
      const fresh = await fetch(r.url);
      if (r.headers['if-none-match'] !== undefined) expect(fresh.headers.get('etag'), `${r.url}: If-None-Match`).toBe(r.headers['if-none-match']);
      if (r.headers['if-modified-since'] !== undefined)
        expect(fresh.headers.get('last-modified'), `${r.url}: If-Modified-Since`).toBe(r.headers['if-modified-since']);
    }
    expect(await context.cookies()).toEqual([]);
    expect(requests.some((r) => r.url === `${baseURL}/api/catalogue`)).toBe(true);
  });
});
