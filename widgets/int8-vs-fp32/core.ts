/**
 * Pure logic of the int8-vs-fp32 widget (no DOM, no runtime): statistics of latency samples,
 * the summary of the two models compared digit by digit (the tally itself: lib/convert/compare.ts),
 * the per-layer quantization error, and the facts and sentences the view shows.
 */
import { Tally } from '../lib/convert/compare';

/**
 * Quantile q ∈ [0, 1] of `xs` by linear interpolation between order statistics (the usual
 * "type 7" definition, numpy's default): position h = (n − 1)·q in the sorted list, value
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). The median is q = 0.5 (mean of the two middle
 * values when n is even). NaN for an empty list.
 */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError('q must be in [0, 1]');
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export interface LatencyStats {
  /** Milliseconds per inference. */
  median: number;
  p90: number;
  min: number;
  /** Number of samples (each one the mean of a group of consecutive runs). */
  samples: number;
}

export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  return {
    median: quantile(samplesMs, 0.5),
    p90: quantile(samplesMs, 0.9),
    min: samplesMs.length ? Math.min(...samplesMs) : NaN,
    samples: samplesMs.length,
  };
}

/** The two engines this widget compares. */
export type Engine = 'fp32' | 'int8';

export const emptyTally = (): Tally<Engine> => new Tally<Engine>(['fp32', 'int8']);

export interface TallySummary {
  n: number;
  /** Fractions in [0, 1]. */
  accFp32: number;
  accInt8: number;
  agreement: number;
  /** accFp32 − accInt8 in percentage points (positive: int8 lost accuracy). */
  dropPoints: number;
  maxAbsDiff: number;
}

export function summarize(t: Tally<Engine>): TallySummary {
  const f = (k: number): number => (t.n ? k / t.n : NaN);
  return {
    n: t.n,
    accFp32: f(t.correct('fp32')),
    accInt8: f(t.correct('int8')),
    agreement: f(t.agree('fp32', 'int8')),
    dropPoints: 100 * (f(t.correct('fp32')) - f(t.correct('int8'))),
    maxAbsDiff: t.maxAbsDiff('fp32', 'int8'),
  };
}

/** Squared error sums of one layer, accumulated over images. */
export interface LayerAcc {
  name: string;
  op: string;
  /** Scale of the layer's int8 tensor (real units per step). */
  scale: number;
  /** Σ (int8 dequantized − float)² and Σ float², over every value of every image. */
  sumSqErr: number;
  sumSqRef: number;
  maxAbs: number;
  count: number;
}

export interface LayerError {
  name: string;
  op: string;
  scale: number;
  /** √(Σ e² / count), in the layer's real units. */
  rmse: number;
  /** rmse / scale: the error counted in int8 steps (pure rounding gives 1/√12 ≈ 0,29). */
  rmseSteps: number;
  /** rmse / √(Σ float² / count): the error relative to the layer's own RMS value. */
  relative: number;
  maxAbs: number;
  count: number;
}

/** Pure rounding to a grid of step s leaves a uniform error in [−s/2, s/2]: RMS s/√12. */
export const ROUNDING_RMS_STEPS = 1 / Math.sqrt(12);

/**
 * Adds one image's activations of one layer: `ref` the float model's values, `deq` the int8
 * model's values already dequantized (same length, same order). Creates the layer's entry the
 * first time its name is seen; layers keep the order of first appearance.
 */
export function addLayerSample(
  accs: LayerAcc[], name: string, op: string, scale: number, ref: ArrayLike<number>, deq: ArrayLike<number>,
): void {
  if (ref.length !== deq.length) throw new RangeError(`layer ${name}: ${ref.length} float values vs ${deq.length} int8 values`);
  let a = accs.find((x) => x.name === name);
  if (!a) accs.push((a = { name, op, scale, sumSqErr: 0, sumSqRef: 0, maxAbs: 0, count: 0 }));
  for (let i = 0; i < ref.length; i++) {
    const e = deq[i]! - ref[i]!;
    a.sumSqErr += e * e;
    a.sumSqRef += ref[i]! * ref[i]!;
    a.maxAbs = Math.max(a.maxAbs, Math.abs(e));
  }
  a.count += ref.length;
}

export function layerErrors(accs: readonly LayerAcc[]): LayerError[] {
  return accs.map((a) => {
    const rmse = a.count ? Math.sqrt(a.sumSqErr / a.count) : NaN;
    const rms = a.count ? Math.sqrt(a.sumSqRef / a.count) : NaN;
    return { name: a.name, op: a.op, scale: a.scale, rmse, rmseSteps: rmse / a.scale, relative: rms > 0 ? rmse / rms : NaN, maxAbs: a.maxAbs, count: a.count };
  });
}

/** int8 size as a fraction of the float32 size, and the saving in percent. */
export function sizeComparison(fp32Bytes: number, int8Bytes: number): { ratio: number; savedPct: number } {
  const ratio = int8Bytes / fp32Bytes;
  return { ratio, savedPct: 100 * (1 - ratio) };
}

export type SpeedVerdict = 'int8' | 'fp32' | 'tie';

/** Which model had the lower median latency; within ±`tolerance` (relative) it is a tie. */
export function speedVerdict(fp32Ms: number, int8Ms: number, tolerance = 0.05): SpeedVerdict {
  const r = int8Ms / fp32Ms;
  if (r < 1 - tolerance) return 'int8';
  if (r > 1 + tolerance) return 'fp32';
  return 'tie';
}

/** Top-1 ImageNet accuracy (%) before and after full-integer post-training quantization, as the course notes cite it. */
export interface PtqFact {
  model: string;
  float: number;
  int8: number;
}

export const PTQ_FACTS: readonly PtqFact[] = [
  { model: 'MobileNet v1 1.0 224', float: 71.03, int8: 69.57 },
  { model: 'MobileNet v2 1.0 224', float: 70.77, int8: 70.2 },
  { model: 'ResNet v1 50', float: 76.3, int8: 75.95 },
];

/** Accuracy lost by quantizing, in percentage points (float − int8), rounded to 0.01. */
export const ptqDrop = (f: PtqFact): number => Math.round(100 * (f.float - f.int8)) / 100;
