/**
 * A fully connected (dense) layer, written to be read by students.
 *
 * THE WEIGHT CONVENTION (used everywhere in widgets/lib/nn):
 *   A layer with n inputs and m neurons stores
 *     W : m × n, row-major in a flat array:  W[j*n + i] = w_ji,
 *         the weight from input i to neuron j (row j = the weights of neuron j);
 *     b : m, one bias per neuron.
 *   For one input column x (n × 1):
 *     net = W x + b          (m × 1) = (m × n)(n × 1) + (m × 1)
 *     y   = φ(net)           φ applied to each component.
 *   Lesson 04 writes the same thing as Net = Wᵀx + B with a matrix of shape (n × m) whose
 *   column j holds the weights of neuron j: that matrix is exactly the transpose of our W, so
 *   both formulas compute net_j = Σ_i w_ji x_i + b_j, the net input of lesson 03.
 *
 * Batches: B samples are a Float32Array of shape [B, n], row-major (row s = sample s), so
 *   NET = X Wᵀ + b (each row), Y = φ(NET), both [B, m].
 *
 * Gradients: `backward` receives dL/dY for the last forward batch and computes
 *   dL/dNET = dL/dY ⊙ φ'(NET), dL/dW = dL/dNETᵀ X, dL/db = Σ_rows dL/dNET, dL/dX = dL/dNET W.
 * The step and sign activations have φ' = 0 wherever it exists, so no gradient flows through
 * them: a layer with those activations cannot be trained by gradient descent (the perceptron in
 * perceptron.ts uses its own learning rule for that reason).
 */
import type { Rng } from '../rng/rng';
import { ACTIVATIONS, type ActivationName } from './activations';

/** Storage for parameters, activations and gradients. float32 by default; float64 for checks. */
export type Vec = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

