/**
 * <tinyml-anomaly-live>: the K-means detector (fitted on normal simulated motion) and the
 * lesson-15 classifier (trained on the example data set with the widget's seed, in slices)
 * side by side on the simulated board's live stream. Buttons choose the motion, including the
 * anomalies shake / tap / drop; a slider sets the threshold.
 * data-phase: training | ready | filling | live | stopped | error; data-anomaly (true | false),
 * data-score, data-class, data-confidence, data-alarms (windows above the threshold).
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { ANOMALIES, GESTURES, GESTURE_LABELS, type SimMotion } from '../lib/sensors/simulator';
import { createSimulatedSource, type SimulatedSource } from '../lib/sensors/simulated-source';
import { predictProbs, type MotionModelData } from '../lib/motion/model';
import { LiveScorer, WINDOW_ROWS, normalModel, type LiveResult } from './core';
import { classBars, scoreChart } from './render';
import './style.css';

const MOTIONS = [...GESTURES, ...ANOMALIES] as const;
const schema = {
  movimiento: oneOf(MOTIONS, 'wave'),
  umbral: num(0.5, -1, 5),
  seed: int(16, 0, 9999),
};
type State = typeof schema;

const classifiers = new Map<number, Promise<MotionModelData>>();
/** A yield that page.clock does not freeze (a message round trip). */
const pause = (): Promise<void> => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); r(); }; c.port2.postMessage(0); });

function classifierFor(seed: number): Promise<MotionModelData> {
  let p = classifiers.get(seed);
  if (!p) {
    p = import('../lib/motion/train').then(({ trainExampleModel }) => trainExampleModel({ seed, pause, createdAt: 0 }));
    p.catch(() => classifiers.delete(seed));
    classifiers.set(seed, p);
  }
  return p;
}

