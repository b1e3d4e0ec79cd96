import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledEmbedder, type NodeEmbedder } from '../../src/cli/embedder';
import { loadCatalogueAndFactors } from '../../src/cli/pipeline-setup';
import { DEMO_VECTORS, publishedVectors } from '../../src/cli/semantic-setup';
import { productText } from '../../src/lib/llm/semantic';
import { vectorsFor } from '../../src/lib/llm/vectors';

/**
 * The real committed model (models/bundled/bge-small-zh-v1.5) in Node, through the runtime code the
 * browser worker runs: known similarities in Chinese and English, the instruction on queries only,
 * the published demo vectors reproduced, and `recommend --semantic` end to end.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
let embedder: NodeEmbedder;
let dir = '';

beforeAll(async () => {
  embedder = await loadBundledEmbedder();
  dir = mkdtempSync(join(tmpdir(), 'candor-bge-'));
}, 60_000);
afterAll(async () => {
  await embedder?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
async function rows(kind: 'query' | 'passage', texts: string[]): Promise<Float32Array[]> {
  const data = await embedder.embed(kind, texts);
  return texts.map((_, i) => data.subarray(i * 512, (i + 1) * 512));
}

describe('bge-small-zh-v1.5 in Node', { timeout: 60_000 }, () => {
  it('makes 512 unit-length numbers a text', async () => {
    const [v] = await rows('passage', ['一年期定期存款']);
    expect(v).toHaveLength(512);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 4);
  });

  it('Chinese: a paraphrase scores above an unrelated sentence', async () => {
    const [q] = await rows('query', ['想给爸妈买份保障，万一生大病有钱治']);
    const [ci, card, car] = await rows('passage', ['老年人重大疾病保险，确诊即赔付', '返现信用卡，超市购物返3%', '汽车贷款，首付15%']);
    expect(dot(q!, ci!)).toBeGreaterThan(dot(q!, card!) + 0.05);
    expect(dot(q!, ci!)).toBeGreaterThan(dot(q!, car!) + 0.05);
  });

  it('English: a paraphrase scores above an unrelated sentence', async () => {
    const [q] = await rows('query', ['cash that still earns something but I can take out tomorrow']);
    const [mm, mortgage] = await rows('passage', ['A money market fund you can withdraw at any time, yielding about 2% a year', 'A first-home mortgage at 3.12% a year for up to 25 years']);
    expect(dot(q!, mm!)).toBeGreaterThan(dot(q!, mortgage!) + 0.03);
  });

  it('puts the retrieval instruction before queries only', async () => {
    const text = '稳健的银行理财';
    const [asQuery] = await rows('query', [text]);
    const [asPassage] = await rows('passage', [text]);
    const [prefixed] = await rows('passage', [`为这个句子生成表示以用于检索相关文章：${text}`]);
    expect(dot(asQuery!, prefixed!)).toBeCloseTo(1, 5);
    expect(dot(asQuery!, asPassage!)).toBeLessThan(0.999);
  });

  // int8 weights with dynamically quantised activations: a text's vector depends a little (≈1e-2) on the
  // batch it is embedded in, so the first batch of 32 is embedded exactly as `npm run vectors` did
  it('reproduces the published demo vectors (float16) to 2e-3', async () => {
    const { products, version } = loadCatalogueAndFactors();
    const pub = publishedVectors(DEMO_VECTORS, products, version, embedder);
    if (!pub.vectors) throw new Error(pub.refused ?? 'no vectors');
    const some = products.slice(0, 32);
    const mine = await embedder.embed('passage', some.map(productText));
    const theirs = vectorsFor(pub.vectors, some.map((p) => p.id));
    let worst = 0;
    for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - theirs[i]!));
    expect(worst).toBeLessThan(2e-3);
  });
});

describe('recommend --semantic', { timeout: 120_000 }, () => {
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/cli/recommend.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const profile = () => {
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ riskLevel: 5, age: 40, annualIncome: 400000, locale: 'zh-CN' }));
    const events = join(dir, 'e.jsonl');
    writeFileSync(events, '');
    return ['--profile', file, '--events', events, '--now', '2026-11-15T00:00:00Z'];
  };

  it('a paraphrase with no keyword of the products: the lexical list has no match, the semantic one leads with insurance, said why', () => {
    const query = '想给爸妈买份保障，万一生大病有钱治';
    const lexical = run([...profile(), '--query', query, '--k', '5']);
    expect(lexical.code, lexical.stderr).toBe(0);
    const semantic = run([...profile(), '--query', query, '--k', '5', '--semantic']);
    expect(semantic.code, semantic.stderr).toBe(0);
    const out = JSON.parse(semantic.stdout) as { items: { productId: string; reasons: { code: string; text: string }[] }[] };
    expect(out.items).toHaveLength(5);
    expect(out.items.filter((it) => it.productId.startsWith('ins-')).length).toBeGreaterThanOrEqual(3);
    expect(out.items[0]!.reasons.map((r) => r.text)).toContain('与您的需求意思相近');
    expect(semantic.stdout).not.toBe(lexical.stdout);
  });

  it('refuses --semantic without a query, and --vectors without --semantic, in one line', () => {
    const a = run([...profile(), '--semantic']);
    expect(a.code).toBe(1);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.stderr).toMatch(/--semantic needs --query/);
    const b = run([...profile(), '--query', 'x', '--vectors', dir]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/--vectors is for --semantic/);
  });
});
