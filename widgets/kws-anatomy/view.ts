/**
 * <tinyml-kws-anatomy>: the keyword-spotting pipeline as nine boxes (micrófono → reconocedor),
 * each with its live output (a course sample in a loop, the microphone or a WAV file, chosen with
 * lib/audio/source-picker) and its cost per second of audio (ops, RAM,
 * flash: lib/kws/anatomy.ts through ./core.ts), ending in the budget of a Nano 33 BLE Sense as
 * stacked bars. The controls (inference interval, FFT size, mel bands, MFCC count) change the
 * costs; the live outputs keep the loaded model's parameters (the interval changes them too).
 * data-phase: idle | running | error; data-inferences: inferences run since the last start;
 * data-model: loading | ready | error.
 */
import type * as TF from '@tensorflow/tfjs';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { h, select, slider, syncControls } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { loadTf } from '../lib/cnn/tf-main';
import { loadKws, type LoadedKws } from '../lib/kws/load';
import { KWS_SAVED_EVENT, standardizeWindow } from '../lib/kws/contract';
import { createAudioPicker, type AudioPickInfo, type AudioPicker } from '../lib/audio/source-picker';
import { LiveTimeline } from '../lib/kws/timeline';
import { DEFAULT_KWS_ARCH } from '../lib/kws/model';
import { RECOGNIZE_DEFAULTS } from '../lib/audio/recognize';
import { FeatureProvider, AUDIO_DEFAULTS, type AudioParams } from '../lib/audio/features';
import type { AudioSource, AudioChunk } from '../lib/audio/types';
import type { StageId } from '../lib/kws/anatomy';
import {
  EVERY_MS, FFT_SIZES, MEL_BANDS, MFCC_COUNT, STAGES, SampleRing, WINDOW_FRAMES, anatomyCosts, argmax, budgetLine,
  esNum, everyHops, howCounted, recognizerCanDecide, toDb, type AnatomyCosts, type AnatomySettings, type ModelShape,
} from './core';
import { STAGE_COLOR, bars, budgetBars, classBars, costList, paintWindow, sparkline } from './render';
import './style.css';

const schema = {
  cada: int(100, EVERY_MS.min, EVERY_MS.max),
  fft: oneOf(FFT_SIZES, '512'),
  mel: int(40, MEL_BANDS.min, MEL_BANDS.max),
  mfcc: int(13, MFCC_COUNT.min, MFCC_COUNT.max),
};
type State = typeof schema;

const TITLES = Object.fromEntries(STAGES.map((s) => [s.id, s.title])) as Record<StageId, string>;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Box {
  root: HTMLElement;
  plot: HTMLElement;
  costs: HTMLElement;
  note: HTMLElement;
}

interface Live {
  chunk: Float32Array | null;
  frame: Float32Array | null;
  powerDb: Float32Array | null;
  mel: Float32Array | null;
  logmel: Float32Array | null;
  mfcc: Float32Array | null;
  window: ArrayLike<number>[];
  probs: Float32Array | null;
}

const emptyLive = (): Live => ({ chunk: null, frame: null, powerDb: null, mel: null, logmel: null, mfcc: null, window: [], probs: null });

