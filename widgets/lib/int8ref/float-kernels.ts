/**
 * float32 reference kernels for the operators the converter writes, with TFLite's semantics
 * (NHWC activations; CONV_2D filter [cout, kh, kw, cin]; DEPTHWISE_CONV_2D filter
 * [1, kh, kw, cin·mult] with output channel c·mult + m; FULLY_CONNECTED weights [out, in]).
 * They run the float model for calibration and serve as the "exact" side of the int8 comparison.
 * Sums are accumulated in float64 and stored as float32.
 */
import type { ActivationName, PaddingName } from '../tflite/schema';
import { axisGeometry, nhwc } from './geometry';

export interface WindowOptions {
  padding: PaddingName;
  strideH: number;
  strideW: number;
  dilationH?: number;
  dilationW?: number;
}

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
  const [n, h, w, cin] = nhwc(inShape, 'conv');
  const [f0, kh, kw, f3] = nhwc(filterShape, 'conv filter');
  const cout = depthwise ? f3 : f0;
  if (depthwise ? f3 !== cin * depthMultiplier : f3 !== cin) throw new RangeError('conv: filter and input channels differ');
  const dh = o.dilationH ?? 1;
  const dw = o.dilationW ?? 1;
  const gy = axisGeometry(h, kh, o.strideH, dh, o.padding);
  const gx = axisGeometry(w, kw, o.strideW, dw, o.padding);
  const out = new Float32Array(n * gy.out * gx.out * cout);
  const acc = new Float64Array(cout);
  const { strideH: sh, strideW: sw, fusedActivation: act } = o;
  const padT = gy.before;
  const padL = gx.before;
  let p = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++) {
        for (let oc = 0; oc < cout; oc++) acc[oc] = bias ? bias[oc]! : 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - padT + ky * dh;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - padL + kx * dw;
            if (ix < 0 || ix >= w) continue;
            const inBase = ((b * h + iy) * w + ix) * cin;
            const tap = ky * kw + kx;
            if (depthwise) {
              for (let oc = 0; oc < cout; oc++) acc[oc]! += input[inBase + ((oc / depthMultiplier) | 0)]! * filter[tap * cout + oc]!;
            } else {
              for (let oc = 0; oc < cout; oc++) {
                const fBase = (oc * kh * kw + tap) * cin;
                let s = 0;
                for (let ic = 0; ic < cin; ic++) s += input[inBase + ic]! * filter[fBase + ic]!;
                acc[oc]! += s;
              }
            }
          }
        }
        for (let oc = 0; oc < cout; oc++) out[p++] = applyFloatActivation(acc[oc]!, act);
      }
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
  const [units, inSize] = [weightShape[0]!, weightShape[1]!];
  if (input.length % inSize !== 0) throw new RangeError('fully connected: input size is not a multiple of the weights');
  const batch = input.length / inSize;
  const out = new Float32Array(batch * units);
  for (let b = 0; b < batch; b++)
    for (let u = 0; u < units; u++) {
      let acc = bias ? bias[u]! : 0;
      for (let i = 0; i < inSize; i++) acc += input[b * inSize + i]! * weights[u * inSize + i]!;
      out[b * units + u] = applyFloatActivation(acc, act);
    }
  return { data: out, shape: [batch, units] };
}

/** MAX_POOL_2D / AVERAGE_POOL_2D (float). The average counts only positions inside the input. */
export function pool2dFloat(
  input: Float32Array,
  inShape: readonly number[],
  kind: 'max' | 'avg',
  o: WindowOptions & { filterHeight: number; filterWidth: number; fusedActivation: ActivationName },
): { data: Float32Array; shape: number[] } {
  const [n, h, w, c] = nhwc(inShape, 'pool');
  const gy = axisGeometry(h, o.filterHeight, o.strideH, 1, o.padding);
  const gx = axisGeometry(w, o.filterWidth, o.strideW, 1, o.padding);
  const out = new Float32Array(n * gy.out * gx.out * c);
  let p = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++)
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === 'max' ? -Infinity : 0;
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
          const v = kind === 'max' ? acc : count > 0 ? acc / count : 0;
          out[p++] = applyFloatActivation(v, o.fusedActivation);
        }
  return { data: out, shape: [n, gy.out, gx.out, c] };
}

/** SOFTMAX over the last axis: exp(β(x − max)) / Σ exp(β(x − max)). */
export function softmaxFloat(input: ArrayLike<number>, shape: readonly number[], beta: number): Float32Array {
  const depth = shape[shape.length - 1]!;
  const out = new Float32Array(input.length);
  for (let r = 0; r < input.length; r += depth) {
    let max = -Infinity;
    for (let i = 0; i < depth; i++) max = Math.max(max, input[r + i]!);
    let sum = 0;
    for (let i = 0; i < depth; i++) sum += Math.exp(beta * (input[r + i]! - max));
    for (let i = 0; i < depth; i++) out[r + i] = Math.exp(beta * (input[r + i]! - max)) / sum;
  }
  return out;
}
