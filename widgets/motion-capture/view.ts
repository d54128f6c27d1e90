/**
 * Lesson 15 «Captura de datos» (<tinyml-motion-capture>): choose a source (board over Web Serial,
 * phone, simulated board), watch its three axes live, name a class, record windows, and keep them
 * in IndexedDB (lib/motion/dataset-store) with a list, thumbnails, replay, deletion, counts per
 * class, Edge Impulse CSV and JSON export / import, the example data set and «Borrar todo».
 * Nothing recorded is lost: a source that stops mid-window leaves a partial recording
 * (`partial: true`, «incompleta»), and a recording the store refuses stays in memory with a retry.
 *
 * Data attributes (tests, bench): data-phase (idle | recording | saved | partial), data-store
 * (loading | ready | error), data-count, data-counts («label:n;…»), data-partial-count,
 * data-status / data-rate / data-axes / data-bad-lines (the source), data-rows (rows received
 * from the current source), data-lines (serial lines received), data-replay (id shown).
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, slider, uniqueId } from '../lib/widget/dom';
import { int, num } from '../lib/state/schema';
import { GESTURE_LABELS } from '../lib/sensors/simulator';
import { datasetToJson } from '../lib/sensors/csv';
import type { Recording } from '../lib/sensors/recording';
import type { MotionRow, MotionSource, SourceProblem } from '../lib/sensors/types';
import { SOURCE_SCHEMA } from '../lib/motion/source-choice';
import { SourcePicker, type PickerSettings } from '../lib/motion/source-picker';
import { CanvasSurface, drawAxes, plotColors, rowsData, type PlotColors } from '../lib/motion/axes-plot';
import { RowRing } from '../lib/motion/row-ring';
import { clearRecordings, deleteRecording, listRecordings, onDatasetChange, putRecording, putRecordings } from '../lib/motion/dataset-store';
import { exampleRecordings } from '../lib/motion/example';
import { CaptureSession } from './session';
import { JSON_NAME, csvFiles, importFiles, type ImportInput } from './io';
import { download, textFilePicker } from './files';
import { countsView, recordingList } from './list';
import { countsAttr, countsByLabel } from './session';
import '../lib/motion/source-picker.css';
import './style.css';

const schema = {
  ...SOURCE_SCHEMA,
  /** Window length, s. */
  windowS: num(2, 0.5, 10),
  seed: int(15, 1, 1_000_000),
};

/** Shown span of the live plot, ms; the ring holds it at up to 1 kHz. */
const SPAN_MS = 5000;
const gestureNames = new Set(Object.values(GESTURE_LABELS));

