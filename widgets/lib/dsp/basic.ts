/**
 * Elementary operations on one signal (pure). Inputs are any array-like of numbers; outputs are
 * new Float64Arrays (inputs are never modified).
 *
 *   mean(x)        = (1/n) Σ x_i                       (NaN for n = 0)
 *   rms(x)         = √((1/n) Σ x_i²)  over all n        (NaN for n = 0)
 *   removeMean(x)  = x_i − mean(x)
 *   scaleBy(x, k)  = float32(x_i) · k                  (Edge Impulse casts raw data to float32
 *                                                       before scaling; the product is float64)
 *   isPow2(n), nextPow2(n) = the smallest power of two ≥ n (1 for n ≤ 1)
 */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

export function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / x.length);
}

export function removeMean(x: ArrayLike<number>): Float64Array {
  const m = mean(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - m;
  return out;
}

export function scaleBy(x: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.fround(x[i]!) * k;
  return out;
}

export const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

export const nextPow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));
