import { z } from 'zod';
import type { Intent } from '../domain/intent';
import type { Locale, Product } from '../domain/product';
import { DeploymentIndexSchema, INDEX_PATH, offeredModels, totalBytes, type InstalledModel } from '../llm/deployment';
import { LlmReplySchema, type Device, type ExplainItem, type LlmReply, type LlmRequest } from '../llm/protocol';
import type { ModelRole } from '../llm/registry';
import { productText, semanticScores } from '../llm/semantic';
import { getSetting, setSetting, type CandorDB } from './db';

/**
 * The page's side of the on-device language model: owns the worker, shows its state, and keeps
 * product embeddings per catalogue version in memory. Nothing is downloaded until the person opts
 * in (the choice is kept in settings); before that only /models/index.json — a few hundred bytes
 * saying what this deployment offers — is read.
 */

export type LlmStatus = 'checking' | 'unavailable' | 'off' | 'loading' | 'ready' | 'error';

const OPT_IN = 'llmOptIn';
const OptInSetting = z.boolean();

type Settle = (reply: LlmReply) => void;
type NoId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class LlmClient {
  status = $state<LlmStatus>('checking');
  /** aggregate download progress, bytes */
  loaded = $state(0);
  total = $state(0);
  device = $state<Device | null>(null);
  roles = $state.raw<readonly ModelRole[]>([]);
  error = $state('');
  /** what this deployment would download on opting in */
  offered = $state.raw<InstalledModel[]>([]);
  offeredBytes = $derived(totalBytes(this.offered));

  #db: CandorDB | null = null;
  #worker: Worker | null = null;
  #nextId = 1;
  #pending = new Map<number, Settle>();
  #embeddings: { key: string; ids: string[]; vectors: Float32Array } | null = null;
  #init: Promise<void> | null = null;

  readonly #createWorker: () => Worker;
  readonly #fetchIndex: () => Promise<Response>;

  constructor(createWorker: () => Worker, fetchIndex: () => Promise<Response> = () => fetch(`/models/${INDEX_PATH}`)) {
    this.#createWorker = createWorker;
    this.#fetchIndex = fetchIndex;
  }

  has(role: ModelRole): boolean {
    return this.status === 'ready' && this.roles.includes(role);
  }

  /** Read what is offered and the person's earlier choice; resume loading if they had opted in. */
  init(db: CandorDB): Promise<void> {
    this.#init ??= this.#start(db);
    return this.#init;
  }

  async #start(db: CandorDB): Promise<void> {
    this.#db = db;
    try {
      const res = await this.#fetchIndex();
      const index = res.ok ? DeploymentIndexSchema.safeParse(await res.json()) : null;
      this.offered = index?.success ? offeredModels(index.data) : [];
    } catch {
      this.offered = [];
    }
    if (this.offered.length === 0) {
      this.status = 'unavailable';
      return;
    }
    this.status = 'off';
    if (await getSetting(db, OPT_IN, OptInSetting, false)) await this.load();
  }

  async optIn(): Promise<void> {
    if (this.#db) await setSetting(this.#db, OPT_IN, true);
    await this.load();
  }

  /** Stop a download (or unload the model) and forget the opt-in. */
  async optOut(): Promise<void> {
    this.#stopWorker('cancelled');
    this.status = this.offered.length ? 'off' : 'unavailable';
    this.loaded = 0;
    if (this.#db) await setSetting(this.#db, OPT_IN, false);
  }

  /** Everything was erased: unload the model without writing anything back to the store. */
  forget(): void {
    this.#stopWorker('cancelled');
    this.status = this.offered.length ? 'off' : 'unavailable';
    this.loaded = 0;
  }

  async load(): Promise<void> {
    if (this.offered.length === 0 || this.status === 'loading' || this.status === 'ready') return;
    this.status = 'loading';
    this.error = '';
    this.loaded = 0;
    this.total = this.offeredBytes;
    const reply = await this.#request({ type: 'load', models: this.offered }, (r) => {
      if (r.type === 'progress') [this.loaded, this.total] = [r.loaded, r.total];
    });
    if (reply.type === 'loaded') {
      this.device = reply.device;
      this.roles = reply.roles;
      this.loaded = this.total;
      this.status = 'ready';
    } else if (reply.type === 'error' && reply.code !== 'cancelled') {
      this.error = reply.message;
      this.status = 'error';
      this.#stopWorker('failed');
    }
  }

  /** Query–product cosine similarities, or undefined when no embedding model is ready. */
  async semantic(query: string, products: readonly Product[], catalogueVersion: number): Promise<ReadonlyMap<string, number> | undefined> {
    if (!this.has('embed') || products.length === 0) return undefined;
    const model = this.offered.find((m) => m.role === 'embed')?.id ?? '';
    const key = `${model}@${catalogueVersion}:${products.length}`;
    if (this.#embeddings?.key !== key) {
      const reply = await this.#request({ type: 'embed', kind: 'passage', texts: products.map(productText) });
      if (reply.type !== 'embeddings') return undefined;
      this.#embeddings = { key, ids: products.map((p) => p.id), vectors: reply.data };
    }
    const q = await this.#request({ type: 'embed', kind: 'query', texts: [query] });
    if (q.type !== 'embeddings' || !this.#embeddings) return undefined;
    return semanticScores(this.#embeddings.ids, this.#embeddings.vectors, q.data);
  }

  /** The instruction model's reading of a request; null when there is none or its output was refused. */
  async intent(text: string): Promise<Intent | null> {
    if (!this.has('instruct')) return null;
    const reply = await this.#request({ type: 'intent', text });
    return reply.type === 'intent' ? reply.intent : null;
  }

  async explain(items: ExplainItem[], locale: Locale): Promise<string | null> {
    if (!this.has('instruct') || items.length === 0) return null;
    const reply = await this.#request({ type: 'explain', items, locale });
    return reply.type === 'explanation' ? reply.text : null;
  }

  #request(req: NoId<LlmRequest>, onProgress?: Settle): Promise<LlmReply> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, (reply) => {
        if (reply.type === 'progress') {
          onProgress?.(reply);
          return;
        }
        this.#pending.delete(id);
        resolve(reply);
      });
      worker.postMessage({ ...req, id });
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const reply = LlmReplySchema.safeParse(event.data);
      if (!reply.success) {
        this.error = `unexpected message from the model worker: ${reply.error.issues[0]?.message ?? ''}`;
        return;
      }
      this.#pending.get(reply.data.id)?.(reply.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.error = event.message || 'the model worker failed to start';
      this.status = 'error';
      this.#stopWorker('failed');
    });
    this.#worker = worker;
    return worker;
  }

  /** Terminating the worker is the only way to stop a download mid-file; pending requests get an error. */
  #stopWorker(code: 'cancelled' | 'failed'): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#embeddings = null;
    this.roles = [];
    this.device = null;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [id, settle] of pending) settle({ type: 'error', id, code, message: code === 'cancelled' ? 'cancelled' : this.error });
  }
}

export const llm = new LlmClient(() => new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'candor-llm' }));
