/**
 * npm run --silent eval:search [-- --markdown] [--tune]
 *
 * Search measured on judged requests (queries.ts): each runs through the one pipeline exactly as
 * `npm run recommend -- --query TEXT [--semantic]` does — the demo catalogue, the shipped ranker,
 * the built-in parser's Intent and its hard constraints — for an assessed C5 person (age 40, or the
 * age the request is about; income 400,000; no history), so that the gate hides nothing an adviser
 * would put first. Three text matches: lexical (the app with no model), semantic (the committed
 * bge-small-zh-v1.5 alone: query embedded with its instruction, the published product vectors) and
 * hybrid (both, fused: what the app does once the model is on).
 *
 * A product is relevant when its kind/subtype is one the request's judgement lists. recall@5 =
 * relevant products in the top 5 / min(5, relevant products the person may be shown); NDCG@5 with
 * binary gains and the same ideal. Prints
 *   {"queries":N,"groups":{group:{"queries":N,"lexical":{"recall5","ndcg5"},"semantic":{…},"hybrid":{…}}},
 *    "all":{…},"variants":[…]?}
 * `--tune` adds every fusion variant tried (RRF, blends, relevance weights); `--markdown` the README table.
 */
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import type { Fusion, RecommendInput, Retrieval } from '../../src/lib/engine/index';
import { runPipeline, type Scorer } from '../../src/lib/pipeline';
import { cliArgs, CliError, isEntryPoint, printJson, runCli } from '../../src/cli/io';
import { loadCatalogueAndFactors, requestFields } from '../../src/cli/pipeline-setup';
import { nodeScorer } from '../../src/cli/ranker-scorer';
import { semanticSearch } from '../../src/cli/semantic-setup';
import { JUDGED_QUERIES, type JudgedQuery } from './queries';

const K = 5;
const NOW = new Date('2026-11-15T00:00:00Z');

export interface Metrics {
  recall5: number;
  ndcg5: number;
}

export interface Variant {
  retrieval: Retrieval;
  fusion?: Fusion;
  fusionAlpha?: number;
  relevanceWeight?: number;
}

const ARMS: Record<'lexical' | 'semantic' | 'hybrid', Variant> = {
  lexical: { retrieval: 'lexical' },
  semantic: { retrieval: 'semantic' },
  hybrid: { retrieval: 'hybrid' }
};

const TUNING: Variant[] = [
  { retrieval: 'hybrid', fusion: 'rrf', relevanceWeight: 1 },
  { retrieval: 'hybrid', fusion: 'rrf', relevanceWeight: 2 },
  { retrieval: 'hybrid', fusion: 'rrf', relevanceWeight: 3 },
  ...[0.3, 0.5, 0.7].flatMap((fusionAlpha) =>
    [1, 2, 3].map((relevanceWeight): Variant => ({ retrieval: 'hybrid', fusion: 'blend', fusionAlpha, relevanceWeight }))
  )
];

export function profileFor(q: JudgedQuery): Profile {
  return { riskLevel: 5, age: q.age ?? 40, annualIncome: 400_000, locale: q.lang === 'zh' ? 'zh-CN' : 'en' };
}

/** recall@k and NDCG@k with binary gains against the relevant products the person may be shown. */
export function judge(ranked: readonly string[], relevant: ReadonlySet<string>, k = K): Metrics {
  const ideal = Math.min(k, relevant.size);
  if (ideal === 0) return { recall5: 0, ndcg5: 0 };
  let hits = 0;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      dcg += 1 / Math.log2(i + 2);
    }
  });
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return { recall5: hits / ideal, ndcg5: dcg / idcg };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number): number => Math.round(x * 10_000) / 10_000;
const summary = (ms: readonly Metrics[]): Metrics => ({ recall5: round(mean(ms.map((m) => m.recall5))), ndcg5: round(mean(ms.map((m) => m.ndcg5))) });

interface Prepared {
  q: JudgedQuery;
  profile: Profile;
  relevant: Set<string>;
  semantic: ReadonlyMap<string, number>;
}

async function run(p: Prepared, products: readonly Product[], scorer: Scorer, v: Variant): Promise<string[]> {
  const input: RecommendInput = {
    products,
    profile: p.profile,
    events: [],
    now: NOW,
    k: K,
    ...requestFields(p.q.text),
    ...(v.retrieval !== 'lexical' ? { semantic: p.semantic } : {}),
    retrieval: v.retrieval,
    ...(v.fusion ? { fusion: v.fusion } : {}),
    ...(v.fusionAlpha !== undefined ? { fusionAlpha: v.fusionAlpha } : {}),
    ...(v.relevanceWeight !== undefined ? { relevanceWeight: v.relevanceWeight } : {})
  };
  return (await runPipeline(input, scorer)).items.map((it) => it.productId);
}

