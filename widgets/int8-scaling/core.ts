/**
 * int8 vs float32 as the model grows (pure, no DOM, no runtime): the course's default CNN
 * architecture at width multiplier k,
 *
 *   input [28, 28, 1] → conv1 (8k filters 3×3, same, ReLU) → max 2×2 → conv2 (16k filters 3×3,
 *   same, ReLU) → max 2×2 → flatten [7·7·16k] → dense 10 (softmax)
 *
 *   parameters P(k) = (9·1·8k + 8k) + (9·8k·16k + 16k) + (784k·10 + 10) = 1152k² + 7936k + 10
 *
 * (k = 1 is the default model: 9 098 parameters), with random weights from a fixed seed
 * (Glorot uniform, limit √(6 / (fan_in + fan_out)); biases uniform in ±0.05) as a KerasModel
 * that lib/convert turns into float32 and int8 .tflite files; a fixed calibration set of noise
 * images; the timing groups; and the crossover read off the measured points.
 * Accuracy is not the point here (the weights are random): size and latency are.
 */
import { summarize, type LayerSpec } from '../lib/conv/shapes';
import type { KerasLayer, KerasModel } from '../lib/convert/keras';
import { createRng } from '../lib/rng/rng';

/** The ladder of width multipliers the lesson sweeps (≈ 9 k → ≈ 337 k parameters). */
export const WIDTHS = [1, 2, 4, 7, 10, 14] as const;
export const MAX_WIDTH = 16;
export const INPUT = [28, 28, 1] as const;

export const specsFor = (k: number): LayerSpec[] => [
  { type: 'conv2d', filters: 8 * k, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2 },
  { type: 'conv2d', filters: 16 * k, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

/** Parameters and multiply-adds of width k (lib/conv/shapes). */
export function sizeOf(k: number): { params: number; macs: number } {
  const s = summarize([...INPUT], specsFor(k));
  return { params: s.totalParams, macs: s.totalMacs };
}

function glorot(rng: ReturnType<typeof createRng>, shape: number[], fanIn: number, fanOut: number): { shape: number[]; values: Float32Array } {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: n }, () => rng.uniform(-lim, lim)) };
}
const biases = (rng: ReturnType<typeof createRng>, n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-0.05, 0.05));

/** The width-k model with seeded random weights, in tfjs layouts (Conv2D [kh, kw, cin, cout], Dense [in, out]). */
export function randomModel(k: number, seed = 1): KerasModel {
  if (!Number.isInteger(k) || k < 1 || k > MAX_WIDTH) throw new RangeError(`width must be an integer in 1…${MAX_WIDTH}`);
  const rng = createRng(seed * 1000 + k);
  const c1 = 8 * k;
  const c2 = 16 * k;
  const win = { strides: [1, 1] as [number, number], padding: 'same' as const };
  const pool = { strides: [2, 2] as [number, number], padding: 'valid' as const };
  const layers: KerasLayer[] = [
    { kind: 'conv2d', name: 'conv1', filters: c1, kernelSize: [3, 3], dilation: [1, 1], activation: 'relu', ...win,
      kernel: glorot(rng, [3, 3, 1, c1], 9, 9 * c1), bias: biases(rng, c1) },
    { kind: 'pool', name: 'pool1', pool: 'max', poolSize: [2, 2], ...pool },
    { kind: 'conv2d', name: 'conv2', filters: c2, kernelSize: [3, 3], dilation: [1, 1], activation: 'relu', ...win,
      kernel: glorot(rng, [3, 3, c1, c2], 9 * c1, 9 * c2), bias: biases(rng, c2) },
    { kind: 'pool', name: 'pool2', pool: 'max', poolSize: [2, 2], ...pool },
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'output', units: 10, activation: 'softmax', kernel: glorot(rng, [7 * 7 * c2, 10], 7 * 7 * c2, 10), bias: biases(rng, 10) },
  ];
  return { name: `cnn_x${k}`, inputShape: [...INPUT], layers };
}

