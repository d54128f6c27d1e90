import { describe, expect, it } from 'vitest';
import { AUDIO_DEFAULTS, computeFeatures, FeatureProvider, frameCount } from '../../widgets/lib/audio/features';
import { createRng } from '../../widgets/lib/rng/rng';

/**
 * An independent float64 reference, written from DESIGN.md §Audio features only: direct DFT (no
 * fft.js), its own periodic Hann, HTK mel triangles and orthonormal DCT-II.
 */
function referenceMfcc(x: ArrayLike<number>, preEmphasis = 0): { logmel: number[][]; mfcc: number[][]; power: number[][] } {
  const fs = 16000, L = 480, hop = 320, N = 512, M = 40, C = 13;
  const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const hz = (m: number) => 700 * (Math.pow(10, m / 2595) - 1);
  const edges = Array.from({ length: M + 2 }, (_, i) => hz((mel(8000) * i) / (M + 1)));
  const tri = (m: number, f: number) => {
    const [a, b, c] = [edges[m]!, edges[m + 1]!, edges[m + 2]!];
    if (f < a || f > c) return 0;
    return f <= b ? (f - a) / (b - a) : (c - f) / (c - b);
  };
  const cosT: number[] = Array.from({ length: N }, (_, i) => Math.cos((2 * Math.PI * i) / N));
  const sinT: number[] = Array.from({ length: N }, (_, i) => Math.sin((2 * Math.PI * i) / N));
  const out = { logmel: [] as number[][], mfcc: [] as number[][], power: [] as number[][] };
  const y = Array.from({ length: x.length }, (_, i) => x[i]! - preEmphasis * (i > 0 ? x[i - 1]! : 0));
  for (let t = 0; t + L <= x.length; t += hop) {
    const v = Array.from({ length: L }, (_, i) => y[t + i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / L)));
    const P: number[] = [];
    for (let k = 0; k <= N / 2; k++) {
      let re = 0, im = 0;
      for (let i = 0; i < L; i++) {
        const idx = (k * i) % N;
        re += v[i]! * cosT[idx]!;
        im -= v[i]! * sinT[idx]!;
      }
      P.push(re * re + im * im);
    }
    const lm = Array.from({ length: M }, (_, m) => {
      let s = 0;
      for (let k = 0; k <= N / 2; k++) s += tri(m, (k * fs) / N) * P[k]!;
      return Math.log(Math.max(s, 1e-10));
    });
    const cc = Array.from({ length: C }, (_, n) => {
      let s = 0;
      for (let m = 0; m < M; m++) s += lm[m]! * Math.cos((Math.PI * n * (2 * m + 1)) / (2 * M));
      return s * Math.sqrt((n === 0 ? 1 : 2) / M);
    });
    out.logmel.push(lm);
    out.mfcc.push(cc);
    out.power.push(P);
  }
  return out;
}

/** 1 s of a speech-like signal at 16 kHz: a gliding voiced tone with 12 harmonics under a formant-ish envelope, syllable AM, noise, and a silent gap. */
function speechLike(seed = 7): Float32Array {
  const rng = createRng(seed);
  const fs = 16000;
  const x = new Float32Array(fs);
  let phase = 0;
  for (let i = 0; i < fs; i++) {
    const t = i / fs;
    const f0 = 120 + 60 * Math.sin(2 * Math.PI * 1.3 * t);
    phase += (2 * Math.PI * f0) / fs;
    let v = 0;
    for (let h = 1; h <= 12; h++) {
      const fh = h * f0;
      const env = Math.exp(-(((fh - 700) / 300) ** 2)) + 0.6 * Math.exp(-(((fh - 1200) / 400) ** 2)) + 0.1;
      v += (env / h) * Math.sin(h * phase);
    }
    const am = t > 0.45 && t < 0.55 ? 0 : 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t) ** 2;
    x[i] = 0.3 * am * v + 0.01 * rng.uniform(-1, 1);
  }
  return x;
}

describe('AUDIO_DEFAULTS', () => {
  it('are the course defaults and frozen', () => {
    expect(AUDIO_DEFAULTS).toEqual({
      sampleRate: 16000, frameLength: 480, hopLength: 320, window: 'hann', periodic: true, fftSize: 512,
      melBands: 40, fMinHz: 0, fMaxHz: 8000, logFloor: 1e-10, mfccCount: 13, preEmphasis: 0,
    });
    expect(Object.isFrozen(AUDIO_DEFAULTS)).toBe(true);
  });
  it('1 s at 16 kHz is 49 frames', () => {
    expect(frameCount(16000)).toBe(49);
    expect(frameCount(479)).toBe(0);
    expect(frameCount(480)).toBe(1);
    expect(frameCount(800)).toBe(2);
  });
});

