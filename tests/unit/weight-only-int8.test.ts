import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { weightOnlyInt8 } from '../../models/llm/weight-only-int8';

/**
 * The rewrite of a dynamically quantized MatMul (what onnxruntime's quantize_dynamic writes, as in
 * bge-small-zh's int8 export) into int8 weights with float activations, run by onnxruntime-node on a
 * 1×2 · 2×2 case computed by hand.
 */
const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;

function tensor(name: string, dataType: number, dims: number[], bytes: Uint8Array) {
  return { name, dataType, dims, rawData: bytes };
}
const f32 = (xs: number[]) => new Uint8Array(new Float32Array(xs).buffer);
const i8 = (xs: number[]) => new Uint8Array(new Int8Array(xs).buffer);

/** y = x · W, W = (Wq − Wz) · Ws per output column, written the way quantize_dynamic writes it */
function dynamicQuantModel(): Uint8Array {
  const io = (name: string, dims: number[]) => ({
    name,
    type: { tensorType: { elemType: T.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } }
  });
  const model = {
    irVersion: 7,
    opsetImport: [{ domain: '', version: 11 }],
    graph: {
      name: 'dq',
      node: [
        { opType: 'DynamicQuantizeLinear', input: ['x'], output: ['xq', 'xs', 'xz'], name: 'x_QuantizeLinear' },
        { opType: 'MatMulInteger', input: ['xq', 'wq', 'xz', 'wz'], output: ['y_int'], name: 'mm_quant' },
        {
          opType: 'Cast',
          input: ['y_int'],
          output: ['y_cast'],
          name: 'y_cast',
          attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: T.FLOAT }]
        },
        { opType: 'Mul', input: ['xs', 'ws'], output: ['scales'], name: 'scales_mul' },
        { opType: 'Mul', input: ['y_cast', 'scales'], output: ['y'], name: 'output_scale_mul' }
      ],
      initializer: [tensor('wq', T.INT8, [2, 2], i8([10, -20, 30, 40])), tensor('wz', T.INT8, [2], i8([0, 2])), tensor('ws', T.FLOAT, [2], f32([0.5, 0.25]))],
      input: [io('x', [1, 2])],
      output: [io('y', [1, 2])]
    }
  };
  return onnx.ModelProto.encode(model).finish();
}

async function run(bytes: Uint8Array, x: number[]): Promise<number[]> {
  const session = await InferenceSession.create(bytes);
  const out = await session.run({ x: new Tensor('float32', Float32Array.from(x), [1, 2]) });
  await session.release();
  return [...(out['y']!.data as Float32Array)];
}

describe('weightOnlyInt8', () => {
  it('computes x · dequantized W in float, with no activation quantization left', async () => {
    const { bytes, matmuls } = weightOnlyInt8(dynamicQuantModel());
    expect(matmuls).toBe(1);
    const ops = (onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType);
    expect(ops).not.toContain('DynamicQuantizeLinear');
    expect(ops).not.toContain('MatMulInteger');
    expect(ops).toContain('MatMul');
    // W = [[10·0.5, (−20−2)·0.25], [30·0.5, (40−2)·0.25]] = [[5, −5.5], [15, 9.5]]
    // x = [0.3, −0.7]: y = [0.3·5 − 0.7·15, 0.3·(−5.5) − 0.7·9.5] = [−9, −8.3]
    const y = await run(bytes, [0.3, -0.7]);
    expect(y[0]).toBeCloseTo(-9, 5);
    expect(y[1]).toBeCloseTo(-8.3, 5);
  });

  it('the original rounds x to uint8 steps; the rewrite does not (why the backends now agree)', async () => {
    const original = await run(dynamicQuantModel(), [0.3, -0.7]);
    expect(Math.abs(original[0]! + 9)).toBeGreaterThan(1e-4);
  });

  it('refuses a graph that is not the shape quantize_dynamic writes', () => {
    const m = onnx.ModelProto.decode(dynamicQuantModel());
    m.graph!.node = m.graph!.node!.filter((n) => n.opType !== 'DynamicQuantizeLinear');
    expect(() => weightOnlyInt8(onnx.ModelProto.encode(m).finish())).toThrow(/not dynamically quantized/);
  });
});
