/**
 * Filter gallery logic (pure, no DOM): classic 3×3 image filters applied to a 28×28 digit with
 * conv2d from lib/conv (padding 'same', stride 1, so the output is 28×28 too):
 *
 *   S(y, x) = Σ_{i=−1..1} Σ_{j=−1..1} K(i, j) · I(y + i, x + j)
 *
 * with I the image in [0, 1] (byte / 255), K the kernel (K(−1, −1) is its top-left weight) and
 * pixels outside the image counted as 0 (zero padding). This is cross-correlation, which deep
 * learning libraries call convolution.
 */
import { conv2d, convStep, featureMap, kernel, reluValues, type ConvStepResult } from '../lib/conv';
import { fmt } from '../lib/widget/dom';
import { fixed } from '../lib/format/number';

export const SIZE = 28;

export const FILTER_IDS = ['edge-h', 'edge-v', 'blur', 'sharpen', 'emboss', 'custom'] as const;
export type FilterId = (typeof FILTER_IDS)[number];

export interface FilterDef {
  id: FilterId;
  /** Short Spanish name for buttons. */
  name: string;
  /** Which classic kernel it is (shown to the student). */
  family: string;
  /** The 9 integer weights, row by row, before `scale`. */
  weights: readonly number[];
  /** Every weight is multiplied by this (1/16 for the Gaussian blur). */
  scale: number;
  /** How the scale is written, e.g. '1/16'; '' when it is 1. */
  scaleLabel: string;
  /** One or two Spanish sentences: what the filter detects. */
  detects: string;
}

export const FILTERS: Readonly<Record<Exclude<FilterId, 'custom'>, FilterDef>> = {
  'edge-h': {
    id: 'edge-h', name: 'Bordes horizontales', family: 'Sobel',
    weights: [-1, -2, -1, 0, 0, 0, 1, 2, 1], scale: 1, scaleLabel: '',
    detects: 'Resta la fila de arriba a la de abajo: responde donde el brillo cambia al bajar, es decir, en los bordes horizontales. ' +
      'Da positivo (azul) en el borde superior de un trazo y negativo (naranja) en el inferior; los trazos verticales casi desaparecen.',
  },
  'edge-v': {
    id: 'edge-v', name: 'Bordes verticales', family: 'Sobel',
    weights: [-1, 0, 1, -2, 0, 2, -1, 0, 1], scale: 1, scaleLabel: '',
    detects: 'Resta la columna de la izquierda a la de la derecha: responde donde el brillo cambia de izquierda a derecha, en los bordes verticales. ' +
      'Da positivo (azul) en el lado izquierdo de un trazo y negativo (naranja) en el derecho; los trazos horizontales casi desaparecen.',
  },
  blur: {
    id: 'blur', name: 'Desenfoque', family: 'gaussiano 3×3',
    weights: [1, 2, 1, 2, 4, 2, 1, 2, 1], scale: 1 / 16, scaleLabel: '1/16',
    detects: 'Cambia cada píxel por una media de su vecindario en la que pesa más el centro: suaviza y borra los detalles finos. ' +
      'Los pesos suman 1, así que una zona uniforme conserva su brillo.',
  },
  sharpen: {
    id: 'sharpen', name: 'Realce', family: 'realce clásico (5 en el centro, −1 en la cruz)',
    weights: [0, -1, 0, -1, 5, -1, 0, -1, 0], scale: 1, scaleLabel: '',
    detects: 'Suma al píxel su diferencia con los cuatro vecinos: exagera los cambios bruscos y hace los bordes más nítidos. ' +
      'Los pesos suman 1: las zonas uniformes no cambian, y junto a cada borde aparece un halo negativo.',
  },
  emboss: {
    id: 'emboss', name: 'Relieve', family: 'relieve clásico (diagonal)',
    weights: [-2, -1, 0, -1, 1, 1, 0, 1, 2], scale: 1, scaleLabel: '',
    detects: 'Compara la esquina de arriba a la izquierda con la de abajo a la derecha: los bordes diagonales salen como luz y sombra, ' +
      'igual que un relieve iluminado desde un lado. Suma 1, así que el trazo conserva algo de su brillo.',
  },
};

export interface Preset {
  id: string;
  name: string;
  /** 9 weights, row by row. */
  weights: readonly number[];
}

