/**
 * Stochastic gradient descent, with optional momentum.
 *
 * Without momentum (μ = 0) each parameter w moves against its gradient:
 *   w ← w − α ∂L/∂w,   written in the course notes as  w(t+1) = w(t) + α(−∂L/∂w).
 * With momentum μ ∈ [0, 1) a velocity v (one per parameter, starting at 0) remembers past steps:
 *   v ← μ v + α(−∂L/∂w),   w ← w + v,
 * so steps that keep pointing the same way add up and zig-zags cancel out.
 */
import { alloc, type Vec } from './dense';

export interface Param {
  value: Vec;
  grad: Vec;
}

export class Sgd {
  private readonly velocity: Vec[];

  /**
   * @param params the arrays to update and their gradients (e.g. `mlp.params()`), updated in place.
   * @param lr learning rate α > 0.
   * @param momentum μ in [0, 1); 0 is plain SGD.
   */
  constructor(
    readonly params: readonly Param[],
    public lr: number,
    public momentum = 0,
  ) {
    if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`Sgd: learning rate must be > 0 (got ${lr})`);
    if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`Sgd: momentum must be in [0, 1) (got ${momentum})`);
    this.velocity = params.map((p) => alloc(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length));
  }

  /**
   * Applies one update to every parameter, using the gradients currently stored in `grad`.
   * Returns true when every updated value is finite (the sum of all of them is: NaN and ±∞
   * propagate through a sum, and float32 values cannot add up to ∞ in a float64 sum), so a
   * trainer learns about exploded weights without a second scan.
   */
  step(): boolean {
    const { lr, momentum, params, velocity } = this;
    let sum = 0;
    for (let k = 0; k < params.length; k++) {
      const { value, grad } = params[k]!;
      const v = velocity[k]!;
      if (momentum === 0) {
        // Plain SGD: w(t+1) = w(t) + α(−∂L/∂w); the velocity stays 0.
        for (let i = 0; i < value.length; i++) {
          const w = value[i]! - lr * grad[i]!;
          value[i] = w;
          sum += w;
        }
        continue;
      }
      for (let i = 0; i < value.length; i++) {
        const delta = momentum * v[i]! + lr * -grad[i]!; // Δw = μ v + α(−∂L/∂w)
        v[i] = delta;
        const w = value[i]! + delta; // w(t+1) = w(t) + Δw
        value[i] = w;
        sum += w;
      }
    }
    // A non-finite sum of finite float64 values (overflow) is possible: then look one by one.
    return Number.isFinite(sum) || params.every((p) => p.value.every(Number.isFinite));
  }

  /** Forgets the accumulated velocity (e.g. after the weights are reset). */
  reset(): void {
    for (const v of this.velocity) v.fill(0);
  }
}
