/**
 * Quantization explorer (lesson 13), pure logic: quantize a tensor with one of three schemes,
 * per tensor or per channel, restore it, and measure error and size. No DOM, no fetch.
 *
 * Schemes (b bits, `round` = to nearest, ties away from zero):
 * - 'minmax' (the course notes, unsigned): L = 2^b − 1, q = round((x − min)/(max − min) · L),
 *   x̂ = q/L · (max − min) + min, codes 0…L.
 * - 'affine' (TFLite activations): range widened to contain 0, S = (max' − min')/(2^b − 1),
 *   Z = round(qmin − min'/S), q = clamp(round(x/S) + Z), x̂ = S(q − Z), codes −2^(b−1)…2^(b−1)−1.
 * - 'symmetric' (TFLite weights): S = max|x| / (2^(b−1) − 1), Z = 0, codes ±(2^(b−1) − 1).
 * Per channel: the same formulas with each channel's own range (axis = the output channel).
 */
import {
  channelOfIndex, errorStats, levels, minMaxDecode, minMaxEncode, quantizeTensor, sizeBytes,
  NOTES_FIRST_ROW, NOTES_LAST_ROW, type ErrorStats, type SizeReport,
} from '../lib/quant';
import { texNum } from '../lib/format/number';

export type QScheme = 'minmax' | 'affine' | 'symmetric';
export type TensorId = 'conv1' | 'conv2' | 'dense' | 'notas';

export interface TensorInfo {
  id: TensorId;
  /** Name in the model's weightsManifest (undefined for the notes' example). */
  weight?: string;
  label: string;
  /** Axis of the output channel in the tfjs layout (rows for the 3×4 example). */
  axis: number;
  /** What one channel is, in Spanish (singular). */
  channel: string;
}

export const TENSORS: readonly TensorInfo[] = [
  { id: 'conv1', weight: 'conv1/kernel', label: 'conv1: 8 filtros 3×3 (72 pesos)', axis: 3, channel: 'filtro' },
  { id: 'conv2', weight: 'conv2/kernel', label: 'conv2: 16 filtros 3×3×8 (1152 pesos)', axis: 3, channel: 'filtro' },
  { id: 'dense', weight: 'output/kernel', label: 'densa de salida: 784 × 10 (7840 pesos)', axis: 1, channel: 'neurona' },
  { id: 'notas', label: 'ejemplo 3×4 de otros textos', axis: 0, channel: 'fila' },
];

/**
 * The notes print only the first and last rows of their 3×4 matrix; the middle row is ours,
 * chosen inside [−4,28, 9,56] so min and max stay those of the notes. It holds a 0 on purpose:
 * min-max cannot store it exactly, affine and symmetric can.
 */
export const NOTES_MIDDLE_ROW = [1.25, 0, -3.1, 8.04] as const;
export const NOTES_MATRIX: readonly (readonly number[])[] = [NOTES_FIRST_ROW, NOTES_MIDDLE_ROW, NOTES_LAST_ROW];
export const NOTES_SHAPE = [3, 4] as const;

export interface ChannelParams {
  /** Range the scheme used: min/max for 'minmax'; widened to contain 0 for 'affine'; ±max|x| for 'symmetric'. */
  lo: number;
  hi: number;
  /** Step between neighbouring codes: Δ = (max − min)/L for 'minmax', S otherwise. */
  scale: number;
  /** 0 for 'minmax' (no zero point) and 'symmetric'. */
  zeroPoint: number;
  qmin: number;
  qmax: number;
}

export interface QuantRun {
  scheme: QScheme;
  bits: number;
  /** undefined: per tensor. */
  axis: number | undefined;
  params: ChannelParams[];
  codes: Int32Array;
  restored: Float64Array;
  error: ErrorStats;
  size: SizeReport;
  /** How many different codes are actually used. */
  usedCodes: number;
}

export function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 2 || bits > 8) throw new RangeError('bits must be an integer in [2, 8]');
}

/** Quantizes and restores `values` (row-major, `shape`) with a scheme, per tensor or along `axis`. */
export function runQuant(values: ArrayLike<number>, shape: readonly number[], scheme: QScheme, bits: number, axis?: number): QuantRun {
  checkBits(bits);
  const n = values.length;
  let params: ChannelParams[];
  let codes: Int32Array;
  let restored: Float64Array;
  if (scheme === 'minmax') {
    const channels = axis === undefined ? 1 : shape[axis]!;
    if (shape.reduce((a, b) => a * b, 1) !== n || n === 0) throw new RangeError('shape does not match the values');
    const chanOf = axis === undefined ? () => 0 : channelOfIndex(shape, axis);
    const lo = new Float64Array(channels).fill(Infinity);
    const hi = new Float64Array(channels).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const c = chanOf(i);
      lo[c] = Math.min(lo[c]!, values[i]!);
      hi[c] = Math.max(hi[c]!, values[i]!);
    }
    const L = levels(bits);
    params = Array.from({ length: channels }, (_, c) => ({ lo: lo[c]!, hi: hi[c]!, scale: (hi[c]! - lo[c]!) / L, zeroPoint: 0, qmin: 0, qmax: L }));
    codes = new Int32Array(n);
    restored = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = chanOf(i);
      codes[i] = minMaxEncode(values[i]!, lo[c]!, hi[c]!, bits);
      restored[i] = minMaxDecode(codes[i]!, lo[c]!, hi[c]!, bits);
    }
  } else {
    const q = quantizeTensor(values, shape, { scheme, bits, axis });
    params = q.params.map((p) => ({
      lo: (p.qmin - p.zeroPoint) * p.scale, hi: (p.qmax - p.zeroPoint) * p.scale,
      scale: p.scale, zeroPoint: p.zeroPoint, qmin: p.qmin, qmax: p.qmax,
    }));
    codes = q.codes;
    restored = q.restored;
  }
  const used = new Set<number>();
  for (const c of codes) used.add(c);
  const original = Float64Array.from({ length: n }, (_, i) => values[i]!);
  return {
    scheme, bits, axis, params, codes, restored,
    error: errorStats(original, restored),
    size: sizeBytes(n, bits, scheme, params.length),
    usedCodes: used.size,
  };
}

