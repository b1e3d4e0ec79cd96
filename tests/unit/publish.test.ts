import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conditional, publication } from '../../src/lib/server/publish';
import { trustRoot } from '../../src/lib/signing/index';
import { verifyEnvelope, verifyFactorsBlob } from '../../src/lib/documents';

const keys = mkdtempSync(join(tmpdir(), 'candor-keys-'));
afterAll(() => rmSync(keys, { recursive: true, force: true }));

describe('what the server publishes', () => {
  it('makes no document it cannot verify: root chain, signed demo catalogue and factors, ETags', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', 'generate', '--out', keys, '--force']);
    const pub = await publication({ CANDOR_KEYS: keys });
    const { roots } = JSON.parse(pub.roots.body) as { roots: unknown[] };
    expect(roots).toHaveLength(1);
    const now = new Date();
    const root = await trustRoot(JSON.stringify(roots[0]), { now });
    if (!root.ok) throw new Error(root.error);
    const cat = await verifyEnvelope(pub.catalogue.body, { root: root.root, type: 'catalogue', now });
    expect(cat.ok && cat.signed.products.length).toBeGreaterThanOrEqual(300);
    expect(pub.factors).not.toBeNull();
    const f = await verifyEnvelope(pub.factors!.manifest.body, { root: root.root, type: 'factors', now, catalogueVersion: cat.ok ? cat.version : -1 });
    if (!f.ok) throw new Error(f.error);
    expect((await verifyFactorsBlob(f.signed, pub.factors!.blob)).ok).toBe(true);

    const fresh = conditional(new Request('http://x/api/catalogue'), pub.catalogue, 'no-cache');
    expect(fresh.status).toBe(200);
    const again = conditional(new Request('http://x/api/catalogue', { headers: { 'if-none-match': pub.catalogue.etag } }), pub.catalogue, 'no-cache');
    expect(again.status).toBe(304);
  });
});
