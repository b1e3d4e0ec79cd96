import onnxProto from 'onnx-proto';
import { mulberry32 } from '../../src/lib/common/random';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Seeded uniform numbers in [−1, 1): integer arithmetic only, so every machine writes the same bytes. */
function uniform(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() * 2 - 1;
}

function floatTensor(name: string, dims: number[], values: Float32Array) {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: FLOAT, rawData: bytes };
}

function int64Tensor(name: string, values: number[]) {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims: [values.length], dataType: INT64, rawData: bytes };
}

function input(name: string, elemType: number, dims: (string | number)[]) {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } }
  };
}

export interface TinyGraphOptions {
  vocabSize: number;
  hidden: number;
  seed: number;
  /** token ids whose embedding is zero ([PAD], [UNK], [CLS], [SEP]…): they carry no meaning, so they must not steer the mean */
  silent: readonly number[];
}

/**
 * A BERT-shaped feature extractor reduced to its embedding layer:
 *   last_hidden_state = (word_embeddings[input_ids] + token_type_embeddings[token_type_ids]) · attention_mask
 * Each token gets a seeded random direction; with the pipeline's mean pooling, texts that share tokens
 * point the same way, which is all a test of semantic search needs.
 */
export function tinyBertOnnx(opts: TinyGraphOptions): Uint8Array {
  const { vocabSize, hidden, seed } = opts;
  const next = uniform(seed);
  const words = new Float32Array(vocabSize * hidden);
  for (let i = 0; i < words.length; i++) words[i] = next();
  for (const id of opts.silent) words.fill(0, id * hidden, (id + 1) * hidden);
  // both segment types add nothing: single-sentence embeddings only
  const types = new Float32Array(2 * hidden);

  const graph = {
    name: 'candor-tiny-embed',
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'word_lookup' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'type_lookup' },
      { opType: 'Add', input: ['words', 'types'], output: ['embedded'], name: 'add_types' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_f'],
        name: 'mask_to_float',
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]
      },
      { opType: 'Unsqueeze', input: ['mask_f', 'last_axis'], output: ['mask_3d'], name: 'mask_unsqueeze' },
      { opType: 'Mul', input: ['embedded', 'mask_3d'], output: ['last_hidden_state'], name: 'apply_mask' }
    ],
    initializer: [
      floatTensor('word_embeddings', [vocabSize, hidden], words),
      floatTensor('token_type_embeddings', [2, hidden], types),
      int64Tensor('last_axis', [2])
    ],
    input: [
      input('input_ids', INT64, ['batch_size', 'sequence_length']),
      input('attention_mask', INT64, ['batch_size', 'sequence_length']),
      input('token_type_ids', INT64, ['batch_size', 'sequence_length'])
    ],
    output: [input('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', hidden])]
  };
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'candor make-tiny-model',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph
  });
  return onnx.ModelProto.encode(model).finish();
}
