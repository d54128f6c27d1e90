/**
 * One-sided spectra (pure). Every Spectrum states its bin frequencies (Hz), its values, the FFT
 * length n, the rate fs (Hz) and the unit of its values.
 *
 * amplitudeSpectrum(x, fs, { n, window, removeMean }) — the textbook view used by teaching figures:
 *   x (m samples, optionally mean-removed) times the window w, zero-padded or truncated to n
 *   (default: the next power of two ≥ m, i.e. zero-padding), X = rfft(x·w, n),
 *   f_k = k·fs/n, k = 0 … n/2, and
 *     A[k] = 2|X[k]| / Σw   for 0 < k < n/2,      A[k] = |X[k]| / Σw   for k = 0 and k = n/2,
 *   where Σw sums the window over the samples actually used (min(m, n)). A sine of amplitude A
 *   exactly on a bin reads A there (rectangular window); unit: the signal's unit.
 *
 * periodogram(x, fs, n) — one-sided periodogram, boxcar window, density scaling (as SciPy's
 *   `periodogram(x, fs, window='boxcar', nfft=n, detrend='constant', scaling='density')`):
 *   the first m = min(len, n) samples, their own mean removed, X = rfft(·, n),
 *     P[k] = c_k · |X[k]|² / (fs · m),   c_k = 1 for k = 0 and k = n/2, else 2,
 *   f_k = k·fs/n; unit: (signal unit)²/Hz. Parseval: Σ_k P[k]·fs/n = (1/m) Σ x_i² (mean removed).
 *
 * bandMean(s, lo, hi) = mean of s.values[k] over the bins with lo ≤ f_k < hi (0 if there is none).
 */
import { nextPow2 } from './basic';
import { rfft } from './fft';
import { makeWindow, type WindowKind } from './window';

export interface Spectrum {
  /** Bin frequencies, Hz (length n/2 + 1). */
  freqs: Float64Array;
  values: Float64Array;
  /** FFT length. */
  n: number;
  /** Sampling rate, Hz. */
  fs: number;
  /** Unit of `values`, in words: 'amplitud' (signal unit) or 'densidad' (unit²/Hz). */
  unit: 'amplitud' | 'densidad';
}

function binFreqs(n: number, fs: number): Float64Array {
  return Float64Array.from({ length: n / 2 + 1 }, (_, k) => (k * fs) / n);
}

export interface AmplitudeOptions {
  n?: number;
  window?: WindowKind;
  removeMean?: boolean;
}

export function amplitudeSpectrum(x: ArrayLike<number>, fs: number, o: AmplitudeOptions = {}): Spectrum {
  const n = o.n ?? nextPow2(x.length);
  const m = Math.min(n, x.length);
  const w = makeWindow(o.window ?? 'rectangular', m);
  let mu = 0;
  if (o.removeMean) {
    for (let i = 0; i < m; i++) mu += x[i]!;
    mu /= m;
  }
  const seg = new Float64Array(m);
  let sw = 0;
  for (let i = 0; i < m; i++) {
    seg[i] = (x[i]! - mu) * w[i]!;
    sw += w[i]!;
  }
  const X = rfft(seg, n);
  const half = n / 2;
  const values = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    const c = k === 0 || k === half ? 1 : 2;
    values[k] = (c * Math.hypot(X.re[k]!, X.im[k]!)) / sw;
  }
  return { freqs: binFreqs(n, fs), values, n, fs, unit: 'amplitud' };
}

export function periodogram(x: ArrayLike<number>, fs: number, n: number): Spectrum {
  const m = Math.min(n, x.length);
  let mu = 0;
  for (let i = 0; i < m; i++) mu += x[i]!;
  mu /= m;
  const seg = new Float64Array(m);
  for (let i = 0; i < m; i++) seg[i] = x[i]! - mu;
  const X = rfft(seg, n);
  const half = n / 2;
  const values = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    const c = k === 0 || k === half ? 1 : 2;
    values[k] = (c * (X.re[k]! ** 2 + X.im[k]! ** 2)) / (fs * m);
  }
  return { freqs: binFreqs(n, fs), values, n, fs, unit: 'densidad' };
}

export function bandMean(s: Pick<Spectrum, 'freqs' | 'values'>, lo: number, hi: number): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < s.freqs.length; k++) {
    const f = s.freqs[k]!;
    if (f >= lo && f < hi) {
      sum += s.values[k]!;
      count++;
    }
  }
  return count ? sum / count : 0;
}
