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
import { axisGeometry, nhwc } from './geometry';
import type { WindowOptions } from './float-kernels';

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
  const depthwise = a.depthMultiplier !== undefined;
  const mult = a.depthMultiplier ?? 1;
  const [n, h, w, cin] = nhwc(a.inShape, 'conv int8');
  const [f0, kh, kw, f3] = nhwc(a.filterShape, 'conv int8 filter');
  const cout = depthwise ? f3 : f0;
  if (depthwise ? f3 !== cin * mult : f3 !== cin) throw new RangeError('conv int8: filter and input channels differ');
  const dh = a.dilationH ?? 1;
  const dw = a.dilationW ?? 1;
  const gy = axisGeometry(h, kh, a.strideH, dh, a.padding);
  const gx = axisGeometry(w, kw, a.strideW, dw, a.padding);
  const qm = channelMultipliers(a.inQ.scale, a.filterScales, a.outQ.scale, cout);
  const [lo, hi] = activationRangeInt8(a.fusedActivation, a.outQ);
  const zpIn = a.inQ.zeroPoint;
  const out = new Int8Array(n * gy.out * gx.out * cout);
  const acc = new Int32Array(cout);
  const { strideH: sh, strideW: sw } = a;
  const { input, filter, bias } = a;
  const padT = gy.before;
  const padL = gx.before;
  const zpOut = a.outQ.zeroPoint;
  let p = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++) {
        acc.fill(0);
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - padT + ky * dh;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - padL + kx * dw;
            if (ix < 0 || ix >= w) continue;
            const inBase = ((b * h + iy) * w + ix) * cin;
            const tap = ky * kw + kx;
            if (depthwise) {
              for (let oc = 0; oc < cout; oc++) acc[oc]! += filter[tap * cout + oc]! * (input[inBase + ((oc / mult) | 0)]! - zpIn);
            } else {
              for (let oc = 0; oc < cout; oc++) {
                const fBase = (oc * kh * kw + tap) * cin;
                let s = 0;
                for (let ic = 0; ic < cin; ic++) s += filter[fBase + ic]! * (input[inBase + ic]! - zpIn);
                acc[oc]! += s;
              }
            }
          }
        }
        for (let oc = 0; oc < cout; oc++) {
          const m = qm[oc]!;
          const v = multiplyByQuantizedMultiplier(acc[oc]! + (bias ? bias[oc]! : 0), m.multiplier, m.shift) + zpOut;
          out[p++] = clamp(v, lo, hi);
        }
      }
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
  const [units, inSize] = [a.weightShape[0]!, a.weightShape[1]!];
  if (a.input.length % inSize !== 0) throw new RangeError('fully connected int8: input size is not a multiple of the weights');
  const batch = a.input.length / inSize;
  const qm = channelMultipliers(a.inQ.scale, a.weightScales, a.outQ.scale, units);
  const [lo, hi] = activationRangeInt8(a.fusedActivation, a.outQ);
  const out = new Int8Array(batch * units);
  for (let b = 0; b < batch; b++)
    for (let u = 0; u < units; u++) {
      let acc = 0;
      for (let i = 0; i < inSize; i++) acc += a.weights[u * inSize + i]! * (a.input[b * inSize + i]! - a.inQ.zeroPoint);
      if (a.bias) acc += a.bias[u]!;
      const m = qm[u]!;
      acc = multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift) + a.outQ.zeroPoint;
      out[b * units + u] = clamp(acc, lo, hi);
    }
  return { data: out, shape: [batch, units] };
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
  o: WindowOptions & { filterHeight: number; filterWidth: number; fusedActivation: ActivationName },
  q: Int8Params,
): { data: Int8Array; shape: number[] } {
  const [n, h, w, c] = nhwc(inShape, 'pool int8');
  const gy = axisGeometry(h, o.filterHeight, o.strideH, 1, o.padding);
  const gx = axisGeometry(w, o.filterWidth, o.strideW, 1, o.padding);
  const [lo, hi] = activationRangeInt8(o.fusedActivation, q);
  const out = new Int8Array(n * gy.out * gx.out * c);
  let p = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++)
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === 'max' ? -128 : 0;
          let count = 0;
          for (let ky = 0; ky < o.filterHeight; ky++) {
            const iy = oy * o.strideH - gy.before + ky;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < o.filterWidth; kx++) {
              const ix = ox * o.strideW - gx.before + kx;
              if (ix < 0 || ix >= w) continue;
              const v = input[((b * h + iy) * w + ix) * c + ch]!;
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          if (kind === 'avg') {
            const half = Math.trunc(count / 2);
            acc = count === 0 ? 0 : Math.trunc(acc > 0 ? (acc + half) / count : (acc - half) / count);
          }
          out[p++] = clamp(acc, lo, hi);
        }
  return { data: out, shape: [n, gy.out, gx.out, c] };
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
  const depth = shape[shape.length - 1]!;
  const out = new Int8Array(input.length);
  for (let r = 0; r < input.length; r += depth) {
    let max = -Infinity;
    for (let i = 0; i < depth; i++) max = Math.max(max, input[r + i]!);
    let sum = 0;
    const e = new Float64Array(depth);
    for (let i = 0; i < depth; i++) {
      e[i] = Math.exp(beta * inQ.scale * (input[r + i]! - max));
      sum += e[i]!;
    }
    for (let i = 0; i < depth; i++) out[r + i] = clamp(roundHalfAway(e[i]! / sum / outQ.scale) + outQ.zeroPoint, -128, 127);
  }
  return out;
}
