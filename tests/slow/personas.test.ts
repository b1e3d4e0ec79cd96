import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { PRODUCT_KINDS, type Product } from '../../src/lib/domain/product';
import { scoreQuestionnaire } from '../../src/lib/domain/questionnaire';
import { markdownTable, personaProfile, type PersonaReport } from '../../models/personas/evaluate';
import { K, NOW, PERSONAS, type RuleInput, type Shown } from '../../models/personas/personas';
import demo from '../../src/lib/server/demo-catalogue.json';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'models/personas/evaluate.ts');
const products: Product[] = CatalogueSchema.parse({ products: demo.products }).products;
const byId = new Map(products.map((p) => [p.id, p]));

const Top = z.array(z.strictObject({ id: z.string().min(1), kind: z.enum(PRODUCT_KINDS), subtype: z.string().min(1), risk: z.number().int().min(1).max(5) }));
const Output = z.strictObject({
  personas: z.number().int(),
  passed: z.number().int(),
  share: z.number().min(0).max(1),
  failures: z.array(z.strictObject({ name: z.string().min(1), rule: z.string().min(1), top: Top }))
});

/** a wrong list: K products of one kind/subtype (cycled when there are fewer), each claiming to match the request */
function listOf(kind: string, subtype: string): Shown[] {
  const pool = products.filter((p) => p.kind === kind && p.subtype === subtype);
  return Array.from({ length: K }, (_, i) => ({ ...pool[i % pool.length]!, reasonCodes: ['matches_request'] }));
}
const shown = (ids: string[]): Shown[] => ids.map((id) => ({ ...byId.get(id)!, reasonCodes: ['matches_request'] }));

describe('eval:personas', () => {
  it('runs at least 60 personas in both languages through the pipeline and prints the measurement; exit 0', () => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = Output.parse(JSON.parse(r.stdout));
    expect(out.personas).toBe(PERSONAS.length);
    expect(out.personas).toBeGreaterThanOrEqual(60);
    expect(out.passed).toBeLessThanOrEqual(out.personas);
    expect(out.failures).toHaveLength(out.personas - out.passed);
    expect(out.share).toBeCloseTo(out.passed / out.personas, 3);
    const names = new Set(PERSONAS.map((p) => p.name));
    for (const f of out.failures) {
      expect(names.has(f.name)).toBe(true);
      expect(f.top.length).toBeLessThanOrEqual(K);
    }
  });

  it('covers both languages, every kind, C1–C5, the unassessed, requests and adaptation', () => {
    expect(new Set(PERSONAS.map((p) => p.locale))).toEqual(new Set(['zh-CN', 'en']));
    const levels = new Set(PERSONAS.map((p) => personaProfile(p).riskLevel));
    expect(levels).toEqual(new Set([null, 1, 2, 3, 4, 5]));
    expect(PERSONAS.filter((p) => p.request !== undefined).length).toBeGreaterThanOrEqual(20);
    expect(PERSONAS.filter((p) => p.probe !== undefined).length).toBeGreaterThanOrEqual(5);
    expect(new Set(PERSONAS.map((p) => p.name)).size).toBe(PERSONAS.length);
    // every kind is what some rule asks for
    const wanted = new Set<string>();
    for (const kind of PRODUCT_KINDS) {
      for (const p of PERSONAS) {
        const pool = products.filter((x) => x.kind === kind);
        const list: Shown[] = Array.from({ length: K }, (_, i) => ({ ...pool[i % pool.length]!, reasonCodes: [] }));
        if (p.rule.check({ top: list, withheld: { count: 0, needs: [], kinds: [] }, baseline: list })) wanted.add(kind);
      }
    }
    expect(wanted).toEqual(new Set(PRODUCT_KINDS));
  });

  it("each persona's answers give the level its name says", () => {
    for (const p of PERSONAS) {
      if (p.level === undefined || !p.answers) continue;
      const r = scoreQuestionnaire(p.answers, NOW);
      expect(r.ok, p.name).toBe(true);
      if (r.ok) expect(r.value.riskLevel, p.name).toBe(p.level);
    }
  });

  it('every rule can fail: each is false on the empty list and on at least one wrong full list', () => {
    const noneWithheld: RuleInput['withheld'] = { count: 0, needs: [], kinds: [] };
    const baseline = listOf('wealth', 'fixed_income');
    const generic: Shown[][] = [
      listOf('deposit', 'demand'),
      listOf('fund', 'equity'),
      listOf('fund', 'qdii'),
      listOf('fund', 'bond'),
      listOf('insurance', 'medical'),
      listOf('loan', 'personal'),
      listOf('credit_card', 'premium'),
      listOf('credit_card', 'cashback'),
      listOf('bond', 'treasury'),
      listOf('deposit', 'large_cd'),
      listOf('insurance', 'annuity'),
      listOf('loan', 'mortgage')
    ];
    const cannotFail: string[] = [];
    for (const p of PERSONAS) {
      const empty: RuleInput = { top: [], withheld: noneWithheld, baseline };
      expect(p.rule.check(empty), `${p.name}: empty list`).toBe(false);
      // the products the persona acted on, padded with demand deposits
      const acted = [...(p.events ?? []), ...(p.probe ? [p.probe] : [])].map((e) => e.productId);
      const own = [...shown(acted), ...listOf('deposit', 'demand')].slice(0, K);
      const wrong = [...generic, own].map((top): RuleInput => ({ top, withheld: noneWithheld, baseline }));
      if (!wrong.some((w) => !p.rule.check(w))) cannotFail.push(`${p.name}: "${p.rule.text}"`);
    }
    expect(cannotFail, 'rules that hold for every wrong list').toEqual([]);
  });

  it('--markdown renders one row per persona with its outcome', () => {
    const report: PersonaReport = {
      personas: 2,
      passed: 1,
      share: 0.5,
      failures: [{ name: 'b', rule: 'r|2', top: [] }],
      outcomes: [
        { name: 'a', locale: 'en', rule: 'r1', passed: true, top: [{ id: 'x', kind: 'fund', subtype: 'index', risk: 4 }] },
        { name: 'b', locale: 'zh-CN', rule: 'r|2', passed: false, top: [] }
      ]
    };
    const md = markdownTable(report);
    expect(md).toContain('1 of 2 personas pass (50.0 %)');
    expect(md).toContain('| ✓ | a | r1 | fund/index R4 |');
    expect(md).toContain('| ✗ | b | r\\|2 | (empty) |');
  });
});
