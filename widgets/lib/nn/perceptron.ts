/**
 * Rosenblatt's perceptron on a truth table, one sample at a time, exposing every quantity a
 * view shows at each step.
 *
 * The neuron: net = Σ_i w_i x_i + b and y = 1 if net ≥ 0, else 0. The bias is the threshold with
 * its sign changed, b = −Θ: the neuron fires when Σ_i w_i x_i reaches Θ. (Lesson 03's step gives
 * ½ at exactly 0; a perceptron must answer yes or no, so here net = 0 counts as "fires".)
 *
 * The learning rule, for a sample x with target d:
 *   e = d − y,   Δw_i = α e x_i,   Δb = α e,   w(t+1) = w(t) + Δw.
 * It has the form of the course rule w(t+1) = w(t) + α(−∂L/∂w) with −∂L/∂w_i replaced by e·x_i.
 * That replacement is needed because the step's true derivative is 0 wherever it exists, so the
 * real gradient is 0 and gradient descent would never move; e·x_i is what −∂L/∂w_i would be for
 * L = ½e² if the step were the identity. When the output is right, e = 0 and nothing changes.
 *
 * Convergence: an epoch (all rows, in table order) with zero errors. The perceptron convergence
 * theorem guarantees it for linearly separable tables (AND, OR, NAND) and it can never happen for
 * XOR, because no single line separates XOR's 1s from its 0s.
 */
import { createRng } from '../rng/rng';

export type GateName = 'AND' | 'OR' | 'NAND' | 'XOR';

export interface TruthRow {
  x: readonly [number, number];
  /** Desired output d (0 or 1). */
  d: number;
}

export interface TruthTable {
  name: GateName;
  /** Spanish description. */
  label: string;
  rows: readonly TruthRow[];
  /** Whether one line can separate the 1s from the 0s. */
  separable: boolean;
}

const table = (name: GateName, label: string, ds: readonly number[], separable: boolean): TruthTable => ({
  name,
  label,
  rows: ([[0, 0], [0, 1], [1, 0], [1, 1]] as const).map((x, k) => ({ x, d: ds[k]! })),
  separable,
});

/** Inputs and targets are 0/1; rows in the order 00, 01, 10, 11. */
export const TRUTH_TABLES: Readonly<Record<GateName, TruthTable>> = {
  AND: table('AND', 'Y: vale 1 solo si las dos entradas valen 1', [0, 0, 0, 1], true),
  OR: table('OR', 'O: vale 1 si alguna entrada vale 1', [0, 1, 1, 1], true),
  NAND: table('NAND', 'NO-Y: lo contrario de AND', [1, 1, 1, 0], true),
  XOR: table('XOR', 'O exclusivo: vale 1 si exactamente una entrada vale 1', [0, 1, 1, 0], false),
};

export const GATE_NAMES = Object.keys(TRUTH_TABLES) as GateName[];

/** The perceptron's hard threshold: 1 when net ≥ 0, else 0. */
export const perceptronStep = (net: number): number => (net >= 0 ? 1 : 0);

/** Everything that happens in one step, for display. */
export interface PerceptronStep {
  /** Epoch this step belongs to (0-based) and row of the table used. */
  epoch: number;
  index: number;
  x: readonly number[];
  /** Desired output. */
  d: number;
  net: number;
  /** Output y = step(net). */
  y: number;
  /** e = d − y: −1, 0 or 1. */
  error: number;
  dw: number[];
  db: number;
  wBefore: number[];
  bBefore: number;
  /** Weights and bias after the update. */
  w: number[];
  b: number;
  /** True when this step completed an epoch. */
  endOfEpoch: boolean;
}

export interface PerceptronOptions {
  /** Learning rate α > 0 (default 0.1). */
  alpha?: number;
  /** Seed of the initial weights and bias, uniform in [−0.5, 0.5) (default 1). */
  seed?: number;
  /** Explicit initial weights and bias (override the seed). */
  initial?: { w: readonly number[]; b: number };
}

export class Perceptron {
  w: number[];
  b: number;
  readonly alpha: number;
  /** Completed epochs. */
  epoch = 0;
  /** Row the next step uses. */
  index = 0;
  /** Wrong outputs so far in the current epoch, and in each completed epoch. */
  errorsThisEpoch = 0;
  readonly errorsPerEpoch: number[] = [];
  /** Number of epochs completed when the first error-free epoch ended, or null. */
  convergedAt: number | null = null;