class KwsAnatomy extends WidgetElement<State> {
  readonly schema = schema;
  #kws: LoadedKws | null = null;
  #tf: typeof TF | null = null;
  #source: AudioSource | null = null;
  #sourceLabel = '';
  #picker: AudioPicker | null = null;
  #loadRun = 0;
  #unsub: (() => void) | null = null;
  #fp: FeatureProvider | null = null;
  #ring = new SampleRing(2 * AUDIO_DEFAULTS.frameLength);
  #timeline: LiveTimeline | null = null;
  #live: Live = emptyLive();
  #drawPending = false;
  /** Measured in this browser (performance.now), ms: features per frame, model per inference. */
  #ms = { features: 0, frames: 0, model: 0, inferences: 0 };
  #costs: AnatomyCosts | null = null;
  #el!: {
    status: HTMLElement; pickerBox: HTMLElement;
    cada: ReturnType<typeof slider>; fft: ReturnType<typeof select>; mel: ReturnType<typeof slider>; mfcc: ReturnType<typeof slider>;
    liveNote: HTMLElement; boxes: Record<StageId, Box>; budget: HTMLElement; budgetText: HTMLElement; how: HTMLElement; measured: HTMLElement;
    canvas: HTMLCanvasElement;
  };

  protected setup(): void {
    const s = this.state;
    const boxes = {} as Record<StageId, Box>;
    const list = h('ol', { class: 'ka-chain' });
    const canvas = h('canvas', { class: 'ka-heat', width: WINDOW_FRAMES, height: 13, 'aria-hidden': 'true' });
    STAGES.forEach((st, i) => {
      const plot = h('div', { class: 'ka-plot', role: 'img', 'aria-label': st.output });
      const costs = h('div', { class: 'ka-cost-box' });
      const note = h('p', { class: 'ka-note' });
      const root = h('li', { class: 'ka-box', 'data-stage': st.id },
        h('p', { class: 'ka-title' }, h('span', { class: 'ka-num', text: `${i + 1}` }), st.title),
        h('p', { class: 'ka-what', text: st.output }), plot, note, costs);
      if (st.id === 'window') plot.append(canvas);
      boxes[st.id] = { root, plot, costs, note };
      list.append(root);
    });
    this.#el = {
      status: h('p', { class: 'ka-status', 'aria-live': 'polite' }),
      pickerBox: h('div', { class: 'ka-picker' }),
      cada: slider({ label: 'Una inferencia cada', min: EVERY_MS.min, max: EVERY_MS.max, step: EVERY_MS.step, value: s.cada, format: (v) => `${v} ms`, onInput: (v) => this.setState({ cada: v }) }),
      fft: select({ label: 'Tamaño de la FFT (N)', value: s.fft, options: FFT_SIZES.map((n) => ({ value: n, label: `${n} puntos` })), onChange: (v) => this.setState({ fft: v }) }),
      mel: slider({ label: 'Bandas mel', min: MEL_BANDS.min, max: MEL_BANDS.max, step: MEL_BANDS.step, value: s.mel, onInput: (v) => this.setState({ mel: v }) }),
      mfcc: slider({ label: 'Coeficientes MFCC', min: MFCC_COUNT.min, max: MFCC_COUNT.max, step: MFCC_COUNT.step, value: s.mfcc, onInput: (v) => this.setState({ mfcc: v }) }),
      liveNote: h('p', { class: 'ka-live-note' }),
      boxes,
      budget: h('div', { class: 'ka-budget-rows' }),
      budgetText: h('p', { class: 'ka-budget-text', 'data-budget': 'text' }),
      how: h('ul', { class: 'ka-how' }),
      measured: h('p', { class: 'ka-measured' }),
      canvas,
    };
    const e = this.#el;
    this.append(
      e.pickerBox,
      e.status,
      h('div', { class: 'ctl-row ka-controls', role: 'group', 'aria-label': 'Parámetros que cambian los costes' }, e.cada.root, e.fft.root, e.mel.root, e.mfcc.root),
      e.liveNote,
      list,
      h('section', { class: 'ka-budget', 'aria-label': 'Presupuesto de la placa' },
        h('p', { class: 'ka-budget-title', text: 'Presupuesto de una Arduino Nano 33 BLE Sense por segundo de audio' }), e.budget, e.budgetText),
      e.measured,
      h('details', { class: 'ka-details' }, h('summary', { text: 'Cómo se cuenta' }), e.how),
    );
    // Samples and files repeat as silence – clip – silence, so the recognizer sees separate words.
    this.#picker = createAudioPicker(e.pickerBox, {
      loopSamples: true,
      onSource: (src, info) => this.guard(() => this.#attach(src, info)),
      onStop: () => this.guard(() => this.#stop()),
      onProblem: () => this.guard(() => { if (!this.#source) this.dataset.phase = 'error'; }),
    });
    this.onCleanup(() => { this.#detach(); this.#picker?.dispose(); this.#picker = null; });
    this.onCleanup(() => { this.#loadRun++; this.#kws?.model.dispose(); this.#kws = null; });
    this.listen(window, KWS_SAVED_EVENT, () => void this.#loadModel());
    this.dataset.phase = 'idle';
    this.dataset.inferences = '0';
    this.dataset.model = 'loading';
    void this.#loadModel();
  }

  async #loadModel(): Promise<void> {
    const run = ++this.#loadRun;
    this.dataset.model = 'loading';
    this.#el.status.textContent = 'Cargando el modelo de palabras clave… Las cuentas de abajo ya están listas.';
    try {
      const { tf } = await loadTf();
      const kws = await loadKws(tf, 'auto');
      if (run !== this.#loadRun || !this.isConnected) {
        kws.model.dispose();
        return;
      }
      this.#tf = tf;
      this.#kws?.model.dispose();
      this.#kws = kws;
      this.dataset.model = 'ready';
      if (this.dataset.phase === 'error') this.dataset.phase = this.#source ? 'running' : 'idle';
      this.#el.status.textContent = `Modelo listo (${kws.source === 'propio' ? 'tu modelo' : 'el del curso'}: ${kws.meta.classes.map((c) => `«${c}»`).join(', ')}). Elige una fuente de audio y mira cómo pasa por toda la cadena.`;
      if (this.#source) this.#resetPipeline();
    } catch (err) {
      if (run !== this.#loadRun) return;
      this.dataset.model = 'error';
      this.dataset.phase = 'error';
      this.#el.status.textContent = `No se pudo cargar el modelo: ${message(err)} Las cuentas siguen funcionando.`;
    }
    this.update();
  }

  /** The model's shape for the costs: the loaded model's filters, else the course's defaults. */
  #modelShape(): ModelShape {
    const k = this.#kws;
    if (!k) return { arch: DEFAULT_KWS_ARCH, classes: 4, feature: 'mfcc' };
    const filters = k.model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => Number((l.getConfig() as { filters?: number }).filters));
    return { arch: { conv1: filters[0] ?? DEFAULT_KWS_ARCH.conv1, conv2: filters[1] ?? DEFAULT_KWS_ARCH.conv2 }, classes: k.meta.classes.length, feature: k.meta.feature };
  }

  #settings(): AnatomySettings {
    const s = this.state;
    return { everyMs: everyHops(s.cada) * 20, fftSize: Number(s.fft), melBands: s.mel, mfccCount: s.mfcc };
  }

  /** The model's audio parameters (what the live outputs run). */
  #modelParams(): AudioParams {
    return { ...AUDIO_DEFAULTS, ...(this.#kws?.meta.params ?? {}) };
  }

  /** Fresh features, window and recognizer for the current model (a source may be running). */
  #resetPipeline(): void {
    const p = this.#modelParams();
    this.#fp = new FeatureProvider(p, { power: true });
    this.#ring = new SampleRing(2 * p.frameLength + p.hopLength);
    const kws = this.#kws;
    this.#timeline = kws
      ? new LiveTimeline({
        classes: kws.meta.classes, frames: kws.meta.frames, hopLength: p.hopLength, frameLength: p.frameLength, sampleRate: p.sampleRate,
        everyHops: everyHops(this.state.cada), settings: RECOGNIZE_DEFAULTS,
      })
      : null;
    this.#live = emptyLive();
    this.#ms = { features: 0, frames: 0, model: 0, inferences: 0 };
    this.dataset.inferences = '0';
  }

  /** Runs the pipeline on `src` (already started by the picker, which also stops it). */
  #attach(src: AudioSource, info: AudioPickInfo): void {
    this.#detach();
    this.#resetPipeline();
    this.#source = src;
    this.#sourceLabel = info.label;
    this.#unsub = src.on('samples', (c) => this.guard(() => this.#onChunk(c)));
    this.dataset.phase = 'running';
    this.#el.status.textContent = `En directo: ${info.label}. Cada caja muestra su salida más reciente.` +
      (this.#kws ? '' : ' El modelo aún se está cargando: las cajas del modelo y del reconocedor empezarán cuando esté.');
    this.update();
  }

  #detach(): void {
    this.#unsub?.();
    this.#unsub = null;
    this.#source = null;
  }

  #stop(): void {
    if (!this.#source) return;
    this.#detach();
    if (this.dataset.phase === 'running') this.dataset.phase = 'idle';
    this.#el.status.textContent = `Detenido (${this.#sourceLabel}). Las cajas muestran lo último que pasó por ellas.`;
    this.update();
  }

  #infer(win: ArrayLike<number>[]): Float32Array {
    const tf = this.#tf!;
    const kws = this.#kws!;
    const t0 = performance.now();
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(standardizeWindow(win, kws.meta), [1, kws.meta.frames, kws.meta.bins, 1]);
      return Float32Array.from((kws.model.predict(x) as TF.Tensor).dataSync());
    });
    this.#ms.model += performance.now() - t0;
    this.#ms.inferences++;
    return probs;
  }

  #onChunk(c: AudioChunk): void {
    const fp = this.#fp;
    const tl = this.#timeline;
    const kws = this.#kws;
    if (!fp || !this.#source) return;
    const live = this.#live;
    live.chunk = c.samples;
    this.#ring.push(c.samples);
    const t0 = performance.now();
    const rows = fp.push(c.samples);
    const n = rows.mfcc.length;
    if (n > 0) {
      this.#ms.features += performance.now() - t0;
      this.#ms.frames += n;
      const p = fp.params;
      const start = (fp.frames - 1) * p.hopLength;
      live.frame = this.#ring.before(fp.samples - (start + p.frameLength), p.frameLength);
      live.powerDb = toDb(rows.power![n - 1]!);
      live.logmel = rows.logmel[n - 1]!;
      live.mel = live.logmel.map(Math.exp);
      live.mfcc = rows.mfcc[n - 1]!;
      const feats = kws?.meta.feature === 'logmel' ? rows.logmel : rows.mfcc;
      live.window = [...live.window, ...feats].slice(-(kws?.meta.frames ?? WINDOW_FRAMES));
      if (tl && kws) {
        const before = tl.inferences;
        tl.push(feats, (w) => this.#infer(w));
        if (tl.inferences > before) live.probs = tl.points[tl.points.length - 1]!.probs;
        this.dataset.inferences = String(tl.inferences);
      }
    }
    if (!this.#drawPending) {
      this.#drawPending = true;
      this.frame(() => {
        this.#drawPending = false;
        this.#drawLive();
      });
    }
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['cada', 'fft', 'mel', 'mfcc']);
    if (this.#timeline && this.#timeline.o.everyHops !== everyHops(s.cada)) this.#timeline.setSettings(RECOGNIZE_DEFAULTS, everyHops(s.cada));
    const settings = this.#settings();
    const c = (this.#costs = anatomyCosts(settings, this.#modelShape()));
    for (const st of c.stages) e.boxes[st.id].costs.replaceChildren(costList(st));
    this.#drawBudget(c);
    e.how.replaceChildren(...howCounted(c).map((t) => h('li', { text: t })));
    const p = this.#modelParams();
    const differs = settings.fftSize !== p.fftSize || settings.melBands !== p.melBands || (this.#kws?.meta.feature !== 'logmel' && settings.mfccCount !== p.mfccCount);
    e.liveNote.textContent = `Las cajas en directo usan los parámetros con que se entrenó el modelo (FFT de ${p.fftSize} puntos, ${p.melBands} bandas mel, ${p.mfccCount} MFCC) y la inferencia cada ${settings.everyMs} ms que elijas.` +
      (differs ? ' Los costes son los de tus valores: lo que costaría la misma red reentrenada con esa entrada.' : ' Los costes son los de esos mismos valores.');
    this.#drawLive();
  }

  #drawBudget(c: AnatomyCosts): void {
    const e = this.#el;
    const rows = (['cpu', 'ram', 'flash'] as const).map((r) =>
      h('div', { class: 'ka-budget-row', 'data-resource': r }, h('p', { class: 'ka-budget-line', text: budgetLine(r, c) }), budgetBars(r, c, TITLES)));
    const legend = h('ul', { class: 'ka-legend', 'aria-hidden': 'true' },
      ...STAGES.map((st) => h('li', {}, h('span', { class: `ka-swatch ${STAGE_COLOR[st.id]}` }), st.title)));
    e.budget.replaceChildren(...rows, legend);
    const top = (r: 'cpu' | 'ram' | 'flash'): string => {
      const i = argmax(c.shares.map((sh) => sh[r]));
      return TITLES[c.shares[i]!.id].toLowerCase();
    };
    e.budgetText.textContent = `En total, la aplicación usa ${budgetLine('cpu', c).replace('CPU: ', 'en cálculo ')}; ${budgetLine('ram', c).replace('RAM: ', 'en RAM ')}; ${budgetLine('flash', c).replace('Flash: ', 'en flash ')}. Lo que más calcula: ${top('cpu')}; lo que más RAM ocupa: ${top('ram')}; lo que más flash: ${top('flash')}.`;
  }

  #drawLive(): void {
    const e = this.#el;
    const L = this.#live;
    const kws = this.#kws;
    const b = e.boxes;
    const put = (id: StageId, node: Node, label: string): void => {
      const plot = b[id].plot;
      if (id !== 'window') plot.replaceChildren(node);
      plot.setAttribute('aria-label', label);
    };
    const peak = (x: ArrayLike<number> | null): string => {
      if (!x) return '';
      let m = 0;
      for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
      return esNum(m, 3);
    };
    put('mic', sparkline(L.chunk), L.chunk ? `Forma de onda de las últimas ${L.chunk.length} muestras; pico ${peak(L.chunk)}.` : 'Sin audio todavía.');
    put('frames', sparkline(L.frame), L.frame ? `La trama más nueva, ${L.frame.length} muestras; pico ${peak(L.frame)}.` : 'Sin tramas todavía.');
    const pk = L.powerDb ? argmax(L.powerDb) : -1;
    const p = this.#modelParams();
    put('fft', bars(L.powerDb, { lo: -60, hi: 60 }), L.powerDb ? `Espectro de potencia: ${L.powerDb.length} valores de 0 a ${esNum(p.sampleRate / 2000, 0)} kHz; el más fuerte, ${esNum(L.powerDb[pk]!, 0)} dB hacia ${esNum((pk * p.sampleRate) / p.fftSize, 0)} Hz.` : 'Sin espectro todavía.');
    put('mel', bars(L.mel, { lo: 0 }), L.mel ? `${L.mel.length} energías mel en escala lineal; la mayor es la banda ${argmax(L.mel) + 1}.` : 'Sin energías todavía.');
    put('log', bars(L.logmel), L.logmel ? `${L.logmel.length} energías mel en logaritmo, de ${esNum(Math.min(...L.logmel), 1)} a ${esNum(Math.max(...L.logmel), 1)}.` : 'Sin valores todavía.');
    put('dct', bars(L.mfcc, { signed: true }), L.mfcc ? `${L.mfcc.length} coeficientes MFCC; el primero vale ${esNum(L.mfcc[0]!, 1)}.` : 'Sin coeficientes todavía.');
    const frames = kws?.meta.frames ?? WINDOW_FRAMES;
    if (L.window.length) paintWindow(e.canvas, L.window, frames);
    put('window', e.canvas, L.window.length ? `Mapa de calor de la ventana: ${L.window.length} de ${frames} tramas × ${L.window[0]!.length} valores; el tiempo avanza hacia la derecha.` : 'La ventana aún está vacía.');
    b.window.note.textContent = L.window.length < frames && this.#source ? `Llenando: ${L.window.length} de ${frames} tramas.` : '';
    const labels = kws?.meta.classes ?? [];
    const top = L.probs ? argmax(L.probs) : -1;
    put('model', classBars(labels, L.probs), L.probs ? `Probabilidades: ${labels.map((l, i) => `${l} ${Math.round(L.probs![i]! * 100)} %`).join(', ')}.` : 'Sin inferencias todavía.');
    b.model.note.textContent = this.#ms.inferences ? `Medido en este navegador: ${esNum(this.#ms.model / this.#ms.inferences, 2)} ms por inferencia.` : '';
    b.model.root.dataset.top = top >= 0 ? labels[top]! : '';
    // Recognizer: the average of the last second, and the last word it reported.
    const tl = this.#timeline;
    const last = tl?.points[tl.points.length - 1];
    const det = tl?.detections.filter((d) => !d.quiet).at(-1);
    const canDecide = recognizerCanDecide(this.#settings().everyMs, RECOGNIZE_DEFAULTS);
    const avg = last?.averages ?? null;
    const decision = h('div', { class: 'ka-decision' },
      h('p', { class: 'ka-word', text: det ? `«${det.label}»` : '—' }),
      h('p', { class: 'ka-when', text: det ? `detectada a los ${esNum(det.timeMs / 1000, 1)} s de audio` : 'ninguna palabra detectada aún' }),
      classBars(labels, avg, 'ka-probs ka-avg'));
    put('recognize', decision, det ? `Última palabra detectada: ${det.label}, a los ${esNum(det.timeMs / 1000, 1)} s.` : 'Ninguna palabra detectada todavía.');
    b.recognize.note.textContent = !canDecide
      ? `Con una inferencia cada ${this.#settings().everyMs} ms no caben ${RECOGNIZE_DEFAULTS.minimumCount} resultados en 1 s: el reconocedor nunca se fía y no decide.`
      : last && !avg ? `Reuniendo resultados: hacen falta ${RECOGNIZE_DEFAULTS.minimumCount} en el último segundo.` : `Decide si la media pasa de ${Math.round(RECOGNIZE_DEFAULTS.detectionThreshold * 100)} %.`;
    this.dataset.decision = det?.label ?? '';
    const f = this.#ms;
    e.measured.textContent = f.frames
      ? `Medido en este navegador (no en la placa): ${esNum(f.features / f.frames, 3)} ms por trama para ventana, FFT, mel, logaritmo y DCT; ${f.inferences ? `${esNum(f.model / f.inferences, 2)} ms por inferencia` : 'aún sin inferencias'}.`
      : 'Cuando empiece, aquí verás cuánto tarda cada parte en este navegador (no en la placa).';
  }
}

defineWidget('kws-anatomy', KwsAnatomy);
