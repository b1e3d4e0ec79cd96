import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LlmClient } from '../../src/lib/client/llm.svelte';
import { openCandorDb, setSetting } from '../../src/lib/client/db';
import type { DeploymentIndex } from '../../src/lib/llm/deployment';

const INDEX: DeploymentIndex = {
  version: 1,
  offered: { embed: 'candor-tiny-embed', instruct: null },
  models: [{ id: 'candor-tiny-embed', role: 'embed', task: 'feature-extraction', dtype: 'fp32', files: [{ path: 'config.json', bytes: 271, sha256: 'a'.repeat(64) }] }]
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