describe('computeFeatures against the float64 reference', () => {
  const x = speechLike();
  const ref = referenceMfcc(x);
  const got = computeFeatures(x, {}, { power: true });

  it('has 49 frames of 40 log-mel, 13 MFCC and 257 power bins', () => {
    expect(got.logmel).toHaveLength(49);
    expect(got.mfcc).toHaveLength(49);
    expect(got.power).toHaveLength(49);
    expect(got.logmel[0]).toHaveLength(40);
    expect(got.mfcc[0]).toHaveLength(13);
    expect(got.power![0]).toHaveLength(257);
  });

  it('log-mel and MFCC within 1e-3 of the reference', () => {
    let maxLm = 0;
    let maxC = 0;
    for (let t = 0; t < 49; t++) {
      for (let m = 0; m < 40; m++) maxLm = Math.max(maxLm, Math.abs(got.logmel[t]![m]! - ref.logmel[t]![m]!));
      for (let c = 0; c < 13; c++) maxC = Math.max(maxC, Math.abs(got.mfcc[t]![c]! - ref.mfcc[t]![c]!));
    }
    expect(maxLm).toBeLessThan(1e-3);
    expect(maxC).toBeLessThan(1e-3);
  });

  it('power within 1e-4 relative of the reference', () => {
    for (let t = 0; t < 49; t += 6) {
      for (let k = 0; k < 257; k++) {
        const r = ref.power[t]![k]!;
        expect(Math.abs(got.power![t]![k]! - r)).toBeLessThanOrEqual(1e-4 * Math.max(r, 1e-6));
      }
    }
  });

  it('silence hits the log floor: ln(1e-10) in every band', () => {
    const s = computeFeatures(new Float32Array(16000));
    expect(s.logmel[10]![5]).toBeCloseTo(Math.log(1e-10), 5);
    expect(s.mfcc[10]![0]).toBeCloseTo(Math.log(1e-10) * Math.sqrt(40), 3);
    expect(s.mfcc[10]![3]).toBeCloseTo(0, 4);
  });

  it('pre-emphasis matches the reference too', () => {
    const r = referenceMfcc(x, 0.97);
    const g = computeFeatures(x, { preEmphasis: 0.97 });
    for (let t = 0; t < 49; t += 4) for (let c = 0; c < 13; c++) expect(Math.abs(g.mfcc[t]![c]! - r.mfcc[t]![c]!)).toBeLessThan(1e-3);
  });
});

describe('FeatureProvider (incremental) equals the batch result', () => {
  const x = speechLike(3);
  for (const pre of [0, 0.97]) {
    it(`chunks of 1, 128, 320, 1000, 7 samples (preEmphasis ${pre})`, () => {
      const batch = computeFeatures(x, { preEmphasis: pre }, { power: true });
      const fp = new FeatureProvider({ preEmphasis: pre }, { power: true });
      const lm: Float32Array[] = [], mf: Float32Array[] = [], pw: Float32Array[] = [];
      const sizes = [1, 128, 320, 1000, 7];
      let at = 0;
      let s = 0;
      let framesBefore = 0;
      while (at < x.length) {
        const n = sizes[s++ % sizes.length]!;
        const rows = fp.push(x.subarray(at, at + n));
        at += n;
        // only the new frames
        expect(rows.logmel.length).toBe(frameCount(Math.min(at, x.length)) - framesBefore);
        framesBefore += rows.logmel.length;
        lm.push(...rows.logmel); mf.push(...rows.mfcc); pw.push(...rows.power!);
      }
      expect(fp.frames).toBe(49);
      expect(fp.samples).toBe(16000);
      expect(lm).toEqual(batch.logmel);
      expect(mf).toEqual(batch.mfcc);
      expect(pw).toEqual(batch.power);
    });
  }
  it('reset starts a new stream', () => {
    const fp = new FeatureProvider();
    fp.push(x.subarray(0, 5000));
    fp.reset();
    const rows = fp.push(x);
    expect(rows.mfcc).toEqual(computeFeatures(x).mfcc);
  });
  it('rejects bad params', () => {
    expect(() => new FeatureProvider({ fftSize: 256 })).toThrow(RangeError);
    expect(() => computeFeatures(x, { mfccCount: 41 })).toThrow(RangeError);
  });
});
