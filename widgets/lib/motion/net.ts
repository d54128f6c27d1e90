/**
 * The motion classifier in tfjs (the tf module is passed in, so this file loads nothing):
 *   features [n, d] → dense(h₁, relu) → dense(h₂, relu) → … → dense(C, softmax) → [n, C]
 * (Edge Impulse's default for motion: d = 33, hidden [20, 10]). Kernels Glorot-uniform seeded
 * with layerSeeds(seed, layers) (lib/cnn/model.ts), biases zero; layer names dense1, dense2, …,
 * and `salida` for the output. Weights leave tfjs as plain row-major [in, out] arrays
 * (MotionLayer, model.ts), and come back the same way.
 *
 * Loss: mean categorical cross-entropy, probabilities clipped to [1e-7, 1] (lib/cnn/model.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import { layerSeeds } from '../cnn/model';
import { predictRows } from '../tfjs/classifier';
import type { MotionLayer } from './model';

type Tf = typeof TF;

export const layerName = (i: number, last: boolean): string => (last ? 'salida' : `dense${i + 1}`);

export function buildMotionNet(tf: Tf, inputs: number, hidden: readonly number[], classes: number, seed: number): TF.Sequential {
  const units = [...hidden.filter((h) => h > 0), classes];
  const seeds = layerSeeds(seed, units.length);
  const model = tf.sequential({ name: 'clasificador_movimiento' });
  units.forEach((u, i) => {
    const last = i === units.length - 1;
    model.add(tf.layers.dense({
      ...(i === 0 ? { inputShape: [inputs] } : {}),
      name: layerName(i, last), units: u, activation: last ? 'softmax' : 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seeds[i]! }), biasInitializer: 'zeros',
    }));
  });
  return model;
}

/** Plain copies of every layer's weights (the model is left as it is). */
export function readLayers(model: TF.LayersModel): MotionLayer[] {
  return model.layers.map((l, i) => {
    const [k, b] = l.getWeights();
    if (!k || !b || k.shape.length !== 2) throw new Error(`layer ${l.name} is not dense`);
    const units = k.shape[1]!;
    return {
      units,
      activation: i === model.layers.length - 1 ? 'softmax' : 'relu',
      weights: Array.from(k.dataSync()),
      bias: Array.from(b.dataSync()),
    };
  });
}

/** A tfjs model holding exactly these weights (for checks and for the converter's tfjs path). */
export function netFromLayers(tf: Tf, inputs: number, layers: readonly MotionLayer[]): TF.Sequential {
  const model = tf.sequential({ name: 'clasificador_movimiento' });
  let n = inputs;
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    model.add(tf.layers.dense({ ...(i === 0 ? { inputShape: [inputs] } : {}), name: layerName(i, last), units: l.units, activation: l.activation }));
    const t = [tf.tensor2d(l.weights, [n, l.units]), tf.tensor1d(l.bias)];
    model.layers[i]!.setWeights(t);
    tf.dispose(t);
    n = l.units;
  });
  return model;
}

/** Probabilities [n, C] as a flat Float32Array (row i = example i); x is n·d normalised features. */
export const predictBatch = (tf: Tf, model: TF.LayersModel, x: Float32Array, n: number, d: number): Float32Array =>
  predictRows(tf, model, x, [d], n);
