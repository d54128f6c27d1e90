/**
 * Preprocessing and evaluation helpers shared by reg-vs-class and workflow-stepper (pure).
 * Every formula here is the one lesson 07 prints:
 *   z = (x − μ) / σ, with μ the mean and σ the population standard deviation (÷ N);
 *   MSE = (1/N) Σ (ŷ_i − y_i)²,  RMSE = √MSE,  MAE = (1/N) Σ |ŷ_i − y_i|;
 *   accuracy = (number of right labels) / N;
 *   the 2×2 confusion matrix counts, for the positive class "calor" (1) and the negative "frío" (0):
 *     tp = real 1, predicted 1;  fn = real 1, predicted 0;  fp = real 0, predicted 1;  tn = real 0, predicted 0.
 */
import { createRng } from '../rng/rng';

/** Mean μ and population standard deviation σ of a variable, fitted on the training data. */
export interface Norm {
  mean: number;
  std: number;
}

/** μ and σ of `values` (non-empty). A constant variable gets σ = 1, so z = x − μ stays finite. */
export function fitNorm(values: readonly number[]): Norm {
  const n = values.length;
  if (n === 0) throw new RangeError('fitNorm: no values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n;
  const std = Math.sqrt(variance);
  return { mean, std: std > 1e-12 ? std : 1 };
}

/** z = (x − μ) / σ */
export const normalize = (x: number, n: Norm): number => (x - n.mean) / n.std;
/** x = μ + σ·z (the inverse of normalize) */
export const denormalize = (z: number, n: Norm): number => n.mean + n.std * z;

/** Checks two arrays of the same, non-zero length. */
function pairs(pred: readonly number[], real: readonly number[]): number {
  if (pred.length !== real.length || pred.length === 0) {
    throw new RangeError(`metrics: need two non-empty arrays of the same length (got ${pred.length} and ${real.length})`);
  }
  return pred.length;
}

/** Mean squared error, in the squared unit of the data (°C²). */
export function mse(pred: readonly number[], real: readonly number[]): number {
  const n = pairs(pred, real);
  let s = 0;
  for (let i = 0; i < n; i++) s += (pred[i]! - real[i]!) ** 2;
  return s / n;
}

/** Root mean squared error, in the unit of the data (°C). */
export const rmse = (pred: readonly number[], real: readonly number[]): number => Math.sqrt(mse(pred, real));

/** Mean absolute error, in the unit of the data (°C). */
export function mae(pred: readonly number[], real: readonly number[]): number {
  const n = pairs(pred, real);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(pred[i]! - real[i]!);
  return s / n;
}

/** Counts of the 2×2 confusion matrix for labels 0/1 (1 = "calor", the positive class). */
export interface Confusion {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export function confusion(pred: readonly number[], real: readonly number[]): Confusion {
  const n = pairs(pred, real);
  const c: Confusion = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (let i = 0; i < n; i++) {
    const p = pred[i]! >= 0.5;
    const r = real[i]! >= 0.5;
    if (r && p) c.tp++;
    else if (r) c.fn++;
    else if (p) c.fp++;
    else c.tn++;
  }
  return c;
}

/** Fraction of right labels, 0 … 1. */
export function accuracy(pred: readonly number[], real: readonly number[]): number {
  const c = confusion(pred, real);
  return (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
}

/** Label 1 ("calor") when tomorrow's temperature reaches the threshold, else 0 ("frío"). */
export const hotLabel = (tomorrow: number, threshold: number): number => (tomorrow >= threshold ? 1 : 0);

/** The naive baseline "mañana = hoy": predicts tomorrow's temperature as today's. */
export const persistence = (today: number): number => today;

/** Indices 0 … n − 1 split into three disjoint, sorted sets. */
export interface Split {
  train: number[];
  val: number[];
  test: number[];
}

/**
 * Shuffles 0 … n − 1 with createRng(seed) and cuts the shuffled list in three:
 * test = round(n · testFrac), validation = round(n · valFrac), training = the rest (first the
 * training indices of the shuffled list, then validation, then test). Each set is returned sorted.
 */
export function splitIndices(n: number, seed: number, valFrac = 0.15, testFrac = 0.15): Split {
  if (!Number.isInteger(n) || n < 3) throw new RangeError(`splitIndices: need at least 3 samples (got ${n})`);
  if (!(valFrac >= 0 && testFrac >= 0 && valFrac + testFrac < 1)) throw new RangeError('splitIndices: bad fractions');
  const nTest = Math.round(n * testFrac);
  const nVal = Math.round(n * valFrac);
  const nTrain = n - nVal - nTest;
  if (nTrain < 1) throw new RangeError('splitIndices: no training samples left');
  const order = createRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
  const byIndex = (a: number, b: number): number => a - b;
  return {
    train: order.slice(0, nTrain).sort(byIndex),
    val: order.slice(nTrain, nTrain + nVal).sort(byIndex),
    test: order.slice(nTrain + nVal).sort(byIndex),
  };
}
