/**
 * Pure logic of the kws-export widget (no DOM, no tfjs, no LiteRT): the model input of a clip,
 * the comparison of the three engines (tfjs float32, .tflite float32 and .tflite int8, both in
 * LiteRT.js) with the int8 confusion matrix, the int8 input/output quantization read from the
 * file, and the board header (lib/convert's cHeader plus the constants the sketch needs).
 *
 * Model input (lib/kws/contract.ts): one 1 s clip at 16 kHz → features per the model's meta
 * (frames × bins, e.g. 49 × 13 MFCC) → standardized per bin, (v − mean[b]) / std[b], with the
 * meta's mean/std → Float32Array frames·bins, row-major = NHWC [1, frames, bins, 1].
 * int8 quantization (TFLite): real = s · (q − z); the board quantizes its input with
 * q = clamp(round(x / s) + z, −128, 127), x the standardized value.
 */
import { Tally } from '../lib/convert/compare';
import { cHeader } from '../lib/convert/header';
import { argmax } from '../lib/conv/ops';
import { quantizeInt8 } from '../lib/int8ref/int8-kernels';
import type { KwsMeta } from '../lib/kws/contract';
import { clipFeatures, standardizeFlat } from '../lib/kws/dataset';
import type { TfliteModelInfo, TfliteTensorInfo } from '../lib/tflite';

/** The three engines compared on the test voices. */
export type Engine = 'tfjs' | 'fp32' | 'int8';
export const ENGINES: readonly Engine[] = ['tfjs', 'fp32', 'int8'];

/** File names offered for download. */
export const FILES = {
  fp32: 'kws_float32.tflite',
  int8: 'kws_int8.tflite',
  header: 'kws_model_data.h',
} as const;
/** Name of the C array in the header (and `<name>_len`). */
export const ARRAY_NAME = 'g_kws_model';

type InputMeta = Pick<KwsMeta, 'feature' | 'params' | 'frames' | 'bins' | 'mean' | 'std'>;

/** The model input of one clip (see the module comment); RangeError when the shape is not the meta's. */
export function modelInput(samples: ArrayLike<number>, meta: InputMeta): Float32Array {
  const f = clipFeatures(samples, meta.feature, meta.params);
  if (f.length !== meta.frames * meta.bins) throw new RangeError(`clip gives ${f.length} values, the model expects ${meta.frames}·${meta.bins}`);
  return standardizeFlat(f, meta.mean, meta.std);
}

/** Running comparison of the three engines plus the int8 confusion matrix. */
export class Evaluation {
  readonly tally = new Tally<Engine>(ENGINES);
  /** confusion[truth][guess] for the int8 model, classes × classes counts. */
  readonly confusion: number[][];

  constructor(readonly classes: readonly string[]) {
    this.confusion = classes.map(() => classes.map(() => 0));
  }

  add(outputs: Readonly<Record<Engine, ArrayLike<number>>>, label: number): void {
    if (!(label >= 0 && label < this.classes.length)) throw new RangeError(`label ${label} out of range`);
    this.tally.add(outputs, label);
    this.confusion[label]![argmax(outputs.int8)]!++;
  }
}

export interface EvalSummary {
  n: number;
  correct: Record<Engine, number>;
  /** correct / n, in [0, 1] (NaN when n = 0). */
  accuracy: Record<Engine, number>;
  /** Test clips on which int8 and .tflite float32 chose the same class (right or wrong). */
  agreeInt8Fp32: number;
  /** The same for .tflite float32 and tfjs (both float32: should be all of them). */
  agreeFp32Tfjs: number;
  /** max |p_a − p_b| over clips and classes (probabilities 0…1). */
  maxDiffFp32Tfjs: number;
  maxDiffInt8Fp32: number;
  confusion: number[][];
}

export function summarize(e: Evaluation): EvalSummary {
  const t = e.tally;
  const correct = { tfjs: t.correct('tfjs'), fp32: t.correct('fp32'), int8: t.correct('int8') };
  const f = (k: number): number => (t.n ? k / t.n : NaN);
  return {
    n: t.n,
    correct,
    accuracy: { tfjs: f(correct.tfjs), fp32: f(correct.fp32), int8: f(correct.int8) },
    agreeInt8Fp32: t.agree('int8', 'fp32'),
    agreeFp32Tfjs: t.agree('fp32', 'tfjs'),
    maxDiffFp32Tfjs: t.maxAbsDiff('fp32', 'tfjs'),
    maxDiffInt8Fp32: t.maxAbsDiff('int8', 'fp32'),
    confusion: e.confusion.map((r) => [...r]),
  };
}

