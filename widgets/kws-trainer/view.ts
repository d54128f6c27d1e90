import type * as TF from '@tensorflow/tfjs';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, numberInput, select, slider } from '../lib/widget/dom';
import type { Colors } from '../lib/widget/plotkit';
import { int, oneOf } from '../lib/state/schema';
import { BACKEND_LABEL, type BackendName } from '../lib/cnn/backend';
import { loadTf } from '../lib/cnn/tf-main';
import { KWS_DEFAULT_META_URL, KWS_SAVED_EVENT } from '../lib/kws/contract';
import { featureShape } from '../lib/kws/dataset';
import { deleteOwnKws, loadOwnKws, saveOwnKws } from '../lib/kws/load';
import { kwsSummary } from '../lib/kws/model';
import { KWS_RECORDINGS_EVENT, listRecordings } from '../lib/kws/recordings-db';
import {
  AUGMENT_SEED_OFFSET, BATCH_SIZE, Curves, FEATURES, LEARNING_RATES, archOf, checkFromWorker, configOf, describeConfusion, describeCurves,
  featureClips, intText, pct, recordingCounts, secondsPerEpoch, trainExamples, type DoneReport, type ExtraMsg, type FromWorker, type Phase, type SetInfo, type ToWorker, type TrainerState,
} from './core';
import { curveChart, layerTable, legend, matrixTable, setTable } from './charts';
import './style.css';

const schema = {
  feature: oneOf(FEATURES, 'mfcc'),
  epochs: int(40, 1, 60),
  lr: oneOf(LEARNING_RATES, '0.003'),
  conv1: int(8, 1, 16),
  conv2: int(16, 1, 32),
  copies: int(2, 0, 3),
  seed: int(1, 0, 9999),
};

const FEATURE_LABEL: Record<TrainerState['feature'], string> = { mfcc: 'MFCC (13 por trama)', logmel: 'log-mel (40 bandas por trama)' };

interface Ctl {
  root: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  set(): void;
}

