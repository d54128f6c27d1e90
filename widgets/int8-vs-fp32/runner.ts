/**
 * The measurements of the int8-vs-fp32 widget, in the browser (only view.ts imports this module).
 *
 * - prepareModels: loads «tu modelo» (or the course's default) with tfjs, converts it with
 *   widgets/lib/convert to a float32 .tflite and a full-integer int8 .tflite with float32 input
 *   and output, calibrated on the first CALIBRATION training digits (pixels / 255).
 * - measureAccuracy / measureLatency run both files in LiteRT.js on the 'wasm' accelerator
 *   (XNNPACK); measureLayers runs the TS float and int8 reference interpreters layer by layer.
 * Every loop works in slices and awaits a macrotask between them, so the page never freezes, and
 * checks `signal` there: an aborted run rejects with lib/convert's Cancelled.
 * Inputs are MNIST digits as float32 [1, 28, 28, 1] in [0, 1]; outputs are the 10 probabilities.
 */
import {
  calibrateSliced, chunks, convertFloat32, convertInt8, kerasFromLayersModel, nextTask, planModel, throwIfCancelled,
  type Calibration, type Converted,
} from '../lib/convert';
import { imageFloat, type MnistData } from '../lib/data/mnist';
import { getMnist } from '../lib/data/mnist-client';
import { loadTf } from '../lib/cnn/tf-main';
import { layerReal, runModel } from '../lib/int8ref/run';
import { compileTflite, type CompiledTflite } from '../lib/litert';
import { loadCnn, type Choice, type Source } from '../lib/cnn/load';
import {
  addLayerSample, emptyTally, latencyStats, layerErrors, summarize, type LatencyStats, type LayerAcc, type LayerError, type TallySummary,
} from './core';

export const SHAPE = [1, 28, 28, 1] as const;
/** Training digits used to calibrate the int8 ranges. */
export const CALIBRATION = 200;
/** Consecutive inferences timed together: browsers round performance.now() to 0,1 ms. */
export const GROUP = 20;
/** Untimed runs of each model before timing (first runs are slower: caches, lazy set-up). */
export const WARMUP = 40;
/** Test digits run through both reference interpreters for the per-layer error. */
export const LAYER_IMAGES = 20;

/** Progress of the current step: fraction done in [0, 1] and a Spanish sentence. */
export type Progress = (done: number, text: string) => void;

/** Gives the page a turn, then stops with Cancelled if `signal` has fired. */
async function checkpoint(signal: AbortSignal): Promise<void> {
  await nextTask();
  throwIfCancelled(signal);
}

export interface Prepared {
  source: Source;
  /** True when the student asked for «tu modelo» and none is stored. */
  missing: boolean;
  /** Why «tu modelo» could not be used, when that happened. */
  warning: string | null;
  fp32: Converted;
  int8: Converted;
  calibration: Calibration;
  data: MnistData;
}

export async function prepareModels(choice: Choice, signal: AbortSignal, progress: Progress): Promise<Prepared> {
  progress(0, 'Cargando TensorFlow.js, el modelo y los dígitos MNIST…');
  const [{ tf }, data] = await Promise.all([loadTf(), getMnist()]);
  const cnn = await loadCnn(tf, choice);
  let plan;
  try {
    plan = planModel(kerasFromLayersModel(cnn.model));
  } finally {
    cnn.model.dispose();
  }
  const count = Math.min(CALIBRATION, data.train.count);
  const cal = await calibrateSliced(plan, count, (i) => imageFloat(data.train, i), {
    chunk: 4, signal, onProgress: (e) => progress(e / count, `Calibrando los rangos int8 con dígitos de entrenamiento: ${e} de ${count}…`),
  });
  const fp32 = convertFloat32(plan);
  const int8 = convertInt8(plan, cal, 'float32');
  return { source: cnn.source, missing: cnn.missing, warning: cnn.error, fp32, int8, calibration: cal, data };
}

/** Both files compiled for LiteRT.js (wasm); deleted when `f` settles, also on cancel or error. */
export async function withCompiled<T>(p: Prepared, f: (fp32: CompiledTflite, int8: CompiledTflite) => Promise<T>): Promise<T> {
  const fp32 = await compileTflite(p.fp32.bytes);
  let int8: CompiledTflite | null = null;
  try {
    int8 = await compileTflite(p.int8.bytes);
    return await f(fp32, int8);
  } finally {
    fp32.delete();
    int8?.delete();
  }
}

