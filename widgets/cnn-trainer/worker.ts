/**
 * The lesson-10 trainer's Worker: loads tfjs and the MNIST file, trains the CNN in time slices
 * (reading pause/reset between them), evaluates on the test split, and keeps "tu modelo" in
 * IndexedDB. Protocol: lib/cnn/protocol.ts. The page's main thread never runs tfjs for training.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { imageBytes, type MnistData } from '../lib/data/mnist';
import { chooseBackend, enableFastTraining, type BackendName } from '../lib/cnn/backend';
import { misclassified } from '../lib/cnn/confusion';
import type { EvaluationReport, FromWorker, ModelInfo, ToWorker, CurvePoint } from '../lib/cnn/protocol';
import { runSlice, WindowMean, epochsSeen } from '../lib/cnn/schedule';
import { batchesPerEpoch, cnnLayers, type CnnArch, type TrainConfig } from '../lib/cnn/spec';
import { modelJsonFromArtifacts, shapeError, DOWNLOAD_WEIGHTS, STORE_URL } from '../lib/cnn/store';
import { layerSpecsFromTopology } from '../lib/cnn/topology';
import { CnnTrainer, evaluateModel, type Evaluation } from '../lib/cnn/train';

const ctx = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker, transfer: Transferable[] = []): void => ctx.postMessage(m, transfer);

/** Slice length: how long the worker trains before it reports and reads new messages (ms). */
const SLICE_MS = 120;

let data: MnistData | null = null;
let backend: BackendName | null = null;
let trainer: CnnTrainer | null = null;
let trainerKey = '';
let currentArch: CnnArch | null = null;
/** The view's number of the current run (echoed back). */
let viewRun = 0;
let imported: tf.LayersModel | null = null;
/** Bumped by pause and reset: a loop that sees another value stops. */
let runId = 0;
let running = false;
let activeMs = 0;
let trainedSamples = 0;
const recentLoss = new WindowMean(20);
const recentAcc = new WindowMean(20);

const yieldNow = (): Promise<void> => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(null);
});

async function init(): Promise<void> {
  backend = await chooseBackend(tf, ['webgl', 'wasm', 'cpu'], {
    setWasmPaths,
    paths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
  });
  enableFastTraining(tf, backend);
  data = await getMnist();
  post({ type: 'ready', backend, numTensors: tf.memory().numTensors, trainCount: data.train.count, testCount: data.test.count });
}

function report(e: Evaluation): EvaluationReport {
  const d = data!;
  const misses = misclassified(d.test.labels, e.probs, 12).map((m) => ({ ...m, image: imageBytes(d.test, m.index).slice() }));
  return { accuracy: e.accuracy, loss: e.loss, matrix: e.matrix, misses, testCount: d.test.count };
}

const keyOf = (arch: CnnArch, c: TrainConfig): string =>
  JSON.stringify([arch.conv1, arch.conv2, arch.hidden, c.batchSize, c.learningRate, c.optimizer, c.trainSize, c.seed]);

function trainedInfo(arch: CnnArch): ModelInfo {
  return { source: 'trained', layers: cnnLayers(arch).map((l) => l.spec) };
}

async function saveTrained(arch: CnnArch, accuracy: number): Promise<void> {
  const t = trainer!;
  t.model.setUserDefinedMetadata({
    origen: 'entrenador de la lección 10', arquitectura: arch, entrenamiento: t.config, ejemplosVistos: t.samples, exactitudPrueba: accuracy,
  });
  await t.model.save(STORE_URL);
}

async function start(arch: CnnArch, config: TrainConfig, run: number): Promise<void> {
  if (!data) throw new Error('Los datos aún no están listos.');
  if (running) return;
  viewRun = run;
  const key = keyOf(arch, config);
  if (!trainer || trainerKey !== key) {
    disposeAll();
    trainer = new CnnTrainer(tf, arch, config, data.train);
    trainerKey = key;
    currentArch = arch;
    activeMs = 0;
    trainedSamples = 0;
    recentLoss.clear();
    recentAcc.clear();
  }
  trainer.setEpochs(config.epochs);
  if (trainer.done) return finish('done');
  running = true;
  const id = ++runId;
  const t = trainer;
  const per = batchesPerEpoch(t.plan.trainSize, t.plan.batchSize);
  let epochLoss = 0;
  let epochCorrect = 0;
  let epochCount = 0;
  while (id === runId && !t.done) {
    const points: CurvePoint[] = [];
    let epochEnded = false;
    const slice = runSlice(() => {
      const r = t.step();
      recentLoss.push(r.loss, r.size);
      recentAcc.push(r.accuracy, r.size);
      epochLoss += r.loss * r.size;
      epochCorrect += r.accuracy * r.size;
      epochCount += r.size;
      trainedSamples += r.size;
      points.push({ x: epochsSeen(t.cursor, t.plan), loss: recentLoss.mean, acc: recentAcc.mean });
      epochEnded = r.epochEnded;
      return !t.done && !epochEnded;
    }, { budgetMs: SLICE_MS, now: () => performance.now() });
    activeMs += slice.elapsedMs;
    const c = t.cursor;
    post({
      type: 'progress', run: viewRun, points, epoch: c.epoch, batch: c.batch, batchesPerEpoch: per, epochs: t.plan.epochs,
      samples: t.samples, samplesPerSec: activeMs > 0 ? (trainedSamples * 1000) / activeMs : 0,
    });
    if (epochEnded) {
      const e = t.evaluate(data.test);
      post({ type: 'epoch', run: viewRun, epoch: c.epoch, x: epochsSeen(c, t.plan), trainLoss: epochLoss / epochCount, trainAcc: epochCorrect / epochCount, testLoss: e.loss, testAcc: e.accuracy });
      epochLoss = 0;
      epochCorrect = 0;
      epochCount = 0;
    }
    await yieldNow();
  }
  if (id !== runId) return; // reset (or a new run) took over while we yielded
  running = false;
  await finish('done');
}

