/**
 * Max and average pooling on HWC feature maps (pure, no DOM), channel by channel, with
 * TensorFlow's window geometry (tensor.ts). Cells of the window that fall in the 'same' padding are
 * ignored: max takes the largest value inside the input, average divides by the number of cells
 * inside the input (as tf.avgPool does). Matches tfjs's maxPool/avgPool (tests/unit/conv-ops.test.ts).
 */
import { featureMap, window2d, windowOrigin, windowTap, type FeatureMap, type Padding, type Pair } from './tensor';

export type PoolKind = 'max' | 'avg';

export interface PoolOptions {
  /** Window size in rows and columns. */
  size: Pair;
  /** Default: the window size (windows that do not overlap). */
  stride?: Pair;
  /** Default 'valid'. */
  padding?: Padding;
}

function poolGeometry(input: FeatureMap, opts: PoolOptions) {
  const g = window2d(input.height, input.width, opts.size, opts.stride ?? opts.size, opts.padding ?? 'valid');
  if (g.rows.out === 0 || g.cols.out === 0) throw new RangeError('the pooling window is larger than the input');
  return g;
}

export interface PoolCell {
  iy: number;
  ix: number;
  /** Index into input.data, or −1 for a padding cell (ignored by both kinds of pooling). */
  inputIndex: number;
  value: number;
  padding: boolean;
}

export interface PoolStepResult {
  oy: number;
  ox: number;
  c: number;
  top: number;
  left: number;
  /** The kh·kw cells of the window, row by row. */
  cells: PoolCell[];
  /** Cells inside the input (the divisor of average pooling). */
  count: number;
  /** Position in `cells` of the maximum (first one on ties). */
  argmax: number;
  /** The pooled value (float32), exactly what maxPool2d / avgPool2d return. */
  value: number;
}

/** The window behind one pooled cell: which cells it covers and what it keeps. */
export function poolStep(input: FeatureMap, kind: PoolKind, opts: PoolOptions, oy: number, ox: number, c: number): PoolStepResult {
  const g = poolGeometry(input, opts);
  const { top, left } = windowOrigin(g, oy, ox, c, input.channels);
  const cells: PoolCell[] = [];
  let count = 0;
  let sum = 0;
  let best = Number.NEGATIVE_INFINITY;
  let argmax = -1;
  for (let ky = 0; ky < g.kh; ky++) {
    for (let kx = 0; kx < g.kw; kx++) {
      const { iy, ix, padding, inputIndex } = windowTap(input, top, left, ky, kx, c);
      const value = padding ? 0 : input.data[inputIndex]!;
      if (!padding) {
        count++;
        sum += value;
        if (value > best || argmax < 0) {
          best = value;
          argmax = cells.length;
        }
      }
      cells.push({ iy, ix, inputIndex, value, padding });
    }
  }
  const value = Math.fround(kind === 'max' ? best : sum / count);
  return { oy, ox, c, top, left, cells, count, argmax, value };
}

function pool(input: FeatureMap, kind: PoolKind, opts: PoolOptions): FeatureMap {
  const g = poolGeometry(input, opts);
  const oh = g.rows.out;
  const ow = g.cols.out;
  const { height: h, width: w, channels: ch } = input;
  const out = new Float32Array(oh * ow * ch);
  for (let oy = 0; oy < oh; oy++) {
    const y0 = oy * g.sy - g.rows.before;
    const ya = Math.max(y0, 0);
    const yb = Math.min(y0 + g.kh, h);
    for (let ox = 0; ox < ow; ox++) {
      const x0 = ox * g.sx - g.cols.before;
      const xa = Math.max(x0, 0);
      const xb = Math.min(x0 + g.kw, w);
      for (let c = 0; c < ch; c++) {
        let acc = kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
        for (let y = ya; y < yb; y++) {
          for (let x = xa; x < xb; x++) {
            const v = input.data[(y * w + x) * ch + c]!;
            if (kind === 'max') acc = v > acc ? v : acc;
            else acc += v;
          }
        }
        out[(oy * ow + ox) * ch + c] = kind === 'max' ? acc : acc / ((yb - ya) * (xb - xa));
      }
    }
  }
  return featureMap(oh, ow, ch, out);
}

/** Max pooling, channel by channel: [h, w, c] → [oh, ow, c]. Padding cells are ignored. */
export const maxPool2d = (input: FeatureMap, opts: PoolOptions): FeatureMap => pool(input, 'max', opts);

/** Average pooling; with 'same' padding it divides by the cells inside the input (as TensorFlow). */
export const avgPool2d = (input: FeatureMap, opts: PoolOptions): FeatureMap => pool(input, 'avg', opts);
