/**
 * ReLU and pooling explorer logic (pure, no DOM). A real MNIST digit (28×28, pixels in [0, 1]) is
 * filtered with a 3×3 Sobel edge kernel ('same' padding, so the map stays 28×28), optionally
 * passed through ReLU, and pooled (max or average, valid padding) with widgets/lib/conv.
 *
 *   feature map  F = conv2d(digit, Sobel)            [28, 28, 1], values roughly in [−4, 4]
 *   after ReLU   R = max(0, F)
 *   pooled       P = maxPool2d(R) or avgPool2d(R)    [O, O, 1], O = ⌊(28 − size) / stride⌋ + 1
 */
import {
  avgPool2d, conv2d, featureMap, kernelFromRows, maxPool2d, outputSize, poolStep, relu,
  type FeatureMap, type PoolKind, type PoolStepResult,
} from '../lib/conv';
import { fmt } from '../lib/format/number';

export const EDGE_FILTERS = ['vertical', 'horizontal'] as const;
export type EdgeFilter = (typeof EDGE_FILTERS)[number];
export const EDGE_LABELS: Record<EdgeFilter, string> = {
  vertical: 'Bordes verticales (Sobel)',
  horizontal: 'Bordes horizontales (Sobel)',
};

/** Sobel kernels, rows[ky][kx]: vertical responds to left-to-right changes, horizontal to top-to-bottom. */
export const SOBEL: Record<EdgeFilter, number[][]> = {
  vertical: [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
  horizontal: [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
};

/** Edge feature map of a single-channel image (height·width values, row-major), 'same' padding. */
export function edgeMap(pixels: ArrayLike<number>, height: number, width: number, filter: EdgeFilter): FeatureMap {
  return conv2d(featureMap(height, width, 1, pixels), kernelFromRows(SOBEL[filter]), { padding: 'same' });
}

export interface PoolSetup {
  kind: PoolKind;
  size: number;
  stride: number;
  relu: boolean;
}

export interface PoolResult {
  /** What goes into the pooling: the edge map, after ReLU when it is on. */
  map: FeatureMap;
  pooled: FeatureMap;
  /** Output side along rows and columns. */
  outH: number;
  outW: number;
}

export function runPool(edges: FeatureMap, s: PoolSetup): PoolResult {
  const map = s.relu ? relu(edges) : edges;
  const opts = { size: s.size, stride: s.stride };
  const pooled = s.kind === 'max' ? maxPool2d(map, opts) : avgPool2d(map, opts);
  return {
    map, pooled,
    outH: outputSize(map.height, s.size, s.stride, 'valid'),
    outW: outputSize(map.width, s.size, s.stride, 'valid'),
  };
}

/** Output cell of the i-th window position (row by row). */
export function poolCell(i: number, outW: number, outH: number): { oy: number; ox: number } {
  if (!(Number.isInteger(i) && i >= 0 && i < outW * outH)) throw new RangeError(`position ${i} is outside 0…${outW * outH - 1}`);
  return { oy: Math.floor(i / outW), ox: i % outW };
}

export function stepAtPool(r: PoolResult, s: PoolSetup, i: number): PoolStepResult {
  const { oy, ox } = poolCell(i, r.outW, r.outH);
  return poolStep(r.map, s.kind, { size: s.size, stride: s.stride }, oy, ox, 0);
}

/** Spanish number with decimal comma and true minus sign (two decimals by default). */
export const numText = (v: number, digits = 2): string => fmt(v, digits);

/**
 * "máx(0; 1,2; 0,35; 0) = 1,2" or "(0 + 1,2 − 0,35 + 0) / 4 = 0,21": the arithmetic of one window.
 * Values are listed row by row; items are separated by ';' because the decimal mark is a comma.
 */
export function poolText(step: PoolStepResult, kind: PoolKind): string {
  const inside = step.cells.filter((c) => !c.padding).map((c) => c.value);
  if (kind === 'max') return `máx(${inside.map((v) => numText(v)).join('; ')}) = ${numText(step.value)}`;
  const sum = inside.map((v, i) => (i === 0 ? numText(v) : v < 0 ? ` − ${numText(-v)}` : ` + ${numText(v)}`)).join('');
  return `(${sum}) / ${step.count} = ${numText(step.value)}`;
}

/** "⌊(28 − 2) / 2⌋ + 1 = 14": the output size along one axis, with live numbers. */
export function poolSizeText(n: number, size: number, stride: number): string {
  const o = outputSize(n, size, stride, 'valid');
  return `O = ⌊(N − K) / S⌋ + 1 = ⌊(${n} − ${size}) / ${stride}⌋ + 1 = ${o}`;
}

export interface MapStats {
  min: number;
  max: number;
  /** Fraction of values exactly 0 (in [0, 1]). */
  zeros: number;
  /** Fraction of values below 0. */
  negatives: number;
}

export function mapStats(values: ArrayLike<number>): MapStats {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let zeros = 0;
  let negatives = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
    else if (v < 0) negatives++;
  }
  const n = values.length || 1;
  return { min, max, zeros: zeros / n, negatives: negatives / n };
}

/** Spanish one-line description of a map for text alternatives. */
export function describeMap(name: string, m: FeatureMap): string {
  const st = mapStats(m.data);
  const pct = (f: number): string => `${Math.round(f * 100)} %`;
  return `${name}: ${m.height} × ${m.width} valores entre ${numText(st.min)} y ${numText(st.max)}; ` +
    `${pct(st.zeros)} son cero y ${pct(st.negatives)} negativos.`;
}

/** Index of the n-th image (0-based) with the given label, or −1 when there are not that many. */
export function nthWithLabel(labels: ArrayLike<number>, label: number, n: number): number {
  let seen = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === label) {
      if (seen === n) return i;
      seen++;
    }
  }
  return -1;
}
