import { z } from 'zod';
import type { Intent } from '../domain/intent';
import type { Locale, Product } from '../domain/product';
import { DeploymentIndexSchema, INDEX_PATH, offeredModels, totalBytes, type InstalledModel } from '../llm/deployment';
import { LlmReplySchema, MAX_TEXTS, type Device, type ExplainItem, type LlmReply, type LlmRequest } from '../llm/protocol';
import type { ModelRole } from '../llm/registry';
import { productText, semanticScores } from '../llm/semantic';
import { vectorsFor, type ProductVectors, type VectorModelRef } from '../llm/vectors';
import type { Catalogue } from '../domain';
import { getSetting, setSetting, type CandorDB } from './db';
import type { LoadedVectors } from './vectors-sync';
import { WorkerChannel } from './worker-channel';

/** Where product vectors come from besides this worker: the verified published ones, and the device's store. */
export interface VectorSource {
  /** vectors kept on the device or published by the server (verified), for this catalogue and model; null when none fit */
  load(catalogue: Catalogue, model: VectorModelRef): Promise<LoadedVectors | null>;
  /** keep vectors embedded here */
  keep(catalogue: Catalogue, model: VectorModelRef, vectors: ProductVectors): Promise<void>;
}

/**
 * The page's side of the on-device language model: owns the worker, shows its state, and keeps
 * product embeddings per catalogue version in memory. Nothing is downloaded until the person opts
 * in (the choice is kept in settings); before that only /models/index.json — a few hundred bytes
 * saying what this deployment offers — is read.
 */

export type LlmStatus = 'checking' | 'unavailable' | 'off' | 'loading' | 'ready' | 'error';

