/**
 * The keyword trainer's Worker state in one object (tf, the keyword-set loader, the clock, the
 * yield and `post` injected, so it runs in Node for the unit test): loads the set, computes the
 * features (lib/kws/dataset.ts, cached while the inputs do not change), trains one batch at a time
 * and yields between batches so a «cancel» is read, evaluates on the validation voices after each
 * epoch and on the test voices at the end, and posts the trained weights: the page saves
 * «tu modelo» (tfjs's IndexedDB is not reliable inside workers). Protocol: ./core.ts.
 *
 * Message order of a run: dataset, then per batch progress (+ epoch at each epoch end), then done
 * or cancelled (never both; nothing after either). Errors: one `error` with a Spanish message.
 */
import type * as TF from '@tensorflow/tfjs';
import type { KeywordSet, Result } from '../lib/kws-data/keyword-set';
import { buildKwsDataset, datasetMeta, type KwsDataset } from '../lib/kws/dataset';
import { kwsSummary } from '../lib/kws/model';
import { KwsTrainer } from '../lib/kws/train';
import { checkToWorker, SPLIT_NAMES, type ExtraMsg, type FromWorker, type SetInfo, type ToWorker, type TrainRequest } from './core';

type Tf = typeof TF;

export interface SessionEnv {
  tf: Tf;
  /** Picks and prepares the tfjs backend; returns its name ('webgl' | 'wasm' | 'cpu'). */
  prepareBackend: () => Promise<string>;
  loadSet: (baseUrl: string) => Promise<Result<KeywordSet>>;
  post: (m: FromWorker, transfer?: Transferable[]) => void;
  /** Lets queued messages (a cancel) in; the Worker uses a MessageChannel round trip. */
  yieldNow: () => Promise<void>;
  /** ms clock for the timings. */
  now: () => number;
}

function extraKey(extra: readonly ExtraMsg[]): string {
  // Label, length and a cheap checksum per recording: the same recordings give the same key.
  return extra.map((e) => {
    let s = 0;
    for (let i = 0; i < e.samples.length; i += 97) s = (s * 31 + Math.round(e.samples[i]! * 32767)) | 0;
    return `${e.label}:${e.samples.length}:${s}`;
  }).join('|');
}

export class KwsSession {
  #env: SessionEnv;
  #set: KeywordSet | null = null;
  #backend = '';
  /** The last data set built and what it was built from (features are the slow part). */
  #cached: { key: string; data: KwsDataset } | null = null;
  /** The run being trained; a cancel or a new start changes it and the loop stops. */
  #active = -1;

  constructor(env: SessionEnv) {
    this.#env = env;
  }

  /** Validates and runs one message; failures become an `error` message (never a rejection). */
  async handle(raw: unknown): Promise<void> {
    const m = checkToWorker(raw);
    if (typeof m === 'string') {
      console.warn(`[kws-trainer worker] message ignored: ${m}`);
      return;
    }
    try {
      await this.#run(m);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const run = m.type === 'init' ? 0 : m.run;
      if (m.type === 'start' && this.#active === m.run) this.#active = -1;
      const message = m.type === 'init' && !this.#backend ? `No se pudo preparar TensorFlow.js: ${why}` : why;
      this.#env.post({ type: 'error', during: m.type, run, message });
    }
  }

  #run(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'init':
        return this.#init(m.baseUrl);
      case 'start':
        return this.#start(m.run, m.request, m.extra);
      case 'cancel':
        if (this.#active === m.run) this.#active = -1;
        return Promise.resolve();
    }
  }