export function alloc(dtype: DType, length: number): Vec {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** How to draw the initial weights (biases always start at 0). */
export type InitName = 'xavier' | 'he' | 'auto';

/**
 * Half-width of the uniform interval the weights are drawn from:
 *   Xavier/Glorot uniform: √(6 / (n + m)), keeps the variance of signals roughly constant
 *     through sigmoid/tanh layers;
 *   He uniform: √(6 / n), twice the variance, compensates that ReLU zeroes half its inputs.
 * 'auto' picks He for ReLU and Xavier otherwise.
 */
export function initLimit(init: InitName, activation: ActivationName, nIn: number, nOut: number): number {
  const kind = init === 'auto' ? (activation === 'relu' ? 'he' : 'xavier') : init;
  return kind === 'he' ? Math.sqrt(6 / nIn) : Math.sqrt(6 / (nIn + nOut));
}

export class Dense {
  /** W[j*nIn + i] = w_ji (see the convention above). */
  readonly W: Vec;
  readonly b: Vec;
  /** dL/dW and dL/db of the last `backward` call (same layout as W and b). */
  readonly dW: Vec;
  readonly db: Vec;

  // Cache of the last forward pass, needed by backward.
  private x: Vec | null = null;
  private batch = 0;
  /** NET of the last forward pass, [batch, nOut]. */
  net: Vec;
  /** Y = φ(NET) of the last forward pass, [batch, nOut]. */
  out: Vec;
  private dNet: Vec;
  private dX: Vec;

  constructor(
    readonly nIn: number,
    readonly nOut: number,
    readonly activation: ActivationName,
    readonly dtype: DType = 'float32',
  ) {
    if (!(nIn >= 1 && nOut >= 1)) throw new RangeError(`Dense: sizes must be ≥ 1 (got ${nIn}, ${nOut})`);
    if (!(activation in ACTIVATIONS)) throw new RangeError(`Dense: unknown activation ${activation}`);
    this.W = alloc(dtype, nOut * nIn);
    this.b = alloc(dtype, nOut);
    this.dW = alloc(dtype, nOut * nIn);
    this.db = alloc(dtype, nOut);
    this.net = alloc(dtype, 0);
    this.out = alloc(dtype, 0);
    this.dNet = alloc(dtype, 0);
    this.dX = alloc(dtype, 0);
  }

  /** Draws W uniformly in [−limit, limit) (row by row, in storage order) and sets b = 0. */
  initialize(rng: Rng, init: InitName = 'auto'): void {
    const limit = initLimit(init, this.activation, this.nIn, this.nOut);
    for (let k = 0; k < this.W.length; k++) this.W[k] = rng.uniform(-limit, limit);
    this.b.fill(0);
  }

  /** Number of trainable parameters: m·n weights + m biases. */
  get paramCount(): number {
    return this.W.length + this.b.length;
  }

  /**
   * Forward pass for a batch X of shape [batch, nIn]. Returns Y = φ(X Wᵀ + b), [batch, nOut].
   * The returned array (and `net`) belong to the layer and are overwritten by the next call;
   * X is kept by reference until `backward`, so do not modify it in between.
   */
  forward(X: Vec, batch: number): Vec {
    const { nIn: n, nOut: m, W, b } = this;
    if (X.length !== batch * n) throw new RangeError(`Dense.forward: expected ${batch}×${n} inputs, got ${X.length}`);
    if (this.net.length !== batch * m) {
      this.net = alloc(this.dtype, batch * m);
      this.out = alloc(this.dtype, batch * m);
    }
    const { net, out } = this;
    const phi = ACTIVATIONS[this.activation].f;
    for (let s = 0; s < batch; s++) {
      for (let j = 0; j < m; j++) {
        // net_j = Σ_i w_ji x_i + b_j
        let sum = b[j]!;
        for (let i = 0; i < n; i++) sum += W[j * n + i]! * X[s * n + i]!;
        net[s * m + j] = sum;
        out[s * m + j] = phi(sum);
      }
    }
    this.x = X;
    this.batch = batch;
    return this.out;
  }

  /**
   * Backward pass. `dOut` is [batch, nOut] and is either dL/dY (wrt = 'output', the usual case)
   * or already dL/dNET (wrt = 'net', used by losses fused with their activation, such as
   * sigmoid + binary cross-entropy). Fills dW and db and returns dL/dX, [batch, nIn]
   * (owned by the layer, overwritten by the next call).
   */
  backward(dOut: Vec, wrt: 'output' | 'net' = 'output'): Vec {
    const { nIn: n, nOut: m, W, batch } = this;
    const X = this.x;
    if (!X) throw new Error('Dense.backward called before forward');
    if (dOut.length !== batch * m) throw new RangeError(`Dense.backward: expected ${batch}×${m} gradients, got ${dOut.length}`);
    if (this.dNet.length !== batch * m) this.dNet = alloc(this.dtype, batch * m);
    if (this.dX.length !== batch * n) this.dX = alloc(this.dtype, batch * n);
    const dphi = ACTIVATIONS[this.activation].df;

    // Step 1, through the activation: y = φ(net) ⇒ ∂L/∂net_j = ∂L/∂y_j · φ'(net_j).
    for (let k = 0; k < batch * m; k++) {
      this.dNet[k] = wrt === 'net' ? dOut[k]! : dOut[k]! * dphi(this.net[k]!);
    }

    // Step 2, into the weights: ∂net_j/∂w_ji = x_i ⇒ ∂L/∂w_ji = Σ_samples ∂L/∂net_j · x_i.
    // Step 3, into the biases: ∂net_j/∂b_j = 1 ⇒ ∂L/∂b_j = Σ_samples ∂L/∂net_j.
    this.dW.fill(0);
    this.db.fill(0);
    for (let s = 0; s < batch; s++) {
      for (let j = 0; j < m; j++) {
        const g = this.dNet[s * m + j]!;
        this.db[j] = this.db[j]! + g;
        for (let i = 0; i < n; i++) this.dW[j * n + i] = this.dW[j * n + i]! + g * X[s * n + i]!;
      }
    }

    // Step 4, into the inputs (the previous layer's outputs): ∂net_j/∂x_i = w_ji
    //   ⇒ ∂L/∂x_i = Σ_j ∂L/∂net_j · w_ji   (dL/dX = dL/dNET · W).
    for (let s = 0; s < batch; s++) {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < m; j++) sum += this.dNet[s * m + j]! * W[j * n + i]!;
        this.dX[s * n + i] = sum;
      }
    }
    return this.dX;
  }
}
