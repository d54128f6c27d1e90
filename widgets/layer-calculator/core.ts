/**
 * One dense layer of 4 inputs and 3 neurons, computed step by step (pure, no DOM).
 *
 * Convention (the course's, see widgets/lib/nn/dense.ts): W is (3 × 4), row-major,
 *   W[j*4 + i] = w_ji, the weight from input i to neuron j (row j = the weights of neuron j).
 *   net = W x + b        (3 × 1) = (3 × 4)(4 × 1) + (3 × 1)
 *   y   = φ(net)         (3 × 1), φ applied to each component.
 * The notes arrange the same numbers with one COLUMN per neuron, V = Wᵀ (4 × 3), and write
 *   net = Vᵀ x + b, which is the same computation.
 * Indices j, i are 0-based here; everything shown to the student is 1-based.
 */
import { createRng } from '../lib/rng/rng';
import { Dense } from '../lib/nn/dense';
import { ACTIVATIONS, type ActivationName } from '../lib/nn/activations';

export const N_IN = 4;
export const N_OUT = 3;
/** 12 multiply-adds + 3 bias additions + 3 activations. */
export const STEP_COUNT = N_IN * N_OUT + N_OUT + N_OUT;

export interface Layer {
  /** Inputs, length 4. */
  x: readonly number[];
  /** Weights, (3 × 4) row-major, W[j*4 + i] = w_ji. */
  W: readonly number[];
  /** Biases, length 3. */
  b: readonly number[];
  act: ActivationName;
}

/** The worked example of lesson 04 (the widget's defaults): net = (1,5; 2,5; −0,5). */
export const EXAMPLE: Layer = {
  x: [2, 1, -1, 0.5],
  W: [0.5, -1, 0, 2, 1, 0.5, -1, 0, -0.5, 1, 1, 1],
  b: [0.5, -1, 0],
  act: 'relu',
};

function check(l: Layer): void {
  if (l.x.length !== N_IN || l.W.length !== N_IN * N_OUT || l.b.length !== N_OUT) {
    throw new RangeError(`capa 4→3: x ${l.x.length}, W ${l.W.length}, b ${l.b.length}`);
  }
}

/** net = W x + b and y = φ(net), computed by the engine's Dense layer (float64). */
export function forward(l: Layer): { net: number[]; y: number[] } {
  check(l);
  const layer = new Dense(N_IN, N_OUT, l.act, 'float64');
  layer.W.set(l.W);
  layer.b.set(l.b);
  const y = Array.from(layer.forward(Float64Array.from(l.x), 1));
  return { net: Array.from(layer.net), y };
}

/** Transpose of a (rows × cols) row-major matrix: the result is (cols × rows). */
export function transpose(m: readonly number[], rows: number, cols: number): number[] {
  if (m.length !== rows * cols) throw new RangeError(`transpose: ${m.length} ≠ ${rows}×${cols}`);
  const t = new Array<number>(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c]!;
  return t;
}

/**
 * The notes' form: V is (4 × 3) row-major with one column per neuron (V[i*3 + j] = w_ji);
 * returns Vᵀ x + b, computed straight from V's columns (independent of `forward`).
 */
export function netFromColumns(V: readonly number[], x: readonly number[], b: readonly number[]): number[] {
  return b.map((bj, j) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += V[i * b.length + j]! * x[i]!;
    return s + bj;
  });
}

export type Step =
  /** partial = Σ_{k≤i} w_jk x_k, the running sum after this product. */
  | { kind: 'mac'; j: number; i: number; w: number; x: number; product: number; partial: number }
  /** net = partial + b_j. */
  | { kind: 'bias'; j: number; b: number; net: number }
  | { kind: 'act'; j: number; net: number; y: number };

/**
 * The 18 operations in order: for neuron 1, 2, 3 its four multiply-adds then its bias;
 * then the activation of each neuron (Y = φ(Net) once the whole Net vector exists).
 */
export function steps(l: Layer): Step[] {
  check(l);
  const phi = ACTIVATIONS[l.act].f;
  const out: Step[] = [];
  const nets: number[] = [];
  for (let j = 0; j < N_OUT; j++) {
    let s = 0;
    for (let i = 0; i < N_IN; i++) {
      const w = l.W[j * N_IN + i]!;
      const x = l.x[i]!;
      s += w * x;
      out.push({ kind: 'mac', j, i, w, x, product: w * x, partial: s });
    }
    const net = s + l.b[j]!;
    nets.push(net);
    out.push({ kind: 'bias', j, b: l.b[j]!, net });
  }
  for (let j = 0; j < N_OUT; j++) out.push({ kind: 'act', j, net: nets[j]!, y: phi(nets[j]!) });
  return out;
}

/**
 * What is known after `done` steps (0 … 18): net_j is the full value, the running sum of the
 * neuron in progress, or null if not started; y_j is null until its activation step.
 * `done = 0` and `done = 18` both mean "everything" for the view (0 is the overview).
 */
export function progress(all: readonly Step[], done: number): { net: Array<number | null>; y: Array<number | null> } {
  const net: Array<number | null> = Array(N_OUT).fill(null);
  const y: Array<number | null> = Array(N_OUT).fill(null);
  for (const s of all.slice(0, done)) {
    if (s.kind === 'mac') net[s.j] = s.partial;
    else if (s.kind === 'bias') net[s.j] = s.net;
    else y[s.j] = s.y;
  }
  return { net, y };
}

/** Where a cell of the equation sits: neuron j and/or input i (w_ji has both). */
export interface Place {
  j?: number;
  i?: number;
}

/**
 * Whether the cell at `p` lights up while `hv` is hovered or focused: hovering w_ji shows
 * x_i, b_j, net_j and y_j; hovering x_i shows column i of W; hovering b_j, net_j or y_j shows
 * row j of W, b_j, net_j, y_j and every x_i.
 */
