/**
 * A tiny interpreter for the .tflite graphs the converter writes (float32 or int8), built on the
 * reference kernels: it runs the operators of subgraph 0 in order and keeps every intermediate
 * tensor, so lesson 13 can compare each layer of the int8 model with the float one.
 *
 * Contract: input is the float32 image/vector in the model's input shape (NHWC), batch 1 or more
 * (the batch is read from the input length). An int8 input tensor is quantized with its own
 * parameters first. `output` is always float32 (dequantized when the graph ends in int8).
 * Operators outside the converter's set raise an Int8RefError with a Spanish message.
 */
import { readTflite } from '../tflite/reader';
import { bytesToFloat32, bytesToInt32, bytesToInt8 } from '../tflite/bytes';
import { operatorName } from '../tflite/schema';
import type { TfliteModel, TfliteTensor } from '../tflite/types';
import { conv2dFloat, fullyConnectedFloat, pool2dFloat, softmaxFloat } from './float-kernels';
import {
  conv2dInt8,
  dequantizeInt8,
  fullyConnectedInt8,
  pool2dInt8,
  quantizeInt8,
  softmaxInt8,
  type Int8Params,
} from './int8-kernels';

export class Int8RefError extends Error {
  override readonly name = 'Int8RefError';
}

/** What the interpreter needs from a model: the writer's input or the reader's output both fit. */
export type RunnableModel = Pick<TfliteModel, 'operatorCodes' | 'subgraphs' | 'buffers'>;

type Values = Float32Array | Int8Array | Int32Array;

export interface LayerTrace {
  /** Operator index in the graph, and its name (e.g. "CONV_2D"). */
  op: number;
  opName: string;
  /** Output tensor index, name, shape and type. */
  tensor: number;
  name: string;
  shape: number[];
  type: 'FLOAT32' | 'INT8';
  /** Per-tensor parameters of an INT8 output. */
  quant?: Int8Params;
  /** The tensor as the kernel produced it (int8 codes or floats); not a copy. */
  values: Float32Array | Int8Array;
}

export interface RunResult {
  /** First graph output, as float32 (dequantized when int8). */
  output: Float32Array;
  outputShape: number[];
  /** The first output as produced (int8 codes for an int8-output graph). */
  outputRaw: Float32Array | Int8Array;
  /** One entry per operator, in execution order. */
  layers: LayerTrace[];
}

const q1 = (t: TfliteTensor): Int8Params => {
  const q = t.quantization;
  if (!q || q.scale.length === 0) throw new Int8RefError(`El tensor «${t.name}» es int8 pero no tiene parámetros de cuantización.`);
  return { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0] ?? 0 };
};

/** A weight tensor's scales: one (per-tensor) or one per output channel. */
const scalesOf = (t: TfliteTensor): readonly number[] => t.quantization?.scale ?? [1];

/** Decodes constant tensors once per model object. */
const constCache = new WeakMap<object, Map<number, Values>>();

function constant(model: RunnableModel, index: number): Values {
  let cache = constCache.get(model);
  if (!cache) constCache.set(model, (cache = new Map()));
  const hit = cache.get(index);
  if (hit) return hit;
  const t = model.subgraphs[0]!.tensors[index]!;
  const bytes = model.buffers[t.buffer];
  if (!bytes || bytes.length === 0) throw new Int8RefError(`El tensor «${t.name}» debería llevar datos constantes y no los tiene.`);
  const v =
    t.type === 'FLOAT32' ? bytesToFloat32(bytes) : t.type === 'INT8' ? bytesToInt8(bytes) : t.type === 'INT32' ? bytesToInt32(bytes) : null;
  if (!v) throw new Int8RefError(`El tensor constante «${t.name}» es de tipo ${t.type}, que la referencia no lee.`);
  cache.set(index, v);
  return v;
}

