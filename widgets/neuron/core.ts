/**
 * One artificial neuron j with n inputs (pure). Convention of the course: w_{ji} is the weight of
 * the connection from input i to neuron j; with a single neuron we drop j and write w_i.
 *   net = Σ_{i=1..n} w_i · x_i + b        (net input, also called z)
 *   y   = φ(net)                          (output)
 * Inputs, weights and bias are plain numbers (dimensionless).
 */
import { ACTIVATIONS, type ActivationName } from '../lib/nn/activations';

export interface NeuronResult {
  /** w_i · x_i for each input, length n. */
  terms: number[];
  net: number;
  y: number;
}

/** Σ w_i x_i + b. `x` and `w` must have the same length (≥ 1). */
export function netInput(x: readonly number[], w: readonly number[], b: number): number {
  if (x.length !== w.length || x.length === 0) {
    throw new RangeError(`netInput: ${x.length} entradas y ${w.length} pesos`);
  }
  let s = b;
  for (let i = 0; i < x.length; i++) s += w[i]! * x[i]!;
  return s;
}

export function neuron(x: readonly number[], w: readonly number[], b: number, act: ActivationName): NeuronResult {
  const net = netInput(x, w, b);
  return { terms: x.map((xi, i) => w[i]! * xi), net, y: ACTIVATIONS[act].f(net) };
}

/**
 * `v` rounded to `digits` decimals in Spanish style (decimal comma), with at least `minDigits`
 * decimals. `exact` says whether the rounded text equals v (up to 1e-12), so callers can write
 * "=" or "≈" honestly.
 */
export function decimal(v: number, digits: number, minDigits = 0): { text: string; exact: boolean; neg: boolean } {
  const r = Math.round(v * 10 ** digits) / 10 ** digits;
  const clean = Object.is(r, -0) ? 0 : r;
  const fixed = Math.abs(clean).toFixed(digits);
  const text = digits > 0 ? fixed.replace(/0+$/, '') : fixed;
  const [int = '0', frac = ''] = text.split('.');
  const padded = frac.padEnd(minDigits, '0');
  return {
    text: padded ? `${int},${padded}` : int,
    exact: Math.abs(clean - v) < 1e-12,
    neg: clean < 0,
  };
}

/** A number for KaTeX: decimal comma as `{,}` (no extra space), ASCII minus. */
export function texNum(v: number, digits: number, minDigits = 0): string {
  const d = decimal(v, digits, minDigits);
  return `${d.neg ? '-' : ''}${d.text.replace(',', '{,}')}`;
}

/** A number for prose: decimal comma and the typographic minus sign. */
export function wordNum(v: number, digits: number, minDigits = 0): string {
  const d = decimal(v, digits, minDigits);
  return `${d.neg ? '−' : ''}${d.text}`;
}

/** Decimals shown: inputs, weights and bias (slider step 0.1, URL may hold more). */
const IN = 2;
/** Net input and output. */
const OUT = 3;

/**
 * KaTeX sources of the two live formulas, built from the same numbers the neuron computes:
 *   net  = Σ w_i x_i + b = (w_1)(x_1) + … + b = value
 *   y    = φ(net) = φ(value) = value      ("≈" where the shown value is rounded)
 * With `perLine` the net formula becomes an `aligned` block: the definition, then the products
 * `perLine` to a line, then the result (for narrow screens and four inputs).
 */
export function formulaTex(
  x: readonly number[], w: readonly number[], b: number, act: ActivationName, perLine?: number,
): { net: string; out: string } {
  const { net, y } = neuron(x, w, b, act);
  const products = x.map((xi, i) => `(${texNum(w[i]!, IN, 1)})(${texNum(xi, IN, 1)})`);
  const bias = decimal(b, IN, 1);
  const biasTex = `${bias.neg ? '-' : '+'} ${bias.text.replace(',', '{,}')}`;
  const eq = (v: number): string => (decimal(v, OUT).exact ? '=' : '\\approx');
  const netStr = texNum(net, OUT);
  const sum = String.raw`\sum_{i=1}^{${x.length}} w_i\,x_i + b`;
  const out = String.raw`y = \phi(\mathrm{net}) = \phi(${netStr}) ${eq(y)} ${texNum(y, OUT)}`;
  if (perLine === undefined) {
    return { net: String.raw`\mathrm{net} = ${sum} = ${products.join(' + ')} ${biasTex} ${eq(net)} ${netStr}`, out };
  }
  const k = Math.max(1, Math.floor(perLine));
  const lines: string[] = [];
  for (let i = 0; i < products.length; i += k) lines.push(products.slice(i, i + k).join(' + '));
  lines[lines.length - 1] += ` ${biasTex}`;
  const body = lines.map((l, i) => (i === 0 ? `&= ${l}` : `&\\quad + ${l}`)).join(' \\\\ ');
  return { net: String.raw`\begin{aligned} \mathrm{net} &= ${sum} \\ ${body} \\ &${eq(net)} ${netStr} \end{aligned}`, out };
}

/** The same computation in Spanish words (text alternative of the formulas and the diagram). */
export function describeNeuron(x: readonly number[], w: readonly number[], b: number, act: ActivationName): string {
  const { net, y } = neuron(x, w, b, act);
  const parts = x.map((xi, i) => `${wordNum(w[i]!, IN, 1)} por ${wordNum(xi, IN, 1)}`);
  const approx = (v: number): string => (decimal(v, OUT).exact ? '' : 'aproximadamente ');
  return (
    `Entrada neta: ${parts.join(', más ')}, más el sesgo ${wordNum(b, IN, 1)}; ` +
    `en total ${approx(net)}${wordNum(net, OUT)}. ` +
    `La función ${ACTIVATIONS[act].short} la convierte en la salida y, que vale ${approx(y)}${wordNum(y, OUT)}.`
  );
}

export interface Preset {
  id: string;
  /** Button text (Spanish). */
  label: string;
  /** What to try with it (Spanish, one sentence). */
  hint: string;
  n: number;
  x: number[];
  w: number[];
  b: number;
  act: ActivationName;
}

/** Presets that teach; x and w are padded to 4 entries by the view. */
export const PRESETS: readonly Preset[] = [
  { id: 'and', label: 'Puerta AND con escalón', n: 2, x: [1, 1], w: [1, 1], b: -1.5, act: 'step',
    hint: 'Pon x₁ y x₂ en 0 o en 1: solo con las dos entradas a 1 la entrada neta supera 0 y la salida vale 1.' },
  { id: 'or', label: 'Puerta OR con escalón', n: 2, x: [0, 1], w: [1, 1], b: -0.5, act: 'step',
    hint: 'Mismos pesos que AND, otro sesgo: ahora basta una entrada a 1 para que la neurona se active.' },
  { id: 'inhibit', label: 'Un peso que inhibe', n: 2, x: [1, 1], w: [2, -2], b: 0, act: 'sigmoid',
    hint: 'El peso negativo de x₂ anula lo que aporta x₁: baja x₂ a 0 y verás subir la salida.' },
  { id: 'relu-off', label: 'ReLU apagada', n: 3, x: [0.5, 1, -1], w: [1, -1.5, 0.5], b: 0.2, act: 'relu',
    hint: 'La entrada neta es negativa y ReLU devuelve 0: sube el sesgo hasta que la neurona «despierte».' },
  { id: 'mean', label: 'Media ponderada (lineal)', n: 4, x: [1, 2, -1, 0.5], w: [0.4, 0.3, 0.2, 0.1], b: 0, act: 'linear',
    hint: 'Con φ lineal y pesos que suman 1, la neurona calcula una media ponderada de sus entradas.' },
];