class MotionCapture extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #picker!: SourcePicker;
  #ring = new RowRing(6000);
  #surface!: CanvasSurface;
  #colors!: PlotColors;
  #session = new CaptureSession({ now: () => Date.now() });
  #recs: Recording[] = [];
  #unsaved = new Map<string, Recording>();
  #rows = 0;
  #recFromT: number | null = null;
  #stopCause: SourceProblem | null = null;
  #replay: { rec: Recording; n: number; start: number } | null = null;
  #el!: {
    canvas: HTMLCanvasElement; plotNote: HTMLElement; name: HTMLInputElement; picks: HTMLElement; win: ReturnType<typeof slider>;
    record: HTMLButtonElement; cancel: HTMLButtonElement; progress: HTMLProgressElement; hint: HTMLElement; recMsg: HTMLElement;
    counts: HTMLElement; list: HTMLElement; dataMsg: HTMLElement; clearBox: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    this.#picker = new SourcePicker({
      initial: { kind: s.kind, baudRate: s.baudRate, gesture: s.gesture, person: s.person, simHz: s.simHz },
      seed: s.seed,
      onSettings: (p) => this.#settings(p),
      onSamples: (rows, src) => this.#samples(rows, src),
      // The source emits 'stopped' just before the problem that says why: decide after both.
      onStatus: (st) => { if (st === 'stopped' || st === 'error') queueMicrotask(() => this.#interrupt()); this.#queue(); },
      onProblem: (p) => { if (p.fatal) { this.#stopCause = p; this.#interrupt(); } },
      onConnect: () => { this.#ring.clear(); this.#rows = 0; this.#stopCause = null; this.#replay = null; this.#queue(); },
    });
    this.onCleanup(() => this.#picker.dispose());
    const nameId = uniqueId('mc-name');
    const progId = uniqueId('mc-prog');
    const canvas = h('canvas', { class: 'mc-canvas', role: 'img', 'aria-label': 'Gráfica en vivo de la aceleración en los ejes x, y y z (m/s²) durante los últimos 5 segundos.' });
    const picker = textFilePicker('Importar CSV o JSON', '.csv,.json,text/csv,application/json', (f) => void this.#import(f), (m) => this.#say(m, true));
    const e = (this.#el = {
      canvas,
      plotNote: h('p', { class: 'mc-plot-note', 'aria-live': 'polite' }),
      name: h('input', { type: 'text', id: nameId, maxlength: 40, autocomplete: 'off', spellcheck: 'false', value: s.kind === 'simulated' ? GESTURE_LABELS[s.gesture] : '' }),
      picks: h('div', { class: 'mc-picks' }),
      win: slider({ label: 'Duración de cada ventana', min: 0.5, max: 10, step: 0.5, value: s.windowS, format: (v) => `${fmt(v, 1)} s`, onInput: (v) => this.setState({ windowS: v }) }),
      record: button('Grabar', () => this.#start()),
      cancel: button('Cancelar', () => { this.#session.cancel(); this.#recFromT = null; this.#say('Grabación cancelada: no se guardó nada.'); this.#queue(); }, { class: 'btn btn-quiet' }),
      progress: h('progress', { id: progId, max: 1, value: 0 }),
      hint: h('p', { class: 'mc-hint' }),
      recMsg: h('p', { class: 'mc-msg', 'aria-live': 'polite' }),
      counts: h('div'),
      list: h('div'),
      dataMsg: h('div', { class: 'mc-data-msg', 'aria-live': 'polite' }),
      clearBox: h('div', { class: 'mc-clear' }),
    });
    e.name.addEventListener('input', () => this.#controls());
    this.#surface = new CanvasSurface(canvas, () => this.#queue());
    this.onCleanup(() => this.#surface.dispose());
    this.append(
      this.#picker.root,
      h('div', { class: 'mc-plot' }, canvas,
        h('p', { class: 'mc-legend', 'aria-hidden': 'true' }, ...['x', 'y', 'z'].map((a, i) => h('span', { class: `mc-key mc-key-${i}`, text: a })), h('span', { text: ' m/s², últimos 5 s' })),
        e.plotNote),
      h('section', { class: 'mc-rec', 'aria-label': 'Grabar' },
        h('div', { class: 'ctl-row' },
          h('div', { class: 'ctl mc-name' }, h('label', { for: nameId, text: 'Nombre de la clase' }), e.name), e.win.root),
        e.picks,
        h('div', { class: 'mc-actions' }, e.record, e.cancel,
          h('div', { class: 'mc-progress' }, h('label', { for: progId, text: 'Ventana grabada' }), e.progress)),
        e.hint, e.recMsg),
      h('section', { class: 'mc-data', 'aria-label': 'Tu conjunto de datos' },
        e.counts,
        h('div', { class: 'mc-actions' },
          button('Cargar el conjunto de ejemplo', () => void this.#example(), { class: 'btn btn-quiet' }),
          button('Exportar CSV (Edge Impulse)', () => this.#exportCsv(this.#recs), { class: 'btn btn-quiet' }),
          button('Exportar JSON', () => this.#exportJson(), { class: 'btn btn-quiet' }),
          button('Borrar todo', () => this.#askClear(), { class: 'btn btn-quiet' })),
        picker.zone, e.clearBox, e.dataMsg, e.list),
    );
    this.#colors = plotColors(this);
    this.listen(document, 'tinyml:theme', () => { this.#colors = plotColors(this); this.#renderData(); });
    this.onCleanup(onDatasetChange(() => void this.#reload()));
    this.dataset.phase = 'idle';
    this.dataset.store = 'loading';
    void this.#reload();
  }

  protected update(): void {
    const s = this.state;
    this.#picker.set({ kind: s.kind, baudRate: s.baudRate, gesture: s.gesture, person: s.person, simHz: s.simHz });
    this.#el.win.set(s.windowS);
    this.#controls();
    this.#queue();
  }

  #settings(p: Partial<PickerSettings>): void {
    const name = this.#el.name;
    if (p.gesture && (name.value.trim() === '' || gestureNames.has(name.value.trim()))) name.value = GESTURE_LABELS[p.gesture];
    this.setState(p as Partial<typeof this.state>); // the picker offers only GESTURES here
  }

  #samples(rows: MotionRow[], src: MotionSource): void {
    this.#ring.push(rows);
    this.#rows += rows.length;
    if (this.#session.recording) {
      if (this.#recFromT === null) this.#recFromT = rows[0]![0];
      const rec = this.#session.push(rows);
      if (rec) {
        this.#recFromT = null;
        this.#say(`Guardada: «${rec.label}», ${rec.rows.length} muestras (${fmt(rec.rows.length / rec.hz, 2)} s).`);
        this.#controls();
        void this.#save(rec);
      }
    }
    if (src.kind !== 'serial' || rows.length) this.#queue();
  }

  #start(): void {
    const src = this.#picker.source;
    const label = this.#el.name.value.trim();
    if (!src || src.status !== 'streaming' || !label || !src.rateHz) return;
    this.#replay = null;
    this.#recFromT = null;
    this.#session.start({ label, windowMs: this.state.windowS * 1000, hz: src.rateHz, source: src.kind });
    this.#say(`Grabando «${label}»…`);
    this.#controls();
  }

  #interrupt(): void {
    if (!this.#session.recording) return;
    const cause = this.#stopCause;
    const rec = this.#session.interrupt();
    this.#recFromT = null;
    const why = cause?.code === 'disconnected' ? 'La conexión con la placa se perdió a mitad de la grabación'
      : cause ? 'La fuente se detuvo a mitad de la grabación' : 'Desconectaste la fuente a mitad de la grabación';
    if (rec) {
      this.#say(`${why}: se guardaron las ${rec.rows.length} muestras que ya habían llegado (${fmt(rec.rows.length / rec.hz, 2)} s), marcadas como «incompleta».`, true);
      void this.#save(rec);
    } else {
      this.#say(`${why}, antes de que llegara ninguna muestra: no había nada que guardar.`, true);
    }
    this.#controls();
  }

  async #save(rec: Recording): Promise<void> {
    try {
      await putRecording(rec);
      this.#unsaved.delete(rec.id);
    } catch (err) {
      this.#unsaved.set(rec.id, rec);
      this.#recs = [...this.#recs.filter((r) => r.id !== rec.id), rec];
      this.#dataMsg(`${(err as Error).message} La grabación sigue aquí, sin guardar.`, () => void this.#retrySave());
      this.#renderData();
    }
    this.#controls();
  }

  async #retrySave(): Promise<void> {
    const recs = [...this.#unsaved.values()];
    try {
      await putRecordings(recs);
      for (const r of recs) this.#unsaved.delete(r.id);
      this.#dataMsg('Guardadas las grabaciones pendientes.');
    } catch (err) {
      this.#dataMsg(`${(err as Error).message} Siguen aquí, sin guardar.`, () => void this.#retrySave());
    }
  }

  async #reload(): Promise<void> {
    try {
      const stored = await listRecordings();
      const ids = new Set(stored.map((r) => r.id));
      this.#recs = [...stored, ...[...this.#unsaved.values()].filter((r) => !ids.has(r.id))];
      this.dataset.store = 'ready';
    } catch (err) {
      this.dataset.store = 'error';
      this.#dataMsg((err as Error).message, () => void this.#reload());
    }
    this.#renderData();
  }

  #renderData(): void {
    const e = this.#el;
    const recs = this.#recs;
    e.counts.replaceChildren(countsView(recs));
    e.list.replaceChildren(recordingList(recs, this.#colors, {
      view: (r) => { this.#replay = { rec: r, n: recs.indexOf(r) + 1, start: performance.now() }; this.#queue(); },
      csv: (r) => this.#exportCsv([r]),
      remove: (r) => void this.#remove(r),
    }, new Set(this.#unsaved.keys())));
    const cs = countsByLabel(recs);
    this.dataset.count = String(recs.length);
    this.dataset.counts = countsAttr(cs);
    this.dataset.partialCount = String(recs.filter((r) => r.partial).length);
    this.#controls();
  }

  async #remove(r: Recording): Promise<void> {
    if (this.#unsaved.delete(r.id)) { this.#recs = this.#recs.filter((x) => x.id !== r.id); this.#renderData(); }
    try {
      await deleteRecording(r.id);
      this.#dataMsg(`Borrada la grabación «${r.label}».`, () => void this.#save(r), 'Deshacer');
    } catch (err) {
      this.#dataMsg((err as Error).message);
    }
  }

  async #example(): Promise<void> {
    try {
      const ex = exampleRecordings();
      await putRecordings(ex);
      this.#dataMsg(`Añadidas ${ex.length} ventanas del conjunto de ejemplo (12 por gesto, de 4 personas simuladas). Tus grabaciones siguen ahí.`);
    } catch (err) {
      this.#dataMsg((err as Error).message);
    }
  }

  async #import(files: ImportInput[]): Promise<void> {
    const r = importFiles(files, this.#recs, Date.now());
    const parts: string[] = [];
    if (r.recordings.length) {
      try {
        await putRecordings(r.recordings);
        parts.push(`Importadas ${r.recordings.length} ${r.recordings.length === 1 ? 'grabación' : 'grabaciones'}.`);
      } catch (err) {
        parts.push((err as Error).message);
      }
    }
    if (r.duplicates) parts.push(`${r.duplicates} ya estaban en tu conjunto y no se repiten.`);
    if (!r.recordings.length && !r.duplicates && !r.errors.length) parts.push('No había nada que importar.');
    this.#dataMsg([...parts, ...r.errors].join(' '));
    this.dataset.imported = String(r.recordings.length);
  }

  #exportCsv(recs: readonly Recording[]): void {
    if (recs.length === 0) return this.#dataMsg('No hay grabaciones que exportar.');
    const files = csvFiles(recs);
    files.forEach((f, i) => (i === 0 ? download(f) : this.later(150 * i, () => download(f))));
    this.#dataMsg(files.length === 1 ? `Descargando «${files[0]!.name}».`
      : `Descargando ${files.length} archivos CSV, uno por grabación (el navegador puede pedirte permiso para descargar varios a la vez).`);
  }

  #exportJson(): void {
    if (this.#recs.length === 0) return this.#dataMsg('No hay grabaciones que exportar.');
    download({ name: JSON_NAME, text: datasetToJson(this.#recs), type: 'application/json' });
    this.#dataMsg(`Descargando «${JSON_NAME}» con las ${this.#recs.length} grabaciones.`);
  }

  #askClear(): void {
    const n = this.#recs.length;
    const box = this.#el.clearBox;
    if (n === 0) return this.#dataMsg('No hay nada que borrar.');
    box.replaceChildren(h('p', { role: 'alert', text: `¿Borrar las ${n} grabaciones de este navegador? No se puede deshacer (exporta antes si las quieres conservar).` }),
      button(`Sí, borrar las ${n}`, () => { box.replaceChildren(); void this.#clear(); }),
      button('No, conservarlas', () => box.replaceChildren(), { class: 'btn btn-quiet' }));
  }

  async #clear(): Promise<void> {
    try {
      this.#unsaved.clear();
      await clearRecordings();
      this.#dataMsg('Borradas todas las grabaciones.');
    } catch (err) {
      this.#dataMsg((err as Error).message);
    }
  }

  #say(text: string, warn = false): void {
    this.#el.recMsg.textContent = text;
    this.#el.recMsg.classList.toggle('mc-warn', warn);
  }

  #dataMsg(text: string, action?: () => void, label = 'Reintentar'): void {
    const box = this.#el.dataMsg;
    box.replaceChildren(h('p', { text }));
    if (action) box.append(button(label, () => { box.replaceChildren(); action(); }, { class: 'btn btn-quiet btn-small' }));
  }

  #controls(): void {
    const e = this.#el;
    const src = this.#picker?.source;
    const streaming = src?.status === 'streaming';
    const rec = this.#session.recording;
    const label = e.name.value.trim();
    e.record.textContent = `Grabar ${fmt(this.state.windowS, 1)} s`;
    e.record.disabled = rec || !streaming || !label;
    e.cancel.disabled = !rec;
    e.win.input.disabled = rec;
    e.name.disabled = rec;
    e.hint.textContent = rec ? '' : !streaming ? 'Conecta una fuente para poder grabar.' : !label ? 'Escribe el nombre de la clase (o elige uno de abajo) para poder grabar.' : '';
    const names = [...new Set([...(this.state.kind === 'simulated' ? [GESTURE_LABELS[this.state.gesture]] : []), ...this.#recs.map((r) => r.label)])];
    e.picks.replaceChildren(...(names.length ? [h('span', { class: 'mc-picks-title', text: 'Nombres rápidos:' })] : []),
      ...names.map((n) => button(n, () => { e.name.value = n; this.#controls(); }, { class: 'btn btn-quiet btn-small', 'aria-pressed': String(n === label) })));
    this.dataset.phase = this.#session.phase;
  }

  /** Redraws on the next animation frame, once however often it is asked for before then. */
  #queue(): void {
    this.frameOnce(this.#redraw);
  }

  readonly #redraw = (): void => this.#draw();

  #draw(): void {
    const ctx = this.#surface.context();
    const { width: w, height: hgt } = this.#surface;
    const rp = this.#replay;
    const e = this.#el;
    if (rp) {
      const end = rp.rec.rows[rp.rec.rows.length - 1]?.[0] ?? 0;
      const elapsed = performance.now() - rp.start;
      const shown = rp.rec.rows.filter((r) => r[0] <= elapsed);
      if (ctx) drawAxes(ctx, w, hgt, rowsData(shown), this.#colors, { t0: 0, t1: Math.max(end, 1) });
      e.plotNote.replaceChildren(`Mostrando la grabación ${rp.n} («${rp.rec.label}», ${fmt(rp.rec.rows.length / rp.rec.hz, 2)} s). `,
        button('Volver a la señal en vivo', () => { this.#replay = null; this.#queue(); }, { class: 'btn btn-quiet btn-small' }));
      this.dataset.replay = rp.rec.id;
      if (elapsed <= end) this.#queue();
    } else {
      const last = this.#ring.last();
      const t1 = last ? last[0] : SPAN_MS;
      const band = this.#session.recording && this.#recFromT !== null ? [this.#recFromT, t1] as const : null;
      if (ctx) drawAxes(ctx, w, hgt, this.#ring.view(), this.#colors, { t0: t1 - SPAN_MS, t1, band, empty: 'Conecta una fuente para ver la señal' });
      if (e.plotNote.childElementCount || e.plotNote.textContent) e.plotNote.replaceChildren();
      delete this.dataset.replay;
      const probe = (globalThis as { __tinymlMotionProbe?: (p: object) => void }).__tinymlMotionProbe;
      if (probe && last) probe({ kind: 'paint', widget: 'capture', last, total: this.#ring.total, at: performance.now() });
    }
    e.progress.value = this.#session.recording ? this.#session.progress : this.#session.phase === 'saved' ? 1 : 0;
    const src = this.#picker.source;
    const d = this.dataset;
    const pd = this.#picker.root.dataset;
    d.status = pd.status ?? 'idle';
    if (pd.rate) d.rate = pd.rate; else delete d.rate;
    d.axes = pd.axes ?? '3';
    d.badLines = String(src?.badLines ?? 0);
    d.rows = String(this.#rows);
    const lines = (src as { linesReceived?: number } | null)?.linesReceived;
    if (lines !== undefined) d.lines = String(lines); else delete d.lines;
  }
}

defineWidget('motion-capture', MotionCapture);
