/**
 * One training session of the lesson-10 CNN trainer (tf, the data, the clock and the message
 * sink passed in; no module state, no DOM): the state the trainer's Worker used to keep in a dozen
 * module-level variables, behind one object whose methods are the protocol's requests
 * (lib/cnn/protocol.ts). The Worker only routes messages to it. Runs in Node too (tests).
 *
 * Training runs in time slices of `sliceMs` (runSlice with the injected `now`); between slices the
 * session yields (`yieldNow`), so «pause» and «reset» messages are read. A pause or reset bumps
 * `#runId`; a loop that sees another value stops without reporting.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { holdOut, imageBytes, type MnistSplit } from '../data/mnist';
import { misclassified } from './confusion';
import type { CurvePoint, EvalSet, EvaluationReport, FromWorker, ModelInfo } from './protocol';
import { runSlice } from '../time/slice';
import { epochsSeen, WindowMean } from './schedule';
import { batchesPerEpoch, cnnLayers, validationCount, type CnnArch, type TrainConfig } from './spec';
import { DOWNLOAD_WEIGHTS, modelJsonFromArtifacts, shapeError, STORE_URL } from './store';
import { layerSpecsFromTopology } from './topology';
import { CnnTrainer, evaluateModel, type Evaluation } from './train';
import { pct } from '../format/number';

type Tf = typeof TF;

export interface SessionEnv {
  tf: Tf;
  data: MnistData;
  post: (m: FromWorker, transfer?: Transferable[]) => void;
  /** ms clock for the slices (performance.now in the Worker). */
  now: () => number;
  /** Lets queued messages run (a MessageChannel round trip in the Worker). */
  yieldNow: () => Promise<void>;
  /** Slice length in ms (120). */
  sliceMs?: number;
  /** Where «tu modelo» is saved (STORE_URL; tests pass a handler). */
  storeUrl?: string | TF.io.IOHandler;
}