/** Starting points for the custom kernel. */
export const CUSTOM_PRESETS: readonly Preset[] = [
  { id: 'laplace', name: 'Laplaciano (contornos)', weights: [0, 1, 0, 1, -4, 1, 0, 1, 0] },
  { id: 'identity', name: 'Identidad', weights: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
  { id: 'prewitt-v', name: 'Prewitt vertical', weights: [-1, 0, 1, -1, 0, 1, -1, 0, 1] },
  { id: 'prewitt-h', name: 'Prewitt horizontal', weights: [-1, -1, -1, 0, 0, 0, 1, 1, 1] },
  { id: 'diagonal', name: 'Línea diagonal ↘', weights: [2, -1, -1, -1, 2, -1, -1, -1, 2] },
  { id: 'hline', name: 'Línea horizontal fina', weights: [-1, -1, -1, 2, 2, 2, -1, -1, -1] },
  { id: 'shift', name: 'Desplazar a la derecha', weights: [0, 0, 0, 1, 0, 0, 0, 0, 0] },
];

export const DEFAULT_CUSTOM: readonly number[] = CUSTOM_PRESETS[0]!.weights;

/** Range accepted for each custom weight. */
export const CUSTOM_MIN = -20;
export const CUSTOM_MAX = 20;

/** The 9 weights the convolution uses (scale applied), row by row. */
export function kernelWeights(id: FilterId, custom: readonly number[]): Float32Array {
  if (id === 'custom') {
    if (custom.length !== 9) throw new RangeError(`a 3×3 kernel needs 9 weights, got ${custom.length}`);
    return Float32Array.from(custom);
  }
  const f = FILTERS[id];
  return Float32Array.from(f.weights, (w) => w * f.scale);
}

/** Bytes (0–255, 28×28) → floats in [0, 1], the input of every filter. */
export const normalise = (bytes: ArrayLike<number>): Float32Array => Float32Array.from(bytes as ArrayLike<number>, (b) => b / 255);

/** S = K ⋆ I with 'same' zero padding (module comment), then max(0, S) when `relu`. Returns size·size values. */
export function applyFilter(image: Float32Array, weights: ArrayLike<number>, relu = false, size = SIZE): Float32Array {
  const out = conv2d(featureMap(size, size, 1, image), kernel(3, 3, 1, 1, weights), { padding: 'same' }).data;
  return relu ? reluValues(out) : out;
}

/** The 9 products behind output pixel (row, col): for the probe readout. */
export function probe(image: Float32Array, weights: ArrayLike<number>, row: number, col: number, size = SIZE): ConvStepResult {
  return convStep(featureMap(size, size, 1, image), kernel(3, 3, 1, 1, weights), { padding: 'same' }, row, col, 0);
}

export interface OutputStats {
  min: number;
  max: number;
  /** max(|min|, |max|): the colour scale goes from −absMax to +absMax. */
  absMax: number;
  argmin: { row: number; col: number };
  argmax: { row: number; col: number };
  /** Position of the largest |value| (first on ties). */
  argAbs: { row: number; col: number };
  positive: number;
  negative: number;
}

export function outputStats(out: ArrayLike<number>, size = SIZE): OutputStats {
  let min = Infinity;
  let max = -Infinity;
  let iMin = 0;
  let iMax = 0;
  let iAbs = 0;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    if (v < min) [min, iMin] = [v, i];
    if (v > max) [max, iMax] = [v, i];
    if (Math.abs(v) > Math.abs(out[iAbs]!)) iAbs = i;
    if (v > 1e-6) positive++;
    else if (v < -1e-6) negative++;
  }
  const cell = (i: number) => ({ row: Math.floor(i / size), col: i % size });
  return { min, max, absMax: Math.max(Math.abs(min), Math.abs(max)), argmin: cell(iMin), argmax: cell(iMax), argAbs: cell(iAbs), positive, negative };
}

/** Sum of the weights: the output on a uniform patch of value 1 (0 for edge detectors, 1 for blur). */
export const weightSum = (w: ArrayLike<number>): number => Array.from(w).reduce((a, b) => a + b, 0);

