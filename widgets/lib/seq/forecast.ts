/**
 * Data of the next-value experiment (pure): the windows of a series with stride 1, split in time
 * order (windows.ts), standardized with the training part's mean and std, and the two baselines
 * on the test rows (baselines.ts). Values in the series' units unless named `…Scaled`.
 */
import { errors, naiveForecast, seasonalForecast, type Errors } from './baselines';
import { cutIndex, fitScaler, gatherScaled, makeWindows, splitRows, type Scaler, type Windows } from './windows';

export interface ForecastSpec {
  length: number; // L
  horizon: number; // h
}

export interface ForecastData {
  spec: ForecastSpec;
  series: Float64Array;
  period: number;
  cut: number;
  scaler: Scaler;
  windows: Windows;
  trainRows: number[];
  testRows: number[];
  /** Standardized training inputs [train, L] and targets [train]. */
  trainXScaled: Float32Array;
  trainYScaled: Float32Array;
  /** Standardized test inputs [test, L]. */
  testXScaled: Float32Array;
  /** Test targets (truth) and their indices in the series [test]. */
  testY: Float64Array;
  testTargets: Int32Array;
  naive: { pred: Float64Array; err: Errors };
  /** null when the series has no whole season before the first test target. */
  seasonal: { pred: Float64Array; err: Errors } | null;
}

export function prepareForecast(series: Float64Array, period: number, spec: ForecastSpec): ForecastData {
  const windows = makeWindows(series, { length: spec.length, stride: 1, horizon: spec.horizon });
  const cut = cutIndex(series.length);
  const parts = splitRows(windows, cut);
  if (parts.train.length < 8 || parts.test.length < 2) throw new RangeError('not enough windows for this length and horizon');
  const scaler = fitScaler(series, cut);
  const train = gatherScaled(windows, parts.train, scaler);
  const test = gatherScaled(windows, parts.test, scaler);
  const testTargets = Int32Array.from(parts.test, (k) => windows.targets[k]!);
  const testY = Float64Array.from(parts.test, (k) => windows.y[k]!);
  const naivePred = Float64Array.from(testTargets, (t) => naiveForecast(series, t, spec.horizon));
  const back = period * Math.ceil(spec.horizon / period);
  const seasonalPred = testTargets[0]! - back >= 0 ? Float64Array.from(testTargets, (t) => seasonalForecast(series, t, spec.horizon, period)) : null;
  return {
    spec: { ...spec }, series, period, cut, scaler, windows,
    trainRows: parts.train, testRows: parts.test,
    trainXScaled: train.X, trainYScaled: train.y, testXScaled: test.X,
    testY, testTargets,
    naive: { pred: naivePred, err: errors(testY, naivePred) },
    seasonal: seasonalPred ? { pred: seasonalPred, err: errors(testY, seasonalPred) } : null,
  };
}

/** Back to the series' units: ŷ = μ + σ·ẑ. */
export function unscale(z: ArrayLike<number>, sc: Scaler): Float64Array {
  return Float64Array.from(z as ArrayLike<number>, (v) => sc.mean + sc.std * v);
}