/** Both models on the first `n` test digits, in slices of 20. */
export async function measureAccuracy(
  p: Prepared, m: { fp32: CompiledTflite; int8: CompiledTflite }, n: number, signal: AbortSignal, progress: Progress,
): Promise<TallySummary> {
  const test = p.data.test;
  const count = Math.min(n, test.count);
  const t = emptyTally();
  for (const [s, e] of chunks(count, 20)) {
    await checkpoint(signal);
    for (let i = s; i < e; i++) {
      const x = imageFloat(test, i);
      t.add({ fp32: await m.fp32.run(x, SHAPE), int8: await m.int8.run(x, SHAPE) }, test.labels[i]!);
    }
    progress(e / count, `Clasificando dígitos de prueba con los dos modelos: ${e} de ${count}…`);
  }
  return summarize(t);
}

/**
 * Latency of one inference (ms): the same test digit, `runs` timed runs per model in groups of
 * GROUP; each group gives one sample, its mean time per run. The models alternate group by group
 * (fp32 first in even groups, int8 first in odd ones) so both see the same machine load.
 * A run includes copying the input into wasm memory and the output back to JavaScript.
 */
export async function measureLatency(
  p: Prepared, m: { fp32: CompiledTflite; int8: CompiledTflite }, runs: number, signal: AbortSignal, progress: Progress,
): Promise<{ fp32: LatencyStats; int8: LatencyStats }> {
  const x = imageFloat(p.data.test, 0);
  for (const model of [m.fp32, m.int8]) for (let i = 0; i < WARMUP; i++) await model.run(x, SHAPE);
  const groups = Math.max(1, Math.round(runs / GROUP));
  const samples = { fp32: [] as number[], int8: [] as number[] };
  for (let g = 0; g < groups; g++) {
    await checkpoint(signal);
    for (const k of g % 2 ? (['int8', 'fp32'] as const) : (['fp32', 'int8'] as const)) {
      const model = m[k];
      const t0 = performance.now();
      for (let i = 0; i < GROUP; i++) await model.run(x, SHAPE);
      samples[k].push((performance.now() - t0) / GROUP);
    }
    progress((g + 1) / groups, `Midiendo la latencia: ${(g + 1) * GROUP} de ${groups * GROUP} inferencias de cada modelo…`);
  }
  return { fp32: latencyStats(samples.fp32), int8: latencyStats(samples.int8) };
}

/**
 * Per-layer quantization error on the first LAYER_IMAGES test digits: the float32 and int8 graphs
 * run in the TS reference interpreters (widgets/lib/int8ref), which keep every intermediate
 * tensor. Each int8 activation is dequantized, s·(q − z), and compared with the float activation
 * of the tensor with the same name; the first row compares the quantized input with the image.
 * RESHAPE rows are left out (flattening moves no value).
 */
export async function measureLayers(p: Prepared, signal: AbortSignal, progress: Progress): Promise<LayerError[]> {
  const accs: LayerAcc[] = [];
  const count = Math.min(LAYER_IMAGES, p.data.test.count);
  for (let i = 0; i < count; i++) {
    await checkpoint(signal);
    const x = imageFloat(p.data.test, i);
    const ref = runModel(p.fp32.model, x).layers;
    const q = runModel(p.int8.model, x).layers;
    for (const l of q) {
      if (l.type !== 'INT8' || !l.quant) continue;
      if (l.opName === 'QUANTIZE') {
        addLayerSample(accs, 'entrada', l.opName, l.quant.scale, x, layerReal(l));
        continue;
      }
      if (l.opName === 'RESHAPE') continue;
      const f = ref.find((r) => r.name === l.name);
      if (f) addLayerSample(accs, l.name, l.opName, l.quant.scale, f.values, layerReal(l));
    }
    progress((i + 1) / count, `Comparando capa a capa (referencias float32 e int8): dígito ${i + 1} de ${count}…`);
  }
  return layerErrors(accs);
}
