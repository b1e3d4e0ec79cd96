import type { Interaction } from './gram';
import { fnv1a } from '../common/hash';
import { mulberry32 } from '../common/random';

export interface SplitOptions {
  /** share of each user's distinct items held out, in [0, 1) */
  holdout: number;
  seed: number;
  /** only these users get a held-out part; everyone else's rows all go to train (default: all) */
  users?: ReadonlySet<string>;
}

export interface Split {
  train: Interaction[];
  test: Interaction[];
}

/** 32-bit FNV-1a of a string, mixed with a seed: a per-user random stream that ignores other users. */
export function hashSeed(seed: number, key: string): number {
  return fnv1a(key, seed);
}

/**
 * Seeded per-user split. For each user with c ≥ 2 distinct items, t = min(c − 1, max(1,
 * round(holdout·c))) of them go to test (holdout 0: none), chosen by a Fisher–Yates shuffle
 * seeded from (seed, user id) — so a user's split never depends on the other users or on the
 * order of rows. Users with one item keep it in train. Every row of a (user, item) pair follows
 * the pair. Output rows keep their input order.
 */
export function splitPerUser(rows: readonly Interaction[], opts: SplitOptions): Split {
  if (!(opts.holdout >= 0 && opts.holdout < 1)) throw new Error(`holdout must be in [0, 1), got ${opts.holdout}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be an integer, got ${opts.seed}`);
  const itemsOf = new Map<string, Set<string>>();
  for (const r of rows) {
    let s = itemsOf.get(r.user);
    if (!s) itemsOf.set(r.user, (s = new Set()));
    s.add(r.item);
  }
  const heldOut = new Map<string, Set<string>>();
  for (const [user, set] of itemsOf) {
    if (opts.users && !opts.users.has(user)) continue;
    const c = set.size;
    if (c < 2 || opts.holdout === 0) continue;
    const t = Math.min(c - 1, Math.max(1, Math.round(opts.holdout * c)));
    const items = [...set].sort();
    const rand = mulberry32(hashSeed(opts.seed, user));
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    heldOut.set(user, new Set(items.slice(0, t)));
  }
  const train: Interaction[] = [];
  const test: Interaction[] = [];
  for (const r of rows) (heldOut.get(r.user)?.has(r.item) ? test : train).push(r);
  return { train, test };
}

/** Up to `max` users chosen deterministically (by hashed id), for capping validation work. */
export function sampleUsers(users: Iterable<string>, max: number, seed: number): Set<string> {
  const all = [...new Set(users)];
  if (all.length <= max) return new Set(all);
  return new Set(
    all
      .map((u) => [hashSeed(seed ^ 0x51a7, u), u] as const)
      .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .slice(0, max)
      .map(([, u]) => u)
  );
}
