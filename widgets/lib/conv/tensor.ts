/**
 * Feature maps and the geometry of sliding windows (pure, no DOM).
 *
 * Layout: one image, channels last (NHWC with N = 1, the TensorFlow default). The value at row y,
 * column x, channel c lives at `data[(y * width + x) * channels + c]`.
 *
 * Output size of a window of size k moved with stride s over n cells (TensorFlow's rule):
 *   valid: out = floor((n − k) / s) + 1          (no padding; 0 when k > n)
 *   same:  out = ceil(n / s)                      (pads with zeros as needed)
 * For 'same', the total padding is max((out − 1)·s + k − n, 0); half of it (rounded down) goes
 * before (top/left) and the rest after (bottom/right), exactly as TensorFlow does.
 */
export type Padding = 'same' | 'valid';

export interface FeatureMap {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** height·width·channels values, HWC order (see the module comment). */
  readonly data: Float32Array;
}

/** A convolution kernel, layout [kh, kw, cin, cout] (TensorFlow's HWIO). */
export interface Kernel {
  readonly kh: number;
  readonly kw: number;
  readonly cin: number;
  readonly cout: number;
  /** kh·kw·cin·cout values; index ((ky·kw + kx)·cin + ci)·cout + co. */
  readonly data: Float32Array;
}

const assertDim = (name: string, v: number): void => {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${v}`);
};

/** A feature map of the given size; zeros unless `data` is given (a Float32Array is used as is, not copied). */
export function featureMap(height: number, width: number, channels: number, data?: ArrayLike<number>): FeatureMap {
  assertDim('height', height);
  assertDim('width', width);
  assertDim('channels', channels);
  const n = height * width * channels;
  if (data && data.length !== n) throw new RangeError(`expected ${n} values (${height}×${width}×${channels}), got ${data.length}`);
  const arr = data instanceof Float32Array ? data : data ? Float32Array.from(data) : new Float32Array(n);
  return { height, width, channels, data: arr };
}

/** A kernel of the given shape; zeros unless `data` is given (layout [kh, kw, cin, cout]; a Float32Array is used as is). */
export function kernel(kh: number, kw: number, cin: number, cout: number, data?: ArrayLike<number>): Kernel {
  assertDim('kh', kh);
  assertDim('kw', kw);
  assertDim('cin', cin);
  assertDim('cout', cout);
  const n = kh * kw * cin * cout;
  if (data && data.length !== n) throw new RangeError(`expected ${n} kernel values, got ${data.length}`);
  const arr = data instanceof Float32Array ? data : data ? Float32Array.from(data) : new Float32Array(n);
  return { kh, kw, cin, cout, data: arr };
}

/** A single-channel map from rows of numbers (rows[y][x]); handy for small examples. */
export function fromRows(rows: readonly (readonly number[])[]): FeatureMap {
  const h = rows.length;
  const w = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== w)) throw new RangeError('all rows must have the same length');
  return featureMap(h, w, 1, rows.flat());
}

/** A single-input, single-output kernel [kh, kw, 1, 1] from rows of numbers. */
export function kernelFromRows(rows: readonly (readonly number[])[]): Kernel {
  const kh = rows.length;
  const kw = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== kw)) throw new RangeError('all kernel rows must have the same length');
  return kernel(kh, kw, 1, 1, rows.flat());
}

export const indexOf = (m: FeatureMap, y: number, x: number, c: number): number =>
  (y * m.width + x) * m.channels + c;

export const valueAt = (m: FeatureMap, y: number, x: number, c = 0): number => m.data[indexOf(m, y, x, c)]!;

export const kernelIndex = (k: Kernel, ky: number, kx: number, ci: number, co: number): number =>
  ((ky * k.kw + kx) * k.cin + ci) * k.cout + co;

/** One channel as a height·width array (row-major), e.g. to draw a feature map. */
export function channelOf(m: FeatureMap, c: number): Float32Array {
  if (!(c >= 0 && c < m.channels)) throw new RangeError(`channel ${c} out of range 0…${m.channels - 1}`);
  const out = new Float32Array(m.height * m.width);
  for (let i = 0; i < out.length; i++) out[i] = m.data[i * m.channels + c]!;
  return out;
}

/** Output cells along one axis (see the module comment for the formula). */
export function outputSize(n: number, k: number, s: number, padding: Padding): number {
  assertDim('n', n);
  assertDim('k', k);
  assertDim('s', s);
  if (padding === 'same') return Math.ceil(n / s);
  return n < k ? 0 : Math.floor((n - k) / s) + 1;
}

export interface AxisPadding {
  /** Output cells along this axis. */
  out: number;
  /** Zeros added before the first cell (top or left). */
  before: number;
  /** Zeros added after the last cell (bottom or right); ≥ before. */
  after: number;
}

/** TensorFlow's padding for one axis: 'valid' pads nothing; 'same' splits, extra after. */
export function axisPadding(n: number, k: number, s: number, padding: Padding): AxisPadding {
  const out = outputSize(n, k, s, padding);
  if (padding === 'valid') return { out, before: 0, after: 0 };
  const total = Math.max((out - 1) * s + k - n, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** Window geometry on a 2-D map: output size and padding per axis. */
export interface Window2d {
  kh: number;
  kw: number;
  sy: number;
  sx: number;
  rows: AxisPadding;
  cols: AxisPadding;
}

export type Pair = number | readonly [number, number];
export const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

export function window2d(height: number, width: number, size: Pair, stride: Pair, padding: Padding): Window2d {
  const [kh, kw] = pair(size);
  const [sy, sx] = pair(stride);
  return { kh, kw, sy, sx, rows: axisPadding(height, kh, sy, padding), cols: axisPadding(width, kw, sx, padding) };
}

/**
 * Input row and column of the top-left of output cell (oy, ox)'s window (negative inside the
 * padding), for the step-by-step views; a RangeError when the cell (oy, ox, c) is outside the
 * output (rows.out × cols.out × `channels`).
 */
export function windowOrigin(g: Window2d, oy: number, ox: number, c: number, channels: number): { top: number; left: number } {
  if (!(oy >= 0 && oy < g.rows.out && ox >= 0 && ox < g.cols.out && c >= 0 && c < channels)) {
    throw new RangeError(`output cell (${oy}, ${ox}, ${c}) is outside ${g.rows.out}×${g.cols.out}×${channels}`);
  }
  return { top: oy * g.sy - g.rows.before, left: ox * g.sx - g.cols.before };
}

/** The input cell under tap (ky, kx) of a window whose top-left is (top, left), channel c: its position, whether it falls in the padding, and its index in input.data (−1 in the padding). */
export function windowTap(input: FeatureMap, top: number, left: number, ky: number, kx: number, c: number): { iy: number; ix: number; padding: boolean; inputIndex: number } {
  const iy = top + ky;
  const ix = left + kx;
  const padding = iy < 0 || iy >= input.height || ix < 0 || ix >= input.width;
  return { iy, ix, padding, inputIndex: padding ? -1 : indexOf(input, iy, ix, c) };
}
