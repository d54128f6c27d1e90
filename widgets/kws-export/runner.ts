/**
 * The export and the measurements of kws-export, in the browser (only view.ts imports this).
 *
 * - loadExport: tfjs (lib/cnn/tf-main), the keyword model for the student's choice (lib/kws/load:
 *   «tu modelo» or the course's), the shipped keyword set (lib/kws-data), and the model inputs of
 *   every training clip (calibration) and every test clip (evaluation), standardized with the
 *   model meta's mean/std (core.modelInput).
 * - convertExport: lib/convert in slices (convertSliced): float32, int8 with float32 I/O (runs in
 *   LiteRT.js) and int8 with int8 I/O (the board's, written into the C header).
 * - evaluateExport: the test clips through tfjs, the float32 .tflite and the int8 .tflite in
 *   LiteRT.js ('wasm'); the tally and the int8 confusion matrix (core.Evaluation).
 * Every loop works in slices, gives the page a turn between them (nextTask) and checks `signal`
 * there: an aborted run rejects with lib/convert's Cancelled. Shapes: input [1, frames, bins, 1]
 * float32; outputs are the class probabilities.
 */
import type * as TF from '@tensorflow/tfjs';
import { Cancelled, chunks, convertSliced, kerasFromLayersModel, nextTask, throwIfCancelled, type ConvertedSet } from '../lib/convert';
import { loadTf } from '../lib/cnn/tf-main';
import { loadKws, type KwsChoice } from '../lib/kws/load';
import type { KwsMeta } from '../lib/kws/contract';
import { clipsOfSplit, fetchKeywordSet, type KeywordClip, type KeywordSet } from '../lib/kws-data/keyword-set';
import { compileTflite, type CompiledTflite } from '../lib/litert';
import { readTflite, type TfliteModelInfo } from '../lib/tflite';
import { Evaluation, boardHeader, ioQuant, modelInput, summarize, type EvalSummary, type TensorQuant } from './core';

export const KEYWORDS_URL = '/data/keywords/';
/** Clips turned into features between two pauses. */
const FEATURE_SLICE = 8;
/** Calibration clips per slice. */
const CAL_SLICE = 8;
/** Test clips through the three engines per slice. */
const EVAL_SLICE = 8;

/** Progress of the current phase: fraction done in [0, 1] and a Spanish sentence. */
export type Progress = (done: number, text: string) => void;

async function checkpoint(signal: AbortSignal): Promise<void> {
  await nextTask();
  throwIfCancelled(signal);
}

let keywordSet: Promise<KeywordSet> | null = null;

/** The shipped keyword set, downloaded once per page; a failure is forgotten so a retry can work. */
function getKeywordSet(): Promise<KeywordSet> {
  if (!keywordSet) {
    const p = fetchKeywordSet((u) => fetch(u), KEYWORDS_URL).then((r) => {
      if (!r.ok) throw new Error(r.message);
      return r.value;
    });
    keywordSet = p;
    p.catch(() => {
      if (keywordSet === p) keywordSet = null;
    });
  }
  return keywordSet;
}

export interface Loaded {
  tf: typeof TF;
  model: TF.LayersModel;
  meta: KwsMeta;
  source: 'propio' | 'defecto';
  /** Spanish: why «tu modelo» was not used although asked for, or null. */
  warning: string | null;
  /** Standardized inputs of the training clips (calibration). */
  calib: Float32Array[];
  /** Standardized inputs of the test clips and their class index in meta.classes. */
  testX: Float32Array[];
  testLabels: number[];
  /** Test voices (distinct espeak voices) and clips skipped because the model lacks their class. */
  voices: number;
  skipped: number;
}

/** Model inputs of `clips`, FEATURE_SLICE at a time. */
async function inputsOf(clips: readonly KeywordClip[], meta: KwsMeta, signal: AbortSignal, report: (done: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const [s, e] of chunks(clips.length, FEATURE_SLICE)) {
    await checkpoint(signal);
    for (let i = s; i < e; i++) out.push(modelInput(clips[i]!.samples, meta));
    report(e);
  }
  return out;
}

