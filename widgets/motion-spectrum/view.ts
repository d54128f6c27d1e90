/**
 * <tinyml-motion-spectrum>: one window of the data set (the student's, or the example one when it
 * is empty, said on screen): its three preprocessed axes over time with ±RMS, their spectra with
 * peaks and bands, a toggle between Edge Impulse's spectrum and the textbook one, and every
 * feature of one axis as a formula with its numbers (KaTeX).
 * data-phase: loading | drawing (charts and formulas go in one group per frame) | ready | empty. The features of the shown window go to data-* attributes
 * (data-rms-x, data-peaks-x "f:h,…", data-bands-x, data-features: all 33), and the drawn
 * spectrum's bin step to data-df (fs/(N−2) or fs/N), for the browser tests.
 */
import katex from 'katex';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, h, select, slider, trackedWidth, uniqueId } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { SPECTRAL_DEFAULTS, spectralFeatures, type AxisAnalysis, type SpectralParams } from '../lib/dsp';
import type { Recording } from '../lib/sensors/recording';
import { loadAndFollowDataset } from '../lib/motion/dataset-store';
import { datasetOrExample, sourceSentence, type WorkingSet } from '../lib/motion/dataset-or-example';
import { DEFAULT_WINDOW_MS, windowSamples } from '../lib/motion/featurize';
import { recordingAxes, slidingWindows } from '../lib/motion/windows';
import {
  AXES, bandTex, bandViews, describeSignal, describeSpectrum, eiSpectrum, meanTex, missingPeakTex, peakTex, preMean,
  rmsTex, textbookSpectrum, txtNum, type Axis, type Mode,
} from './core';
import { signalChart, spectrumChart, type Colors } from './charts';
import './style.css';

const schema = {
  /** Recording index in the data set; −1: the first «lado a lado» (else the first). */
  rec: int(-1, -1, 9999),
  /** Window inside a recording longer than one window. */
  win: int(0, 0, 999),
  modo: oneOf(['ei', 'libro'] as const, 'ei'),
  fft: oneOf(['64', '128', '256'] as const, '128'),
  filtro: oneOf(['none', 'low', 'high'] as const, 'none'),
  corte: num(3, 0.5, 20),
  orden: oneOf(['2', '4', '6', '8'] as const, '6'),
  escala: num(1, 0.1, 5),
  eje: oneOf(AXES, 'x'),
  fmax: oneOf(['10', 'nyquist'] as const, '10'),
};

/** KaTeX renders per frame (each ≈ 5–10 ms). */
const FORMULAS_PER_JOB = 3;

const MODE_TEXT: Record<Mode, string> = {
  ei: 'Edge Impulse: primeras N muestras, frecuencias k·fs/(N−2)',
  libro: 'De libro: todas las muestras y ceros hasta 256, frecuencias k·fs/N',
};

