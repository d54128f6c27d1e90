// widgets/lib/dsp basic.ts, window.ts, fft.ts, peaks.ts: against hand values and a direct O(n²)
// DFT written here in float64 (not fft.js). Tolerances: 1e-9 relative to the signal's energy for
// the FFT, exact for everything else.
import { describe, expect, it } from 'vitest';
import { findPeaks, isPow2, makeWindow, mean, nextPow2, removeMean, rfft, rms, scaleBy } from '../../widgets/lib/dsp';
import { createRng } from '../../widgets/lib/rng/rng';

function directDft(x: ArrayLike<number>, n: number): { re: number[]; im: number[] } {
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let sr = 0;
    let si = 0;
    for (let i = 0; i < Math.min(n, x.length); i++) {
      sr += x[i]! * Math.cos((2 * Math.PI * k * i) / n);
      si -= x[i]! * Math.sin((2 * Math.PI * k * i) / n);
    }
    re.push(sr);
    im.push(si);
  }
  return { re, im };
}

describe('basic statistics', () => {
  it('mean, rms, mean removal and float32 scaling', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(rms([3, -4])).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(Array.from(removeMean([1, 2, 3, 6]))).toEqual([-2, -1, 0, 3]);
    // 0.1 is not a float32: the cast happens before the product.
    expect(scaleBy([0.1], 2)[0]).toBe(Math.fround(0.1) * 2);
    expect(scaleBy([0.1], 2)[0]).not.toBe(0.2);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it('powers of two', () => {
    expect([1, 2, 64, 128].every(isPow2)).toBe(true);
    expect([0, 3, 100, 1.5, -4].some(isPow2)).toBe(false);
    expect([nextPow2(1), nextPow2(3), nextPow2(128), nextPow2(200)]).toEqual([1, 4, 128, 256]);
  });
});

describe('windows', () => {
  it('rectangular is all ones; Hann symmetric and periodic', () => {
    expect(Array.from(makeWindow('rectangular', 3))).toEqual([1, 1, 1]);
    const s = makeWindow('hann', 5);
    [0, 0.5, 1, 0.5, 0].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 15));
    const p = makeWindow('hann', 4, true);
    [0, 0.5, 1, 0.5].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 15));
    expect(Array.from(makeWindow('hann', 1))).toEqual([1]);
  });
});

describe('rfft against a direct DFT', () => {
  const rng = createRng(7);
  for (const [n, len] of [[2, 2], [4, 4], [8, 5], [16, 16], [64, 100], [128, 200], [128, 128], [512, 300]] as const) {
    it(`n = ${n}, ${len} samples (${len > n ? 'truncated' : len < n ? 'zero-padded' : 'exact'})`, () => {
      const x = Float64Array.from({ length: len }, () => rng.uniform(-1, 1));
      const got = rfft(x, n);
      const want = directDft(x, n);
      expect(got.re).toHaveLength(n / 2 + 1);
      const scale = Math.sqrt(x.reduce((s, v) => s + v * v, 0)) * Math.sqrt(n);
      for (let k = 0; k <= n / 2; k++) {
        expect(Math.abs(got.re[k]! - want.re[k]!)).toBeLessThan(1e-9 * scale);
        expect(Math.abs(got.im[k]! - want.im[k]!)).toBeLessThan(1e-9 * scale);
      }
    });
  }

  it('rejects a length that is not a power of two', () => {
    expect(() => rfft([1, 2, 3], 100)).toThrow(RangeError);
  });
});

describe('findPeaks', () => {
  it('interior slope changes only, flat tops at their middle, threshold, the highest first', () => {
    //              0  1  2  3  4  5  6  7  8  9 10
    const v = [9, 1, 3, 1, 2, 2, 2, 0, 5, 4, 8];
    // 0 and 10 are ends; 2 (3), the flat top 4–6 → 5 (2), 8 (5).
    expect(findPeaks(v, 0, 10)).toEqual([8, 2, 5]);
    expect(findPeaks(v, 2.5, 10)).toEqual([8, 2]);
    expect(findPeaks(v, 0, 1)).toEqual([8]);
    // A plateau that never comes down is not a peak; equal heights keep index order.
    expect(findPeaks([0, 1, 1, 1], 0, 3)).toEqual([]);
    expect(findPeaks([0, 2, 0, 2, 0], 0, 3)).toEqual([1, 3]);
    // A flat top of even length: ⌊(first + last)/2⌋, as SciPy's find_peaks.
    expect(findPeaks([0, 1, 1, 0], 0, 3)).toEqual([1]);
  });
});
