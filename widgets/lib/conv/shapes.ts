/**
 * Output shapes, parameter counts and multiply-adds of a stack of layers (pure, no DOM), as Keras
 * would report them for channels-last images. Shapes leave out the batch: [h, w, c] or [n].
 *
 *   Conv2D   [h, w, c] → [oh, ow, f]   params = kh·kw·c·f + f (bias)   MACs = oh·ow·f·(kh·kw·c)
 *   Pooling  [h, w, c] → [oh, ow, c]   params = 0                       MACs = 0 (compares or sums)
 *   Flatten  [h, w, c] → [h·w·c]       params = 0                       MACs = 0
 *   Dense    [n]       → [u]           params = n·u + u (bias)          MACs = n·u
 * with oh, ow from outputSize() (tensor.ts). A bias adds one value, not a multiply, so it is not
 * counted as a MAC.
 */
import { outputSize, pair, type Padding, type Pair } from './tensor';

export type Shape = readonly number[];

export type LayerSpec =
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: Pair;
      stride?: Pair;
      padding?: Padding;
      activation?: 'linear' | 'relu';
      useBias?: boolean;
    }
  | { type: 'maxPool2d' | 'avgPool2d'; poolSize: Pair; stride?: Pair; padding?: Padding }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; activation?: 'linear' | 'relu' | 'softmax'; useBias?: boolean };

export type LayerType = LayerSpec['type'];

export interface LayerSummary {
  index: number;
  spec: LayerSpec;
  /** Keras class name, e.g. 'Conv2D'. */
  kerasName: string;
  /** Spanish one-line description, e.g. 'Conv2D: 8 filtros 3×3, paso 1, padding same, ReLU'. */
  label: string;
  inputShape: Shape;
  outputShape: Shape;
  params: number;
  macs: number;
  /** Values in the output (product of outputShape): the activation memory of this layer. */
  outputValues: number;
}

export interface StackSummary {
  input: Shape;
  /** The layers computed so far (all of them when error is null). */
  layers: LayerSummary[];
  /** Shape after the last computed layer. */
  output: Shape;
  totalParams: number;
  totalMacs: number;
  /** Bytes to store all parameters as float32 (4 bytes each). */
  float32Bytes: number;
  /** The first layer that cannot follow the previous one, with a Spanish explanation. */
  error: { layer: number; message: string } | null;
}

const KERAS_NAME: Record<LayerType, string> = {
  conv2d: 'Conv2D',
  maxPool2d: 'MaxPooling2D',
  avgPool2d: 'AveragePooling2D',
  flatten: 'Flatten',
  dense: 'Dense',
};

const ACT_LABEL = { linear: '', relu: ', ReLU', softmax: ', softmax' } as const;

export const shapeText = (s: Shape): string => s.join(' × ');

const sizeText = (p: Pair): string => pair(p).join('×');
const strideText = (p: Pair): string => {
  const [a, b] = pair(p);
  return a === b ? String(a) : `${a}×${b}`;
};

/** Spanish one-line description of a layer. */
export function describeLayer(spec: LayerSpec): string {
  switch (spec.type) {
    case 'conv2d':
      return `Conv2D: ${spec.filters} filtros ${sizeText(spec.kernelSize)}, paso ${strideText(spec.stride ?? 1)}, ` +
        `padding ${spec.padding ?? 'valid'}${ACT_LABEL[spec.activation ?? 'linear']}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${spec.type === 'maxPool2d' ? 'Max pooling' : 'Average pooling'} ${sizeText(spec.poolSize)}, ` +
        `paso ${strideText(spec.stride ?? spec.poolSize)}, padding ${spec.padding ?? 'valid'}`;
    case 'flatten':
      return 'Flatten: aplana el mapa en un vector';
    case 'dense':
      return `Dense: ${spec.units} neuronas${ACT_LABEL[spec.activation ?? 'linear']}`;
  }
}

const isCount = (v: number): boolean => Number.isInteger(v) && v >= 1;
const pairOk = (p: Pair): boolean => pair(p).every(isCount);

