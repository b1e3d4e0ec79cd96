/**
 * A per-address token bucket, in memory only. The address is used to find the bucket and for
 * nothing else: it is keyed by an HMAC under a random per-process secret (so not even a heap dump
 * lists addresses), never logged, never written anywhere, and forgotten once its bucket is full
 * again. Restarting the process forgets everything.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface RateLimitOptions {
  /** burst size: requests allowed at once */
  capacity: number;
  /** tokens added per second */
  refillPerSecond: number;
  /** most buckets kept; beyond it the fullest ones are dropped first */
  maxEntries: number;
}

/** A device sends about one report a week; this leaves room for retries and for many devices behind one NAT. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 30, refillPerSecond: 0.5, maxEntries: 100_000 };

export interface RateDecision {
  ok: boolean;
  /** whole seconds until one token is available (when refused) */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly secret = randomBytes(32);
  constructor(readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  private keyOf(address: string): string {
    return createHmac('sha256', this.secret).update(address).digest('base64url');
  }

  /** Take one token for `address` at time `now` (ms). */
  take(address: string, now: number): RateDecision {
    const { capacity, refillPerSecond } = this.options;
    const key = this.keyOf(address);
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond) : capacity;
    if (tokens < 1) {
      if (b) {
        b.tokens = tokens;
        b.at = now;
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) };
    }
    this.buckets.delete(key); // re-insert: Map order is then least recently used first
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.options.maxEntries) this.prune(now);
    return { ok: true, retryAfterSeconds: 0 };
  }

  /** Forget buckets that are full again; if still too many, the least recently used. */
  prune(now: number): void {
    const { capacity, refillPerSecond, maxEntries } = this.options;
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * refillPerSecond >= capacity) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= maxEntries) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
