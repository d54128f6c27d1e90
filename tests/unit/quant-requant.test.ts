import { describe, expect, it } from 'vitest';
import {
  INT32_MAX,
  INT32_MIN,
  multiplierToReal,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from '../../widgets/lib/quant';
import { createRng } from '../../widgets/lib/rng/rng';

// Independent references in exact integer arithmetic (BigInt), from the definitions:
// SRDHM(a, b) = round(a·b / 2^31) with ties toward +∞, saturated to int32;
// RDBPOT(x, e) = x / 2^e rounded to nearest, ties away from zero.
const floorDiv = (n: bigint, d: bigint): bigint => (n >= 0n ? n / d : -((-n + d - 1n) / d));
function refSrdhm(a: number, b: number): number {
  const r = floorDiv(BigInt(a) * BigInt(b) + (1n << 30n), 1n << 31n);
  return Number(r > BigInt(INT32_MAX) ? BigInt(INT32_MAX) : r);
}
function refRdbpot(x: number, e: number): number {
  if (e === 0) return x;
  const ax = BigInt(Math.abs(x));
  const q = (ax + (1n << BigInt(e - 1))) >> BigInt(e);
  return Number(x < 0 ? -q : q);
}

function randInt32(rng: ReturnType<typeof createRng>, bits: number): number {
  // uniform magnitude below 2^bits, random sign, kept in int32
  const m = Math.floor(rng.next() * 2 ** bits);
  return Math.max(INT32_MIN, Math.min(INT32_MAX, rng.next() < 0.5 ? -m : m));
}

describe('SaturatingRoundingDoublingHighMul', () => {
  it('saturates the one product that overflows: INT32_MIN · INT32_MIN', () => {
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN)).toBe(INT32_MAX);
  });
  it('handles the other extremes exactly', () => {
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MAX)).toBe(-2147483647);
    expect(saturatingRoundingDoublingHighMul(INT32_MAX, INT32_MAX)).toBe(2147483646);
    expect(saturatingRoundingDoublingHighMul(INT32_MAX, INT32_MIN)).toBe(-2147483647);
    expect(saturatingRoundingDoublingHighMul(0, INT32_MIN)).toBe(0);
    expect(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30)).toBe(1 << 29); // 0.5 · 0.5 = 0.25 in Q31
  });
  it('rounds ties toward +∞ (it is SQRDMULH)', () => {
    expect(saturatingRoundingDoublingHighMul(3, 1 << 30)).toBe(2); // 1.5 → 2
    expect(saturatingRoundingDoublingHighMul(-3, 1 << 30)).toBe(-1); // −1.5 → −1
    expect(saturatingRoundingDoublingHighMul(-1, 1 << 30)).toBe(0); // −0.5 → 0
  });
  it('matches the exact reference on random operands of every size (fast and BigInt paths)', () => {
    const rng = createRng(2024);
    for (let k = 0; k < 20000; k++) {
      const a = randInt32(rng, 1 + (k % 32));
      const b = randInt32(rng, 1 + ((k * 7) % 32));
      expect(saturatingRoundingDoublingHighMul(a, b)).toBe(refSrdhm(a, b));
    }
  });
  it('rejects values that are not int32', () => {
    expect(() => saturatingRoundingDoublingHighMul(2 ** 31, 1)).toThrow(RangeError);
    expect(() => saturatingRoundingDoublingHighMul(1.5, 1)).toThrow(RangeError);
  });
});

describe('RoundingDivideByPOT', () => {
  it('rounds to nearest, ties away from zero', () => {
    expect(roundingDivideByPOT(5, 1)).toBe(3);
    expect(roundingDivideByPOT(-5, 1)).toBe(-3);
    expect(roundingDivideByPOT(-4, 1)).toBe(-2);
    expect(roundingDivideByPOT(7, 2)).toBe(2); // 1.75
    expect(roundingDivideByPOT(-6, 2)).toBe(-2); // −1.5 → −2
    expect(roundingDivideByPOT(123, 0)).toBe(123);
  });
  it('works up to exponent 31', () => {
    expect(roundingDivideByPOT(INT32_MIN, 31)).toBe(-1);
    expect(roundingDivideByPOT(INT32_MAX, 31)).toBe(1);
    expect(roundingDivideByPOT(1 << 30, 31)).toBe(1); // 0.5 → 1
    expect(roundingDivideByPOT(-(1 << 30), 31)).toBe(-1); // −0.5 → −1
    expect(() => roundingDivideByPOT(1, 32)).toThrow(RangeError);
  });
  it('matches the exact reference on random values', () => {
    const rng = createRng(99);
    for (let k = 0; k < 20000; k++) {
      const x = randInt32(rng, 31);
      const e = k % 32;
      expect(roundingDivideByPOT(x, e)).toBe(refRdbpot(x, e));
    }
  });
});

