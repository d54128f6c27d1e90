/**
 * A tiny classifier written as .tflite models, used by the tests and as a demo for the inspector:
 * input x (1x4) → FULLY_CONNECTED (W 3x4, b 3) → SOFTMAX → 3 probabilities.
 *
 * - float32: every tensor float32.
 * - int8 with float32 I/O (what the browser runtime accepts): QUANTIZE → int8 FULLY_CONNECTED →
 *   int8 SOFTMAX → DEQUANTIZE, with TFLite's conventions for full-integer models:
 *   input/activations affine int8 from calibration ranges; weights symmetric int8 (zero point 0);
 *   bias int32 with scale = s_input · s_weights and zero point 0; softmax output fixed at
 *   scale 1/256, zero point −128 (its range is [0, 1)).
 */
import { affineParams, quantizeTensor, roundHalfAway, type QuantParams } from '../quant';
import { float32ToBytes, int32ToBytes, int8ToBytes } from './bytes';
import { TfliteGraphBuilder } from './graph';
import type { TfliteModel, TfliteQuantization } from './types';

/** Weights, row-major [3 outputs][4 inputs]. */
export const EXAMPLE_WEIGHTS: readonly (readonly number[])[] = [
  [0.42, -0.17, 0.8, 0.05],
  [-0.63, 0.29, -0.11, 0.74],
  [0.18, 0.91, -0.36, -0.52],
];
export const EXAMPLE_BIAS: readonly number[] = [0.1, -0.05, 0.02];
/** Representative inputs (the calibration set) in [−1, 1]. */
export const EXAMPLE_CALIBRATION: readonly (readonly number[])[] = [
  [1, -1, 0.5, 0],
  [-1, 1, -0.5, 0.25],
  [0.3, 0.7, -1, 1],
  [-0.6, -0.2, 1, -1],
];

/** W·x + b for one input. */
export function exampleDense(x: readonly number[]): number[] {
  return EXAMPLE_WEIGHTS.map((row, j) => row.reduce((s, w, i) => s + w * x[i]!, EXAMPLE_BIAS[j]!));
}

const asQuant = (p: QuantParams): TfliteQuantization => ({
  scale: [p.scale],
  zeroPoint: [p.zeroPoint],
  quantizedDimension: 0,
});

export function exampleFloatModel(): TfliteModel {
  const g = new TfliteGraphBuilder();
  const x = g.addTensor({ name: 'entrada', shape: [1, 4], type: 'FLOAT32' });
  const w = g.addTensor({
    name: 'densa/pesos',
    shape: [3, 4],
    type: 'FLOAT32',
    data: float32ToBytes(EXAMPLE_WEIGHTS.flat()),
  });
  const b = g.addTensor({ name: 'densa/sesgo', shape: [3], type: 'FLOAT32', data: float32ToBytes(EXAMPLE_BIAS) });
  const h = g.addTensor({ name: 'densa', shape: [1, 3], type: 'FLOAT32' });
  const y = g.addTensor({ name: 'probabilidades', shape: [1, 3], type: 'FLOAT32' });
  g.addOperator('FULLY_CONNECTED', [x, w, b], [h], { kind: 'FullyConnected', fusedActivation: 'NONE' });
  g.addOperator('SOFTMAX', [h], [y], { kind: 'Softmax', beta: 1 });
  return g.build({
    inputs: [x],
    outputs: [y],
    description: 'Ejemplo float32: densa 4→3 + softmax',
    signatureKey: 'serving_default',
  });
}

export interface ExampleInt8Params {
  input: QuantParams;
  weights: QuantParams;
  /** scale = s_input · s_weights, zero point 0. */
  bias: { scale: number; values: number[] };
  dense: QuantParams;
  softmax: QuantParams;
  /** int8 weight codes, row-major [3][4]. */
  weightCodes: number[];
}

/** The quantization parameters the int8 model uses, computed from the calibration set. */
export function exampleInt8Params(): ExampleInt8Params {
  const inputs = EXAMPLE_CALIBRATION.flat();
  const input = affineParams(Math.min(...inputs), Math.max(...inputs));
  const wq = quantizeTensor(EXAMPLE_WEIGHTS.flat(), [3, 4], { scheme: 'symmetric' });
  const weights = wq.params[0]!;
  const biasScale = input.scale * weights.scale;
  const outs = EXAMPLE_CALIBRATION.flatMap((x) => exampleDense(x));
  const dense = affineParams(Math.min(...outs), Math.max(...outs));
  return {
    input,
    weights,
    bias: { scale: biasScale, values: EXAMPLE_BIAS.map((v) => roundHalfAway(v / biasScale)) },
    dense,
    softmax: { scale: 1 / 256, zeroPoint: -128, qmin: -128, qmax: 127 },
    weightCodes: Array.from(wq.codes),
  };
}

export function exampleInt8Model(): TfliteModel {
  const p = exampleInt8Params();
  const g = new TfliteGraphBuilder();
  const x = g.addTensor({ name: 'entrada', shape: [1, 4], type: 'FLOAT32' });
  const xq = g.addTensor({ name: 'entrada_int8', shape: [1, 4], type: 'INT8', quantization: asQuant(p.input) });
  const w = g.addTensor({
    name: 'densa/pesos',
    shape: [3, 4],
    type: 'INT8',
    quantization: asQuant(p.weights),
    data: int8ToBytes(p.weightCodes),
  });
  const b = g.addTensor({
    name: 'densa/sesgo',
    shape: [3],
    type: 'INT32',
    data: int32ToBytes(p.bias.values),
    quantization: { scale: [p.bias.scale], zeroPoint: [0], quantizedDimension: 0 },
  });
  const h = g.addTensor({ name: 'densa', shape: [1, 3], type: 'INT8', quantization: asQuant(p.dense) });
  const s = g.addTensor({ name: 'softmax_int8', shape: [1, 3], type: 'INT8', quantization: asQuant(p.softmax) });
  const y = g.addTensor({ name: 'probabilidades', shape: [1, 3], type: 'FLOAT32' });
  g.addOperator('QUANTIZE', [x], [xq], { kind: 'Quantize' });
  g.addOperator('FULLY_CONNECTED', [xq, w, b], [h], { kind: 'FullyConnected', fusedActivation: 'NONE' });
  g.addOperator('SOFTMAX', [h], [s], { kind: 'Softmax', beta: 1 });
  g.addOperator('DEQUANTIZE', [s], [y], { kind: 'Dequantize' });
  return g.build({
    inputs: [x],
    outputs: [y],
    description: 'Ejemplo int8 (E/S float32): densa 4→3 + softmax',
    signatureKey: 'serving_default',
  });
}
