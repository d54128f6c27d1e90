/**
 * What a quantization costs and saves: error between original and restored values, storage size,
 * and a histogram helper to draw "before" and "after" distributions on the same bins.
 */
import type { Scheme } from './affine';

export interface ErrorStats {
  /** Mean of (x − x̂)². */
  mse: number;
  /** √mse, in the units of x. */
  rmse: number;
  /** max |x − x̂|. */
  maxAbs: number;
  /** Mean of |x − x̂|. */
  meanAbs: number;
}

export function errorStats(original: ArrayLike<number>, restored: ArrayLike<number>): ErrorStats {
  const n = original.length;
  if (n !== restored.length) throw new RangeError('original and restored differ in length');
  if (n === 0) return { mse: 0, rmse: 0, maxAbs: 0, meanAbs: 0 };
  let se = 0;
  let ae = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const e = original[i]! - restored[i]!;
    se += e * e;
    ae += Math.abs(e);
    if (Math.abs(e) > maxAbs) maxAbs = Math.abs(e);
  }
  return { mse: se / n, rmse: Math.sqrt(se / n), maxAbs, meanAbs: ae / n };
}

export type SizeScheme = Scheme | 'minmax';

export interface SizeReport {
  /** The same values as float32: 4 bytes each. */
  float32Bytes: number;
  /** Codes packed tightly: ⌈count · bits / 8⌉. */
  dataBytes: number;
  /**
   * Parameters per channel: 'minmax' keeps min and max (two float32, 8 bytes); 'affine' and
   * 'symmetric' keep what a .tflite file stores, a float32 scale and an int64 zero point (12 bytes).
   */
  paramBytes: number;
  totalBytes: number;
  /** totalBytes / float32Bytes (0.25 plus a little for 8 bits). */
  ratio: number;
}

export function sizeBytes(count: number, bits: number, scheme: SizeScheme, channels = 1): SizeReport {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isInteger(bits) || bits < 1 || bits > 32) throw new RangeError('bits must be an integer in [1, 32]');
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError('channels must be a positive integer');
  const float32Bytes = 4 * count;
  const dataBytes = Math.ceil((count * bits) / 8);
  const paramBytes = channels * (scheme === 'minmax' ? 8 : 12);
  const totalBytes = dataBytes + paramBytes;
  return { float32Bytes, dataBytes, paramBytes, totalBytes, ratio: float32Bytes > 0 ? totalBytes / float32Bytes : 0 };
}

export interface Histogram {
  /** bins + 1 edges, from lo to hi. */
  edges: number[];
  /** counts[k] counts values in [edges[k], edges[k+1]) (the last bin also includes hi). */
  counts: number[];
  lo: number;
  hi: number;
  binWidth: number;
  /** Values below lo or above hi (not counted in any bin). */
  outside: number;
}

/**
 * Counts values into `bins` equal bins over [lo, hi] (default: the data's own min and max).
 * Non-finite values are counted as outside. A zero-width range is widened by ±0.5.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: { lo: number; hi: number }): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('bins must be a positive integer');
  let lo = range?.lo ?? Infinity;
  let hi = range?.hi ?? -Infinity;
  if (!range) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === Infinity) {
      lo = 0;
      hi = 1;
    }
  }
  if (!(hi >= lo)) throw new RangeError('need lo <= hi');
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const binWidth = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) {
      outside++;
      continue;
    }
    const k = Math.min(bins - 1, Math.floor((v - lo) / binWidth));
    counts[k]!++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + k * binWidth));
  return { edges, counts, lo, hi, binWidth, outside };
}
