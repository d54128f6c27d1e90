/**
 * The layers of a small CNN as plain functions on Float32Array (pure, no DOM); pooling is in
 * pool.ts. Layout and padding rules are in tensor.ts (HWC, TensorFlow's 'same'/'valid'); results
 * match @tensorflow/tfjs's conv2d, relu, matMul and softmax to within 1e-5 (conv-ops.test.ts).
 *
 *   conv2d:  out[oy, ox, co] = b[co] + Σ_{ky, kx, ci} in[oy·sy + ky − top, ox·sx + kx − left, ci] · K[ky, kx, ci, co]
 *            (cells outside the input count as 0: that is the zero padding)
 *   relu:    max(0, v)
 *   dense:   y[j] = b[j] + Σ_i x[i] · W[i, j]        (W stored [inputs, units], as in Keras)
 *   softmax: p_i = exp((z_i − max z) / T) / Σ_j exp((z_j − max z) / T)   (T = temperature > 0)
 */
import { featureMap, kernelIndex, window2d, windowOrigin, windowTap, type FeatureMap, type Kernel, type Padding, type Pair } from './tensor';

export interface ConvOptions {
  /** Step of the window in rows and columns (default 1). */
  stride?: Pair;
  /** Default 'valid'. */
  padding?: Padding;
  /** One value per output channel (default none, i.e. zeros). */
  bias?: ArrayLike<number>;
}

const checkBias = (bias: ArrayLike<number> | undefined, n: number): void => {
  if (bias && bias.length !== n) throw new RangeError(`bias needs ${n} values, got ${bias.length}`);
};

function convGeometry(input: FeatureMap, k: Kernel, opts: ConvOptions) {
  if (k.cin !== input.channels) {
    throw new RangeError(`kernel expects ${k.cin} input channels, the map has ${input.channels}`);
  }
  checkBias(opts.bias, k.cout);
  return window2d(input.height, input.width, [k.kh, k.kw], opts.stride ?? 1, opts.padding ?? 'valid');
}

/** 2-D convolution (really cross-correlation, as in every DL library): [h, w, cin] → [oh, ow, cout]. */
export function conv2d(input: FeatureMap, k: Kernel, opts: ConvOptions = {}): FeatureMap {
  const g = convGeometry(input, k, opts);
  const { out: oh, before: top } = g.rows;
  const { out: ow, before: left } = g.cols;
  if (oh === 0 || ow === 0) throw new RangeError('the kernel is larger than the input: no output cells');
  const out = new Float32Array(oh * ow * k.cout);
  const { width: w, height: h, channels: cin } = input;
  const x = input.data;
  const kd = k.data;
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      for (let co = 0; co < k.cout; co++) {
        // Same accumulation order as convStep (ky, kx, ci), so both give identical numbers.
        let acc = 0;
        for (let ky = 0; ky < k.kh; ky++) {
          const iy = oy * g.sy + ky - top;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < k.kw; kx++) {
            const ix = ox * g.sx + kx - left;
            if (ix < 0 || ix >= w) continue;
            const xBase = (iy * w + ix) * cin;
            const kBase = (ky * k.kw + kx) * cin * k.cout + co;
            for (let ci = 0; ci < cin; ci++) acc += x[xBase + ci]! * kd[kBase + ci * k.cout]!;
          }
        }
        if (opts.bias) acc += opts.bias[co]!;
        out[(oy * ow + ox) * k.cout + co] = acc;
      }
    }
  }
  return featureMap(oh, ow, k.cout, out);
}

/** One multiply of the convolution sum: input value x times kernel weight w. */
export interface ConvTerm {
  ky: number;
  kx: number;
  ci: number;
  /** Input row and column (may be outside the input when it is padding). */
  iy: number;
  ix: number;
  /** Index into input.data, or −1 for a padding cell (x = 0). */
  inputIndex: number;
  /** Index into kernel.data. */
  kernelIndex: number;
  x: number;
  w: number;
  product: number;
  padding: boolean;
}

