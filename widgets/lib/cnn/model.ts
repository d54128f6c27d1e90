/**
 * The lesson-10 CNN in tfjs: builder, optimizer and batched prediction (the loss and the one
 * training step are lib/tfjs/classifier.ts, shared by every classifier the course trains). The tfjs
 * module is passed in (`tf`), so this file loads nothing by itself: the trainer's Worker, the
 * try-it view and scripts/train-default-model.mjs each bring their own tfjs.
 *
 * Shapes: images [n, 28, 28, 1] with pixels in [0, 1]; targets one-hot [n, 10]; the model outputs
 * probabilities [n, 10] (softmax), so a saved model classifies without any extra step.
 */
import type * as TF from '@tensorflow/tfjs';
import { createRng } from '../rng/rng';
import { predictRows } from '../tfjs/classifier';
import { cnnLayers, IMAGE_SHAPE, CLASSES, type CnnArch, type TrainConfig } from './spec';

type Tf = typeof TF;

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

/** Class probabilities for n images (n·784 floats), 250 at a time: n·10 floats, row i = image i. */
export const predictProbs = (tf: Tf, model: TF.LayersModel, images: Float32Array, n: number, chunk = 250): Float32Array =>
  predictRows(tf, model, images, IMAGE_SHAPE, n, chunk);

/** Index of the largest of the 10 values of row i (ties: the first). */
export function argmaxRow(probs: ArrayLike<number>, i: number, k = CLASSES): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (probs[i * k + j]! > probs[i * k + best]!) best = j;
  return best;
}