export interface SearchReport {
  queries: number;
  groups: Record<string, { queries: number } & Record<keyof typeof ARMS, Metrics>>;
  all: Record<keyof typeof ARMS, Metrics>;
  productVectors: 'published' | 'embedded';
  variants?: { variant: Variant; all: Metrics; groups: Record<string, Metrics> }[];
  perQuery: { text: string; group: string; lexical: Metrics; semantic: Metrics; hybrid: Metrics }[];
}

export async function evaluateSearch(queries: readonly JudgedQuery[] = JUDGED_QUERIES, tune = false): Promise<SearchReport> {
  const { products, version } = loadCatalogueAndFactors();
  const scorer = await nodeScorer(null);
  const search = await semanticSearch(products, version);
  const sims = await search.scores(queries.map((q) => q.text));
  await search.embedder.dispose();
  const prepared: Prepared[] = queries.map((q, i) => {
    const profile = profileFor(q);
    const relevant = new Set(products.filter((p) => q.relevant.includes(`${p.kind}/${p.subtype}`) && passesGate(p, profile)).map((p) => p.id));
    if (relevant.size === 0) throw new CliError(`judged query "${q.text}": no product the person may be shown is relevant`);
    return { q, profile, relevant, semantic: sims[i]! };
  });
  const groupOf = (p: Prepared): string => `${p.q.group} (${p.q.lang})`;
  const evaluate = async (v: Variant): Promise<Metrics[]> => {
    const out: Metrics[] = [];
    for (const p of prepared) out.push(judge(await run(p, products, scorer, v), p.relevant));
    return out;
  };
  const byArm = { lexical: await evaluate(ARMS.lexical), semantic: await evaluate(ARMS.semantic), hybrid: await evaluate(ARMS.hybrid) };
  const groupNames = [...new Set(prepared.map(groupOf))];
  const groups: SearchReport['groups'] = {};
  for (const g of groupNames) {
    const idx = prepared.flatMap((p, i) => (groupOf(p) === g ? [i] : []));
    const pick = (ms: Metrics[]) => summary(idx.map((i) => ms[i]!));
    groups[g] = { queries: idx.length, lexical: pick(byArm.lexical), semantic: pick(byArm.semantic), hybrid: pick(byArm.hybrid) };
  }
  const report: SearchReport = {
    queries: prepared.length,
    groups,
    all: { lexical: summary(byArm.lexical), semantic: summary(byArm.semantic), hybrid: summary(byArm.hybrid) },
    productVectors: search.source,
    perQuery: prepared.map((p, i) => ({
      text: p.q.text,
      group: groupOf(p),
      lexical: byArm.lexical[i]!,
      semantic: byArm.semantic[i]!,
      hybrid: byArm.hybrid[i]!
    }))
  };
  if (tune) {
    report.variants = [];
    for (const v of TUNING) {
      const ms = await evaluate(v);
      const gs: Record<string, Metrics> = {};
      for (const g of groupNames) gs[g] = summary(prepared.flatMap((p, i) => (groupOf(p) === g ? [ms[i]!] : [])));
      report.variants.push({ variant: v, all: summary(ms), groups: gs });
    }
  }
  return report;
}

function markdown(r: SearchReport): string {
  const f = (x: number) => x.toFixed(3);
  const rows = [...Object.entries(r.groups), ['all', { queries: r.queries, ...r.all }] as const].map(
    ([g, m]) =>
      `| ${g} | ${m.queries} | ${f(m.lexical.recall5)} · ${f(m.lexical.ndcg5)} | ${f(m.semantic.recall5)} · ${f(m.semantic.ndcg5)} | **${f(m.hybrid.recall5)} · ${f(m.hybrid.ndcg5)}** |`
  );
  return ['| query group | queries | lexical recall@5 · NDCG@5 | semantic | hybrid |', '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const OPTIONS = { markdown: { type: 'boolean' }, tune: { type: 'boolean' }, 'per-query': { type: 'boolean' } } as const;

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), OPTIONS, 'usage: eval:search [--markdown] [--tune] [--per-query]');
  const report = await evaluateSearch(JUDGED_QUERIES, values.tune ?? false);
  if (values.markdown) process.stdout.write(`${markdown(report)}\n`);
  else {
    const { perQuery: _perQuery, ...rest } = report;
    printJson(values['per-query'] ? report : rest);
  }
}

if (isEntryPoint(import.meta.url)) void runCli(main);
