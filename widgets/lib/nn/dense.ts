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
 * For linear, sigmoid, tanh and ReLU, φ'(NET) is read from Y (sigmoid' = y(1 − y), tanh' = 1 − y²)
 * and each activation runs as one loop of its own (speed: see `npm run bench -- nn-engine`).
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

/**
 * Fast paths of the four activations the trainable widgets use, as small integer codes so the
 * activation runs as one loop per kind instead of an indirect call of φ per value:
 * 0 = generic (ACTIVATIONS[name].f / .df), 1 = linear, 2 = sigmoid, 3 = tanh, 4 = ReLU.
 */
const FAST: Partial<Record<ActivationName, number>> = { linear: 1, sigmoid: 2, tanh: 3, relu: 4 };

/** The logistic function without overflow (the same formula as activations.ts's sigmoid). */
function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * tanh to float32 precision, about twice as fast as Math.tanh (float32 layers only; float64
 * layers, used for numerical checks, call Math.tanh):
 *   |z| < 4·10⁻⁴: tanh z = z (the next term, z³/3, is below float32's resolution there);
 *   |z| ≤ 7:      tanh z ≈ z·p(z²)/q(z²), a rational fit (p of degree 6, q of degree 3 in z²);
 *   7 < |z| < 9,1: tanh |z| = 1 − 2/(e^{2|z|} + 1), with the sign of z;
 *   |z| ≥ 9,1:    ±1 (1 − tanh 9,1 < 2,5·10⁻⁸, under half a float32 step below 1).
 * Measured against Math.tanh in tests/unit/nn-engine.test.ts: absolute error ≤ 3·10⁻⁸ and
 * relative error ≤ 1,3·10⁻⁷ (one float32 step) everywhere.
 */
export function tanhF32(z: number): number {
  const a = z < 0 ? -z : z;
  if (a < 4e-4) return z;
  if (a <= 7) {
    const x2 = z * z;
    const p = z * (4.89352455891786e-3 + x2 * (6.37261928875436e-4 + x2 * (1.48572235717979e-5 + x2 * (5.12229709037114e-8 + x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16))))));
    const q = 4.89352518554385e-3 + x2 * (2.268434632439e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6));
    return p / q;
  }
  if (a >= 9.1) return z > 0 ? 1 : -1;
  const t = 1 - 2 / (Math.exp(2 * a) + 1);
  return z > 0 ? t : -t;
}

/** Views into storage the layer does not own (Mlp keeps all parameters in one flat buffer). */
export interface DenseStorage {
  W: Vec;
  b: Vec;
  dW: Vec;
  db: Vec;
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
  private readonly code: number;

  constructor(
    readonly nIn: number,
    readonly nOut: number,
    readonly activation: ActivationName,
    readonly dtype: DType = 'float32',
    storage?: DenseStorage,
  ) {
    if (!(nIn >= 1 && nOut >= 1)) throw new RangeError(`Dense: sizes must be ≥ 1 (got ${nIn}, ${nOut})`);
    if (!(activation in ACTIVATIONS)) throw new RangeError(`Dense: unknown activation ${activation}`);
    if (storage && (storage.W.length !== nOut * nIn || storage.dW.length !== nOut * nIn || storage.b.length !== nOut || storage.db.length !== nOut)) {
      throw new RangeError('Dense: storage of the wrong size');
    }
    this.W = storage?.W ?? alloc(dtype, nOut * nIn);
    this.b = storage?.b ?? alloc(dtype, nOut);
    this.dW = storage?.dW ?? alloc(dtype, nOut * nIn);
    this.db = storage?.db ?? alloc(dtype, nOut);
    this.net = alloc(dtype, 0);
    this.out = alloc(dtype, 0);
    this.dNet = alloc(dtype, 0);
    this.dX = alloc(dtype, 0);
    this.code = FAST[activation] ?? 0;
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
    const { nIn: n, nOut: m, W, b, code } = this;
    if (X.length !== batch * n) throw new RangeError(`Dense.forward: expected ${batch}×${n} inputs, got ${X.length}`);
    if (this.net.length !== batch * m) {
      this.net = alloc(this.dtype, batch * m);
      this.out = alloc(this.dtype, batch * m);
    }
    const { net, out } = this;
    for (let s = 0, xs = 0, o = 0; s < batch; s++, xs += n) {
      for (let j = 0, wj = 0; j < m; j++, wj += n, o++) {
        // net_j = Σ_i w_ji x_i + b_j
        let sum = b[j]!;
        for (let i = 0; i < n; i++) sum += W[wj + i]! * X[xs + i]!;
        net[o] = sum;
      }
    }
    // y_j = φ(net_j), from the stored net (one loop per activation, no call per value).
    const len = batch * m;
    switch (code) {
      case 1: out.set(net); break;
      case 2: for (let k = 0; k < len; k++) out[k] = sigmoidOf(net[k]!); break;
      case 3:
        if (this.dtype === 'float32') for (let k = 0; k < len; k++) out[k] = tanhF32(net[k]!);
        else for (let k = 0; k < len; k++) out[k] = Math.tanh(net[k]!);
        break;
      case 4: for (let k = 0; k < len; k++) out[k] = net[k]! > 0 ? net[k]! : 0; break;
      default: { const phi = ACTIVATIONS[this.activation].f; for (let k = 0; k < len; k++) out[k] = phi(net[k]!); }
    }
    this.x = X;
    this.batch = batch;
    return this.out;
  }