/** Runs subgraph 0 on one input. Accepts .tflite bytes, a parsed model or a model being built. */
export function runModel(modelOrBytes: RunnableModel | Uint8Array, input: ArrayLike<number>): RunResult {
  const model = modelOrBytes instanceof Uint8Array ? readTflite(modelOrBytes) : modelOrBytes;
  const g = model.subgraphs[0];
  if (!g) throw new Int8RefError('El modelo no tiene ningún subgrafo.');
  const values = new Map<number, Values>();
  const shapes = new Map<number, number[]>();
  const inIdx = g.inputs[0]!;
  const inT = g.tensors[inIdx]!;
  const per = inT.shape.slice(1).reduce((a, b) => a * b, 1);
  if (input.length === 0 || input.length % per !== 0)
    throw new Int8RefError(`La entrada tiene ${input.length} valores y el modelo espera múltiplos de ${per}.`);
  const inShape = [input.length / per, ...inT.shape.slice(1)];
  if (inT.type === 'INT8') values.set(inIdx, input instanceof Int8Array ? input : quantizeInt8(input, q1(inT)));
  else if (inT.type === 'FLOAT32') values.set(inIdx, Float32Array.from(input));
  else throw new Int8RefError(`La entrada es de tipo ${inT.type}; la referencia admite float32 o int8.`);
  shapes.set(inIdx, inShape);

  const get = (i: number): Values => {
    const v = values.get(i);
    if (v) return v;
    return constant(model, i);
  };
  const shapeOf = (i: number): number[] => shapes.get(i) ?? g.tensors[i]!.shape;
  const layers: LayerTrace[] = [];

  g.operators.forEach((op, oi) => {
    const code = model.operatorCodes[op.opcodeIndex]!;
    const name = operatorName(code.builtinCode);
    const [i0, i1, i2] = op.inputs;
    const outIdx = op.outputs[0]!;
    const outT = g.tensors[outIdx]!;
    const inTensor = g.tensors[i0!]!;
    const o = op.options;
    const isInt8 = inTensor.type === 'INT8';
    /** The optional third input (a weighted layer's bias). */
    const biasOf = (): Values | null => (i2 !== undefined && i2 >= 0 ? get(i2) : null);
    /** What an int8 weighted layer (conv, depthwise, dense) reads besides its weights. */
    const int8Io = (): { input: Int8Array; inQ: Int8Params; bias: Int32Array | null; outQ: Int8Params } => ({
      input: get(i0!) as Int8Array,
      inQ: q1(inTensor),
      bias: biasOf() as Int32Array | null,
      outQ: q1(outT),
    });
    let data: Values;
    let shape: number[];
    switch (name) {
      case 'CONV_2D':
      case 'DEPTHWISE_CONV_2D': {
        if (o?.kind !== 'Conv2D' && o?.kind !== 'DepthwiseConv2D') throw new Int8RefError(`${name} sin opciones.`);
        const dm = o.kind === 'DepthwiseConv2D' ? o.depthMultiplier || 1 : undefined;
        const fT = g.tensors[i1!]!;
        if (isInt8) {
          const r = conv2dInt8({
            ...o,
            ...int8Io(),
            inShape: shapeOf(i0!),
            filter: get(i1!) as Int8Array,
            filterShape: fT.shape,
            filterScales: scalesOf(fT),
            ...(dm !== undefined ? { depthMultiplier: dm } : {}),
          });
          ({ data, shape } = r);
        } else {
          ({ data, shape } = conv2dFloat(get(i0!) as Float32Array, shapeOf(i0!), get(i1!) as Float32Array, fT.shape, biasOf() as Float32Array | null, o, dm !== undefined, dm));
        }
        break;
      }
      case 'FULLY_CONNECTED': {
        if (o?.kind !== 'FullyConnected') throw new Int8RefError('FULLY_CONNECTED sin opciones.');
        const wT = g.tensors[i1!]!;
        if (isInt8) {
          ({ data, shape } = fullyConnectedInt8({
            ...int8Io(),
            weights: get(i1!) as Int8Array,
            weightShape: wT.shape,
            weightScales: scalesOf(wT),
            fusedActivation: o.fusedActivation,
          }));
        } else {
          ({ data, shape } = fullyConnectedFloat(get(i0!) as Float32Array, get(i1!) as Float32Array, wT.shape, biasOf() as Float32Array | null, o.fusedActivation));
        }
        break;
      }
      case 'MAX_POOL_2D':
      case 'AVERAGE_POOL_2D': {
        if (o?.kind !== 'Pool2D') throw new Int8RefError(`${name} sin opciones.`);
        const kind = name === 'MAX_POOL_2D' ? 'max' : 'avg';
        ({ data, shape } = isInt8
          ? pool2dInt8(get(i0!) as Int8Array, shapeOf(i0!), kind, o, q1(inTensor))
          : pool2dFloat(get(i0!) as Float32Array, shapeOf(i0!), kind, o));
        break;
      }
      case 'RESHAPE': {
        data = get(i0!);
        const per = outT.shape.slice(1).reduce((a, b) => a * b, 1);
        shape = [data.length / per, ...outT.shape.slice(1)];
        break;
      }
      case 'SOFTMAX': {
        const beta = o?.kind === 'Softmax' ? o.beta : 1;
        shape = shapeOf(i0!);
        data = isInt8
          ? softmaxInt8(get(i0!) as Int8Array, shape, beta, q1(inTensor), q1(outT))
          : softmaxFloat(get(i0!) as Float32Array, shape, beta);
        break;
      }
      case 'QUANTIZE':
        data = quantizeInt8(get(i0!), q1(outT));
        shape = shapeOf(i0!);
        break;
      case 'DEQUANTIZE':
        data = dequantizeInt8(get(i0!) as Int8Array, q1(inTensor));
        shape = shapeOf(i0!);
        break;
      default:
        throw new Int8RefError(
          `El operador ${oi} es ${name}, que esta referencia no implementa (solo convolución, depthwise, densa, pooling, reshape, softmax, quantize y dequantize).`,
        );
    }
    if (isInt8 && name !== 'DEQUANTIZE' && outT.type !== 'INT8')
      throw new Int8RefError(`El operador ${oi} (${name}) mezcla int8 con ${outT.type}; la referencia no lo admite.`);
    values.set(outIdx, data);
    shapes.set(outIdx, shape);
    const trace: LayerTrace = {
      op: oi,
      opName: name,
      tensor: outIdx,
      name: outT.name,
      shape,
      type: data instanceof Int8Array ? 'INT8' : 'FLOAT32',
      values: data as Float32Array | Int8Array,
    };
    if (data instanceof Int8Array) trace.quant = q1(outT);
    layers.push(trace);
  });

  const outIdx = g.outputs[0]!;
  const raw = values.get(outIdx);
  if (!raw || raw instanceof Int32Array) throw new Int8RefError('El modelo no produjo su salida.');
  const output = raw instanceof Int8Array ? dequantizeInt8(raw, q1(g.tensors[outIdx]!)) : raw;
  return { output, outputShape: shapeOf(outIdx), outputRaw: raw, layers };
}

/** The int8 path under the name lesson 13 uses: same as runModel (works for float graphs too). */
export const runInt8 = runModel;

/** A layer's values as real numbers (dequantized when int8). */
export function layerReal(l: LayerTrace): Float32Array {
  return l.values instanceof Int8Array ? dequantizeInt8(l.values, l.quant!) : l.values;
}
