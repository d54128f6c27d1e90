// widgets/motion-spectrum/core.ts: the EI and textbook spectra of the widget against analytic
// signals (a sine of amplitude A exactly on bin 3 of N = 128 at 100 Hz), the bands' bins as the
// lesson describes them (0.1–0.5 Hz empty, 2–5 Hz four bins), and the formulas' numbers.
import { describe, expect, it } from 'vitest';
import { analyzeAxis, SPECTRAL_DEFAULTS, spectralFeatures } from '../../widgets/lib/dsp';
import {
  bandTex, bandViews, eiSpectrum, nextPow2, peakTex, preMean, rmsTex, texNum, textbookSpectrum, txtNum,
} from '../../widgets/motion-spectrum/core';

const FS = 100;
const sine = (A: number, f: number, n = 200, offset = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => offset + A * Math.sin((2 * Math.PI * f * i) / FS));

describe('spectra of the widget', () => {
  const f = (3 * FS) / 128; // 2.34375 Hz: bin 3 of N = 128
  const a = analyzeAxis(sine(2, f), FS);
  const p = SPECTRAL_DEFAULTS;

  it('EI: bins at k·fs/(N−2), first peak at bin 3 with height ≈ A', () => {
    const s = eiSpectrum(a, p, FS);
    expect(s.n).toBe(128);
    expect(s.df).toBeCloseTo(100 / 126, 12);
    expect(s.freqs[3]).toBeCloseTo(300 / 126, 12);
    expect(s.peaks[0]!.k).toBe(3);
    expect(s.peaks[0]!.freq).toBeCloseTo(300 / 126, 12);
    expect(s.peaks[0]!.height).toBeCloseTo(2, 2);
    expect(s.values).toHaveLength(64);
  });

  it('textbook: 200 samples zero-padded to 256, bins at k·fs/N, peak near f', () => {
    const s = textbookSpectrum(a, p, FS);
    expect(s.n).toBe(256);
    expect(s.df).toBeCloseTo(100 / 256, 12);
    expect(s.freqs[6]).toBeCloseTo(600 / 256, 12);
    expect(Math.abs(s.peaks[0]!.freq - f)).toBeLessThanOrEqual(s.df);
    expect(nextPow2(200)).toBe(256);
    expect(nextPow2(128)).toBe(128);
  });

  it('bands: 0.1–0.5 Hz holds no bin, 0.5–1 and 1–2 one each, 2–5 four; powers are the features', () => {
    const b = bandViews(a, p);
    expect(b.map((x) => x.bins)).toEqual([[], [1], [2], [3, 4, 5, 6]]);
    expect(b.map((x) => x.power)).toEqual(a.bands);
    expect(b[3]!.power).toBeCloseTo(b[3]!.values.reduce((s, v) => s + v, 0) / 4 / 10, 15);
    expect(b[3]!.power).toBeGreaterThan(b[1]!.power);
  });

  it('preMean is the mean the preprocessing removes', () => {
    // float32(raw) · scale, as Edge Impulse does: equal to 9.81 within float32 rounding.
    expect(preMean(sine(1, 5, 200, 9.81), p, FS)).toBeCloseTo(9.81, 5);
    expect(preMean(sine(1, 5, 200, 9.81), { ...p, scale: 2 }, FS)).toBeCloseTo(19.62, 5);
  });
});

describe('formulas with numbers', () => {
  it('writes Spanish numbers for TeX and for text', () => {
    expect(texNum(1.41421)).toBe('1{,}414');
    expect(texNum(-0.5)).toBe('-0{,}5');
    expect(texNum(0.00012346)).toBe('1{,}235 \\cdot 10^{-4}');
    expect(texNum(0)).toBe('0');
    expect(txtNum(2.381)).toBe('2,381');
    expect(txtNum(-3.5)).toBe('−3,5');
  });

  it('RMS, peak and band formulas carry the feature values', () => {
    const axes = [sine(2, 2.34375), sine(0.5, 1.2), sine(0.01, 4)];
    const r = spectralFeatures(axes, FS);
    const a = r.axes[0]!;
    const rms = rmsTex('x', a);
    expect(rms).toContain(`= ${texNum(a.rms)}\\ \\text{m/s}^2`);
    expect(rms).toContain('\\frac{1}{200}');
    const q = eiSpectrum(a, r.params, FS).peaks[0]!;
    const pk = peakTex(1, q, 128, FS);
    expect(pk).toContain(`|X[3]|`);
    expect(pk).toContain(`= ${texNum(q.height)}\\ \\text{m/s}^2`);
    expect(pk).toContain(`\\frac{3\\cdot 100}{126} = ${texNum(q.freq)}`);
    const bands = bandViews(a, r.params);
    expect(bandTex(bands[0]!, FS, 128)).toContain('ningún bin');
    expect(bandTex(bands[3]!, FS, 128)).toContain(`= ${texNum(a.bands[3]!)}`);
    expect(bandTex(bands[3]!, FS, 128)).toContain('\\{3, 4, 5, 6\\}');
  });
});