/** Computes one layer, or returns the Spanish reason it cannot follow `input`. */
function step(spec: LayerSpec, input: Shape): { output: Shape; params: number; macs: number } | string {
  const isMap = input.length === 3;
  switch (spec.type) {
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d': {
      const name = KERAS_NAME[spec.type];
      if (!isMap) return `${name} necesita un mapa alto × ancho × canales, pero le llega un vector de ${input[0]} valores.`;
      const size = spec.type === 'conv2d' ? spec.kernelSize : spec.poolSize;
      const stride = spec.stride ?? (spec.type === 'conv2d' ? 1 : spec.poolSize);
      if (!pairOk(size)) return `El tamaño de la ventana de ${name} debe ser un entero ≥ 1.`;
      if (!pairOk(stride)) return `El paso (stride) de ${name} debe ser un entero ≥ 1.`;
      if (spec.type === 'conv2d' && !isCount(spec.filters)) return 'El número de filtros debe ser un entero ≥ 1.';
      const [h, w, c] = input as [number, number, number];
      const [kh, kw] = pair(size);
      const [sy, sx] = pair(stride);
      const padding = spec.padding ?? 'valid';
      const oh = outputSize(h, kh, sy, padding);
      const ow = outputSize(w, kw, sx, padding);
      if (oh === 0 || ow === 0) {
        return `La ventana ${kh}×${kw} de ${name} no cabe en un mapa de ${h}×${w} sin padding: usa padding 'same' o una ventana menor.`;
      }
      if (spec.type !== 'conv2d') return { output: [oh, ow, c], params: 0, macs: 0 };
      const f = spec.filters;
      const bias = spec.useBias === false ? 0 : f;
      return { output: [oh, ow, f], params: kh * kw * c * f + bias, macs: oh * ow * f * kh * kw * c };
    }
    case 'flatten':
      if (!isMap) return 'Flatten necesita un mapa alto × ancho × canales; lo que le llega ya es un vector.';
      return { output: [input[0]! * input[1]! * input[2]!], params: 0, macs: 0 };
    case 'dense': {
      if (isMap) return `Dense necesita un vector, pero le llega un mapa de ${shapeText(input)}: añade Flatten antes.`;
      if (!isCount(spec.units)) return 'El número de neuronas de Dense debe ser un entero ≥ 1.';
      const n = input[0]!;
      const u = spec.units;
      return { output: [u], params: n * u + (spec.useBias === false ? 0 : u), macs: n * u };
    }
  }
}

/**
 * Walks the stack from an input shape ([h, w, c] for an image, [n] for a vector), stopping at
 * the first layer that does not fit (reported in `error`, never thrown).
 */
export function summarize(input: Shape, specs: readonly LayerSpec[]): StackSummary {
  const layers: LayerSummary[] = [];
  let shape: Shape = input;
  let error: StackSummary['error'] = null;
  if (!(input.length === 3 || input.length === 1) || !input.every(isCount)) {
    error = { layer: -1, message: 'La entrada debe ser alto × ancho × canales o un vector, con enteros ≥ 1.' };
  } else {
    for (const [index, spec] of specs.entries()) {
      const r = step(spec, shape);
      if (typeof r === 'string') {
        error = { layer: index, message: r };
        break;
      }
      layers.push({
        index,
        spec,
        kerasName: KERAS_NAME[spec.type],
        label: describeLayer(spec),
        inputShape: shape,
        outputShape: r.output,
        params: r.params,
        macs: r.macs,
        outputValues: r.output.reduce((a, b) => a * b, 1),
      });
      shape = r.output;
    }
  }
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  return {
    input,
    layers,
    output: shape,
    totalParams,
    totalMacs: layers.reduce((a, l) => a + l.macs, 0),
    float32Bytes: totalParams * 4,
    error,
  };
}

/** The small CNN of lessons 09–10: conv8 3×3 → pool 2 → conv16 3×3 → pool 2 → flatten → dense 10. */
export const SMALL_CNN: readonly LayerSpec[] = [
  { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2 },
  { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPool2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
];
