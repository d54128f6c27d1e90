/**
 * Softmax explorer logic (pure, no DOM). Logits z_0…z_{n−1} (any real numbers), temperature T > 0:
 *
 *   p_i = e^{z_i / T} / Σ_j e^{z_j / T}                       (the textbook formula, "direct")
 *       = e^{(z_i − m) / T} / Σ_j e^{(z_j − m) / T},  m = max_j z_j   (what the code runs: softmax() in
 *                                                              widgets/lib/conv/ops.ts)
 * Both are equal in exact arithmetic; in floating point the direct one overflows (∞ / ∞ = NaN)
 * as soon as some z_i / T passes about 709.78, the largest x with e^x finite in float64.
 */
import { argmax, softmax } from '../lib/conv';
import { fixed as fixedText, fmt } from '../lib/format/number';

export const LABEL_SETS = {
  digitos: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  animales: ['gato', 'perro', 'pájaro', 'pez', 'caballo', 'vaca', 'oveja', 'conejo', 'ratón', 'rana'],
} as const;
export type LabelSet = keyof typeof LABEL_SETS;

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 10;

/** Probabilities of the first n logits at temperature T (float32, as the library computes them). */
export function probabilities(logits: readonly number[], n: number, t: number): Float32Array {
  return softmax(logits.slice(0, n), t);
}

/** The textbook formula without subtracting the maximum (float64); NaN once e^{z/T} overflows. */
export function directSoftmax(logits: readonly number[], t: number): number[] {
  const e = logits.map((z) => Math.exp(z / t));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

export interface FormulaParts {
  k: number;
  zk: number;
  t: number;
  /** m = max_j z_j. */
  max: number;
  /** e^{z_j / T} for every class (direct terms; may be ∞). */
  terms: number[];
  numerator: number;
  denominator: number;
  /** e^{(z_j − m) / T} for every class (each in (0, 1]). */
  stableTerms: number[];
  stableNumerator: number;
  stableDenominator: number;
  /** p_k from the stable formula (float64). */
  p: number;
}

/** Every number of the formula for class k. */
export function formulaParts(logits: readonly number[], n: number, t: number, k: number): FormulaParts {
  if (!(k >= 0 && k < n)) throw new RangeError(`class ${k} is outside 0…${n - 1}`);
  const z = logits.slice(0, n);
  const max = Math.max(...z);
  const terms = z.map((v) => Math.exp(v / t));
  const stableTerms = z.map((v) => Math.exp((v - max) / t));
  const stableDenominator = stableTerms.reduce((a, b) => a + b, 0);
  return {
    k, zk: z[k]!, t, max,
    terms, numerator: terms[k]!, denominator: terms.reduce((a, b) => a + b, 0),
    stableTerms, stableNumerator: stableTerms[k]!, stableDenominator,
    p: stableTerms[k]! / stableDenominator,
  };
}

/** Sum of the probabilities, for the "Σ p = 1,000" line. */
export const probabilitySum = (p: ArrayLike<number>): number => Array.from(p).reduce((a, b) => a + b, 0);

/** Index of the most likely class. */
export const topClass = (p: ArrayLike<number>): number => argmax(p);

/** Spanish number: decimal comma, true minus sign; `digits` decimals (fixed when `fixed`). */
export function numText(v: number, digits = 2, fixed = false): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return fixed ? fixedText(v, digits) : fmt(v, digits);
}

/**
 * A number for KaTeX with 4 significant digits and decimal comma ({,}); scientific notation
 * (a \cdot 10^{b}) outside [0,001, 100 000); ∞ and NaN as symbols.
 */
export function texNum(v: number): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const comma = (s: string): string => s.replace('.', '{,}');
  if (a >= 1e-3 && a < 1e5) return sign + comma(String(Number(a.toPrecision(4))));
  const exp = Math.floor(Math.log10(a));
  let mant = Number((a / 10 ** exp).toPrecision(3));
  let e = exp;
  if (mant >= 10) { mant /= 10; e += 1; }
  return `${sign}${comma(String(mant))} \\cdot 10^{${e}}`;
}

/** TeX for an exponent with the live numbers: "2{,}5/0{,}5", or "(2{,}5 - 3)/0{,}5" when m is given. */
export function texExp(z: number, t: number, m?: number): string {
  if (m === undefined) return `${texNum(z)}/${texNum(t)}`;
  return `(${texNum(z)} - ${m < 0 ? `(${texNum(m)})` : texNum(m)})/${texNum(t)}`;
}

/**
 * The three lines of the formula for class k, in TeX: general, with the direct numbers, and
 * with m = max z subtracted (the view writes the value of m in a caption before it).
 */
export function formulaTex(parts: FormulaParts): { general: string; direct: string; stable: string } {
  const { k, zk, t, max } = parts;
  const ratio = parts.numerator / parts.denominator;
  const general = `p_{${k}} = \\frac{e^{z_{${k}}/T}}{\\sum_{j} e^{z_j/T}}`;
  const direct = `p_{${k}} = \\frac{e^{${texExp(zk, t)}}}{\\sum_{j} e^{z_j/${texNum(t)}}} = ` +
    `\\frac{${texNum(parts.numerator)}}{${texNum(parts.denominator)}} = ${texNum(ratio)}`;
  const stable = `p_{${k}} = \\frac{e^{${texExp(zk, t, max)}}}{\\sum_{j} e^{(z_j - m)/${texNum(t)}}} = ` +
    `\\frac{${texNum(parts.stableNumerator)}}{${texNum(parts.stableDenominator)}} = ${texNum(parts.p)}`;
  return { general, direct, stable };
}

/** "e^{z_j/T}: 7,389 + 2,718 + … = 11,21" as plain Spanish text (the terms of the denominator). */
export function denominatorText(terms: readonly number[], sum: number): string {
  const f = (v: number): string => (Number.isFinite(v) && (v >= 1e5 || (v > 0 && v < 1e-3)) ? v.toExponential(2).replace('.', ',').replace('e+', '·10^').replace('e-', '·10^−') : numText(v, 3));
  return `${terms.map(f).join(' + ')} = ${f(sum)}`;
}
