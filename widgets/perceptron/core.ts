/**
 * Pure logic of the perceptron trainer (no DOM): a training session over one truth table that
 * steps sample by sample, remembers what the view shows (last step, weights at the end of each
 * epoch, why training stopped), and the texts and geometry the view draws.
 *
 * The neuron and its rule live in widgets/lib/nn/perceptron.ts:
 *   net = w1·x1 + w2·x2 + b,  y = 1 if net ≥ 0 else 0,  e = d − y,
 *   Δw_i = α·e·x_i,  Δb = α·e,  Θ = −b.
 * Inputs x1, x2 ∈ {0, 1}; the plane drawn is the square [LO, HI]².
 */
import { fmt } from '../lib/widget/dom';
import {
  GATE_NAMES, Perceptron, TRUTH_TABLES, type GateName, type PerceptronStep,
} from '../lib/nn/perceptron';

export { GATE_NAMES, TRUTH_TABLES, type GateName, type PerceptronStep };

/** Plane shown by the view, in input units (x1 and x2 both span it). */
export const LO = -0.5;
export const HI = 1.5;

/** Epochs after which a table that is not linearly separable (XOR) gets its explanation. */
export const XOR_EPOCHS = 10;
/** Safety limit for separable tables (with tiny α convergence can take long). */
export const MAX_EPOCHS = 1000;

export type SessionStatus = 'training' | 'converged' | 'no-line' | 'limit';

/** Weights and bias at the end of an epoch, and the errors made during it. */
export interface EpochEnd {
  epoch: number;
  w: number[];
  b: number;
  errors: number;
}

/** A detected cycle: the end-of-epoch weights of epoch `to` equal those of epoch `from`. */
export interface Cycle {
  from: number;
  to: number;
}

/**
 * Finds a repeated end-of-epoch weight vector (|Δ| ≤ tol in every component). Once the weights
 * repeat, the (deterministic) rule repeats the same epochs forever: a proof, on this run, that
 * it will never converge.
 */
export function findCycle(ends: readonly EpochEnd[], tol = 1e-9): Cycle | null {
  const last = ends[ends.length - 1];
  if (!last) return null;
  for (let k = ends.length - 2; k >= 0; k--) {
    const e = ends[k]!;
    if (Math.abs(e.b - last.b) <= tol && e.w.every((v, i) => Math.abs(v - last.w[i]!) <= tol)) {
      return { from: e.epoch, to: last.epoch };
    }
  }
  return null;
}

/** Training session: a Perceptron plus what the view needs to explain it. */
export class Session {
  readonly p: Perceptron;
  readonly initial: { w: number[]; b: number };
  last: PerceptronStep | null = null;
  readonly ends: EpochEnd[] = [];
  status: SessionStatus = 'training';
  cycle: Cycle | null = null;

  constructor(
    readonly gate: GateName,
    readonly alpha: number,
    readonly seed: number,
  ) {
    this.p = new Perceptron(TRUTH_TABLES[gate], { alpha, seed });
    this.initial = { w: [...this.p.w], b: this.p.b };
  }

  get table() {
    return this.p.table;
  }

  /** True while more steps make sense (not converged, not stopped with an explanation). */
  get active(): boolean {
    return this.status === 'training';
  }

  /** One sample. Always allowed (a student may keep stepping after a stop). */
  step(): PerceptronStep {
    const s = this.p.step();
    this.last = s;
    if (s.endOfEpoch) this.#endEpoch(s);
    return s;
  }

  /** Steps until the current epoch ends (a whole epoch when at its start). */
  epoch(): PerceptronStep[] {
    const out: PerceptronStep[] = [];
    do out.push(this.step());
    while (this.p.index !== 0);
    return out;
  }

  #endEpoch(s: PerceptronStep): void {
    const errors = this.p.errorsPerEpoch[this.p.errorsPerEpoch.length - 1]!;
    this.ends.push({ epoch: this.p.epoch, w: [...s.w], b: s.b, errors });
    if (!this.table.separable) this.cycle ??= findCycle(this.ends);
    if (this.status !== 'training') return;
    if (errors === 0) this.status = 'converged';
    else if (!this.table.separable && this.p.epoch >= XOR_EPOCHS) this.status = 'no-line';
    else if (this.p.epoch >= MAX_EPOCHS) this.status = 'limit';
  }

  /** Which rows the current weights classify correctly, with their outputs. */
  outputs(): { x: readonly number[]; d: number; net: number; y: number; ok: boolean }[] {
    return this.table.rows.map((r) => {
      const { net, y } = this.p.evaluate(r.x);
      return { x: r.x, d: r.d, net, y, ok: y === r.d };
    });
  }
}

// ---------- texts (Spanish, decimal comma) ----------

