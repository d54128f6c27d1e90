import { describe, expect, it } from 'vitest';
import { besselI0, resample, Resampler, toCourseRate, toMono } from '../../widgets/lib/audio/resample';
import { rfft, magnitudes } from '../../widgets/lib/dsp';

const sine = (n: number, fs: number, f: number, amp: number): Float32Array => {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * f * i) / fs);
  return x;
};

/** Amplitude of the best-fitting sinusoid at f Hz (least squares on sin/cos) over x[from … to). */
function fitAmplitude(x: Float32Array, fs: number, f: number, from: number, to: number): number {
  let ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
  for (let i = from; i < to; i++) {
    const s = Math.sin((2 * Math.PI * f * i) / fs);
    const c = Math.cos((2 * Math.PI * f * i) / fs);
    ss += s * s; sc += s * c; cc += c * c; xs += x[i]! * s; xc += x[i]! * c;
  }
  const det = ss * cc - sc * sc;
  const a = (xs * cc - xc * sc) / det;
  const b = (xc * ss - xs * sc) / det;
  return Math.hypot(a, b);
}

const peakBin = (x: Float32Array, n: number): number => {
  const m = magnitudes(rfft(x, n));
  let best = 0;
  for (let k = 1; k < m.length; k++) if (m[k]! > m[best]!) best = k;
  return best;
};

describe('resample', () => {
  it('besselI0 matches known values', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14);
    expect(besselI0(2)).toBeCloseTo(2.2795853023360673, 13);
    expect(besselI0(8.6)).toBeCloseTo(750.4611595631659, 9); // scipy.special.i0
  });

  it('a 1 kHz sine at 44.1 kHz keeps its frequency and amplitude at 16 kHz', () => {
    const x = sine(44100, 44100, 1000, 0.5);
    const y = resample(x, 44100, 16000);
    expect(y.length).toBe(16000);
    // 16384-point FFT of the first 16384 samples … 1 s at 16 kHz is 16000, so use 8192 points: bin = 1000 · 8192 / 16000 = 512.
    expect(peakBin(y.subarray(0, 8192), 8192)).toBe(512);
    expect(fitAmplitude(y, 16000, 1000, 200, 15800)).toBeCloseTo(0.5, 3);
  });

  it('48 kHz and 22.05 kHz and 8 kHz (upsampling) keep a 1 kHz sine', () => {
    for (const fs of [48000, 22050, 8000, 11025]) {
      const y = resample(sine(fs, fs, 1000, 0.7), fs, 16000);
      expect(y.length).toBe(16000);
      expect(fitAmplitude(y, 16000, 1000, 200, 15800)).toBeCloseTo(0.7, 3);
    }
  });

  it('removes what would alias: a 12 kHz tone at 44.1 kHz is ≥ 70 dB down at 16 kHz', () => {
    const y = resample(sine(44100, 44100, 12000, 0.5), 44100, 16000);
    // 12 kHz would fold to 4 kHz.
    expect(fitAmplitude(y, 16000, 4000, 300, 15700)).toBeLessThan(0.5 * 10 ** (-70 / 20));
  });

  it('equal rates are a copy; lengths are ⌈n·L/M⌉', () => {
    const x = sine(1000, 16000, 440, 0.3);
    expect(Array.from(resample(x, 16000, 16000))).toEqual(Array.from(x));
    expect(resample(new Float32Array(1001), 44100, 16000).length).toBe(Math.ceil((1001 * 160) / 441));
    expect(resample(new Float32Array(0), 44100, 16000).length).toBe(0);
  });

  it('streaming in any chunk sizes equals batch, sample for sample', () => {
    const fs = 44100;
    const x = new Float32Array(20000);
    for (let i = 0; i < x.length; i++) x[i] = 0.4 * Math.sin(i * 0.031) + 0.2 * Math.sin(i * 0.77 + 1);
    for (const [inRate, sizes] of [[fs, [128, 1, 3000, 77]], [48000, [128]], [8000, [5, 1000]]] as const) {
      const batch = resample(x, inRate, 16000);
      const r = new Resampler(inRate, 16000);
      const parts: number[] = [];
      let at = 0;
      let s = 0;
      while (at < x.length) {
        const n = sizes[s++ % sizes.length]!;
        parts.push(...r.push(x.subarray(at, at + n)));
        at += n;
      }
      parts.push(...r.flush());
      expect(parts.length).toBe(batch.length);
      expect(parts).toEqual(Array.from(batch));
    }
  });

  it('the stream latency is about half the kernel', () => {
    const r = new Resampler(48000, 16000);
    expect(r.up).toBe(1);
    expect(r.down).toBe(3);
    const out = r.push(new Float32Array(4800));
    expect(out.length).toBeGreaterThan(1600 - Math.ceil(r.halfWidth / 3) - 2);
    expect(out.length).toBeLessThan(1600);
  });

  it('mono mixing and the course rate', () => {
    const m = toMono([new Float32Array([1, 0.5]), new Float32Array([0, -0.5])]);
    expect(Array.from(m)).toEqual([0.5, 0]);
    expect(toCourseRate([sine(4410, 44100, 1000, 0.5), sine(4410, 44100, 1000, 0.5)], 44100).length).toBe(1600);
  });

  it('rejects bad rates', () => {
    expect(() => new Resampler(0, 16000)).toThrow(RangeError);
    expect(() => new Resampler(44100.5, 16000)).toThrow(RangeError);
  });
});
