/** tfjs-core on its pure-JS cpu backend, for the Node scripts (tfjs-node's native binary is not installable here). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Tf } from '../../src/lib/ranker/model';

export async function cpuTf(): Promise<Tf> {
  // prod mode: no "install tfjs-node" banner, no debug checks
  tf.enableProdMode();
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend did not start');
  return tf;
}
