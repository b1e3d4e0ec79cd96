import { CATALOGUE_MAX_BYTES, type Catalogue } from '../domain/catalogue';
import { verifyEnvelope } from '../documents';
import { cacheCatalogue, getCachedCatalogue, getCatalogueMeta, type CandorDB } from './db';
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
  /** the server confirmed the kept copy (304): nothing was downloaded, parsed or verified again */
  unchanged?: boolean;
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
  limits: Partial<FetchLimits> = {},
  /** the kept catalogue the page already shows (cachedCatalogue), so it is not read twice */
  shown?: Catalogue | null
): Promise<LoadedCatalogue> {
  // handled here even when the catalogue request fails first and the root is never awaited
  const rootReady = Promise.resolve(trusted).then(
    (r) => r,
    (e: unknown): TrustedRoot => ({ ok: false, error: e instanceof Error ? e.message : String(e) })
  );
  const meta = await getCatalogueMeta(db);
  // the kept copy, read only when it is needed (a failure to fall back on, or a 304 with nothing shown)
  let kept: { version: number; fetchedAt: string; products: Catalogue['products'] } | null | undefined;
  const keptCopy = async () => {
    if (kept === undefined) {
      kept =
        shown && meta && (shown.version ?? 0) === meta.version
          ? { version: meta.version, fetchedAt: meta.fetchedAt, products: shown.products }
          : await getCachedCatalogue(db);
    }
    return kept;
  };
  const limitsHere = { maxBytes: CATALOGUE_MAX_BYTES, ...limits };
  let failure: { state: 'offline' | 'invalid'; error: string };
  try {
    // ask for the document only if it is not the one kept; a 304 is trusted only with the root and expiry it was verified under
    let res = await fetchLimited(fetchImpl, '/api/catalogue', limitsHere, 'application/json', meta ? { 'if-none-match': meta.etag } : {});
    if (res.status === 304 && meta) {
      const root = await rootReady;
      const copy = await keptCopy();
      if (root.ok && root.root.version === meta.rootVersion && Date.parse(meta.expiresAt) > now.getTime() && copy && copy.version === meta.version) {
        return {
          catalogue: { version: copy.version, products: copy.products },
          status: { state: 'fresh', version: copy.version, fetchedAt: meta.fetchedAt },
          unchanged: true
        };
      }
      // the root moved on or the copy lapsed: fetch it whole and verify it again
      res = await fetchLimited(fetchImpl, '/api/catalogue', limitsHere);
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // the root may still be on its way: both requests run at once, so two slow answers cost one wait
    const root = await rootReady;
    if (!root.ok) {
      failure = { state: 'invalid', error: root.error };
    } else {
      const minVersion = meta?.version ?? (await keptCopy())?.version;
      const verified = await verifyEnvelope(res.bytes, {
        root: root.root,
        type: 'catalogue',
        now,
        maxBytes: limitsHere.maxBytes,
        ...(minVersion !== undefined ? { minVersion } : {})
      });
      if (verified.ok) {
        const catalogue: Catalogue = { version: verified.version, products: verified.signed.products };
        const fetchedAt = now.toISOString();
        try {
          await cacheCatalogue(
            db,
            catalogue,
            now,
            res.etag ? { etag: res.etag, expiresAt: verified.signed.expiresAt, rootVersion: root.root.version } : undefined
          );
        } catch (e) {
          // storage full (QuotaExceededError) or blocked: the verified catalogue is still used, and the page says it was not kept
          return {
            catalogue,
            status: { state: 'unsaved', version: verified.version, fetchedAt, error: `not kept on this device: ${e instanceof Error ? e.message : String(e)}` }
          };
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
  const cached = await keptCopy();
  if (!cached) return { catalogue: null, status: { state: 'none', error: failure.error } };
  return {
    catalogue: { version: cached.version, products: cached.products },
    status: { ...failure, version: cached.version, fetchedAt: cached.fetchedAt }
  };
}