const SUB = ['₁', '₂'];
/** A number for a formula: 3 decimals, negative ones in parentheses when they follow an operator. */
export const n3 = (v: number): string => fmt(v + 0, 3);
const par = (v: number): string => (v < 0 ? `(${n3(v)})` : n3(v));
const signed = (v: number): string => (v < 0 ? `− ${n3(-v)}` : `+ ${n3(v)}`);

export interface StepText {
  sample: string;
  net: string;
  output: string;
  error: string;
  update: string[];
  after: string;
}

/**
 * The lines the view shows for one step. Every number is the one the rule used:
 * net from the weights BEFORE the update, then Δ and the new weights.
 */
export function stepText(s: PerceptronStep, alpha: number): StepText {
  const [x1, x2] = s.x as [number, number];
  const [w1, w2] = s.wBefore as [number, number];
  const b = s.bBefore;
  const cmp = s.net >= 0 ? '≥ 0' : '< 0';
  const a = n3(alpha);
  const e = fmt(s.error);
  const update = s.x.map((xi, i) =>
    `Δw${SUB[i]} = α·e·x${SUB[i]} = ${a}·${par(s.error)}·${fmt(xi)} = ${n3(s.dw[i]!)}`,
  );
  update.push(`Δb = α·e = ${a}·${par(s.error)} = ${n3(s.db)}`);
  return {
    sample: `Ejemplo ${s.index + 1} de 4: x₁ = ${fmt(x1)}, x₂ = ${fmt(x2)}, salida deseada d = ${fmt(s.d)}`,
    net: `net = w₁·x₁ + w₂·x₂ + b = ${n3(w1)}·${fmt(x1)} + ${par(w2)}·${fmt(x2)} ${signed(b)} = ${n3(s.net)}`,
    output: `y = escalón(net) = ${fmt(s.y)}, porque net ${cmp}`,
    error: `e = d − y = ${fmt(s.d)} − ${fmt(s.y)} = ${e}` + (s.error === 0 ? ': acierta, los pesos no cambian' : ''),
    update,
    after: `Ahora: w₁ = ${n3(s.w[0]!)}, w₂ = ${n3(s.w[1]!)}, b = ${n3(s.b)} (umbral Θ = −b = ${n3(-s.b)})`,
  };
}

/** Why the session stopped (or '' while training), in Spanish. */
export function statusText(s: Session): string {
  const ep = s.p.epoch;
  const gate = s.gate;
  switch (s.status) {
    case 'training':
      return '';
    case 'converged':
      return `Ha convergido: en la época ${ep} no hubo ningún error. La recta separa los 1 de los 0 de ${gate} y, como todos los errores son 0, la regla ya no cambiará los pesos.`;
    case 'limit':
      return `Tras ${ep} épocas todavía hay errores. Con una tasa de aprendizaje α tan pequeña cada corrección mueve muy poco la recta: sube α o sigue entrenando.`;
    case 'no-line': {
      const cyc = s.cycle
        ? ` Fíjate además en que los pesos al final de la época ${s.cycle.to} son exactamente los de la época ${s.cycle.from}: el perceptrón ha entrado en un ciclo y repetirá las mismas correcciones para siempre.`
        : '';
      return `Después de ${ep} épocas sigue habiendo errores en cada época, y así seguirá: en XOR los puntos (0, 1) y (1, 0) deben dar 1 y los puntos (0, 0) y (1, 1) deben dar 0, y ninguna recta deja los dos primeros a un lado y los otros dos al otro. Un solo perceptrón solo puede trazar una recta, así que cada corrección que arregla un punto estropea otro.${cyc} La solución es añadir una capa oculta, como la red «Una red con capa oculta aprende XOR» que encontrarás más abajo.`;
    }
  }
}

// ---------- geometry ----------

export type Pt = readonly [number, number];

/**
 * The part of the square [lo, hi]² where w1·x1 + w2·x2 + b ≥ 0 (the neuron outputs 1), as a
 * convex polygon (counter-clockwise in x1-right, x2-up axes), or [] if empty. Sutherland–Hodgman
 * clipping of the square against one half-plane.
 */
export function halfPlane(w: readonly number[], b: number, lo = LO, hi = HI): Pt[] {
  const f = (p: Pt): number => (w[0] ?? 0) * p[0] + (w[1] ?? 0) * p[1] + b;
  const square: Pt[] = [[lo, lo], [hi, lo], [hi, hi], [lo, hi]];
  const out: Pt[] = [];
  for (let k = 0; k < 4; k++) {
    const p = square[k]!;
    const q = square[(k + 1) % 4]!;
    const fp = f(p);
    const fq = f(q);
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Polygon area (shoelace), for tests. */
export function area(poly: readonly Pt[]): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const p = poly[k]!;
    const q = poly[(k + 1) % poly.length]!;
    s += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(s) / 2;
}
