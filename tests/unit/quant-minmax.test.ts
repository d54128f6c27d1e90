import { describe, expect, it } from 'vitest';
import {
  NOTES_CLAIMED_CODES,
  levels,
  minMaxDecode,
  minMaxEncode,
  minMaxQuantize,
  notesExample,
  quantize,
  roundHalfAway,
} from '../../widgets/lib/quant';
import { createRng } from '../../widgets/lib/rng/rng';

describe('quantize(x, step): rounding to a grid', () => {
  it('reproduces the examples of the notes', () => {
    expect(quantize(3.14, 1.0)).toBe(3);
    expect(quantize(3.14, 0.1)).toBeCloseTo(3.1, 12);
    expect(Math.abs(quantize(3.14, 0.1) - 3.1)).toBeLessThan(1e-12);
  });
  it('the formula as printed in the notes, round(x*step)/step, would give 0 for step 0.1', () => {
    expect(Math.round(3.14 * 0.1) / 0.1).toBe(0); // why we use round(x/step)·step
  });
  it('lands on a multiple of the step, within half a step', () => {
    const rng = createRng(7);
    for (let k = 0; k < 500; k++) {
      const x = rng.uniform(-100, 100);
      const step = rng.uniform(0.01, 5);
      const q = quantize(x, step);
      expect(Math.abs(q - x)).toBeLessThanOrEqual(step / 2 + 1e-9);
      expect(Math.abs(q / step - Math.round(q / step))).toBeLessThan(1e-6);
    }
  });
  it('rejects a step that is not positive', () => {
    expect(() => quantize(1, 0)).toThrow(RangeError);
    expect(() => quantize(1, -0.1)).toThrow(RangeError);
    expect(() => quantize(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('roundHalfAway', () => {
  it('rounds ties away from zero, like C round()', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(-0.5)).toBe(-1);
    expect(roundHalfAway(-2.4)).toBe(-2);
    expect(roundHalfAway(1.49)).toBe(1);
  });
});

describe('min-max formula of the notes (unsigned codes)', () => {
  it('maps min to 0 and max to L = 2^b − 1, and back exactly', () => {
    expect(levels(8)).toBe(255);
    expect(levels(2)).toBe(3);
    expect(minMaxEncode(-4.28, -4.28, 9.56)).toBe(0);
    expect(minMaxEncode(9.56, -4.28, 9.56)).toBe(255);
    expect(minMaxDecode(0, -4.28, 9.56)).toBeCloseTo(-4.28, 12);
    expect(minMaxDecode(255, -4.28, 9.56)).toBeCloseTo(9.56, 12);
    expect(minMaxEncode(0.5, 0, 1, 2)).toBe(2); // 0.5·3 = 1.5 → 2
  });
  it('clamps values outside [min, max] and handles a constant input', () => {
    expect(minMaxEncode(20, 0, 10)).toBe(255);
    expect(minMaxEncode(-3, 0, 10)).toBe(0);
    const c = minMaxQuantize([2, 2, 2]);
    expect(c.codes).toEqual([0, 0, 0]);
    expect(c.restored).toEqual([2, 2, 2]);
  });
  it('round trip error is at most half a step, for every bit width', () => {
    const rng = createRng(11);
    const xs = Array.from({ length: 400 }, () => rng.normal(0, 2));
    for (let bits = 2; bits <= 8; bits++) {
      const r = minMaxQuantize(xs, bits);
      expect(r.step).toBeCloseTo((r.max - r.min) / (2 ** bits - 1), 12);
      r.codes.forEach((q) => expect(q >= 0 && q <= 2 ** bits - 1 && Number.isInteger(q)).toBe(true));
      xs.forEach((x, i) => expect(Math.abs(x - r.restored[i]!)).toBeLessThanOrEqual(r.step / 2 + 1e-12));
    }
  });
});

describe("the notes' 3x4 example, computed correctly", () => {
  const ex = notesExample();
  it('uses min −4.28 and max 9.56 of the printed values', () => {
    expect(ex.min).toBe(-4.28);
    expect(ex.max).toBe(9.56);
    expect(ex.step).toBeCloseTo(13.84 / 255, 15);
  });
  it('9.56 (the max) maps to 255, not 245 as printed', () => {
    expect(ex.codes[0]![0]).toBe(255);
    expect(NOTES_CLAIMED_CODES[0]).toBe(245);
  });
  it('gives the codes worked out by hand', () => {
    // (x + 4.28) / 13.84 · 255: 2.51 → 125.10, −1.97 → 42.56, 6.7 → 202.31, −3.5 → 14.37, 5.2 → 174.67, −4.0 → 5.16
    expect(ex.codes).toEqual([
      [255, 0, 125, 43],
      [202, 14, 175, 5],
    ]);
  });
  it('restores every value within half a step (0.0271)', () => {
    expect(ex.maxAbsError).toBeLessThanOrEqual(13.84 / 255 / 2 + 1e-12);
    expect(ex.maxAbsError).toBeGreaterThan(0);
    expect(ex.restored[0]![1]).toBeCloseTo(-4.28, 12);
    expect(ex.restored[0]![2]).toBeCloseTo((125 / 255) * 13.84 - 4.28, 12); // 2.5036
    expect(ex.mse).toBeCloseTo(ex.error.flat().reduce((s, e) => s + e * e, 0) / 8, 15);
  });
  it("shows that the notes' codes would not give the matrix back", () => {
    // 245/255·13.84 − 4.28 = 9.0173, far from 9.56
    expect(ex.claimedRestored[0]).toBeCloseTo(9.0173, 4);
    expect(ex.claimedRestored[1]).toBeCloseTo(-4.0086, 4);
  });
  it('accepts the elided middle row and then has 3 rows', () => {
    const full = notesExample([1.2, 10.4, -5, 0]);
    expect(full.matrix).toHaveLength(3);
    expect(full.max).toBe(10.4);
    expect(full.min).toBe(-5);
    expect(full.codes[1]).toEqual([Math.round((6.2 / 15.4) * 255), 255, 0, Math.round((5 / 15.4) * 255)]);
    expect(() => notesExample([1, 2])).toThrow(RangeError);
  });
});
