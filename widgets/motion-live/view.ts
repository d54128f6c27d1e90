/**
 * Lesson 15 «Clasificación en vivo» (<tinyml-motion-live>): rows from the board, the phone or the
 * simulator (lib/motion/source-picker) go through a sliding window (lib/motion/live: length and
 * hop shown and settable), the window's 33 spectral features (lib/dsp spectralFeatures with the
 * model's params) and «tu modelo de movimiento» (lib/motion/model predictProbs). On screen: the
 * class in big type («incierto» below the threshold), the probabilities now and over time, the
 * signal with the window shaded, and the end-to-end latency: performance.now() in the frame that
 * paints a prediction minus performance.now() when its newest sample arrived. With no stored
 * model it says so and offers «Entrenar un modelo de ejemplo» (lib/motion/train, in slices).
 * Per hop the main thread computes one window's features and a tiny dense net (well under 1 ms);
 * drawing happens once per animation frame and reads no layout.
 *
 * Data attributes: data-phase (loading | no-model | training | ready | filling | classifying |
 * error), data-class (label or «incierto»), data-prob, data-latency-ms, data-compute-ms,
 * data-predictions, data-model (none | example | student), data-window-ms, data-hop-ms.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, slider, uniqueId } from '../lib/widget/dom';
import { fmt, withUnit } from '../lib/format/number';
import { int, num } from '../lib/state/schema';
import { spectralFeatures } from '../lib/dsp';
import type { MotionRow, MotionSource } from '../lib/sensors/types';
import { SOURCE_SCHEMA, formatHz } from '../lib/motion/source-choice';
import { SourcePicker, type PickerSettings } from '../lib/motion/source-picker';
import { CanvasSurface, drawAxes, plotColors, type PlotColors } from '../lib/motion/axes-plot';
import { LiveClassifier, ProbHistory, RollingMedian, type Prediction } from '../lib/motion/live';
import { loadMotionModel, onMotionModelChange, type MotionModelData } from '../lib/motion/model';
import { classColors, drawProbChart, probBars, type Bars, type ChartColors } from './render';
import '../lib/motion/source-picker.css';
import './style.css';

const schema = {
  ...SOURCE_SCHEMA,
  windowMs: int(2000, 500, 4000),
  hopMs: int(250, 50, 1000),
  threshold: num(0.6, 0.3, 0.95),
  seed: int(16, 1, 1_000_000),
};

type Phase = 'loading' | 'no-model' | 'training' | 'ready' | 'filling' | 'classifying' | 'error';
const UNCERTAIN = 'incierto';
const features = (axes: ReadonlyArray<ArrayLike<number>>, hz: number, params: MotionModelData['params']): number[] =>
  spectralFeatures(axes, hz, params).features;

class MotionLive extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #picker!: SourcePicker;
  #model: MotionModelData | null = null;
  #lc: LiveClassifier | null = null;
  #hist = new ProbHistory(20_000);
  #lat = new RollingMedian(20);
  #pending: Prediction | null = null;
  #last: Prediction | null = null;
  #count = 0;
  #abort: AbortController | null = null;
  #sig!: CanvasSurface;
  #chart!: CanvasSurface;
  #plotColors!: PlotColors;
  #chartColors: ChartColors = { muted: '#666', grid: '#ddd', classes: [] };
  #bars: Bars | null = null;
  #el!: {
    modelBox: HTMLElement; train: HTMLButtonElement; stop: HTMLButtonElement; progress: HTMLProgressElement; trainBox: HTMLElement;
    win: ReturnType<typeof slider>; hop: ReturnType<typeof slider>; thr: ReturnType<typeof slider>; plan: HTMLElement;
    big: HTMLElement; bigProb: HTMLElement; barsBox: HTMLElement; latency: HTMLElement; notes: HTMLElement;
    sigCanvas: HTMLCanvasElement; chartCanvas: HTMLCanvasElement;
  };

  protected setup(): void {
    const s = this.state;
    this.#picker = new SourcePicker({
      initial: { kind: s.kind, baudRate: s.baudRate, gesture: s.gesture, person: s.person, simHz: s.simHz },
      seed: s.seed,
      onSettings: (p: Partial<PickerSettings>) => this.setState(p as Partial<typeof this.state>),
      onSamples: (rows, src) => this.#samples(rows, src),
      onStatus: () => this.#phase(),
      onConnect: () => this.#restart(),
    });
    this.onCleanup(() => this.#picker.dispose());
    this.onCleanup(() => this.#abort?.abort());
    const progId = uniqueId('ml-prog');
    const sigCanvas = h('canvas', { class: 'ml-signal', role: 'img', 'aria-label': 'La señal que llega (ejes x, y, z en m/s²) con la ventana que se clasifica sombreada.' });
    const chartCanvas = h('canvas', { class: 'ml-chart', role: 'img', 'aria-label': 'Probabilidad de cada clase en las últimas predicciones (20 s), con el umbral en línea discontinua.' });
    const e = (this.#el = {
      modelBox: h('div', { class: 'ml-model', 'aria-live': 'polite' }),
      train: button('Entrenar un modelo de ejemplo', () => void this.#trainExample()),
      stop: button('Detener', () => this.#abort?.abort(), { class: 'btn btn-quiet' }),
      progress: h('progress', { id: progId, max: 1, value: 0 }),
      trainBox: h('div', { class: 'ml-train' }),
      win: slider({ label: 'Longitud de la ventana', min: 500, max: 4000, step: 250, value: s.windowMs, format: (v) => withUnit(v, 'ms', 0), onInput: (v) => this.setState({ windowMs: v }) }),
      hop: slider({ label: 'Salto entre predicciones', min: 50, max: 1000, step: 50, value: s.hopMs, format: (v) => withUnit(v, 'ms', 0), onInput: (v) => this.setState({ hopMs: v }) }),
      thr: slider({ label: 'Umbral de «incierto»', min: 0.3, max: 0.95, step: 0.05, value: s.threshold, format: (v) => `${fmt(100 * v, 0)} %`, onInput: (v) => this.setState({ threshold: v }) }),
      plan: h('p', { class: 'ml-plan' }),
      big: h('p', { class: 'ml-class', 'aria-live': 'polite', text: '—' }),
      bigProb: h('p', { class: 'ml-class-prob' }),
      barsBox: h('div'),
      latency: h('p', { class: 'ml-latency' }),
      notes: h('div', { class: 'ml-notes' }),
      sigCanvas, chartCanvas,
    });
    e.trainBox.append(e.train, e.stop, h('div', { class: 'ml-progress' }, h('label', { for: progId, text: 'Entrenamiento' }), e.progress));
    this.#sig = new CanvasSurface(sigCanvas, () => this.#queue());
    this.#chart = new CanvasSurface(chartCanvas, () => this.#queue());
    this.onCleanup(() => { this.#sig.dispose(); this.#chart.dispose(); });
    this.append(
      e.modelBox, e.trainBox,
      this.#picker.root,
      h('div', { class: 'ctl-row' }, e.win.root, e.hop.root, e.thr.root),
      e.plan,
      h('div', { class: 'ml-now' },
        h('div', { class: 'ml-big' }, h('p', { class: 'ml-big-title', text: 'Clase actual' }), e.big, e.bigProb),
        e.barsBox),
      e.latency,
      h('div', { class: 'ml-plots' },
        h('div', {}, h('p', { class: 'ml-plot-title', text: 'Probabilidades en el tiempo' }), chartCanvas),
        h('div', {}, h('p', { class: 'ml-plot-title', text: 'Señal y ventana' }), sigCanvas)),
      e.notes,
    );
    this.#colors();
    this.listen(document, 'tinyml:theme', () => { this.#colors(); this.#queue(); });
    this.onCleanup(onMotionModelChange(() => void this.#loadModel()));
    this.dataset.phase = 'loading';
    void this.#loadModel();
  }

  protected update(): void {
    const s = this.state;
    this.#picker.set({ kind: s.kind, baudRate: s.baudRate, gesture: s.gesture, person: s.person, simHz: s.simHz });
    const e = this.#el;
    e.win.set(s.windowMs);
    e.hop.set(s.hopMs);
    e.thr.set(s.threshold);
    this.#lc?.setSettings({ windowMs: s.windowMs, hopMs: s.hopMs, threshold: s.threshold });
    this.dataset.windowMs = String(s.windowMs);
    this.dataset.hopMs = String(s.hopMs);
    const hz = this.#model?.hz ?? 100;
    const n = Math.round((s.windowMs * hz) / 1000);
    const hop = Math.round((s.hopMs * hz) / 1000);
    const overlap = Math.max(0, s.windowMs - s.hopMs);
    e.plan.textContent = `Ventana de ${withUnit(s.windowMs, 'ms', 0)} = ${n} muestras por eje a ${formatHz(hz)}; salto de ${withUnit(s.hopMs, 'ms', 0)} = ${hop} muestras nuevas: ` +
      `${fmt(1000 / s.hopMs, 2)} predicciones por segundo, y dos ventanas seguidas comparten ${fmt(overlap / 1000, 2)} s de señal.`;
    if (this.#last) this.#showDecision(this.#last);
    this.#notes();
    this.#queue();
  }

  #colors(): void {
    this.#plotColors = plotColors(this);
    this.#chartColors = { muted: this.#plotColors.muted, grid: this.#plotColors.grid, classes: classColors(this, this.#model?.labels.length ?? 0) };
  }

  async #loadModel(): Promise<void> {
    try {
      this.#setModel(await loadMotionModel());
    } catch (err) {
      this.#setModel(null, (err as Error).message);
    }
  }

  #setModel(m: MotionModelData | null, error?: string): void {
    this.#model = m;
    const e = this.#el;
    const s = this.state;
    this.#lc = m ? new LiveClassifier({ model: m, settings: { windowMs: s.windowMs, hopMs: s.hopMs, threshold: s.threshold }, now: () => performance.now(), featuresOf: features }) : null;
    this.#hist.clear();
    this.#lat.clear();
    this.#last = null;
    this.#count = 0;
    this.#colors();
    this.#bars = m ? probBars(m.labels, this.#chartColors.classes) : null;
    e.barsBox.replaceChildren(...(this.#bars ? [this.#bars.root] : []));
    this.dataset.model = m ? m.source : 'none';
    if (m) {
      const acc = m.metrics ? `; acierta el ${fmt(100 * m.metrics.testAcc, 0)} % de las ventanas de prueba` : '';
      const from = m.source === 'example' ? 'con el conjunto de ejemplo' : 'con tus datos';
      e.modelBox.replaceChildren(h('p', { text: `Modelo: «tu modelo de movimiento», entrenado ${from} (${m.labels.length} clases: ${m.labels.join(', ')}${acc}).` }));
      e.trainBox.hidden = true;
    } else {
      e.modelBox.replaceChildren(
        ...(error ? [h('p', { class: 'ml-error', text: error })] : []),
        h('p', { text: 'No hay ningún modelo de movimiento guardado en este navegador. Entrena uno en el widget «Entrenar el clasificador» de esta lección, o entrena aquí un modelo de ejemplo con el conjunto de ejemplo (tarda unos segundos).' }));
      e.trainBox.hidden = false;
      e.train.disabled = false;
      e.stop.disabled = true;
    }
    this.#reset();
    this.update();
    this.#phase();
  }

  async #trainExample(): Promise<void> {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    const e = this.#el;
    e.train.disabled = true;
    e.stop.disabled = false;
    this.dataset.phase = 'training';
    try {
      const [{ trainExampleModel }, { saveMotionModel }] = await Promise.all([import('../lib/motion/train'), import('../lib/motion/model')]);
      const m = await trainExampleModel({
        seed: this.state.seed, signal: abort.signal,
        onProgress: (p) => { e.progress.value = p.total ? p.done / p.total : 0; },
      });
      await saveMotionModel(m); // the model event reloads it here and in the other widgets
    } catch (err) {
      const cancelled = (err as { name?: string }).name === 'AbortError';
      e.modelBox.append(h('p', { class: cancelled ? '' : 'ml-error', text: cancelled ? 'Entrenamiento detenido: todavía no hay modelo.' : `No se pudo entrenar el modelo de ejemplo: ${(err as Error).message}` }));
      e.train.disabled = false;
      e.stop.disabled = true;
      e.progress.value = 0;
    } finally {
      if (this.#abort === abort) this.#abort = null;
      this.#phase();
    }
  }

  #restart(): void {
    this.#reset();
    this.#phase();
  }

  #reset(): void {
    this.#lc?.reset();
    this.#hist.clear();
    this.#pending = null;
    this.#last = null;
    this.#bars?.set(null, null);
    this.#el.big.textContent = '—';
    this.#el.bigProb.textContent = '';
    delete this.dataset.class;
    delete this.dataset.prob;
  }

  #samples(rows: MotionRow[], src: MotionSource): void {
    const lc = this.#lc;
    if (!lc) return;
    const p = lc.push(rows);
    if (p) {
      this.#pending = p;
      this.#last = p;
      this.#count++;
      this.#hist.add(p);
    }
    if (src.status === 'streaming' && this.dataset.phase !== (this.#last ? 'classifying' : 'filling')) this.#phase();
    this.#queue();
  }

  #phase(): void {
    let p: Phase;
    if (this.#abort) p = 'training';
    else if (!this.#model) p = this.dataset.model === 'none' ? 'no-model' : 'loading';
    else if (this.#picker.source?.status !== 'streaming') p = 'ready';
    else p = this.#last ? 'classifying' : 'filling';
    this.dataset.phase = p;
    this.#notes();
  }

  #notes(): void {
    const m = this.#model;
    const src = this.#picker?.source;
    const out: string[] = [];
    if (m && src?.rateHz && Math.abs(src.rateHz - m.hz) > 0.01 * m.hz) {
      out.push(`La fuente envía ${formatHz(src.rateHz)} y el modelo se entrenó con ${formatHz(m.hz)}: las muestras se remuestrean a ${formatHz(m.hz)} antes de calcular las características.`);
    } else if (m && src?.kind === 'phone') {
      out.push(`El móvil entrega las muestras a intervalos irregulares; se interpolan a ${formatHz(m.hz)}, la frecuencia del modelo.`);
    }
    if (m && this.state.windowMs !== m.windowMs) {
      out.push(`El modelo se entrenó con ventanas de ${withUnit(m.windowMs, 'ms', 0)}. Con otra longitud cambian el RMS y las bandas (se calculan sobre más o menos muestras), así que puede equivocarse más.`);
    }
    if (this.dataset.phase === 'filling' && this.#lc) out.push(`Llenando la primera ventana (${fmt(100 * this.#lc.filled, 0)} %)…`);
    const text = out.join(' ');
    if (this.#el.notes.textContent !== text) this.#el.notes.textContent = text;
  }

  #showDecision(p: Prediction): void {
    const d = this.#lc ? this.#lc.redecide(p.probs) : p;
    const label = d.label ?? UNCERTAIN;
    const e = this.#el;
    if (e.big.textContent !== label) e.big.textContent = label;
    e.big.classList.toggle('ml-uncertain', d.label === null);
    e.bigProb.textContent = d.label === null
      ? `la más probable es «${this.#model?.labels[d.top] ?? ''}», con ${fmt(100 * d.p, 0)} %: por debajo del umbral`
      : `${fmt(100 * d.p, 0)} %`;
    this.#bars?.set(p.probs, d.top);
    this.dataset.class = label;
    this.dataset.prob = String(Math.round(d.p * 1000) / 1000);
  }

  /** Redraws on the next animation frame, once however often it is asked for before then. */
  #queue(): void {
    this.frameOnce(this.#redraw);
  }

  readonly #redraw = (): void => this.#draw();

  #draw(): void {
    const p = this.#pending;
    this.#pending = null;
    if (p) this.#showDecision(p);
    const lc = this.#lc;
    const sctx = this.#sig.context();
    if (sctx) {
      const ring = lc?.buffer;
      const last = ring?.last();
      const t1 = last ? last[0] : 5000;
      const n = lc?.windowN ?? 0;
      const band = last && lc && ring!.length >= n ? [t1 - ((n - 1) * 1000) / lc.hz, t1] as const : null;
      drawAxes(sctx, this.#sig.width, this.#sig.height, ring ? ring.view() : { length: 0, t: () => 0, v: () => 0 }, this.#plotColors,
        { t0: t1 - 5000, t1, band, empty: this.#model ? 'Conecta una fuente para clasificar' : 'Falta un modelo' });
    }
    const cctx = this.#chart.context();
    if (cctx) drawProbChart(cctx, this.#chart.width, this.#chart.height, this.#hist, this.#chartColors, this.state.threshold);
    if (p) {
      // End to end: from the arrival of the window's newest sample to this frame, which paints it.
      const ms = performance.now() - p.arrivedAt;
      const med = this.#lat.push(ms);
      const compute = p.doneAt - p.arrivedAt;
      this.#el.latency.textContent = `Latencia de extremo a extremo: ${fmt(ms, 1)} ms (mediana de las últimas ${Math.min(this.#count, 20)}: ${fmt(med, 1)} ms), ` +
        `desde que llega la muestra más reciente hasta que su predicción se pinta. De ese tiempo, ${fmt(compute, 2)} ms son las 33 características y la red; el resto es esperar al siguiente fotograma de la pantalla.`;
      this.dataset.latencyMs = String(Math.round(ms * 10) / 10);
      this.dataset.computeMs = String(Math.round(compute * 100) / 100);
      this.dataset.predictions = String(this.#count);
      const probe = (globalThis as { __tinymlMotionProbe?: (x: object) => void }).__tinymlMotionProbe;
      probe?.({ kind: 'prediction', widget: 'live', latencyMs: ms, computeMs: compute, label: p.label, at: performance.now() });
      if (this.dataset.phase === 'filling') this.#phase();
    } else if (this.dataset.phase === 'filling') this.#notes();
  }
}

defineWidget('motion-live', MotionLive);
