/**
 * What `npm run recommend` feeds the one pipeline, shared with the persona evaluation
 * (models/personas/evaluate.ts) so that both run it exactly alike: the catalogue (the demo one by
 * default), the CF factors (the committed demo factors with the demo catalogue, a bank's own with
 * `--factors DIR`, none with another catalogue and no factors), and a request read by the built-in
 * parser, as in the app with no model downloaded.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deserializeFactors } from '../lib/cf/artifact';
import type { CfModel } from '../lib/cf/model';
import type { Product } from '../lib/domain/product';
import type { RecommendInput } from '../lib/engine/index';
import { parseIntent } from '../lib/intent';
import { readFactorsDir, sha256Hex } from '../lib/server/factors-dir';
import { CliError, readCatalogueFile, readJsonFile, repoPath } from './io';

export const DEFAULT_CATALOGUE = repoPath('src', 'lib', 'server', 'demo-catalogue.json');
export const DEFAULT_FACTORS = repoPath('models', 'factors', 'demo');

/** Load and check a factors directory (manifest + blob with a matching sha256). */
export function loadFactors(dir: string): CfModel {
  try {
    const { manifest, blob } = readFactorsDir(dir);
    return deserializeFactors(manifest, blob, { sha256: sha256Hex });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CliError(message.startsWith('factors ') ? message : `factors ${dir}: ${message}`);
  }
}

export interface CatalogueAndFactors {
  products: Product[];
  /** the catalogue's version (an envelope's signed version, a plain file's `version`; 1 when it has none, as the server reads it) */
  version: number;
  cf?: CfModel;
}

function catalogueVersion(path: string): number {
  const raw = readJsonFile(path, 'catalogue');
  const body = typeof raw === 'object' && raw !== null && 'signed' in raw ? (raw as { signed: unknown }).signed : raw;
  const v = typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 1;
}

/** The catalogue and the CF factors, chosen as `recommend` documents (no argument: the demo pair). */
export function loadCatalogueAndFactors(opts: { catalogue?: string; factors?: string } = {}): CatalogueAndFactors {
  if (opts.catalogue === undefined && !existsSync(DEFAULT_CATALOGUE)) {
    throw new CliError(`catalogue ${DEFAULT_CATALOGUE}: file not found (generate it with npm run catalogue:demo, or pass --catalogue C.json)`);
  }
  const path = opts.catalogue ?? DEFAULT_CATALOGUE;
  const products = readCatalogueFile(path);
  const version = catalogueVersion(path);
  let cf: CfModel | undefined;
  if (opts.factors !== undefined) cf = loadFactors(opts.factors);
  else if (opts.catalogue === undefined && existsSync(join(DEFAULT_FACTORS, 'factors.json'))) cf = loadFactors(DEFAULT_FACTORS);
  return cf ? { products, version, cf } : { products, version };
}

/** The request fields of the pipeline's input: the text and the built-in parser's Intent for it. */
export function requestFields(query: string | undefined): Pick<RecommendInput, 'query' | 'intent'> {
  return query !== undefined ? { query, intent: parseIntent(query) } : {};
}