async function finish(reason: 'paused' | 'done'): Promise<void> {
  const t = trainer;
  if (!t || !data || !currentArch) return;
  const e = t.evaluate(data.test);
  let saved = false;
  let saveError: string | null = null;
  if (reason === 'done') {
    try {
      await saveTrained(currentArch, e.accuracy);
      saved = true;
    } catch (err) {
      // Said to the student: the run is kept on screen, only the copy in the browser failed.
      saveError = `No se pudo guardar «tu modelo» en este navegador (${err instanceof Error ? err.message : String(err)}). El entrenamiento no se pierde: puedes descargarlo o volver a intentarlo.`;
    }
  }
  post({ type: 'stopped', run: viewRun, reason, evaluation: report(e), info: trainedInfo(currentArch), saved, saveError, numTensors: tf.memory().numTensors });
}

function disposeAll(): void {
  trainer?.dispose();
  trainer = null;
  trainerKey = '';
  imported?.dispose();
  imported = null;
}

async function exportStored(): Promise<void> {
  const listed = await tf.io.listModels();
  if (!(STORE_URL in listed)) throw new Error('Aún no hay ningún «tu modelo» guardado: entrena uno (o guárdalo) primero.');
  const model = await tf.loadLayersModel(STORE_URL);
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (!a?.weightData) throw new Error('No se pudieron leer los pesos de «tu modelo».');
  const weights = tf.io.CompositeArrayBuffer.join(a.weightData);
  const json = JSON.stringify(modelJsonFromArtifacts(a as Parameters<typeof modelJsonFromArtifacts>[0], DOWNLOAD_WEIGHTS));
  post({ type: 'exported', json, weights }, [weights]);
}

async function importFiles(files: File[]): Promise<void> {
  if (!data) throw new Error('Los datos aún no están listos.');
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.browserFiles(files));
  } catch (e) {
    throw new Error(`TensorFlow.js no pudo leer el modelo: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bad = shapeError(model.inputs[0]!.shape, model.outputs[0]!.shape);
  const specs = layerSpecsFromTopology(model.toJSON(null, false));
  if (bad || typeof specs === 'string') {
    model.dispose();
    throw new Error(bad ?? (specs as string));
  }
  disposeAll();
  imported = model;
  await model.save(STORE_URL);
  const e = evaluateModel(tf, model, data.test);
  post({ type: 'imported', evaluation: report(e), info: { source: 'imported', layers: specs }, numTensors: tf.memory().numTensors });
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'init':
      return init();
    case 'start':
      return start(m.arch, m.config, m.run);
    case 'pause':
      if (running) {
        runId++;
        running = false;
        await finish('paused');
      }
      return;
    case 'reset':
      runId++;
      running = false;
      disposeAll();
      currentArch = null;
      post({ type: 'reset-done', numTensors: tf.memory().numTensors });
      return;
    case 'save': {
      const t = trainer;
      if (!t || !currentArch) throw new Error('No hay ningún modelo entrenado que guardar.');
      const e = evaluateModel(tf, t.model, data!.test);
      await saveTrained(currentArch, e.accuracy);
      post({ type: 'saved', ok: true, message: `Guardado como «tu modelo» (exactitud de prueba ${(100 * e.accuracy).toLocaleString('es-ES', { maximumFractionDigits: 1 })} %).` });
      return;
    }
    case 'export':
      return exportStored();
    case 'import':
      return importFiles(m.files);
    case 'memory':
      post({ type: 'memory', numTensors: tf.memory().numTensors });
      return;
  }
}

ctx.onmessage = (e) => {
  const m = e.data;
  handle(m).catch((error: unknown) => {
    if (m.type === 'start') running = false;
    const message = m.type === 'init' && !backend ? `No se pudo preparar TensorFlow.js: ${error instanceof Error ? error.message : String(error)}`
      : m.type === 'init' ? mnistErrorText(error)
        : error instanceof Error ? error.message : String(error);
    post({ type: 'error', during: m.type, message });
  });
};
