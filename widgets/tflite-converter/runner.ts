/**
 * The converter widget's engine work, in the browser (only view.ts imports this module): load
 * tfjs, the MNIST file and the lesson-10 CNN («tu modelo» or the default), convert it in slices
 * with widgets/lib/convert to float32, int8 (float32 I/O) and int8 (int8 I/O) .tflite files,
 * calibrated on the first CALIBRATION training digits, compile two of them in LiteRT.js, write
 * the C header; then run digits through tfjs and both LiteRT models and tally the first BATCH
 * test digits. An aborted `signal` rejects with lib/convert's Cancelled and leaves nothing
 * allocated. Inputs are MNIST digits as float32 [1, 28, 28, 1] in [0, 1].
 */
import type * as TF from '@tensorflow/tfjs';
import { imageFloat, type MnistData } from '../lib/data/mnist';
import { getMnist } from '../lib/data/mnist-client';
import { loadTf } from '../lib/cnn/tf-main';
import { loadCnn, type Choice, type Source } from '../lib/cnn/load';
import { Cancelled, Tally, cHeader, convertSliced, kerasFromLayersModel, nextTask, type ConvertedSet } from '../lib/convert';
import { compileTflite, type CompiledTflite } from '../lib/litert';
import { readTflite } from '../lib/tflite';
import { headerComment } from './core';
import type { Outputs } from './run-panel';

export const CALIBRATION = 200;
export const BATCH = 50;
export const SHAPE = [1, 28, 28, 1] as const;

export interface Ready {
  set: ConvertedSet;
  tf: typeof TF;
  model: TF.LayersModel;
  fp32: CompiledTflite;
  int8: CompiledTflite;
  header: string;
  /** «tu modelo» or «el modelo por defecto del curso», for the texts. */
  source: string;
  kind: Source;
  /** Why «tu modelo» was not used although asked for (Spanish), or a missing-model note; '' when none. */
  note: string;
  data: MnistData;
}

/** Progress: a Spanish sentence and the fraction done in [0, 1]. */
export type Progress = (text: string, value: number) => void;

/** Loads, converts, compiles and writes the header. The caller owns the result (releaseReady). */
export async function convertModel(choice: Choice, signal: AbortSignal, progress: Progress): Promise<Ready> {
  let model: TF.LayersModel | null = null;
  const compiled: CompiledTflite[] = [];
  try {
    progress('Cargando TensorFlow.js, el modelo y los dígitos…', 0.02);
    const [rt, data] = await Promise.all([loadTf(), getMnist()]);
    const cnn = await loadCnn(rt.tf, choice);
    model = cnn.model;
    if (signal.aborted) throw new Cancelled();
    const keras = kerasFromLayersModel(cnn.model);
    const samples = Array.from({ length: CALIBRATION }, (_, i) => imageFloat(data.train, i));
    const set = await convertSliced(keras, samples, {
      chunk: 2,
      signal,
      onProgress: (stage, done, total) =>
        stage === 'calibrar'
          ? progress(`Calibrando int8: ${done} de ${total} dígitos de entrenamiento…`, 0.05 + (0.8 * done) / total)
          : progress('Escribiendo los archivos .tflite…', 0.85 + (0.05 * done) / total),
    });
    progress('Cargando LiteRT.js y preparando los modelos…', 0.92);
    compiled.push(await compileTflite(set.fp32.bytes), await compileTflite(set.int8.bytes));
    if (signal.aborted) throw new Cancelled();
    const source = cnn.source === 'propio' ? '«tu modelo»' : 'el modelo por defecto del curso';
    const header = cHeader(set.int8io.bytes, { comment: headerComment(readTflite(set.int8io.bytes), { modelName: keras.name, source, samples: set.calibration.samples }) });
    const note = cnn.error ? ` ${cnn.error}` : cnn.missing ? ' (No hay «tu modelo» guardado en este navegador.)' : '';
    const ready: Ready = { set, tf: rt.tf, model: cnn.model, fp32: compiled[0]!, int8: compiled[1]!, header, source, kind: cnn.source, note, data };
    model = null;
    compiled.length = 0;
    return ready;
  } finally {
    compiled.forEach((m) => m.delete());
    model?.dispose();
  }
}

export function releaseReady(r: Ready): void {
  r.fp32.delete();
  r.int8.delete();
  r.model.dispose();
}

/** One digit through tfjs and both LiteRT models: the 10 probabilities of each. */
export async function predictAll(r: Ready, img: Float32Array): Promise<Outputs> {
  const tf = r.tf;
  const tfjs = tf.tidy(() => Float32Array.from((r.model.predict(tf.tensor4d(img, [...SHAPE])) as TF.Tensor).dataSync()));
  const fp32 = await r.fp32.run(img, SHAPE);
  const int8 = await r.int8.run(img, SHAPE);
  return { tfjs, fp32, int8 };
}

export interface BatchReport {
  /** Largest |p − p_tfjs| over the digits and classes, for LiteRT float32 and int8. */
  maxDiffFp32: number;
  maxDiffInt8: number;
  correctFp32: number;
  correctTfjs: number;
  /** Digits where int8 picks the same class as float32. */
  agreeInt8Fp32: number;
  n: number;
}

/** The first BATCH test digits through the three models; null when `alive()` turns false meanwhile. */
export async function compareBatch(r: Ready, alive: () => boolean): Promise<BatchReport | null> {
  const t = new Tally(['tfjs', 'fp32', 'int8'] as const);
  for (let i = 0; i < BATCH; i++) {
    // LiteRT runs synchronously inside its promise: give the page a turn every few digits.
    if (i % 4 === 0) await nextTask();
    if (!alive()) return null;
    t.add(await predictAll(r, imageFloat(r.data.test, i)), r.data.test.labels[i]!);
  }
  return {
    maxDiffFp32: t.maxAbsDiff('fp32', 'tfjs'),
    maxDiffInt8: t.maxAbsDiff('int8', 'tfjs'),
    correctFp32: t.correct('fp32'),
    correctTfjs: t.correct('tfjs'),
    agreeInt8Fp32: t.agree('int8', 'fp32'),
    n: BATCH,
  };
}