/** `n` images of uniform noise in [0, 1), 28·28 each, from a fixed seed: the calibration and check set. */
export function noiseImages(n: number, seed = 7): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: 784 }, () => rng.next()));
}

/** A timing group lasts at least this long… */
export const MIN_GROUP_MS = 20;
/** …and at least this many steps of the browser's clock, so its rounding is ≤ 5 % of a group. */
export const MIN_GROUP_STEPS = 20;

/** Whether a group of consecutive runs that has lasted `elapsedMs` may stop (clock step `stepMs`). */
export const groupDone = (elapsedMs: number, stepMs: number): boolean =>
  elapsedMs >= Math.max(MIN_GROUP_MS, MIN_GROUP_STEPS * stepMs);

/** The clock's step: the smallest positive difference between successive readings (Infinity if none). */
export function clockStep(readings: readonly number[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < readings.length; i++) {
    const d = readings[i]! - readings[i - 1]!;
    if (d > 0 && d < step) step = d;
  }
  return step;
}

/** Median of a non-empty list (mean of the two middle values when even); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One measured width. Times are medians of the groups' mean ms per inference. */
export interface Point {
  k: number;
  params: number;
  macs: number;
  fp32Bytes: number;
  int8Bytes: number;
  fp32Ms: number;
  int8Ms: number;
  /** Top-1 agreement LiteRT float32 vs LiteRT int8 on the check images, and max |p_fp32 − p_int8|. */
  agree: number;
  checked: number;
  maxDiff: number;
  /** max |LiteRT − TS reference interpreter| of the probabilities, float32 and int8 files (int8 output step: 1/256). */
  refFp32: number;
  refInt8: number;
}

/** Engines agree: float32 within 1e-4, int8 within one output step (1/256) plus rounding. */
export const enginesAgree = (p: Pick<Point, 'refFp32' | 'refInt8'>): boolean => p.refFp32 < 1e-4 && p.refInt8 <= 1 / 256 + 1e-6;

export const sizeRatio = (p: Point): number => p.int8Bytes / p.fp32Bytes;
export const latencyRatio = (p: Point): number => p.int8Ms / p.fp32Ms;

/** Within 10 % of the ideal 1/4: |r − 0.25| ≤ 0.025. */
export const nearQuarter = (r: number): boolean => Math.abs(r - 0.25) <= 0.025 + 1e-12;

/**
 * The first measured point (in increasing parameter count) where the size ratio is within 10 %
 * of 0.25, and the first where int8 is no slower than float32 (latency ratio ≤ 1); null if none.
 */
export function crossovers(points: readonly Point[]): { size: Point | null; latency: Point | null } {
  const s = [...points].sort((a, b) => a.params - b.params);
  return { size: s.find((p) => nearQuarter(sizeRatio(p))) ?? null, latency: s.find((p) => latencyRatio(p) <= 1) ?? null };
}

/**
 * Fixed bytes of a file: fitting bytes ≈ a + b·P over the points (least squares) gives the
 * overhead a and the bytes per parameter b (≈ 4 for float32, ≈ 1 for int8). Needs two points.
 */
export function linearFit(xs: readonly number[], ys: readonly number[]): { a: number; b: number } | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

export type Phase = 'listo' | 'convirtiendo' | 'midiendo' | 'hecho' | 'cancelado' | 'error';

/** What the view enables in each phase. */
export function phaseControls(p: Phase): { run: boolean; cancel: boolean; widths: boolean } {
  const busy = p === 'convirtiendo' || p === 'midiendo';
  return { run: !busy, cancel: busy, widths: !busy };
}

/** Sorted, unique, in 1…MAX_WIDTH: the widths a run sweeps (the URL or the author's config). */
export function cleanWidths(ws: readonly number[]): number[] {
  return [...new Set(ws.map((w) => Math.round(w)).filter((w) => w >= 1 && w <= MAX_WIDTH))].sort((a, b) => a - b);
}
