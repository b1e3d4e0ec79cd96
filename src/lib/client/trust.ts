import { z } from 'zod';
import { rotateRoot, trustRoot, type RootSigned } from '../signing/index';
import { setSetting, type CandorDB } from './db';
import { fetchLimited, type FetchLimits } from './fetch-limited';

/** Root envelopes newer than the pinned one, as accepted earlier: kept so that rotations survive going offline. */
const ChainSetting = z.array(z.string());
/** only the version is read here; every other check is the signing library's, on the whole envelope */
const OfferedRoot = z.looseObject({ signed: z.looseObject({ version: z.number().int() }) });
const RootsResponse = z.object({ roots: z.array(OfferedRoot).max(100) });
const CHAIN_KEY = 'rootChain';

export type TrustedRoot = { ok: true; root: RootSigned } | { ok: false; error: string };

const versionOf = (text: string): number | null => {
  try {
    const r = OfferedRoot.safeParse(JSON.parse(text));
    return r.success ? r.data.signed.version : null;
  } catch {
    return null;
  }
};

/**
 * The kept chain, or null when the stored value is there but unreadable. Absent and unreadable
 * differ on purpose: treating a damaged chain as empty would fall back to the pinned root and
 * trust the keys a rotation revoked.
 */
async function keptChain(db: CandorDB): Promise<string[] | null> {
  const row = await db.settings.get(CHAIN_KEY);
  if (row === undefined) return [];
  const r = ChainSetting.safeParse(row.value);
  return r.success ? r.data : null;
}

/** The roots the server offers, oldest first, as envelope texts; [] when it offers none or cannot be reached. */
async function offeredRoots(fetchImpl: typeof fetch, limits: Partial<FetchLimits>): Promise<string[]> {
  try {
    const res = await fetchLimited(fetchImpl, '/api/root', limits);
    if (!res.ok) return [];
    const body = RootsResponse.safeParse(JSON.parse(new TextDecoder().decode(res.bytes)));
    if (!body.success) return [];
    return [...body.data.roots].sort((a, b) => a.signed.version - b.signed.version).map((r) => JSON.stringify(r));
  } catch {
    // offline, no answer in time, too large, or not JSON: the chain accepted before still stands
    return [];
  }
}

/**
 * The root every server document is checked against: the one pinned in the build, moved forward
 * through the rotations accepted before (kept on the device) and then through any newer ones the
 * server offers (each step signed by the old and the new root keys, version exactly one higher —
 * src/lib/signing).
 *
 * Trust only moves forward (TUF §5.3): an offered list can only extend the kept chain, from its
 * last root. A list that is shorter, empty, or forks from it changes nothing, so a server (or
 * anyone on the path) cannot bring back a key that a rotation revoked. Steps are taken one at a
 * time and the first that fails ends the walk; the ones before it stay accepted. Expiry is not
 * checked here: verifyEnvelope refuses everything signed under an expired root (root_expired).
 */
export async function trustedRoot(db: CandorDB, fetchImpl: typeof fetch, now: Date, pinned: string, limits: Partial<FetchLimits> = {}): Promise<TrustedRoot> {
  // the pinned root may have expired: a later root in the chain then has to carry the trust
  const base = await trustRoot(pinned, { now, allowExpired: true });
  if (!base.ok) return { ok: false, error: `the pinned root is unusable: ${base.error}` };
  const kept = await keptChain(db);
  if (kept === null) return { ok: false, error: 'the root chain kept on this device is unreadable' };

  let root = base.root;
  const chain: string[] = [];
  // walked again at every start: a kept chain that was altered is refused, never shortened
  for (const text of kept) {
    const version = versionOf(text);
    if (version !== null && version <= base.root.version) continue; // a later build pinned a newer root
    const step = await rotateRoot(root, text, now, { allowExpired: true });
    if (!step.ok) return { ok: false, error: `the root chain kept on this device no longer verifies: ${step.code}: ${step.error}` };
    root = step.root;
    chain.push(text);
  }
  for (const text of await offeredRoots(fetchImpl, limits)) {
    const version = versionOf(text);
    if (version === null || version <= root.version) continue;
    const step = await rotateRoot(root, text, now, { allowExpired: true });
    if (!step.ok) break;
    root = step.root;
    chain.push(text);
  }
  if (chain.join('\n') !== kept.join('\n')) await setSetting(db, CHAIN_KEY, chain);
  return { ok: true, root };
}
