/**
 * The ranking model: a two-layer perceptron, p = σ(W2·relu(W1·x + b1) + b2).
 *
 * Why this and not a logistic model or a factorisation machine: the person features only matter
 * through their crosses with the product (a C2 saver wants a short deposit, a C5 investor an equity
 * fund), and one hidden layer learns those crosses from a few dozen inputs without hand-made or
 * hashed crosses; at ~2k parameters it still ships as a few kilobytes and scores 1,000 candidates
 * in well under a frame. Built from tfjs-core ops (tfjs-layers is not a dependency).
 */
import type * as TF from '@tensorflow/tfjs-core';
import { xorshift32 } from '../common/random';

export type Tf = typeof TF;

export const TENSOR_NAMES = ['w1', 'b1', 'w2', 'b2'] as const;
export type TensorName = (typeof TENSOR_NAMES)[number];

/** Plain weights, row-major: w1 is [inputDim, hidden], w2 is [hidden, 1]. */
export interface Weights {
  inputDim: number;
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export function shapeOf(name: TensorName, w: Pick<Weights, 'inputDim' | 'hidden'>): [number, number] | [number] {
  switch (name) {
    case 'w1':
      return [w.inputDim, w.hidden];
    case 'b1':
      return [w.hidden];
    case 'w2':
      return [w.hidden, 1];
    case 'b2':
      return [1];
  }
}

/** Deterministic initial weights (He-scaled uniform from a seeded generator; biases 0). */
export function initWeights(inputDim: number, hidden: number, seed: number): Weights {
  // xorshift32: enough for initial weights, and the shipped model was trained from it
  const next = xorshift32(seed);
  const uniform = (n: number, fanIn: number): Float32Array => {
    const limit = Math.sqrt(6 / fanIn);
    return Float32Array.from({ length: n }, () => (next() * 2 - 1) * limit);
  };
  return {
    inputDim,
    hidden,
    w1: uniform(inputDim * hidden, inputDim),
    b1: new Float32Array(hidden),
    w2: uniform(hidden, hidden),
    b2: new Float32Array(1)
  };
}

export type Variables = Record<TensorName, TF.Variable>;

let variableCount = 0;

/** Variables with process-unique names (optimizers find variables by name). */
export function toVariables(tf: Tf, w: Weights): Variables {
  const id = ++variableCount;
  const v = (name: TensorName): TF.Variable => tf.variable(tf.tensor(w[name], shapeOf(name, w)), true, `ranker${id}/${name}`, 'float32');
  return { w1: v('w1'), b1: v('b1'), w2: v('w2'), b2: v('b2') };
}

export async function fromVariables(v: Variables, dims: Pick<Weights, 'inputDim' | 'hidden'>): Promise<Weights> {
  const read = async (name: TensorName): Promise<Float32Array> => Float32Array.from(await v[name].data());
  return { ...dims, w1: await read('w1'), b1: await read('b1'), w2: await read('w2'), b2: await read('b2') };
}

export function disposeVariables(v: Variables): void {
  for (const name of TENSOR_NAMES) v[name].dispose();
}

/** Logits, shape [n]. */
export function logits(tf: Tf, v: Record<TensorName, TF.Tensor>, x: TF.Tensor2D): TF.Tensor1D {
  return tf.tidy(() => {
    const h = tf.relu(tf.add(tf.matMul(x, v.w1 as TF.Tensor2D), v.b1));
    return tf.reshape(tf.add(tf.matMul(h, v.w2 as TF.Tensor2D), v.b2), [-1]) as TF.Tensor1D;
  });
}

/**
 * Binary cross-entropy and its gradients, by hand. tfjs-core's default bundle registers no
 * gradient functions, and its side-effect module that does cannot be loaded by Node's ES module
 * resolver; two layers are short enough to differentiate here, and the result runs the same on
 * every backend:
 *   dz2 = (σ(z2) − y)·r,  dW2 = hᵀ·dz2,  db2 = Σ dz2,  dz1 = (dz2·W2ᵀ) ⊙ [z1 > 0],  dW1 = xᵀ·dz1,  db1 = Σ dz1
 * with r = 1/n for the mean loss and 1 for the sum, times each row's weight when `rowWeights` is given.
 */
export function lossAndGradients(
  tf: Tf,
  v: Record<TensorName, TF.Tensor>,
  x: TF.Tensor2D,
  y: TF.Tensor1D,
  reduce: 'mean' | 'sum',
  rowWeights?: TF.Tensor1D
): { loss: TF.Scalar; grads: Record<TensorName, TF.Tensor> } {
  return tf.tidy(() => {
    const n = x.shape[0];
    const z1 = tf.add(tf.matMul(x, v.w1 as TF.Tensor2D), v.b1) as TF.Tensor2D;
    const h = tf.relu(z1);
    const z2 = tf.reshape(tf.add(tf.matMul(h, v.w2 as TF.Tensor2D), v.b2), [-1]) as TF.Tensor1D;
    const r = reduce === 'mean' ? 1 / n : 1;
    // BCE with logits, stable form: max(z, 0) − z·y + log(1 + e^−|z|)
    const rowLoss = tf.add(tf.sub(tf.relu(z2), tf.mul(z2, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z2)))));
    const perRow = rowWeights ? tf.mul(rowLoss, rowWeights) : rowLoss;
    const loss = tf.mul(tf.sum(perRow), r) as TF.Scalar;
    const residual = tf.sub(tf.sigmoid(z2), y);
    const dz2 = tf.reshape(tf.mul(rowWeights ? tf.mul(residual, rowWeights) : residual, r), [n, 1]) as TF.Tensor2D;
    const dz1 = tf.mul(tf.matMul(dz2, v.w2 as TF.Tensor2D, false, true), tf.step(z1)) as TF.Tensor2D;
    return {
      loss,
      grads: {
        w1: tf.matMul(x, dz1, true, false),
        b1: tf.sum(dz1, 0),
        w2: tf.matMul(h, dz2, true, false),
        b2: tf.sum(dz2, 0)
      }
    };
  });
}

