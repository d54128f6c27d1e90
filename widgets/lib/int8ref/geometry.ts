/**
 * Window geometry shared by every 2-D kernel (convolution, depthwise, pooling), as TFLite computes
 * it (tensorflow/lite/kernels/padding.h). All tensors are NHWC, row-major.
 *
 *   SAME:  out = ceil(in / stride),  total pad = max(0, (out − 1)·stride + effK − in)
 *   VALID: out = floor((in − effK) / stride) + 1
 *   effK = (k − 1)·dilation + 1; the smaller half of the padding goes before (top/left).
 */
import type { PaddingName } from '../tflite/schema';

export interface WindowOptions {
  padding: PaddingName;
  strideH: number;
  strideW: number;
  dilationH?: number;
  dilationW?: number;
}

export interface Axis {
  out: number;
  /** Padding before the first element (top or left). */
  before: number;
}

export function axisGeometry(inSize: number, k: number, stride: number, dilation: number, padding: PaddingName): Axis {
  const eff = (k - 1) * dilation + 1;
  if (padding === 'SAME') {
    const out = Math.ceil(inSize / stride);
    const total = Math.max(0, (out - 1) * stride + eff - inSize);
    return { out, before: Math.floor(total / 2) };
  }
  const out = Math.floor((inSize - eff) / stride) + 1;
  return { out: Math.max(0, out), before: 0 };
}

/** NHWC shape [n, h, w, c] of a rank-4 tensor, or a RangeError naming the operator. */
export function nhwc(shape: readonly number[], what: string): [number, number, number, number] {
  if (shape.length !== 4) throw new RangeError(`${what}: expected an NHWC tensor, got shape [${shape.join(', ')}]`);
  return [shape[0]!, shape[1]!, shape[2]!, shape[3]!];
}