const OPT_IN = 'llmOptIn';
const OptInSetting = z.boolean();

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
  /** the catalogue being embedded on this device (no published vectors fit): products done of total */
  embedding = $state.raw<{ done: number; total: number } | null>(null);
  /** where the products' vectors in use came from */
  vectorsFrom = $state<'published' | 'device' | null>(null);

  #db: CandorDB | null = null;
  #channel: WorkerChannel<NoId<LlmRequest>, LlmReply> | null = null;
  #vectors: { key: string; promise: Promise<ProductVectors | null> } | null = null;
  #source: VectorSource | null = null;
  #init: Promise<void> | null = null;

  readonly #createWorker: () => Worker;
  readonly #fetchIndex: () => Promise<Response>;

  constructor(createWorker: () => Worker, fetchIndex: () => Promise<Response> = () => fetch(`/models/${INDEX_PATH}`)) {
    this.#createWorker = createWorker;
    this.#fetchIndex = fetchIndex;
  }

  /** Where verified published vectors, and vectors kept on the device, come from (set by the app once it has a root). */
  useVectorSource(source: VectorSource): void {
    this.#source = source;
  }

  /** The offered embedding model as product vectors must fit it: id, dims, pooling, weights' sha256. */
  get vectorModel(): VectorModelRef | null {
    const m = this.offered.find((x) => x.role === 'embed');
    const weights = m?.files.find((f) => f.path.endsWith('.onnx'));
    if (!m || !weights || m.dims === undefined) return null;
    return { id: m.id, dims: m.dims, weightsSha256: weights.sha256, pooling: m.pooling ?? 'mean' };
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

  /**
   * The catalogue's product vectors, once per catalogue version and model: kept on the device or
   * published by the server (both verified by the source), else embedded here in the background,
   * with progress (`embedding`), and kept. Started as soon as the model is ready; Ask waits for it.
   */
  prepare(catalogue: Catalogue): Promise<ProductVectors | null> {
    if (!this.has('embed') || catalogue.products.length === 0) return Promise.resolve(null);
    const model = this.vectorModel;
    const id = this.offered.find((m) => m.role === 'embed')?.id ?? '';
    const key = `${id}@${catalogue.version ?? 0}:${catalogue.products.map((p) => p.id).join(',')}`;
    if (this.#vectors?.key === key) return this.#vectors.promise;
    const promise = this.#vectorsOf(catalogue, model);
    this.#vectors = { key, promise };
    return promise;
  }

  async #vectorsOf(catalogue: Catalogue, model: VectorModelRef | null): Promise<ProductVectors | null> {
    const loaded = model && this.#source ? await this.#source.load(catalogue, model).catch(() => null) : null;
    if (loaded?.vectors) {
      this.vectorsFrom = loaded.status.state === 'published' ? 'published' : 'device';
      return loaded.vectors;
    }
    const texts = catalogue.products.map(productText);
    this.embedding = { done: 0, total: texts.length };
    // in requests the worker accepts (MAX_TEXTS each), one progress bar over all of them
    const parts: Float32Array[] = [];
    let dims = 0;
    for (let start = 0; start < texts.length; start += MAX_TEXTS) {
      const reply = await this.#request({ type: 'embed', kind: 'passage', texts: texts.slice(start, start + MAX_TEXTS) }, (r) => {
        if (r.type === 'progress') this.embedding = { done: start + r.loaded, total: texts.length };
      });
      if (reply.type !== 'embeddings') {
        this.embedding = null;
        this.#vectors = null;
        return null;
      }
      dims = reply.dims;
      parts.push(reply.data);
    }
    this.embedding = null;
    const data = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      data.set(p, offset);
      offset += p.length;
    }
    const vectors: ProductVectors = { ids: catalogue.products.map((p) => p.id), dims, data };
    this.vectorsFrom = 'device';
    if (model && this.#source && dims === model.dims) await this.#source.keep(catalogue, model, vectors).catch(() => undefined);
    return vectors;
  }

  /** Query–product cosine similarities, or undefined when no embedding model is ready. */
  async semantic(query: string, products: readonly Product[], catalogueVersion: number): Promise<ReadonlyMap<string, number> | undefined> {
    if (!this.has('embed') || products.length === 0) return undefined;
    const [vectors, q] = await Promise.all([
      this.prepare({ version: catalogueVersion, products: [...products] }),
      this.#request({ type: 'embed', kind: 'query', texts: [query] })
    ]);
    if (!vectors || q.type !== 'embeddings' || q.dims !== vectors.dims) return undefined;
    const ids = products.map((p) => p.id);
    return semanticScores(ids, vectorsFor(vectors, ids), q.data);
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

  /** The worker's reply; a stopped or failed worker answers as an error reply, so callers handle one shape. */
  async #request(req: NoId<LlmRequest>, onProgress?: (reply: LlmReply) => void): Promise<LlmReply> {
    const interim = (reply: LlmReply): boolean => {
      if (reply.type !== 'progress') return false;
      onProgress?.(reply);
      return true;
    };
    try {
      return await this.#ensureChannel().request(req, { interim });
    } catch (e) {
      const code = e instanceof WorkerStopped ? e.code : 'failed';
      return { type: 'error', id: 0, code, message: e instanceof Error ? e.message : String(e) };
    }
  }

  #ensureChannel(): WorkerChannel<NoId<LlmRequest>, LlmReply> {
    this.#channel ??= new WorkerChannel(this.#createWorker(), LlmReplySchema, 'model', (message) => {
      this.error = message;
      this.status = 'error';
      this.#stopWorker('failed');
    });
    return this.#channel;
  }

  /** Terminating the worker is the only way to stop a download mid-file; pending requests get an error. */
  #stopWorker(code: 'cancelled' | 'failed'): void {
    this.#channel?.terminate(new WorkerStopped(code, code === 'cancelled' ? 'cancelled' : this.error));
    this.#channel = null;
    this.#vectors = null;
    this.embedding = null;
    this.vectorsFrom = null;
    this.roles = [];
    this.device = null;
  }
}

/** why waiting requests ended when the worker was stopped */
class WorkerStopped extends Error {
  constructor(
    readonly code: 'cancelled' | 'failed',
    message: string
  ) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

export const llm = new LlmClient(() => new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'candor-llm' }));
