/**
 * Convolution explorer logic (pure, no DOM). A small single-channel input image of integers, a
 * kernel of integers and the window positions of conv2d (widgets/lib/conv), with the Spanish texts
 * the view shows: the output-size formula with live numbers and the multiply-add of one position.
 *
 * Geometry is TensorFlow's (widgets/lib/conv/tensor.ts). The general formula
 *   O = ⌊(N − K + 2P) / S⌋ + 1
 * gives the same O when 2P is read as the total padding of the axis: 0 for 'valid'; for 'same',
 * P_total = max((O − 1)·S + K − N, 0) with O = ⌈N / S⌉ (floor(P_total/2) before, the rest after).
 */
import {
  axisPadding, conv2d, convStep, featureMap, kernel, type ConvStepResult, type FeatureMap, type Kernel, type Padding,
} from '../lib/conv';
import { fmt } from '../lib/format/number';

export const PATTERNS = ['escalon', 'barra', 'cuadrado', 'diagonal'] as const;
export type Pattern = (typeof PATTERNS)[number];
export const PATTERN_LABELS: Record<Pattern, string> = {
  escalon: 'Escalón',
  barra: 'Barra vertical',
  cuadrado: 'Cuadrado',
  diagonal: 'Diagonal',
};

/** Input side lengths the explorer offers (cells). */
export const INPUT_SIZES = [5, 6, 7, 8] as const;

/** An n×n image of small integers (0–3), row-major rows[y][x]. */
export function patternRows(p: Pattern, n: number): number[][] {
  const mid = Math.floor(n / 2);
  return Array.from({ length: n }, (_, y) =>
    Array.from({ length: n }, (_, x) => {
      switch (p) {
        case 'escalon':
          return x >= mid ? 3 : 0;
        case 'barra':
          return x === mid ? 3 : Math.abs(x - mid) === 1 ? 1 : 0;
        case 'cuadrado': {
          const lo = Math.floor(n / 4);
          const hi = n - 1 - lo;
          return y >= lo && y <= hi && x >= lo && x <= hi ? 2 : 0;
        }
        case 'diagonal':
          return x === y ? 3 : Math.abs(x - y) === 1 ? 1 : 0;
      }
    }),
  );
}

export const FILTERS = ['vertical', 'horizontal', 'enfocar', 'suma', 'identidad'] as const;
export type Filter = (typeof FILTERS)[number];
export const FILTER_LABELS: Record<Filter, string> = {
  vertical: 'Bordes verticales',
  horizontal: 'Bordes horizontales',
  enfocar: 'Enfocar (realzar el centro)',
  suma: 'Suma de la vecindad',
  identidad: 'Identidad (copia el centro)',
};

/** Kernel side lengths the explorer offers. */
export const KERNEL_SIZES = [3, 5] as const;
export type KernelSize = (typeof KERNEL_SIZES)[number];

/** The k×k integer weights of a filter, rows[ky][kx]. */
export function filterRows(f: Filter, k: KernelSize): number[][] {
  const c = (k - 1) / 2;
  return Array.from({ length: k }, (_, y) =>
    Array.from({ length: k }, (_, x) => {
      switch (f) {
        case 'vertical':
          return Math.sign(c - x); // +1 on the left columns, −1 on the right ones, 0 in the middle
        case 'horizontal':
          return Math.sign(c - y);
        case 'enfocar': {
          const ring = Math.max(Math.abs(x - c), Math.abs(y - c));
          if (ring === 0) return k === 3 ? 5 : 9;
          if (k === 3) return Math.abs(x - c) + Math.abs(y - c) === 1 ? -1 : 0;
          return ring === 1 ? -1 : 0;
        }
        case 'suma':
          return 1;
        case 'identidad':
          return x === c && y === c ? 1 : 0;
      }
    }),
  );
}

export interface ExplorerSetup {
  pattern: Pattern;
  n: number;
  filter: Filter;
  k: KernelSize;
  stride: number;
  padding: Padding;
  bias: number;
}

export interface Explorer {
  input: FeatureMap;
  kern: Kernel;
  /** Output side (square input and kernel, same stride on both axes). */
  out: number;
  /** Zeros added before (top/left) and after (bottom/right) along each axis. */
  before: number;
  after: number;
  /** Every output cell's value, row-major out·out (exactly conv2d's). */
  values: number[];
}

export function buildExplorer(s: ExplorerSetup): Explorer {
  const input = featureMap(s.n, s.n, 1, patternRows(s.pattern, s.n).flat());
  const kern = kernel(s.k, s.k, 1, 1, filterRows(s.filter, s.k).flat());
  const ax = axisPadding(s.n, s.k, s.stride, s.padding);
  const values = Array.from(conv2d(input, kern, { stride: s.stride, padding: s.padding, bias: [s.bias] }).data);
  return { input, kern, out: ax.out, before: ax.before, after: ax.after, values };
}

