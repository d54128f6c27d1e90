/**
 * The hidden checkers of the exercise cells, keyed by cell id (<Celda id="…" comprobar>). Kept
 * out of the lesson text: the page only says what to write. Every expected value is computed
 * here by the course's own engines (widgets/lib), never typed by hand.
 */
import { rms } from '../dsp/basic';
import { minMaxDecode, minMaxEncode, notesExample } from '../quant/minmax';
import { outputSize } from '../conv/tensor';
import { Perceptron, type TruthTable } from '../nn/perceptron';

export interface CheckCase {
  /** Name of the student's function (top-level in the cell). */
  fn: string;
  args: unknown[];
  expected: unknown;
}

export type Checker =
  | { kind: 'cases'; /** Absolute tolerance for numbers. */ tol: number; cases: CheckCase[] }
  /** The scope's `name` model must classify the first n MNIST test digits with accuracy ≥ min. */
  | { kind: 'accuracy'; name: string; n: number; min: number };

/** One perceptron update by the course's Perceptron (the student writes the same rule). */
function perceptronUpdate(w: number[], b: number, x: [number, number], d: number, alpha: number): { w: number[]; b: number } {
  const table = { name: 'AND', label: '', separable: true, rows: [{ x, d }] } as unknown as TruthTable;
  const p = new Perceptron(table, { alpha, initial: { w, b } });
  const s = p.step();
  return { w: s.w, b: s.b };
}

const perceptronCases: [number[], number, [number, number], number, number][] = [
  [[0.2, -0.1], 0.1, [1, 1], 0, 0.1],
  [[0.2, -0.1], -0.3, [1, 1], 1, 0.1],
  [[0.5, 0.5], -0.7, [1, 0], 0, 0.5],
  [[-0.2, 0.4], -0.1, [0, 1], 1, 0.25],
];

const sizeCases: [number, number, number, number][] = [
  [28, 3, 1, 0], [28, 5, 1, 2], [32, 3, 2, 1], [7, 3, 2, 0], [224, 7, 2, 3], [10, 4, 3, 0],
];

// Lesson 13's matrix: the middle row is the lesson's own (the notes elide it).
const notes3x4 = notesExample([1.25, 0, -3.1, 8.04]);
const encodeCases: [number, number, number][] = [
  [9.56, -4.28, 9.56], [-4.28, -4.28, 9.56], [2.51, -4.28, 9.56], [-1.97, -4.28, 9.56], [0, -1, 1], [0.3, 0, 1],
];

export const CHECKERS: Readonly<Record<string, Checker>> = {
  'paso-perceptron': {
    kind: 'cases', tol: 1e-9,
    cases: perceptronCases.map(([w, b, x, d, a]) => ({ fn: 'actualizar', args: [w, b, x, d, a], expected: perceptronUpdate(w, b, x, d, a) })),
  },
  'tamano-salida': {
    kind: 'cases', tol: 0,
    cases: sizeCases.map(([n, k, s, p]) => ({ fn: 'tamanoSalida', args: [n, k, s, p], expected: outputSize(n + 2 * p, k, s, 'valid') })),
  },
  'cuantizar-minmax': {
    kind: 'cases', tol: 1e-9,
    cases: [
      ...encodeCases.map(([x, lo, hi]) => ({ fn: 'cuantizar', args: [x, lo, hi], expected: minMaxEncode(x, lo, hi, 8) })),
      ...[[245, -4.28, 9.56], [0, -4.28, 9.56], [128, -1, 1]].map(([q, lo, hi]) => ({ fn: 'descuantizar', args: [q, lo, hi], expected: minMaxDecode(q!, lo!, hi!, 8) })),
      { fn: 'cuantizarMatriz', args: [notes3x4.matrix], expected: notes3x4.codes },
    ],
  },
  'rms-ventana': {
    kind: 'cases', tol: 1e-9,
    cases: [[3, 4], [1, -1, 1, -1], [2, 2, 2, 2, 2], [0.5, -1.5, 2.5, 0, -3], [10]].map((x) => ({ fn: 'rms', args: [x], expected: rms(x) })),
  },
  'cnn-95': { kind: 'accuracy', name: 'modelo', n: 1000, min: 0.95 },
};

export const checkerOf = (id: string): Checker | undefined => CHECKERS[id];