class MotionSpectrum extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #ws: WorkingSet | null = null;
  #size: { readonly width: number } = { width: 720 };
  #loads = 0;
  /** What the charts and the formulas on screen were drawn from, and the current update's number. */
  #chartsKey = '';
  #formulasKey = '';
  #gen = 0;
  #el!: {
    rec: ReturnType<typeof select<string>>; win: ReturnType<typeof select<string>>; modes: Record<Mode, HTMLInputElement>;
    fft: ReturnType<typeof select<'64' | '128' | '256'>>; filtro: ReturnType<typeof select<'none' | 'low' | 'high'>>;
    corte: ReturnType<typeof slider>; orden: ReturnType<typeof select<'2' | '4' | '6' | '8'>>; escala: ReturnType<typeof slider>;
    eje: ReturnType<typeof select<Axis>>; fmax: ReturnType<typeof select<'10' | 'nyquist'>>;
    source: HTMLElement; grid: HTMLElement; bands: HTMLElement; formulas: HTMLElement; quirk: HTMLElement; status: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const name = uniqueId('ms-modo');
    const radio = (m: Mode): HTMLInputElement => {
      const input = h('input', { type: 'radio', name, value: m, id: `${name}-${m}` });
      input.checked = s.modo === m;
      input.addEventListener('change', () => input.checked && this.setState({ modo: m }));
      return input;
    };
    const modes = { ei: radio('ei'), libro: radio('libro') };
    this.#el = {
      rec: select<string>({ label: 'Ventana del conjunto de datos', options: [], value: '', onChange: (v) => this.setState({ rec: Number(v), win: 0 }) }),
      win: select<string>({ label: 'Tramo de la grabación', options: [{ value: '0', label: '1' }], value: '0', onChange: (v) => this.setState({ win: Number(v) }) }),
      modes,
      fft: select({ label: 'Longitud de la FFT (N)', options: (['64', '128', '256'] as const).map((v) => ({ value: v, label: v })), value: s.fft, onChange: (v) => this.setState({ fft: v }) }),
      filtro: select({
        label: 'Filtro', value: s.filtro, onChange: (v) => this.setState({ filtro: v }),
        options: [{ value: 'none', label: 'Ninguno' }, { value: 'low', label: 'Paso bajo (Butterworth)' }, { value: 'high', label: 'Paso alto (Butterworth)' }],
      }),
      corte: slider({ label: 'Frecuencia de corte', min: 0.5, max: 20, step: 0.5, value: s.corte, format: (v) => `${txtNum(v, 3)} Hz`, onInput: (v) => this.setState({ corte: v }) }),
      orden: select({ label: 'Orden del filtro', options: (['2', '4', '6', '8'] as const).map((v) => ({ value: v, label: v })), value: s.orden, onChange: (v) => this.setState({ orden: v }) }),
      escala: slider({ label: 'Escala (factor)', min: 0.1, max: 5, step: 0.1, value: s.escala, format: (v) => `×${txtNum(v, 3)}`, onInput: (v) => this.setState({ escala: v }) }),
      eje: select({ label: 'Fórmulas del eje', options: AXES.map((a) => ({ value: a, label: a })), value: s.eje, onChange: (v) => this.setState({ eje: v }) }),
      fmax: select({ label: 'Frecuencias visibles', options: [{ value: '10', label: 'hasta 10 Hz' }, { value: 'nyquist', label: 'hasta fs/2 (Nyquist)' }], value: s.fmax, onChange: (v) => this.setState({ fmax: v }) }),
      source: h('p', { class: 'ms-source', 'aria-live': 'polite' }),
      grid: h('div', { class: 'ms-grid' }),
      bands: h('ul', { class: 'ms-bands', 'aria-label': 'Bandas sombreadas en los espectros' }),
      formulas: h('div', { class: 'ms-formulas', tabindex: 0, role: 'region', 'aria-label': 'Fórmulas de las características del eje elegido' }),
      quirk: h('p', { class: 'ms-note' }),
      status: h('p', { class: 'ms-status', 'aria-live': 'polite' }),
    };
    const e = this.#el;
    const modeBox = h('fieldset', { class: 'ms-modes' }, h('legend', { text: 'Espectro que se dibuja' }),
      ...(['ei', 'libro'] as const).map((m) => h('label', { for: modes[m].id, class: 'ms-mode' }, modes[m], ` ${MODE_TEXT[m]}`)));
    this.append(
      e.source,
      h('div', { class: 'ctl-row' }, e.rec.root, e.win.root),
      modeBox,
      h('details', { class: 'ms-params', open: true },
        h('summary', { text: 'Parámetros del bloque espectral' }),
        h('div', { class: 'ctl-row' }, e.fft.root, e.filtro.root, e.corte.root, e.orden.root, e.escala.root, e.fmax.root)),
      e.status,
      e.grid,
      e.bands,
      h('h3', { class: 'ms-h', text: 'Las 11 características de un eje, con sus números' }),
      h('div', { class: 'ctl-row' }, e.eje.root),
      e.formulas,
      e.quirk,
    );
    this.dataset.phase = 'loading';
    const size = trackedWidth(this, () => this.guard(() => this.update()), { fallback: 720, tolerance: 8 });
    this.#size = size;
    this.onCleanup(size.stop);
    this.onCleanup(loadAndFollowDataset(() => void this.#load()));
  }

  override resetState(): void {
    super.resetState();
    const s = this.state;
    const e = this.#el;
    e.modes.ei.checked = s.modo === 'ei';
    e.modes.libro.checked = s.modo === 'libro';
    e.fft.set(s.fft);
    e.filtro.set(s.filtro);
    e.corte.set(s.corte);
    e.orden.set(s.orden);
    e.escala.set(s.escala);
    e.eje.set(s.eje);
    e.fmax.set(s.fmax);
  }

  async #load(): Promise<void> {
    const n = ++this.#loads;
    const ws = await datasetOrExample();
    if (n !== this.#loads || !this.isConnected) return;
    this.#ws = ws;
    const classes = new Set(ws.recordings.map((r) => r.label)).size;
    this.#el.source.textContent = sourceSentence(ws, classes);
    const count = new Map<string, number>();
    const opts = ws.recordings.map((r, i) => {
      const k = (count.get(r.label) ?? 0) + 1;
      count.set(r.label, k);
      return { value: String(i), label: `${r.label} · ${k}${r.partial ? ' (incompleta)' : ''}` };
    });
    const sel = this.#el.rec.input;
    sel.replaceChildren(...opts.map((o) => h('option', { value: o.value, text: o.label })));
    this.guard(() => this.update());
  }

  #recIndex(recs: Recording[]): number {
    const r = this.state.rec;
    if (r >= 0 && r < recs.length) return r;
    const wave = recs.findIndex((x) => x.label === 'lado a lado');
    return wave >= 0 ? wave : 0;
  }

  #params(): SpectralParams {
    const s = this.state;
    return {
      ...SPECTRAL_DEFAULTS,
      scale: s.escala,
      filter: { type: s.filtro, cutoffHz: s.corte, order: Number(s.orden) },
      fftLength: Number(s.fft),
    };
  }

  protected update(): void {
    const ws = this.#ws;
    const e = this.#el;
    const s = this.state;
    e.corte.input.disabled = s.filtro === 'none';
    e.orden.input.disabled = s.filtro === 'none';
    if (!ws) return;
    if (ws.recordings.length === 0) {
      this.dataset.phase = 'empty';
      e.status.textContent = 'No hay ninguna ventana que mostrar.';
      return;
    }
    const ri = this.#recIndex(ws.recordings);
    const rec = ws.recordings[ri]!;
    e.rec.set(String(ri));
    const fs = rec.hz;
    const need = windowSamples(DEFAULT_WINDOW_MS, fs);
    const wins = rec.rows.length >= need ? slidingWindows(rec.rows, fs, DEFAULT_WINDOW_MS, DEFAULT_WINDOW_MS) : [rec.rows];
    const wi = Math.min(s.win, wins.length - 1);
    e.win.input.replaceChildren(...wins.map((_, i) => h('option', { value: String(i), text: `${i + 1} de ${wins.length} (${txtNum((i * DEFAULT_WINDOW_MS) / 1000, 3)}–${txtNum(((i + 1) * DEFAULT_WINDOW_MS) / 1000, 3)} s)` })));
    e.win.set(String(wi));
    e.win.root.style.display = wins.length < 2 ? 'none' : '';
    const rows = wins[wi]!;
    const p = this.#params();
    const raw = recordingAxes(rows);
    const res = spectralFeatures(raw, fs, p);
    const mode = s.modo;
    const fmax = s.fmax === '10' ? Math.min(10, fs / 2) : fs / 2;
    const notes: string[] = [];
    if (rows.length < need) notes.push(`Esta grabación tiene ${rows.length} muestras, menos que una ventana de ${need}: se usa tal cual.`);
    if (p.filter.type !== 'none' && p.filter.cutoffHz >= fs / 2) notes.push(`El corte (${txtNum(p.filter.cutoffHz, 3)} Hz) no puede pasar de fs/2 = ${txtNum(fs / 2, 3)} Hz.`);
    e.status.textContent = notes.join(' ');

    // Data for the browser tests: the features of this window, exactly as spectralFeatures gives them.
    this.dataset.recording = rec.id;
    this.dataset.source = ws.source;
    this.dataset.mode = mode;
    this.dataset.features = res.features.join(',');
    res.axes.forEach((a, i) => {
      const ax = AXES[i]!;
      this.dataset[`rms${ax.toUpperCase()}`] = String(a.rms);
      this.dataset[`peaks${ax.toUpperCase()}`] = a.peaks.map((q) => `${q.freq}:${q.height}`).join(',');
      this.dataset[`bands${ax.toUpperCase()}`] = a.bands.join(',');
    });

    const c = this.#colors();
    const two = this.#size.width >= 700;
    const w = two ? Math.floor((this.#size.width - 16) / 2) : Math.max(260, this.#size.width);
    const specs = res.axes.map((a) => (mode === 'ei' ? eiSpectrum(a, p, fs) : textbookSpectrum(a, p, fs)));
    const df = specs[0]!.df;
    this.dataset.df = String(df);
    this.dataset.n = String(specs[0]!.n);
    const base = `${rec.id}|${wi}|${JSON.stringify(p)}|${fs}`;
    const chartsKey = `${base}|${mode}|${fmax}|${w}|${two}|${JSON.stringify(c)}`;
    const formulasKey = `${base}|${s.eje}`;
    // Charts (two per axis) and formulas are drawn one group per frame, so no task runs long;
    // a newer update cancels the frames of an older one. data-phase is 'ready' once all are in.
    const gen = ++this.#gen;
    const jobs: Array<() => void> = [];
    if (chartsKey !== this.#chartsKey) {
      // Forgotten until the last group is in, so an interrupted redraw is redone next time.
      this.#chartsKey = '';
      e.grid.classList.toggle('ms-two', two);
      const hgt = Math.round(Math.max(170, Math.min(220, w * 0.5)));
      const cells = AXES.map(() => [h('div', { class: 'ms-cell' }), h('div', { class: 'ms-cell' })] as const);
      e.grid.replaceChildren(...cells.flat());
      res.axes.forEach((a, i) => jobs.push(() => {
        const ax = AXES[i]!;
        const spec = specs[i]!;
        const bands = bandViews(a, p);
        const col = { ...c, line: c.axis[i]! };
        const sig = h('div', { class: 'chart ms-chart', role: 'img', 'aria-label': describeSignal(ax, a, fs, mode, p.fftLength) },
          signalChart({ x: a.x, fs, rms: a.rms, fftSpan: mode === 'ei' ? p.fftLength : null }, col, w, hgt));
        const sp = h('div', { class: 'chart ms-chart', role: 'img', 'aria-label': describeSpectrum(ax, spec, bands, fmax) },
          spectrumChart(spec, bands, fmax, col, w, hgt));
        cells[i]![0].replaceChildren(h('p', { class: 'ms-cap', text: `Eje ${ax}: señal` }), sig);
        cells[i]![1].replaceChildren(h('p', { class: 'ms-cap', text: `Eje ${ax}: espectro (${spec.n} puntos)` }), sp);
        if (i === AXES.length - 1) this.#chartsKey = chartsKey;
      }));
      e.bands.replaceChildren(
        h('li', { class: 'ms-bands-title', text: 'Bandas:' }),
        ...p.bands.map(([lo, hi], i) => h('li', {}, h('span', { class: 'ms-swatch', style: `background: ${c.band[i % c.band.length]}` }), `${txtNum(lo, 2)}–${txtNum(hi, 2)} Hz`)),
        h('li', {}, h('span', { class: 'ms-ring' }), 'pico'),
        h('li', {}, h('span', { class: 'ms-dash' }), '±RMS'),
      );
    }
    if (formulasKey !== this.#formulasKey) {
      this.#formulasKey = '';
      const k = AXES.indexOf(s.eje);
      jobs.push(...this.#formulaJobs(res.axes[k]!, s.eje, raw[k]!, p, fs, () => { this.#formulasKey = formulasKey; }));
    }
    e.quirk.textContent = mode === 'ei'
      ? `Con N = ${p.fftLength} a ${txtNum(fs, 3)} Hz, la FFT solo ve ${txtNum(Math.min(p.fftLength, rows.length) / fs, 3)} s de la ventana (lo sombreado queda fuera, aunque el RMS sí lo usa), ` +
        `y cada barra se etiqueta en k·${txtNum(fs, 3)}/${p.fftLength - 2} Hz en lugar de k·${txtNum(fs, 3)}/${p.fftLength}: un ${txtNum(100 * (p.fftLength / (p.fftLength - 2) - 1), 2)} % de más. Las bandas usan el periodograma, en k·fs/N, y se dividen entre 10.`
      : `Espectro de libro: las ${rows.length} muestras completadas con ceros hasta ${this.dataset.n}, barras en k·fs/N cada ${txtNum(df, 3)} Hz. Es solo para entender la señal: las características de abajo (y las que recibe el clasificador) son las de Edge Impulse.`;
    this.dataset.phase = jobs.length ? 'drawing' : 'ready';
    const run = (): void => {
      if (gen !== this.#gen) return;
      jobs.shift()?.();
      if (jobs.length) this.frame(run);
      else this.dataset.phase = 'ready';
    };
    if (jobs.length) this.frame(run);
  }

  /**
   * The formulas of one axis as jobs of FORMULAS_PER_JOB KaTeX renders each (one job per frame),
   * built off-screen and swapped in by the last job, so the old ones stay until the new are ready.
   */
  #formulaJobs(a: AxisAnalysis, ax: Axis, raw: ArrayLike<number>, p: SpectralParams, fs: number, done: () => void): Array<() => void> {
    const peaks = eiSpectrum(a, p, fs).peaks;
    const rows: Array<[string, () => string]> = [
      ['Preprocesado (escala, filtro y quitar la media)', () => meanTex(ax, preMean(raw, p, fs), p)],
      ['1. RMS, sobre las n muestras', () => rmsTex(ax, a)],
    ];
    for (let j = 0; j < p.peakCount; j++) {
      const q = peaks[j];
      rows.push([`${2 + 2 * j}–${3 + 2 * j}. Pico ${j + 1}: altura y frecuencia (FFT de N = ${p.fftLength})`, () => (q ? peakTex(j + 1, q, p.fftLength, fs) : missingPeakTex(j + 1))]);
    }
    bandViews(a, p).forEach((b, i) => {
      rows.push([`${2 + 2 * p.peakCount + i}. Potencia en la banda ${txtNum(b.lo, 2)}–${txtNum(b.hi, 2)} Hz (periodograma P[k] a k·fs/N)`, () => bandTex(b, fs, p.fftLength)]);
    });
    const boxes: HTMLElement[] = [];
    const jobs: Array<() => void> = [];
    for (let s0 = 0; s0 < rows.length; s0 += FORMULAS_PER_JOB) {
      jobs.push(() => {
        for (const [label, tex] of rows.slice(s0, s0 + FORMULAS_PER_JOB)) {
          const math = h('div', { class: 'ms-math' });
          math.innerHTML = katex.renderToString(tex(), { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
          boxes.push(h('div', { class: 'ms-formula' }, h('p', { class: 'ms-flabel', text: label }), math));
        }
        if (boxes.length === rows.length) {
          this.#el.formulas.replaceChildren(...boxes);
          done();
        }
      });
    }
    return jobs;
  }

  #colors(): Colors & { axis: string[] } {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--grid'), line: cssVar(this, '--c1'),
      accent: cssVar(this, '--c2'), band: [cssVar(this, '--c3'), cssVar(this, '--c4'), cssVar(this, '--c1'), cssVar(this, '--c5')],
      axis: [cssVar(this, '--c1'), cssVar(this, '--c4'), cssVar(this, '--c3')],
    };
  }
}

defineWidget('motion-spectrum', MotionSpectrum);