/** Per-tensor int8 parameters of a graph input or output. */
export interface TensorQuant {
  name: string;
  shape: number[];
  type: string;
  /** Real units per int8 step, and the int8 code of real 0. */
  scale: number;
  zeroPoint: number;
}

function tensorQuant(t: TfliteTensorInfo | undefined, what: string): TensorQuant {
  const q = t?.quantization;
  if (!t || !q || q.scale.length !== 1) throw new RangeError(`the ${what} tensor has no per-tensor quantization`);
  return { name: t.name, shape: [...t.shape], type: t.type, scale: q.scale[0]!, zeroPoint: q.zeroPoint[0] ?? 0 };
}

/**
 * Scale and zero point of the int8 graph's input and output. For an int8 model with float32 I/O
 * (QUANTIZE … DEQUANTIZE) these are the tensors right after QUANTIZE and right before DEQUANTIZE,
 * i.e. the same numbers the int8-I/O file for the board carries on its own input and output.
 */
export function ioQuant(info: TfliteModelInfo): { input: TensorQuant; output: TensorQuant } {
  const g = info.subgraphs[0]!;
  let inT = g.tensors[g.inputs[0]!];
  let outT = g.tensors[g.outputs[0]!];
  const first = g.operators[0];
  const last = g.operators[g.operators.length - 1];
  if (inT?.type === 'FLOAT32' && first?.opName === 'QUANTIZE') inT = g.tensors[first.outputs[0]!];
  if (outT?.type === 'FLOAT32' && last?.opName === 'DEQUANTIZE') outT = g.tensors[last.inputs[0]!];
  return { input: tensorQuant(inT, 'input'), output: tensorQuant(outT, 'output') };
}

/** What the board does to one standardized value: q = clamp(round(x / s) + z, −128, 127) (TFLite's QUANTIZE). */
export function quantizeForBoard(x: number, q: Pick<TensorQuant, 'scale' | 'zeroPoint'>): number {
  return quantizeInt8([x], q)[0]!;
}

/** real = s · (q − z). */
export const dequantize = (code: number, q: Pick<TensorQuant, 'scale' | 'zeroPoint'>): number => q.scale * (code - q.zeroPoint);

/** The widest real range an int8 tensor can hold: [s·(−128 − z), s·(127 − z)]. */
export const int8Range = (q: Pick<TensorQuant, 'scale' | 'zeroPoint'>): [number, number] => [dequantize(-128, q), dequantize(127, q)];

/** A float32 number as a C literal that reads back to the same float32 (9 significant digits). */
export function cFloat(v: number): string {
  const s = Math.fround(v).toPrecision(9);
  const t = s.includes('e') ? s : s.replace(/0+$/, '').replace(/\.$/, '.0');
  return `${t}f`;
}

/** A C string literal (UTF-8 source; quotes and backslashes escaped). */
const cString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export interface HeaderInfo {
  /** Which model: e.g. «el modelo del curso» or «tu modelo». */
  source: string;
  /** Calibration clips used for the int8 ranges. */
  samples: number;
}

/**
 * The board header: the int8-I/O .tflite as `alignas(16) const unsigned char g_kws_model[]`
 * (cHeader), preceded by a comment that says what the file is, and followed (inside the include
 * guard) by what the sketch needs to feed and read it: frames and bins, the per-bin mean and std,
 * the input's scale and zero point, the output's, and the class names in output order.
 */
