/**
 * <tinyml-transfer-learning>: a few labelled digits 5–9 train two small CNNs on the page's main
 * thread, one reusing the frozen convolutional base trained only on 0–4 (public/models/base-0-4/),
 * one from scratch; curves, parameters and test accuracy side by side (lib/transfer/run.ts).
 *
 * Nothing heavy loads until «Entrenar los dos»: then tfjs (lib/cnn/tf-main.ts), the MNIST file and
 * the base. Work runs in slices of a few units with tf.nextFrame() between them (data-max-slice-ms,
 * data-slice-median-ms and data-slice-p95-ms record their durations); «Cancelar» stops at the
 * next unit. Both models are disposed when the run
 * ends, is cancelled or the widget leaves the page; data-tensors-before/after record
 * tf.memory().numTensors around the run (equal when nothing leaked).
 *
 * A second mode («Tus propios símbolos», state modo=simbolos) hands the same networks the
 * student's own drawings (symbols-view.ts). Both modes share tfjs and the base; switching keeps
 * each mode's data (the drawings stay in memory) and is locked while either one trains.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, numberInput, select, slider } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { BACKEND_LABEL, enableFastTraining } from '../lib/cnn/backend';
import { loadTf, type TfRuntime } from '../lib/cnn/tf-main';
import type { MnistData } from '../lib/data/mnist';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { indicesOf, NEW_DIGITS, selectPerClass, taskBatch, type TaskBatch } from '../lib/transfer/data';
import type { BaseWeights } from '../lib/transfer/model';
import { Experiment, type TestPoint } from '../lib/transfer/run';
import { loadBase } from './base';
import { accuracyChart, legend, lossChart, sampleStrip, type Colors } from './charts';
import { CLASSES, PER_CLASS, describeAccuracy, describeLoss, experimentConfig, resultRows, verdict } from './core';
import { runInSlices } from './slices';
import { SymbolsPanel } from './symbols-view';
import './style.css';

/** A slice of work stops before this many ms (a unit takes a few ms to ~20 ms). */
const SLICE_MS = 30;

const schema = {
  muestras: oneOf(PER_CLASS, '5'),
  epocas: int(15, 5, 40),
  seed: int(1, 1, 9999),
  modo: oneOf(['digitos', 'simbolos'] as const, 'digitos'),
};

type Phase = 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';

