import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deserializeFactors, FactorsManifestSchema } from '../../src/lib/cf/artifact';
import { interactionVector } from '../../src/lib/cf/model';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';

const DIR = fileURLToPath(new URL('../../models/factors/demo/', import.meta.url));
const CATALOGUE = fileURLToPath(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('committed demo factors (models/factors/demo)', () => {
  const raw = JSON.parse(readFileSync(`${DIR}factors.json`, 'utf8')) as unknown;
  const manifest = FactorsManifestSchema.parse(raw);
  const catalogue = CatalogueSchema.parse(JSON.parse(readFileSync(CATALOGUE, 'utf8')));

  it('is one EASE manifest and one blob whose name and content match its sha256', () => {
    expect(manifest.algo).toBe('ease');
    expect(manifest.dtype).toBe('float16');
    expect(manifest.shape).toEqual([catalogue.products.length, catalogue.products.length]);
    const bins = readdirSync(DIR).filter((f) => f.endsWith('.bin'));
    expect(bins).toEqual([`factors-${manifest.sha256}.bin`]);
    const blob = new Uint8Array(readFileSync(`${DIR}${bins[0]}`));
    expect(blob.length).toBe(manifest.bytes);
    expect(blob.length).toBe(2 * 320 * 320);
    expect(sha256(blob)).toBe(manifest.sha256);
  });

  it('covers exactly the demo catalogue, at its version', () => {
    expect([...manifest.itemIds].sort()).toEqual(catalogue.products.map((p) => p.id).sort());
    expect(manifest.catalogueVersion).toBe(catalogue.version);
  });

  it('deserialises (digest checked) into a model that scores every product', () => {
    const blob = new Uint8Array(readFileSync(`${DIR}factors-${manifest.sha256}.bin`));
    const model = deserializeFactors(raw, blob, { sha256 });
    expect(model.algo).toBe('ease');
    if (model.algo !== 'ease') return;
    const n = model.itemIds.length;
    for (let i = 0; i < n; i++) expect(model.B[i * n + i]).toBe(0);
    const first = catalogue.products[0]!.id;
    const s = model.score(interactionVector(model.itemIds, new Map([[first, 1]])));
    expect(s.every((v) => Number.isFinite(v))).toBe(true);
    expect(Math.max(...s)).toBeGreaterThan(0);
    // a tampered blob is refused
    const bad = blob.slice();
    bad[10] = bad[10]! ^ 1;
    expect(() => deserializeFactors(raw, bad, { sha256 })).toThrow(/sha256/);
  });
});
