import type { Catalogue } from '../domain';
import { verifyEnvelope } from '../documents';
import { cacheCatalogue, getCachedCatalogue, type CandorDB } from './db';
import { fetchLimited, FetchLimitError, type FetchLimits } from './fetch-limited';
import type { TrustedRoot } from './trust';

export type CatalogueStatus =
  | { state: 'fresh'; version: number; fetchedAt: string }
  /** the copy kept on the device, shown while the server is asked for a newer one */
  | { state: 'cached'; version: number; fetchedAt: string }
  | { state: 'offline' | 'invalid'; version: number; fetchedAt: string; error: string }
  /** verified and in use, but IndexedDB refused to keep it (storage full): it is fetched again next time */
  | { state: 'unsaved'; version: number; fetchedAt: string; error: string }
  | { state: 'none'; error: string };

export interface LoadedCatalogue {
  catalogue: Catalogue | null;
  status: CatalogueStatus;
}

/** The last verified catalogue kept on the device, to show at once; null when there is none. */
export async function cachedCatalogue(db: CandorDB): Promise<LoadedCatalogue | null> {
  const cached = await getCachedCatalogue(db);
  if (!cached) return null;
  return {
    catalogue: { version: cached.version, products: cached.products },
    status: { state: 'cached', version: cached.version, fetchedAt: cached.fetchedAt }
  };
}

/**
 * Fetch the signed catalogue from the app's own origin and use it only if it verifies against the
 * trusted root: signature and key, threshold, not expired, and a version not below the one already
 * accepted (no rollback). Any failure — network, no answer in time, a body over the size cap,
 * tampering, bad JSON, schema — keeps the last good copy and says which failure it was, so the page
 * can say so.
 */
export async function syncCatalogue(
  db: CandorDB,
  fetchImpl: typeof fetch,
  now: Date,
  trusted: TrustedRoot | Promise<TrustedRoot>,
  limits: Partial<FetchLimits> = {}
): Promise<LoadedCatalogue> {
  // handled here even when the catalogue request fails first and the root is never awaited
  const rootReady = Promise.resolve(trusted).then(
    (r) => r,
    (e: unknown): TrustedRoot => ({ ok: false, error: e instanceof Error ? e.message : String(e) })
  );
  const cached = await getCachedCatalogue(db);
  let failure: { state: 'offline' | 'invalid'; error: string };
  try {
    const res = await fetchLimited(fetchImpl, '/api/catalogue', limits);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // the root may still be on its way: both requests run at once, so two slow answers cost one wait
    const root = await rootReady;
    if (!root.ok) {
      failure = { state: 'invalid', error: root.error };
    } else {
      const verified = await verifyEnvelope(res.bytes, { root: root.root, type: 'catalogue', now, ...(cached ? { minVersion: cached.version } : {}) });
      if (verified.ok) {
        const catalogue: Catalogue = { version: verified.version, products: verified.signed.products };
        const fetchedAt = now.toISOString();
        try {
          await cacheCatalogue(db, catalogue, now);
        } catch (e) {
          // storage full (QuotaExceededError) or blocked: the verified catalogue is still used, and the page says it was not kept
          return { catalogue, status: { state: 'unsaved', version: verified.version, fetchedAt, error: `not kept on this device: ${e instanceof Error ? e.message : String(e)}` } };
        }
        return { catalogue, status: { state: 'fresh', version: verified.version, fetchedAt } };
      }
      failure = { state: 'invalid', error: `${verified.code}: ${verified.error}` };
    }
  } catch (e) {
    // too much data is the server's doing, not the network's: it is not "offline"
    const tooLarge = e instanceof FetchLimitError && e.code === 'too_large';
    failure = { state: tooLarge ? 'invalid' : 'offline', error: tooLarge ? `too_large: ${e.message}` : e instanceof Error ? e.message : String(e) };
  }
  if (!cached) return { catalogue: null, status: { state: 'none', error: failure.error } };
  return {
    catalogue: { version: cached.version, products: cached.products },
    status: { ...failure, version: cached.version, fetchedAt: cached.fetchedAt }
  };
}
