/**
 * Baselines and error measures for forecasting (pure). For a window that ends at t ("now") and
 * a target x_{t+h}:
 *   naive    ŷ = x_t                          (the next value is the last one seen)
 *   seasonal ŷ = x_{t+h−m·k},  k = ⌈h/m⌉      (the value one season back; with h ≤ m, x_{t+h−m})
 * Both use only values up to t. Errors over N targets, in the series' units:
 *   MAE = (1/N) Σ |y − ŷ|,   RMSE = √((1/N) Σ (y − ŷ)²)
 */

export function naiveForecast(x: ArrayLike<number>, target: number, horizon: number): number {
  const t = target - horizon;
  if (t < 0) throw new RangeError('no value before the target');
  return x[t]!;
}

export function seasonalForecast(x: ArrayLike<number>, target: number, horizon: number, period: number): number {
  const back = period * Math.ceil(horizon / period);
  const i = target - back;
  if (i < 0) throw new RangeError('not a whole season of history before the target');
  return x[i]!;
}

export interface Errors {
  mae: number;
  rmse: number;
  n: number;
}

export function errors(truth: ArrayLike<number>, pred: ArrayLike<number>): Errors {
  const n = truth.length;
  if (pred.length !== n) throw new RangeError('truth and prediction lengths differ');
  let a = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = truth[i]! - pred[i]!;
    a += Math.abs(e);
    s += e * e;
  }
  return n ? { mae: a / n, rmse: Math.sqrt(s / n), n } : { mae: Number.NaN, rmse: Number.NaN, n: 0 };
}

/**
 * Lag in [minLag, maxLag] with the highest autocorrelation of x_0 … x_{n−1} (mean removed):
 *   r(k) = Σ_t (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)²
 * Only a local maximum of r counts (r(k) ≥ r(k−1) and r(k) ≥ r(k+1)), so a slowly decaying
 * curve does not pick minLag. Returns maxLag when no local maximum exists.
 */
export function estimatePeriod(x: ArrayLike<number>, minLag: number, maxLag: number): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n || 1;
  let den = 0;
  for (let i = 0; i < n; i++) den += (x[i]! - m) ** 2;
  const r = (k: number): number => {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t]! - m) * (x[t + k]! - m);
    return den > 0 ? s / den : 0;
  };
  let best = maxLag;
  let bestR = -Infinity;
  for (let k = Math.max(1, minLag); k <= Math.min(maxLag, n - 2); k++) {
    const rk = r(k);
    if (rk >= r(k - 1) && rk >= r(k + 1) && rk > bestR) {
      bestR = rk;
      best = k;
    }
  }
  return best;
}
