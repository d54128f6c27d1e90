/**
 * Signed integer quantization as TensorFlow Lite stores it: real value = scale · (q − zero_point).
 *
 * - Affine ("asymmetric", activations): the range [min, max] is first widened to contain 0, then
 *     scale = (max − min) / (qmax − qmin),  zero_point = clamp(round(qmin − min / scale))
 *   with qmin = −2^(b−1), qmax = 2^(b−1) − 1 (−128 and 127 for b = 8). Zero is then exactly
 *   representable (by q = zero_point), which TFLite needs for padding and ReLU.
 * - Symmetric (weights): zero_point = 0, scale = max|x| / qmax, codes in [−qmax, qmax]
 *   (TFLite's "narrow range" int8: −127…127).
 * Both: q = clamp(round(x / scale) + zero_point), x̂ = (q − zero_point) · scale.
 *
 * Per-tensor uses one (scale, zero_point) for everything; per-channel one pair for each index
 * along `axis` (TFLite's quantized_dimension: 0 for Conv2D/Dense weights, 3 for depthwise).
 * `round` is half away from zero, as TFLite's TfLiteRound.
 */
import { roundHalfAway } from './minmax';

export type Scheme = 'affine' | 'symmetric';

export interface QuantParams {
  scale: number;
  zeroPoint: number;
  /** Smallest and largest integer code. */
  qmin: number;
  qmax: number;
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 2 || bits > 16) throw new RangeError('bits must be an integer in [2, 16]');
}

/** Affine parameters for the real range [min, max] (widened to include 0) with b signed bits. */
export function affineParams(min: number, max: number, bits = 8): QuantParams {
  checkBits(bits);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new RangeError('need finite min <= max');
  const qmin = -(2 ** (bits - 1));
  const qmax = 2 ** (bits - 1) - 1;
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  // An all-zero range has no natural scale; any positive scale represents it exactly.
  const scale = hi > lo ? (hi - lo) / (qmax - qmin) : 1;
  const zeroPoint = Math.min(qmax, Math.max(qmin, roundHalfAway(qmin - lo / scale)));
  return { scale, zeroPoint, qmin, qmax };
}

/** Symmetric parameters for values with largest magnitude `maxAbs`, b signed bits, narrow range. */
export function symmetricParams(maxAbs: number, bits = 8): QuantParams {
  checkBits(bits);
  if (!(maxAbs >= 0) || !Number.isFinite(maxAbs)) throw new RangeError('maxAbs must be finite and >= 0');
  const qmax = 2 ** (bits - 1) - 1;
  return { scale: maxAbs > 0 ? maxAbs / qmax : 1, zeroPoint: 0, qmin: -qmax, qmax };
}

/** q = clamp(round(x / scale) + zero_point, qmin, qmax). */
export function quantizeValue(x: number, p: QuantParams): number {
  const q = roundHalfAway(x / p.scale) + p.zeroPoint;
  return Math.min(p.qmax, Math.max(p.qmin, q));
}

/** x̂ = (q − zero_point) · scale. */
export function dequantizeValue(q: number, p: QuantParams): number {
  return (q - p.zeroPoint) * p.scale;
}

/** For a row-major tensor of `shape`, maps a flat index to its index along `axis` (its channel). */
export function channelOfIndex(shape: readonly number[], axis: number): (flatIndex: number) => number {
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const dim = shape[axis]!;
  return (i) => Math.floor(i / inner) % dim;
}

export interface TensorQuantOptions {
  scheme: Scheme;
  bits?: number;
  /** Per-channel along this axis of `shape`; omit for per-tensor. */
  axis?: number;
}

export interface QuantizedTensor {
  scheme: Scheme;
  bits: number;
  /** undefined for per-tensor. */
  axis: number | undefined;
  /** One entry per channel (one in total for per-tensor). */
  params: QuantParams[];
  /** Integer codes, same length and order as the input. */
  codes: Int32Array;
  /** Dequantized values, same length and order as the input. */
  restored: Float64Array;
}

/**
 * Quantizes a row-major tensor of the given shape, per tensor or per channel.
 * Each channel's range is its own min/max (affine) or max |x| (symmetric).
 */
export function quantizeTensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  opts: TensorQuantOptions,
): QuantizedTensor {
  const bits = opts.bits ?? 8;
  const n = shape.reduce((a, b) => a * b, 1);
  if (n !== values.length || n === 0)
    throw new RangeError(`shape [${shape.join(', ')}] does not match ${values.length} values`);
  const { axis } = opts;
  if (axis !== undefined && (!Number.isInteger(axis) || axis < 0 || axis >= shape.length)) {
    throw new RangeError(`axis ${axis} is outside a rank-${shape.length} shape`);
  }
  const channels = axis === undefined ? 1 : shape[axis]!;
  const chanOf = axis === undefined ? () => 0 : channelOfIndex(shape, axis);
  const lo = new Float64Array(channels).fill(Infinity);
  const hi = new Float64Array(channels).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError('values must be finite');
    const c = chanOf(i);
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  const params: QuantParams[] = [];
  for (let c = 0; c < channels; c++) {
    params.push(
      opts.scheme === 'affine'
        ? affineParams(lo[c]!, hi[c]!, bits)
        : symmetricParams(Math.max(Math.abs(lo[c]!), Math.abs(hi[c]!)), bits),
    );
  }
  const codes = new Int32Array(n);
  const restored = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = params[chanOf(i)]!;
    const q = quantizeValue(values[i]!, p);
    codes[i] = q;
    restored[i] = dequantizeValue(q, p);
  }
  return { scheme: opts.scheme, bits, axis, params, codes, restored };
}
