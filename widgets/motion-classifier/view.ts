/**
 * <tinyml-motion-classifier>: a small dense network (33 → h₁ ReLU → h₂ ReLU → C softmax) on the
 * features of the data set (the student's, or the example one when it is empty), normalised with
 * the training split's mean and std only; stratified seeded split of the recordings (60/20/20,
 * shown per class); trained with tfjs on the main thread in slices of SLICE_MS (runSlice with
 * performance.now, then a frame), with live loss/accuracy curves, a stop button, the confusion
 * matrix on the test split, «Guardar» as «tu modelo de movimiento» and «Convertir a .tflite».
 * The run's model and optimizer are disposed when it ends, stops or the widget leaves the page
 * (data-tensors-before / data-tensors-after).
 * data-phase: loading | idle | training | trained | stopped | error | empty; data-test-acc etc.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, h, numberInput, select, slider, syncControls, trackedWidth, uniqueId } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { loadTf } from '../lib/cnn/tf-main';
import { BACKEND_LABEL } from '../lib/cnn/backend';
import { onDatasetChange } from '../lib/motion/dataset-store';
import { datasetOrExample, sourceSentence, type WorkingSet } from '../lib/motion/dataset-or-example';
import { featurizeRecordings, type FeatureSet } from '../lib/motion/featurize';
import { saveMotionModel, type MotionModelData } from '../lib/motion/model';
import { MotionTrainer, prepareTraining, runSliced, type TestResult, type TrainingData } from '../lib/motion/train';
import { architecture, describeCurves, pct } from './core';
import { confusionTable, splitTable } from './render';
import { curveChart, type Colors } from './charts';
import { convertAndScore, ExportPanel } from './export-panel';
import './style.css';

const schema = {
  h1: oneOf(['5', '10', '20', '40'] as const, '20'),
  h2: oneOf(['0', '5', '10', '20'] as const, '10'),
  epocas: int(60, 5, 300),
  lr: oneOf(['0.001', '0.003', '0.005', '0.01', '0.03', '0.1'] as const, '0.005'),
  lote: oneOf(['4', '8', '16', '32'] as const, '16'),
  seed: int(1, 0, 9999),
};
type Phase = 'loading' | 'idle' | 'training' | 'trained' | 'stopped' | 'error' | 'empty';
/** Work per slice before yielding to the browser, ms. */
const SLICE_MS = 20;

const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