class TransferLearningView extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #rt: TfRuntime | null = null;
  #data: MnistData | null = null;
  #base: BaseWeights | null = null;
  #test: TaskBatch | null = null;
  #exp: Experiment | null = null;
  #cancel = false;
  #phase: Phase = 'idle';
  /** Settings the shown results belong to ('' when none). */
  #resultsKey = '';
  #samplesKey = '';
  #epochs = 15;
  #symbols!: SymbolsPanel;
  #symbolsBusy = false;
  #modes!: Record<'digitos' | 'simbolos', HTMLButtonElement>;
  #digits!: HTMLElement;
  #el!: {
    perClass: ReturnType<typeof select>; epochs: ReturnType<typeof slider>; seed: ReturnType<typeof numberInput>;
    start: HTMLButtonElement; cancel: HTMLButtonElement; status: HTMLElement; progress: HTMLProgressElement;
    samples: HTMLElement; loss: HTMLElement; acc: HTMLElement; legend: HTMLElement; table: HTMLTableSectionElement;
    verdict: HTMLElement; live: HTMLElement;
  };

  protected setup(): void {
    const perClass = select({
      label: 'Ejemplos etiquetados por dígito', value: this.state.muestras,
      options: PER_CLASS.map((v) => ({ value: v, label: `${v} por dígito (${Number(v) * CLASSES} en total)` })),
      onChange: (v) => this.setState({ muestras: v }),
    });
    const epochs = slider({ label: 'Épocas', min: 5, max: 40, step: 1, value: this.state.epocas, onInput: (v) => this.setState({ epocas: v }) });
    const seed = numberInput({ label: 'Semilla', min: 1, max: 9999, step: 1, value: this.state.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) });
    this.#el = {
      perClass, epochs, seed,
      start: button('▶ Entrenar los dos', () => void this.#run()),
      cancel: button('■ Cancelar', () => { this.#cancel = true; }, { class: 'btn btn-quiet', disabled: true }),
      status: h('p', { class: 'tl-status', 'aria-live': 'polite' }),
      progress: h('progress', { class: 'tl-progress', max: 1, value: 0, 'aria-label': 'Progreso del entrenamiento' }),
      samples: h('div', { class: 'tl-samples-box' }),
      loss: h('div', { class: 'chart tl-chart', role: 'img' }),
      acc: h('div', { class: 'chart tl-chart', role: 'img' }),
      legend: h('div'),
      table: h('tbody'),
      verdict: h('p', { class: 'tl-verdict', 'aria-live': 'polite' }),
      live: liveText(),
    };
    const e = this.#el;
    const th = (text: string, attrs: Record<string, string | number> = {}): HTMLElement => h('th', { scope: 'col', ...attrs, text });
    const head = [
      h('tr', {}, th('Modelo', { rowspan: 2 }), th('Parámetros', { colspan: 2, scope: 'colgroup' }), th('Prueba', { colspan: 2, scope: 'colgroup' }),
        th('Acierto por dígito', { colspan: NEW_DIGITS.length, scope: 'colgroup' })),
      h('tr', {}, th('entrenables'), th('congelados'), th('exactitud'), th('pérdida'), ...NEW_DIGITS.map((d) => th(String(d)))),
    ];
    this.#symbols = new SymbolsPanel({
      runtime: async () => {
        const rt = await this.#runtime();
        return { tf: rt.tf, base: this.#base ?? (this.#base = await loadBase(rt.tf)) };
      },
      busy: (b) => { this.#symbolsBusy = b; this.#renderMode(); },
    });
    this.#modes = {
      digitos: button('Dígitos del 5 al 9', () => this.setState({ modo: 'digitos' }), { class: 'btn btn-quiet tl-mode' }),
      simbolos: button('Tus propios símbolos', () => this.setState({ modo: 'simbolos' }), { class: 'btn btn-quiet tl-mode' }),
    };
    this.#digits = h('div', { class: 'tl-digits' });
    this.append(h('div', { class: 'tl-modes', role: 'group', 'aria-label': 'Qué aprenden las redes' }, this.#modes.digitos, this.#modes.simbolos), this.#digits, this.#symbols.root);
    this.#digits.append(
      h('div', { class: 'tl-controls' }, perClass.root, epochs.root, seed.root),
      h('p', { class: 'tl-note', text: 'Los dos modelos usan los mismos ejemplos, en el mismo orden, con las mismas épocas, Adam con tasa 0,003 y lotes de 16. Solo cambia la base: copiada de la red que aprendió los dígitos 0 a 4 y congelada, o al azar y entrenable.' }),
      h('div', { class: 'tl-actions' }, e.start, e.cancel, e.progress),
      e.status,
      h('h3', { class: 'tl-h', text: 'Los únicos ejemplos etiquetados que verán' }), e.samples,
      h('div', { class: 'tl-charts' }, e.loss, e.acc), e.legend, e.live,
      h('div', { class: 'tl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Tabla de resultados (desplazable)' }, h('table', { class: 'tl-table' },
        h('caption', { text: 'Resultados en los dígitos de prueba del 5 al 9 (ninguno se usó para entrenar)' }), h('thead', {}, ...head), e.table)),
      e.verdict,
    );
    this.onCleanup(() => {
      this.#cancel = true;
      this.#symbols.dispose();
      this.#exp?.dispose();
      this.#exp = null;
    });
    this.#setPhase('idle');
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    e.perClass.set(s.muestras);
    e.epochs.set(s.epocas);
    e.seed.set(s.seed);
    // Settings changed while training (e.g. «Restablecer»): stop that run; after a run: forget it.
    if (this.#phase === 'training' && this.#key() !== this.#resultsKey) this.#cancel = true;
    if (this.#phase !== 'training' && this.#phase !== 'loading' && this.#resultsKey && this.#key() !== this.#resultsKey) {
      this.#exp = null;
      this.#resultsKey = '';
      this.#setPhase('idle');
    }
    this.#drawSamples();
    this.#draw();
    this.#renderMode();
  }

  #renderMode(): void {
    const sym = this.state.modo === 'simbolos';
    const wasHidden = this.#symbols.root.hidden;
    this.#digits.hidden = sym;
    this.#symbols.root.hidden = !sym;
    if (sym && wasHidden) this.#symbols.shown();
    this.dataset.modo = this.state.modo;
    const locked = this.#symbolsBusy || this.#phase === 'loading' || this.#phase === 'training';
    for (const [m, b] of Object.entries(this.#modes)) {
      b.setAttribute('aria-pressed', String(m === this.state.modo));
      b.disabled = locked && m !== this.state.modo;
    }
  }

  async #runtime(): Promise<TfRuntime> {
    const rt = this.#rt ?? (this.#rt = await loadTf());
    enableFastTraining(rt.tf, rt.backend);
    return rt;
  }

  #key(): string {
    return `${this.state.muestras}|${this.state.epocas}|${this.state.seed}`;
  }

  #setPhase(p: Phase, message?: string): void {
    this.#phase = p;
    this.dataset.phase = p;
    const busy = p === 'loading' || p === 'training';
    const e = this.#el;
    e.start.disabled = busy;
    e.cancel.disabled = p !== 'training';
    for (const c of [e.perClass.input, e.epochs.input, e.seed.input]) c.disabled = busy;
    const engine = this.#rt ? ` Motor: ${BACKEND_LABEL[this.#rt.backend]}.` : '';
    const texts: Record<Phase, string> = {
      idle: 'Pulsa «Entrenar los dos»: se cargarán TensorFlow.js, los dígitos y la base (unos segundos la primera vez).',
      loading: 'Cargando TensorFlow.js, los dígitos MNIST y la base entrenada con 0–4…',
      training: `Entrenando los dos modelos.${engine}`,
      done: `Terminado.${engine}`,
      cancelled: 'Cancelado: los modelos se han liberado; las curvas muestran lo que dio tiempo a medir.',
      error: 'No se pudo entrenar.',
    };
    e.status.textContent = message ?? texts[p];
    e.status.classList.toggle('tl-error', p === 'error');
    if (this.#modes) this.#renderMode();
  }

  async #run(): Promise<void> {
    this.#cancel = false;
    this.#setPhase('loading');
    let rt: TfRuntime;
    try {
      rt = await this.#runtime();
      this.#data ??= await getMnist().catch((err: unknown) => { throw new Error(mnistErrorText(err)); });
      this.#base ??= await loadBase(rt.tf);
    } catch (err) {
      this.#setPhase('error', err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.#cancel || !this.isConnected) return this.#setPhase('idle');
    const { tf, backend } = rt;
    const data = this.#data;
    this.#test ??= taskBatch(data.test, indicesOf(data.test.labels, NEW_DIGITS), NEW_DIGITS);
    const train = this.#trainBatch()!;
    this.#drawSamples();
    const before = tf.memory().numTensors;
    this.dataset.tensorsBefore = String(before);
    delete this.dataset.tensorsAfter;
    this.#epochs = this.state.epocas;
    const exp = new Experiment(tf, this.#base, train, this.#test, CLASSES, experimentConfig(this.state.epocas, this.state.seed, backend));
    this.#exp = exp;
    this.#resultsKey = this.#key();
    this.#setPhase('training');
    let lastDraw = 0;
    let finished = false;
    try {
      const stats = await runInSlices(exp.units(), {
        sliceMs: SLICE_MS, stopped: () => this.#cancel, nextFrame: () => tf.nextFrame(),
        afterSlice: () => {
          this.#el.progress.value = exp.done / exp.total;
          if (performance.now() - lastDraw > 400) {
            this.#draw();
            lastDraw = performance.now();
          }
        },
      });
      finished = stats.finished;
      this.dataset.maxSliceMs = stats.max.toFixed(1);
      this.dataset.sliceMedianMs = stats.median.toFixed(1);
      this.dataset.sliceP95Ms = stats.p95.toFixed(1);
    } catch (err) {
      if (!exp.disposed) this.#setPhase('error', `El entrenamiento falló: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      exp.dispose();
    }
    this.dataset.tensorsAfter = String(tf.memory().numTensors);
    if (!this.isConnected) return;
    if (this.#phase === 'error') return;
    if (finished) {
      const last = this.#last();
      this.dataset.accTransfer = String(last.transfer?.accuracy ?? '');
      this.dataset.accScratch = String(last.scratch?.accuracy ?? '');
      this.#setPhase('done');
    } else {
      this.#setPhase('cancelled');
    }
    this.update(); // redraws; forgets the run if the settings changed meanwhile («Restablecer»)
  }

  /** The training digits for the current settings (null before the data is loaded). */
  #trainBatch(): TaskBatch | null {
    if (!this.#data) return null;
    const train = this.#data.train;
    return taskBatch(train, selectPerClass(train.labels, NEW_DIGITS, Number(this.state.muestras), this.state.seed), NEW_DIGITS);
  }

  #drawSamples(): void {
    const key = `${this.state.muestras}|${this.state.seed}`;
    const box = this.#el.samples;
    if (!this.#data) {
      if (!box.firstChild) box.append(h('p', { class: 'tl-note', text: 'Aquí aparecerán los dígitos elegidos al azar (según la semilla) cuando se carguen los datos.' }));
      return;
    }
    if (key === this.#samplesKey) return;
    this.#samplesKey = key;
    box.replaceChildren(sampleStrip(this.#trainBatch()!, NEW_DIGITS));
  }

  #last(): Record<'transfer' | 'scratch', TestPoint | null> {
    return { transfer: this.#exp?.lastTest('transfer') ?? null, scratch: this.#exp?.lastTest('scratch') ?? null };
  }

  #colors(): Colors {
    return { fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--grid'), c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2') };
  }

  #draw(): void {
    const e = this.#el;
    const exp = this.#exp;
    const train = exp?.trainPoints ?? [];
    const test = exp?.testPoints ?? [];
    const epochs = exp ? this.#epochs : this.state.epocas;
    const c = this.#colors();
    const width = Math.max(260, Math.min(560, e.loss.clientWidth || 320));
    e.loss.replaceChildren(lossChart(train, test, epochs, c, width));
    e.acc.replaceChildren(accuracyChart(test, epochs, c, width));
    e.loss.setAttribute('aria-label', describeLoss(train, test, epochs));
    e.acc.setAttribute('aria-label', describeAccuracy(test));
    e.legend.replaceChildren(legend(c));
    const last = this.#last();
    e.table.replaceChildren(...resultRows(last).map((r) => h('tr', { 'data-mode': r.mode },
      h('th', { scope: 'row', text: r.label }), h('td', { class: 'num', text: r.trainable }), h('td', { class: 'num', text: r.frozen }),
      h('td', { class: 'num tl-acc', text: r.accuracy }), h('td', { class: 'num', text: r.loss }),
      ...r.perDigit.map((p) => h('td', { class: 'num', text: p })))));
    const v = this.#phase === 'done' ? verdict(last, Number(this.state.muestras), this.#epochs) : null;
    e.verdict.textContent = v ?? '';
    const pct = exp ? Math.round(100 * exp.done / exp.total) : 0;
    e.live.textContent = this.#phase === 'training' ? `Progreso: ${fmt(pct, 0)} %` : '';
  }
}

defineWidget('transfer-learning', TransferLearningView);
