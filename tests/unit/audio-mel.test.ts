import { describe, expect, it } from 'vitest';
import { applyMel, hzToMel, melFilterbank, melToHz } from '../../widgets/lib/audio/mel';
import { applyDct, makeDct } from '../../widgets/lib/audio/dct';

const SPEC = { sampleRate: 16000, fftSize: 512, melBands: 40, fMinHz: 0, fMaxHz: 8000 };
const binHz = 16000 / 512;

describe('HTK mel scale', () => {
  it('known points and inverse', () => {
    expect(hzToMel(0)).toBe(0);
    expect(hzToMel(700)).toBeCloseTo(2595 * Math.log10(2), 12);
    expect(hzToMel(1000)).toBeCloseTo(999.9855, 3);
    for (const f of [0, 31.25, 440, 4000, 8000]) expect(melToHz(hzToMel(f))).toBeCloseTo(f, 9);
  });
});

describe('mel filterbank, 40 filters 0–8000 Hz, 512-point FFT at 16 kHz', () => {
  const fb = melFilterbank(SPEC);

  it('has 42 edges equally spaced in mel, from 0 to 8000 Hz', () => {
    expect(fb.edgesHz.length).toBe(42);
    expect(fb.edgesHz[0]).toBe(0);
    expect(fb.edgesHz[41]).toBeCloseTo(8000, 9);
    const step = hzToMel(8000) / 41;
    for (let i = 0; i < 42; i++) expect(hzToMel(fb.edgesHz[i]!)).toBeCloseTo(i * step, 9);
    expect(fb.weights).toHaveLength(40);
    for (const w of fb.weights) expect(w.length).toBe(257);
  });

  it('each triangle is zero outside its edges, rises to the centre and falls after it', () => {
    for (let m = 0; m < 40; m++) {
      const [lo, c, hi] = [fb.edgesHz[m]!, fb.edgesHz[m + 1]!, fb.edgesHz[m + 2]!];
      const w = fb.weights[m]!;
      for (let k = 0; k < 257; k++) {
        const f = k * binHz;
        if (f <= lo || f >= hi) expect(w[k]).toBe(0);
        else if (f <= c) expect(w[k]).toBeCloseTo((f - lo) / (c - lo), 12);
        else expect(w[k]).toBeCloseTo((hi - f) / (hi - c), 12);
      }
      // non-zero range matches start/end
      for (let k = 0; k < 257; k++) expect(w[k]! > 0).toBe(k >= fb.start[m]! && k < fb.end[m]!);
      expect(fb.end[m]! - fb.start[m]!).toBeGreaterThanOrEqual(2); // no empty filter at this resolution
    }
  });

  it("each filter's peak is at the bin nearest its centre (on the steeper-adjusted side), ≤ 1", () => {
    for (let m = 0; m < 40; m++) {
      const w = fb.weights[m]!;
      const c = fb.edgesHz[m + 1]!;
      let kMax = 0;
      for (let k = 0; k < 257; k++) if (w[k]! > w[kMax]!) kMax = k;
      // The peak is one of the two bins around the centre.
      const below = Math.floor(c / binHz);
      expect([below, below + 1]).toContain(kMax);
      expect(w[kMax]).toBeLessThanOrEqual(1);
      expect(w[kMax]).toBeGreaterThan(0.5);
    }
    // A centre that falls on a bin (1000 Hz = bin 32) gets weight 1 there.
    const one = melFilterbank({ ...SPEC, melBands: 1, fMinHz: 0, fMaxHz: melToHz(2 * hzToMel(1000)) });
    expect(one.edgesHz[1]).toBeCloseTo(1000, 9);
    expect(one.weights[0]![32]).toBeCloseTo(1, 9);
    expect(Math.max(...one.weights[0]!)).toBe(one.weights[0]![32]);
  });

  it('neighbouring triangles sum to 1 between the first and the last centre; 0 at DC and at 8 kHz', () => {
    const first = fb.edgesHz[1]!;
    const last = fb.edgesHz[40]!;
    for (let k = 0; k < 257; k++) {
      const f = k * binHz;
      let s = 0;
      for (const w of fb.weights) s += w[k]!;
      if (f >= first && f <= last) expect(s).toBeCloseTo(1, 12);
      else expect(s).toBeLessThan(1);
    }
    let dc = 0;
    let nyq = 0;
    for (const w of fb.weights) {
      dc += w[0]!;
      nyq += w[256]!;
    }
    expect(dc).toBe(0);
    expect(nyq).toBeCloseTo(0, 9);
  });

  it('applyMel is the dense product', () => {
    const P = Float64Array.from({ length: 257 }, (_, k) => 1 + Math.sin(k));
    const Y = applyMel(fb, P);
    for (let m = 0; m < 40; m++) {
      let s = 0;
      for (let k = 0; k < 257; k++) s += fb.weights[m]![k]! * P[k]!;
      expect(Y[m]).toBeCloseTo(s, 12);
    }
  });

  it('rejects bad specs', () => {
    expect(() => melFilterbank({ ...SPEC, fMaxHz: 9000 })).toThrow(RangeError);
    expect(() => melFilterbank({ ...SPEC, melBands: 0 })).toThrow(RangeError);
  });
});

describe('DCT-II orthonormal', () => {
  it('the full matrix is orthogonal and c_0 = √M · mean', () => {
    const d = makeDct(40, 40);
    for (let a = 0; a < 40; a++) {
      for (let b = 0; b < 40; b++) {
        let s = 0;
        for (let m = 0; m < 40; m++) s += d.matrix[a]![m]! * d.matrix[b]![m]!;
        expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
    const y = Float64Array.from({ length: 40 }, (_, i) => Math.cos(i) * 3);
    const c = applyDct(makeDct(40, 13), y);
    expect(c.length).toBe(13);
    expect(c[0]).toBeCloseTo(y.reduce((s, v) => s + v, 0) / Math.sqrt(40), 12);
  });
  it('matches scipy.fft.dct(type=2, norm="ortho") on [1, 2, 3, 4]', () => {
    // scipy: dct([1,2,3,4], norm='ortho') = [5, -2.2304424973876, 0, -0.15851266778110]
    const c = applyDct(makeDct(4, 4), [1, 2, 3, 4]);
    expect(c[0]).toBeCloseTo(5, 12);
    expect(c[1]).toBeCloseTo(-2.230442497387663, 12);
    expect(c[2]).toBeCloseTo(0, 12);
    expect(c[3]).toBeCloseTo(-0.15851266778110, 12);
  });
});