/** Output cell of the i-th window position: positions run row by row, left to right. */
export function positionCell(i: number, out: number): { oy: number; ox: number } {
  if (!(Number.isInteger(i) && i >= 0 && i < out * out)) throw new RangeError(`position ${i} is outside 0…${out * out - 1}`);
  return { oy: Math.floor(i / out), ox: i % out };
}

/** Top-left input cell (row, column; negative inside the padding) of every window position, in order. */
export function windowOrigins(n: number, k: number, stride: number, padding: Padding): Array<{ top: number; left: number }> {
  const ax = axisPadding(n, k, stride, padding);
  const list: Array<{ top: number; left: number }> = [];
  for (let oy = 0; oy < ax.out; oy++) {
    for (let ox = 0; ox < ax.out; ox++) list.push({ top: oy * stride - ax.before, left: ox * stride - ax.before });
  }
  return list;
}

/** The multiply-adds of window position i (convStep from the shared library). */
export function stepAt(e: Pick<Explorer, 'input' | 'kern'>, s: ExplorerSetup, i: number): ConvStepResult {
  const out = axisPadding(s.n, s.k, s.stride, s.padding).out;
  const { oy, ox } = positionCell(i, out);
  return convStep(e.input, e.kern, { stride: s.stride, padding: s.padding, bias: [s.bias] }, oy, ox, 0);
}

/** Spanish number: decimal comma, true minus sign, at most `digits` decimals. */
export const numText = (v: number, digits = 2): string => fmt(v, digits);

/** "(0)(1) + (3)(−1) + … + (b) = 5": every term x·w of the window, in order ky, kx, then the bias. */
export function stepText(step: ConvStepResult): string {
  const terms = step.terms.map((t) => `(${numText(t.x)})(${numText(t.w)})`);
  return `${terms.join(' + ')} + (${numText(step.bias)}) = ${numText(step.sum)}`;
}

/** Products grouped by sign-free summary: how many terms are padding and how many are nonzero. */
export function stepSummary(step: ConvStepResult): { padding: number; nonzero: number; products: number } {
  let padding = 0;
  let nonzero = 0;
  for (const t of step.terms) {
    if (t.padding) padding++;
    if (t.product !== 0) nonzero++;
  }
  return { padding, nonzero, products: step.terms.length };
}

export interface SizeFormula {
  out: number;
  /** Total padding of one axis (what 2P stands for in the general formula). */
  total: number;
  before: number;
  after: number;
  /** How the padding is chosen, in Spanish. */
  rule: string;
  /** The general formula with the live numbers: "O = ⌊(7 − 3 + 2) / 2⌋ + 1 = 4". */
  general: string;
}

/** The output-size formula for one axis with live numbers; its result always equals outputSize(). */
export function sizeFormula(n: number, k: number, s: number, padding: Padding): SizeFormula {
  const ax = axisPadding(n, k, s, padding);
  const total = ax.before + ax.after;
  let rule: string;
  if (padding === 'valid') {
    rule = `valid: sin relleno, así que 2P = 0.`;
  } else {
    const raw = (ax.out - 1) * s + k - n;
    const split = ax.before === ax.after
      ? `${ax.before} ${ax.before === 1 ? 'cero' : 'ceros'} a cada lado`
      : `${ax.before} antes y ${ax.after} después (el cero que sobra va al final, como en TensorFlow)`;
    rule = `same: O = ⌈N / S⌉ = ⌈${n} / ${s}⌉ = ${ax.out}; relleno total 2P = (O − 1)·S + K − N = ` +
      `${ax.out - 1}·${s} + ${k} − ${n} = ${raw}${raw < 0 ? ' → 0' : ''}: ${total === 0 ? 'no hace falta ningún cero' : split}.`;
  }
  const general = n - k + total < 0
    ? `O = 0: la ventana de ${k} no cabe en ${n} celdas sin relleno.`
    : `O = ⌊(N − K + 2P) / S⌋ + 1 = ⌊(${n} − ${k} + ${total}) / ${s}⌋ + 1 = ${Math.floor((n - k + total) / s)} + 1 = ${ax.out}`;
  return { out: ax.out, total, before: ax.before, after: ax.after, rule, general };
}

/**
 * Input cells that no window ever covers (row or column indices of one axis): with 'valid' and a
 * stride that does not fit exactly, the last cells are skipped.
 */
export function unusedCells(n: number, k: number, s: number, padding: Padding): number[] {
  const ax = axisPadding(n, k, s, padding);
  const used = new Array<boolean>(n).fill(false);
  for (let o = 0; o < ax.out; o++) {
    for (let j = 0; j < k; j++) {
      const i = o * s - ax.before + j;
      if (i >= 0 && i < n) used[i] = true;
    }
  }
  return used.flatMap((u, i) => (u ? [] : [i]));
}