export function boardHeader(int8ioBytes: Uint8Array, info: TfliteModelInfo, meta: KwsMeta, o: HeaderInfo): string {
  const { input, output } = ioQuant(info);
  const g = info.subgraphs[0]!;
  const ops = [...new Set(g.operators.map((x) => x.opName))];
  const comment = [
    `Modelo de palabras clave (${o.source}) en int8, con entrada y salida int8: ${int8ioBytes.length} bytes.`,
    'Generado en el navegador por la lección 17 del Curso de TinyML.',
    `Entrada [${input.shape.join(', ')}] int8: ${meta.frames} tramas × ${meta.bins} ${meta.feature === 'mfcc' ? 'MFCC' : 'log-mel'}, escala ${cFloat(input.scale)}, punto cero ${input.zeroPoint}.`,
    'Por cada valor v de la trama: x = (v - kKwsMean[b]) / kKwsStd[b]; q = round(x / kKwsInputScale) + kKwsInputZeroPoint, recortado a [-128, 127].',
    `Salida [${output.shape.join(', ')}] int8: escala ${cFloat(output.scale)}, punto cero ${output.zeroPoint}; probabilidad = escala * (q - punto cero).`,
    `Operadores (regístralos en MicroMutableOpResolver): ${ops.join(', ')}.`,
    `Rangos int8 calibrados con ${o.samples} clips de entrenamiento.`,
  ].join('\n');
  const base = cHeader(int8ioBytes, { name: ARRAY_NAME, comment });
  const list = (xs: readonly number[]): string => xs.map(cFloat).join(', ');
  const extra = [
    '// Lo que el sketch necesita para preparar la entrada y leer la salida.',
    `const int kKwsFrames = ${meta.frames};`,
    `const int kKwsBins = ${meta.bins};`,
    `const float kKwsMean[${meta.bins}] = {${list(meta.mean)}};`,
    `const float kKwsStd[${meta.bins}] = {${list(meta.std)}};`,
    `const float kKwsInputScale = ${cFloat(input.scale)};`,
    `const int kKwsInputZeroPoint = ${input.zeroPoint};`,
    `const float kKwsOutputScale = ${cFloat(output.scale)};`,
    `const int kKwsOutputZeroPoint = ${output.zeroPoint};`,
    `const int kKwsClassCount = ${meta.classes.length};`,
    `const char* const kKwsClasses[${meta.classes.length}] = {${meta.classes.map(cString).join(', ')}};`,
    '',
  ].join('\n');
  const at = base.lastIndexOf('#endif');
  return base.slice(0, at) + extra + base.slice(at);
}

/** Operators of a graph, each once, in order of first use. */
export const graphOps = (info: TfliteModelInfo): string[] => [...new Set(info.subgraphs[0]!.operators.map((x) => x.opName))];

/** MicroMutableOpResolver's Add… method of each operator the converter writes. */
export const RESOLVER_ADD: Readonly<Record<string, string>> = {
  CONV_2D: 'AddConv2D',
  DEPTHWISE_CONV_2D: 'AddDepthwiseConv2D',
  MAX_POOL_2D: 'AddMaxPool2D',
  AVERAGE_POOL_2D: 'AddAveragePool2D',
  RESHAPE: 'AddReshape',
  FULLY_CONNECTED: 'AddFullyConnected',
  SOFTMAX: 'AddSoftmax',
  QUANTIZE: 'AddQuantize',
  DEQUANTIZE: 'AddDequantize',
};

/** The sketch lines that use the header (shown in the widget, with this model's operators). */
export function sketchSnippet(ops: readonly string[]): string {
  const adds = ops.map((op) => `resolver.${RESOLVER_ADD[op] ?? `Add${op}`}();`);
  return [
    `#include "${FILES.header}"`,
    '',
    `const tflite::Model* model = tflite::GetModel(${ARRAY_NAME});`,
    `static tflite::MicroMutableOpResolver<${ops.length}> resolver;`,
    ...adds,
    'static tflite::MicroInterpreter interpreter(model, resolver, tensor_arena, kArenaSize);',
    'interpreter.AllocateTensors();',
    '',
    '// Cada valor de la ventana de MFCC, normalizado y cuantizado:',
    'int8_t* in = interpreter.input(0)->data.int8;',
    'for (int i = 0; i < kKwsFrames * kKwsBins; i++) {',
    '  float x = (mfcc[i] - kKwsMean[i % kKwsBins]) / kKwsStd[i % kKwsBins];',
    '  int q = (int)roundf(x / kKwsInputScale) + kKwsInputZeroPoint;',
    '  in[i] = (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);',
    '}',
    'interpreter.Invoke();',
  ].join('\n');
}

/** int8 size as a fraction of float32. */
export const sizeRatio = (fp32Bytes: number, int8Bytes: number): number => int8Bytes / fp32Bytes;
