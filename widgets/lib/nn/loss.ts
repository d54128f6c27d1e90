/**
 * Loss functions. Each takes the network's last-layer values for a batch ([batch, width],
 * row-major) and the targets (same shape), and returns the loss and its gradient.
 *
 * Which last-layer value a loss reads (`reads`):
 *  - 'output': the activation output ŷ = φ(net); the gradient returned is dL/dŷ.
 *  - 'net': the net input z of the output layer; the gradient returned is dL/dz. Used when the
 *    loss is fused with the output activation, because the fused formula is simpler and does not
 *    overflow: sigmoid + binary cross-entropy, softmax + cross-entropy.
 */
import { alloc, type Vec } from './dense';
import type { ActivationName } from './activations';

export type LossName = 'mse' | 'bce' | 'softmax-ce';

export interface LossResult {
  loss: number;
  /** dL/dŷ or dL/dz (see `reads`), [batch, width]. */
  grad: Vec;
}

export interface Loss {
  name: LossName;
  /** Spanish display name. */
  label: string;
  /** KaTeX source of the formula the code computes. */
  tex: string;
  reads: 'output' | 'net';
  /** The output activation this loss requires, or null if any works. */
  needsOutput: ActivationName | null;
  /** `out`, when given, receives the gradient (length batch·width) instead of a new array. */
  compute(values: Vec, target: ArrayLike<number>, batch: number, width: number, out?: Vec): LossResult;
}

function check(values: Vec, target: ArrayLike<number>, batch: number, width: number): void {
  if (values.length !== batch * width || target.length !== batch * width) {
    throw new RangeError(`loss: expected ${batch}×${width} values and targets, got ${values.length} and ${target.length}`);
  }
}

/** The caller's gradient buffer when it fits, else a new one of the values' type. */
function gradBuffer(values: Vec, n: number, out: Vec | undefined): Vec {
  if (out && out.length === n) return out;
  return alloc(values instanceof Float64Array ? 'float64' : 'float32', n);
}

/**
 * A loss that is the mean of one term per output: L = (1/N) Σ term(v_k, y_k), N = batch·width,
 * and ∂L/∂v_k = slope(v_k, y_k) / N.
 */
function meanLoss(
  v: Vec, y: ArrayLike<number>, batch: number, width: number, out: Vec | undefined,
  term: (v: number, y: number) => number,
  slope: (v: number, y: number) => number,
): LossResult {
  check(v, y, batch, width);
  const N = batch * width;
  const grad = gradBuffer(v, N, out);
  let sum = 0;
  for (let k = 0; k < N; k++) {
    sum += term(v[k]!, y[k]!);
    grad[k] = slope(v[k]!, y[k]!) / N;
  }
  return { loss: sum / N, grad };
}

/**
 * Mean squared error over ALL outputs of all samples, as in the course notes:
 *   L = 1/(P·M) Σ_p Σ_k (ŷ_pk − y_pk)²,   P samples in the batch, M outputs each,
 *   ∂L/∂ŷ_pk = 2 (ŷ_pk − y_pk) / (P·M).
 * With one output (M = 1) it is the plain mean over samples. No ½ factor.
 */
export const MSE: Loss = {
  name: 'mse',
  label: 'Error cuadrático medio (MSE)',
  tex: String.raw`L=\frac{1}{PM}\sum_{p=1}^{P}\sum_{k=1}^{M}\left(\hat y_{pk}-y_{pk}\right)^2`,
  reads: 'output',
  needsOutput: null,
  compute(yhat, y, batch, width, out) {
    return meanLoss(yhat, y, batch, width, out, (v, t) => (v - t) * (v - t), (v, t) => 2 * (v - t));
  },
};

