/** `npm run bench -- --only intent`: the built-in intent parser's time per request, zh and en. */
import { parseIntent } from '../../lib/intent';
import { measure } from './stats';

const SENTENCES: readonly string[] = [
  '我想要一年期的低风险理财',
  '我想投资一个高收益的理财产品',
  '有没有5万元起、随时可取的货基',
  '给孩子存教育金，三到五年，不想亏钱',
  '大额存单 20万 三年期',
  '想买重疾险，预算每年五千',
  '每月定投指数基金，长期持有',
  '一年以内的短期理财，保本最好',
  'a low-risk fund I can withdraw anytime',
  'I have $10k to invest for 3 to 5 years, medium risk',
  'best cashback credit card with no annual fee',
  'a 2 year CD, safe, around 100k',
  'retirement annuity, low risk, 20 years',
  'home loan with a low rate',
  '想找 QDII fund，high return 可以接受',
  '不要股票，要稳健的债券基金，50,000元'
];

export async function run(ctx: { quick: boolean }): Promise<Record<string, unknown>> {
  const runs = ctx.quick ? 10 : 100;
  // one timing = the whole set, so a run is long enough to time; per-sentence figures are derived
  const all = await measure(() => SENTENCES.forEach((s) => parseIntent(s)), { runs, warmup: 5 });
  const longest = SENTENCES.reduce((a, b) => (b.length > a.length ? b : a));
  const single = await measure(() => parseIntent(longest), { runs: runs * 4, warmup: 20 });
  // a pasted paragraph: the unit tests check only that any such input gives a valid Intent
  const paragraph = SENTENCES.join('，').repeat(10).slice(0, 2000);
  const long = await measure(() => parseIntent(paragraph), { runs, warmup: 5 });
  return {
    sentences: SENTENCES.length,
    set: all,
    perSentenceP50Ms: Math.round((all.p50Ms / SENTENCES.length) * 1000) / 1000,
    longestSentence: { chars: longest.length, ...single },
    paragraph: { chars: paragraph.length, ...long }
  };
}
