/**
 * Generates candor-tiny-embed: a tiny BERT-like feature-extraction model with the layout of a real
 * Hugging Face checkpoint (config.json, tokenizer.json, tokenizer_config.json, onnx/*.onnx), so
 * that tests drive the real transformers.js / onnxruntime loading path offline. Deterministic: the
 * same bytes on every run, pinned by sha256 in models/registry.json.
 *
 * `npx tsx models/llm/make-tiny-model.ts [OUT_DIR]` (default static/models/candor-tiny-embed);
 * `npm run models -- make-tiny` also offers it in the deployment index.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, printJson, runCli } from '../../src/cli/io';
import { tinyBertOnnx } from './tiny-onnx';
import { SPECIAL_TOKENS, tinyVocabulary, tokenizerConfigJson, tokenizerJson } from './tiny-tokenizer';

export const TINY_ID = 'candor-tiny-embed';
const HIDDEN = 64;
const MAX_LENGTH = 128;
const SEED = 20_240_601;

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

const json = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/** Every file of the tiny model, by path inside the model folder. */
export function tinyModelFiles(): Map<string, Uint8Array> {
  const vocab = tinyVocabulary();
  const onnxBytes = tinyBertOnnx({
    vocabSize: vocab.size,
    hidden: HIDDEN,
    seed: SEED,
    silent: SPECIAL_TOKENS.map((t) => vocab.get(t) ?? -1)
  });
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: HIDDEN,
    vocab_size: vocab.size,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: HIDDEN,
    max_position_embeddings: MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0
  };
  return new Map([
    ['config.json', json(config)],
    ['tokenizer.json', json(tokenizerJson(vocab))],
    ['tokenizer_config.json', json(tokenizerConfigJson(MAX_LENGTH))],
    // Node's default dtype (fp32) loads model.onnx, the browser's (q8) model_quantized.onnx. The tiny
    // graph has nothing worth quantising, so both names hold the same fp32 graph.
    ['onnx/model.onnx', onnxBytes],
    ['onnx/model_quantized.onnx', onnxBytes]
  ]);
}

export function writeTinyModel(outDir: string): WrittenFile[] {
  const written: WrittenFile[] = [];
  for (const [path, bytes] of tinyModelFiles()) {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    written.push({ path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runCli(() => {
    const [dir] = cliArgs(process.argv.slice(2), {}, 'usage: make-tiny-model.ts [OUT_DIR]', { positionals: 1 }).positionals;
    const out = resolve(dir ?? join('static', 'models', TINY_ID));
    printJson({ id: TINY_ID, dir: out, files: writeTinyModel(out) });
  });
}
