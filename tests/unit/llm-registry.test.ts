import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TINY_ID, tinyModelFiles } from '../../models/llm/make-tiny-model';
import { createHash } from 'node:crypto';
import { bundledIndex, DeploymentIndexSchema, EMPTY_INDEX, offeredModels, totalBytes, withInstalled } from '../../src/lib/llm/deployment';
import { fileUrl, findModel, RegistrySchema, type Registry } from '../../src/lib/llm/registry';

const registry: Registry = RegistrySchema.parse(JSON.parse(readFileSync(new URL('../../models/registry.json', import.meta.url), 'utf8')));
const tiny = findModel(registry, TINY_ID)!;

describe('models/registry.json', () => {
  it('lists the bundled embedding model, another to fetch, an instruction model and the tiny test model', () => {
    expect(registry.models.map((m) => [m.id, m.role, m.dtype])).toEqual([
      ['bge-small-zh-v1.5', 'embed', 'q8'],
      ['multilingual-e5-small', 'embed', 'q8'],
      ['qwen2.5-0.5b-instruct', 'instruct', 'q4f16'],
      ['candor-tiny-embed', 'embed', 'fp32']
    ]);
  });

  it('pins the committed bge-small-zh-v1.5 byte for byte, as the model card says to use it', () => {
    const bge = findModel(registry, 'bge-small-zh-v1.5')!;
    expect(bge.source).toMatchObject({ kind: 'bundled', dir: 'models/bundled/bge-small-zh-v1.5' });
    expect([bge.pooling, bge.dims, bge.prefixes]).toEqual(['cls', 512, { query: '为这个句子生成表示以用于检索相关文章：', passage: '' }]);
    for (const f of bge.files) {
      const bytes = readFileSync(new URL(`../../models/bundled/bge-small-zh-v1.5/${f.path}`, import.meta.url));
      expect(bytes.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }
    expect(bge.files.find((f) => f.path === 'onnx/model_quantized.onnx')?.bytes).toBe(23_997_228);
  });

  it('pins the generated tiny model byte for byte: the generator is deterministic', () => {
    const generated = tinyModelFiles();
    for (const f of tiny.files) {
      const bytes = generated.get(f.path);
      expect(bytes, f.path).toBeDefined();
      expect(bytes!.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes!).digest('hex'), f.path).toBe(f.sha256);
    }
    // the quantised name holds the same graph, for loaders that default to q8
    expect(generated.get('onnx/model_quantized.onnx')).toEqual(generated.get('onnx/model.onnx'));
  });

  it('refuses entries that would be unsafe or inconsistent', () => {
    const base = structuredClone(registry);
    const bad = (mutate: (r: { models: Record<string, unknown>[] }) => void): boolean => {
      const copy = structuredClone(base) as unknown as { models: Record<string, unknown>[] };
      mutate(copy);
      return RegistrySchema.safeParse(copy).success;
    };
    expect(bad(() => {})).toBe(true);
    expect(bad((r) => r.models.push(structuredClone(r.models[0]!)))).toBe(false);
    expect(bad((r) => (r.models[0]!['task'] = 'text-generation'))).toBe(false);
    expect(bad((r) => ((r.models[0]!['files'] as { path: string }[])[0]!.path = '../../etc/passwd'))).toBe(false);
    expect(bad((r) => ((r.models[0]!['files'] as { path: string }[])[0]!.path = '/abs'))).toBe(false);
    expect(bad((r) => ((r.models[3]!['files'] as { sha256: string | null }[])[0]!.sha256 = null))).toBe(false);
    // a bundled model is fixed bytes too, and lives in models/bundled/<its id>
    expect(bad((r) => ((r.models[0]!['files'] as { sha256: string | null }[])[3]!.sha256 = null))).toBe(false);
    expect(bad((r) => ((r.models[0]!['source'] as { dir: string }).dir = 'models/bundled/other'))).toBe(false);
    expect(bad((r) => (r.models[0]!['extra'] = 1))).toBe(false);
  });

  it('builds download URLs from the pinned revision, or a mirror', () => {
    expect(() => fileUrl(findModel(registry, 'bge-small-zh-v1.5')!, 'config.json')).toThrow(/bundled/);
    const e5 = findModel(registry, 'multilingual-e5-small')!;
    expect(fileUrl(e5, 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/multilingual-e5-small/resolve/97cb8f96eaed1a1f0dac821239943e854fce9c36/onnx/model_quantized.onnx'
    );
    expect(fileUrl(e5, 'config.json', 'http://mirror.bank.internal/hf')).toBe(
      'http://mirror.bank.internal/hf/Xenova/multilingual-e5-small/resolve/97cb8f96eaed1a1f0dac821239943e854fce9c36/config.json'
    );
    expect(() => fileUrl(tiny, 'config.json')).toThrow(/generated/);
  });
});

describe('deployment index', () => {
  const files = tiny.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256! }));

  it('offers the first model installed for a role, and another only when asked to', () => {
    const one = withInstalled(EMPTY_INDEX, tiny, files, false);
    expect(one.offered).toEqual({ embed: TINY_ID, instruct: null });
    expect(offeredModels(one).map((m) => m.id)).toEqual([TINY_ID]);
    expect(totalBytes(offeredModels(one))).toBe(tiny.files.reduce((s, f) => s + f.bytes, 0));

    const e5 = findModel(registry, 'multilingual-e5-small')!;
    const e5Files = [{ path: 'config.json', bytes: 658, sha256: 'a'.repeat(64) }];
    expect(withInstalled(one, e5, e5Files, false).offered.embed).toBe(TINY_ID);
    const two = withInstalled(one, e5, e5Files, true);
    expect(two.offered.embed).toBe('multilingual-e5-small');
    expect(two.models.map((m) => m.id).sort()).toEqual(['candor-tiny-embed', 'multilingual-e5-small']);
  });

  it('a fresh clone offers the bundled model, with its pooling, dims and query instruction', () => {
    const index = bundledIndex(registry);
    expect(index.offered).toEqual({ embed: 'bge-small-zh-v1.5', instruct: null });
    const [bge] = offeredModels(index);
    expect(bge).toMatchObject({ pooling: 'cls', dims: 512, dtype: 'q8', prefixes: { passage: '' } });
    expect(totalBytes([bge!])).toBe(24_437_436);
  });

  it('refuses an index that offers a model it does not hold', () => {
    expect(DeploymentIndexSchema.safeParse({ ...EMPTY_INDEX, offered: { embed: 'ghost', instruct: null } }).success).toBe(false);
  });
});
