import { CatalogueSchema, parseWith, type Catalogue } from '../domain';
import { cacheCatalogue, getCachedCatalogue, type CandorDB } from './db';

export type CatalogueStatus =
  | { state: 'fresh'; version: number; fetchedAt: string }
  | { state: 'offline' | 'invalid'; version: number; fetchedAt: string; error: string }
  | { state: 'none'; error: string };

export interface LoadedCatalogue {
  catalogue: Catalogue | null;
  status: CatalogueStatus;
}

/**
 * Fetch the catalogue from the app's own origin, validate it, and keep it as the last good copy.
 * Any failure (network, bad JSON, schema) keeps the cached copy and says which failure it was.
 */
export async function syncCatalogue(db: CandorDB, fetchImpl: typeof fetch, now: Date): Promise<LoadedCatalogue> {
  let failure: { state: 'offline' | 'invalid'; error: string };
  try {
    const res = await fetchImpl('/api/catalogue', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const parsed = parseWith(CatalogueSchema, await res.json());
    if (parsed.ok) {
      await cacheCatalogue(db, parsed.value, now);
      return {
        catalogue: parsed.value,
        status: { state: 'fresh', version: parsed.value.version ?? 0, fetchedAt: now.toISOString() }
      };
    }
    failure = { state: 'invalid', error: parsed.error };
  } catch (e) {
    failure = { state: e instanceof SyntaxError ? 'invalid' : 'offline', error: e instanceof Error ? e.message : String(e) };
  }
  const cached = await getCachedCatalogue(db);
  if (!cached) return { catalogue: null, status: { state: 'none', error: failure.error } };
  return {
    catalogue: { version: cached.version, products: cached.products },
    status: { ...failure, version: cached.version, fetchedAt: cached.fetchedAt }
  };
}
