import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';
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
const { onnx } = onnxProto;
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
    const [mm, mortgage] = await rows('passage', [
      'A money market fund you can withdraw at any time, yielding about 2% a year',
      'A first-home mortgage at 3.12% a year for up to 25 years'
    ]);
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

  it('is the int8-weights, float-activations form, so a vector does not depend on the backend or the batch', () => {
    const graph = onnx.ModelProto.decode(readFileSync(resolve(ROOT, 'models/bundled/bge-small-zh-v1.5/onnx/model_quantized.onnx'))).graph;
    const ops = new Set((graph?.node ?? []).map((n) => n.opType));
    expect(ops.has('MatMul')).toBe(true);
    expect(ops.has('DynamicQuantizeLinear') || ops.has('MatMulInteger')).toBe(false);
  });

  // float activations: a product embedded alone, or in another batch than `npm run vectors` used, gets
  // its published vector back to float16's rounding (2^-12 for |x| < 0.5)
  it('reproduces the published demo vectors (float16) in any batch, to 5e-4', async () => {
    const { products, version } = loadCatalogueAndFactors();
    const pub = publishedVectors(DEMO_VECTORS, products, version, embedder);
    if (!pub.vectors) throw new Error(pub.refused ?? 'no vectors');
    const some = [products[0]!, ...products.slice(25, 45)];
    const alone = await embedder.embed('passage', [productText(some[0]!)]);
    const batch = await embedder.embed('passage', some.slice(1).map(productText));
    const theirs = vectorsFor(
      pub.vectors,
      some.map((p) => p.id)
    );
    const mine = [...alone, ...batch];
    let worst = 0;
    for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - theirs[i]!));
    expect(worst).toBeLessThan(5e-4);
  });
});

describe('recommend --semantic', { timeout: 120_000 }, () => {
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, 'src/cli/recommend.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const profile = () => {
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ riskLevel: 5, age: 40, annualIncome: 400000, locale: 'zh-CN' }));
    const events = join(dir, 'e.jsonl');
    writeFileSync(events, '');
    return ['--profile', file, '--events', events, '--now', '2026-11-15T00:00:00Z'];
  };

  it('a paraphrase with no keyword of the products: nothing matches lexically; with the model the savings products lead, said why', () => {
    const query = '闲钱放一阵子，到期连本带息拿回来';
    type Out = { items: { productId: string; reasons: { code: string; text: string }[] }[] };
    const lexical = run([...profile(), '--query', query, '--k', '5']);
    expect(lexical.code, lexical.stderr).toBe(0);
    const without = JSON.parse(lexical.stdout) as Out;
    expect(without.items.flatMap((it) => it.reasons.map((r) => r.code)).filter((c) => c.startsWith('matches_') || c === 'close_in_meaning')).toEqual([]);
    const semantic = run([...profile(), '--query', query, '--k', '5', '--semantic']);
    expect(semantic.code, semantic.stderr).toBe(0);
    const out = JSON.parse(semantic.stdout) as Out;
    expect(out.items).toHaveLength(5);
    // money parked for a while and paid back with interest: deposits, money-market and fixed-income wealth, bonds
    const saving = out.items.filter((it) => /^(dep|fund-mm|wm-cash|wm-fixed|bond)-/.test(it.productId));
    expect(saving.length).toBeGreaterThanOrEqual(3);
    expect(out.items[0]!.reasons.map((r) => r.text)).toContain('与您的需求意思相近');
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

describe("a bank's release step: vectors, sign, verify", { timeout: 180_000 }, () => {
  const cli = (script: string, args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, `src/cli/${script}.ts`), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 170_000
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const catalogue = resolve(ROOT, 'tests/fixtures/engine/catalogue.json');

  it('embeds a catalogue, signs the vectors offline, and verify accepts them only for their catalogue version and blob', () => {
    const out = join(dir, 'vectors');
    const made = cli('vectors', ['--catalogue', catalogue, '--out', out, '--created', '2026-11-01T00:00:00Z']);
    expect(made.code, made.stderr).toBe(0);
    const summary = JSON.parse(made.stdout) as { products: number; dims: number; catalogueVersion: number; sha256: string };
    expect([summary.products, summary.dims, summary.catalogueVersion]).toEqual([17, 512, 1]);
    const blob = join(out, `vectors-${summary.sha256}.bin`);
    expect(readdirSync(out).sort()).toEqual([`vectors-${summary.sha256}.bin`, 'vectors.json']);

    const keys = join(dir, 'keys');
    expect(cli('keys', ['generate', '--out', keys]).code).toBe(0);
    const signed = join(dir, 'vectors-signed.json');
    const sign = cli('sign', [
      '--type',
      'vectors',
      '--in',
      join(out, 'vectors.json'),
      '--key',
      join(keys, 'signing-key.json'),
      '--version',
      '1',
      '--out',
      signed,
      '--root',
      join(keys, 'root.json')
    ]);
    expect(sign.code, sign.stderr).toBe(0);
    const verify = (extra: string[]) => cli('verify', [signed, '--root', join(keys, 'root.json'), ...extra]);
    expect(JSON.parse(verify(['--catalogue-version', '1', '--blob', blob]).stdout)).toEqual({ ok: true, type: 'vectors', version: 1 });
    expect(verify(['--catalogue-version', '2']).stdout).toMatch(/catalogue_version_mismatch/);
    const bad = join(dir, 'bad.bin');
    const bytes = readFileSync(blob);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(bad, bytes);
    expect(verify(['--blob', bad]).stdout).toMatch(/sha256_mismatch/);
    writeFileSync(join(dir, 'tampered.json'), readFileSync(signed, 'utf8').replace('"dims":512', '"dims":511'));
    expect(cli('verify', [join(dir, 'tampered.json'), '--root', join(keys, 'root.json')]).stdout).toMatch(/"ok":false/);

    // recommend --semantic with that catalogue uses them through --vectors, and embeds the products itself without
    const r = run2(['--catalogue', catalogue, '--query', '给孩子攒学费', '--semantic', '--vectors', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/embedded/);
    const own = run2(['--catalogue', catalogue, '--query', '给孩子攒学费', '--semantic']);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr).toMatch(/semantic: embedded 17\/17 products/);
    // the same list (the published vectors are float16, so the scores differ in the last digits)
    const ids = (out: string) => (JSON.parse(out) as { items: { productId: string }[] }).items.map((it) => it.productId);
    expect(ids(own.stdout)).toEqual(ids(r.stdout));
  });

  function run2(args: string[]) {
    const p = join(dir, 'p2.json');
    writeFileSync(p, JSON.stringify({ riskLevel: 5, age: 40, annualIncome: 400000 }));
    const e = join(dir, 'e2.jsonl');
    writeFileSync(e, '');
    return cli('recommend', ['--profile', p, '--events', e, '--now', '2026-11-15T00:00:00Z', ...args]);
  }
});
