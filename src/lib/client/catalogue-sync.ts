import type { Catalogue } from '../domain';
import { verifyEnvelope } from '../signing/index';
import { cacheCatalogue, getCachedCatalogue, type CandorDB } from './db';
import type { TrustedRoot } from './trust';

export type CatalogueStatus =
  | { state: 'fresh'; version: number; fetchedAt: string }
  | { state: 'offline' | 'invalid'; version: number; fetchedAt: string; error: string }
  | { state: 'none'; error: string };

export interface LoadedCatalogue {
  catalogue: Catalogue | null;
  status: CatalogueStatus;
}

/**
 * Fetch the signed catalogue from the app's own origin and use it only if it verifies against the
 * trusted root: signature and key, threshold, not expired, and a version not below the one already
 * accepted (no rollback). Any failure — network, tampering, bad JSON, schema — keeps the last good
 * copy and says which failure it was, so the page can say so.
 */
export async function syncCatalogue(
  db: CandorDB,
  fetchImpl: typeof fetch,
  now: Date,
  root: TrustedRoot
): Promise<LoadedCatalogue> {
  const cached = await getCachedCatalogue(db);
  let failure: { state: 'offline' | 'invalid'; error: string };
  try {
    const res = await fetchImpl('/api/catalogue', { headers: { accept: 'application/json' }, credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = new Uint8Array(await res.arrayBuffer());
    if (!root.ok) {
      failure = { state: 'invalid', error: root.error };
    } else {
      const verified = await verifyEnvelope(body, { root: root.root, type: 'catalogue', now, ...(cached ? { minVersion: cached.version } : {}) });
      if (verified.ok) {
        const catalogue: Catalogue = { version: verified.version, products: verified.signed.products };
        await cacheCatalogue(db, catalogue, now);
        return { catalogue, status: { state: 'fresh', version: verified.version, fetchedAt: now.toISOString() } };
      }
      failure = { state: 'invalid', error: `${verified.code}: ${verified.error}` };
    }
  } catch (e) {
    failure = { state: 'offline', error: e instanceof Error ? e.message : String(e) };
  }
  if (!cached) return { catalogue: null, status: { state: 'none', error: failure.error } };
  return {
    catalogue: { version: cached.version, products: cached.products },
    status: { ...failure, version: cached.version, fetchedAt: cached.fetchedAt }
  };
}