class MotionClassifier extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #ws: WorkingSet | null = null;
  #set: FeatureSet | null = null;
  #data: TrainingData | null = null;
  #dataSeed = -1;
  #dataError = '';
  #loads = 0;
  #size: { readonly width: number } = { width: 720 };
  #abort: AbortController | null = null;
  #busy = false;
  #trainer: MotionTrainer | null = null;
  #model: MotionModelData | null = null;
  #test: TestResult | null = null;
  #resultKey = '';
  #export = new ExportPanel();
  #el!: {
    h1: ReturnType<typeof select<'5' | '10' | '20' | '40'>>; h2: ReturnType<typeof select<'0' | '5' | '10' | '20'>>;
    epocas: ReturnType<typeof slider>; lr: ReturnType<typeof select<'0.001' | '0.003' | '0.005' | '0.01' | '0.03' | '0.1'>>;
    lote: ReturnType<typeof select<'4' | '8' | '16' | '32'>>; seed: ReturnType<typeof numberInput>;
    source: HTMLElement; arch: HTMLElement; split: HTMLElement; train: HTMLButtonElement; stop: HTMLButtonElement;
    progress: HTMLProgressElement; status: HTMLElement; loss: HTMLElement; acc: HTMLElement; legend: HTMLElement;
    result: HTMLElement; matrix: HTMLElement; save: HTMLButtonElement; convert: HTMLButtonElement; saved: HTMLElement; stale: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const progressId = uniqueId('mcl-prog');
    const opt = <V extends string>(vs: readonly V[], fmt: (v: V) => string = (v) => v) => vs.map((v) => ({ value: v, label: fmt(v) }));
    this.#el = {
      h1: select({ label: 'Neuronas de la 1.ª capa oculta', options: opt(['5', '10', '20', '40'] as const), value: s.h1, onChange: (v) => this.setState({ h1: v }) }),
      h2: select({ label: 'Neuronas de la 2.ª capa oculta', options: opt(['0', '5', '10', '20'] as const, (v) => (v === '0' ? 'sin 2.ª capa' : v)), value: s.h2, onChange: (v) => this.setState({ h2: v }) }),
      epocas: slider({ label: 'Épocas', min: 5, max: 300, step: 5, value: s.epocas, onInput: (v) => this.setState({ epocas: v }) }),
      lr: select({ label: 'Tasa de aprendizaje (Adam)', options: opt(['0.001', '0.003', '0.005', '0.01', '0.03', '0.1'] as const, (v) => v.replace('.', ',')), value: s.lr, onChange: (v) => this.setState({ lr: v }) }),
      lote: select({ label: 'Tamaño del lote', options: opt(['4', '8', '16', '32'] as const), value: s.lote, onChange: (v) => this.setState({ lote: v }) }),
      seed: numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) }),
      source: h('p', { class: 'mcl-source', 'aria-live': 'polite' }),
      arch: h('p', { class: 'mcl-arch' }),
      split: h('div', { class: 'mcl-split' }),
      train: button('Entrenar', () => void this.#train()),
      stop: button('Detener', () => this.#abort?.abort(), { class: 'btn btn-quiet', disabled: true }),
      progress: h('progress', { id: progressId, max: 1, value: 0 }),
      status: h('p', { class: 'mcl-status', 'aria-live': 'polite' }),
      loss: h('div', { class: 'chart mcl-chart', role: 'img' }),
      acc: h('div', { class: 'chart mcl-chart', role: 'img' }),
      legend: h('p', { class: 'mcl-legend' }),
      result: h('p', { class: 'mcl-result', 'aria-live': 'polite' }),
      matrix: h('div', { class: 'mcl-matrix' }),
      save: button('Guardar como «tu modelo de movimiento»', () => void this.#save(), { disabled: true }),
      convert: button('Convertir a .tflite', () => this.#convert(), { class: 'btn btn-quiet', disabled: true }),
      saved: h('p', { class: 'mcl-status', 'aria-live': 'polite' }),
      stale: h('p', { class: 'mcl-stale' }),
    };
    const e = this.#el;
    this.append(
      e.source,
      h('div', { class: 'ctl-row' }, e.h1.root, e.h2.root),
      e.arch,
      h('div', { class: 'ctl-row' }, e.epocas.root, e.lr.root, e.lote.root, e.seed.root),
      e.split,
      h('div', { class: 'mcl-actions' }, e.train, e.stop,
        h('div', { class: 'mcl-progress' }, h('label', { for: progressId, text: 'Progreso' }), e.progress)),
      e.status,
      e.legend,
      h('div', { class: 'mcl-charts' }, e.loss, e.acc),
      e.stale,
      e.result,
      e.matrix,
      h('div', { class: 'mcl-actions' }, e.save, e.convert),
      e.saved,
      this.#export.root,
    );
    this.onCleanup(() => {
      this.#abort?.abort();
      this.#export.clear();
    });
    const size = trackedWidth(this, () => this.guard(() => this.#drawCurves()), { fallback: 720, tolerance: 8 });
    this.#size = size;
    this.onCleanup(size.stop);
    this.onCleanup(onDatasetChange(() => void this.#load()));
    this.#phase('loading');
    e.status.textContent = 'Calculando las características del conjunto de datos…';
    void this.#load();
  }

  override resetState(): void {
    super.resetState();
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['h1', 'h2', 'epocas', 'lr', 'lote', 'seed']);
  }

  #phase(p: Phase): void {
    this.dataset.phase = p;
    const training = p === 'training';
    const e = this.#el;
    e.train.disabled = training || p === 'loading' || p === 'empty' || !this.#data;
    e.stop.disabled = !training;
    for (const c of [e.h1.input, e.h2.input, e.epocas.input, e.lr.input, e.lote.input, e.seed.input]) c.disabled = training;
    e.save.disabled = training || !this.#model;
    e.convert.disabled = training || !this.#model;
  }

  async #load(): Promise<void> {
    const n = ++this.#loads;
    const ws = await datasetOrExample();
    if (n !== this.#loads || !this.isConnected) return;
    this.#ws = ws;
    this.#data = null;
    this.#prepare();
    if (!this.#busy) {
      this.#phase(this.#data ? (this.#model ? (this.dataset.phase === 'stopped' ? 'stopped' : 'trained') : 'idle') : 'empty');
      this.#el.status.textContent = this.#data ? 'Pulsa «Entrenar».' : this.#dataError;
    }
    this.guard(() => this.update());
  }

  #key(): string {
    const s = this.state;
    return [s.h1, s.h2, s.epocas, s.lr, s.lote, s.seed, this.#loads].join('|');
  }

  #prepare(): void {
    const ws = this.#ws;
    if (!ws) return;
    const set = (this.#set = featurizeRecordings(ws.recordings));
    const skipped = set.skipped.length ? ` ${set.skipped.length} ${set.skipped.length === 1 ? 'grabación se deja fuera' : 'grabaciones se dejan fuera'}: ${set.skipped.slice(0, 3).map((x) => `«${x.label}» ${x.reason}`).join('; ')}.` : '';
    this.#el.source.textContent = sourceSentence(ws, set.classes.length) + skipped;
    this.#split();
  }

  /** Cuts the split for the current seed (only when the seed or the data changed). */
  #split(): void {
    if (!this.#set) return;
    this.#dataSeed = this.state.seed;
    try {
      this.#data = prepareTraining(this.#set, this.state.seed);
      this.#dataError = '';
    } catch (err) {
      this.#data = null;
      this.#dataError = `No se puede entrenar todavía: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  protected update(): void {
    const e = this.#el;
    const s = this.state;
    if (!this.#busy && this.#dataSeed !== s.seed) this.#split();
    const data = this.#data;
    const hidden = [Number(s.h1), Number(s.h2)];
    if (data) {
      const a = architecture(data.d, hidden, data.classes);
      e.arch.textContent = `Red: ${a.text}.`;
      this.#drawSplit(data);
    } else {
      e.arch.textContent = '';
      e.split.replaceChildren();
    }
    e.stale.textContent = this.#model && this.#resultKey !== this.#key() && !this.#busy
      ? 'Has cambiado algún ajuste desde el último entrenamiento: las curvas y la matriz son del anterior. Pulsa «Entrenar» para verlos con los nuevos.' : '';
    this.#drawCurves();
  }

  #drawSplit(d: TrainingData): void {
    const t = splitTable(d, this.state.seed);
    this.#el.split.replaceChildren(...t.el);
    this.dataset.split = t.totals.join(',');
  }

  #colors(): Colors {
    return { fg: cssVar(this, '--fg'), grid: cssVar(this, '--grid'), train: cssVar(this, '--c1'), val: cssVar(this, '--c2') };
  }

  #drawCurves(): void {
    const t = this.#trainer;
    const hist = t?.history ?? this.#history;
    const epochs = t?.config.epochs ?? this.#historyEpochs ?? this.state.epocas;
    const c = this.#colors();
    const two = this.#size.width >= 640;
    const w = two ? Math.floor((this.#size.width - 16) / 2) : Math.max(260, this.#size.width);
    this.#el.loss.replaceChildren(curveChart(hist, epochs, 'loss', c, w));
    this.#el.acc.replaceChildren(curveChart(hist, epochs, 'acc', c, w));
    this.#el.loss.setAttribute('aria-label', describeCurves(hist, epochs, 'loss'));
    this.#el.acc.setAttribute('aria-label', describeCurves(hist, epochs, 'acc'));
    this.#el.legend.replaceChildren(
      h('span', { class: 'mcl-key' }, h('span', { class: 'mcl-swatch', style: `border-top: 3px solid ${c.train}` }), 'entrenamiento'),
      h('span', { class: 'mcl-key' }, h('span', { class: 'mcl-swatch', style: `border-top: 3px dashed ${c.val}` }), 'validación'),
    );
  }

  #history: MotionTrainer['history'] = [];
  #historyEpochs: number | null = null;

  async #train(): Promise<void> {
    if (this.#busy || !this.#data) return;
    this.#busy = true;
    const e = this.#el;
    const s = this.state;
    this.#model = null;
    this.#test = null;
    this.#export.clear();
    e.matrix.replaceChildren();
    e.result.textContent = '';
    e.saved.textContent = '';
    for (const k of ['testAcc', 'valAcc', 'trainAcc', 'tensorsAfter', 'converted', 'fp32Bytes', 'int8Bytes', 'saved']) delete this.dataset[k];
    this.#phase('training');
    e.status.textContent = 'Cargando TensorFlow.js…';
    let rt;
    try {
      rt = await loadTf();
    } catch (err) {
      this.#busy = false;
      this.#phase('error');
      e.status.textContent = `No se pudo cargar TensorFlow.js: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    const { tf } = rt;
    if (!this.isConnected) {
      this.#busy = false;
      this.#phase('stopped');
      return;
    }
    this.dataset.tensorsBefore = String(tf.memory().numTensors);
    this.dataset.backend = rt.backend;
    const data = this.#data;
    const key = this.#key();
    let trainer: MotionTrainer;
    try {
      trainer = this.#trainer = new MotionTrainer(tf, data, {
        hidden: [Number(s.h1), Number(s.h2)], epochs: s.epocas, learningRate: Number(s.lr), batchSize: Number(s.lote), seed: s.seed,
      });
    } catch (err) {
      this.#busy = false;
      this.#phase('error');
      e.status.textContent = `No se pudo crear la red: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    this.#history = trainer.history;
    this.#historyEpochs = trainer.config.epochs;
    const abort = (this.#abort = new AbortController());
    let finished = false;
    let failed: unknown = null;
    let drawn = -1;
    try {
      await runSliced(trainer, {
        signal: abort.signal, budgetMs: SLICE_MS, now: () => performance.now(),
        onProgress: (p) => {
          e.progress.value = p.done / p.total;
          e.status.textContent = `Entrenando con ${BACKEND_LABEL[rt.backend]}: época ${p.epoch} de ${p.epochs}` +
            (p.last ? `; exactitud de entrenamiento ${pct(p.last.trainAcc)}, de validación ${pct(p.last.valAcc)}.` : '.');
        },
        // A frame between slices; the curves are redrawn in a frame of their own after each epoch.
        pause: async () => {
          await nextFrame();
          if (!this.isConnected) abort.abort();
          if (trainer.epoch !== drawn && !abort.signal.aborted) {
            drawn = trainer.epoch;
            this.#drawCurves();
            await nextFrame();
          }
        },
      });
      finished = true;
      this.#test = trainer.test;
      this.#model = trainer.result({ createdAt: Date.now(), source: this.#ws?.source === 'student' ? 'student' : 'example' });
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) failed = err;
    } finally {
      this.#trainer = null;
      this.#abort = null;
      trainer.dispose();
      this.#busy = false;
    }
    this.dataset.tensorsAfter = String(tf.memory().numTensors);
    if (!this.isConnected) return;
    this.#resultKey = key;
    this.#drawCurves();
    if (failed) {
      this.#phase('error');
      e.status.textContent = `El entrenamiento falló: ${failed instanceof Error ? failed.message : String(failed)}`;
    } else if (finished && this.#model && this.#test) {
      this.#showResult(data, this.#test, this.#model);
      this.#phase('trained');
    } else {
      this.#phase('stopped');
      e.status.textContent = `Entrenamiento detenido en la época ${trainer.epoch} de ${trainer.config.epochs}. La red de este intento se ha descartado: vuelve a pulsar «Entrenar» para empezar de cero.`;
    }
    this.update();
  }

  #showResult(d: TrainingData, t: TestResult, m: MotionModelData): void {
    const e = this.#el;
    const mt = m.metrics!;
    Object.assign(this.dataset, { testAcc: String(t.acc), valAcc: String(mt.valAcc), trainAcc: String(mt.trainAcc) });
    e.status.textContent = `Entrenamiento terminado: ${m.layers.length} capas, ${d.train.n} ventanas de entrenamiento.`;
    e.result.textContent = `Exactitud: entrenamiento ${pct(mt.trainAcc)}, validación ${pct(mt.valAcc)}, prueba ${pct(t.acc)} (${d.test.n} ventanas que la red no vio al entrenar).`;
    e.matrix.replaceChildren(...confusionTable(t, d.set.classes));
  }

  async #save(): Promise<void> {
    const m = this.#model;
    if (!m) return;
    const e = this.#el;
    e.save.disabled = true;
    try {
      await saveMotionModel(m);
      this.dataset.saved = '1';
      e.saved.textContent = `Guardado como «tu modelo de movimiento» en este navegador (${m.labels.length} clases, prueba ${pct(m.metrics?.testAcc ?? Number.NaN)}). El widget de clasificación en vivo ya lo usa.`;
    } catch (err) {
      e.saved.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      e.save.disabled = !this.#model || this.#busy;
    }
  }

  #convert(): void {
    const m = this.#model;
    const d = this.#data;
    if (!m || !d) return;
    const raw = (ws: number[]): number[][] => ws.map((w) => d.set.windows[w]!.features);
    try {
      const r = convertAndScore(m, raw(d.train.windows), { x: raw(d.test.windows), y: d.test.y });
      this.#export.show(r);
      Object.assign(this.dataset, {
        converted: '1', fp32Bytes: String(r.files.set.fp32.bytes.length), int8Bytes: String(r.files.set.int8.bytes.length),
        int8Acc: String(r.int8Acc), fp32Acc: String(r.fp32Acc),
      });
    } catch (err) {
      this.#el.saved.textContent = `No se pudo convertir: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}

defineWidget('motion-classifier', MotionClassifier);