/**
 * Scores feature rows with weights kept on the backend (uploaded once, not per call). Call
 * `dispose` when the weights change.
 */
export class Scorer {
  readonly #tf: Tf;
  readonly #vars: Record<TensorName, TF.Tensor>;
  readonly inputDim: number;

  constructor(tf: Tf, w: Weights) {
    this.#tf = tf;
    this.inputDim = w.inputDim;
    this.#vars = {
      w1: tf.tensor2d(w.w1, [w.inputDim, w.hidden]),
      b1: tf.tensor1d(w.b1),
      w2: tf.tensor2d(w.w2, [w.hidden, 1]),
      b2: tf.tensor1d(w.b2)
    };
  }

  /** P(positive action) for each row of `rows` (row-major, `inputDim` wide). */
  async score(rows: Float32Array): Promise<Float32Array> {
    const tf = this.#tf;
    const n = rows.length / this.inputDim;
    if (!Number.isInteger(n)) throw new Error(`rows length ${rows.length} is not a multiple of ${this.inputDim}`);
    if (n === 0) return new Float32Array(0);
    const p = tf.tidy(() => tf.sigmoid(logits(tf, this.#vars, tf.tensor2d(rows, [n, this.inputDim]))));
    try {
      return Float32Array.from(await p.data());
    } finally {
      p.dispose();
    }
  }

  dispose(): void {
    this.#tf.dispose(Object.values(this.#vars));
  }
}

/** One-off scoring (training scripts and tests). */
export async function predict(tf: Tf, w: Weights, rows: Float32Array): Promise<Float32Array> {
  const scorer = new Scorer(tf, w);
  try {
    return await scorer.score(rows);
  } finally {
    scorer.dispose();
  }
}
