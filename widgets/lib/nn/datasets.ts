/**
 * Small data sets for the widgets. A Dataset holds n samples as two row-major Float32Arrays:
 *   x: [n, inputs]   (row p = the inputs of sample p)
 *   y: [n, outputs]  (row p = its target)
 * Every random one is generated from a seed with createRng, so a seed reproduces it exactly.
 */
import { createRng } from '../rng/rng';

export interface Dataset {
  x: Float32Array;
  y: Float32Array;
  n: number;
  inputs: number;
  outputs: number;
}

/** Builds a Dataset from plain rows, checking that every row has the same width. */
export function makeDataset(xs: readonly (readonly number[])[], ys: readonly (readonly number[])[]): Dataset {
  const n = xs.length;
  if (n === 0 || ys.length !== n) throw new RangeError('makeDataset: need the same, non-zero number of inputs and targets');
  const inputs = xs[0]!.length;
  const outputs = ys[0]!.length;
  if (xs.some((r) => r.length !== inputs) || ys.some((r) => r.length !== outputs)) {
    throw new RangeError('makeDataset: rows of different widths');
  }
  return { x: Float32Array.from(xs.flat()), y: Float32Array.from(ys.flat()), n, inputs, outputs };
}

/** Row p of a Dataset's inputs or targets as a plain array. */
export function row(data: Float32Array, width: number, p: number): number[] {
  return Array.from(data.subarray(p * width, (p + 1) * width));
}

/** XOR: inputs 0/1, target 1 when exactly one input is 1. Rows in the order 00, 01, 10, 11. */
export function xorDataset(): Dataset {
  return makeDataset(
    [[0, 0], [0, 1], [1, 0], [1, 1]],
    [[0], [1], [1], [0]],
  );
}

export interface SpiralOptions {
  /** Points per class (default 100). */
  perClass?: number;
  seed?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.05). */
  noise?: number;
  /** How many full turns each arm makes (default 1, i.e. 360°). */
  turns?: number;
  /** Targets as one column 0/1 (default, for a sigmoid output) or one-hot [1,0]/[0,1]. */
  oneHot?: boolean;
}

/**
 * Two interleaved spiral arms in the square [−1, 1]², class 0 and class 1, the second being
 * the first rotated by 180°. Point t ∈ [0, 1) of an arm sits at radius r = 0.1 + 0.85·t and angle
 * θ = 2π·turns·t (+ π for class 1), plus noise. Samples alternate between classes.
 */
export function spiralDataset(opts: SpiralOptions = {}): Dataset {
  const { perClass = 100, seed = 1, noise = 0.05, turns = 1, oneHot = false } = opts;
  const rng = createRng(seed);
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let p = 0; p < perClass; p++) {
    const t = p / perClass;
    const r = 0.1 + 0.85 * t;
    for (const cls of [0, 1]) {
      const theta = 2 * Math.PI * turns * t + cls * Math.PI;
      xs.push([r * Math.cos(theta) + rng.normal(0, noise), r * Math.sin(theta) + rng.normal(0, noise)]);
      ys.push(oneHot ? (cls === 0 ? [1, 0] : [0, 1]) : [cls]);
    }
  }
  return makeDataset(xs, ys);
}

/** Curves for the regression widget, x2 = f(x1) on x1 ∈ [−1, 1] (keys are Spanish labels). */
export const CURVES: Readonly<Record<string, (x: number) => number>> = {
  recta: (x) => 0.8 * x - 0.1,
  parábola: (x) => 1.5 * x * x - 0.6,
  seno: (x) => Math.sin(Math.PI * x),
  escalón: (x) => (x < 0 ? -0.5 : 0.5),
};

export interface RegressionOptions {
  /** Number of points (default 30). */
  n?: number;
  seed?: number;
  /** The true curve (default sin(π x1)). */
  f?: (x: number) => number;
  /** Standard deviation of the Gaussian noise added to x2 (default 0.1). */
  noise?: number;
  /** Interval of x1 (default [−1, 1]). */
  range?: readonly [number, number];
}

/**
 * Noisy 1-D regression data x2 = f(x1) + ε, ε ~ N(0, noise²): x1 uniform in `range`, sorted
 * ascending so a line through the points draws left to right. One input, one output.
 */
export function regressionDataset(opts: RegressionOptions = {}): Dataset {
  const { n = 30, seed = 1, f = CURVES['seno']!, noise = 0.1, range = [-1, 1] } = opts;
  const rng = createRng(seed);
  const x1 = Array.from({ length: n }, () => rng.uniform(range[0], range[1])).sort((a, b) => a - b);
  return makeDataset(x1.map((v) => [v]), x1.map((v) => [f(v) + rng.normal(0, noise)]));
}
