import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, h, liveText } from '../lib/widget/dom';
import { thin } from '../lib/widget/series';
import { BACKEND_LABEL } from '../lib/cnn/backend';
import type { CurvePoint, EvaluationReport, FromWorker, ModelInfo, ToWorker } from '../lib/cnn/protocol';
import { cnnLayers } from '../lib/cnn/spec';
import { MODEL_EVENT } from '../lib/cnn/store';
import {
  trainerSchema as schema, phaseControls, archOf, configOf, describeCurves, statusText, type Phase, describeMatrix, gapNote, pct, summaryTable, type EpochPoint, SET_NAME,
} from './core';
import { accuracyChart, legend, lossChart, matrixTable, missGallery, summaryElements, type Colors } from './charts';
import { StorePanel } from './store-panel';
import { buildSettings, type Settings } from './controls';
import './style.css';
import { fixed } from '../lib/format/number';



class CnnTrainerView extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #worker: Worker | null = null;
  #phase: Phase = 'loading';
  #backend = '';
  #points: CurvePoint[] = [];
  #epochs: EpochPoint[] = [];
  #progress = { epoch: 0, batch: 0, per: 1, epochs: 1, samples: 0, speed: 0 };
  #evaluation: EvaluationReport | null = null;
  #info: ModelInfo | null = null;
  #dirty = true;
  #visible = true;
  /** Longest curve redraw so far, ms (data-draw-ms, read by the benchmark). */
  #drawMs = 0;
  /** Number of the current run; messages of older runs (before a reset) are ignored. */
  #run = 0;
  #settings!: Settings;
  #el!: {
    start: HTMLButtonElement; pause: HTMLButtonElement; reset: HTMLButtonElement; status: HTMLElement; note: HTMLElement;
    readout: HTMLElement; loss: HTMLElement; acc: HTMLElement; legend: HTMLElement; curvesText: HTMLElement; gap: HTMLElement;
    summary: HTMLElement; results: HTMLElement; matrix: HTMLElement; matrixText: HTMLElement; misses: HTMLElement;
    matrixHead: HTMLElement; missNote: HTMLElement;
  };
  #store!: StorePanel;

  protected setup(): void {
    this.#settings = buildSettings(() => this.state, (patch) => this.setState(patch));
    // Both carry data-step="play": Space (projector mode, lib/widget/keys) clicks the first enabled
    // one, so it starts training when stopped and pauses it while it runs.
    const start = button('▶ Entrenar', () => this.#start(), { 'data-step': 'play' });
    const pause = button('Pausa', () => this.#send({ type: 'pause' }, 'pausing'), { class: 'btn btn-quiet', 'data-step': 'play' });
    const reset = button('↺ Reiniciar', () => this.#reset(), { class: 'btn btn-quiet' });
    this.#store = new StorePanel({
      send: (m) => this.#send(m),
      announce: () => document.dispatchEvent(new CustomEvent(MODEL_EVENT)),
    });
    this.#el = {
      start, pause, reset,
      status: h('p', { class: 'ct-status', 'aria-live': 'polite' }),
      note: h('p', { class: 'ct-note' }),
      readout: h('div', { class: 'ct-readout' }),
      loss: h('div', { class: 'chart ct-chart', role: 'img' }),
      acc: h('div', { class: 'chart ct-chart', role: 'img' }),
      legend: h('div'),
      curvesText: liveText(),
      gap: h('p', { class: 'ct-gap' }),
      summary: h('div', { class: 'ct-summary' }),
      results: h('section', { class: 'ct-results', hidden: true, 'aria-label': 'Resultados en los dígitos de prueba' }),
      matrixHead: h('h3', { text: 'Matriz de confusión (dígitos de prueba)' }),
      missNote: h('p', { class: 'ct-note', text: 'Los dígitos de prueba que el modelo clasificó mal con más confianza.' }),
      matrix: h('div', { class: 'ct-matrix-box' }),
      matrixText: h('p', { class: 'ct-matrix-text' }),
      misses: h('div'),
    };
    const e = this.#el;
    e.results.append(
      e.matrixHead, e.matrixText, e.matrix,
      h('h3', { text: 'Fallos más seguros' }), e.missNote, e.misses,
    );
    this.append(
      this.#settings.root,
      e.note,
      h('div', { class: 'ct-actions' }, start, pause, reset),
      e.status, e.readout,
      h('div', { class: 'ct-charts' }, e.loss, e.acc), e.legend, e.curvesText, e.gap,
      h('details', { class: 'ct-details' }, h('summary', { text: 'Resumen del modelo: capas, parámetros y operaciones' }), e.summary),
      e.results,
      this.#store.root,
    );
    this.#createWorker();
    // Curves redraw at most once a second while training, and only while the charts are on
    // screen (each redraw is main-thread work).
    const seen = new IntersectionObserver((entries) => { this.#visible = entries.some((x) => x.isIntersecting); });
    seen.observe(this.#el.loss.parentElement!);
    this.onCleanup(() => seen.disconnect());
    this.every(1000, () => {
      if (this.#dirty && this.#visible) this.#drawCurves();
    });
  }

  #createWorker(): void {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.#worker = worker;
    this.adoptWorker(worker, (data) => this.#onMessage(data as FromWorker), () => this.#failed('No se pudo arrancar el entrenador (el Worker falló al cargar).'), () => {
      this.#worker = null;
    });
    this.#send({ type: 'init' });
  }

  #send(m: ToWorker, phase?: Phase): void {
    this.#worker?.postMessage(m);
    if (phase) this.#setPhase(phase);
  }

  #start(): void {
    this.#drawMs = 0;
    this.#send({ type: 'start', arch: archOf(this.state), config: configOf(this.state), run: this.#run }, 'training');
    this.#store.setHasModel(true);
  }

  #reset(): void {
    this.#run++;
    this.#points = [];
    this.#epochs = [];
    this.#progress = { epoch: 0, batch: 0, per: 1, epochs: this.state.epochs, samples: 0, speed: 0 };
    this.#evaluation = null;
    this.#info = null;
    this.#el.results.hidden = true;
    this.#store.setHasModel(false);
    this.#dirty = true;
    this.#send({ type: 'reset' }, this.#phase === 'loading' || this.#phase === 'error' ? this.#phase : 'ready');
    this.update();
  }

  override resetState(): void {
    super.resetState();
    this.#settings.sync();
    this.#reset();
  }

  #failed(message: string): void {
    this.#setPhase('error');
    this.#el.status.textContent = message;
  }

  #onMessage(m: FromWorker): void {
    if ((m.type === 'progress' || m.type === 'epoch' || m.type === 'stopped') && m.run !== this.#run) return;
    switch (m.type) {
      case 'ready':
        this.#backend = BACKEND_LABEL[m.backend];
        this.dataset.backend = m.backend;
        this.dataset.numTensors = String(m.numTensors);
        this.#setPhase('ready');
        break;
      case 'progress':
        this.#points.push(...m.points);
        this.#progress = { epoch: m.epoch, batch: m.batch, per: m.batchesPerEpoch, epochs: m.epochs, samples: m.samples, speed: m.samplesPerSec };
        this.dataset.samplesPerSec = String(Math.round(m.samplesPerSec));
        this.dataset.samples = String(m.samples);
        this.#dirty = true;
        this.#renderStatus();
        break;
      case 'epoch':
        this.#epochs.push({ epoch: m.epoch, trainLoss: m.trainLoss, trainAcc: m.trainAcc, valLoss: m.valLoss, valAcc: m.valAcc });
        this.dataset.valAcc = String(m.valAcc);
        this.#drawCurves();
        this.#renderStatus();
        break;
      case 'stopped':
        this.#drawCurves();
        this.#showEvaluation(m.evaluation, m.info);
        this.dataset.numTensors = String(m.numTensors);
        this.#setPhase(m.reason === 'done' ? 'done' : 'paused');
        if (m.saved) this.#store.saved('Entrenamiento terminado: guardado como «tu modelo». Pruébalo en el siguiente widget.');
        else if (m.saveError) this.#store.error(m.saveError);
        break;
      case 'reset-done':
        this.dataset.numTensors = String(m.numTensors);
        this.dataset.resets = String(Number(this.dataset.resets ?? '0') + 1);
        break;
      case 'imported':
        this.#points = [];
        this.#epochs = [];
        this.#showEvaluation(m.evaluation, m.info);
        this.dataset.numTensors = String(m.numTensors);
        this.#setPhase('ready');
        this.#store.setHasModel(false); // already saved; «Entrenar» starts a new model
        this.#store.saved('Modelo cargado y guardado como «tu modelo». Abajo ves cómo le va con los dígitos de prueba.');
        break;
      case 'memory':
        this.dataset.numTensors = String(m.numTensors);
        break;
      case 'saved':
      case 'exported':
        this.#store.onMessage(m);
        break;
      case 'error':
        if (m.during === 'init') this.#failed(m.message);
        else if (m.during === 'start' || m.during === 'pause') {
          this.#setPhase('ready');
          this.#el.status.textContent = m.message;
        } else this.#store.error(m.message);
        break;
    }
  }

  #showEvaluation(e: EvaluationReport, info: ModelInfo): void {
    this.#evaluation = e;
    this.#info = info;
    const set = SET_NAME[e.set];
    // data-test-acc only ever holds a test-set accuracy (a pause measures the validation digits).
    if (e.set === 'prueba') this.dataset.testAcc = String(e.accuracy);
    else this.dataset.valAcc = String(e.accuracy);
    // For <Predice>: the test accuracy (percent) of a run the student trained, measured once at its end.
    if (e.set === 'prueba' && info.source === 'trained') this.reportResult('exactitud-prueba', 100 * e.accuracy);
    this.#el.results.setAttribute('aria-label', `Resultados en los dígitos ${set}`);
    this.#el.matrixHead.textContent = `Matriz de confusión (dígitos ${set})`;
    this.#el.missNote.textContent = `Los dígitos ${set} que el modelo clasificó mal con más confianza.`;
    this.#el.results.hidden = false;
    this.#el.misses.replaceChildren(missGallery(e));
    this.#drawMatrix();
    this.#renderSummary();
  }

  #setPhase(p: Phase): void {
    this.#phase = p;
    this.dataset.phase = p;
    const e = this.#el;
    const c = phaseControls(p, this.#progress.epoch, this.state.epochs);
    e.start.disabled = c.startDisabled;
    e.start.textContent = c.startLabel;
    e.pause.disabled = c.pauseDisabled;
    e.reset.disabled = c.resetDisabled;
    this.#settings.lock(c.busy, c.hasModel);
    e.note.textContent = c.note;
    this.#store.setBusy(c.busy);
    this.#renderStatus();
  }

  #renderStatus(): void {
    const p = this.#progress;
    const e = this.#el;
    if (this.#phase !== 'error') e.status.textContent = statusText(this.#phase, this.#backend, p);
    const last = this.#points[this.#points.length - 1];
    const ev = this.#evaluation;
    const val = ev?.set === 'validacion' ? ev.accuracy : this.#epochs[this.#epochs.length - 1]?.valAcc;
    const test = ev?.set === 'prueba' ? ev.accuracy : undefined;
    this.dataset.recentAcc = last ? String(last.acc) : '';
    e.readout.replaceChildren(
      h('span', {}, 'Pérdida (últimos lotes): ', h('strong', { text: last ? fixed(last.loss, 3) : '—' })),
      h('span', {}, 'Exactitud (últimos lotes): ', h('strong', { class: 'ct-recent-acc', text: last ? pct(last.acc) : '—' })),
      h('span', {}, 'Exactitud de validación: ', h('strong', { class: 'ct-val-acc', text: val === undefined ? '—' : pct(val) })),
      h('span', {}, 'Exactitud de prueba: ', h('strong', { class: 'ct-test-acc', text: test === undefined ? '— (se mide una vez, al terminar)' : pct(test) })),
    );
  }

  #colors(): Colors {
    return { fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--grid'), bg: cssVar(this, '--bg-elev'), c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2') };
  }

  #drawCurves(): void {
    const t0 = performance.now();
    this.#dirty = false;
    const c = this.#colors();
    const e = this.#el;
    const pts = thin(this.#points, 300);
    const width = Math.max(260, Math.min(560, e.loss.clientWidth || 320));
    const maxX = Math.max(this.#progress.epochs, ...this.#epochs.map((p) => p.epoch), 1);
    e.loss.replaceChildren(lossChart(pts, this.#epochs, c, width, maxX));
    e.acc.replaceChildren(accuracyChart(pts, this.#epochs, c, width, maxX));
    e.legend.replaceChildren(legend(c));
    const last = this.#points[this.#points.length - 1];
    const seen = last?.x ?? 0;
    const text = describeCurves(this.#epochs, last?.loss ?? Number.NaN, last?.acc ?? Number.NaN, seen);
    e.loss.setAttribute('aria-label', `Curva de pérdida. ${text}`);
    e.acc.setAttribute('aria-label', `Curva de exactitud. ${text}`);
    e.gap.textContent = gapNote(this.#epochs[this.#epochs.length - 1]);
    this.#drawMs = Math.max(this.#drawMs, performance.now() - t0);
    this.dataset.drawMs = this.#drawMs.toFixed(1);
  }

  #drawMatrix(): void {
    const ev = this.#evaluation;
    if (!ev) return;
    this.#el.matrixText.textContent = describeMatrix(ev.matrix, ev.set);
    this.#el.matrix.replaceChildren(matrixTable(ev.matrix, this.#colors()));
  }

  #renderSummary(): void {
    const layers = this.#info?.layers ?? cnnLayers(archOf(this.state)).map((l) => l.spec);
    const names = this.#info?.source === 'imported' ? undefined : cnnLayers(archOf(this.state)).map((l) => l.name);
    this.#el.summary.replaceChildren(...summaryElements(summaryTable(layers, names), this.#info?.source === 'imported'));
  }

  protected update(): void {
    this.#renderSummary();
    this.#renderStatus();
    if (this.#phase !== 'loading') this.#setPhase(this.#phase);
    this.#dirty = true;
    this.#drawCurves();
    this.#drawMatrix();
  }
}

defineWidget('cnn-trainer', CnnTrainerView);
