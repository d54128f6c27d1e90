/**
 * The lesson-17 keyword CNN (tf passed in, no DOM). Input [batch, frames, bins, 1] (49 × 13 MFCC
 * or 49 × 40 log-mel, standardized per contract.ts), output softmax [batch, classes].
 *
 *   conv1   Conv2D  f1 3×3 valid, ReLU
 *   pool1   MaxPool 2×2
 *   conv2   Conv2D  f2 3×3 valid, ReLU
 *   pool2   MaxPool 2×2
 *   flatten
 *   dropout (training only)
 *   output  Dense classes, softmax
 * Only layers lib/convert reads (keras.ts: Conv2D, MaxPooling2D, Flatten, Dropout, Dense), so the
 * export lesson can write it as a .tflite.
 *
 * Costs per layer (kwsSummary), with a 3×3 kernel, cin input and cout output channels, out H×W:
 *   params  conv = 9·cin·cout + cout;  dense = in·out + out;  others 0
 *   macs    conv = H·W·cout·9·cin;     dense = in·out;        others 0 (max and copies)
 *   bytes   float32 = 4·params;  int8 = weights·1 + biases·4 (TFLite int8 keeps int32 biases)
 */
import type * as TF from '@tensorflow/tfjs';
import { layerSeeds } from '../cnn/model';

type Tf = typeof TF;

export interface KwsArch {
  /** Filters of conv1 and conv2. */
  conv1: number;
  conv2: number;
  /** Dropout rate before the output layer, in [0, 1). */
  dropout: number;
}

export const DEFAULT_KWS_ARCH: Readonly<KwsArch> = Object.freeze({ conv1: 8, conv2: 16, dropout: 0.25 });

export interface KwsLayerRow {
  name: string;
  /** Spanish description shown in the model table, e.g. «Conv2D 8 filtros 3×3, ReLU». */
  label: string;
  /** Without the batch, e.g. [47, 11, 8]. */
  outputShape: number[];
  params: number;
  macs: number;
  bytesFloat32: number;
  bytesInt8: number;
}

export interface KwsSummary {
  inputShape: number[];
  layers: KwsLayerRow[];
  totalParams: number;
  totalMacs: number;
  totalBytesFloat32: number;
  totalBytesInt8: number;
}

const K = 3;

/** The table of the module comment for an input of frames × bins and `classes` outputs. */
export function kwsSummary(arch: KwsArch, frames: number, bins: number, classes: number): KwsSummary {
  const rows: KwsLayerRow[] = [];
  let [h, w, c] = [frames, bins, 1];
  const push = (name: string, label: string, shape: number[], weights: number, biases: number, macs: number): void => {
    rows.push({ name, label, outputShape: shape, params: weights + biases, macs, bytesFloat32: 4 * (weights + biases), bytesInt8: weights + 4 * biases });
  };
  const conv = (name: string, f: number): void => {
    h -= K - 1;
    w -= K - 1;
    if (h < 1 || w < 1) throw new RangeError(`${name}: the input is too small for a 3×3 kernel`);
    push(name, `Conv2D ${f} filtros ${K}×${K}, ReLU`, [h, w, f], K * K * c * f, f, h * w * f * K * K * c);
    c = f;
  };
  const pool = (name: string): void => {
    h = Math.floor(h / 2);
    w = Math.floor(w / 2);
    if (h < 1 || w < 1) throw new RangeError(`${name}: the input is too small for a 2×2 pool`);
    push(name, 'MaxPool 2×2', [h, w, c], 0, 0, 0);
  };
  conv('conv1', arch.conv1);
  pool('pool1');
  conv('conv2', arch.conv2);
  pool('pool2');
  const flat = h * w * c;
  push('flatten', 'Flatten', [flat], 0, 0, 0);
  push('dropout', `Dropout ${Math.round(arch.dropout * 100)} % (solo al entrenar)`, [flat], 0, 0, 0);
  push('output', `Dense ${classes}, softmax`, [classes], flat * classes, classes, flat * classes);
  const sum = (k: 'params' | 'macs' | 'bytesFloat32' | 'bytesInt8'): number => rows.reduce((a, r) => a + r[k], 0);
  return {
    inputShape: [frames, bins, 1], layers: rows,
    totalParams: sum('params'), totalMacs: sum('macs'), totalBytesFloat32: sum('bytesFloat32'), totalBytesInt8: sum('bytesInt8'),
  };
}

/** A fresh model: Glorot-uniform kernels seeded from `seed` (one seed per weighted layer), zero biases. */
export function buildKwsModel(tf: Tf, arch: KwsArch, frames: number, bins: number, classes: number, seed: number): TF.Sequential {
  kwsSummary(arch, frames, bins, classes); // throws early on an input too small
  const [s1, s2, s3] = layerSeeds(seed, 3) as [number, number, number];
  const init = (s: number) => tf.initializers.glorotUniform({ seed: s });
  const m = tf.sequential({ name: 'kws' });
  m.add(tf.layers.conv2d({ inputShape: [frames, bins, 1], name: 'conv1', filters: arch.conv1, kernelSize: K, padding: 'valid', activation: 'relu', kernelInitializer: init(s1), biasInitializer: 'zeros' }));
  m.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  m.add(tf.layers.conv2d({ name: 'conv2', filters: arch.conv2, kernelSize: K, padding: 'valid', activation: 'relu', kernelInitializer: init(s2), biasInitializer: 'zeros' }));
  m.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  m.add(tf.layers.flatten({ name: 'flatten' }));
  m.add(tf.layers.dropout({ name: 'dropout', rate: arch.dropout, seed: s3 }));
  m.add(tf.layers.dense({ name: 'output', units: classes, activation: 'softmax', kernelInitializer: init(s3), biasInitializer: 'zeros' }));
  return m;
}