class AnomalyLive extends WidgetElement<State> {
  readonly schema = schema;
  #clf: MotionModelData | null = null;
  #scorer: LiveScorer | null = null;
  #source: SimulatedSource | null = null;
  #last: LiveResult | null = null;
  #alarms = 0;
  #el!: {
    motions: HTMLButtonElement[]; umbral: ReturnType<typeof slider>; start: HTMLButtonElement; stop: HTMLButtonElement;
    status: HTMLElement; light: HTMLElement; lightText: HTMLElement; chart: HTMLElement; bars: HTMLElement; clfText: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    this.#el = {
      motions: MOTIONS.map((m) => button(GESTURE_LABELS[m], () => this.#setMotion(m), { class: 'btn btn-quiet', 'aria-pressed': String(m === s.movimiento), 'data-motion': m })),
      umbral: slider({ label: 'Umbral de anomalía', min: -1, max: 5, step: 0.05, value: s.umbral, format: (v) => fmt(v, 2), onInput: (v) => this.setState({ umbral: v }) }),
      start: button('▶ Empezar', () => void this.#start()),
      stop: button('■ Detener', () => void this.#stop(), { class: 'btn btn-quiet' }),
      status: h('p', { class: 'al-status', 'aria-live': 'polite' }),
      light: h('div', { class: 'al-light', role: 'status' }),
      lightText: h('span', {}),
      chart: h('div', { class: 'al-chart', role: 'img' }),
      bars: h('div', { class: 'al-bars-box' }),
      clfText: h('p', { class: 'al-clf-text' }),
    };
    const e = this.#el;
    e.light.append(e.lightText);
    this.append(
      h('div', { class: 'al-motions', role: 'group', 'aria-label': 'Movimiento de la placa simulada' }, h('span', { class: 'al-group-label', text: 'La placa simulada hace:' }), ...e.motions),
      h('div', { class: 'ctl-row' }, e.umbral.root, h('div', { class: 'al-run' }, e.start, e.stop)),
      e.status,
      h('div', { class: 'al-side' },
        h('section', { class: 'al-panel', 'aria-label': 'Detector de anomalías (K-means)' }, h('p', { class: 'al-h', text: 'Detector de anomalías (K-means)' }), e.light, e.chart),
        h('section', { class: 'al-panel', 'aria-label': 'Clasificador de la lección 15' }, h('p', { class: 'al-h', text: 'Clasificador de la lección 15' }), e.bars, e.clfText)),
    );
    this.onCleanup(() => void this.#source?.stop());
    this.#scorer = new LiveScorer(normalModel(s.seed), null);
    this.dataset.phase = 'training';
    this.dataset.alarms = '0';
    void this.#loadClassifier();
  }

  async #loadClassifier(): Promise<void> {
    const seed = this.state.seed;
    this.#el.status.textContent = 'Preparando los modelos: el detector ya está ajustado con movimiento normal; el clasificador de la lección 15 se está entrenando con el conjunto de ejemplo…';
    this.#el.start.disabled = true;
    try {
      const m = await classifierFor(seed);
      if (!this.isConnected || seed !== this.state.seed) return;
      this.#clf = m;
      this.#scorer = new LiveScorer(normalModel(seed), (f) => predictProbs(m, f));
      this.dataset.phase = 'ready';
      this.#el.status.textContent = `Modelos listos (semilla ${seed}). Pulsa «Empezar» y prueba un gesto normal y luego una sacudida, un golpe o una caída.`;
      this.#el.start.disabled = false;
      this.update();
    } catch (err) {
      this.dataset.phase = 'error';
      this.#el.status.textContent = `No se pudo entrenar el clasificador: ${(err as Error).message}`;
    }
  }

  #setMotion(m: SimMotion): void {
    this.setState({ movimiento: m as State['movimiento']['default'] });
  }

  async #start(): Promise<void> {
    if (this.#source || !this.#scorer || !this.#clf) return;
    this.#scorer.reset();
    this.#last = null;
    this.#alarms = 0;
    const src = (this.#source = createSimulatedSource({ hz: 100, seed: this.state.seed, gesture: this.state.movimiento }));
    src.on('samples', (rows) => this.guard(() => this.#onRows(rows)));
    this.dataset.phase = 'filling';
    await src.start();
    this.update();
  }

  async #stop(): Promise<void> {
    const src = this.#source;
    if (!src) return;
    this.#source = null;
    await src.stop();
    this.dataset.phase = 'stopped';
    this.update();
  }

  #onRows(rows: Parameters<LiveScorer['push']>[0]): void {
    const sc = this.#scorer;
    if (!sc || !this.#source) return;
    const r = sc.push(rows);
    if (!r) {
      if (!this.#last) this.#el.status.textContent = `Llenando la primera ventana de 2 s: ${sc.filled} de ${WINDOW_ROWS} muestras.`;
      return;
    }
    this.#last = r;
    if (r.score > this.state.umbral) this.#alarms++;
    this.dataset.phase = 'live';
    this.update();
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    e.umbral.set(s.umbral);
    e.motions.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.motion === s.movimiento)));
    if (this.#source && this.#source.gesture !== s.movimiento) this.#source.setGesture(s.movimiento);
    const running = this.#source !== null;
    e.start.disabled = running || !this.#clf;
    e.stop.disabled = !running;
    const r = this.#last;
    const anomalous = r !== null && r.score > s.umbral;
    this.dataset.anomaly = String(anomalous);
    this.dataset.alarms = String(this.#alarms);
    e.light.className = `al-light${r ? (anomalous ? ' al-light-on' : ' al-light-ok') : ''}`;
    e.lightText.textContent = r
      ? `${anomalous ? '¡Anomalía!' : 'Normal'} Puntuación ${fmt(r.score, 2)} (umbral ${fmt(s.umbral, 2)}; grupo más cercano ${r.cluster + 1}).`
      : 'Sin datos todavía.';
    if (r) this.dataset.score = String(r.score);
    const labels = this.#clf?.labels ?? [];
    e.bars.replaceChildren(classBars(labels, r?.probs ?? null));
    if (r?.probs && this.#clf) {
      let top = 0;
      for (let i = 1; i < r.probs.length; i++) if (r.probs[i]! > r.probs[top]!) top = i;
      this.dataset.class = labels[top]!;
      this.dataset.confidence = String(r.probs[top]!);
      const isAnomaly = (ANOMALIES as readonly string[]).includes(s.movimiento);
      e.clfText.textContent = `Dice «${labels[top]}» con un ${fmt(r.probs[top]! * 100, 0)} % de confianza.` +
        (isAnomaly ? ` Pero la placa está haciendo «${GESTURE_LABELS[s.movimiento]}», algo que nunca vio al entrenar: un clasificador siempre elige una de sus clases.` : '');
    } else e.clfText.textContent = this.#clf ? 'Esperando la primera ventana.' : 'Entrenándose…';
    if (r) e.status.textContent = running ? `En directo: una ventana de 2 s cada 250 ms. Ventanas por encima del umbral desde que empezaste: ${this.#alarms}.` : `Detenido. Ventanas por encima del umbral: ${this.#alarms}.`;
    this.#draw();
  }

  #draw(): void {
    const e = this.#el;
    const hist = this.#scorer?.history ?? [];
    const width = Math.max(260, Math.min(560, Math.floor(e.chart.clientWidth || 420)));
    e.chart.replaceChildren(scoreChart(width, 180, hist, this.state.umbral));
    const over = hist.filter((r) => r.score > this.state.umbral).length;
    e.chart.setAttribute('aria-label', hist.length
      ? `Puntuación de anomalía de las últimas ${hist.length} ventanas, de ${fmt(Math.min(...hist.map((r) => r.score)), 2)} a ${fmt(Math.max(...hist.map((r) => r.score)), 2)}; ${over} por encima del umbral ${fmt(this.state.umbral, 2)}.`
      : 'Gráfica de la puntuación de anomalía en el tiempo: todavía vacía.');
  }
}

defineWidget('anomaly-live', AnomalyLive);
