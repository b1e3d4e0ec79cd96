import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_ID, writeTinyModel } from '../../models/llm/make-tiny-model';
import type { InstalledModel } from '../../src/lib/llm/deployment';
import { createHandler } from '../../src/lib/llm/handler';
import { LlmReplySchema, type LlmReply } from '../../src/lib/llm/protocol';
import { semanticScores } from '../../src/lib/llm/semantic';
import { transformersRuntime } from '../../src/lib/llm/transformers-runtime';

/**
 * The worker's message handling, driven through the real transformers.js pipeline (onnxruntime-node
 * here; the browser test covers onnxruntime-web) with the generated tiny model.
 */

let dir = '';
let tiny: InstalledModel;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-llm-'));
  const files = writeTinyModel(join(dir, TINY_ID)).filter((f) => f.path !== 'onnx/model_quantized.onnx');
  tiny = { id: TINY_ID, role: 'embed', task: 'feature-extraction', dtype: 'fp32', files };
  env.allowRemoteModels = false;
  env.localModelPath = `${dir}/`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function harness() {
  const replies: LlmReply[] = [];
  const handle = createHandler(
    transformersRuntime(async () => 'cpu'),
    (r) => replies.push(LlmReplySchema.parse(r))
  );
  return { replies, handle, of: (id: number) => replies.filter((r) => r.id === id) };
}

describe('the LLM worker logic with the tiny model', () => {
  it('loads with aggregate progress up to the total, then embeds to the right shape', async () => {
    const { handle, of } = harness();
    await handle({ type: 'load', id: 1, models: [tiny] });
    const load = of(1);
    const progress = load.filter((r) => r.type === 'progress');
    const total = tiny.files.reduce((s, f) => s + f.bytes, 0);
    expect(progress[0]).toEqual({ type: 'progress', id: 1, loaded: 0, total });
    expect(progress.at(-1)).toEqual({ type: 'progress', id: 1, loaded: total, total });
    const loaded = progress.map((p) => (p.type === 'progress' ? p.loaded : -1));
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(load.at(-1)).toEqual({ type: 'loaded', id: 1, device: 'cpu', roles: ['embed'] });

    const texts = ['我想要一年期的低风险理财', '一年期 低风险 理财产品', 'high growth equity fund', 'credit card cashback'];
    await handle({ type: 'embed', id: 2, kind: 'passage', texts });
    const [reply] = of(2);
    if (reply?.type !== 'embeddings') throw new Error(`expected embeddings, got ${JSON.stringify(reply)}`);
    expect(reply.dims).toBe(64);
    expect(reply.data.length).toBe(texts.length * 64);
    for (let i = 0; i < texts.length; i++) {
      const norm = Math.hypot(...reply.data.subarray(i * 64, (i + 1) * 64));
      expect(norm).toBeCloseTo(1, 4);
    }
    // texts that share tokens point the same way; the test model is only that meaningful
    const scores = semanticScores(['zh', 'en', 'card'], reply.data.slice(64), reply.data.slice(0, 64));
    expect(scores.get('zh')!).toBeGreaterThan(0.5);
    expect(scores.get('zh')!).toBeGreaterThan(scores.get('en')! + 0.3);
    expect(scores.get('zh')!).toBeGreaterThan(scores.get('card')! + 0.3);
  }, 60_000);

  it('answers every failure as a message for the request that caused it', async () => {
    const { handle, of, replies } = harness();
    await handle({ type: 'embed', id: 1, kind: 'query', texts: ['x'] });
    expect(of(1)).toEqual([{ type: 'error', id: 1, code: 'not-loaded', message: expect.any(String) }]);

    await handle({ type: 'embed', id: 2, kind: 'query', texts: [] });
    await handle({ type: 'teleport', id: 3 });
    await handle('not even an object');
    expect(of(2)[0]).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(of(3)[0]).toMatchObject({ type: 'error', code: 'bad-request' });
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 0, code: 'bad-request' });

    // a model the server does not have: the loader fails, the worker says so and lives on
    await handle({ type: 'load', id: 4, models: [{ ...tiny, id: 'missing-model' }] });
    expect(of(4).at(-1)).toMatchObject({ type: 'error', code: 'failed' });

    await handle({ type: 'load', id: 5, models: [tiny] });
    await handle({ type: 'intent', id: 6, text: '我想要一年期的低风险理财' });
    expect(of(6)).toEqual([{ type: 'error', id: 6, code: 'unavailable', message: 'no instruction model is loaded' }]);
  }, 60_000);

  it('cancels a running request: one "cancelled" answer and no result', async () => {
    const { handle, of } = harness();
    const load = handle({ type: 'load', id: 1, models: [tiny] });
    await handle({ type: 'cancel', id: 2, target: 1 });
    await load;
    expect(of(1).filter((r) => r.type !== 'progress')).toEqual([{ type: 'error', id: 1, code: 'cancelled', message: 'cancelled' }]);
    // nothing was kept from the cancelled load
    await handle({ type: 'embed', id: 3, kind: 'query', texts: ['x'] });
    expect(of(3)[0]).toMatchObject({ code: 'not-loaded' });
  }, 60_000);
});
