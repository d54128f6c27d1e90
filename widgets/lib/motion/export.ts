/**
 * «Tu modelo de movimiento» → TensorFlow Lite (pure: no DOM, no tfjs), through lib/convert:
 * - float32 .tflite: FULLY_CONNECTED (ReLU fused) × L, then SOFTMAX; input [1, d] float32;
 * - int8 .tflite with float32 input and output (QUANTIZE … DEQUANTIZE), for the browser;
 * - int8 .tflite with int8 input and output, for TFLite Micro, as a C header (model_data.h);
 * - motion_params.h: what the board must do before the network, in C: class names, rate, window,
 *   the 33 means and standard deviations (z = (x − mean) / std) and the int8 input's scale and
 *   zero point (q = round(z / scale) + zero_point).
 * The network's input is the *normalised* features z, exactly what predictProbs feeds its first
 * layer; calibration uses the normalised training features, so the int8 ranges are those z.
 */
import { convertAll, type ConvertedSet } from '../convert/convert';
import { denseKerasModel } from '../convert/dense';
import { cHeader } from '../convert/header';
import type { KerasModel } from '../convert/keras';
import { layerName } from './net';
import { normalizeFeatures, type MotionModelData } from './model';

export const FILES = {
  fp32: 'modelo_movimiento_fp32.tflite',
  int8: 'modelo_movimiento_int8.tflite',
  header: 'model_data.h',
  params: 'motion_params.h',
} as const;

/** The model as the converter's KerasModel (input [d], one dense layer per MotionLayer). */
export function motionKerasModel(m: MotionModelData): KerasModel {
  const names = m.layers.map((_, i) => layerName(i, i === m.layers.length - 1));
  return denseKerasModel('clasificador_movimiento', m.mean.length, m.layers, names);
}

export interface MotionTflite {
  set: ConvertedSet;
  /** model_data.h: the int8 (int8 I/O) model as a C array. */
  header: string;
  /** motion_params.h: labels, rate, window, normalisation and input quantisation. */
  params: string;
}

/** C string literal (escapes \ and "; non-ASCII stays UTF-8). */
const cString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const cFloat = (v: number): string => {
  const s = Math.fround(v).toPrecision(9);
  return `${/[.e]/.test(s) ? s : `${s}.0`}f`;
};

export function paramsHeader(m: MotionModelData, input: { scale: number; zeroPoint: number }): string {
  const arr = (name: string, xs: readonly number[]): string[] => {
    const lines = [`const float ${name}[${xs.length}] = {`];
    for (let i = 0; i < xs.length; i += 4) lines.push('  ' + xs.slice(i, i + 4).map(cFloat).join(', ') + ',');
    lines.push('};');
    return lines;
  };
  return [
    '// Parámetros de «tu modelo de movimiento» (curso de TinyML, lección 15).',
    '// Antes de la red: z = (x - kFeatureMean[j]) / kFeatureStd[j] para cada característica j',
    '// (las 33 de Edge Impulse, en su orden), y q = round(z / kInputScale) + kInputZeroPoint.',
    '#ifndef MOTION_PARAMS_H_',
    '#define MOTION_PARAMS_H_',
    '',
    `const float kSampleRateHz = ${cFloat(m.hz)};`,
    `const int kWindowMs = ${Math.round(m.windowMs)};`,
    `const int kFftLength = ${m.params.fftLength};`,
    `const int kFeatureCount = ${m.mean.length};`,
    `const int kLabelCount = ${m.labels.length};`,
    `const char* const kLabels[${m.labels.length}] = {${m.labels.map(cString).join(', ')}};`,
    ...arr('kFeatureMean', m.mean),
    ...arr('kFeatureStd', m.std),
    `const float kInputScale = ${cFloat(input.scale)};`,
    `const int kInputZeroPoint = ${input.zeroPoint};`,
    '',
    '#endif  // MOTION_PARAMS_H_',
    '',
  ].join('\n');
}

/** The three .tflite files and both headers; `calibration` = raw feature rows (the training windows). */
export function convertMotionModel(m: MotionModelData, calibration: ReadonlyArray<ArrayLike<number>>): MotionTflite {
  const z = calibration.map((x) => Float32Array.from(normalizeFeatures(m, x)));
  const set = convertAll(motionKerasModel(m), z);
  const g = set.int8io.model.subgraphs[0]!;
  const q = g.tensors[g.inputs[0]!]!.quantization!;
  const input = { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0]! };
  const header = cHeader(set.int8io.bytes, {
    comment: `«Tu modelo de movimiento» en int8 (entrada y salida int8), ${set.int8io.bytes.length} bytes.\n` +
      `Clases: ${m.labels.join(', ')}. La normalización y la cuantización de la entrada están en ${FILES.params}.`,
  });
  return { set, header, params: paramsHeader(m, input) };
}
