/**
 * npm run --silent eval:personas [-- --markdown]
 *
 * Runs every hand-written persona (personas.ts) through the one pipeline exactly as
 * `npm run recommend` does — the demo catalogue, the committed demo CF factors, the shipped ranker
 * on tfjs's cpu backend, a request read by the built-in parser — and judges the top of each list by
 * the persona's adviser rule. Prints
 *   {"personas":N,"passed":N,"share":x,"failures":[{"name","rule","top":[{"id","kind","subtype","risk"}…]}]}
 * or, with --markdown, a table for the README. Exits 0 either way: a measurement, not a gate.
 */
import type { CandorEvent } from '../../src/lib/domain/event';
import type { Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { effectiveProfile, scoreQuestionnaire } from '../../src/lib/domain/questionnaire';
import type { RecommendInput } from '../../src/lib/engine/index';
import { runPipeline, type Scorer } from '../../src/lib/pipeline';
import { cliArgs, CliError, printJson, runCli } from '../../src/cli/io';
import { loadCatalogueAndFactors, requestFields } from '../../src/cli/pipeline-setup';
import { nodeScorer } from '../../src/cli/ranker-scorer';
import { K, NOW, PERSONAS, type Persona, type PersonaEvent, type RuleInput, type Shown } from './personas';

const DAY = 86_400_000;

export interface PersonaOutcome {
  name: string;
  locale: string;
  rule: string;
  passed: boolean;
  top: { id: string; kind: string; subtype: string; risk: number }[];
}

export interface PersonaReport {
  personas: number;
  passed: number;
  share: number;
  failures: { name: string; rule: string; top: PersonaOutcome['top'] }[];
  outcomes: PersonaOutcome[];
}

/** The profile the app would hold for the persona: the questionnaire's result merged as effectiveProfile does. */
export function personaProfile(p: Persona): Profile {
  const base: Profile = { riskLevel: null, locale: p.locale, ...p.profile };
  if (!p.answers) return base;
  const scored = scoreQuestionnaire(p.answers, new Date(NOW.getTime() - (p.takenDaysAgo ?? 30) * DAY));
  if (!scored.ok) throw new CliError(`persona "${p.name}": ${scored.error}`);
  const merged = effectiveProfile(base, scored.value, NOW);
  // what the person told us besides the questionnaire (e.g. an exact income) stands
  return { ...merged, ...p.profile, riskLevel: merged.riskLevel };
}

function toEvent(e: PersonaEvent, known: ReadonlyMap<string, Product>, persona: string): CandorEvent {
  if (!known.has(e.productId)) throw new CliError(`persona "${persona}": unknown product id "${e.productId}"`);
  return {
    type: e.type,
    productId: e.productId,
    ts: new Date(NOW.getTime() - e.daysAgo * DAY).toISOString(),
    ...(e.value !== undefined ? { value: e.value } : {})
  };
}

export async function evaluatePersonas(personas: readonly Persona[] = PERSONAS): Promise<PersonaReport> {
  const { products, cf } = loadCatalogueAndFactors();
  const byId = new Map(products.map((p) => [p.id, p]));
  const scorer: Scorer = await nodeScorer(null);

  const list = async (profile: Profile, events: CandorEvent[], request: string | undefined) => {
    const input: RecommendInput = { products, profile, events, now: NOW, k: K, ...requestFields(request), ...(cf ? { cf } : {}) };
    const r = await runPipeline(input, scorer);
    const top: Shown[] = r.items.map((it) => ({ ...byId.get(it.productId)!, reasonCodes: it.reasons.map((x) => x.code) }));
    return { top, withheld: r.withheld };
  };

  const outcomes: PersonaOutcome[] = [];
  for (const p of personas) {
    const profile = personaProfile(p);
    const events = (p.events ?? []).map((e) => toEvent(e, byId, p.name));
    const withProbe = p.probe ? [...events, toEvent(p.probe, byId, p.name)] : events;
    const main = await list(profile, withProbe, p.request);
    const input: RuleInput = { top: main.top, withheld: main.withheld };
    if (p.probe) input.baseline = (await list(profile, events, p.request)).top;
    else if (p.compare === 'without_request') input.baseline = (await list(profile, events, undefined)).top;
    outcomes.push({
      name: p.name,
      locale: p.locale,
      rule: p.rule.text,
      passed: p.rule.check(input),
      top: main.top.map((x) => ({ id: x.id, kind: x.kind, subtype: x.subtype, risk: x.riskLevel }))
    });
  }
  const passed = outcomes.filter((o) => o.passed).length;
  return {
    personas: outcomes.length,
    passed,
    share: outcomes.length === 0 ? 0 : Math.round((passed / outcomes.length) * 1000) / 1000,
    failures: outcomes.filter((o) => !o.passed).map(({ name, rule, top }) => ({ name, rule, top })),
    outcomes
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function markdownTable(r: PersonaReport): string {
  const lines = [
    `**${r.passed} of ${r.personas} personas pass (${(r.share * 100).toFixed(1)} %).**`,
    '',
    "| | persona | adviser's rule | top 3 shown |",
    '| --- | --- | --- | --- |'
  ];
  for (const o of r.outcomes) {
    const top3 =
      o.top
        .slice(0, 3)
        .map((t) => `${t.kind}/${t.subtype} R${t.risk}`)
        .join(', ') || '(empty)';
    lines.push(`| ${o.passed ? '✓' : '✗'} | ${cell(o.name)} | ${cell(o.rule)} | ${cell(top3)} |`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), { markdown: { type: 'boolean' } }, 'usage: eval:personas [--markdown]');
  const report = await evaluatePersonas();
  if (values.markdown) process.stdout.write(markdownTable(report));
  else printJson({ personas: report.personas, passed: report.passed, share: report.share, failures: report.failures });
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli(main);
