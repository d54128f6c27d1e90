/**
 * The lesson-10 CNN in tfjs: builder, loss, one training step and batched prediction. The tfjs
 * module is passed in (`tf`), so this file loads nothing by itself: the trainer's Worker, the
 * try-it view and scripts/train-default-model.mjs each bring their own tfjs.
 *
 * Shapes: images [n, 28, 28, 1] with pixels in [0, 1]; targets one-hot [n, 10]; the model outputs
 * probabilities [n, 10] (softmax), so a saved model classifies without any extra step.
 *
 * Loss (mean categorical cross-entropy over a batch of B examples, p clipped to [1e-7, 1] so that
 * log never sees 0):
 *   L = −(1/B) Σ_i Σ_k y_ik · log p_ik
 */
import type * as TF from '@tensorflow/tfjs';
import { createRng } from '../rng/rng';
import { cnnLayers, IMAGE_SHAPE, CLASSES, type CnnArch, type TrainConfig } from './spec';

type Tf = typeof TF;

export const LOG_CLIP = 1e-7;

/** Seeds for the kernel initialisers of each weighted layer, derived from one seed. */
export function layerSeeds(seed: number, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.int(1, 2 ** 31 - 1));
}

/** A fresh, untrained model: Glorot-uniform kernels (seeded), zero biases, layer names from spec.ts. */
export function buildCnn(tf: Tf, arch: CnnArch, seed: number): TF.Sequential {
  const layers = cnnLayers(arch);
  const seeds = layerSeeds(seed, layers.length);
  const model = tf.sequential({ name: 'cnn' });
  layers.forEach(({ name, spec }, i) => {
    const first = i === 0 ? { inputShape: [...IMAGE_SHAPE] } : {};
    const kernelInitializer = tf.initializers.glorotUniform({ seed: seeds[i]! });
    switch (spec.type) {
      case 'conv2d':
        model.add(tf.layers.conv2d({
          ...first, name, filters: spec.filters, kernelSize: spec.kernelSize as number, padding: spec.padding ?? 'valid',
          activation: spec.activation ?? 'linear', kernelInitializer, biasInitializer: 'zeros',
        }));
        break;
      case 'maxPool2d':
        model.add(tf.layers.maxPooling2d({ ...first, name, poolSize: spec.poolSize as number }));
        break;
      case 'avgPool2d':
        model.add(tf.layers.averagePooling2d({ ...first, name, poolSize: spec.poolSize as number }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten({ ...first, name }));
        break;
      case 'dense':
        model.add(tf.layers.dense({
          ...first, name, units: spec.units, activation: spec.activation ?? 'linear', kernelInitializer, biasInitializer: 'zeros',
        }));
        break;
    }
  });
  return model;
}

export function makeOptimizer(tf: Tf, c: Pick<TrainConfig, 'optimizer' | 'learningRate'>): TF.Optimizer {
  return c.optimizer === 'sgd' ? tf.train.sgd(c.learningRate) : tf.train.adam(c.learningRate);
}

/** Mean cross-entropy of the module comment; yTrue one-hot [n, 10], yProb probabilities [n, 10]. */
export function crossEntropy(tf: Tf, yTrue: TF.Tensor2D, yProb: TF.Tensor2D): TF.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(yProb, LOG_CLIP, 1))), 1))));
}

export interface StepResult {
  /** Mean loss of the batch, before the update. */
  loss: number;
  /** Examples of the batch the model classified correctly, before the update. */
  correct: number;
}

/**
 * One gradient step on a batch. images: n·784 floats (NHWC [n, 28, 28, 1]); oneHot: n·10.
 * Leaves no tensor behind (every intermediate is disposed).
 */
export function trainStep(tf: Tf, model: TF.LayersModel, optimizer: TF.Optimizer, images: Float32Array, oneHot: Float32Array, n: number): StepResult {
  let correct: TF.Scalar | null = null;
  const loss = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, ...IMAGE_SHAPE]);
    const y = tf.tensor2d(oneHot, [n, CLASSES]);
    return optimizer.minimize(() => {
      const p = model.apply(x, { training: true }) as TF.Tensor2D;
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), tf.argMax(y, 1)), 'int32')));
      return crossEntropy(tf, y, p);
    }, true) as TF.Scalar;
  });
  const out = { loss: loss.dataSync()[0]!, correct: (correct as TF.Scalar | null)?.dataSync()[0] ?? 0 };
  loss.dispose();
  (correct as TF.Scalar | null)?.dispose();
  return out;
}

/**
 * Class probabilities for n images (n·784 floats), computed `chunk` images at a time so memory
 * stays small. Returns n·10 floats, row i = image i.
 */
export function predictProbs(tf: Tf, model: TF.LayersModel, images: Float32Array, n: number, chunk = 250): Float32Array {
  const px = IMAGE_SHAPE[0] * IMAGE_SHAPE[1];
  const out = new Float32Array(n * CLASSES);
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const p = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * px, (start + m) * px), [m, ...IMAGE_SHAPE]);
      return model.predict(x) as TF.Tensor2D;
    });
    out.set(p.dataSync(), start * CLASSES);
    p.dispose();
  }
  return out;
}

/** Index of the largest of the 10 values of row i (ties: the first). */
export function argmaxRow(probs: ArrayLike<number>, i: number, k = CLASSES): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (probs[i * k + j]! > probs[i * k + best]!) best = j;
  return best;
}
