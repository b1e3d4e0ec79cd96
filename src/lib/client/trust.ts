import { z } from 'zod';
import { trustRoot, updateRoot, type RootSigned } from '../signing/index';
import { getSetting, setSetting, type CandorDB } from './db';

/** Root envelopes newer than the pinned one, as accepted earlier: kept so that rotations survive going offline. */
const ChainSetting = z.array(z.string());
/** only the version is read here; every other check is the signing library's, on the whole envelope */
const OfferedRoot = z.looseObject({ signed: z.looseObject({ version: z.number().int() }) });
const RootsResponse = z.object({ roots: z.array(OfferedRoot).max(100) });
const CHAIN_KEY = 'rootChain';

export type TrustedRoot = { ok: true; root: RootSigned } | { ok: false; error: string };

/**
 * The root every server document is checked against: the one pinned in the build, moved forward
 * through any rotation the server offers (each step signed by the old and the new root keys, version
 * exactly one higher — src/lib/signing). A rotation once accepted is kept on the device; a chain that
 * does not verify is ignored and the last accepted one stays.
 */
export async function trustedRoot(db: CandorDB, fetchImpl: typeof fetch, now: Date, pinned: string): Promise<TrustedRoot> {
  // the pinned root may have expired: a later root in the chain then has to carry the trust
  const base = await trustRoot(pinned, { now, allowExpired: true });
  if (!base.ok) return { ok: false, error: `the pinned root is unusable: ${base.error}` };
  const kept = await getSetting(db, CHAIN_KEY, ChainSetting, []);
  let chain = kept;
  try {
    const res = await fetchImpl('/api/root', { headers: { accept: 'application/json' }, credentials: 'omit' });
    if (res.ok) {
      const body = RootsResponse.safeParse(await res.json());
      if (body.success) {
        chain = body.data.roots
          .filter((r) => r.signed.version > base.root.version)
          .sort((a, b) => a.signed.version - b.signed.version)
          .map((r) => JSON.stringify(r));
      }
    }
  } catch {
    // offline: the chain accepted before still stands
  }
  const walked = await updateRoot(base.root, chain, now);
  if (walked.ok) {
    if (chain.join('\n') !== kept.join('\n')) await setSetting(db, CHAIN_KEY, chain);
    return { ok: true, root: walked.root };
  }
  // an offered chain that fails: fall back to the one accepted before
  const previous = await updateRoot(base.root, kept, now);
  if (previous.ok) return { ok: true, root: previous.root };
  return { ok: false, error: walked.error };
}
