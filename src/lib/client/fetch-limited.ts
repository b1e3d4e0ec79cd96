import { DEFAULT_MAX_BYTES } from '../signing/index';

/**
 * Fetching from a server that may be slow, hanging or hostile. A request that never answers must
 * not keep the app waiting, and an endless body must not be read whole before the size cap applies:
 * the body is read chunk by chunk and the request aborted as soon as it passes the cap.
 */
export interface FetchLimits {
  /** for the response headers to arrive */
  headersMs: number;
  /** with no new body bytes (a trickle that stops) */
  idleMs: number;
  /** for the whole request: a body that trickles for ever still ends */
  totalMs: number;
  /** body bytes; more aborts the request */
  maxBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = { headersMs: 10_000, idleMs: 10_000, totalMs: 120_000, maxBytes: DEFAULT_MAX_BYTES };

/** A limit that stopped a request: no answer (or no progress) in time, or more bytes than the cap. */
export class FetchLimitError extends Error {
  constructor(
    readonly code: 'timeout' | 'too_large',
    message: string
  ) {
    super(message);
    this.name = 'FetchLimitError';
  }
}

export interface LimitedResponse {
  status: number;
  ok: boolean;
  bytes: Uint8Array;
  /** the response's ETag, if it has one */
  etag: string | null;
}

/** GET `url` from the app's own origin, no credentials, within `limits`; throws FetchLimitError or the network's error. */
export async function fetchLimited(
  fetchImpl: typeof fetch,
  url: string,
  limits: Partial<FetchLimits> = {},
  accept = 'application/json',
  headers: Record<string, string> = {}
): Promise<LimitedResponse> {
  const { headersMs, idleMs, totalMs, maxBytes } = { ...DEFAULT_LIMITS, ...limits };
  const controller = new AbortController();
  let reason: FetchLimitError | null = null;
  const stop = (why: FetchLimitError): void => {
    reason ??= why;
    controller.abort(why);
  };
  let timer = setTimeout(() => stop(new FetchLimitError('timeout', `${url}: no answer within ${headersMs} ms`)), headersMs);
  const total = setTimeout(() => stop(new FetchLimitError('timeout', `${url}: not complete within ${totalMs} ms`)), totalMs);
  try {
    const res = await fetchImpl(url, { headers: { ...headers, accept }, credentials: 'omit', signal: controller.signal });
    const declared = Number(res.headers.get('content-length'));
    if (declared > maxBytes) {
      stop(new FetchLimitError('too_large', `${url}: ${declared} bytes declared, over the ${maxBytes}-byte limit`));
      throw reason;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    while (reader) {
      clearTimeout(timer);
      timer = setTimeout(() => stop(new FetchLimitError('timeout', `${url}: the body stalled for ${idleMs} ms`)), idleMs);
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        stop(new FetchLimitError('too_large', `${url}: the body passed the ${maxBytes}-byte limit; refused before parsing`));
        await reader.cancel().catch(() => undefined);
        throw reason;
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return { status: res.status, ok: res.ok, bytes, etag: res.headers.get('etag') };
  } catch (e) {
    // an abort surfaces as the fetch's own AbortError: say which limit it was
    throw reason ?? e;
  } finally {
    clearTimeout(timer);
    clearTimeout(total);
  }
}
