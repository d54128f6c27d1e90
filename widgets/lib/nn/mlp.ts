/**
 * A multilayer perceptron: a stack of Dense layers (see dense.ts for the weight convention
 * W[j*n + i] = w_ji, net = W x + b, y = φ(net)).
 *
 * `sizes` lists the widths from input to output: [2, 4, 1] is 2 inputs, one hidden layer of 4
 * neurons and 1 output neuron, i.e. two Dense layers (2→4 and 4→1).
 */
import { createRng } from '../rng/rng';
import type { ActivationName } from './activations';
import { Dense, type DType, type InitName, type Vec, alloc } from './dense';

export interface MlpOptions {
  /** Layer widths from input to output, at least two entries, each ≥ 1. */
  sizes: readonly number[];
  /**
   * Activation of each Dense layer (sizes.length − 1 of them), or one name for the hidden
   * layers (the output layer then gets `output`).
   */
  activations: ActivationName | readonly ActivationName[];
  /** Output-layer activation when `activations` is a single name. Default 'sigmoid'. */
  output?: ActivationName;
  /** Seed of the initial weights: the same seed gives the same network, bit for bit. */
  seed?: number;
  init?: InitName;
  /** Number type of every array. float64 only for numerical checks. Default float32. */
  dtype?: DType;
}

/** A copy of all parameters, layer by layer: W (m×n, row-major) and b (m). */
export type Weights = { W: number[]; b: number[] }[];

export class Mlp {
  readonly sizes: readonly number[];
  readonly layers: Dense[];
  readonly dtype: DType;
  readonly seed: number;
  /**
   * Every parameter in one flat array, layer by layer [W0, b0, W1, b1, …] (the layers' W and b
   * are views into it), and the gradients in the same layout: one copy, one scan, one update loop
   * for the whole network.
   */
  readonly theta: Vec;
  readonly grad: Vec;

  constructor(opts: MlpOptions) {
    const { sizes, seed = 1, init = 'auto', dtype = 'float32' } = opts;
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new RangeError(`Mlp: sizes must be ≥ 2 positive integers (got [${sizes.join(', ')}])`);
    }
    const nLayers = sizes.length - 1;
    const acts: readonly ActivationName[] =
      typeof opts.activations === 'string'
        ? [...Array<ActivationName>(nLayers - 1).fill(opts.activations), opts.output ?? 'sigmoid']
        : opts.activations;
    if (acts.length !== nLayers) throw new RangeError(`Mlp: need ${nLayers} activations, got ${acts.length}`);
    this.sizes = [...sizes];
    this.dtype = dtype;
    this.seed = seed;
    let total = 0;
    for (let l = 0; l < nLayers; l++) total += (sizes[l]! + 1) * sizes[l + 1]!;
    this.theta = alloc(dtype, total);
    this.grad = alloc(dtype, total);
    let at = 0;
    this.layers = acts.map((a, l) => {
      const n = sizes[l]!;
      const m = sizes[l + 1]!;
      const view = (buf: Vec, from: number, len: number): Vec => buf.subarray(from, from + len);
      const storage = { W: view(this.theta, at, m * n), dW: view(this.grad, at, m * n), b: view(this.theta, at + m * n, m), db: view(this.grad, at + m * n, m) };
      at += m * n + m;
      return new Dense(n, m, a, dtype, storage);
    });
    const rng = createRng(seed);
    for (const layer of this.layers) layer.initialize(rng, init);
  }

  get inputs(): number {
    return this.sizes[0]!;
  }
  get outputs(): number {
    return this.sizes[this.sizes.length - 1]!;
  }
  get outputLayer(): Dense {
    return this.layers[this.layers.length - 1]!;
  }
  get paramCount(): number {
    return this.layers.reduce((s, l) => s + l.paramCount, 0);
  }

  /**
   * Forward pass for a batch X, [batch, inputs] row-major. Returns the outputs,
   * [batch, outputs], owned by the output layer (overwritten by the next forward call).
   */
  forwardBatch(X: Vec, batch: number): Vec {
    let a = X;
    for (const layer of this.layers) a = layer.forward(a, batch);
    return a;
  }

  /** Forward pass for one sample; returns a fresh array of the outputs. */
  predict(x: ArrayLike<number>): number[] {
    const X = alloc(this.dtype, x.length);
    X.set(Array.from(x));
    return Array.from(this.forwardBatch(X, 1));
  }

  /**
   * Backpropagation for the last forward batch. `dOut` is dL/dY of the output layer (or
   * dL/dNET when wrt = 'net', for fused losses). Each layer turns the gradient w.r.t. its
   * output into the gradient w.r.t. its input, which is the previous layer's output:
   *   dL/dY_(l−1) = dL/dX_l.
   * Fills every layer's dW, db and returns dL/dX of the network input, [batch, inputs]
   * (not computed, and stale, when `inputGrad` is false: training needs no gradient for the data).
   */
  backward(dOut: Vec, wrt: 'output' | 'net' = 'output', inputGrad = true): Vec {
    const last = this.layers.length - 1;
    let g = this.outputLayer.backward(dOut, wrt, inputGrad || last > 0);
    for (let l = last - 1; l >= 0; l--) g = this.layers[l]!.backward(g, 'output', inputGrad || l > 0);
    return g;
  }

  /** Plain-array copy of the parameters (for display, snapshots and tests). */
  getWeights(): Weights {
    return this.layers.map((l) => ({ W: Array.from(l.W), b: Array.from(l.b) }));
  }

  setWeights(w: Weights): void {
    if (w.length !== this.layers.length) throw new RangeError('Mlp.setWeights: wrong number of layers');
    this.layers.forEach((l, k) => {
      const src = w[k]!;
      if (src.W.length !== l.W.length || src.b.length !== l.b.length) throw new RangeError(`Mlp.setWeights: wrong shape in layer ${k}`);
      l.W.set(src.W);
      l.b.set(src.b);
    });
  }

  /** All parameter arrays in a fixed order [W0, b0, W1, b1, …] and their gradients. */
  params(): { value: Vec; grad: Vec }[] {
    return this.layers.flatMap((l) => [
      { value: l.W, grad: l.dW },
      { value: l.b, grad: l.db },
    ]);
  }

  /** True when every weight and bias is a finite number. */
  isFinite(): boolean {
    const t = this.theta;
    for (let k = 0; k < t.length; k++) if (!Number.isFinite(t[k]!)) return false;
    return true;
  }

  /**
   * Outputs for every point of a grid (for decision surfaces): a row-major [ny, nx] image of
   * output `k` at x1 = x0 + (i + ½)·(x1max − x0)/nx, x2 likewise, row 0 at the TOP (largest x2).
   * Only for 2-input networks.
   */
  grid(nx: number, ny: number, x1: readonly [number, number], x2: readonly [number, number], k = 0): Float32Array {
    if (this.inputs !== 2) throw new RangeError('Mlp.grid needs a network with 2 inputs');
    const X = alloc(this.dtype, nx * ny * 2);
    for (let r = 0; r < ny; r++) {
      const v = x2[1] - ((r + 0.5) * (x2[1] - x2[0])) / ny;
      for (let c = 0; c < nx; c++) {
        X[(r * nx + c) * 2] = x1[0] + ((c + 0.5) * (x1[1] - x1[0])) / nx;
        X[(r * nx + c) * 2 + 1] = v;
      }
    }
    const Y = this.forwardBatch(X, nx * ny);
    const out = new Float32Array(nx * ny);
    for (let p = 0; p < nx * ny; p++) out[p] = Y[p * this.outputs + k]!;
    return out;
  }
}
