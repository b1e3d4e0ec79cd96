import type { Result } from '../domain/validate';
import { deserializeFactors, type DeserializeOptions } from './artifact';
import type { AnyCfModel } from './model';

/** The catalogue the factors are about to be used with. */
export interface CatalogueRef {
  version: number;
  productIds: ReadonlySet<string>;
}

/**
 * Accept a factors artifact for use with one catalogue, or say why not: a manifest or blob that does
 * not decode (wrong length, NaN, bad shape), a stale catalogue version, or item ids the catalogue
 * does not have. The caller keeps scoring with its other sources when this refuses.
 */
export function acceptFactors(manifest: unknown, blob: Uint8Array, catalogue: CatalogueRef, opts: DeserializeOptions = {}): Result<AnyCfModel> {
  let model: AnyCfModel;
  let catalogueVersion: unknown;
  try {
    model = deserializeFactors(manifest, blob, opts);
    catalogueVersion = (manifest as { catalogueVersion?: unknown }).catalogueVersion;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (catalogueVersion !== catalogue.version) {
    return { ok: false, error: `factors: trained for catalogue v${String(catalogueVersion)}, but the catalogue in use is v${catalogue.version}` };
  }
  const unknown = model.itemIds.filter((id) => !catalogue.productIds.has(id));
  if (unknown.length > 0) {
    return { ok: false, error: `factors: ${unknown.length} item id(s) not in the catalogue, e.g. "${unknown[0]}"` };
  }
  return { ok: true, value: model };
}