/** Spanish sentence for a custom kernel, from the sum of its weights. */
export function customHint(w: ArrayLike<number>, fmt: (v: number) => string): string {
  const s = weightSum(w);
  const sum = `Tus pesos suman ${fmt(s)}`;
  if (Math.abs(s) < 1e-9) return `${sum}: una zona uniforme da 0, así que el filtro solo responde donde hay cambios (bordes, líneas, esquinas).`;
  if (Math.abs(s - 1) < 1e-9) return `${sum}: una zona uniforme conserva su valor; el filtro solo retoca lo que cambia alrededor de cada píxel.`;
  return `${sum}: una zona uniforme de valor v sale multiplicada, como ${fmt(s)}·v, así que el filtro también cambia el brillo general.`;
}

/** An RGB colour as three numbers 0–255. */
export type Rgb = readonly [number, number, number];

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' → Rgb; null if unreadable. */
export function parseColor(text: string): Rgb | null {
  const t = text.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(t);
  if (m) {
    const n = parseInt(m[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^#([0-9a-f]{3})$/i.exec(t);
  if (m) return [...m[1]!].map((ch) => parseInt(ch + ch, 16)) as unknown as Rgb;
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(t);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * Diverging colour scale: v = 0 → `zero`, v = +m → `pos`, v = −m → `neg`, linear in between
 * (component by component); values beyond ±m are clamped. m ≤ 0 paints everything `zero`.
 */
export function diverging(v: number, m: number, neg: Rgb, zero: Rgb, pos: Rgb): Rgb {
  if (!(m > 0)) return zero;
  const t = Math.max(-1, Math.min(1, v / m));
  const to = t >= 0 ? pos : neg;
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(zero[k]! + (to[k]! - zero[k]!) * a)) as unknown as Rgb;
}

/** A 28×28 test figure for when the MNIST file cannot be read: a hollow square with a diagonal. */
export function fallbackImage(size = SIZE): Uint8Array {
  const img = new Uint8Array(size * size);
  for (let r = 6; r <= 21; r++) {
    for (let c = 6; c <= 21; c++) {
      const ring = r <= 8 || r >= 19 || c <= 8 || c >= 19;
      const diag = Math.abs(r - c) <= 1;
      if (ring || diag) img[r * size + c] = 255;
    }
  }
  return img;
}

/** Spanish text alternative for one output map (rows and columns count from 0). */
export function describeOutput(name: string, st: OutputStats, relu: boolean, fmt: (v: number) => string): string {
  const at = (p: { row: number; col: number }): string => `la fila ${p.row}, columna ${p.col}`;
  if (st.absMax < 1e-6) return `Salida de «${name}»: todos los píxeles valen 0.`;
  const parts = [`Salida de «${name}»: valores de ${fmt(st.min)} a ${fmt(st.max)}.`];
  if (st.max > 1e-6) parts.push(`La respuesta positiva más fuerte está en ${at(st.argmax)}.`);
  if (st.min < -1e-6) parts.push(`La negativa más fuerte, en ${at(st.argmin)}.`);
  const zero = SIZE * SIZE - st.positive - st.negative;
  parts.push(`${st.positive} píxeles positivos, ${st.negative} negativos y ${zero} a cero` +
    (relu ? ' (con ReLU, todo lo negativo pasa a 0).' : '.'));
  return parts.join(' ');
}

/**
 * The sum behind one output pixel, written out, e.g.
 *   'S(5, 9) = (−1)·(0) + (0)·(0,12) + … = 2,35'
 * Inputs are shown with two decimals (x.toFixed(2), decimal comma); the total is the exact value conv2d gives. A kernel
 * with a common factor (the blur's 1/16) is written with the factor outside the brackets.
 */
export function probeText(step: ConvStepResult, id: FilterId, relu: boolean): string {
  const f = id === 'custom' ? null : FILTERS[id];
  const scale = f?.scale ?? 1;
  const x2 = (v: number): string => fixed(v, 2);
  const terms = step.terms.map((t) => `(${fmt(t.w / scale, 4)})·(${x2(t.x)})`).join(' + ');
  const body = f?.scaleLabel ? `${f.scaleLabel} · [${terms}]` : terms;
  const text = `S(${step.oy}, ${step.ox}) = ${body} = ${fmt(step.sum, 3)}`;
  return relu ? `${text}; con ReLU: max(0; ${fmt(step.sum, 3)}) = ${fmt(Math.max(0, step.sum), 3)}` : text;
}