class KwsTrainerView extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #worker: Worker | null = null;
  #phase: Phase = 'loading';
  #backend = '';
  #set: SetInfo | null = null;
  #recordings: ExtraMsg[] = [];
  #recordingsNote = '';
  #curves = new Curves();
  #run = 0;
  #plannedEpochs = 0;
  /** Duration of each epoch of the current run, ms (from the worker). */
  #epochMs: number[] = [];
  #progress = { epoch: 0, batch: 0, per: 1, epochs: 1 };
  #result: (DoneReport & { saved: boolean }) | null = null;
  #current: { source: 'propio' | 'defecto'; accuracy: number | null } | null = null;
  #ctls: Ctl[] = [];
  #el!: {
    start: HTMLButtonElement; stop: HTMLButtonElement; del: HTMLButtonElement; status: HTMLElement; current: HTMLElement; store: HTMLElement;
    set: HTMLElement; setNote: HTMLElement; loss: HTMLElement; acc: HTMLElement; legend: HTMLElement; curvesText: HTMLElement;
    results: HTMLElement; accuracy: HTMLElement; matrix: HTMLElement; matrixText: HTMLElement; layers: HTMLElement;
  };

  protected setup(): void {
    this.#curves = new Curves();
    this.#result = null;
    this.#phase = 'loading';
    const start = button('▶ Entrenar', () => void this.#start());
    const stop = button('■ Detener', () => this.#stop(), { class: 'btn btn-quiet' });
    const del = button('Borrar tu modelo', () => void this.#deleteOwn(), { class: 'btn btn-quiet' });
    this.#el = {
      start, stop, del,
      status: h('p', { class: 'kt-status', 'aria-live': 'polite' }),
      current: h('p', { class: 'kt-current' }),
      store: h('p', { class: 'kt-store-msg', 'aria-live': 'polite' }),
      set: h('div'),
      setNote: h('p', { class: 'kt-note' }),
      loss: h('div', { class: 'chart kt-chart', role: 'img' }),
      acc: h('div', { class: 'chart kt-chart', role: 'img' }),
      legend: h('div'),
      curvesText: liveText(),
      results: h('section', { class: 'kt-results', hidden: true, 'aria-label': 'Resultados en las voces de prueba' }),
      accuracy: h('p', { class: 'kt-accuracy' }),
      matrix: h('div', { class: 'kt-matrix-box' }),
      matrixText: h('p', { class: 'kt-note' }),
      layers: h('div', { class: 'kt-layers-box' }),
    };
    const e = this.#el;
    e.results.append(h('h3', { text: 'En las voces de prueba (nunca vistas al entrenar)' }), e.accuracy, e.matrixText, e.matrix);
    this.append(
      this.#buildSettings(),
      h('div', { class: 'kt-actions' }, start, stop), e.status,
      h('div', { class: 'kt-model' }, e.current, e.del), e.store,
      h('section', { class: 'kt-data', 'aria-label': 'El conjunto de datos' }, h('h3', { text: 'Los datos' }), e.set, e.setNote),
      h('section', { 'aria-label': 'Curvas de entrenamiento' }, h('h3', { text: 'Curvas por época' }),
        h('div', { class: 'kt-charts' }, e.loss, e.acc), e.legend, e.curvesText),
      e.results,
      h('section', { 'aria-label': 'La red' }, h('h3', { text: 'La red: capas, parámetros y operaciones' }), e.layers),
    );
    this.#createWorker();
    void this.#readRecordings();
    void this.#refreshCurrent();
    this.listen(window, KWS_RECORDINGS_EVENT, () => void this.#readRecordings());
    this.listen(window, KWS_SAVED_EVENT, () => void this.#refreshCurrent());
    this.#setPhase('loading');
  }

  #buildSettings(): HTMLElement {
    const s = this.state;
    type NumKey = 'epochs' | 'conv1' | 'conv2' | 'copies';
    const sl = (key: NumKey, label: string, min: number, max: number, format: (v: number) => string = String): Ctl => {
      const c = slider({ label, min, max, step: 1, value: s[key], format, onInput: (v) => this.setState({ [key]: v }) });
      return { root: c.root, input: c.input, set: () => c.set(this.state[key]) };
    };
    const feature = select<TrainerState['feature']>({
      label: 'Características', options: FEATURES.map((f) => ({ value: f, label: FEATURE_LABEL[f] })), value: s.feature, onChange: (v) => this.setState({ feature: v }),
    });
    const lr = select<TrainerState['lr']>({
      label: 'Tasa de aprendizaje (Adam)', options: LEARNING_RATES.map((v) => ({ value: v, label: v.replace('.', ',') })), value: s.lr, onChange: (v) => this.setState({ lr: v }),
    });
    const seed = numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) });
    const copies = sl('copies', 'Copias aumentadas por clip', 0, 3, (v) => (v === 0 ? 'ninguna' : String(v)));
    const conv1 = sl('conv1', 'Filtros de conv1', 1, 16);
    const conv2 = sl('conv2', 'Filtros de conv2', 1, 32);
    const epochs = sl('epochs', 'Épocas', 1, 60);
    const featureCtl: Ctl = { root: feature.root, input: feature.input, set: () => feature.set(this.state.feature) };
    const lrCtl: Ctl = { root: lr.root, input: lr.input, set: () => lr.set(this.state.lr) };
    const seedCtl: Ctl = { root: seed.root, input: seed.input, set: () => seed.set(this.state.seed) };
    this.#ctls = [featureCtl, copies, conv1, conv2, epochs, lrCtl, seedCtl];
    return h('div', { class: 'kt-settings' },
      h('fieldset', {}, h('legend', { text: 'Datos' }), featureCtl.root, copies.root),
      h('fieldset', {}, h('legend', { text: 'Red' }), conv1.root, conv2.root),
      h('fieldset', {}, h('legend', { text: 'Entrenamiento' }), epochs.root, lrCtl.root, seedCtl.root));
  }

  #createWorker(): void {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.#worker = worker;
    this.adoptWorker(worker, (data) => this.#onMessage(data), () => this.#failed('No se pudo arrancar el entrenador (el Worker falló al cargar).'), () => {
      this.#worker = null;
    });
    const baseUrl = new URL(`${import.meta.env.BASE_URL}data/keywords/`, location.href).href;
    this.#send({ type: 'init', baseUrl });
  }

  #send(m: ToWorker): void {
    this.#worker?.postMessage(m);
  }

  async #readRecordings(): Promise<void> {
    try {
      const all = await listRecordings();
      this.#recordings = all.map((r) => ({ label: r.label, samples: r.samples }));
      this.#recordingsNote = '';
    } catch (e) {
      this.#recordings = [];
      this.#recordingsNote = `${e instanceof Error ? e.message : String(e)} Se entrena solo con el conjunto del curso.`;
    }
    this.dataset.recordings = String(this.#recordings.length);
    this.#renderSet();
  }

  async #refreshCurrent(): Promise<void> {
    try {
      const { tf } = await loadTf();
      const own = await loadOwnKws(tf);
      if (own.loaded) {
        own.loaded.model.dispose();
        this.#current = { source: 'propio', accuracy: own.loaded.meta.test?.accuracy ?? null };
      } else {
        let accuracy: number | null = null;
        try {
          const res = await fetch(KWS_DEFAULT_META_URL);
          const meta = res.ok ? ((await res.json()) as { test?: { accuracy?: unknown } }) : null;
          accuracy = typeof meta?.test?.accuracy === 'number' ? meta.test.accuracy : null;
        } catch {
          accuracy = null;
        }
        this.#current = { source: 'defecto', accuracy };
      }
    } catch (e) {
      this.#current = { source: 'defecto', accuracy: null };
      this.#el.store.textContent = `No se pudo comprobar qué modelo está guardado: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.#renderCurrent();
  }

  #renderCurrent(): void {
    const c = this.#current;
    const e = this.#el;
    if (!c) {
      e.current.textContent = 'Comprobando qué modelo usan los demás widgets…';
      e.del.disabled = true;
      return;
    }
    this.dataset.current = c.source;
    const acc = c.accuracy === null ? '' : ` (exactitud en voces de prueba: ${pct(c.accuracy)})`;
    e.current.replaceChildren('Modelo que usan «Detección en directo» y «Exporta tu modelo»: ',
      h('strong', { class: 'kt-current-name', text: c.source === 'propio' ? '«tu modelo»' : 'el modelo por defecto del curso' }), acc + '.');
    e.del.disabled = c.source !== 'propio' || this.#phase === 'training';
  }

  async #deleteOwn(): Promise<void> {
    try {
      const { tf } = await loadTf();
      await deleteOwnKws(tf); // fires KWS_SAVED_EVENT → refreshCurrent
      this.#el.store.textContent = 'Tu modelo se ha borrado: los demás widgets vuelven a usar el del curso.';
    } catch (e) {
      this.#el.store.textContent = `No se pudo borrar tu modelo: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  #start(): void {
    if (this.#phase !== 'idle' && this.#phase !== 'done' && this.#phase !== 'cancelled') return;
    this.#run++;
    this.#curves.clear();
    this.#result = null;
    this.#el.results.hidden = true;
    this.#el.store.textContent = '';
    this.#plannedEpochs = this.state.epochs;
    this.#progress = { epoch: 0, batch: 0, per: 1, epochs: this.state.epochs };
    this.#epochMs = [];
    this.dataset.epoch = '0';
    delete this.dataset.testAccuracy;
    delete this.dataset.epochMs;
    delete this.dataset.featureMs;
    const s = this.state;
    this.#send({
      type: 'start', run: this.#run,
      request: { feature: s.feature, arch: archOf(s), config: configOf(s), copies: s.copies, augmentSeed: s.seed + AUGMENT_SEED_OFFSET },
      extra: this.#recordings.map((r) => ({ label: r.label, samples: r.samples })),
    });
    const clips = this.#set ? featureClips(this.#set, this.#usedRecordings(), s.copies) : 0;
    this.#el.status.textContent = `Calculando las características (${s.feature === 'mfcc' ? 'MFCC' : 'log-mel'}) de ${intText(clips)} clips; puede tardar medio minuto…`;
    this.#setPhase('training', false);
    this.#drawCurves();
  }

  #stop(): void {
    if (this.#phase !== 'training') return;
    this.#send({ type: 'cancel', run: this.#run });
    this.#el.stop.disabled = true;
    this.#el.status.textContent = 'Deteniendo…';
  }

  #failed(message: string): void {
    this.#setPhase('error', false);
    this.#el.status.textContent = message;
  }

  #onMessage(raw: unknown): void {
    const m = checkFromWorker(raw);
    if (typeof m === 'string') {
      console.warn(`[kws-trainer] message from the worker ignored: ${m}`);
      return;
    }
    if (m.type !== 'ready' && !(m.type === 'error' && m.during === 'init') && m.run !== this.#run) return;
    this.#handle(m);
  }

  #handle(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.#backend = BACKEND_LABEL[m.backend as BackendName] ?? m.backend;
        this.dataset.backend = m.backend;
        this.#set = m.set;
        this.#renderSet();
        this.#setPhase('idle');
        break;
      case 'dataset':
        this.dataset.trainExamples = String(m.report.train);
        this.dataset.testSize = String(m.report.test);
        this.dataset.featureMs = m.report.ms.toFixed(0);
        break;
      case 'progress':
        this.#progress = { epoch: m.epoch, batch: m.batch, per: m.batchesPerEpoch, epochs: m.epochs };
        this.#renderStatus();
        break;
      case 'epoch':
        this.#curves.add(m);
        this.#epochMs.push(m.ms);
        this.dataset.epoch = String(m.epoch);
        this.dataset.epochMs = (1000 * secondsPerEpoch(this.#epochMs)).toFixed(0);
        this.#drawCurves();
        break;
      case 'done':
        void this.#finish(m);
        break;
      case 'cancelled':
        this.#setPhase('cancelled');
        break;
      case 'error':
        if (m.during === 'init') this.#failed(m.message);
        else {
          this.#setPhase(this.#set ? 'idle' : 'error', false);
          this.#el.status.textContent = `No se pudo entrenar: ${m.message}`;
        }
        break;
    }
  }

  /** The worker's weights → a tfjs model on this thread → «tu modelo» in IndexedDB. */
  async #finish(d: DoneReport): Promise<void> {
    const run = this.#run;
    this.#el.status.textContent = 'Guardando «tu modelo»…';
    let saved = false;
    let why = '';
    try {
      const { tf } = await loadTf();
      const model = await tf.loadLayersModel(tf.io.fromMemory({
        modelTopology: d.modelTopology, weightSpecs: d.weightSpecs as unknown as TF.io.WeightsManifestEntry[], weightData: d.weightData,
      }));
      try {
        if (run === this.#run) {
          await saveOwnKws(model, d.meta);
          saved = true;
        }
      } finally {
        model.dispose();
      }
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    if (run !== this.#run) return;
    this.#result = { ...d, saved };
    this.dataset.saved = String(saved);
    this.dataset.testAccuracy = String(d.test.accuracy);
    this.#el.store.textContent = saved
      ? 'Entrenamiento terminado: guardado como «tu modelo». «Detección en directo» y «Exporta tu modelo» ya lo usan.'
      : `Entrenamiento terminado, pero no se pudo guardar tu modelo: ${why}`;
    this.#showResults();
    this.#setPhase('done');
  }

  #showResults(): void {
    const r = this.#result;
    const e = this.#el;
    if (!r || !this.#set) return;
    const hits = r.test.matrix.reduce((a, row, k) => a + (row[k] ?? 0), 0);
    e.results.hidden = false;
    e.accuracy.replaceChildren('Exactitud de prueba: ', h('strong', { class: 'kt-test-acc', text: pct(r.test.accuracy) }),
      ` (${intText(hits)} de ${intText(r.test.n)} clips de ${this.#set.voices.test} voces que la red nunca oyó).`);
    e.matrixText.textContent = describeConfusion(r.test.matrix, r.meta.classes);
    e.matrix.replaceChildren(matrixTable(r.test.matrix, r.meta.classes, this.#colors()));
  }

  #setPhase(p: Phase, status = true): void {
    this.#phase = p;
    this.dataset.phase = p;
    const e = this.#el;
    const busy = p === 'training';
    e.start.disabled = !(p === 'idle' || p === 'done' || p === 'cancelled');
    e.stop.disabled = !busy;
    for (const c of this.#ctls) c.input.disabled = busy;
    if (status) this.#renderStatus();
    this.#renderCurrent();
  }

  #renderStatus(): void {
    const p = this.#progress;
    const motor = this.#backend ? `Motor: ${this.#backend}. ` : '';
    const e = this.#el;
    switch (this.#phase) {
      case 'loading': e.status.textContent = 'Preparando TensorFlow.js y los clips del curso…'; break;
      case 'idle': e.status.textContent = `${motor}Listo para entrenar.`; break;
      case 'training':
        e.status.textContent = `${motor}Entrenando: época ${Math.min(p.epoch + 1, p.epochs)} de ${p.epochs}, lote ${p.batch} de ${p.per}${this.#speed()}.`;
        break;
      case 'done': e.status.textContent = `${motor}Terminado: ${p.epochs} ${p.epochs === 1 ? 'época' : 'épocas'}${this.#speed()}.`; break;
      case 'cancelled':
        e.status.textContent = `Detenido en la época ${p.epoch + 1}. No se ha guardado nada: el modelo que había sigue igual.`;
        break;
      case 'error': break;
    }
  }

  #speed(): string {
    const sec = secondsPerEpoch(this.#epochMs);
    return Number.isFinite(sec) ? ` (${fmt(sec, 1)} s por época)` : '';
  }

  #usedRecordings(): number {
    return this.#set ? this.#recordings.filter((r) => this.#set!.classes.includes(r.label)).length : 0;
  }

  #renderSet(): void {
    const e = this.#el;
    const info = this.#set;
    if (!e || !info) return;
    const rec = recordingCounts(this.#recordings.map((r) => r.label), info.classes);
    e.set.replaceChildren(setTable(info, rec.perClass));
    const used = this.#recordings.length - rec.other;
    const clips = info.counts.train.reduce((a, v) => a + v, 0);
    const copies = this.state.copies;
    const mine = used === 0
      ? 'Aún no has grabado clips: se entrena solo con el conjunto del curso (graba en «Graba tus palabras clave» y se sumarán aquí).'
      : `Se incluyen ${intText(used)} ${used === 1 ? 'grabación tuya' : 'grabaciones tuyas'}, solo en entrenamiento.`;
    const other = rec.other > 0 ? ` ${rec.other} ${rec.other === 1 ? 'grabación tiene' : 'grabaciones tienen'} una etiqueta que no es de estas clases y no se usa.` : '';
    e.setNote.textContent = `Las ${info.voices.test} voces de prueba y las ${info.voices.val} de validación nunca se usan para entrenar (${info.voices.train} voces de entrenamiento). ` +
      `${mine}${other} Con ${copies === 0 ? 'ninguna copia aumentada' : `${copies} ${copies === 1 ? 'copia aumentada' : 'copias aumentadas'} (desplazada en el tiempo y con ruido)`} por clip, ` +
      `la red ve ${intText(trainExamples(clips, used, copies))} ejemplos por época, en lotes de ${BATCH_SIZE}.` + (this.#recordingsNote ? ` ${this.#recordingsNote}` : '');
  }

  #colors(): Colors {
    const v = (n: string): string => cssVar(this, n);
    return { fg: v('--fg'), muted: v('--fg-muted'), bg: v('--bg-elev'), grid: v('--grid'), c1: v('--c1'), c2: v('--c2'), c3: v('--c3'), c4: v('--c4') };
  }

  #drawCurves(): void {
    const e = this.#el;
    const c = this.#colors();
    const width = Math.max(260, Math.min(560, e.loss.clientWidth || 320));
    const epochs = this.#curves.rows.length > 0 || this.#phase === 'training' ? this.#plannedEpochs : this.state.epochs;
    e.loss.replaceChildren(curveChart(this.#curves, 'loss', c, width, epochs));
    e.acc.replaceChildren(curveChart(this.#curves, 'acc', c, width, epochs));
    e.legend.replaceChildren(legend(c));
    const text = describeCurves(this.#curves);
    e.loss.setAttribute('aria-label', `Curva de pérdida. ${text}`);
    e.acc.setAttribute('aria-label', `Curva de exactitud. ${text}`);
    e.curvesText.textContent = text;
  }

  #renderLayers(): void {
    const s = this.state;
    const { frames, bins } = featureShape(s.feature);
    const classes = this.#set?.classes.length ?? 4;
    this.#el.layers.replaceChildren(...layerTable(kwsSummary(archOf(s), frames, bins, classes)));
  }

  override resetState(): void {
    super.resetState();
    for (const c of this.#ctls) c.set();
  }

  protected update(): void {
    this.#renderLayers();
    this.#renderSet();
    this.#drawCurves();
    this.#showResults();
    this.#renderStatus();
  }
}

defineWidget('kws-trainer', KwsTrainerView);
