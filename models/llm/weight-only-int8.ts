/**
 * Turns an ONNX model that onnxruntime's `quantize_dynamic` wrote (int8 weights AND int8 activations:
 * DynamicQuantizeLinear → MatMulInteger → Cast → Mul by the two scales) into one with the same int8
 * weights and float activations (Cast → Sub zero point → Mul scale → MatMul).
 *
 * Why: DynamicQuantizeLinear rounds each activation to a uint8 step, and the WASM and WebGPU kernels of
 * onnxruntime-web round a few values differently (half-way cases, fused scale arithmetic). One step in
 * one activation moves a bge embedding by up to 1e-2, so the same query got different vectors on the two
 * backends, and the server's published product vectors (onnxruntime-node) differed from the device's.
 * With float activations every backend does the same float arithmetic and they agree to ~1e-6.
 * The file stays int8 (the weights are dequantized when the session starts, by constant folding).
 *
 *   npx tsx models/llm/weight-only-int8.ts IN.onnx OUT.onnx
 */
import onnxProto from 'onnx-proto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
type Node = onnxProto.onnx.INodeProto;

export interface WeightOnlyResult {
  bytes: Uint8Array;
  /** MatMulInteger nodes turned into float MatMuls */
  matmuls: number;
}

function only<T>(xs: T[] | undefined, what: string): T {
  if (!xs || xs.length !== 1) throw new Error(`expected exactly one ${what}, found ${xs?.length ?? 0}`);
  return xs[0]!;
}

export function weightOnlyInt8(model: Uint8Array): WeightOnlyResult {
  const m = onnx.ModelProto.decode(model);
  const g = m.graph;
  if (!g) throw new Error('the model has no graph');
  const nodes = g.node ?? [];
  const inits = new Set((g.initializer ?? []).map((t) => t.name));
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of nodes) {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const i of n.input ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }

  const replaced = new Map<Node, Node[]>();
  for (const mmi of nodes.filter((n) => n.opType === 'MatMulInteger')) {
    const [aq, wq, , wz] = mmi.input ?? [];
    const dql = producer.get(aq!);
    if (dql?.opType !== 'DynamicQuantizeLinear') throw new Error(`${mmi.name}: its input is not dynamically quantized`);
    if (!inits.has(wq!) || !inits.has(wz!)) throw new Error(`${mmi.name}: its weight is not an initializer`);
    const cast = only(consumers.get(mmi.output![0]!), `Cast after ${mmi.name}`);
    const mul = only(consumers.get(cast.output![0]!), `Mul after ${cast.name}`);
    const scales = producer.get(mul.input!.find((i) => i !== cast.output![0])!);
    if (cast.opType !== 'Cast' || mul.opType !== 'Mul' || scales?.opType !== 'Mul') {
      throw new Error(`${mmi.name}: not the Cast → Mul(scales) shape quantize_dynamic writes`);
    }
    const ws = scales.input!.find((i) => inits.has(i));
    if (!ws) throw new Error(`${mmi.name}: no weight scale`);
    const a = dql.input![0]!;
    const w = `${wq}_float`;
    const toFloat = [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }];
    replaced.set(mmi, [
      { opType: 'Cast', name: `${wq}_cast`, input: [wq!], output: [`${wq}_cast`], attribute: toFloat },
      { opType: 'Cast', name: `${wz}_cast`, input: [wz!], output: [`${wz}_cast`], attribute: toFloat },
      { opType: 'Sub', name: `${wq}_centred`, input: [`${wq}_cast`, `${wz}_cast`], output: [`${wq}_centred`] },
      { opType: 'Mul', name: `${wq}_scaled`, input: [`${wq}_centred`, ws], output: [w] },
      { opType: 'MatMul', name: `${mmi.name}_float`, input: [a, w], output: [mul.output![0]!] }
    ]);
    replaced.set(cast, []);
    replaced.set(mul, []);
  }

  const rewritten = nodes.flatMap((n) => replaced.get(n) ?? [n]);
  // Drop what nothing reads any more (the DynamicQuantizeLinear nodes and their scale products).
  const live = new Set((g.output ?? []).map((o) => o.name!));
  const kept: Node[] = [];
  for (const n of [...rewritten].reverse()) {
    if (!(n.output ?? []).some((o) => live.has(o))) continue;
    kept.push(n);
    for (const i of n.input ?? []) live.add(i);
  }
  g.node = kept.reverse();
  g.initializer = (g.initializer ?? []).filter((t) => live.has(t.name!));
  return { bytes: onnx.ModelProto.encode(m).finish(), matmuls: nodes.filter((n) => n.opType === 'MatMulInteger').length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: npx tsx models/llm/weight-only-int8.ts IN.onnx OUT.onnx');
    process.exit(1);
  }
  const { bytes, matmuls } = weightOnlyInt8(readFileSync(input));
  writeFileSync(output, bytes);
  console.log(JSON.stringify({ output, bytes: bytes.length, matmuls }));
}