/**
 * Binary cross-entropy on a sigmoid output, fused. With ŷ = σ(z) and y ∈ [0, 1]:
 *   L = −1/(P·M) Σ [ y ln ŷ + (1 − y) ln(1 − ŷ) ]
 * computed in the stable form (no exp of a large positive number, no log of 0)
 *   −[y ln σ(z) + (1−y) ln(1−σ(z))] = max(z, 0) − z·y + ln(1 + e^(−|z|)),
 * and its gradient w.r.t. the net input is simply
 *   ∂L/∂z = (σ(z) − y) / (P·M).
 */
export const BCE: Loss = {
  name: 'bce',
  label: 'Entropía cruzada binaria',
  tex: String.raw`L=-\frac{1}{PM}\sum_{p,k}\Bigl[y_{pk}\ln\hat y_{pk}+(1-y_{pk})\ln\bigl(1-\hat y_{pk}\bigr)\Bigr]`,
  reads: 'net',
  needsOutput: 'sigmoid',
  compute(z, y, batch, width, out) {
    return meanLoss(
      z, y, batch, width, out,
      (zk, yk) => Math.max(zk, 0) - zk * yk + Math.log1p(Math.exp(-Math.abs(zk))),
      (zk, yk) => (zk >= 0 ? 1 / (1 + Math.exp(-zk)) : Math.exp(zk) / (1 + Math.exp(zk))) - yk,
    );
  },
};

/**
 * Softmax of each row, stable: subtract the row maximum before exponentiating (softmax does
 * not change when a constant is added to every z_k, and then no e^z overflows).
 *   p_k = e^(z_k − max z) / Σ_c e^(z_c − max z).
 */
export function softmax(z: ArrayLike<number>, batch: number, width: number): Float64Array {
  const p = new Float64Array(batch * width);
  for (let s = 0; s < batch; s++) {
    let max = -Infinity;
    for (let k = 0; k < width; k++) max = Math.max(max, z[s * width + k]!);
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const e = Math.exp(z[s * width + k]! - max);
      p[s * width + k] = e;
      sum += e;
    }
    for (let k = 0; k < width; k++) p[s * width + k] = p[s * width + k]! / sum;
  }
  return p;
}

/**
 * Softmax + categorical cross-entropy, fused, for one-hot (or probability) targets over M
 * classes. The network's output layer must be 'linear': its outputs are the scores z.
 *   L = −1/P Σ_p Σ_k y_pk ln p_pk,  p = softmax(z)   (mean over samples, sum over classes),
 *   ln p_k = (z_k − max z) − ln Σ_c e^(z_c − max z)  (log-sum-exp, stable),
 *   ∂L/∂z_pk = (p_pk − y_pk) / P.
 */
export const SOFTMAX_CE: Loss = {
  name: 'softmax-ce',
  label: 'Entropía cruzada con softmax',
  tex: String.raw`L=-\frac{1}{P}\sum_{p=1}^{P}\sum_{k=1}^{M}y_{pk}\ln\frac{e^{z_{pk}}}{\sum_{c}e^{z_{pc}}}`,
  reads: 'net',
  needsOutput: 'linear',
  compute(z, y, batch, width, out) {
    check(z, y, batch, width);
    const grad = gradBuffer(z, batch * width, out);
    let sum = 0;
    for (let s = 0; s < batch; s++) {
      let max = -Infinity;
      for (let k = 0; k < width; k++) max = Math.max(max, z[s * width + k]!);
      let denom = 0;
      for (let k = 0; k < width; k++) denom += Math.exp(z[s * width + k]! - max);
      const logDenom = Math.log(denom);
      for (let k = 0; k < width; k++) {
        const i = s * width + k;
        const logP = z[i]! - max - logDenom;
        sum -= y[i]! * logP;
        grad[i] = (Math.exp(logP) - y[i]!) / batch;
      }
    }
    return { loss: sum / batch, grad };
  },
};

export const LOSSES: Readonly<Record<LossName, Loss>> = { mse: MSE, bce: BCE, 'softmax-ce': SOFTMAX_CE };