  async #init(baseUrl: string): Promise<void> {
    this.#backend = await this.#env.prepareBackend();
    const r = await this.#env.loadSet(baseUrl);
    if (!r.ok) throw new Error(r.message);
    const set = r.value;
    this.#set = set;
    const k = set.classes.length;
    const counts = Object.fromEntries(SPLIT_NAMES.map((s) => [s, new Array<number>(k).fill(0)])) as SetInfo['counts'];
    for (const c of set.clips) counts[c.split][c.labelIndex]!++;
    const voices = Object.fromEntries(SPLIT_NAMES.map((s) => [s, set.manifest.voices[s].length])) as SetInfo['voices'];
    this.#env.post({ type: 'ready', backend: this.#backend, set: { classes: [...set.classes], counts, voices } });
  }

  #dataFor(req: TrainRequest, extra: readonly ExtraMsg[]): KwsDataset {
    const key = JSON.stringify([req.feature, req.copies, req.augmentSeed]) + extraKey(extra);
    if (this.#cached?.key === key) return this.#cached.data;
    this.#cached = null; // free the old one before building the new one
    const data = buildKwsDataset(this.#set!, { feature: req.feature, augment: { copies: req.copies, seed: req.augmentSeed }, extra });
    this.#cached = { key, data };
    return data;
  }

  async #start(run: number, req: TrainRequest, extra: ExtraMsg[]): Promise<void> {
    const { tf, post, yieldNow, now } = this.#env;
    if (!this.#set) throw new Error('El conjunto de palabras clave aún no está listo.');
    this.#active = run;
    const stopped = (): boolean => this.#active !== run;
    await yieldNow(); // a «Detener» sent right after «Entrenar» is read before the slow part
    if (stopped()) return post({ type: 'cancelled', run });
    const t0 = now();
    const data = this.#dataFor(req, extra);
    post({
      type: 'dataset', run,
      report: {
        ms: now() - t0, train: data.train.n, val: data.val.n, test: data.test.n, augmented: data.augmented,
        extraUsed: data.extraUsed, extraSkipped: data.extraSkipped, frames: data.frames, bins: data.bins,
      },
    });
    await yieldNow();
    if (stopped()) return post({ type: 'cancelled', run });
    const shape = { frames: data.frames, bins: data.bins, classes: data.classes.length };
    const trainer = new KwsTrainer(tf, req.arch, req.config, data.train, shape);
    try {
      const per = Math.ceil(data.train.n / req.config.batchSize);
      let loss = 0;
      let correct = 0;
      let seen = 0;
      let epochStart = now();
      while (!trainer.done) {
        if (stopped()) return post({ type: 'cancelled', run });
        const r = trainer.step();
        loss += r.loss * r.size;
        correct += r.accuracy * r.size;
        seen += r.size;
        const c = trainer.cursor;
        post({ type: 'progress', run, epoch: c.epoch, batch: c.batch, batchesPerEpoch: per, epochs: req.config.epochs });
        if (r.epochEnded) {
          const v = trainer.evaluate(data.val);
          post({ type: 'epoch', run, epoch: c.epoch, ms: now() - epochStart, trainLoss: loss / seen, trainAcc: correct / seen, valLoss: v.loss, valAcc: v.accuracy });
          loss = 0;
          correct = 0;
          seen = 0;
        }
        await yieldNow();
        if (r.epochEnded) epochStart = now();
      }
      if (stopped()) return post({ type: 'cancelled', run });
      const test = trainer.evaluate(data.test);
      const meta = datasetMeta(data, {
        source: 'propio',
        test: { accuracy: test.accuracy, n: test.n },
        training: {
          by: 'kws-trainer (lección 17)', seed: req.config.seed, epochs: req.config.epochs, batchSize: req.config.batchSize, learningRate: req.config.learningRate,
          augmentCopies: req.copies, augmentSeed: req.augmentSeed, conv1: req.arch.conv1, conv2: req.arch.conv2, dropout: req.arch.dropout,
          trainExamples: data.train.n, recordings: data.extraUsed, backend: this.#backend,
        },
      });
      let artifacts: TF.io.ModelArtifacts | null = null;
      await trainer.model.save(tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      const a = artifacts as TF.io.ModelArtifacts | null;
      if (!a?.weightData || !a.modelTopology || !a.weightSpecs) throw new Error('No se pudieron leer los pesos del modelo entrenado.');
      const weightData = tf.io.CompositeArrayBuffer.join(a.weightData);
      if (stopped()) return post({ type: 'cancelled', run });
      this.#active = -1;
      post({
        type: 'done', run, meta, summary: kwsSummary(req.arch, data.frames, data.bins, data.classes.length),
        test: { accuracy: test.accuracy, loss: test.loss, matrix: test.matrix, n: test.n },
        modelTopology: a.modelTopology as object, weightSpecs: a.weightSpecs as unknown as object[], weightData,
      }, [weightData]);
    } finally {
      trainer.dispose();
    }
  }
}
