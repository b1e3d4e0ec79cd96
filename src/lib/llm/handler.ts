import { checkExplanation, explainMessages } from './explain-prompt';
import { intentFromOutput, intentMessages } from './intent-prompt';
import { AggregateProgress } from './progress';
import { LlmRequestSchema, type Device, type ErrorCode, type LlmReply, type LlmRequest, type LlmRequestOf } from './protocol';
import type { Embedder, Generator, Runtime } from './runtime';
import { prefixed } from './semantic';

/**
 * The LLM worker's logic, free of `self`: validate each message, run it, post replies. Every
 * failure becomes an `error` reply for the request that caused it; nothing is thrown out of
 * `handle`, so the worker never dies of an uncaught error.
 */

const EMBED_BATCH = 32;
const INTENT_TOKENS = 160;
const EXPLAIN_TOKENS = 160;

class TaskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message);
  }
}

interface Loaded {
  embedder: Embedder | null;
  generator: Generator | null;
  prefixes: { query: string; passage: string };
}

export function createHandler(runtime: Runtime, post: (reply: LlmReply, transfer?: Transferable[]) => void) {
  let loaded: Loaded | null = null;
  const running = new Map<number, AbortController>();

  function fail(id: number, code: ErrorCode, message: string): void {
    post({ type: 'error', id, code, message });
  }

  async function load(req: LlmRequestOf<'load'>, signal: AbortSignal): Promise<void> {
    const progress = new AggregateProgress(req.models);
    post({ type: 'progress', id: req.id, loaded: 0, total: progress.total });
    let device = await runtime.detectDevice();
    const next: Loaded = { embedder: null, generator: null, prefixes: { query: '', passage: '' } };
    try {
      // one after the other: two large downloads at once only slow each other down
      for (const model of req.models) {
        const onFile = (e: { file: string; loaded: number | null; done: boolean }) => {
          if (progress.update({ ...e, modelId: model.id }) && !signal.aborted)
            post({ type: 'progress', id: req.id, loaded: progress.loaded, total: progress.total });
        };
        const loadOn = async (d: Device): Promise<void> => {
          if (model.role === 'embed') {
            next.embedder = await runtime.loadEmbedder(model, d, onFile);
            next.prefixes = model.prefixes ?? next.prefixes;
          } else {
            next.generator = await runtime.loadGenerator(model, d, onFile);
          }
        };
        try {
          await loadOn(device);
        } catch (e) {
          // an adapter that cannot run the model (no shader-f16, too little memory): WASM still can
          if (device !== 'webgpu' || signal.aborted) throw e;
          device = 'wasm';
          await loadOn(device);
        }
        if (signal.aborted) throw new TaskError('cancelled', 'loading was cancelled');
      }
    } catch (e) {
      await Promise.all([next.embedder?.dispose(), next.generator?.dispose()]);
      throw e;
    }
    await Promise.all([loaded?.embedder?.dispose(), loaded?.generator?.dispose()]);
    loaded = next;
    post({ type: 'loaded', id: req.id, device, roles: [...(next.embedder ? (['embed'] as const) : []), ...(next.generator ? (['instruct'] as const) : [])] });
  }

  async function embed(req: LlmRequestOf<'embed'>, signal: AbortSignal): Promise<void> {
    const embedder = loaded?.embedder;
    if (!embedder || !loaded) throw new TaskError('not-loaded', 'no embedding model is loaded');
    const texts = prefixed(req.texts, req.kind, loaded.prefixes);
    const parts: Float32Array[] = [];
    let dims = 0;
    for (let i = 0; i < req.texts.length; i += EMBED_BATCH) {
      if (signal.aborted) throw new TaskError('cancelled', 'embedding was cancelled');
      const out = await embedder.embed(texts.slice(i, i + EMBED_BATCH));
      dims = out.dims;
      parts.push(out.data);
      // a catalogue embedded on the device takes a while: say how many texts are done
      if (texts.length > EMBED_BATCH && !signal.aborted)
        post({ type: 'progress', id: req.id, loaded: Math.min(texts.length, i + EMBED_BATCH), total: texts.length });
    }
    const data = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      data.set(p, offset);
      offset += p.length;
    }
    if (!signal.aborted) post({ type: 'embeddings', id: req.id, dims, data }, [data.buffer]);
  }

  function generator(): Generator {
    const g = loaded?.generator;
    if (!g) throw new TaskError('unavailable', 'no instruction model is loaded');
    return g;
  }

  async function intent(req: LlmRequestOf<'intent'>, signal: AbortSignal): Promise<void> {
    const output = await generator().generate(intentMessages(req.text), INTENT_TOKENS, signal);
    if (signal.aborted) return;
    const checked = intentFromOutput(output);
    if (!checked.ok) throw new TaskError('invalid-output', checked.error);
    post({ type: 'intent', id: req.id, intent: checked.value });
  }

  async function explain(req: LlmRequestOf<'explain'>, signal: AbortSignal): Promise<void> {
    const output = await generator().generate(explainMessages(req.items, req.locale), EXPLAIN_TOKENS, signal);
    if (signal.aborted) return;
    const checked = checkExplanation(output, req.items);
    if (!checked.ok) throw new TaskError('invalid-output', checked.error);
    post({ type: 'explanation', id: req.id, text: checked.value });
  }

  async function run(req: Exclude<LlmRequest, { type: 'cancel' }>): Promise<void> {
    const controller = new AbortController();
    running.set(req.id, controller);
    try {
      if (req.type === 'load') await load(req, controller.signal);
      else if (req.type === 'embed') await embed(req, controller.signal);
      else if (req.type === 'intent') await intent(req, controller.signal);
      else await explain(req, controller.signal);
    } catch (e) {
      // a cancelled request has been answered already
      if (!controller.signal.aborted) {
        if (e instanceof TaskError) fail(req.id, e.code, e.message);
        else fail(req.id, 'failed', e instanceof Error ? e.message : String(e));
      }
    } finally {
      running.delete(req.id);
    }
  }

  return async function handle(raw: unknown): Promise<void> {
    const parsed = LlmRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw && Number.isInteger(raw.id) && Number(raw.id) >= 0 ? Number(raw.id) : 0;
      fail(id, 'bad-request', parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; '));
      return;
    }
    const req = parsed.data;
    if (req.type === 'cancel') {
      const target = running.get(req.target);
      if (target && !target.signal.aborted) {
        target.abort();
        fail(req.target, 'cancelled', 'cancelled');
      }
      return;
    }
    await run(req);
  };
}