  constructor(
    readonly table: TruthTable,
    opts: PerceptronOptions = {},
  ) {
    this.alpha = opts.alpha ?? 0.1;
    if (!(this.alpha > 0)) throw new RangeError(`Perceptron: alpha must be > 0 (got ${this.alpha})`);
    const n = table.rows[0]!.x.length;
    if (opts.initial) {
      this.w = [...opts.initial.w];
      this.b = opts.initial.b;
    } else {
      const rng = createRng(opts.seed ?? 1);
      this.w = Array.from({ length: n }, () => rng.uniform(-0.5, 0.5));
      this.b = rng.uniform(-0.5, 0.5);
    }
  }

  get converged(): boolean {
    return this.convergedAt !== null;
  }

  /** Threshold Θ = −b. */
  get threshold(): number {
    return -this.b;
  }

  /** Net input and output for an input, with the current weights. */
  evaluate(x: readonly number[]): { net: number; y: number } {
    const net = x.reduce((s, xi, i) => s + this.w[i]! * xi, this.b);
    return { net, y: perceptronStep(net) };
  }

  /** Presents the next row of the table and applies the learning rule. */
  step(): PerceptronStep {
    const { x, d } = this.table.rows[this.index]!;
    const { net, y } = this.evaluate(x);
    const error = d - y;
    const wBefore = [...this.w];
    const bBefore = this.b;
    // (+ 0 turns a −0 into 0, so a view never shows "−0" for a zero change.)
    const dw = x.map((xi) => this.alpha * error * xi + 0);
    const db = this.alpha * error + 0;
    this.w = this.w.map((wi, i) => wi + dw[i]!);
    this.b += db;
    if (error !== 0) this.errorsThisEpoch++;

    const info: PerceptronStep = {
      epoch: this.epoch, index: this.index, x, d, net, y, error, dw, db,
      wBefore, bBefore, w: [...this.w], b: this.b, endOfEpoch: false,
    };
    this.index++;
    if (this.index === this.table.rows.length) {
      info.endOfEpoch = true;
      this.index = 0;
      this.epoch++;
      this.errorsPerEpoch.push(this.errorsThisEpoch);
      if (this.errorsThisEpoch === 0 && this.convergedAt === null) this.convergedAt = this.epoch;
      this.errorsThisEpoch = 0;
    }
    return info;
  }

  /** Finishes the current epoch (a whole one if at its start); returns its steps. */
  runEpoch(): PerceptronStep[] {
    const steps: PerceptronStep[] = [];
    do steps.push(this.step());
    while (this.index !== 0);
    return steps;
  }

  /** Runs epochs until convergence or `maxEpochs` completed epochs. */
  train(maxEpochs: number): { converged: boolean; epochs: number } {
    while (!this.converged && this.epoch < maxEpochs) this.runEpoch();
    return { converged: this.converged, epochs: this.epoch };
  }

  /** Rows the current weights get wrong. */
  mistakes(): number {
    return this.table.rows.filter((r) => this.evaluate(r.x).y !== r.d).length;
  }
}

/**
 * The decision line w1·x1 + w2·x2 + b = 0 of a 2-input neuron, clipped to the square
 * [lo, hi]²: the two end points, or null if it misses the square (or w1 = w2 = 0).
 * Also works for hidden unit j of an Mlp layer: decisionLine(layer.W.subarray(2*j, 2*j + 2), layer.b[j]).
 */
export function decisionLine(
  w: ArrayLike<number>, b: number, lo = -0.5, hi = 1.5,
): [[number, number], [number, number]] | null {
  const w1 = w[0] ?? 0;
  const w2 = w[1] ?? 0;
  const pts: [number, number][] = [];
  const add = (x1: number, x2: number): void => {
    const eps = 1e-12;
    if (x1 >= lo - eps && x1 <= hi + eps && x2 >= lo - eps && x2 <= hi + eps &&
        !pts.some((p) => Math.abs(p[0] - x1) < 1e-9 && Math.abs(p[1] - x2) < 1e-9)) pts.push([x1, x2]);
  };
  if (w2 !== 0) for (const x1 of [lo, hi]) add(x1, -(w1 * x1 + b) / w2);
  if (w1 !== 0) for (const x2 of [lo, hi]) add(-(w2 * x2 + b) / w1, x2);
  return pts.length >= 2 ? [pts[0]!, pts[1]!] : null;
}
