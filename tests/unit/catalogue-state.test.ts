/**
 * The catalogue's manager (src/lib/client/catalogue.svelte.ts) against a real Dexie store and a signed
 * catalogue served by a fetch in the test: a first start waits for the server; a later one shows the kept
 * copy at once, before the server answers; a new version replaces it, a tampered one never does.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueState } from '../../src/lib/client/catalogue.svelte';
import { openCandorDb, type CandorDB } from '../../src/lib/client/db';
import { fixtureCatalogue } from '../fixtures/engine/fixtures';
import { EXPIRES, ISSUED, testTrust, type TestTrust } from '../fixtures/signing/trust';

const NAME = 'catalogue-state-test';
const NOW = new Date('2026-11-02T00:00:00Z');
let db: CandorDB;
let trust: TestTrust;

beforeEach(async () => {
  db = openCandorDb(NAME);
  await db.open();
  trust = await testTrust();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

/** a server with the test root and `catalogue` (a promise, so a test can hold the answer back); no factors */
function server(catalogue: Promise<string>): typeof fetch {
  return async (input) => {
    const path = String(input);
    if (path.endsWith('/api/root')) return new Response(JSON.stringify({ roots: [JSON.parse(trust.rootEnvelope) as unknown] }));
    if (path.endsWith('/api/catalogue')) return new Response(await catalogue);
    return new Response('not found', { status: 404 });
  };
}
const signed = (version: number, products = fixtureCatalogue()) => trust.sign({ _type: 'catalogue', version, issuedAt: ISSUED, expiresAt: EXPIRES, products });
const source = (serve: typeof fetch) => ({ fetch: serve, pinnedRoot: trust.rootEnvelope, now: () => NOW });

describe('CatalogueState', () => {
  it('waits for the server on a first start, then shows the kept copy at once and takes a newer version', async () => {
    const first = new CatalogueState();
    await first.start(db, source(server(signed(1))));
    expect(first.ready).toBe(true);
    expect(first.status).toMatchObject({ state: 'fresh', version: 1 });
    expect(first.products.length).toBe(fixtureCatalogue().length);
    expect(first.productById.get(fixtureCatalogue()[0]!.id)?.id).toBe(fixtureCatalogue()[0]!.id);

    // the next start: the server holds its answer back, and the kept copy is shown meanwhile
    let answer: (text: string) => void = () => {};
    const held = new Promise<string>((r) => (answer = r));
    const second = new CatalogueState();
    await second.start(db, source(server(held)));
    expect(second.ready).toBe(true);
    expect(second.status).toMatchObject({ version: 1 });
    const fewer = fixtureCatalogue().slice(0, 3);
    answer(await signed(2, fewer));
    await expect.poll(() => second.products.length).toBe(3);
    expect(second.status).toMatchObject({ state: 'fresh', version: 2 });
    await second.refreshed;
  });

  it('keeps showing the verified copy when the server sends a tampered one', async () => {
    await new CatalogueState().start(db, source(server(signed(1))));
    const tampered = (await signed(2)).replace('"version":2', '"version":3');
    const state = new CatalogueState();
    await state.start(db, source(server(Promise.resolve(tampered))));
    await state.refreshed;
    expect(state.status.state).not.toBe('fresh');
    expect(state.products.length).toBe(fixtureCatalogue().length);
    expect('version' in state.status ? state.status.version : null).toBe(1);
  });
});
