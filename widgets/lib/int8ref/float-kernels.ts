/**
 * float32 reference kernels for the operators the converter writes, with TFLite's semantics
 * (NHWC activations; CONV_2D filter [cout, kh, kw, cin]; DEPTHWISE_CONV_2D filter
 * [1, kh, kw, cin·mult] with output channel c·mult + m; FULLY_CONNECTED weights [out, in]).
 * They run the float model for calibration and serve as the "exact" side of the int8 comparison.
 * Sums are accumulated in float64 and stored as float32.
 */
import type { ActivationName } from '../tflite/schema';
import type { WindowOptions } from './geometry';
import { convLayout, convSweep, denseSweep, poolSweep, softmaxSweep, type PoolOptions } from './sweep';

export function applyFloatActivation(x: number, act: ActivationName): number {
  switch (act) {
    case 'RELU':
      return x < 0 ? 0 : x;
    case 'RELU6':
      return x < 0 ? 0 : x > 6 ? 6 : x;
    case 'RELU_N1_TO_1':
      return x < -1 ? -1 : x > 1 ? 1 : x;
    case 'NONE':
      return x;
    default:
      throw new RangeError(`activation ${act} is not supported`);
  }
}

/** CONV_2D (float). Returns the output and its shape [n, oh, ow, cout]. */
export function conv2dFloat(
  input: Float32Array,
  inShape: readonly number[],
  filter: Float32Array,
  filterShape: readonly number[],
  bias: Float32Array | null,
  o: WindowOptions & { fusedActivation: ActivationName },
  depthwise = false,
  depthMultiplier = 1,
): { data: Float32Array; shape: number[] } {
  const L = convLayout(inShape, filterShape, o, depthwise ? depthMultiplier : undefined, 'conv');
  const { n, gy, gx, cout } = L;
  const out = new Float32Array(n * gy.out * gx.out * cout);
  let p = 0;
  convSweep(L, input, filter, 0, new Float64Array(cout), bias, (acc) => {
    for (let oc = 0; oc < cout; oc++) out[p++] = applyFloatActivation(acc[oc]!, o.fusedActivation);
  });
  return { data: out, shape: [n, gy.out, gx.out, cout] };
}

/** FULLY_CONNECTED (float): input flattened to [batch, in], weights [out, in]. */
export function fullyConnectedFloat(
  input: Float32Array,
  weights: Float32Array,
  weightShape: readonly number[],
  bias: Float32Array | null,
  act: ActivationName,
): { data: Float32Array; shape: number[] } {
  return denseSweep(input, weights, weightShape, 0, 'fully connected', Float32Array, (u) => (bias ? bias[u]! : 0), (acc) =>
    applyFloatActivation(acc, act));
}

/** MAX_POOL_2D / AVERAGE_POOL_2D (float). The average counts only positions inside the input. */
export function pool2dFloat(
  input: Float32Array,
  inShape: readonly number[],
  kind: 'max' | 'avg',
  o: PoolOptions,
): { data: Float32Array; shape: number[] } {
  return poolSweep(input, inShape, kind, o, 'pool', Float32Array, -Infinity, (acc, count) =>
    applyFloatActivation(kind === 'max' ? acc : count > 0 ? acc / count : 0, o.fusedActivation));
}

/** SOFTMAX over the last axis: exp(β(x − max)) / Σ exp(β(x − max)). */
export function softmaxFloat(input: ArrayLike<number>, shape: readonly number[], beta: number): Float32Array {
  return softmaxSweep(input, shape, beta, Float32Array, (p) => p);
}