export function hoverMatch(p: Place, hv: Place | null): boolean {
  if (hv === null) return false;
  if (hv.j !== undefined && hv.i !== undefined) {
    return (p.j === hv.j && (p.i === undefined || p.i === hv.i)) || (p.j === undefined && p.i === hv.i);
  }
  if (hv.j !== undefined) return p.j === hv.j || p.j === undefined;
  if (hv.i !== undefined) return p.i === hv.i;
  return false;
}

// ---------- formatting (Spanish: decimal comma, typographic minus) ----------

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → "₁₂". */
export const sub = (n: number): string => String(n).split('').map((d) => SUBS[Number(d)] ?? d).join('');

/** `v` rounded to `digits` decimals, decimal comma, "−" for negatives, no "−0". */
export function num(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'no es un número' : v > 0 ? '∞' : '−∞';
  const r = Math.round(v * 10 ** digits) / 10 ** digits;
  const text = Math.abs(r).toFixed(digits).replace(/\.?0+$/, '').replace('.', ',');
  return r < 0 ? `−${text}` : text;
}

/**
 * Reads a number typed by the student: decimal comma or point, "-" or "−", spaces ignored.
 * Returns null for anything that is not a complete finite number ("", "-", "1e", "abc").
 */
export function parseNum(text: string): number | null {
  const t = text.replace(/\s+/g, '').replace('−', '-').replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v + 0 : null;
}

/** "=" when the shown value is exact (to 1e-9), "≈" when rounded. */
export const eq = (v: number, digits = 3): string =>
  Math.abs(Math.round(v * 10 ** digits) / 10 ** digits - v) < 1e-9 ? '=' : '≈';

/** A factor in a product: "(−1)", "(0,5)". */
const par = (v: number): string => `(${num(v)})`;

/** "(1,5; 2,5; −0,5)": a vector written in a line (semicolons, since commas are decimal). */
export const vec = (v: ReadonlyArray<number | null>): string => `(${v.map((x) => (x === null ? '?' : num(x))).join('; ')})`;

/**
 * The running sum of neuron j after step `done` (1 … 18), as written in the lesson:
 * "net₂ = (1)(2) + (0,5)(1) = 2,5"; with the bias, "… + (0)(0,5) − 1 = 2,5".
 * Returns null if neuron j has not started.
 */
export function partialText(all: readonly Step[], done: number, j: number): string | null {
  const macs = all.slice(0, done).filter((s) => s.kind === 'mac' && s.j === j) as Array<Extract<Step, { kind: 'mac' }>>;
  if (macs.length === 0) return null;
  const bias = all.slice(0, done).find((s) => s.kind === 'bias' && s.j === j) as Extract<Step, { kind: 'bias' }> | undefined;
  let text = `net${sub(j + 1)} = ${macs.map((s) => `${par(s.w)}${par(s.x)}`).join(' + ')}`;
  let value = macs[macs.length - 1]!.partial;
  if (bias) {
    text += bias.b < 0 ? ` − ${num(-bias.b)}` : ` + ${num(bias.b)}`;
    value = bias.net;
  }
  return `${text} ${eq(value)} ${num(value)}`;
}

/** "y₂ = ReLU(2,5) = 2,5". */
export function activationText(act: ActivationName, j: number, net: number, y: number): string {
  return `y${sub(j + 1)} = ${ACTIVATIONS[act].short}(${num(net)}) ${eq(y)} ${num(y)}`;
}

/**
 * The step `done` (1 … 18) in words: the text alternative of the highlight. With `columns`
 * the weights are shown as V = Wᵀ, so neuron j's weights are column j of V.
 */
export function stepWords(all: readonly Step[], done: number, act: ActivationName, columns = false): string {
  const s = all[done - 1];
  if (!s) return '';
  const head = `Paso ${done} de ${all.length}. `;
  const J = sub(s.j + 1);
  if (s.kind === 'mac') {
    const I = sub(s.i + 1);
    const where = columns ? `columna ${s.j + 1} de V` : `fila ${s.j + 1} de W`;
    const what = `Neurona ${s.j + 1}, ${where}: el peso w${J}${I} = ${num(s.w)} multiplica a la entrada x${I} = ${num(s.x)}; ` +
      `el producto vale ${num(s.product)}`;
    const acc = s.i === 0 ? ` y empieza la suma: net${J} lleva ${num(s.partial)}.` : ` y se suma a lo anterior: net${J} lleva ${num(s.partial)}.`;
    return head + what + acc;
  }
  if (s.kind === 'bias') {
    return `${head}Neurona ${s.j + 1}: se suma el sesgo b${J} = ${num(s.b)}. La entrada neta queda net${J} ${eq(s.net)} ${num(s.net)}.`;
  }
  return `${head}Activación de la neurona ${s.j + 1}: y${J} = φ(net${J}) = ${ACTIVATIONS[act].short}(${num(s.net)}) ${eq(s.y)} ${num(s.y)}.`;
}

/**
 * New values drawn from `seed` (reproducible): x_i and w_ji uniform in [−2, 2], b_j in
 * [−1, 1], all rounded to one decimal so they can be multiplied by hand.
 */
export function randomLayer(seed: number): { x: number[]; W: number[]; b: number[] } {
  const rng = createRng(seed);
  const r1 = (lo: number, hi: number): number => Math.round(rng.uniform(lo, hi) * 10) / 10 + 0;
  const x = Array.from({ length: N_IN }, () => r1(-2, 2));
  const W = Array.from({ length: N_IN * N_OUT }, () => r1(-2, 2));
  const b = Array.from({ length: N_OUT }, () => r1(-1, 1));
  return { x, W, b };
}