export async function loadExport(choice: KwsChoice, signal: AbortSignal, progress: Progress): Promise<Loaded> {
  progress(0, 'Cargando TensorFlow.js, el modelo y las grabaciones de palabras clave…');
  const [{ tf }, set] = await Promise.all([loadTf(), getKeywordSet()]);
  throwIfCancelled(signal);
  const k = await loadKws(tf, choice);
  try {
    throwIfCancelled(signal);
    const { meta } = k;
    const known = (c: KeywordClip): boolean => meta.classes.includes(c.label);
    const train = clipsOfSplit(set, 'train').filter(known);
    const allTest = clipsOfSplit(set, 'test');
    const test = allTest.filter(known);
    if (train.length === 0 || test.length === 0) {
      throw new Error(`las clases del modelo (${meta.classes.join(', ')}) no coinciden con las de las grabaciones del curso (${set.classes.join(', ')}).`);
    }
    const total = train.length + test.length;
    const text = (d: number): string => `Calculando los ${meta.feature === 'mfcc' ? 'MFCC' : 'log-mel'} normalizados de cada clip: ${d} de ${total}…`;
    const calib = await inputsOf(train, meta, signal, (d) => progress(d / total, text(d)));
    const testX = await inputsOf(test, meta, signal, (d) => progress((train.length + d) / total, text(train.length + d)));
    return {
      tf, model: k.model, meta, source: k.source, warning: k.error, calib, testX,
      testLabels: test.map((c) => meta.classes.indexOf(c.label)),
      voices: new Set(test.map((c) => c.voice).filter((v) => v !== null)).size,
      skipped: allTest.length - test.length,
    };
  } catch (e) {
    k.model.dispose();
    throw e;
  }
}

export interface Exported {
  set: ConvertedSet;
  /** The int8 file with float32 I/O (what LiteRT.js runs and the student downloads), read back. */
  int8Info: TfliteModelInfo;
  /** The int8-I/O file for the board, read back (its operators go into the sketch). */
  boardInfo: TfliteModelInfo;
  quant: { input: TensorQuant; output: TensorQuant };
  header: string;
}

export async function convertExport(l: Loaded, signal: AbortSignal, progress: Progress): Promise<Exported> {
  const keras = kerasFromLayersModel(l.model);
  const set = await convertSliced(keras, l.calib, {
    chunk: CAL_SLICE,
    signal,
    onProgress: (stage, done, total) =>
      stage === 'calibrar'
        ? progress((0.9 * done) / total, `Calibrando los rangos int8 con clips de entrenamiento: ${done} de ${total}…`)
        : progress(0.9 + (0.1 * done) / total, `Escribiendo los archivos .tflite: ${done} de ${total}…`),
  });
  throwIfCancelled(signal);
  const int8Info = readTflite(set.int8.bytes);
  const boardInfo = readTflite(set.int8io.bytes);
  const source = l.source === 'propio' ? 'tu modelo' : 'el modelo del curso';
  const header = boardHeader(set.int8io.bytes, boardInfo, l.meta, { source, samples: set.calibration.samples });
  return { set, int8Info, boardInfo, quant: ioQuant(int8Info), header };
}

/** Both .tflite files compiled for LiteRT.js; deleted when `f` settles, also on cancel or error. */
async function withCompiled<T>(ex: Exported, f: (fp32: CompiledTflite, int8: CompiledTflite) => Promise<T>): Promise<T> {
  const fp32 = await compileTflite(ex.set.fp32.bytes);
  let int8: CompiledTflite | null = null;
  try {
    int8 = await compileTflite(ex.set.int8.bytes);
    return await f(fp32, int8);
  } finally {
    fp32.delete();
    int8?.delete();
  }
}

export async function evaluateExport(l: Loaded, ex: Exported, signal: AbortSignal, progress: Progress): Promise<EvalSummary> {
  progress(0, 'Cargando LiteRT.js y preparando los dos archivos .tflite…');
  const { tf, meta } = l;
  const size = meta.frames * meta.bins;
  const shape = [1, meta.frames, meta.bins, 1] as const;
  const n = l.testX.length;
  const flat = new Float32Array(n * size);
  l.testX.forEach((x, i) => flat.set(x, i * size));
  const probs = tf.tidy(() => Float32Array.from((l.model.predict(tf.tensor4d(flat, [n, meta.frames, meta.bins, 1])) as TF.Tensor).dataSync()));
  const k = meta.classes.length;
  const ev = new Evaluation(meta.classes);
  await withCompiled(ex, async (fp32, int8) => {
    for (const [s, e] of chunks(n, EVAL_SLICE)) {
      await checkpoint(signal);
      for (let i = s; i < e; i++) {
        const x = l.testX[i]!;
        ev.add({ tfjs: probs.subarray(i * k, (i + 1) * k), fp32: await fp32.run(x, shape), int8: await int8.run(x, shape) }, l.testLabels[i]!);
      }
      progress(e / n, `Clasificando las voces de prueba con tfjs y los dos .tflite: ${e} de ${n} clips…`);
    }
  });
  return summarize(ev);
}

export { Cancelled };
