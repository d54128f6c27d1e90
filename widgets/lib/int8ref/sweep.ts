/**
 * The window sweeps the float32 and int8 reference kernels share, so both read the input the same
 * way (NHWC, row-major; output pixels in order; window taps outside the input are skipped, which
 * for int8 equals padding with zp_in, the code of 0.0). Each kernel keeps its own arithmetic:
 * what the accumulator starts at and how an accumulated pixel becomes an output value.
 */
import type { ActivationName } from '../tflite/schema';
import { axisGeometry, nhwc, type Axis, type WindowOptions } from './geometry';

/** Sizes and window geometry of a CONV_2D (filter [cout, kh, kw, cin]) or DEPTHWISE_CONV_2D (filter [1, kh, kw, cin·mult]). */
export interface ConvLayout {
  n: number;
  h: number;
  w: number;
  cin: number;
  kh: number;
  kw: number;
  cout: number;
  gy: Axis;
  gx: Axis;
  /** Depthwise when set: output channel oc reads input channel ⌊oc / depthMultiplier⌋. */
  depthMultiplier: number | undefined;
  o: WindowOptions;
}

/** The layout of a convolution; `depthMultiplier` set means depthwise. `what` names the operator in errors. */
export function convLayout(
  inShape: readonly number[],
  filterShape: readonly number[],
  o: WindowOptions,
  depthMultiplier: number | undefined,
  what: string,
): ConvLayout {
  const depthwise = depthMultiplier !== undefined;
  const [n, h, w, cin] = nhwc(inShape, what);
  const [f0, kh, kw, f3] = nhwc(filterShape, `${what} filter`);
  const cout = depthwise ? f3 : f0;
  if (depthwise ? f3 !== cin * depthMultiplier : f3 !== cin) throw new RangeError(`${what}: filter and input channels differ`);
  const gy = axisGeometry(h, kh, o.strideH, o.dilationH ?? 1, o.padding);
  const gx = axisGeometry(w, kw, o.strideW, o.dilationW ?? 1, o.padding);
  return { n, h, w, cin, kh, kw, cout, gy, gx, depthMultiplier, o };
}

/**
 * For each output pixel: acc[oc] = start[oc] (0 when null) + Σ filter · (input − zpIn) over the
 * taps inside the input, then `emit(acc)` writes the pixel's cout outputs.
 */
export function convSweep(
  L: ConvLayout,
  input: ArrayLike<number>,
  filter: ArrayLike<number>,
  zpIn: number,
  acc: Float64Array | Int32Array,
  start: ArrayLike<number> | null,
  emit: (acc: Float64Array | Int32Array) => void,
): void {
  const { n, h, w, cin, kh, kw, cout, gy, gx, depthMultiplier, o } = L;
  const depthwise = depthMultiplier !== undefined;
  const mult = depthMultiplier ?? 1;
  const dh = o.dilationH ?? 1;
  const dw = o.dilationW ?? 1;
  const { strideH: sh, strideW: sw } = o;
  const padT = gy.before;
  const padL = gx.before;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++) {
        for (let oc = 0; oc < cout; oc++) acc[oc] = start ? start[oc]! : 0;
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
        emit(acc);
      }
}

/** FULLY_CONNECTED sweep: input flattened to [batch, in], weights [out, in]; for each output,
 * acc = start(u) + Σ w · (x − zpIn), stored in a new `Out` array as `finish(acc, u)`. */
export function denseSweep<T extends Float32Array | Int8Array>(
  input: ArrayLike<number>,
  weights: ArrayLike<number>,
  weightShape: readonly number[],
  zpIn: number,
  what: string,
  Out: new (size: number) => T,
  start: (u: number) => number,
  finish: (acc: number, u: number) => number,
): { data: T; shape: number[] } {
  const [units, inSize] = [weightShape[0]!, weightShape[1]!];
  if (input.length % inSize !== 0) throw new RangeError(`${what}: input size is not a multiple of the weights`);
  const batch = input.length / inSize;
  const out = new Out(batch * units);
  for (let b = 0; b < batch; b++)
    for (let u = 0; u < units; u++) {
      let acc = start(u);
      for (let i = 0; i < inSize; i++) acc += weights[u * inSize + i]! * (input[b * inSize + i]! - zpIn);
      out[b * units + u] = finish(acc, u);
    }
  return { data: out, shape: [batch, units] };
}

/** Options of MAX_POOL_2D / AVERAGE_POOL_2D. */
export type PoolOptions = WindowOptions & { filterHeight: number; filterWidth: number; fusedActivation: ActivationName };

/**
 * MAX_POOL_2D / AVERAGE_POOL_2D sweep: for each output value, the max (starting at `lowest`) or the
 * sum of the window positions inside the input, and how many there were; `finish(acc, count)` gives
 * the value stored in a new `Out` array.
 */
export function poolSweep<T extends Float32Array | Int8Array>(
  input: ArrayLike<number>,
  inShape: readonly number[],
  kind: 'max' | 'avg',
  o: PoolOptions,
  what: string,
  Out: new (size: number) => T,
  lowest: number,
  finish: (acc: number, count: number) => number,
): { data: T; shape: number[] } {
  const [n, h, w, c] = nhwc(inShape, what);
  const gy = axisGeometry(h, o.filterHeight, o.strideH, 1, o.padding);
  const gx = axisGeometry(w, o.filterWidth, o.strideW, 1, o.padding);
  const out = new Out(n * gy.out * gx.out * c);
  let p = 0;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < gy.out; oy++)
      for (let ox = 0; ox < gx.out; ox++)
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === 'max' ? lowest : 0;
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
          out[p++] = finish(acc, count);
        }
  return { data: out, shape: [n, gy.out, gx.out, c] };
}

/** SOFTMAX over the last axis: p = exp(k(x − max)) / Σ exp(k(x − max)), stored in a new `Out` array as `finish(p)`. */
export function softmaxSweep<T extends Float32Array | Int8Array>(
  input: ArrayLike<number>,
  shape: readonly number[],
  k: number,
  Out: new (size: number) => T,
  finish: (p: number) => number,
): T {
  const depth = shape[shape.length - 1]!;
  const out = new Out(input.length);
  const e = new Float64Array(depth);
  for (let r = 0; r < input.length; r += depth) {
    let max = -Infinity;
    for (let i = 0; i < depth; i++) max = Math.max(max, input[r + i]!);
    let sum = 0;
    for (let i = 0; i < depth; i++) {
      e[i] = Math.exp(k * (input[r + i]! - max));
      sum += e[i]!;
    }
    for (let i = 0; i < depth; i++) out[r + i] = finish(e[i]! / sum);
  }
  return out;
}
