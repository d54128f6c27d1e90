/**
 * Window functions (pure), n samples, as Float64Array.
 *   rectangular: w_i = 1
 *   hann, symmetric (periodic = false, the default): w_i = 0.5 − 0.5·cos(2πi/(n−1)), i = 0…n−1
 *   hann, periodic  (periodic = true):                w_i = 0.5 − 0.5·cos(2πi/n)
 * (periodic is what spectral analysis with overlapping frames uses; n = 1 gives [1]).
 */
export type WindowKind = 'rectangular' | 'hann';

export function makeWindow(kind: WindowKind, n: number, periodic = false): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (kind === 'rectangular' || n <= 1) return w;
  const d = periodic ? n : n - 1;
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / d);
  return w;
}
