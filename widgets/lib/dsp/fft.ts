/**
 * Real FFT on fft.js (pure). rfft(x, n): X[k] = Σ_{i<n} x_i · e^{−2πj·k·i/n}, k = 0 … n/2
 * (n/2 + 1 bins), where x is zero-padded to n when shorter and truncated to its first n samples
 * when longer. n must be a power of two ≥ 2 (fft.js's radix-4 needs n ≥ 4; n = 2 is done here).
 */
import FFT from 'fft.js';
import { isPow2 } from './basic';

export interface Complex {
  re: Float64Array;
  im: Float64Array;
}

const plans = new Map<number, FFT>();

export function rfft(x: ArrayLike<number>, n: number): Complex {
  if (!isPow2(n) || n < 2) throw new RangeError(`rfft: n must be a power of two ≥ 2 (got ${n})`);
  const half = n / 2;
  const re = new Float64Array(half + 1);
  const im = new Float64Array(half + 1);
  const m = Math.min(n, x.length);
  if (n === 2) {
    const a = m > 0 ? x[0]! : 0;
    const b = m > 1 ? x[1]! : 0;
    re[0] = a + b;
    re[1] = a - b;
    return { re, im };
  }
  let plan = plans.get(n);
  if (!plan) {
    plan = new FFT(n);
    plans.set(n, plan);
  }
  const input = new Float64Array(n);
  for (let i = 0; i < m; i++) input[i] = x[i]!;
  const out = plan.createComplexArray() as number[];
  plan.realTransform(out, input);
  for (let k = 0; k <= half; k++) {
    re[k] = out[2 * k]!;
    im[k] = out[2 * k + 1]!;
  }
  return { re, im };
}

/** |X[k]| for every bin. */
export function magnitudes(X: Complex): Float64Array {
  const out = new Float64Array(X.re.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.hypot(X.re[k]!, X.im[k]!);
  return out;
}
