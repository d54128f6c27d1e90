/**
 * Shape calculator logic (pure, no DOM): the layer stack as a list of numbers for the URL state,
 * and the Spanish texts of each row. Shapes, parameters and multiply-adds come from summarize()
 * (widgets/lib/conv/shapes.ts), checked there against tf.sequential.
 *
 * Stack encoding (the widget schema only has flat number lists): each layer is a code followed by
 * its arguments, all non-negative integers.
 *   1 conv2d      filters, k, stride, padding (0 valid, 1 same), activation (0 linear, 1 relu)   6 numbers
 *   2 maxPool2d   size, stride, padding                                                          4 numbers
 *   3 avgPool2d   size, stride, padding                                                          4 numbers
 *   4 flatten                                                                                    1 number
 *   5 dense       units, activation (0 linear, 1 relu, 2 softmax)                                3 numbers
 * Kernels, pools and strides are square (the same size on both axes).
 */
import { pair, shapeText, type LayerSpec, type LayerSummary, type Padding, type Pair, type StackSummary } from '../lib/conv';
import { fmt, intText } from '../lib/format/number';

export const MAX_LAYERS = 16;
/** Longest encoded stack (every layer a conv2d). */
export const MAX_CODES = MAX_LAYERS * 6;
/** Largest number any field of the encoding may hold (dense units). */
export const MAX_CODE_VALUE = 4096;

export const LIMITS = {
  filters: [1, 512],
  units: [1, MAX_CODE_VALUE],
  kernel: [1, 11],
  stride: [1, 5],
  pool: [1, 5],
} as const;

const PADS: readonly Padding[] = ['valid', 'same'];
const CONV_ACTS = ['linear', 'relu'] as const;
const DENSE_ACTS = ['linear', 'relu', 'softmax'] as const;

/** Throws for a layer the encoding cannot hold (non-square window, a value out of LIMITS). */
export function encodeStack(specs: readonly LayerSpec[]): number[] {
  const square = (p: Pair): number => {
    const [a, b] = pair(p);
    if (a !== b) throw new RangeError('only square windows and strides can be encoded');
    return a;
  };
  const out: number[] = [];
  for (const s of specs) {
    switch (s.type) {
      case 'conv2d':
        out.push(1, s.filters, square(s.kernelSize), square(s.stride ?? 1), PADS.indexOf(s.padding ?? 'valid'),
          CONV_ACTS.indexOf(s.activation ?? 'linear'));
        break;
      case 'maxPool2d':
      case 'avgPool2d':
        out.push(s.type === 'maxPool2d' ? 2 : 3, square(s.poolSize), square(s.stride ?? s.poolSize), PADS.indexOf(s.padding ?? 'valid'));
        break;
      case 'flatten':
        out.push(4);
        break;
      case 'dense':
        out.push(5, s.units, DENSE_ACTS.indexOf(s.activation ?? 'linear'));
        break;
    }
  }
  if (!decodeStack(out)) throw new RangeError('the stack has values outside the limits of the encoding');
  return out;
}

const within = (v: number | undefined, [lo, hi]: readonly [number, number]): v is number =>
  v !== undefined && Number.isInteger(v) && v >= lo && v <= hi;

/** The stack back from its numbers, or null when they do not form a valid stack. */
export function decodeStack(codes: readonly number[]): LayerSpec[] | null {
  const specs: LayerSpec[] = [];
  let i = 0;
  while (i < codes.length) {
    if (specs.length >= MAX_LAYERS) return null;
    const c = codes[i];
    const a = codes[i + 1];
    const b = codes[i + 2];
    const d = codes[i + 3];
    const e = codes[i + 4];
    const f = codes[i + 5];
    if (c === 1) {
      if (!within(a, LIMITS.filters) || !within(b, LIMITS.kernel) || !within(d, LIMITS.stride) || !within(e, [0, 1]) || !within(f, [0, 1])) return null;
      specs.push({ type: 'conv2d', filters: a, kernelSize: b, stride: d, padding: PADS[e]!, activation: CONV_ACTS[f]! });
      i += 6;
    } else if (c === 2 || c === 3) {
      if (!within(a, LIMITS.pool) || !within(b, LIMITS.stride) || !within(d, [0, 1])) return null;
      specs.push({ type: c === 2 ? 'maxPool2d' : 'avgPool2d', poolSize: a, stride: b, padding: PADS[d]! });
      i += 4;
    } else if (c === 4) {
      specs.push({ type: 'flatten' });
      i += 1;
    } else if (c === 5) {
      if (!within(a, LIMITS.units) || !within(b, [0, 2])) return null;
      specs.push({ type: 'dense', units: a, activation: DENSE_ACTS[b]! });
      i += 3;
    } else {
      return null;
    }
  }
  return specs;
}

/** Moves layer `from` to `to` (both indices into the stack), returning a new array. */
export function moveLayer<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

export const removeLayer = <T>(list: readonly T[], at: number): T[] => list.filter((_, i) => i !== at);

/** Integer in Spanish (thousands with a dot from 10 000 on, as es-ES writes them). */
export { intText };

/** "3·3·1·8 + 8 = 80": how the parameters of a layer are counted. */
export function paramsText(l: LayerSummary): string {
  const s = l.spec;
  if (s.type === 'conv2d') {
    const [kh, kw] = pair(s.kernelSize);
    const c = l.inputShape[2]!;
    return `${kh}·${kw}·${c}·${s.filters} + ${s.filters} = ${intText(l.params)}`;
  }
  if (s.type === 'dense') return `${intText(l.inputShape[0]!)}·${s.units} + ${s.units} = ${intText(l.params)}`;
  return 'sin parámetros';
}

/** "28·28·8·(3·3·1) = 56.448": how the multiply-adds of a layer are counted. */
export function macsText(l: LayerSummary): string {
  const s = l.spec;
  if (s.type === 'conv2d') {
    const [kh, kw] = pair(s.kernelSize);
    const [oh, ow, f] = l.outputShape as [number, number, number];
    return `${oh}·${ow}·${f}·(${kh}·${kw}·${l.inputShape[2]}) = ${intText(l.macs)}`;
  }
  if (s.type === 'dense') return `${intText(l.inputShape[0]!)}·${s.units} = ${intText(l.macs)}`;
  if (s.type === 'flatten') return 'solo reordena';
  return s.type === 'maxPool2d' ? 'compara, no multiplica' : 'suma y divide, sin pesos';
}

/** Bytes in Spanish: «36 392 bytes (36,4 KB)», with 1 KB = 1000 bytes. */
export function bytesText(bytes: number): string {
  const kb = bytes / 1000;
  const kbText = fmt(kb, kb < 100 ? 1 : 0);
  return `${intText(bytes)} bytes (${kbText} KB)`;
}

export interface Totals {
  params: string;
  macs: string;
  weights: string;
  /** The largest activation map (values and float32 bytes), the RAM a layer's output needs. */
  largest: string | null;
}

export function totalsText(sum: StackSummary): Totals {
  let big: LayerSummary | null = null;
  for (const l of sum.layers) if (!big || l.outputValues > big.outputValues) big = l;
  return {
    params: `${intText(sum.totalParams)} parámetros`,
    macs: `${intText(sum.totalMacs)} multiplicaciones-sumas por imagen`,
    weights: `Pesos en float32 (4 bytes cada uno): ${bytesText(sum.float32Bytes)}`,
    largest: big
      ? `Mayor salida: capa ${big.index + 1} (${shapeText(big.outputShape)} = ${intText(big.outputValues)} valores, ${bytesText(big.outputValues * 4)} en float32)`
      : null,
  };
}
