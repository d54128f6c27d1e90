/**
 * The two small CNNs of the lesson-11 comparison, in tfjs (the tf module is passed in, as in
 * lib/cnn/model.ts, so this file loads nothing by itself).
 *
 * Layout: see params.ts. Layer names follow lib/cnn/spec.ts: conv1, pool1, conv2, pool2, flatten,
 * and the new head is called 'head'. Kernel initialisers are Glorot-uniform seeded with
 * layerSeeds(seed, 6) (lib/cnn/model.ts), biases zero, so with the same seed both networks start
 * from the same head weights; the only difference between them is the base:
 *   transfer: conv1 and conv2 copied from the pretrained base and frozen (trainable = false, and
 *             the optimiser is given only the head's variables);
 *   scratch:  conv1 and conv2 random and trainable.
 *
 * Loss: mean categorical cross-entropy, probabilities clipped to [1e-7, 1] (lib/cnn/model.ts):
 *   L = −(1/B) Σ_i Σ_c y_ic · log p_ic
 */
import type * as TF from '@tensorflow/tfjs';
import { layerSeeds } from '../cnn/model';
import { crossEntropy, predictRows } from '../tfjs/classifier';
import { CONV1, CONV2 } from './params';

type Tf = typeof TF;

export interface ConvWeights {
  /** [kh, kw, cin, cout] kernel values, row-major as tfjs stores them. */
  kernel: Float32Array;
  kernelShape: [number, number, number, number];
  bias: Float32Array;
}

/** Plain-array copy of a pretrained base (conv1 and conv2): holds no tensor. */
export interface BaseWeights {
  conv1: ConvWeights;
  conv2: ConvWeights;
}

/** Copies conv1 and conv2 out of a loaded model (e.g. public/models/base-0-4/); the model is not disposed. */
export function readBase(model: TF.LayersModel): BaseWeights {
  const read = (name: string): ConvWeights => {
    const [k, b] = model.getLayer(name).getWeights();
    if (!k || !b || k.shape.length !== 4) throw new Error(`the base model has no convolution called ${name}`);
    return { kernel: Float32Array.from(k.dataSync()), kernelShape: k.shape as ConvWeights['kernelShape'], bias: Float32Array.from(b.dataSync()) };
  };
  return { conv1: read('conv1'), conv2: read('conv2') };
}

export type Mode = 'transfer' | 'scratch';

/**
 * A fresh k-class network. With `base` (mode 'transfer'), conv1/conv2 get its weights and are
 * frozen; without it (mode 'scratch'), they start random and train.
 */
export function buildSmallCnn(tf: Tf, k: number, seed: number, base: BaseWeights | null): TF.Sequential {
  const seeds = layerSeeds(seed, 6);
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seeds[i]! });
  const frozen = base !== null;
  const model = tf.sequential({ name: frozen ? 'transfer' : 'scratch' });
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], name: 'conv1', filters: CONV1.filters, kernelSize: CONV1.kernel, padding: 'same', activation: 'relu', kernelInitializer: init(0), trainable: !frozen }));
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(tf.layers.conv2d({ name: 'conv2', filters: CONV2.filters, kernelSize: CONV2.kernel, padding: 'same', activation: 'relu', kernelInitializer: init(2), trainable: !frozen }));
  model.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'head', units: k, activation: 'softmax', kernelInitializer: init(5) }));
  if (base) {
    for (const name of ['conv1', 'conv2'] as const) {
      const w = base[name];
      const t = [tf.tensor4d(w.kernel, w.kernelShape), tf.tensor1d(w.bias)];
      model.getLayer(name).setWeights(t); // copies the values into the layer's own variables
      tf.dispose(t);
    }
  }
  return model;
}

/** The variables gradient descent may change: those of trainable layers only. */
export function trainableVariables(model: TF.LayersModel): TF.Variable[] {
  return model.trainableWeights.map((w) => w.read() as TF.Variable);
}

/**
 * The loss summed over n examples (n · the mean cross-entropy) and its gradient with respect to
 * each of `vars` (same order), computed with the current weights. The caller owns `grads`.
 * A mini-batch may be cut into pieces: the sums of its pieces add up to the sums of the whole, and
 * applyMeanGradients then makes the same update as one step on the whole mini-batch.
 */
export function gradientSum(tf: Tf, model: TF.LayersModel, vars: TF.Variable[],
  images: Float32Array, oneHot: Float32Array, n: number, k: number): { grads: TF.Tensor[]; lossSum: number; correct: number } {
  let correct: TF.Scalar | null = null;
  const { value, grads } = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, 28, 28, 1]);
    const y = tf.tensor2d(oneHot, [n, k]);
    return tf.variableGrads(() => {
      const p = model.apply(x, { training: true }) as TF.Tensor2D;
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), tf.argMax(y, 1)), 'int32')));
      return tf.mul(crossEntropy(tf, y, p), n) as TF.Scalar;
    }, vars);
  });
  const lossSum = value.dataSync()[0]!;
  value.dispose();
  const c = (correct as TF.Scalar | null)?.dataSync()[0] ?? 0;
  (correct as TF.Scalar | null)?.dispose();
  return { grads: vars.map((v) => grads[v.name]!), lossSum, correct: c };
}

/** One optimiser update with the mean gradient gradSums / n; disposes `gradSums`. */
export function applyMeanGradients(tf: Tf, optimizer: TF.Optimizer, vars: TF.Variable[], gradSums: TF.Tensor[], n: number): void {
  tf.tidy(() => {
    optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: tf.div(gradSums[i]!, n) })));
  });
  tf.dispose(gradSums);
}

/** Probabilities (n·k floats) of n images (n·784 floats); leaves no tensor behind. */
export const predict = (tf: Tf, model: TF.LayersModel, images: Float32Array, n: number): Float32Array =>
  predictRows(tf, model, images, [28, 28, 1], n);
