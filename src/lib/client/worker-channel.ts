/**
 * The one request/reply channel to Candor's workers (the ranker's and the language model's). Each
 * request gets an id; every message from the worker is parsed with the protocol's zod schema before it
 * is trusted (postMessage is a boundary); replies that say "not done yet" (download progress) go to the
 * caller's `interim` and the request keeps waiting; when the worker fails, or sends what the protocol
 * does not allow, or is stopped, every waiting request is rejected instead of hanging.
 *
 * Why not comlink (which this replaces as a dependency): it proxies arbitrary calls and values, so the
 * messages would have no place to be validated, a dead worker leaves its calls pending forever, and the
 * model worker's progress stream and cancel-by-id would need proxied callbacks on top.
 */
import type { z } from 'zod';

interface Waiting<R> {
  resolve: (reply: R) => void;
  reject: (e: Error) => void;
  interim?: (reply: R) => boolean;
}

export class WorkerChannel<Req extends { type: string }, Reply extends { id: number; type: string }> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Waiting<Reply>>();
  #next = 1;

  /** `name` says which worker in errors; `onFailure` hears of a failed worker or a malformed message (after pending requests are rejected). */
  constructor(worker: Worker, schema: z.ZodType<Reply>, name: string, onFailure: (message: string) => void = () => {}) {
    this.#worker = worker;
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = schema.safeParse(event.data);
      if (!parsed.success) {
        const message = `the ${name} worker sent a malformed reply: ${parsed.error.issues[0]?.message ?? parsed.error.message}`;
        this.failAll(new Error(message));
        onFailure(message);
        return;
      }
      const reply = parsed.data;
      const waiting = this.#pending.get(reply.id);
      if (!waiting || waiting.interim?.(reply)) return;
      this.#pending.delete(reply.id);
      waiting.resolve(reply);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = `the ${name} worker failed: ${event.message || 'it did not start'}`;
      this.failAll(new Error(message));
      onFailure(message);
    });
  }

  /** Send `body` with a fresh id; resolves with the reply for that id (after any `interim` ones, for which `interim` returns true). */
  request(body: Req, opts: { transfer?: Transferable[]; interim?: (reply: Reply) => boolean } = {}): Promise<Reply> {
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, ...(opts.interim ? { interim: opts.interim } : {}) });
      this.#worker.postMessage({ ...body, id }, opts.transfer ?? []);
    });
  }

  /** Reject every waiting request with `reason`. */
  failAll(reason: Error): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const w of waiting) w.reject(reason);
  }

  /** Stop the worker (the only way to stop a download mid-file); waiting requests are rejected with `reason`. */
  terminate(reason: Error): void {
    this.#worker.terminate();
    this.failAll(reason);
  }
}
