/**
 * Fixed-point requantization, with the semantics TFLite's integer kernels use (the gemmlowp
 * helpers; TFLite's default "double rounding" build). An int8 layer accumulates in int32 and must
 * multiply the sum by a real number M = s_in · s_w / s_out (usually < 1) without floats. M is
 * stored once as a Q31 integer m ∈ [2^30, 2^31) and a power-of-two exponent:
 *
 *   M ≈ m · 2^(shift − 31)
 *
 * and each output is   RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x · 2^left, m), right)
 * with left = max(shift, 0), right = max(−shift, 0).
 *
 * All values are int32 (JS numbers holding integers in [−2^31, 2^31 − 1]).
 */

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const TWO_31 = 2147483648;
const TWO_30 = 1073741824;

function checkInt32(x: number, name: string): void {
  if (!Number.isInteger(x) || x < INT32_MIN || x > INT32_MAX) throw new RangeError(`${name} must be an int32`);
}

/**
 * The high 32 bits of 2·a·b, rounded: returns round(a · b / 2^31) with ties toward +∞, as the
 * ARM instruction SQRDMULH. The only product that does not fit, INT32_MIN · INT32_MIN (= 2^62,
 * i.e. 2^31 after the division), saturates to INT32_MAX.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  checkInt32(a, 'a');
  checkInt32(b, 'b');
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const nudgeSign = a < 0 !== b < 0 && a !== 0 && b !== 0;
  const p = a * b;
  // Fast path: the product and the nudge are exact in a double while |p| < 2^53 − 2^30, and dividing
  // by 2^31 only changes the exponent, so truncating gives the same integer as int64 arithmetic.
  if (Math.abs(p) < Number.MAX_SAFE_INTEGER + 1 - TWO_30) {
    const nudge = nudgeSign ? 1 - TWO_30 : TWO_30;
    return Math.trunc((p + nudge) / TWO_31) | 0; // | 0 turns −0 into 0
  }
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  // BigInt division truncates toward zero, as int64 division in C++.
  return Number((ab + nudge) / (1n << 31n));
}

/**
 * x / 2^exponent rounded to nearest, ties away from zero (exponent in [0, 31]). This is an
 * arithmetic right shift that rounds instead of flooring.
 */
export function roundingDivideByPOT(x: number, exponent: number): number {
  checkInt32(x, 'x');
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 31) throw new RangeError('exponent must be in [0, 31]');
  const mask = 2 ** exponent - 1; // ≤ 2^31 − 1, fits an int32
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

export interface QuantizedMultiplier {
  /** Q31 mantissa: 0, or |m| in [2^30, 2^31 − 1]. */
  multiplier: number;
  /** Power-of-two exponent: M ≈ multiplier · 2^(shift − 31). Positive means a left shift. */
  shift: number;
}

/** frexp: x = q · 2^e with |q| in [0.5, 1). x must be finite and non-zero. */
function frexp(x: number): { q: number; e: number } {
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  let q = x / 2 ** e;
  // log2 can be off by one near powers of two: fix the mantissa into [0.5, 1).
  while (Math.abs(q) >= 1) {
    q /= 2;
    e++;
  }
  while (Math.abs(q) < 0.5) {
    q *= 2;
    e--;
  }
  return { q, e };
}

/**
 * TFLite's QuantizeMultiplier: splits a real multiplier into a Q31 integer and a shift.
 * m = round(q · 2^31) where real = q · 2^shift, q ∈ [0.5, 1); if rounding reaches 2^31 it is
 * halved and the shift grows by one. Multipliers below about 2^-31 (shift < −31) flush to zero.
 */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (!Number.isFinite(real)) throw new RangeError('the multiplier must be finite');
  if (real === 0 || Math.abs(real) < 2 ** -40) return { multiplier: 0, shift: 0 };
  const { q, e } = frexp(real);
  let shift = e;
  let m = q < 0 ? -Math.round(-q * TWO_31) : Math.round(q * TWO_31);
  if (Math.abs(m) === TWO_31) {
    m /= 2;
    shift++;
  }
  if (shift < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: m, shift };
}

/** The real number a (multiplier, shift) pair stands for: multiplier · 2^(shift − 31). */
export function multiplierToReal(qm: QuantizedMultiplier): number {
  return qm.multiplier * 2 ** (qm.shift - 31);
}

/**
 * x · M in integer arithmetic, as TFLite's MultiplyByQuantizedMultiplier. A left shift that
 * overflows int32 wraps around (two's complement), as the C++ code does on real hardware; pick
 * ranges where x · 2^left fits.
 */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  checkInt32(x, 'x');
  checkInt32(multiplier, 'multiplier');
  if (!Number.isInteger(shift) || shift < -31 || shift > 30) throw new RangeError('shift must be in [-31, 30]');
  const left = shift > 0 ? shift : 0;
  const right = shift > 0 ? 0 : -shift;
  const shifted = left > 0 ? Math.imul(x, 2 ** left) : x;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, multiplier), right);
}
