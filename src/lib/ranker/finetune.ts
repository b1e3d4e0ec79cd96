/**
 * On-device personalisation: a few full-batch gradient steps on the person's own feedback,
 * starting from the shipped weights W₀ every time, with an L2 pull back towards them:
 *
 *   loss(W) = Σᵢ ωᵢ·BCE(yᵢ, f_W(xᵢ)) + (pull / 2)·‖W − W₀‖²,   ωᵢ = 1/(1 − p₀ᵢ) for a positive, 1/p₀ᵢ for a negative
 *
 * with p₀ᵢ the shipped model's probability. Positive actions are rare, so p₀ is mostly a few per cent:
 * unweighted, a thumbs-down on a product already at 1 % would barely push (its gradient is p₀), while a
 * thumbs-up pushes with 1 − p₀. The weights make both start with a unit push on the logit, so "not for
 * me" moves the ranking as clearly as "more like this" (ωᵢ is capped at MAX_ROW_WEIGHT).
 *
 * The loss sums (not averages) over the examples, so evidence adds up — one click moves the model
 * a little, ten consistent ones move it further — and the pull bounds how far any amount of it can
 * go. Plain gradient descent rather than Adam: Adam normalises each step's size, so a single
 * example would move every weight as far as a hundred would. Starting from W₀ each time makes the
 * personal model a function of the shipped model and the feedback alone: it cannot drift.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { disposeVariables, fromVariables, lossAndGradients, predict, TENSOR_NAMES, toVariables, type Tf, type Weights } from './model';

export interface FineTuneOptions {
  steps: number;
  learningRate: number;
  pull: number;
}

// learningRate·pull < 1 keeps the pull's own step stable (at 2 it diverges); 40 steps converge. The pull of 40
// keeps one reaction from moving other products by more than a few points (the lists move a few places)
export const FINE_TUNE: FineTuneOptions = { steps: 40, learningRate: 0.02, pull: 40 };

const MAX_ROW_WEIGHT = 50;

/** ωᵢ above: each label's push on the logit at the shipped model made equal. */
export function balancingWeights(p0: Float32Array, labels: Float32Array): Float32Array {
  return labels.map((y, i) => {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, p0[i]!));
    return Math.min(MAX_ROW_WEIGHT, y > 0.5 ? 1 / (1 - p) : 1 / p);
  });
}

export interface Examples {
  /** row-major, `inputDim` wide */
  rows: Float32Array;
  /** 1: a positive action, 0: a negative one */
  labels: Float32Array;
}

export async function fineTune(tf: Tf, shipped: Weights, ex: Examples, o: FineTuneOptions = FINE_TUNE): Promise<Weights> {
  const n = ex.labels.length;
  if (ex.rows.length !== n * shipped.inputDim) throw new Error(`${ex.rows.length} values for ${n} rows of ${shipped.inputDim}`);
  if (n === 0) return shipped;
  const omega = tf.tensor1d(balancingWeights(await predict(tf, shipped, ex.rows), ex.labels));
  const v = toVariables(tf, shipped);
  const anchor = toVariables(tf, shipped);
  const x = tf.tensor2d(ex.rows, [n, shipped.inputDim]);
  const y = tf.tensor1d(ex.labels);
  try {
    for (let step = 0; step < o.steps; step++) {
      tf.tidy(() => {
        const { grads } = lossAndGradients(tf, v, x, y, 'sum', omega);
        for (const name of TENSOR_NAMES) {
          const g: TF.Tensor = tf.add(grads[name], tf.mul(o.pull, tf.sub(v[name], anchor[name])));
          v[name].assign(tf.sub(v[name], tf.mul(o.learningRate, g)));
        }
      });
    }
    return await fromVariables(v, shipped);
  } finally {
    tf.dispose([x, y, omega]);
    disposeVariables(v);
    disposeVariables(anchor);
  }
}

/** ‖W − W₀‖ / ‖W₀‖ over every tensor: how far personalisation has moved the model. */
export function relativeDistance(w: Weights, w0: Weights): number {
  let d = 0;
  let n = 0;
  for (const name of TENSOR_NAMES) {
    w0[name].forEach((v, i) => {
      d += (w[name][i]! - v) ** 2;
      n += v * v;
    });
  }
  return Math.sqrt(d / n);
}
