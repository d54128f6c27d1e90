/**
 * Lesson 17 «Espectrograma, mel y MFCC en directo» (<tinyml-kws-features>): audio from the shared
 * picker (lib/audio/source-picker: a course sample, the microphone or a WAV) goes through
 * FeatureStream (core.ts: lib/audio's FeatureProvider, only new frames computed) and three
 * scrolling heatmaps of the last 3 s: power spectrogram (dB), log-mel and MFCC, each with axes,
 * a colour legend and a text alternative saying what dominates now. Below, the newest frame's
 * spectrum with the mel triangles W_m over it and Y_t[m] = Σ_k W_m[k]·|X_t[k]|² computed for the
 * highlighted filter. Hover, or focus a heatmap and use the arrow keys, to read one cell.
 * «Pausar» freezes the picture (audio arriving meanwhile is not analysed).
 *
 * Data attributes: data-phase (idle | running | paused | error), data-frames (frames computed
 * since the last rebuild), data-rebuilds, data-params («L=480 hop=320 N=512 M=40 C=13»).
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, select, slider, syncControls } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { createAudioPicker, type AudioPicker } from '../lib/audio/source-picker';
import type { AudioSource } from '../lib/audio/types';
import { CanvasSurface } from '../lib/motion/axes-plot';
import { FFT_SIZES, FeatureStream, argmax, binHz, describeParams, emptyFilters, es, type FeatureSettings } from './core';
import { drawBank, drawHeatmap, plotRect, readColors, type Colors, type Tick } from './render';
import './style.css';

const schema = {
  melBands: int(40, 10, 80),
  mfccCount: int(13, 8, 20),
  fftSize: oneOf(FFT_SIZES, '512'),
  frameMs: int(30, 10, 60),
  hopMs: int(20, 5, 50),
};

type Phase = 'idle' | 'running' | 'paused' | 'error';
type ViewKey = 'db' | 'mel' | 'mfcc';
interface Cursor { view: ViewKey; col: number; row: number }

const TITLES: Record<ViewKey, string> = {
  db: 'Espectrograma de potencia',
  mel: 'Espectrograma log-mel',
  mfcc: 'MFCC',
};

class KwsFeatures extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #picker!: AudioPicker;
  #stream!: FeatureStream;
  #key = '';
  #rebuilds = 0;
  #paused = false;
  #running = false;
  #error = false;
  #unsub: (() => void) | null = null;
  #cursor: Cursor | null = null;
  #colors!: Colors;
  #lastAlt = -1;
  /** What the readout last said about (cursor and frame), so it is not re-announced every frame. */
  #readKey = '';
  #readFrames = -1;
  #surf!: Record<ViewKey | 'bank', CanvasSurface>;
  #el!: {
    melBands: ReturnType<typeof slider>; mfccCount: ReturnType<typeof slider>; fftSize: ReturnType<typeof select<string>>;
    frameMs: ReturnType<typeof slider>; hopMs: ReturnType<typeof slider>;
    params: HTMLElement; notes: HTMLElement; pause: HTMLButtonElement; readout: HTMLElement; bankText: HTMLElement;
    canvas: Record<ViewKey | 'bank', HTMLCanvasElement>;
  };

  protected setup(): void {
    const s = this.state;
    this.#paused = false;
    this.#running = false;
    this.#error = false;
    this.#cursor = null;
    this.#key = '';
    const canvas = {
      db: h('canvas', { class: 'kf-map kf-db', role: 'img', tabindex: 0 }),
      mel: h('canvas', { class: 'kf-map kf-mel', role: 'img', tabindex: 0 }),
      mfcc: h('canvas', { class: 'kf-map kf-mfcc', role: 'img', tabindex: 0 }),
      bank: h('canvas', { class: 'kf-bank', role: 'img' }),
    };
    const readout = h('p', { class: 'kf-readout', id: `${this.widgetId}-readout`, 'aria-live': 'polite' });
    const e = (this.#el = {
      melBands: slider({ label: 'Bandas mel (M)', min: 10, max: 80, step: 1, value: s.melBands, onInput: (v) => this.setState({ melBands: v }) }),
      mfccCount: slider({ label: 'Coeficientes MFCC (C)', min: 8, max: 20, step: 1, value: s.mfccCount, onInput: (v) => this.setState({ mfccCount: v }) }),
      fftSize: select<string>({ label: 'Tamaño de la FFT (N)', value: s.fftSize, options: FFT_SIZES.map((n) => ({ value: n, label: `${n} puntos` })), onChange: (v) => this.setState({ fftSize: v as (typeof FFT_SIZES)[number] }) }),
      frameMs: slider({ label: 'Longitud de trama', min: 10, max: 60, step: 5, value: s.frameMs, format: (v) => `${v} ms = ${v * 16} muestras`, onInput: (v) => this.setState({ frameMs: v }) }),
      hopMs: slider({ label: 'Salto', min: 5, max: 50, step: 5, value: s.hopMs, format: (v) => `${v} ms = ${v * 16} muestras`, onInput: (v) => this.setState({ hopMs: v }) }),
      params: h('p', { class: 'kf-params' }),
      notes: h('div', { class: 'kf-notes', 'aria-live': 'polite' }),
      pause: button('Pausar', () => this.#togglePause(), { class: 'btn btn-quiet', 'aria-pressed': 'false', 'data-kf-pause': '' }),
      readout,
      bankText: h('p', { class: 'kf-bank-text' }),
      canvas,
    });
    for (const k of ['db', 'mel', 'mfcc'] as const) {
      canvas[k].setAttribute('aria-describedby', readout.id);
      this.#pointer(k, canvas[k]);
    }
    this.#surf = {
      db: new CanvasSurface(canvas.db, () => this.#queue()),
      mel: new CanvasSurface(canvas.mel, () => this.#queue()),
      mfcc: new CanvasSurface(canvas.mfcc, () => this.#queue()),
      bank: new CanvasSurface(canvas.bank, () => this.#queue()),
    };
    this.onCleanup(() => { for (const sf of Object.values(this.#surf)) sf.dispose(); });

    const pickerHost = h('div', { class: 'kf-source' });
    const formula = h('p', { class: 'kf-formula' },
      'Y', h('sub', { text: 't' }), '[m] = Σ', h('sub', { text: 'k' }), ' W', h('sub', { text: 'm' }), '[k] · |X', h('sub', { text: 't' }), '[k]|²');
    const fig = (k: ViewKey, hint: string): HTMLElement =>
      h('figure', { class: 'kf-fig' }, h('figcaption', {}, h('strong', { text: TITLES[k] }), ` ${hint}`), canvas[k]);
    this.append(
      pickerHost,
      h('div', { class: 'ctl-row' }, e.melBands.root, e.mfccCount.root, e.fftSize.root, e.frameMs.root, e.hopMs.root),
      e.params, e.notes,
      h('div', { class: 'kf-bar' }, e.pause, h('p', { class: 'kf-hint', text: 'Pasa el ratón por una imagen, o entra en ella con el tabulador y usa las flechas, para leer el valor de una casilla.' })),
      fig('db', '(dB, 10·log₁₀ |X|²): cada columna es una trama; abajo los graves, arriba los agudos.'),
      fig('mel', '(ln Y): la misma energía sumada en los filtros mel.'),
      fig('mfcc', '(DCT-II de ln Y): c0 es el nivel medio y queda fuera de la escala de color.'),
      readout,
      h('section', { class: 'kf-bank-box', 'aria-label': 'Banco de filtros mel' },
        h('p', { class: 'kf-bank-title' }, h('strong', { text: 'El banco de filtros mel' }), ' sobre el espectro de la última trama'),
        h('div', { class: 'kf-bank-grid' }, canvas.bank, h('div', { class: 'kf-bank-side' }, formula, e.bankText))),
    );
    this.#picker = createAudioPicker(pickerHost, {
      loopSamples: true,
      onSource: (src) => this.#attach(src),
      onStop: () => this.#detach(),
      onProblem: () => {
        if (!this.#running) {
          this.#error = true;
          this.#phase();
        }
      },
    });
    this.onCleanup(() => { this.#unsub?.(); this.#picker.dispose(); });
    this.#colors = readColors(this);
    this.listen(document, 'tinyml:theme', () => { this.#colors = readColors(this); this.#queue(); });
    this.#phase();
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['melBands', 'mfccCount', 'fftSize', 'frameMs', 'hopMs']);
    const settings = this.#settings();
    const key = JSON.stringify(settings);
    if (key !== this.#key) {
      this.#key = key;
      this.#rebuild(settings);
    }
    this.#queue();
  }

  #settings(): FeatureSettings {
    const s = this.state;
    return { melBands: s.melBands, mfccCount: s.mfccCount, fftSize: Number(s.fftSize), frameMs: s.frameMs, hopMs: s.hopMs };
  }

  #rebuild(settings: FeatureSettings = this.#settings()): void {
    const st = (this.#stream = new FeatureStream(settings));
    this.#rebuilds++;
    this.#cursor = null;
    this.#lastAlt = -1;
    const p = st.params;
    this.#el.params.textContent = describeParams(p);
    const empty = emptyFilters(st.filterbank);
    const notes = [...st.notes];
    if (empty > 0) {
      notes.push(`Con ${p.melBands} bandas y bins de ${es(p.sampleRate / p.fftSize)} Hz, ${empty === 1 ? 'un filtro mel grave no tiene' : `${empty} filtros mel graves no tienen`} ningún bin dentro: su energía es 0 y ln Y se queda en el suelo (ln 10⁻¹⁰ ≈ −23). Sube N o baja M.`);
    }
    if (p.hopLength > p.frameLength) notes.push('El salto es mayor que la trama: entre dos tramas queda audio que nadie mira.');
    this.#el.notes.replaceChildren(...notes.map((t) => h('p', { class: 'kf-note', text: t })));
    this.dataset.params = `L=${p.frameLength} hop=${p.hopLength} N=${p.fftSize} M=${p.melBands} C=${p.mfccCount}`;
    this.dataset.rebuilds = String(this.#rebuilds);
    this.#frames();
    this.#alts();
  }

  #attach(src: AudioSource): void {
    this.#unsub?.();
    this.#rebuild();
    this.#running = true;
    this.#error = false;
    this.#paused = false;
    this.#unsub = src.on('samples', (c) => this.guard(() => this.#chunk(c.samples)));
    this.#phase();
  }

  #detach(): void {
    this.#unsub?.();
    this.#unsub = null;
    this.#running = false;
    this.#paused = false;
    this.#phase();
    this.#alts();
  }

  #chunk(x: Float32Array): void {
    if (this.#paused) return;
    if (this.#stream.push(x) > 0) {
      this.#frames();
      this.#queue();
    }
  }

  #frames(): void {
    this.dataset.frames = String(this.#stream.frames);
  }

  #togglePause(): void {
    if (!this.#running) return;
    this.#paused = !this.#paused;
    this.#phase();
    this.#alts();
  }

  #phase(): void {
    const ph: Phase = this.#running ? (this.#paused ? 'paused' : 'running') : this.#error ? 'error' : 'idle';
    this.dataset.phase = ph;
    const b = this.#el.pause;
    b.disabled = !this.#running;
    b.textContent = this.#paused ? 'Seguir' : 'Pausar';
    b.setAttribute('aria-pressed', String(this.#paused));
  }

  /** Redraws on the next animation frame, once however often it is asked for before then. */
  #queue(): void {
    this.frameOnce(this.#redraw);
  }

  readonly #redraw = (): void => this.#draw();

  /** First frame on the left edge: 0 until the ring is full, then it scrolls. */
  #firstFrame(): number {
    const st = this.#stream;
    return Math.max(0, st.frames - st.capacity);
  }

  #ticks(k: ViewKey): Tick[] {
    const p = this.#stream.params;
    if (k === 'db') {
      const out: Tick[] = [];
      for (let f = 0; f <= 8000; f += 2000) out.push({ at: (f * p.fftSize) / p.sampleRate + 0.5, label: String(f) });
      return out;
    }
    const n = k === 'mel' ? p.melBands : p.mfccCount;
    const step = n > 40 ? 20 : n > 16 ? 10 : 4;
    const out: Tick[] = [];
    for (let i = 0; i < n; i += step) out.push({ at: i + 0.5, label: String(i) });
    if ((n - 1) % step !== 0 && (n - 1) % step > step / 2) out.push({ at: n - 0.5, label: String(n - 1) });
    return out;
  }

  #draw(): void {
    const st = this.#stream;
    const c = this.#colors;
    const first = this.#firstFrame();
    const frameS = st.params.hopLength / st.params.sampleRate;
    const empty = this.#running ? 'Esperando las primeras tramas…' : 'Elige una fuente de audio arriba.';
    const spec = {
      db: { ring: st.db, range: st.dbRange, map: 'seq' as const, yTitle: 'frecuencia (Hz)', unit: 'dB' },
      mel: { ring: st.logmel, range: st.melRange, map: 'seq' as const, yTitle: 'banda mel', unit: 'ln Y' },
      mfcc: { ring: st.mfcc, range: st.mfccRange, map: 'div' as const, yTitle: 'coeficiente', unit: 'valor' },
    };
    for (const k of ['db', 'mel', 'mfcc'] as const) {
      const ctx = this.#surf[k].context();
      if (!ctx) continue;
      const cur = this.#cursor?.view === k ? this.#cursor : null;
      drawHeatmap(ctx, this.#surf[k].width, this.#surf[k].height,
        { ...spec[k], firstFrame: first, frameS, yTicks: this.#ticks(k), cursor: cur, empty }, c);
    }
    const band = this.#band();
    const bctx = this.#surf.bank.context();
    if (bctx) drawBank(bctx, this.#surf.bank.width, this.#surf.bank.height, { fb: st.filterbank, db: st.latest?.db ?? null, dbRange: st.dbRange, band }, c);
    this.#bankText(band);
    this.#readout();
    if (st.frames - this.#lastAlt >= 10 || this.#lastAlt < 0) this.#alts();
  }

  /** The highlighted filter: the cursor's band on the log-mel map, else the dominant one now. */
  #band(): number {
    const st = this.#stream;
    if (this.#cursor?.view === 'mel') return Math.min(st.params.melBands - 1, this.#cursor.row);
    return st.latest ? Math.max(0, argmax(st.latest.logmel)) : Math.floor(st.params.melBands / 3);
  }

  #bankText(m: number): void {
    const st = this.#stream;
    const fb = st.filterbank;
    const lo = fb.edgesHz[m]!;
    const ce = fb.edgesHz[m + 1]!;
    const hi = fb.edgesHz[m + 2]!;
    const bins = fb.end[m]! - fb.start[m]!;
    let text = `Filtro m = ${m}: de ${fmt(lo, 0)} a ${fmt(hi, 0)} Hz, pico en ${fmt(ce, 0)} Hz, ${bins} ${bins === 1 ? 'bin' : 'bins'} con peso. `;
    const L = st.latest;
    if (L) {
      let y = 0;
      const w = fb.weights[m]!;
      for (let k = fb.start[m]!; k < fb.end[m]!; k++) y += w[k]! * L.power[k]!;
      text += `En la trama ${L.index} (t = ${es(st.frameTime(L.index), 2)} s): Y = ${fmtSci(y)}, ln max(Y, 10⁻¹⁰) = ${es(L.logmel[m]!, 2)}.`;
    } else {
      text += 'Cuando llegue audio verás aquí Y y ln Y de la última trama.';
    }
    this.#el.bankText.textContent = text;
    this.#el.canvas.bank.setAttribute('aria-label',
      `Espectro (dB) de la última trama con los ${st.params.melBands} filtros mel triangulares encima; resaltado el filtro ${m}, de ${fmt(lo, 0)} a ${fmt(hi, 0)} Hz.`);
  }

  /** The hovered / focused cell in words: on a cursor move, else every 25 frames (a live region). */
  #readout(): void {
    const cur = this.#cursor;
    const out = this.#el.readout;
    if (!cur) {
      out.textContent = '';
      this.#readKey = '';
      return;
    }
    const st = this.#stream;
    const key = `${cur.view}:${cur.col}:${cur.row}`;
    if (key === this.#readKey && this.#readFrames >= 0 && st.frames - this.#readFrames < 25) return;
    this.#readKey = key;
    this.#readFrames = st.frames;
    const frame = this.#firstFrame() + cur.col;
    const ring = cur.view === 'db' ? st.db : cur.view === 'mel' ? st.logmel : st.mfcc;
    const at = `${TITLES[cur.view]}, trama ${frame} (t = ${es(st.frameTime(frame), 2)} s)`;
    const i = frame - ring.first;
    if (i < 0 || i >= ring.length) {
      out.textContent = `${at}: todavía sin datos.`;
      this.#readFrames = -1; // say it again as soon as the cell has a value
      return;
    }
    const v = ring.row(i)[cur.row]!;
    const p = st.params;
    if (cur.view === 'db') out.textContent = `${at}, bin ${cur.row} (${es(binHz(cur.row, p.fftSize), 1)} Hz): ${es(v, 1)} dB.`;
    else if (cur.view === 'mel') out.textContent = `${at}, banda mel ${cur.row} (pico en ${fmt(st.filterbank.edgesHz[cur.row + 1]!, 0)} Hz): ln Y = ${es(v, 2)}.`;
    else out.textContent = `${at}, coeficiente c${cur.row} = ${es(v, 2)}.`;
  }

  /** Text alternatives of the three maps (every 10 frames, on pause and on stop). */
  #alts(): void {
    const st = this.#stream;
    this.#lastAlt = st.frames;
    const L = st.latest;
    const p = st.params;
    const state = this.#paused ? ' (en pausa)' : '';
    const c = this.#el.canvas;
    if (!L) {
      c.db.setAttribute('aria-label', `${TITLES.db} de los últimos 3 s, de 0 a 8000 Hz: todavía no hay audio.`);
      c.mel.setAttribute('aria-label', `${TITLES.mel} con ${p.melBands} bandas: todavía no hay audio.`);
      c.mfcc.setAttribute('aria-label', `${p.mfccCount} coeficientes MFCC por trama: todavía no hay audio.`);
      return;
    }
    const k = argmax(L.db);
    const m = argmax(L.logmel);
    c.db.setAttribute('aria-label', `${TITLES.db} (dB) de los últimos 3 s, de 0 a 8000 Hz${state}. En la última trama, la frecuencia con más energía es ${fmt(binHz(k, p.fftSize), 0)} Hz (${es(L.db[k]!, 1)} dB).`);
    c.mel.setAttribute('aria-label', `${TITLES.mel} con ${p.melBands} bandas${state}. En la última trama domina la banda ${m} (pico en ${fmt(st.filterbank.edgesHz[m + 1]!, 0)} Hz), ln Y = ${es(L.logmel[m]!, 2)}.`);
    const first = [...L.mfcc.subarray(0, 3)].map((v, i) => `c${i} = ${es(v, 2)}`).join(', ');
    c.mfcc.setAttribute('aria-label', `${p.mfccCount} coeficientes MFCC por trama${state}. En la última trama: ${first}…`);
  }

  #pointer(k: ViewKey, cv: HTMLCanvasElement): void {
    const rowsOf = (): number => (k === 'db' ? this.#stream.db.width : k === 'mel' ? this.#stream.logmel.width : this.#stream.mfcc.width);
    const set = (col: number, row: number): void => {
      const cols = this.#stream.capacity;
      this.#cursor = { view: k, col: Math.min(cols - 1, Math.max(0, col)), row: Math.min(rowsOf() - 1, Math.max(0, row)) };
      this.#queue();
      if (this.#paused || !this.#running) this.#draw();
    };
    this.listen(cv, 'pointermove', (ev) => {
      const e = ev as PointerEvent;
      const sf = this.#surf[k];
      const r = plotRect(sf.width, sf.height);
      const box = cv.getBoundingClientRect();
      const x = e.clientX - box.left - r.x;
      const y = e.clientY - box.top - r.y;
      if (x < 0 || y < 0 || x > r.w || y > r.h) return;
      set(Math.floor((x / r.w) * this.#stream.capacity), Math.floor(((r.h - y) / r.h) * rowsOf()));
    });
    this.listen(cv, 'focus', () => {
      if (this.#cursor?.view === k) return;
      const st = this.#stream;
      const col = Math.max(0, Math.min(st.capacity - 1, st.frames - this.#firstFrame() - 1));
      const L = st.latest;
      const row = L ? Math.max(0, argmax(k === 'db' ? L.db : k === 'mel' ? L.logmel : L.mfcc)) : 0;
      set(col, row);
    });
    this.listen(cv, 'keydown', (ev) => {
      const e = ev as KeyboardEvent;
      const cur = this.#cursor?.view === k ? this.#cursor : { view: k, col: 0, row: 0 };
      const big = e.shiftKey ? 10 : 1;
      const d: Record<string, [number, number]> = { ArrowLeft: [-big, 0], ArrowRight: [big, 0], ArrowUp: [0, big], ArrowDown: [0, -big] };
      const mv = d[e.key];
      if (!mv) return;
      e.preventDefault();
      set(cur.col + mv[0], cur.row + mv[1]);
    });
  }
}

function fmtSci(v: number): string {
  if (v === 0) return '0';
  if (v >= 0.01 && v < 1e5) return fmt(v, 3);
  const e = Math.floor(Math.log10(v));
  const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
  return `${es(v / 10 ** e, 2)}·10${sup}`;
}

defineWidget('kws-features', KwsFeatures);
