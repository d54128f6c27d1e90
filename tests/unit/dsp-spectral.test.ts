// widgets/lib/dsp/spectral.ts — Edge Impulse's spectral-analysis block v1 — against (1) analytic
// signals, (2) an independent float64 implementation written here (direct DFT, its own peak
// search and periodogram; no fft.js), and (3) NumPy/SciPy (np.fft.rfft, scipy.signal.find_peaks,
// periodogram, butter + sosfilt) stored in fixtures/dsp-scipy-ref.json. Tolerance: 1e-9 absolute
// on every feature (the signal is O(1) m/s²).
import { describe, expect, it } from 'vitest';
import { analyzeAxis, SPECTRAL_DEFAULTS, spectralFeatureLabels, spectralFeatures } from '../../widgets/lib/dsp';
import { createRng } from '../../widgets/lib/rng/rng';
import ref from './fixtures/dsp-scipy-ref.json';

const FS = 100;
const sine = (A: number, f: number, n = 200, offset = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => offset + A * Math.sin((2 * Math.PI * f * i) / FS));

/** The signal the SciPy script uses, axis a = 0, 1, 2. */
const refSignal = (a: number): Float64Array =>
  Float64Array.from({ length: 200 }, (_, i) =>
    (a === 2 ? 9.81 : 0) + (1.5 + a) * Math.sin((2 * Math.PI * (1.7 + a * 0.9) * i) / FS + a)
    + 0.6 * Math.cos((2 * Math.PI * 4.2 * i) / FS) + 0.3 * Math.sin(i * i * 0.37 + a));

/** Independent EI v1 (no filter): direct DFT, plain loops. */
function independent(raw: ArrayLike<number>, fs: number): number[] {
  const N = 128;
  const x = Array.from(raw, (v) => Math.fround(v));
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  const c = x.map((v) => v - m);
  const rmsV = Math.sqrt(c.reduce((s, v) => s + v * v, 0) / c.length);
  const seg = c.slice(0, N);
  const dft = (k: number): [number, number] => {
    let re = 0, im = 0;
    seg.forEach((v, i) => { re += v * Math.cos((2 * Math.PI * k * i) / N); im -= v * Math.sin((2 * Math.PI * k * i) / N); });
    return [re, im];
  };
  const v = Array.from({ length: N / 2 }, (_, k) => (2 / N) * Math.hypot(...dft(k)));
  const cand: number[] = [];
  for (let k = 1; k < v.length - 1; k++) if (v[k]! > v[k - 1]! && v[k]! > v[k + 1]! && v[k]! >= 0.1) cand.push(k);
  cand.sort((a, b) => v[b]! - v[a]!);
  const peaks = [0, 1, 2].flatMap((i) => (i < cand.length ? [(cand[i]! * fs) / (N - 2), v[cand[i]!]!] : [0, 0]));
  const mu = seg.reduce((s, q) => s + q, 0) / seg.length;
  const d = seg.map((q) => q - mu);
  const segSave = seg.splice(0, N, ...d);
  void segSave;
  const P = Array.from({ length: N / 2 + 1 }, (_, k) => ((k === 0 || k === N / 2 ? 1 : 2) * (dft(k)[0] ** 2 + dft(k)[1] ** 2)) / (fs * N));
  const bands = [[0.1, 0.5], [0.5, 1], [1, 2], [2, 5]].map(([lo, hi]) => {
    const bins = P.filter((_, k) => (k * fs) / N >= lo! && (k * fs) / N < hi!);
    return bins.length ? bins.reduce((s, q) => s + q, 0) / bins.length / 10 : 0;
  });
  return [rmsV, ...peaks, ...bands];
}

const close = (got: number[], want: number[], tol = 1e-9): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `feature ${i}: ${g} vs ${want[i]}`).toBeLessThan(tol));
};