describe('QuantizeMultiplier', () => {
  it('splits known multipliers into Q31 and shift', () => {
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 2 ** 30, shift: 0 });
    expect(quantizeMultiplier(0.25)).toEqual({ multiplier: 2 ** 30, shift: -1 });
    expect(quantizeMultiplier(1)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(1.5)).toEqual({ multiplier: 1610612736, shift: 1 }); // 0.75 · 2^31
    expect(quantizeMultiplier(1 / 3)).toEqual({ multiplier: 1431655765, shift: -1 }); // round(2/3 · 2^31)
    expect(quantizeMultiplier(1e-3)).toEqual({ multiplier: 1099511628, shift: -9 }); // 1e-3 = 0.512 · 2^−9
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
  });
  it('carries into the shift when the mantissa rounds up to 2^31', () => {
    expect(quantizeMultiplier(0.999999999999)).toEqual({ multiplier: 2 ** 30, shift: 1 });
  });
  it('flushes multipliers below 2^−32 to zero', () => {
    expect(quantizeMultiplier(1e-12)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(2 ** -33)).toEqual({ multiplier: 0, shift: 0 });
  });
  it('round trips within 2^−31 relative error, mantissa always in [2^30, 2^31)', () => {
    const rng = createRng(17);
    const reals = [0.5, 0.25, 1 / 3, 1e-3, 0.999, 0.9999999, 0.0078125, 3.7];
    for (let k = 0; k < 2000; k++) reals.push(10 ** rng.uniform(-8, 1));
    for (const real of reals) {
      const qm = quantizeMultiplier(real);
      expect(qm.multiplier).toBeGreaterThanOrEqual(2 ** 30);
      expect(qm.multiplier).toBeLessThan(2 ** 31);
      expect(Math.abs(multiplierToReal(qm) - real) / real).toBeLessThanOrEqual(2 ** -31);
    }
  });
});

describe('MultiplyByQuantizedMultiplier', () => {
  it('gives exact results for simple multipliers', () => {
    const half = quantizeMultiplier(0.5);
    expect(multiplyByQuantizedMultiplier(100, half.multiplier, half.shift)).toBe(50);
    const quarter = quantizeMultiplier(0.25);
    expect(multiplyByQuantizedMultiplier(6, quarter.multiplier, quarter.shift)).toBe(2); // 6 · 0.25 = 1.5 → 2
    expect(multiplyByQuantizedMultiplier(-6, quarter.multiplier, quarter.shift)).toBe(-2); // SRDHM gives −3 exactly, then −3 / 2 = −1.5 → −2 (ties away from zero)
    const three = quantizeMultiplier(3);
    expect(multiplyByQuantizedMultiplier(1000, three.multiplier, three.shift)).toBe(3000);
  });
  it('is within ±1 of round(x · M) for multipliers below 1 over the whole int32 range', () => {
    const rng = createRng(5);
    for (let k = 0; k < 5000; k++) {
      const real = 10 ** rng.uniform(-6, 0) * 0.999;
      const { multiplier, shift } = quantizeMultiplier(real);
      const x = randInt32(rng, 1 + (k % 31));
      const got = multiplyByQuantizedMultiplier(x, multiplier, shift);
      expect(Math.abs(got - Math.round(x * real))).toBeLessThanOrEqual(1);
    }
  });
  it('is within ±1 of round(x · M) for multipliers above 1 when x · M fits in int32', () => {
    const rng = createRng(6);
    for (let k = 0; k < 3000; k++) {
      const real = rng.uniform(1, 100);
      const { multiplier, shift } = quantizeMultiplier(real);
      const x = rng.int(-Math.floor(2 ** 31 / 128), Math.floor(2 ** 31 / 128));
      const got = multiplyByQuantizedMultiplier(x, multiplier, shift);
      expect(Math.abs(got - Math.round(x * real))).toBeLessThanOrEqual(1);
    }
  });
  it('requantizes an int32 accumulator as an int8 layer does', () => {
    // s_in = 0.02, s_w = 0.005, s_out = 0.1 → M = 0.001; acc 12345 → 12.345 → 12
    const { multiplier, shift } = quantizeMultiplier((0.02 * 0.005) / 0.1);
    expect(multiplyByQuantizedMultiplier(12345, multiplier, shift)).toBe(12);
    expect(multiplyByQuantizedMultiplier(-12500, multiplier, shift)).toBe(-13); // −12.5 → −13
  });
});