export interface ConvStepResult {
  oy: number;
  ox: number;
  oc: number;
  /** Input row and column of the window's top-left cell (negative inside the top/left padding). */
  top: number;
  left: number;
  /** kh·kw·cin terms in order ky, kx, ci. */
  terms: ConvTerm[];
  bias: number;
  /** bias + Σ products, rounded to float32: exactly conv2d's value at (oy, ox, oc). */
  sum: number;
}

/** The multiply-adds behind one output cell, for views that show the arithmetic. */
export function convStep(input: FeatureMap, k: Kernel, opts: ConvOptions, oy: number, ox: number, oc: number): ConvStepResult {
  const g = convGeometry(input, k, opts);
  const { top, left } = windowOrigin(g, oy, ox, oc, k.cout);
  const terms: ConvTerm[] = [];
  let acc = 0;
  for (let ky = 0; ky < k.kh; ky++) {
    for (let kx = 0; kx < k.kw; kx++) {
      for (let ci = 0; ci < k.cin; ci++) {
        const { iy, ix, padding, inputIndex } = windowTap(input, top, left, ky, kx, ci);
        const ki = kernelIndex(k, ky, kx, ci, oc);
        const x = padding ? 0 : input.data[inputIndex]!;
        const w = k.data[ki]!;
        const product = x * w;
        if (!padding) acc += product;
        terms.push({ ky, kx, ci, iy, ix, inputIndex, kernelIndex: ki, x, w, product, padding });
      }
    }
  }
  const bias = opts.bias ? opts.bias[oc]! : 0;
  if (opts.bias) acc += bias;
  return { oy, ox, oc, top, left, terms, bias, sum: Math.fround(acc) };
}

/** ReLU on every value: max(0, v). Keeps the shape. */
export function relu(m: FeatureMap): FeatureMap {
  return featureMap(m.height, m.width, m.channels, reluValues(m.data));
}

export function reluValues(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const v = values[i]!;
    out[i] = v > 0 ? v : 0;
  }
  return out;
}

/** [h, w, c] → h·w·c values in HWC order (what Keras's Flatten gives for channels-last maps). */
export const flatten = (m: FeatureMap): Float32Array => m.data.slice();

export interface DenseWeights {
  inputs: number;
  units: number;
  /** inputs·units weights, index i·units + j (Keras's kernel layout). */
  kernel: ArrayLike<number>;
  /** units values (default zeros). */
  bias?: ArrayLike<number>;
}

/** Fully connected layer: y = xW + b, x of length `inputs`, y of length `units`. */
export function dense(x: ArrayLike<number>, layer: DenseWeights): Float32Array {
  const { inputs, units, kernel: W, bias } = layer;
  if (x.length !== inputs) throw new RangeError(`dense expects ${inputs} inputs, got ${x.length}`);
  if (W.length !== inputs * units) throw new RangeError(`dense kernel needs ${inputs * units} weights, got ${W.length}`);
  checkBias(bias, units);
  const out = new Float32Array(units);
  for (let j = 0; j < units; j++) {
    let acc = 0;
    for (let i = 0; i < inputs; i++) acc += x[i]! * W[i * units + j]!;
    out[j] = bias ? acc + bias[j]! : acc;
  }
  return out;
}

/**
 * Softmax with temperature T > 0 (T = 1 is the usual one; T → 0 approaches argmax, large T
 * approaches uniform). Subtracting the maximum first keeps exp from overflowing.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError('temperature must be a finite number > 0');
  const n = logits.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]!);
  const e = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    e[i] = Math.exp((logits[i]! - max) / temperature);
    total += e[i]!;
  }
  for (let i = 0; i < n; i++) out[i] = e[i]! / total;
  return out;
}

/** Index of the largest value (the first one on ties); −1 for an empty list. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i]! > values[best]!) best = i;
  return best;
}
