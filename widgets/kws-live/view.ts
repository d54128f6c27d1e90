/**
 * <tinyml-kws-live>: live keyword detection. An audio source chosen with lib/audio's picker
 * (microphone, a shipped sample or a WAV file, repeated between two stretches of silence)
 * feeds LiveEngine (core.ts: features → model on the last 1 s every N ms → RecognizeCommands);
 * the view shows the last 5 s of raw
 * posteriors, the smoothed keyword scores, the threshold and the detections with their
 * suppression windows, a big current-word display, a counter per keyword and the recognizer's
 * settings as sliders. Detections are announced in an aria-live region.
 * data-phase: idle | loading | listening | error; data-detections (reported detections since
 * the source started), data-last (label of the last one), data-model (defecto | propio once
 * loaded), data-source (mic | buffer while listening). The picker's own data-audio-* are inside.
 */
import type * as TF from '@tensorflow/tfjs';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { fmt, h, resized, select, slider, type Slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { loadTf } from '../lib/cnn/tf-main';
import { loadKws, type LoadedKws } from '../lib/kws/load';
import { KWS_SAVED_EVENT } from '../lib/kws/contract';
import type { Detection } from '../lib/kws/timeline';
import type { AudioSource } from '../lib/audio/types';
import { createAudioPicker, type AudioPickInfo, type AudioPicker } from '../lib/audio/source-picker';
import { LIVE_DEFAULTS, LiveEngine, countByLabel, effectiveEveryMs, hopMs, keywordsOf, type LiveSettings } from './core';
import { classSlot, timelineChart } from './render';
import './style.css';

const MODELS = ['defecto', 'propio'] as const;
const schema = {
  modelo: oneOf(MODELS, 'defecto'),
  ventana: int(LIVE_DEFAULTS.ventana, 100, 2000),
  umbral: num(LIVE_DEFAULTS.umbral, 0.3, 1),
  suprimir: int(LIVE_DEFAULTS.suprimir, 0, 3000),
  minimo: int(LIVE_DEFAULTS.minimo, 1, 10),
  cada: int(LIVE_DEFAULTS.cada, 20, 500),
};
type State = typeof schema;

const SPAN_MS = 5000;
/** ms (audio time) the current-word display stays lit after a detection. */
const LIT_MS = 1200;

interface SliderSpec {
  key: keyof LiveSettings;
  label: string;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
  help: string;
}

const SLIDERS: SliderSpec[] = [
  { key: 'ventana', label: 'Ventana de promedio', min: 100, max: 2000, step: 50, format: (v) => `${fmt(v, 0)} ms`,
    help: 'Más larga: un ruido breve no dispara (menos falsas alarmas), pero una palabra corta no llega al umbral (más fallos) y la detección llega más tarde.' },
  { key: 'umbral', label: 'Umbral de detección', min: 0.3, max: 1, step: 0.01, format: (v) => fmt(v, 2),
    help: 'Más alto: menos falsas alarmas y más palabras perdidas; más bajo: al revés. micro_speech usa 200/256 ≈ 0,78.' },
  { key: 'suprimir', label: 'Supresión tras detectar', min: 0, max: 3000, step: 100, format: (v) => `${fmt(v, 0)} ms`,
    help: 'Tiempo en que la misma palabra no puede volver a dispararse: evita contar dos veces una palabra larga, pero se come una repetición rápida.' },
  { key: 'minimo', label: 'Mínimo de resultados', min: 1, max: 10, step: 1, format: (v) => fmt(v, 0),
    help: 'Inferencias que debe haber en la ventana antes de decidir nada: más, más fiable pero más lento tras arrancar.' },
  { key: 'cada', label: 'Inferir cada', min: 20, max: 500, step: 20, format: (v) => `${fmt(v, 0)} ms`,
    help: 'Más a menudo: respuesta más rápida y promedio más fino, pero más cálculo (en la placa, más batería).' },
];

class KwsLive extends WidgetElement<State> {
  readonly schema = schema;
  #loaded: LoadedKws | null = null;
  #tf: typeof TF | null = null;
  /** The choice the loaded model answers. */
  #choice: (typeof MODELS)[number] | null = null;
  #loadRun = 0;
  #engine: LiveEngine | null = null;
  #source: AudioSource | null = null;
  #offSource: (() => void) | null = null;
  #picker: AudioPicker | null = null;
  #runDetections: Detection[] = [];
  #dirty = false;
  /** The settings the engine runs with (JSON), so a redraw does not restart the recognizer. */
  #applied = '';
  #width = 560;
  #el!: {
    model: ReturnType<typeof select<(typeof MODELS)[number]>>; modelNote: HTMLElement; pickerBox: HTMLElement;
    status: HTMLElement; words: Map<string, HTMLElement>; wordsBox: HTMLElement; counts: HTMLElement;
    chart: HTMLElement; legend: HTMLElement; announce: HTMLElement; sliders: Map<keyof LiveSettings, Slider>; every: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const sliders = new Map<keyof LiveSettings, Slider>();
    const sliderBoxes = SLIDERS.map((sp) => {
      const sl = slider({ label: sp.label, min: sp.min, max: sp.max, step: sp.step, value: s[sp.key], format: sp.format, onInput: (v) => this.setState({ [sp.key]: v } as Partial<typeof this.state>) });
      sliders.set(sp.key, sl);
      const help = h('p', { class: 'kl-help', text: sp.help, id: `${sl.input.id}-ayuda` });
      sl.input.setAttribute('aria-describedby', help.id);
      sl.root.append(help);
      return sl.root;
    });
    this.#el = {
      model: select({ label: 'Modelo', options: [{ value: 'defecto', label: 'Modelo del curso' }, { value: 'propio', label: 'Tu modelo (el que entrenaste arriba)' }], value: s.modelo, onChange: (v) => this.setState({ modelo: v }) }),
      modelNote: h('p', { class: 'kl-model-note', 'aria-live': 'polite' }),
      pickerBox: h('div', { class: 'kl-picker' }),
      status: h('p', { class: 'kl-status' }),
      words: new Map(),
      wordsBox: h('div', { class: 'kl-words', role: 'group', 'aria-label': 'Palabra detectada ahora' }),
      counts: h('p', { class: 'kl-counts' }),
      chart: h('div', { class: 'kl-chart', role: 'img' }),
      legend: h('ul', { class: 'kl-legend' }),
      announce: h('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
      sliders,
      every: h('p', { class: 'kl-every' }),
    };
    const e = this.#el;
    this.append(
      h('div', { class: 'ctl-row' }, e.model.root),
      e.modelNote,
      e.pickerBox,
      e.status,
      h('div', { class: 'kl-now' }, e.wordsBox, e.counts),
      e.chart,
      e.legend,
      e.announce,
      h('details', { class: 'kl-settings', open: true }, h('summary', { text: 'Ajustes del reconocedor (RecognizeCommands)' }), h('div', { class: 'kl-sliders' }, ...sliderBoxes), e.every),
    );
    // Samples and files repeat as silence – clip – silence: a lone 1 s clip never fires (the
    // recognizer needs ≥ 250 ms of consistent results after the word is complete in the window).
    this.#picker = createAudioPicker(e.pickerBox, {
      loopSamples: true,
      onSource: (src, info) => this.guard(() => this.#attach(src, info)),
      onStop: () => this.guard(() => this.#detach()),
      onProblem: () => this.guard(() => { if (!this.#source) this.dataset.phase = 'error'; }),
    });
    this.dataset.detections = '0';
    this.dataset.last = '';
    this.dataset.phase = 'loading';
    this.onCleanup(() => { this.#detach(); this.#picker?.dispose(); this.#picker = null; });
    this.onCleanup(resized(e.chart, (w) => { this.#width = w; this.#draw(); }));
    this.#width = e.chart.clientWidth || 560;
    this.listen(window, KWS_SAVED_EVENT, () => { if (this.state.modelo === 'propio') void this.#loadModel(); });
    this.onCleanup(() => { this.#loadRun++; this.#loaded?.model.dispose(); this.#loaded = null; });
    void this.#loadModel();
  }

  #settings(): LiveSettings {
    const s = this.state;
    return { ventana: s.ventana, umbral: s.umbral, suprimir: s.suprimir, minimo: s.minimo, cada: s.cada };
  }

  async #loadModel(): Promise<void> {
    const run = ++this.#loadRun;
    const choice = this.state.modelo;
    this.#choice = choice; // also on failure: update() must not retry in a loop
    await this.#picker?.stop();
    this.dataset.phase = 'loading';
    delete this.dataset.model;
    this.#el.modelNote.textContent = 'Cargando el modelo…';
    this.#el.model.input.disabled = true;
    try {
      const { tf } = await loadTf();
      this.#tf = tf;
      const loaded = await loadKws(tf, choice);
      if (run !== this.#loadRun || !this.isConnected) {
        loaded.model.dispose();
        return;
      }
      // One prediction now, so the first live window does not pay for the backend's warm-up.
      tf.tidy(() => (loaded.model.predict(tf.zeros([1, loaded.meta.frames, loaded.meta.bins, 1])) as TF.Tensor).dataSync());
      this.#loaded?.model.dispose();
      this.#loaded = loaded;
      this.#engine = null;
      this.dataset.model = loaded.source;
      this.dataset.phase = 'idle';
      const m = loaded.meta;
      const acc = m.test ? ` Acierta el ${fmt(m.test.accuracy * 100, 1)} % de ${m.test.n} clips de voces de prueba.` : '';
      this.#el.modelNote.textContent = (loaded.error ? `${loaded.error} ` : '') +
        `${loaded.source === 'propio' ? 'Tu modelo' : 'El modelo del curso'}: clases ${m.classes.map((c) => `«${c}»`).join(', ')}; entrada ${m.frames} × ${m.bins} (${m.feature === 'mfcc' ? 'MFCC' : 'log-mel'}).${acc}`;
      this.#el.modelNote.classList.toggle('kl-warn', !!loaded.error);
      this.#el.status.textContent = 'Elige el micrófono y di «sí» o «no», o analiza una muestra: se repite con medio segundo de silencio antes y después.';
      this.#buildWords();
    } catch (err) {
      if (run !== this.#loadRun) return;
      this.dataset.phase = 'error';
      this.#el.modelNote.textContent = `No se pudo cargar el modelo: ${(err as Error).message} Recarga la página para intentarlo de nuevo.`;
    }
    this.#el.model.input.disabled = false;
    this.update();
  }

  #buildWords(): void {
    const m = this.#loaded!.meta;
    const kws = keywordsOf(m.classes);
    this.#el.words.clear();
    this.#el.wordsBox.replaceChildren(...kws.map((k) => {
      const w = h('span', { class: `kl-word kl-b${classSlot(m.classes.indexOf(k))}`, text: k, 'data-word': k });
      this.#el.words.set(k, w);
      return w;
    }));
    this.#el.legend.replaceChildren(
      ...m.classes.map((c, i) => h('li', {}, h('span', { class: `kl-sw kl-b${classSlot(i)}` }), `${c}: probabilidad (línea fina)${kws.includes(c) ? ' y media suavizada (gruesa)' : ''}`)),
      h('li', {}, h('span', { class: 'kl-sw kl-sw-thr' }), 'umbral; las franjas sombreadas son la supresión tras cada detección'),
    );
  }

  #newEngine(): LiveEngine | null {
    const l = this.#loaded;
    const tf = this.#tf;
    if (!l || !tf) return null;
    const { model, meta } = l;
    const infer = (x: Float32Array): Float32Array =>
      tf.tidy(() => (model.predict(tf.tensor4d(x, [1, meta.frames, meta.bins, 1])) as TF.Tensor).dataSync() as Float32Array).slice();
    return new LiveEngine(meta, infer, this.#settings(), SPAN_MS);
  }

  /** The picker started `src`: a fresh engine and history listen to it. */
  #attach(src: AudioSource, info: AudioPickInfo): void {
    this.#detach();
    const engine = this.#newEngine();
    if (!engine) {
      void this.#picker?.stop();
      this.#el.status.textContent = 'Espera a que termine de cargar el modelo y vuelve a empezar.';
      return;
    }
    this.#engine = engine;
    this.#applied = JSON.stringify(this.#settings());
    this.#source = src;
    this.#runDetections = [];
    this.#offSource = src.on('samples', (c) => this.guard(() => this.#onSamples(c.samples)));
    this.dataset.detections = '0';
    this.dataset.source = src.kind;
    this.dataset.phase = 'listening';
    this.#el.status.textContent = `${info.kind === 'mic' ? 'Di «sí» o «no» con calma, con una pausa entre palabras. ' : ''}` +
      'Mira la línea gruesa: cuando la media pasa del umbral, la palabra se detecta y empieza su franja de supresión.';
    this.update();
  }

  /** The source stopped (or the widget left the page). */
  #detach(): void {
    const had = this.#source !== null;
    this.#offSource?.();
    this.#offSource = null;
    this.#source = null;
    delete this.dataset.source;
    if (this.dataset.phase === 'listening') this.dataset.phase = this.#picker?.element.dataset.audioStatus === 'error' ? 'error' : 'idle';
    if (had && this.isConnected) {
      const n = this.#runDetections.length;
      this.#el.status.textContent = `Detenido. Detecciones en esta escucha: ${n}.`;
      this.#draw();
    }
  }

  #onSamples(samples: Float32Array): void {
    const eng = this.#engine;
    if (!eng || !this.#source) return;
    const fired = eng.push(samples).filter((d) => !d.quiet);
    if (fired.length) {
      this.#runDetections.push(...fired);
      const d = fired[fired.length - 1]!;
      this.dataset.detections = String(this.#runDetections.length);
      this.dataset.last = d.label;
      const n = this.#runDetections.filter((x) => x.label === d.label).length;
      this.#el.announce.textContent = `Detectado «${d.label}» a los ${fmt(d.timeMs / 1000, 1)} s (${n} ${n === 1 ? 'vez' : 'veces'}).`;
    }
    if (!this.#dirty) {
      this.#dirty = true;
      this.frame(() => { this.#dirty = false; this.#draw(); });
    }
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    e.model.set(s.modelo);
    if (this.dataset.phase !== 'loading' && this.#choice !== null && this.#choice !== s.modelo) void this.#loadModel();
    for (const sp of SLIDERS) e.sliders.get(sp.key)!.set(s[sp.key]);
    const key = JSON.stringify(this.#settings());
    if (this.#engine && key !== this.#applied) this.#engine.setSettings(this.#settings());
    this.#applied = key;
    const params = this.#loaded?.meta.params;
    const every = effectiveEveryMs(s.cada, params);
    e.every.textContent = `Con estos ajustes: una inferencia cada ${fmt(every, 0)} ms (un número entero de saltos de ${fmt(hopMs(params), 1)} ms), unas ${fmt(s.ventana / every, 1)} en cada ventana de promedio; una palabra dispara si su media pasa de ${fmt(s.umbral, 2)} con al menos ${s.minimo} resultados que abarquen ${fmt(Math.trunc(s.ventana / 4), 0)} ms o más.`;
    this.#draw();
  }

  #draw(): void {
    const e = this.#el;
    const l = this.#loaded;
    if (!l) {
      e.chart.setAttribute('aria-label', 'Gráfica de las probabilidades en el tiempo: todavía vacía (cargando el modelo).');
      return;
    }
    const classes = l.meta.classes;
    const keywords = keywordsOf(classes);
    const tl = this.#engine?.timeline;
    const points = tl?.points ?? [];
    const dets = tl?.detections ?? [];
    const width = Math.max(280, Math.min(900, Math.floor(this.#width)));
    e.chart.replaceChildren(timelineChart({ width, height: 220, classes, keywords, points, detections: dets, threshold: this.state.umbral, spanMs: SPAN_MS }));
    const nowMs = points.length ? points[points.length - 1]!.timeMs : 0;
    const last = this.#runDetections[this.#runDetections.length - 1];
    for (const [k, w] of e.words) w.classList.toggle('kl-lit', !!last && last.label === k && nowMs - last.timeMs <= LIT_MS && !!this.#source);
    const counts = countByLabel(this.#runDetections, keywords);
    e.counts.textContent = `Detecciones: ${[...counts].map(([k, n]) => `«${k}» ${n}`).join(' · ')}`;
    const lastP = points[points.length - 1];
    e.chart.setAttribute('aria-label', lastP
      ? `Últimos ${fmt(SPAN_MS / 1000, 0)} s: ahora ${classes.map((c, i) => `«${c}» ${fmt(lastP.probs[i]! * 100, 0)} %`).join(', ')}; umbral ${fmt(this.state.umbral, 2)}; ${this.#runDetections.length} detecciones.`
      : `Gráfica de las probabilidades de ${classes.map((c) => `«${c}»`).join(', ')} en los últimos ${fmt(SPAN_MS / 1000, 0)} s, con el umbral ${fmt(this.state.umbral, 2)}: todavía vacía.`);
  }
}

defineWidget('kws-live', KwsLive);