export interface BeforeAfter {
  /** bins + 1 edges over the common range of original and restored values. */
  edges: number[];
  before: number[];
  after: number[];
}

/** Histograms of the original and the restored values on the same bins. */
export function beforeAfter(original: ArrayLike<number>, restored: ArrayLike<number>, bins: number): BeforeAfter {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('bins must be a positive integer');
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of [original, restored]) {
    for (let i = 0; i < arr.length; i++) {
      lo = Math.min(lo, arr[i]!);
      hi = Math.max(hi, arr[i]!);
    }
  }
  if (!(hi > lo)) {
    lo = (Number.isFinite(lo) ? lo : 0) - 0.5;
    hi = lo + 1;
  }
  const w = (hi - lo) / bins;
  const count = (arr: ArrayLike<number>): number[] => {
    const c = new Array<number>(bins).fill(0);
    for (let i = 0; i < arr.length; i++) c[Math.min(bins - 1, Math.floor((arr[i]! - lo) / w))]!++;
    return c;
  };
  return { edges: Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + k * w)), before: count(original), after: count(restored) };
}

/** Splits a flat row-major array into rows of `cols`. */
export function toRows<T extends ArrayLike<number>>(flat: T, cols: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += cols) rows.push(Array.from({ length: cols }, (_, j) => flat[i + j]!));
  return rows;
}

/** A number for KaTeX in Spanish style: decimal comma as {,}, `digits` decimals at most (lib/format). */
export { texNum };

/** x − c written as "x - c" or "x + |c|". */
const minus = (c: number, digits: number): string => (c < 0 ? ` + ${texNum(-c, digits)}` : ` - ${texNum(c, digits)}`);

/**
 * The formulas the code above runs, for one channel, with its numbers filled in (KaTeX source).
 * Line 1: the general formula; line 2: with this channel's values; line 3: the inverse.
 */
export function formulaTex(scheme: QScheme, bits: number, p: ChannelParams): string[] {
  const d = 4;
  if (scheme === 'minmax') {
    const L = 2 ** bits - 1;
    return [
      `q = \\operatorname{round}\\!\\left(\\frac{x - x_{\\text{min}}}{x_{\\text{max}} - x_{\\text{min}}}\\,(2^{${bits}} - 1)\\right)`,
      `q = \\operatorname{round}\\!\\left(\\frac{x${minus(p.lo, d)}}{${texNum(p.hi - p.lo, d)}}\\cdot ${L}\\right),\\quad q \\in \\{0, \\dots, ${L}\\}`,
      `\\hat{x} = \\frac{q}{${L}}\\,(x_{\\text{max}} - x_{\\text{min}}) + x_{\\text{min}} = q \\cdot ${texNum(p.scale, 6)}${p.lo < 0 ? ' - ' + texNum(-p.lo, d) : ' + ' + texNum(p.lo, d)}`,
    ];
  }
  if (scheme === 'affine') {
    return [
      `\\Delta = \\frac{\\max(x_{\\text{max}}, 0) - \\min(x_{\\text{min}}, 0)}{2^{${bits}} - 1},\\quad Z = \\operatorname{round}\\!\\left(${p.qmin} - \\frac{\\min(x_{\\text{min}}, 0)}{S}\\right)`,
      `\\Delta = ${texNum(p.scale, 6)},\\quad Z = ${p.zeroPoint},\\quad q = \\operatorname{clamp}\\!\\left(\\operatorname{round}\\!\\left(\\frac{x}{${texNum(p.scale, 6)}}\\right) ${p.zeroPoint < 0 ? '-' : '+'} ${Math.abs(p.zeroPoint)},\\ ${p.qmin},\\ ${p.qmax}\\right)`,
      `\\hat{x} = S\\,(q - Z) = ${texNum(p.scale, 6)}\\,(q ${p.zeroPoint < 0 ? '+' : '-'} ${Math.abs(p.zeroPoint)})`,
    ];
  }
  return [
    `\\Delta = \\frac{\\max |x|}{2^{${bits - 1}} - 1},\\quad Z = 0`,
    `\\Delta = \\frac{${texNum(p.hi, d)}}{${p.qmax}} = ${texNum(p.scale, 6)},\\quad q = \\operatorname{clamp}\\!\\left(\\operatorname{round}\\!\\left(\\frac{x}{${texNum(p.scale, 6)}}\\right),\\ ${p.qmin},\\ ${p.qmax}\\right)`,
    `\\hat{x} = S\\,q = ${texNum(p.scale, 6)}\\, q`,
  ];
}

export const SCHEME_LABEL: Record<QScheme, string> = {
  minmax: 'min-max (la fórmula de la lección)',
  affine: 'afín con signo (escala y punto cero)',
  symmetric: 'simétrica (punto cero 0)',
};