describe('analytic signals', () => {
  it('a 2 m/s² sine at 2.34375 Hz (bin 3 of 128), 200 samples at 100 Hz: the worked example', () => {
    const a = analyzeAxis(sine(2, 2.34375), FS);
    // The window holds 4.6875 periods: its mean (0.09834) is removed, then RMS over all 200.
    const raw = sine(2, 2.34375);
    const mu = raw.reduce((s, v) => s + v, 0) / 200;
    expect(mu).toBeCloseTo(0.09834, 5);
    expect(a.rms).toBeCloseTo(1.39927, 5);
    // First peak in bin 3, labelled 3·100/126 = 2.381 Hz (not 2.34375), height ≈ A.
    expect(a.peaks[0]!.freq).toBeCloseTo(300 / 126, 12);
    expect(a.peaks[0]!.height).toBeCloseTo(2, 2);
    // 2–5 Hz holds bins 3–6 of the periodogram; 0.1–0.5 Hz holds none.
    expect(a.bands[3]).toBeCloseTo(0.064, 3);
    expect(a.bands[0]).toBe(0);
    expect(a.features).toHaveLength(11);
  });

  it('a sine that fits the whole window: RMS = A/√2 (1e-7: float32 samples) and the DC offset is gone', () => {
    const a = analyzeAxis(sine(3, 2.5, 200, 9.81), FS); // 5 whole periods in 2 s
    expect(a.rms).toBeCloseTo(3 / Math.SQRT2, 5); // 9.81 went through float32: within 1e-5
    expect(analyzeAxis(sine(3, 2.5), FS).rms).toBeCloseTo(3 / Math.SQRT2, 7); // float32 samples
    // The mean is removed over all 200 samples (9.81 gone) …
    expect(Math.abs(a.x.reduce((s, v) => s + v, 0) / 200)).toBeLessThan(1e-9);
    // … but the FFT sees only the first 128 (3.2 periods), whose own mean is not 0: Edge
    // Impulse's DC bin is not empty after truncation (the lesson shows this quirk).
    expect(a.fft.heights[0]).toBeGreaterThan(0.1);
  });

  it('two tones give two peaks, the higher first; a third missing peak is padded (0, 0)', () => {
    const x = sine(2, (3 * FS) / 128).map((v, i) => v + 1 * Math.sin((2 * Math.PI * ((12 * FS) / 128) * i) / FS));
    const a = analyzeAxis(x, FS);
    expect(a.peaks[0]!.freq).toBeCloseTo((3 * FS) / 126, 12);
    expect(a.peaks[1]!.freq).toBeCloseTo((12 * FS) / 126, 12);
    expect(a.peaks[0]!.height).toBeGreaterThan(a.peaks[1]!.height);
    expect(a.peaks[2]).toEqual({ freq: 0, height: 0 });
  });

  it('silence: everything 0, peaks padded', () => {
    const a = analyzeAxis(new Float64Array(200).fill(9.81), FS);
    expect(a.features.every((v) => Math.abs(v) < 1e-6)).toBe(true);
  });
});

describe('against an independent direct-DFT implementation', () => {
  const rng = createRng(15);
  for (let trial = 0; trial < 4; trial++) {
    const x = Float64Array.from({ length: 200 }, (_, i) => 9.81 * (trial === 3 ? 1 : 0) + 1.2 * Math.sin(0.2 * i + trial) + rng.normal(0, 0.4));
    it(`seeded signal ${trial}`, () => close(analyzeAxis(x, FS).features, independent(x, FS)));
  }
});

describe('against NumPy / SciPy (stored)', () => {
  const axes = [0, 1, 2].map(refSignal);
  it('no filter: the 33 features', () => close(spectralFeatures(axes, FS).features, ref.plain.flat()));
  it('low-pass 3 Hz, order 6', () => close(spectralFeatures(axes, FS, { filter: { type: 'low', cutoffHz: 3, order: 6 } }).features, ref.low3o6.flat()));
  it('high-pass 1 Hz, order 4', () => close(spectralFeatures(axes, FS, { filter: { type: 'high', cutoffHz: 1, order: 4 } }).features, ref.high1o4.flat()));
});

describe('labels and parameters', () => {
  it('33 labels in Edge Impulse order', () => {
    const l = spectralFeatureLabels();
    expect(l).toHaveLength(33);
    expect(l.slice(0, 11)).toEqual([
      'accX RMS', 'accX Peak 1 Freq', 'accX Peak 1 Height', 'accX Peak 2 Freq', 'accX Peak 2 Height',
      'accX Peak 3 Freq', 'accX Peak 3 Height', 'accX Spectral Power 0.1 - 0.5', 'accX Spectral Power 0.5 - 1',
      'accX Spectral Power 1 - 2', 'accX Spectral Power 2 - 5',
    ]);
    expect(l[22]).toBe('accZ RMS');
  });

  it('defaults are frozen and partial params merge (the filter too)', () => {
    expect(Object.isFrozen(SPECTRAL_DEFAULTS)).toBe(true);
    const r = spectralFeatures([sine(1, 2)], FS, { peakCount: 1, filter: { type: 'low', cutoffHz: 5, order: 2 } });
    expect(r.features).toHaveLength(1 + 2 + 4);
    expect(r.params.filter).toEqual({ type: 'low', cutoffHz: 5, order: 2 });
    expect(r.labels[0]).toBe('accX RMS');
  });
});
