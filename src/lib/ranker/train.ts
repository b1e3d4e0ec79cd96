/**
 * Offline training of the ranking model: Adam on binary cross-entropy, mini-batches in a seeded
 * order, early stopping on a validation set (the best epoch's weights are kept).
 */
import type * as TF from '@tensorflow/tfjs-core';
import { disposeVariables, fromVariables, initWeights, lossAndGradients, toVariables, TENSOR_NAMES, type Tf, type Weights } from './model';

/** Rows (row-major, `inputDim` wide) and 0/1 labels. */
export interface Dataset {
  inputDim: number;
  x: Float32Array;
  y: Float32Array;
}

export interface TrainOptions {
  hidden: number;
  seed: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** stop after this many epochs without a better validation loss */
  patience: number;
  /** L2 penalty on the weight matrices (not the biases) */
  l2: number;
}

export const TRAIN_DEFAULTS: TrainOptions = { hidden: 32, seed: 1, learningRate: 0.005, batchSize: 256, maxEpochs: 40, patience: 4, l2: 1e-4 };

export interface TrainResult {
  weights: Weights;
  epochs: number;
  bestEpoch: number;
  trainLoss: number;
  validationLoss: number;
}

function rowsOf(d: Dataset): number {
  return d.y.length;
}

function shuffled(n: number, seed: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function batch(d: Dataset, idx: ArrayLike<number>, from: number, to: number): { x: Float32Array; y: Float32Array } {
  const n = to - from;
  const x = new Float32Array(n * d.inputDim);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = idx[from + i]!;
    x.set(d.x.subarray(r * d.inputDim, (r + 1) * d.inputDim), i * d.inputDim);
    y[i] = d.y[r]!;
  }
  return { x, y };
}

/** Mean binary cross-entropy of the model on `d`. */
export function meanLoss(tf: Tf, v: Record<'w1' | 'b1' | 'w2' | 'b2', TF.Tensor>, d: Dataset): number {
  return tf.tidy(() => {
    const x = tf.tensor2d(d.x, [rowsOf(d), d.inputDim]);
    return lossAndGradients(tf, v, x, tf.tensor1d(d.y), 'mean').loss.dataSync()[0]!;
  });
}

export async function train(tf: Tf, trainSet: Dataset, validation: Dataset, options: Partial<TrainOptions> = {}): Promise<TrainResult> {
  const o = { ...TRAIN_DEFAULTS, ...options };
  if (trainSet.inputDim !== validation.inputDim) throw new Error('train and validation rows differ in width');
  const dims = { inputDim: trainSet.inputDim, hidden: o.hidden };
  const v = toVariables(tf, initWeights(dims.inputDim, dims.hidden, o.seed));
  const optimizer = tf.train.adam(o.learningRate);
  let best = { loss: Infinity, epoch: 0, weights: await fromVariables(v, dims), trainLoss: Infinity };
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= o.maxEpochs; epoch++) {
      const order = shuffled(rowsOf(trainSet), o.seed * 7919 + epoch);
      for (let from = 0; from < order.length; from += o.batchSize) {
        const b = batch(trainSet, order, from, Math.min(order.length, from + o.batchSize));
        tf.tidy(() => {
          const x = tf.tensor2d(b.x, [b.y.length, dims.inputDim]);
          const { grads } = lossAndGradients(tf, v, x, tf.tensor1d(b.y), 'mean');
          // L2 on the weight matrices: d/dW of l2·ΣW² is 2·l2·W
          grads.w1 = tf.add(grads.w1, tf.mul(2 * o.l2, v.w1));
          grads.w2 = tf.add(grads.w2, tf.mul(2 * o.l2, v.w2));
          optimizer.applyGradients(TENSOR_NAMES.map((name) => ({ name: v[name].name, tensor: grads[name] })));
        });
      }
      const loss = meanLoss(tf, v, validation);
      if (loss < best.loss - 1e-5) best = { loss, epoch, weights: await fromVariables(v, dims), trainLoss: meanLoss(tf, v, trainSet) };
      else if (epoch - best.epoch >= o.patience) break;
    }
  } finally {
    optimizer.dispose();
    disposeVariables(v);
  }
  return { weights: best.weights, epochs: Math.min(epoch, o.maxEpochs), bestEpoch: best.epoch, trainLoss: best.trainLoss, validationLoss: best.loss };
}
