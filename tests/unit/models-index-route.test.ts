import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeploymentIndexSchema, offeredModels } from '../../src/lib/llm/deployment';
import { GET as index } from '../../src/routes/models/index.json/+server';
import { GET as file } from '../../src/routes/models/[id]/[...path]/+server';

type FileEvent = Parameters<typeof file>[0];
const get = (id: string, path: string, headers: Record<string, string> = {}) =>
  file({ params: { id, path }, request: new Request(`http://x/models/${id}/${path}`, { headers }) } as unknown as FileEvent);

describe('/models/ on a fresh clone: the committed model, from the app itself', () => {
  it('the index offers bge-small-zh-v1.5, whose files check out against the registry', async () => {
    const res = await index({} as Parameters<typeof index>[0]);
    expect(res.status).toBe(200);
    const body = DeploymentIndexSchema.parse(await res.json());
    expect(offeredModels(body).map((m) => m.id)).toEqual(['bge-small-zh-v1.5']);
  });

  it('serves each file the registry lists, exactly, with its length (for progress) and sha256 as ETag', async () => {
    const res = await get('bge-small-zh-v1.5', 'onnx/model_quantized.onnx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('23997228');
    expect(res.headers.get('etag')).toBe('"508ab091238cd7bebebbcc7bab0ecd2f5269c5d64e2000d15b45a5f64fb69bda"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(23_997_228);
    const config = await get('bge-small-zh-v1.5', 'config.json');
    expect(await config.text()).toBe(readFileSync(new URL('../../models/bundled/bge-small-zh-v1.5/config.json', import.meta.url), 'utf8'));
    expect(config.headers.get('content-type')).toMatch(/^application\/json/);
    const again = await get('bge-small-zh-v1.5', 'config.json', { 'if-none-match': config.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('serves nothing else: files the registry does not list, other models, paths out of the folder', async () => {
    for (const [id, path] of [
      ['bge-small-zh-v1.5', 'vocab.txt'],
      ['bge-small-zh-v1.5', 'SOURCE.md'],
      ['bge-small-zh-v1.5', '../../registry.json'],
      ['multilingual-e5-small', 'config.json'],
      ['..', 'package.json']
    ] as const) {
      let status = 0;
      try {
        await get(id, path);
      } catch (e) {
        status = (e as { status?: number }).status ?? -1;
      }
      expect(status, `${id}/${path}`).toBe(404);
    }
  });
});
