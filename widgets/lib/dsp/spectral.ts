/**
 * Edge Impulse's spectral-analysis block, version 1 (pure): the features a motion model gets.
 * Defaults in brackets; see DESIGN.md §Spectral features. Per axis, n samples at fs Hz:
 *   1. x_i = float32(raw_i) · scale [1]; optional Butterworth low/high-pass [none] (second-order
 *      sections, one forward pass from zero state); then x ← x − mean(x).
 *   2. RMS = √((1/n) Σ x_i²) over all n samples.
 *   3. X = rfft(x, N) with N = fftLength [128]: a longer window is TRUNCATED to its first N samples
 *      (a 2 s window at 100 Hz uses 128 of its 200 samples), a shorter one zero-padded; no window.
 *   4. Heights v[k] = 2/N · |X[k]|, k = 0 … N/2 − 1, reported at f_k = k · fs/(N − 2) (Edge
 *      Impulse's linspace(0, fs/2, N/2), not k·fs/N). Peaks: findPeaks(v, threshold [0.1],
 *      count [3]) — interior slope sign changes, flat tops at their middle, sorted by height;
 *      missing peaks padded as (0, 0).
 *   5. Bands: P = periodogram(x, fs, N) (boxcar, density, mean removed again, f_k = k·fs/N); each
 *      band [lo, hi) Hz [0.1–0.5, 0.5–1, 1–2, 2–5] is bandMean(P, lo, hi) / 10.
 *   6. Per axis, in order: RMS, (freq, height) × count, bands → 11 by default; x, y, z → 33.
 * Units: RMS and heights in the input's unit (m/s² × scale), frequencies in Hz, bands in
 * (unit)²/Hz ÷ 10.
 */
import { mean, rms, scaleBy } from './basic';
import { butterworth, sosfilt } from './butterworth';
import { magnitudes, rfft } from './fft';
import { findPeaks } from './peaks';
import { bandMean, periodogram, type Spectrum } from './spectrum';

export interface SpectralParams {
  scale: number;
  filter: { type: 'none' | 'low' | 'high'; cutoffHz: number; order: number };
  fftLength: number;
  peakCount: number;
  peakThreshold: number;
  bands: ReadonlyArray<readonly [number, number]>;
}

export const SPECTRAL_DEFAULTS: SpectralParams = Object.freeze({
  scale: 1,
  filter: Object.freeze({ type: 'none', cutoffHz: 3, order: 6 }) as SpectralParams['filter'],
  fftLength: 128,
  peakCount: 3,
  peakThreshold: 0.1,
  bands: Object.freeze([
    Object.freeze([0.1, 0.5] as const),
    Object.freeze([0.5, 1] as const),
    Object.freeze([1, 2] as const),
    Object.freeze([2, 5] as const),
  ]),
});

export interface Peak {
  /** Hz, as Edge Impulse labels the bin: k·fs/(N − 2). */
  freq: number;
  height: number;
}

export interface AxisAnalysis {
  /** After scale, filter and mean removal (all n samples). */
  x: Float64Array;
  rms: number;
  /** Edge Impulse's spectrum: f_k = k·fs/(N−2), v[k] = 2/N·|X[k]|, k < N/2. */
  fft: { freqs: Float64Array; heights: Float64Array };
  /** Length peakCount; padded with { freq: 0, height: 0 }. */
  peaks: Peak[];
  /** The periodogram the bands average (f_k = k·fs/N, (unit)²/Hz). */
  psd: Spectrum;
  /** Band means already divided by 10. */
  bands: number[];
  /** rms, f1, h1, …, bands. */
  features: number[];
}

export function resolveParams(p: Partial<SpectralParams> = {}): SpectralParams {
  return { ...SPECTRAL_DEFAULTS, ...p, filter: { ...SPECTRAL_DEFAULTS.filter, ...p.filter } };
}

/** Step 1 alone: scale, filter, then remove the mean. */
export function preprocessAxis(raw: ArrayLike<number>, fs: number, p: SpectralParams): Float64Array {
  let x = scaleBy(raw, p.scale);
  if (p.filter.type !== 'none') x = sosfilt(butterworth(p.filter.type, p.filter.order, p.filter.cutoffHz, fs), x);
  const m = mean(x);
  for (let i = 0; i < x.length; i++) x[i]! -= m;
  return x;
}

export function analyzeAxis(raw: ArrayLike<number>, fs: number, params: Partial<SpectralParams> = {}): AxisAnalysis {
  const p = resolveParams(params);
  const N = p.fftLength;
  if (raw.length === 0) throw new RangeError('analyzeAxis: the window has no samples');
  const x = preprocessAxis(raw, fs, p);
  const r = rms(x);
  const mag = magnitudes(rfft(x, N));
  const half = N / 2;
  const heights = new Float64Array(half);
  const freqs = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    heights[k] = (2 / N) * mag[k]!;
    freqs[k] = (k * fs) / (N - 2);
  }
  const found = findPeaks(heights, p.peakThreshold, p.peakCount);
  const peaks: Peak[] = Array.from({ length: p.peakCount }, (_, i) =>
    i < found.length ? { freq: freqs[found[i]!]!, height: heights[found[i]!]! } : { freq: 0, height: 0 });
  const psd = periodogram(x, fs, N);
  const bands = p.bands.map(([lo, hi]) => bandMean(psd, lo, hi) / 10);
  const features = [r, ...peaks.flatMap((q) => [q.freq, q.height]), ...bands];
  return { x, rms: r, fft: { freqs, heights }, peaks, psd, bands, features };
}

const fmtHz = (v: number): string => String(v);

export function spectralFeatureLabels(
  axisNames: readonly string[] = ['accX', 'accY', 'accZ'],
  params: Partial<SpectralParams> = {},
): string[] {
  const p = resolveParams(params);
  return axisNames.flatMap((a) => [
    `${a} RMS`,
    ...Array.from({ length: p.peakCount }, (_, i) => [`${a} Peak ${i + 1} Freq`, `${a} Peak ${i + 1} Height`]).flat(),
    ...p.bands.map(([lo, hi]) => `${a} Spectral Power ${fmtHz(lo)} - ${fmtHz(hi)}`),
  ]);
}

export interface SpectralResult {
  labels: string[];
  features: number[];
  axes: AxisAnalysis[];
  params: SpectralParams;
}

/** All axes (default names accX, accY, accZ; more axes are named acc4, acc5, …). */
export function spectralFeatures(
  axes: ReadonlyArray<ArrayLike<number>>,
  fs: number,
  params: Partial<SpectralParams> = {},
): SpectralResult {
  const p = resolveParams(params);
  const names = axes.map((_, i) => ['accX', 'accY', 'accZ'][i] ?? `acc${i + 1}`);
  const analyses = axes.map((x) => analyzeAxis(x, fs, p));
  return { labels: spectralFeatureLabels(names, p), features: analyses.flatMap((a) => a.features), axes: analyses, params: p };
}
