import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CatalogueSchema, parseWith, type Catalogue } from '../domain';
import demo from '../../../models/catalogue/demo-catalogue.json';

export interface PublishedCatalogue {
  catalogue: Catalogue;
  body: string;
  etag: string;
}

let cached: PublishedCatalogue | null = null;

/**
 * The catalogue this server publishes: the bank's file named by CANDOR_CATALOGUE, or the
 * embedded demo catalogue. It is validated once; an invalid file stops the server with a clear error.
 */
export function publishedCatalogue(path: string | undefined): PublishedCatalogue {
  if (cached) return cached;
  const source: unknown = path ? JSON.parse(readFileSync(path, 'utf8')) : demo;
  const parsed = parseWith(CatalogueSchema, source);
  if (!parsed.ok) throw new Error(`catalogue ${path ?? '(demo)'} is invalid: ${parsed.error}`);
  const body = JSON.stringify(parsed.value);
  cached = { catalogue: parsed.value, body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
  return cached;
}