const keyOf = (arch: CnnArch, c: TrainConfig): string =>
  JSON.stringify([arch.conv1, arch.conv2, arch.hidden, c.batchSize, c.learningRate, c.optimizer, c.trainSize, c.seed]);

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class CnnSession {
  readonly #env: SessionEnv;
  #trainer: CnnTrainer | null = null;
  #trainerKey = '';
  #arch: CnnArch | null = null;
  /** The view's number of the current run (echoed back). */
  #viewRun = 0;
  #imported: TF.LayersModel | null = null;
  #runId = 0;
  #running = false;
  #activeMs = 0;
  #trainedSamples = 0;
  readonly #recentLoss = new WindowMean(20);
  readonly #recentAcc = new WindowMean(20);
  /** The training digits a model learns from, and the validation digits held out of them. */
  readonly #fit: MnistSplit;
  readonly #val: MnistSplit;

  constructor(env: SessionEnv) {
    this.#env = env;
    const { fit, held } = holdOut(env.data.train, validationCount(env.data.train.count));
    this.#fit = fit;
    this.#val = held;
  }

  /** Training digits available to a run (the validation ones excluded). */
  get fitCount(): number {
    return this.#fit.count;
  }

  get validationCount(): number {
    return this.#val.count;
  }

  get running(): boolean {
    return this.#running;
  }

  #post(m: FromWorker, transfer: Transferable[] = []): void {
    this.#env.post(m, transfer);
  }

  #numTensors(): number {
    return this.#env.tf.memory().numTensors;
  }

  /** The evaluation `e` of `split` for the view (set: which digits those were). */
  #report(e: Evaluation, split: MnistSplit, set: EvalSet): EvaluationReport {
    const misses = misclassified(split.labels, e.probs, 12).map((m) => ({ ...m, image: imageBytes(split, m.index).slice() }));
    return { set, accuracy: e.accuracy, loss: e.loss, matrix: e.matrix, misses, count: split.count };
  }

  #info(arch: CnnArch): ModelInfo {
    return { source: 'trained', layers: cnnLayers(arch).map((l) => l.spec) };
  }

  async #save(arch: CnnArch, accuracy: number): Promise<void> {
    const t = this.#trainer!;
    t.model.setUserDefinedMetadata({
      origen: 'entrenador de la lección 10', arquitectura: arch, entrenamiento: t.config, ejemplosVistos: t.samples, exactitudPrueba: accuracy,
    });
    await t.model.save(this.#env.storeUrl ?? STORE_URL);
  }

  #disposeAll(): void {
    this.#trainer?.dispose();
    this.#trainer = null;
    this.#trainerKey = '';
    this.#imported?.dispose();
    this.#imported = null;
  }

  /** Trains (a new model when arch or config changed) until the epochs are done or a pause/reset. */
  async start(arch: CnnArch, config: TrainConfig, run: number): Promise<void> {
    const { tf } = this.#env;
    if (this.#running) return;
    this.#viewRun = run;
    const key = keyOf(arch, config);
    if (!this.#trainer || this.#trainerKey !== key) {
      this.#disposeAll();
      this.#trainer = new CnnTrainer(tf, arch, config, this.#fit);
      this.#trainerKey = key;
      this.#arch = arch;
      this.#activeMs = 0;
      this.#trainedSamples = 0;
      this.#recentLoss.clear();
      this.#recentAcc.clear();
    }
    const t = this.#trainer;
    t.setEpochs(config.epochs);
    if (t.done) return this.#finish('done');
    this.#running = true;
    const id = ++this.#runId;
    const per = batchesPerEpoch(t.plan.trainSize, t.plan.batchSize);
    let epochLoss = 0;
    let epochCorrect = 0;
    let epochCount = 0;
    try {
      while (id === this.#runId && !t.done) {
        const points: CurvePoint[] = [];
        let epochEnded = false;
        const slice = runSlice(() => {
          const r = t.step();
          this.#recentLoss.push(r.loss, r.size);
          this.#recentAcc.push(r.accuracy, r.size);
          epochLoss += r.loss * r.size;
          epochCorrect += r.accuracy * r.size;
          epochCount += r.size;
          this.#trainedSamples += r.size;
          points.push({ x: epochsSeen(t.cursor, t.plan), loss: this.#recentLoss.mean, acc: this.#recentAcc.mean });
          epochEnded = r.epochEnded;
          return !t.done && !epochEnded;
        }, { budgetMs: this.#env.sliceMs ?? 120, now: this.#env.now });
        this.#activeMs += slice.elapsedMs;
        const c = t.cursor;
        this.#post({
          type: 'progress', run: this.#viewRun, points, epoch: c.epoch, batch: c.batch, batchesPerEpoch: per, epochs: t.plan.epochs,
          samples: t.samples, samplesPerSec: this.#activeMs > 0 ? (this.#trainedSamples * 1000) / this.#activeMs : 0,
        });
        if (epochEnded) {
          // Per-epoch curve: the validation digits; the test digits wait for the end of the run.
          const e = t.evaluate(this.#val);
          this.#post({ type: 'epoch', run: this.#viewRun, epoch: c.epoch, x: epochsSeen(c, t.plan), trainLoss: epochLoss / epochCount, trainAcc: epochCorrect / epochCount, valLoss: e.loss, valAcc: e.accuracy });
          epochLoss = 0;
          epochCorrect = 0;
          epochCount = 0;
        }
        await this.#env.yieldNow();
      }
    } catch (e) {
      if (id === this.#runId) this.#running = false;
      throw e;
    }
    if (id !== this.#runId) return; // reset (or a new run) took over while we yielded
    this.#running = false;
    await this.#finish('done');
  }

  /**
   * Reports the evaluation: a pause on the validation digits, a finished run once on the test
   * digits; a finished run is saved as «tu modelo» (a failed save is said).
   */
  async #finish(why: 'paused' | 'done'): Promise<void> {
    const t = this.#trainer;
    const arch = this.#arch;
    if (!t || !arch) return;
    const split = why === 'done' ? this.#env.data.test : this.#val;
    const e = t.evaluate(split);
    let saved = false;
    let saveError: string | null = null;
    if (why === 'done') {
      try {
        await this.#save(arch, e.accuracy);
        saved = true;
      } catch (err) {
        // Said to the student: the run is kept on screen, only the copy in the browser failed.
        saveError = `No se pudo guardar «tu modelo» en este navegador (${reason(err)}). El entrenamiento no se pierde: puedes descargarlo o volver a intentarlo.`;
      }
    }
    this.#post({ type: 'stopped', run: this.#viewRun, reason: why, evaluation: this.#report(e, split, why === 'done' ? 'prueba' : 'validacion'), info: this.#info(arch), saved, saveError, numTensors: this.#numTensors() });
  }

  async pause(): Promise<void> {
    if (!this.#running) return;
    this.#runId++;
    this.#running = false;
    await this.#finish('paused');
  }

  reset(): void {
    this.#runId++;
    this.#running = false;
    this.#disposeAll();
    this.#arch = null;
    this.#post({ type: 'reset-done', numTensors: this.#numTensors() });
  }

  async save(): Promise<void> {
    const t = this.#trainer;
    const arch = this.#arch;
    if (!t || !arch) throw new Error('No hay ningún modelo entrenado que guardar.');
    const e = evaluateModel(this.#env.tf, t.model, this.#env.data.test);
    await this.#save(arch, e.accuracy);
    this.#post({ type: 'saved', ok: true, message: `Guardado como «tu modelo» (exactitud de prueba ${pct(e.accuracy, 1)}).` });
  }

  /** «tu modelo» from IndexedDB as tfjs's two files (model.json text + weights). */
  exportStored(): Promise<void> {
    return exportStoredModel(this.#env.tf, this.#env.post);
  }

  /** A model the student uploads: checked, kept as «tu modelo», evaluated on the test digits. */
  async importModel(load: () => Promise<TF.LayersModel>): Promise<void> {
    const { tf, data } = this.#env;
    let model: TF.LayersModel;
    try {
      model = await load();
    } catch (e) {
      throw new Error(`TensorFlow.js no pudo leer el modelo: ${reason(e)}`);
    }
    const bad = shapeError(model.inputs[0]!.shape, model.outputs[0]!.shape);
    const specs = layerSpecsFromTopology(model.toJSON(null, false));
    if (bad || typeof specs === 'string') {
      model.dispose();
      throw new Error(bad ?? (specs as string));
    }
    this.#disposeAll();
    this.#imported = model;
    await model.save(this.#env.storeUrl ?? STORE_URL);
    const e = evaluateModel(tf, model, data.test);
    this.#post({ type: 'imported', evaluation: this.#report(e, data.test, 'prueba'), info: { source: 'imported', layers: specs }, numTensors: this.#numTensors() });
  }

  memory(): void {
    this.#post({ type: 'memory', numTensors: this.#numTensors() });
  }
}

/** Posts «tu modelo» from IndexedDB as tfjs's two files (model.json text + weights); needs no data. */
export async function exportStoredModel(tf: Tf, post: SessionEnv['post']): Promise<void> {
  const listed = await tf.io.listModels();
  if (!(STORE_URL in listed)) throw new Error('Aún no hay ningún «tu modelo» guardado: entrena uno (o guárdalo) primero.');
  const model = await tf.loadLayersModel(STORE_URL);
  let artifacts: TF.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  const a = artifacts as TF.io.ModelArtifacts | null;
  if (!a?.weightData) throw new Error('No se pudieron leer los pesos de «tu modelo».');
  const weights = tf.io.CompositeArrayBuffer.join(a.weightData);
  const json = JSON.stringify(modelJsonFromArtifacts(a as Parameters<typeof modelJsonFromArtifacts>[0], DOWNLOAD_WEIGHTS));
  post({ type: 'exported', json, weights }, [weights]);
}
