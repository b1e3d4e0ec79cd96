import { readFileSync } from 'node:fs';
import { CatalogueSchema, parseWith, type Catalogue } from '../domain';
import demo from './demo-catalogue.json';

export interface ServerCatalogue {
  /** the file as read: a signed envelope, or a plain {version, products} to be signed here */
  source: unknown;
  catalogue: Catalogue;
}

let cached: { path: string | undefined; value: ServerCatalogue } | null = null;

export const isEnvelope = (v: unknown): v is { signed: Record<string, unknown>; signatures: unknown } =>
  typeof v === 'object' && v !== null && 'signed' in v && 'signatures' in v;

/**
 * The catalogue this server publishes: the bank's file named by CANDOR_CATALOGUE (signed or not),
 * or the embedded demo catalogue. Validated once; an invalid file fails with a clear error.
 */
export function serverCatalogue(path: string | undefined): ServerCatalogue {
  if (cached && cached.path === path) return cached.value;
  let source: unknown = demo;
  if (path) {
    try {
      source = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`catalogue ${path}: ${e instanceof SyntaxError ? 'not JSON' : e instanceof Error ? e.message : String(e)}`);
    }
  }
  const plain = isEnvelope(source) ? { version: source.signed['version'], products: source.signed['products'] } : source;
  const parsed = parseWith(CatalogueSchema, plain);
  if (!parsed.ok) throw new Error(`catalogue ${path ?? '(demo)'} is invalid: ${parsed.error}`);
  cached = { path, value: { source, catalogue: parsed.value } };
  return cached.value;
}
