/**
 * Pruning explorer (lesson 13), pure logic: prune the default model's kernels by magnitude,
 * pack the result as the files a device would store, and measure what gzip makes of them.
 * No DOM; tfjs is used only by the view (evaluation on the MNIST test split).
 */
import { packFloat32, pruneLayers, quantizeTensor, type LayerPrune, type NamedTensor, type PruneMode } from '../lib/quant';

/** The kernels that are pruned (biases are kept), with the axis of their output channel. */
export const KERNELS = [
  { name: 'conv1/kernel', layer: 'conv1', label: 'conv1', axis: 3 },
  { name: 'conv2/kernel', layer: 'conv2', label: 'conv2', axis: 3 },
  { name: 'output/kernel', layer: 'output', label: 'densa', axis: 1 },
] as const;

/** Sparsities the curve is computed at, in percent: 0, 5, …, 95. */
export const GRID: readonly number[] = Array.from({ length: 20 }, (_, i) => 5 * i);

export interface PrunedModel {
  /** Every tensor of the model in manifest order, kernels pruned. */
  tensors: NamedTensor[];
  layers: LayerPrune[];
  /** Zeros set by pruning over all kernels / number of kernel weights. */
  removed: number;
  kernelCount: number;
}

/** Prunes the kernels of `weights` (all the model's tensors, manifest order) to `pct` % sparsity. */
export function pruneModel(weights: readonly NamedTensor[], pct: number, mode: PruneMode): PrunedModel {
  const kernels = KERNELS.map((k) => {
    const t = weights.find((w) => w.name === k.name);
    if (!t) throw new RangeError(`the model has no ${k.name}`);
    return t;
  });
  const layers = pruneLayers(kernels, pct / 100, mode);
  const tensors = weights.map((w) => {
    const i = KERNELS.findIndex((k) => k.name === w.name);
    return i < 0 ? w : { name: w.name, shape: w.shape, values: layers[i]!.pruned };
  });
  return {
    tensors, layers,
    removed: layers.reduce((a, l) => a + l.removed, 0),
    kernelCount: layers.reduce((a, l) => a + l.count, 0),
  };
}

/** The weights as stored by tfjs/TFLite float32: 4 bytes per value, whatever their value. */
export const float32File = (tensors: readonly NamedTensor[]): Uint8Array => packFloat32(tensors);

/**
 * The same weights as an int8 file: kernels quantized symmetric per channel (one byte each, a zero
 * weight becomes the code 0), biases kept as 4-byte values (TFLite keeps them as int32).
 */
export function int8File(tensors: readonly NamedTensor[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const t of tensors) {
    const k = KERNELS.find((x) => x.name === t.name);
    if (!k) {
      parts.push(packFloat32([t]));
      continue;
    }
    const q = quantizeTensor(t.values, t.shape, { scheme: 'symmetric', bits: 8, axis: k.axis });
    parts.push(new Uint8Array(Int8Array.from(q.codes).buffer));
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Size in bytes of `bytes` after gzip (the browser's and Node's CompressionStream). */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  const reader = stream.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

/** Fraction of `predicted` equal to `labels` (same length). */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length || labels.length === 0) throw new RangeError('need two non-empty arrays of the same length');
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) ok++;
  return ok / labels.length;
}

export interface CurvePoint {
  pct: number;
  /** Test accuracy (fraction), null until evaluated. */
  acc: number | null;
  float32Bytes: number;
  gzipFloat32: number;
  gzipInt8: number;
}
