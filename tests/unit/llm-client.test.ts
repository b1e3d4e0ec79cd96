import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LlmClient } from '../../src/lib/client/llm.svelte';
import { openCandorDb, setSetting } from '../../src/lib/client/db';
import type { DeploymentIndex } from '../../src/lib/llm/deployment';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';

const INDEX: DeploymentIndex = {
  version: 1,
  offered: { embed: 'candor-tiny-embed', instruct: null },
  models: [
    { id: 'candor-tiny-embed', role: 'embed', task: 'feature-extraction', dtype: 'fp32', files: [{ path: 'config.json', bytes: 271, sha256: 'a'.repeat(64) }] }
  ]
};

let n = 0;
const db = () => openCandorDb(`candor-llm-client-${++n}`);
const noWorker = () => {
  throw new Error('a worker was started: something would have been downloaded');
};

describe('the LLM client before the person opts in', () => {
  it('reports no model when the server offers none (npm start without models)', async () => {
    const client = new LlmClient(noWorker, async () => new Response('not found', { status: 404 }));
    await client.init(db());
    expect(client.status).toBe('unavailable');
    expect(client.has('embed')).toBe(false);
  });

  it('treats a malformed index as no offer', async () => {
    const client = new LlmClient(noWorker, async () => Response.json({ ...INDEX, offered: { embed: 'ghost', instruct: null } }));
    await client.init(db());
    expect(client.status).toBe('unavailable');
  });

  it('offers the model with its size and starts nothing until the person opts in', async () => {
    const client = new LlmClient(noWorker, async () => Response.json(INDEX));
    const store = db();
    await setSetting(store, 'llmOptIn', false);
    await client.init(store);
    expect(client.status).toBe('off');
    expect(client.offeredBytes).toBe(271);
    expect(await client.semantic('x', [], 1)).toBeUndefined();
    expect(await client.intent('x')).toBeNull();
  });
});

describe('the products vectors behind semantic search', () => {
  const DIMS = 4;
  const bgeLike: DeploymentIndex = {
    version: 1,
    offered: { embed: 'test-embed', instruct: null },
    models: [
      {
        id: 'test-embed',
        role: 'embed',
        task: 'feature-extraction',
        dtype: 'q8',
        pooling: 'cls',
        dims: DIMS,
        files: [{ path: 'onnx/model_quantized.onnx', bytes: 10, sha256: 'b'.repeat(64) }]
      }
    ]
  };
  const products = fixtureCatalogue().slice(0, 6);
  const catalogue = { version: 3, products };

  /** A worker that answers like the real one: loaded, then unit vectors (a text's length picks its axis), with progress. */
  function fakeWorker(log: { type: string; kind?: string; texts?: number }[], onPost: () => void = () => {}) {
    return () => {
      const listeners: ((e: MessageEvent) => void)[] = [];
      const reply = (data: unknown) => queueMicrotask(() => listeners.forEach((l) => l({ data } as MessageEvent)));
      return {
        addEventListener: (type: string, l: (e: MessageEvent) => void) => type === 'message' && listeners.push(l),
        terminate() {},
        postMessage(req: { id: number; type: string; kind?: string; texts?: string[] }) {
          log.push({ type: req.type, ...(req.kind ? { kind: req.kind } : {}), ...(req.texts ? { texts: req.texts.length } : {}) });
          onPost();
          if (req.type === 'load') reply({ type: 'loaded', id: req.id, device: 'wasm', roles: ['embed'] });
          if (req.type === 'embed') {
            const texts = req.texts ?? [];
            const data = new Float32Array(texts.length * DIMS);
            texts.forEach((t, i) => (data[i * DIMS + (t.length % DIMS)] = 1));
            if (req.kind === 'passage') reply({ type: 'progress', id: req.id, loaded: Math.ceil(texts.length / 2), total: texts.length });
            reply({ type: 'embeddings', id: req.id, dims: DIMS, data });
          }
        }
      } as unknown as Worker;
    };
  }

  it('uses verified published vectors: only the query is embedded on the device', async () => {
    const log: { type: string; kind?: string }[] = [];
    const client = new LlmClient(fakeWorker(log), async () => Response.json(bgeLike));
    await client.init(db());
    const data = new Float32Array(products.length * DIMS).map((_, i) => (i % DIMS === 0 ? 1 : 0));
    let asked: unknown = null;
    client.useVectorSource({
      load: async (c, model) => {
        asked = model;
        return { vectors: { ids: c.products.map((p) => p.id), dims: DIMS, data }, status: { state: 'published', version: 2 } };
      },
      keep: async () => {
        throw new Error('nothing to keep');
      }
    });
    await client.optIn();
    const scores = await client.semantic('一年期', products, catalogue.version);
    expect(asked).toEqual({ id: 'test-embed', dims: DIMS, weightsSha256: 'b'.repeat(64), pooling: 'cls' });
    expect(scores?.size).toBe(products.length);
    expect(client.vectorsFrom).toBe('published');
    expect(log.filter((m) => m.type === 'embed').map((m) => m.kind)).toEqual(['query']);
  });

  it('without published vectors, embeds the catalogue once, with progress, and keeps it', async () => {
    const log: { type: string; kind?: string; texts?: number }[] = [];
    const seen: ({ done: number; total: number } | null)[] = [];
    // what the progress bar shows at each message to the worker, and after each reply
    const client: LlmClient = new LlmClient(
      fakeWorker(log, () => seen.push(client.embedding)),
      async () => Response.json(bgeLike)
    );
    await client.init(db());
    const kept: number[] = [];
    client.useVectorSource({ load: async () => null, keep: async (_c, _m, v) => void kept.push(v.ids.length) });
    await client.optIn();
    const vectors = await client.prepare(catalogue);
    expect(vectors?.ids).toEqual(products.map((p) => p.id));
    expect(seen.at(-1)).toEqual({ done: 0, total: products.length });
    expect(client.embedding).toBeNull();
    expect(client.vectorsFrom).toBe('device');
    expect(kept).toEqual([products.length]);
    await client.semantic('一年期', products, catalogue.version);
    // the catalogue was embedded once; asking again embeds only the query
    expect(log.filter((m) => m.type === 'embed').map((m) => `${m.kind}:${m.texts}`)).toEqual([`passage:${products.length}`, 'query:1']);
  });
});
