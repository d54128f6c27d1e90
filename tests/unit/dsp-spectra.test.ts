// widgets/lib/dsp spectrum.ts and butterworth.ts against analytic signals (a sine of amplitude A on
// a bin reads A; DC removed; two tones; white-noise Parseval) and against SciPy's butter/sosfilt
// (stored in fixtures/dsp-scipy-ref.json, float64). Tolerances stated per check.
import { describe, expect, it } from 'vitest';
import { amplitudeSpectrum, bandMean, butterworth, periodogram, sosfilt, sosGain } from '../../widgets/lib/dsp';
import { createRng } from '../../widgets/lib/rng/rng';
import ref from './fixtures/dsp-scipy-ref.json';

const FS = 100;
const tone = (A: number, f: number, n: number, phase = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => A * Math.sin((2 * Math.PI * f * i) / FS + phase));

describe('amplitudeSpectrum (textbook)', () => {
  it('a sine of amplitude A on bin k reads A there, ~0 elsewhere (1e-9)', () => {
    const s = amplitudeSpectrum(tone(2.5, (5 * FS) / 128, 128), FS);
    expect(s.n).toBe(128);
    expect(s.freqs[5]).toBeCloseTo((5 * FS) / 128, 12);
    expect(s.values[5]).toBeCloseTo(2.5, 9);
    s.values.forEach((v, k) => k !== 5 && expect(v).toBeLessThan(1e-9));
  });

  it('DC reads the mean without doubling; removeMean takes it away', () => {
    const x = Float64Array.from(tone(1, (8 * FS) / 64, 64), (v) => v + 9.81);
    expect(amplitudeSpectrum(x, FS).values[0]).toBeCloseTo(9.81, 9);
    expect(amplitudeSpectrum(x, FS, { removeMean: true }).values[0]).toBeLessThan(1e-12);
  });

  it('two tones keep their amplitudes; zero-padding divides by the samples used (200 → 256)', () => {
    const x = tone(1, (6 * FS) / 256, 256).map((v, i) => v + 0.5 * Math.cos((2 * Math.PI * 40 * i) / 256));
    const s = amplitudeSpectrum(x, FS);
    expect(s.values[6]).toBeCloseTo(1, 9);
    expect(s.values[40]).toBeCloseTo(0.5, 9);
    // Zero-padded: the peak stays within one bin of f and near A (scalloping ≤ 36 % for a boxcar).
    const z = amplitudeSpectrum(tone(2, 2.34375, 200), FS);
    expect(z.n).toBe(256);
    const k = z.values.indexOf(Math.max(...z.values));
    expect(Math.abs(z.freqs[k]! - 2.34375)).toBeLessThanOrEqual(FS / 256);
    expect(z.values[k]).toBeGreaterThan(2 * 0.64);
    expect(z.values[k]).toBeLessThan(2.05);
  });

  it('a Hann window still reads A for an on-bin sine (coherent gain divided out)', () => {
    const s = amplitudeSpectrum(tone(3, (10 * FS) / 128, 128), FS, { window: 'hann' });
    // Symmetric Hann on 128 points is not exactly periodic: within 2 %.
    expect(s.values[10]).toBeGreaterThan(3 * 0.98);
    expect(s.values[10]).toBeLessThan(3 * 1.02);
  });
});

describe('periodogram (density)', () => {
  it('white noise: Parseval Σ P·fs/N = mean of x² after mean removal (1e-12)', () => {
    const rng = createRng(3);
    const x = Float64Array.from({ length: 256 }, () => rng.normal(0.4, 1.3));
    const p = periodogram(x, FS, 256);
    const mu = x.reduce((s, v) => s + v, 0) / x.length;
    const power = x.reduce((s, v) => s + (v - mu) ** 2, 0) / x.length;
    const sum = p.values.reduce((s, v) => s + v, 0) * (FS / 256);
    expect(sum).toBeCloseTo(power, 12);
    expect(p.values[0]).toBeLessThan(1e-20);
    expect(p.unit).toBe('densidad');
  });

  it('a sine on bin 3 of 128 puts A²/2 / (fs/N) in that bin; a longer window is truncated', () => {
    const p = periodogram(tone(2, (3 * FS) / 128, 200), FS, 128);
    expect(p.freqs).toHaveLength(65);
    expect(p.values[3]).toBeCloseTo((2 ** 2 / 2) / (FS / 128), 9);
    expect(bandMean(p, 2, 5)).toBeCloseTo(p.values[3]! / 4, 9); // bins 3, 4, 5, 6
    expect(bandMean(p, 0.1, 0.5)).toBe(0); // no bin: 0.78 Hz is the first after 0
  });
});

describe('Butterworth', () => {
  it('low-pass: unit DC gain, 1/√2 at the cut-off, falls after it (1e-12)', () => {
    for (const order of [2, 4, 6, 8, 3]) {
      const sos = butterworth('low', order, 3, FS);
      expect(sos).toHaveLength(Math.ceil(order / 2));
      expect(sosGain(sos, 0, FS)).toBeCloseTo(1, 12);
      expect(sosGain(sos, 3, FS)).toBeCloseTo(Math.SQRT1_2, 12);
      expect(sosGain(sos, 10, FS)).toBeLessThan(sosGain(sos, 5, FS));
    }
  });

  it('high-pass: unit gain at Nyquist, 1/√2 at the cut-off, 0 at DC', () => {
    const sos = butterworth('high', 4, 1, FS);
    expect(sosGain(sos, FS / 2, FS)).toBeCloseTo(1, 12);
    expect(sosGain(sos, 1, FS)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(sosGain(sos, 0, FS)).toBeLessThan(1e-12);
  });

  it('sosfilt equals SciPy butter(…, output="sos") + sosfilt on the stored signal (1e-9)', () => {
    const i = Float64Array.from({ length: 200 }, (_, k) => k);
    const x = Float64Array.from(i, (k) => 1.5 * Math.sin((2 * Math.PI * 1.7 * k) / FS) + 0.6 * Math.cos((2 * Math.PI * 4.2 * k) / FS) + 0.3 * Math.sin(k * k * 0.37));
    const at = [0, 1, 2, 10, 50, 199];
    const low = sosfilt(butterworth('low', 6, 3, FS), x);
    const high = sosfilt(butterworth('high', 3, 1, FS), x);
    at.forEach((k, j) => {
      expect(Math.abs(low[k]! - ref.filt_low6_3[j]!)).toBeLessThan(1e-9);
      expect(Math.abs(high[k]! - ref.filt_high3_1[j]!)).toBeLessThan(1e-9);
    });
  });

  it('rejects an order or a cut-off it cannot design', () => {
    expect(() => butterworth('low', 0, 3, FS)).toThrow(RangeError);
    expect(() => butterworth('low', 9, 3, FS)).toThrow(RangeError);
    expect(() => butterworth('high', 2, 50, FS)).toThrow(RangeError);
  });
});
