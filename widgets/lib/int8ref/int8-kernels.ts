/**
 * int8 reference kernels written after TFLite's reference integer kernels
 * (tensorflow/lite/kernels/internal/reference/integer_ops/*.h), so a student can read how a
 * microcontroller computes a layer:
 *
 *   acc   = bias[c] + Σ w[c, …] · (x[…] − zp_in)        (int32 accumulator; weights have zp 0)
 *   acc   = MultiplyByQuantizedMultiplier(acc, m[c], shift[c])   with m·2^(shift−31) ≈ s_in·s_w[c]/s_out
 *   y     = clamp(acc + zp_out, act_min, act_max)        (a fused ReLU is just a tighter clamp)
 *
 * Padding positions are skipped, which equals padding the input with zp_in (the code of 0.0).
 * Softmax is the one exception: TFLite's int8 kernel uses a fixed-point exp (or a lookup table);
 * here it dequantizes, computes softmax in float64 and requantizes to scale 1/256, zero point −128,
 * which can differ from the runtime by one code at most in our tests.
 */
import { multiplyByQuantizedMultiplier, quantizeMultiplier, roundHalfAway, type QuantizedMultiplier } from '../quant';
import type { ActivationName } from '../tflite/schema';
import type { WindowOptions } from './geometry';
import { convLayout, convSweep, denseSweep, poolSweep, softmaxSweep, type PoolOptions } from './sweep';

export interface Int8Params {
  scale: number;
  zeroPoint: number;
}

/** TFLite's CalculateActivationRangeQuantized for int8: the clamp range a fused activation sets. */
export function activationRangeInt8(act: ActivationName, out: Int8Params): [number, number] {
  const q = (f: number): number => out.zeroPoint + roundHalfAway(f / out.scale);
  switch (act) {
    case 'NONE':
      return [-128, 127];
    case 'RELU':
      return [Math.max(-128, q(0)), 127];
    case 'RELU6':
      return [Math.max(-128, q(0)), Math.min(127, q(6))];
    case 'RELU_N1_TO_1':
      return [Math.max(-128, q(-1)), Math.min(127, q(1))];
    default:
      throw new RangeError(`activation ${act} has no int8 range`);
  }
}

/** One (multiplier, shift) per output channel: s_in · s_w[c] / s_out, computed in float64 as TFLite. */
export function channelMultipliers(inScale: number, weightScales: readonly number[], outScale: number, channels: number): QuantizedMultiplier[] {
  return Array.from({ length: channels }, (_, c) =>
    quantizeMultiplier((inScale * weightScales[weightScales.length === 1 ? 0 : c]!) / outScale),
  );
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

export interface Int8ConvArgs extends WindowOptions {
  fusedActivation: ActivationName;
  input: Int8Array;
  inShape: readonly number[];
  inQ: Int8Params;
  filter: Int8Array;
  filterShape: readonly number[];
  /** One scale (per-tensor) or one per output channel. */
  filterScales: readonly number[];
  bias: Int32Array | null;
  outQ: Int8Params;
  /** DEPTHWISE_CONV_2D when set: filter [1, kh, kw, cin·mult]. */
  depthMultiplier?: number;
}

/** CONV_2D / DEPTHWISE_CONV_2D, int8 per-channel (ConvPerChannel / DepthwiseConvPerChannel). */
export function conv2dInt8(a: Int8ConvArgs): { data: Int8Array; shape: number[] } {
  const L = convLayout(a.inShape, a.filterShape, a, a.depthMultiplier, 'conv int8');
  const { n, gy, gx, cout } = L;
  const qm = channelMultipliers(a.inQ.scale, a.filterScales, a.outQ.scale, cout);
  const [lo, hi] = activationRangeInt8(a.fusedActivation, a.outQ);
  const { bias } = a;
  const zpOut = a.outQ.zeroPoint;
  const out = new Int8Array(n * gy.out * gx.out * cout);
  let p = 0;
  convSweep(L, a.input, a.filter, a.inQ.zeroPoint, new Int32Array(cout), null, (acc) => {
    for (let oc = 0; oc < cout; oc++) {
      const m = qm[oc]!;
      const v = multiplyByQuantizedMultiplier(acc[oc]! + (bias ? bias[oc]! : 0), m.multiplier, m.shift) + zpOut;
      out[p++] = clamp(v, lo, hi);
    }
  });
  return { data: out, shape: [n, gy.out, gx.out, cout] };
}

/** FULLY_CONNECTED int8: weights [out, in] with zero point 0, one scale or one per output. */
export function fullyConnectedInt8(a: {
  input: Int8Array;
  inQ: Int8Params;
  weights: Int8Array;
  weightShape: readonly number[];
  weightScales: readonly number[];
  bias: Int32Array | null;
  outQ: Int8Params;
  fusedActivation: ActivationName;
}): { data: Int8Array; shape: number[] } {
  const qm = channelMultipliers(a.inQ.scale, a.weightScales, a.outQ.scale, a.weightShape[0]!);
  const [lo, hi] = activationRangeInt8(a.fusedActivation, a.outQ);
  return denseSweep(a.input, a.weights, a.weightShape, a.inQ.zeroPoint, 'fully connected int8', Int8Array, () => 0, (acc, u) => {
    if (a.bias) acc += a.bias[u]!;
    const m = qm[u]!;
    return clamp(multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift) + a.outQ.zeroPoint, lo, hi);
  });
}

/**
 * MAX_POOL_2D / AVERAGE_POOL_2D int8. Output and input share scale and zero point (TFLite requires
 * it), so no requantization: max takes the largest code; average sums the codes of the positions
 * inside the input and divides rounding half away from zero, as TFLite:
 *   acc > 0 ? (acc + count/2) / count : (acc − count/2) / count   (integer division)
 */
export function pool2dInt8(
  input: Int8Array,
  inShape: readonly number[],
  kind: 'max' | 'avg',
  o: PoolOptions,
  q: Int8Params,
): { data: Int8Array; shape: number[] } {
  const [lo, hi] = activationRangeInt8(o.fusedActivation, q);
  return poolSweep(input, inShape, kind, o, 'pool int8', Int8Array, -128, (acc, count) => {
    if (kind === 'avg') {
      const half = Math.trunc(count / 2);
      acc = count === 0 ? 0 : Math.trunc(acc > 0 ? (acc + half) / count : (acc - half) / count);
    }
    return clamp(acc, lo, hi);
  });
}

/** QUANTIZE float32 → int8: q = clamp(round(x / s) + zp) with x / s in float32, as TFLite. */
export function quantizeInt8(x: ArrayLike<number>, q: Int8Params): Int8Array {
  const out = new Int8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = clamp(roundHalfAway(Math.fround(x[i]! / q.scale)) + q.zeroPoint, -128, 127);
  return out;
}

/** DEQUANTIZE int8 → float32: x = s · (q − zp). */
export function dequantizeInt8(x: Int8Array, q: Int8Params): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = q.scale * (x[i]! - q.zeroPoint);
  return out;
}

/**
 * SOFTMAX int8 (see the module comment: float math on the dequantized values, then requantized
 * to the output's scale and zero point, 1/256 and −128 by TFLite's rule).
 */
export function softmaxInt8(input: Int8Array, shape: readonly number[], beta: number, inQ: Int8Params, outQ: Int8Params): Int8Array {
  return softmaxSweep(input, shape, beta * inQ.scale, Int8Array, (p) => clamp(roundHalfAway(p / outQ.scale) + outQ.zeroPoint, -128, 127));
}
