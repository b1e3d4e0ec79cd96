import { z } from 'zod';
import { acceptFactors } from '../cf/accept';
import type { AnyCfModel } from '../cf/model';
import type { Catalogue } from '../domain';
import { sha256Hex } from '../signing/index';
import { verifyEnvelope, verifyFactorsBlob, type FactorsSigned } from '../documents';
import type { CandorDB } from './db';
import { fetchLimited, FetchLimitError, type FetchLimits } from './fetch-limited';
import type { TrustedRoot } from './trust';

const FACTORS_KEY = 'current';

/** The last verified factors, as stored: the envelope's signed part and the blob. */
const StoredFactors = z.object({
  version: z.number().int().min(1),
  manifest: z.record(z.string(), z.unknown()),
  blob: z.instanceof(Uint8Array),
  fetchedAt: z.iso.datetime({ offset: true })
});
type StoredFactors = z.infer<typeof StoredFactors>;

export type FactorsStatus =
  | { state: 'fresh'; version: number; algo: string }
  /** `refused`: why the server's newer factors were not accepted, when that was the reason for the kept copy */
  | { state: 'cached'; version: number; algo: string; refused?: string }
  /** none offered, or the network failed: the engine scores without CF, nothing worth a notice */
  | { state: 'none'; error: string }
  /** what the server sent did not verify and there is no good copy: the page says so */
  | { state: 'refused'; error: string };

/** A failure of the factors themselves (signature, size, digest, fit), as opposed to the network's. */
class Refused extends Error {}

export interface LoadedFactors {
  model: AnyCfModel | null;
  status: FactorsStatus;
}

async function stored(db: CandorDB): Promise<StoredFactors | null> {
  const row: unknown = await db.factors.get(FACTORS_KEY);
  const parsed = StoredFactors.safeParse(row);
  return parsed.success ? parsed.data : null;
}

type Ref = { version: number; productIds: Set<string> };
const refOf = (catalogue: Catalogue): Ref => ({ version: catalogue.version ?? 0, productIds: new Set(catalogue.products.map((p) => p.id)) });

/** Stored factors, if they still fit the catalogue: stored after verification, but the catalogue may have moved on since. */
async function fromStored(last: StoredFactors | null, ref: Ref, refused?: string): Promise<LoadedFactors | null> {
  if (!last) return null;
  const again = (await sha256Hex(last.blob)) === last.manifest['sha256'] ? acceptFactors(last.manifest, last.blob, ref) : null;
  if (!again?.ok) return null;
  return { model: again.value, status: { state: 'cached', version: last.version, algo: again.value.algo, ...(refused ? { refused } : {}) } };
}

/** The last verified factors kept on the device that fit `catalogue`, to use at once; null when there are none. */
export async function cachedFactors(db: CandorDB, catalogue: Catalogue): Promise<LoadedFactors | null> {
  return fromStored(await stored(db), refOf(catalogue));
}

/**
 * Fetch the signed factors manifest and its sha256-named blob, check the signature (as for the
 * catalogue), the blob's size and sha256, that it was trained for this catalogue version and only
 * names products the catalogue has, and decode it (no NaN). On any failure the last good factors
 * are used if they still fit the catalogue; otherwise none, and the engine scores without CF.
 */
export async function syncFactors(
  db: CandorDB,
  fetchImpl: typeof fetch,
  now: Date,
  root: TrustedRoot,
  catalogue: Catalogue,
  limits: Partial<FetchLimits> = {}
): Promise<LoadedFactors> {
  const ref = refOf(catalogue);
  const last = await stored(db);
  let error: string;
  let refused = false;
  try {
    if (!root.ok) throw new Error(root.error);
    const res = await fetchLimited(fetchImpl, '/api/factors', limits);
    if (!res.ok) throw new Error(`factors: HTTP ${res.status}`);
    const verified = await verifyEnvelope(res.bytes, {
      root: root.root,
      type: 'factors',
      now,
      catalogueVersion: ref.version,
      ...(last ? { minVersion: last.version } : {})
    });
    if (!verified.ok) throw new Refused(`${verified.code}: ${verified.error}`);
    const signed: FactorsSigned = verified.signed;
    // the signed manifest says how big the blob is: not a byte more is read
    const blobRes = await fetchLimited(
      fetchImpl,
      `/api/factors/${signed.manifest.sha256}.bin`,
      { ...limits, maxBytes: signed.manifest.bytes },
      'application/octet-stream'
    );
    if (!blobRes.ok) throw new Error(`factors blob: HTTP ${blobRes.status}`);
    const blob = blobRes.bytes;
    const digest = await verifyFactorsBlob(signed, blob);
    if (!digest.ok) throw new Refused(`${digest.code}: ${digest.error}`);
    const accepted = acceptFactors(signed.manifest, blob, ref);
    if (!accepted.ok) throw new Refused(accepted.error);
    try {
      await db.factors.put({ version: signed.version, manifest: signed.manifest, blob, fetchedAt: now.toISOString() }, FACTORS_KEY);
    } catch (e) {
      // storage full: verified factors are still used now, and fetched again next time
      console.warn('the verified factors could not be kept on this device:', e);
    }
    return { model: accepted.value, status: { state: 'fresh', version: signed.version, algo: accepted.value.algo } };
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    // too large is the server sending more than its signed manifest says: a refusal too
    refused = e instanceof Refused || (e instanceof FetchLimitError && e.code === 'too_large');
  }
  return (await fromStored(last, ref, refused ? error : undefined)) ?? { model: null, status: { state: refused ? 'refused' : 'none', error } };
}
