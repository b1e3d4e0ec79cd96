import { InterruptableStoppingCriteria, pipeline, type DataType, type DeviceType } from '@huggingface/transformers';
import { z } from 'zod';
import type { InstalledModel } from './deployment';
import type { Device } from './protocol';
import type { Embedder, Generator, OnFile, Runtime } from './runtime';

/**
 * The Runtime on @huggingface/transformers. Where models come from (env.localModelPath,
 * env.allowRemoteModels, the ORT wasm paths) is set by the caller — the worker for the browser,
 * the tests for Node — before anything here runs.
 */

// the library's progress reports, as far as they are used here
const ProgressInfo = z.looseObject({ status: z.string(), file: z.string().optional(), loaded: z.number().optional() });

function progressCallback(onFile: OnFile) {
  return (raw: unknown) => {
    const info = ProgressInfo.safeParse(raw);
    if (!info.success || info.data.file === undefined) return;
    if (info.data.status === 'progress') onFile({ file: info.data.file, loaded: info.data.loaded ?? null, done: false });
    else if (info.data.status === 'done') onFile({ file: info.data.file, loaded: null, done: true });
  };
}

const ChatOutput = z.array(
  z.looseObject({
    generated_text: z.union([z.string(), z.array(z.looseObject({ role: z.string(), content: z.string() }))])
  })
);

function options(model: InstalledModel, device: Device, onFile: OnFile) {
  const dtype: DataType = model.dtype;
  const dev: DeviceType = device;
  // every graph optimisation on every device: int8 weights are dequantized once, when the session starts
  // (constant folding), and WASM and WebGPU run the same fused graph (their vectors agree to ~2e-7)
  return { device: dev, dtype, progress_callback: progressCallback(onFile), session_options: { graphOptimizationLevel: 'all' as const } };
}

export function transformersRuntime(detectDevice: () => Promise<Device>): Runtime {
  return {
    detectDevice,

    async loadEmbedder(model, device, onFile): Promise<Embedder> {
      const extractor = await pipeline('feature-extraction', model.id, options(model, device, onFile));
      return {
        async embed(texts) {
          const out = await extractor([...texts], { pooling: model.pooling ?? 'mean', normalize: true });
          const dims = out.dims.at(-1);
          if (!(out.data instanceof Float32Array) || dims === undefined) throw new Error('the embedding model returned no float vectors');
          return { data: out.data, dims };
        },
        dispose: () => extractor.dispose()
      };
    },

    async loadGenerator(model, device, onFile): Promise<Generator> {
      const generator = await pipeline('text-generation', model.id, options(model, device, onFile));
      return {
        async generate(messages, maxNewTokens, signal) {
          const stopper = new InterruptableStoppingCriteria();
          signal.addEventListener('abort', () => stopper.interrupt(), { once: true });
          const raw: unknown = await generator([...messages], {
            max_new_tokens: maxNewTokens,
            do_sample: false,
            return_full_text: false,
            stopping_criteria: stopper
          });
          const first = ChatOutput.parse(raw)[0];
          if (!first) return '';
          const text = first.generated_text;
          return typeof text === 'string' ? text : (text.at(-1)?.content ?? '');
        },
        dispose: () => generator.dispose()
      };
    }
  };
}
