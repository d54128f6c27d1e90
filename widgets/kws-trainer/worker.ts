/**
 * The lesson-17 trainer's Worker: loads tfjs and the shipped keyword set, computes the features
 * (lib/kws/dataset.ts, pure), trains the keyword CNN one batch at a time (reading «Detener»
 * between batches), evaluates on the validation voices after each epoch and on the test voices at
 * the end, and sends the trained weights back: the page saves «tu modelo» (tfjs's IndexedDB is
 * not reliable inside workers). Protocol and its validators: ./core.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, enableFastTraining } from '../lib/cnn/backend';
import { fetchKeywordSet, type KeywordSet } from '../lib/kws-data/keyword-set';
import { buildKwsDataset, datasetMeta, type KwsDataset } from '../lib/kws/dataset';
import { kwsSummary } from '../lib/kws/model';
import { KwsTrainer } from '../lib/kws/train';
import { checkToWorker, SPLIT_NAMES, type FromWorker, type SetInfo, type ToWorker, type TrainRequest, type ExtraMsg } from './core';

const ctx = self as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
};
const post = (m: FromWorker, transfer: Transferable[] = []): void => ctx.postMessage(m, transfer);

let set: KeywordSet | null = null;
let backend = '';
/** The last data set built and what it was built from (features are the slow part). */
let cached: { key: string; data: KwsDataset } | null = null;
/** The run being trained; a cancel or a new start changes it and the loop stops. */
let activeRun = -1;

const yieldNow = (): Promise<void> => new Promise((resolve) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve();
  ch.port2.postMessage(null);
});

async function init(baseUrl: string): Promise<void> {
  backend = await chooseBackend(tf, ['webgl', 'wasm', 'cpu'], {
    setWasmPaths,
    paths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
  });
  enableFastTraining(tf, backend as 'webgl' | 'wasm' | 'cpu');
  const r = await fetchKeywordSet((u) => fetch(u), baseUrl);
  if (!r.ok) throw new Error(r.message);
  set = r.value;
  const k = set.classes.length;
  const counts = Object.fromEntries(SPLIT_NAMES.map((s) => [s, new Array<number>(k).fill(0)])) as SetInfo['counts'];
  for (const c of set.clips) counts[c.split][c.labelIndex]!++;
  const voices = Object.fromEntries(SPLIT_NAMES.map((s) => [s, set!.manifest.voices[s].length])) as SetInfo['voices'];
  post({ type: 'ready', backend, set: { classes: [...set.classes], counts, voices } });
}

function extraKey(extra: readonly ExtraMsg[]): string {
  // Label, length and a cheap checksum per recording: the same recordings give the same key.
  return extra.map((e) => {
    let s = 0;
    for (let i = 0; i < e.samples.length; i += 97) s = (s * 31 + Math.round(e.samples[i]! * 32767)) | 0;
    return `${e.label}:${e.samples.length}:${s}`;
  }).join('|');
}

function dataFor(req: TrainRequest, extra: readonly ExtraMsg[]): KwsDataset {
  const key = JSON.stringify([req.feature, req.copies, req.augmentSeed]) + extraKey(extra);
  if (cached?.key === key) return cached.data;
  cached = null; // free the old one before building the new one
  const data = buildKwsDataset(set!, { feature: req.feature, augment: { copies: req.copies, seed: req.augmentSeed }, extra });
  cached = { key, data };
  return data;
}

async function start(run: number, req: TrainRequest, extra: ExtraMsg[]): Promise<void> {
  if (!set) throw new Error('El conjunto de palabras clave aún no está listo.');
  activeRun = run;
  await yieldNow(); // a «Detener» sent right after «Entrenar» is read before the slow part
  if (activeRun !== run) return post({ type: 'cancelled', run });
  const t0 = performance.now();
  const data = dataFor(req, extra);
  post({
    type: 'dataset', run,
    report: { ms: performance.now() - t0, train: data.train.n, val: data.val.n, test: data.test.n, augmented: data.augmented, extraUsed: data.extraUsed, extraSkipped: data.extraSkipped, frames: data.frames, bins: data.bins },
  });
  await yieldNow();
  if (activeRun !== run) return post({ type: 'cancelled', run });
  const shape = { frames: data.frames, bins: data.bins, classes: data.classes.length };
  const trainer = new KwsTrainer(tf, req.arch, req.config, data.train, shape);
  try {
    const per = Math.ceil(data.train.n / req.config.batchSize);
    let loss = 0;
    let correct = 0;
    let seen = 0;
    let epochStart = performance.now();
    while (!trainer.done) {
      if (activeRun !== run) return post({ type: 'cancelled', run });
      const r = trainer.step();
      loss += r.loss * r.size;
      correct += r.accuracy * r.size;
      seen += r.size;
      const c = trainer.cursor;
      post({ type: 'progress', run, epoch: c.epoch, batch: c.batch, batchesPerEpoch: per, epochs: req.config.epochs });
      if (r.epochEnded) {
        const v = trainer.evaluate(data.val);
        const ms = performance.now() - epochStart;
        post({ type: 'epoch', run, epoch: c.epoch, ms, trainLoss: loss / seen, trainAcc: correct / seen, valLoss: v.loss, valAcc: v.accuracy });
        loss = 0;
        correct = 0;
        seen = 0;
      }
      await yieldNow();
      if (r.epochEnded) epochStart = performance.now();
    }
    if (activeRun !== run) return post({ type: 'cancelled', run });
    const test = trainer.evaluate(data.test);
    const meta = datasetMeta(data, {
      source: 'propio',
      test: { accuracy: test.accuracy, n: test.n },
      training: {
        by: 'kws-trainer (lección 17)', seed: req.config.seed, epochs: req.config.epochs, batchSize: req.config.batchSize, learningRate: req.config.learningRate,
        augmentCopies: req.copies, augmentSeed: req.augmentSeed, conv1: req.arch.conv1, conv2: req.arch.conv2, dropout: req.arch.dropout,
        trainExamples: data.train.n, recordings: data.extraUsed, backend,
      },
    });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await trainer.model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const a = artifacts as tf.io.ModelArtifacts | null;
    if (!a?.weightData || !a.modelTopology || !a.weightSpecs) throw new Error('No se pudieron leer los pesos del modelo entrenado.');
    const weightData = tf.io.CompositeArrayBuffer.join(a.weightData);
    if (activeRun !== run) return post({ type: 'cancelled', run });
    activeRun = -1;
    post({
      type: 'done', run, meta, summary: kwsSummary(req.arch, data.frames, data.bins, data.classes.length),
      test: { accuracy: test.accuracy, loss: test.loss, matrix: test.matrix, n: test.n },
      modelTopology: a.modelTopology as object, weightSpecs: a.weightSpecs as unknown as object[], weightData,
    }, [weightData]);
  } finally {
    trainer.dispose();
  }
}

function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'init':
      return init(m.baseUrl);
    case 'start':
      return start(m.run, m.request, m.extra);
    case 'cancel':
      if (activeRun === m.run) activeRun = -1;
      return Promise.resolve();
  }
}

ctx.onmessage = (e) => {
  const m = checkToWorker(e.data);
  if (typeof m === 'string') {
    console.warn(`[kws-trainer worker] message ignored: ${m}`);
    return;
  }
  handle(m).catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    const run = m.type === 'init' ? 0 : m.run;
    if (m.type === 'start' && activeRun === m.run) activeRun = -1;
    const message = m.type === 'init' && !backend ? `No se pudo preparar TensorFlow.js: ${why}` : why;
    post({ type: 'error', during: m.type, run, message });
  });
};