  /**
   * Backward pass. `dOut` is [batch, nOut] and is either dL/dY (wrt = 'output', the usual case)
   * or already dL/dNET (wrt = 'net', used by losses fused with their activation, such as
   * sigmoid + binary cross-entropy). Fills dW and db and returns dL/dX, [batch, nIn]
   * (owned by the layer, overwritten by the next call). With `inputGrad` false (the first layer
   * of a network, whose input is data) dL/dX is not computed and the returned array is stale.
   */
  backward(dOut: Vec, wrt: 'output' | 'net' = 'output', inputGrad = true): Vec {
    const { nIn: n, nOut: m, W, batch, code, dW, db } = this;
    const X = this.x;
    if (!X) throw new Error('Dense.backward called before forward');
    if (dOut.length !== batch * m) throw new RangeError(`Dense.backward: expected ${batch}×${m} gradients, got ${dOut.length}`);
    if (this.dNet.length !== batch * m) this.dNet = alloc(this.dtype, batch * m);
    if (this.dX.length !== batch * n) this.dX = alloc(this.dtype, batch * n);
    const { dNet, dX, net, out } = this;
    const len = batch * m;

    // Step 1, through the activation: y = φ(net) ⇒ ∂L/∂net_j = ∂L/∂y_j · φ'(net_j), with φ' read
    // from the output where it is a function of it (sigmoid' = y(1 − y), tanh' = 1 − y²).
    if (wrt === 'net') dNet.set(dOut);
    else {
      switch (code) {
        case 1: dNet.set(dOut); break;
        case 2: for (let k = 0; k < len; k++) { const y = out[k]!; dNet[k] = dOut[k]! * y * (1 - y); } break;
        case 3: for (let k = 0; k < len; k++) { const y = out[k]!; dNet[k] = dOut[k]! * (1 - y * y); } break;
        case 4: for (let k = 0; k < len; k++) dNet[k] = net[k]! > 0 ? dOut[k]! : 0; break;
        default: { const dphi = ACTIVATIONS[this.activation].df; for (let k = 0; k < len; k++) dNet[k] = dOut[k]! * dphi(net[k]!); }
      }
    }

    // Step 2, into the weights: ∂net_j/∂w_ji = x_i ⇒ ∂L/∂w_ji = Σ_samples ∂L/∂net_j · x_i.
    // Step 3, into the biases: ∂net_j/∂b_j = 1 ⇒ ∂L/∂b_j = Σ_samples ∂L/∂net_j.
    // Step 4, into the inputs (the previous layer's outputs): ∂net_j/∂x_i = w_ji
    //   ⇒ ∂L/∂x_i = Σ_j ∂L/∂net_j · w_ji   (dL/dX = dL/dNET · W).
    // One pass over (sample, neuron) does the three, reading W, X and dW row by row.
    dW.fill(0);
    db.fill(0);
    if (inputGrad) dX.fill(0);
    for (let s = 0, xs = 0, o = 0; s < batch; s++, xs += n) {
      for (let j = 0, wj = 0; j < m; j++, wj += n, o++) {
        const g = dNet[o]!;
        db[j] = db[j]! + g;
        if (inputGrad) {
          for (let i = 0; i < n; i++) {
            dW[wj + i] = dW[wj + i]! + g * X[xs + i]!;
            dX[xs + i] = dX[xs + i]! + g * W[wj + i]!;
          }
        } else {
          for (let i = 0; i < n; i++) dW[wj + i] = dW[wj + i]! + g * X[xs + i]!;
        }
      }
    }
    return dX;
  }
}
