/**
 * Lesson 17 «Graba tus palabras clave» (<tinyml-kws-recorder>): pick a word, «Grabar», a 3-2-1
 * countdown (the microphone already open, so the level meter shows whether it hears you), then
 * exactly 1 s (16000 samples at 16 kHz from lib/audio/mic-source) with the live meter in dBFS and
 * a «demasiado bajo» / «satura» hint; the clip's waveform, «Reproducir», «Centrar» (core.centreClip)
 * and a .wav download; every clip saved at once in IndexedDB (lib/kws/recordings-db), listed by
 * word with counts, play and delete, «Borrar todo» with confirmation. «Usar un archivo» turns a
 * WAV into a clip without a microphone. Export: a .zip of 16-bit WAVs `<palabra>/<id>.wav`
 * (lib/storage/zip); import: that .zip or loose .wav files, any rate (decodeWav + toCourseRate),
 * each bad file named in Spanish while the rest still import.
 * After any change: window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT)).
 *
 * Data attributes (tests): data-phase (idle | countdown | recording | saved | error), data-count
 * (saved clips), data-counts («sí:1;no:0;…»), data-store (loading | ready | error), data-countdown
 * (3, 2, 1 during the countdown), data-hint (ok | low | clip, the last clip's), data-shift (samples
 * the last «Centrar» moved), data-import (idle | busy | done), data-mic (off | opening | on: the
 * countdown's first second starts once it is on).
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, select, uniqueId } from '../lib/widget/dom';
import { downloadFile, filePicker } from '../lib/widget/files';
import { oneOf } from '../lib/state/schema';
import { MicSource } from '../lib/audio/mic-source';
import { AudioSourceError } from '../lib/audio/types';
import { encodeWav16 } from '../lib/audio/wav';
import { KWS_RECORDINGS_EVENT, addRecording, clearRecordings, deleteRecording, listRecordings, type KwsRecording } from '../lib/kws/recordings-db';
import { looksLikeZip, readZip, zipStore, ZipError } from '../lib/storage/zip';
import {
  CLIP_SAMPLES, ClipCollector, HINT_TEXT, KWS_LABELS, RATE_HZ, SUGGESTED_PER_LABEL, ZIP_NAME, centreClip, clipHint, countByLabel,
  countsAttr, importItems, initialRec, level, loudestWindow, makeId, meterZone, recStep, ZONE_TEXT, wavName, zipPath, type ImportItem, type KwsLabel,
  type RecEvent, type RecState,
} from './core';
import { drawWave, meterStyle, meterTicks, waveColors, type WaveColors } from './render';
import './style.css';

/** URL-safe keys for the labels (the state goes into share links). */
const WORD_KEYS = ['si', 'no', 'silencio', 'desconocido'] as const;
type WordKey = (typeof WORD_KEYS)[number];
const LABEL_OF: Record<WordKey, KwsLabel> = { si: 'sí', no: 'no', silencio: 'silencio', desconocido: 'desconocido' };

const schema = { word: oneOf(WORD_KEYS, 'si') };

const SHIPPED_NOTE = 'Sin micrófono también puedes seguir: la red se entrena igual con el conjunto de clips del curso, y aquí puedes usar un archivo .wav.';

const NO_CLIP = 'Aquí verás la forma de onda de tu último clip: 1 s, con una línea en 0,5 s, donde conviene que quede la palabra.';

const timeText = (ms: number): string =>
  new Date(ms).toLocaleString('es-ES', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

class KwsRecorder extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #rec: RecState = initialRec;
  #mic: MicSource | null = null;
  /** Bumped on every start / cancel: callbacks of an older run do nothing. */
  #run = 0;
  #collector: ClipCollector | null = null;
  #recs: KwsRecording[] = [];
  /** The clip shown in the preview (the last one recorded, imported from a file or centred). */
  #current: KwsRecording | null = null;
  #unsaved = false;
  #chunks = 0;
  #audio: AudioContext | null = null;
  #player: AudioBufferSourceNode | null = null;
  #colors!: WaveColors;
  #el!: {
    word: ReturnType<typeof select<WordKey>>; record: HTMLButtonElement; cancel: HTMLButtonElement; fileZone: HTMLElement;
    fileBtn: HTMLButtonElement; status: HTMLElement; big: HTMLElement; fill: HTMLElement; levelText: HTMLElement; hint: HTMLElement;
    micMsg: HTMLElement; wave: HTMLCanvasElement; waveInfo: HTMLElement; play: HTMLButtonElement; centre: HTMLButtonElement;
    wavBtn: HTMLButtonElement; retry: HTMLButtonElement; counts: HTMLElement; list: HTMLElement; dataMsg: HTMLElement;
    clearBox: HTMLElement; exportBtn: HTMLButtonElement; clearBtn: HTMLButtonElement; importSetDisabled: (off: boolean) => void;
  };

  protected setup(): void {
    this.#rec = initialRec;
    this.#current = null;
    this.#recs = [];
    const word = select<WordKey>({
      label: 'Palabra que vas a grabar',
      options: WORD_KEYS.map((k) => ({ value: k, label: LABEL_OF[k] })),
      value: this.state.word,
      onChange: (v) => this.setState({ word: v }),
    });
    const oneFile = filePicker({
      label: 'Usar un archivo .wav',
      accept: '.wav,audio/wav,audio/x-wav,audio/wave',
      dropText: '…o suelta aquí un .wav: se guarda como un clip de 1 s de la palabra elegida',
      onFiles: (f) => void this.#fromFile(f[0]!),
    });
    const importer = filePicker({
      label: 'Importar .zip o .wav',
      accept: '.zip,.wav,application/zip,audio/wav,audio/x-wav',
      multiple: true,
      dropText: '…o suéltalos aquí',
      onFiles: (f) => void this.#import(f),
    });
    const ticks = meterTicks();
    const levelId = uniqueId('kr-level');
    const e = (this.#el = {
      word,
      record: button('Grabar', () => void this.#start()),
      cancel: button('Cancelar', () => void this.#cancel('Grabación cancelada: no se guardó nada.'), { class: 'btn btn-quiet' }),
      fileZone: oneFile.zone,
      fileBtn: oneFile.button,
      status: h('p', { class: 'kr-status', 'aria-live': 'polite' }),
      big: h('p', { class: 'kr-big', 'aria-hidden': 'true' }),
      fill: h('span', { class: 'kr-fill' }),
      levelText: h('span', { class: 'kr-level-text', id: levelId, text: 'Nivel: micrófono apagado' }),
      hint: h('p', { class: 'kr-hint', 'aria-live': 'polite' }),
      micMsg: h('div', { class: 'kr-mic-msg', role: 'alert' }),
      wave: h('canvas', { class: 'kr-wave', role: 'img', 'aria-label': NO_CLIP }),
      waveInfo: h('p', { class: 'kr-wave-info', text: NO_CLIP }),
      play: button('Reproducir', () => this.#current && this.#play(this.#current), { class: 'btn btn-quiet' }),
      centre: button('Centrar', () => void this.#centre(), { class: 'btn btn-quiet' }),
      wavBtn: button('Descargar .wav', () => this.#current && this.#downloadOne(this.#current), { class: 'btn btn-quiet' }),
      retry: button('Guardar otra vez', () => void this.#saveCurrent(), { class: 'btn', hidden: true }),
      counts: h('ul', { class: 'kr-counts', 'aria-label': 'Clips por palabra' }),
      list: h('div', { class: 'kr-list' }),
      dataMsg: h('div', { class: 'kr-data-msg', 'aria-live': 'polite' }),
      clearBox: h('div', { class: 'kr-clear' }),
      exportBtn: button('Exportar todo (.zip)', () => this.#exportZip(), { class: 'btn btn-quiet' }),
      clearBtn: button('Borrar todo', () => this.#askClear(), { class: 'btn btn-quiet' }),
      importSetDisabled: (off: boolean) => importer.setDisabled(off),
    });
    const meter = h('div', { class: 'kr-meter', 'aria-hidden': 'true' }, e.fill,
      h('span', { class: 'kr-tick', style: `left:${ticks.low.toFixed(1)}%` }),
      h('span', { class: 'kr-tick kr-tick-clip', style: `left:${ticks.clip.toFixed(1)}%` }));
    this.append(
      h('p', { class: 'kr-intro' },
        `Graba al menos ${SUGGESTED_PER_LABEL} clips de cada palabra, cambiando el tono, el volumen y la distancia al micrófono: `,
        'cuanto más variados, mejor reconocerá la red tu voz. Los clips se quedan en este navegador; no se envía nada.'),
      h('section', { class: 'kr-rec', 'aria-label': 'Grabar un clip' },
        h('div', { class: 'kr-row' }, word.root, h('div', { class: 'kr-actions' }, e.record, e.cancel)),
        h('div', { class: 'kr-live' },
          e.big,
          h('div', { class: 'kr-meter-box' },
            h('span', { class: 'kr-meter-label', 'aria-hidden': 'true', text: `${ticks.floor} dBFS` }), meter,
            h('span', { class: 'kr-meter-label', 'aria-hidden': 'true', text: '0 dBFS' })),
          e.levelText),
        e.status, e.hint, e.micMsg, e.fileZone),
      h('section', { class: 'kr-clip', 'aria-label': 'El último clip' },
        e.wave, e.waveInfo,
        h('div', { class: 'kr-actions' }, e.play, e.centre, e.wavBtn, e.retry)),
      h('section', { class: 'kr-data', 'aria-label': 'Tus clips' },
        h('p', { class: 'kr-data-title', text: 'Tus clips en este navegador' }),
        e.counts,
        h('div', { class: 'kr-actions' }, e.exportBtn, e.clearBtn),
        importer.zone,
        h('p', { class: 'kr-import-note', text: 'Un .zip exportado aquí recupera cada clip con su palabra (por la carpeta). Una .wav suelta se guarda con la palabra elegida arriba, salvo que su nombre empiece por la palabra, como «no_….wav».' }),
        e.clearBox, e.dataMsg, e.list),
    );
    this.#colors = waveColors(this);
    this.listen(document, 'tinyml:theme', () => { this.#colors = waveColors(this); this.#drawCurrent(); this.#renderList(); });
    this.listen(window, 'resize', () => this.#drawCurrent());
    // Another copy of this widget (or any other widget) changed the recordings.
    this.listen(window, KWS_RECORDINGS_EVENT, () => void this.#reload());
    this.onCleanup(() => { this.#run++; void this.#mic?.stop(); this.#mic = null; void this.#audio?.close().catch(() => undefined); this.#audio = null; });
    this.dataset.store = 'loading';
    this.dataset.import = 'idle';
    this.dataset.mic = 'off';
    this.#apply();
    void this.#reload();
  }

  protected update(): void {
    this.#el.word.set(this.state.word);
    this.#controls();
  }

  get #label(): KwsLabel {
    return LABEL_OF[this.state.word];
  }

  /* ---- phases ---- */

  #step(e: RecEvent): void {
    const before = this.#rec;
    this.#rec = recStep(this.#rec, e);
    const { phase, count } = this.#rec;
    if (phase !== before.phase || count !== before.count) {
      if (phase === 'countdown' && e.type === 'tick') this.#say(`Prepárate para decir «${this.#label}»: ${count}…`);
      if (phase === 'recording') this.#say(`¡Ahora! Di «${this.#label}» (grabando 1 s)…`);
    }
    this.#apply();
  }

  #apply(): void {
    const { phase, count } = this.#rec;
    this.dataset.phase = phase;
    if (phase === 'countdown') this.dataset.countdown = String(count);
    else delete this.dataset.countdown;
    const big = this.#el.big;
    big.textContent = phase === 'countdown' ? String(count) : phase === 'recording' ? '●' : phase === 'saved' ? '✓' : phase === 'error' ? '!' : '';
    big.dataset.phase = phase;
    this.#controls();
  }

  #controls(): void {
    const busy = this.#rec.phase === 'countdown' || this.#rec.phase === 'recording';
    const e = this.#el;
    e.record.disabled = busy;
    e.cancel.hidden = !busy;
    e.word.input.disabled = busy;
    e.fileBtn.disabled = busy;
    const has = this.#current !== null;
    e.play.disabled = !has;
    e.centre.disabled = !has || busy;
    e.wavBtn.disabled = !has;
    e.retry.hidden = !this.#unsaved;
    e.exportBtn.disabled = this.#recs.length === 0;
    e.clearBtn.disabled = this.#recs.length === 0;
    e.importSetDisabled(busy);
  }

  #say(text: string): void {
    this.#el.status.textContent = text;
  }

  /* ---- recording ---- */

  async #start(): Promise<void> {
    if (this.#rec.phase === 'countdown' || this.#rec.phase === 'recording') return;
    const run = ++this.#run;
    this.#el.micMsg.replaceChildren();
    this.#el.hint.textContent = '';
    this.#collector = new ClipCollector(CLIP_SAMPLES);
    this.#chunks = 0;
    this.#step({ type: 'start' });
    this.#say('Abriendo el micrófono… (si el navegador te pregunta, permítelo).');
    const mic = new MicSource();
    this.#mic = mic;
    this.dataset.mic = 'opening';
    mic.on('samples', ({ samples }) => {
      if (run !== this.#run) return;
      this.#meter(samples);
      if (this.#rec.phase !== 'recording' || !this.#collector) return;
      if (this.#collector.push(samples)) void this.#finish(run);
    });
    mic.on('problem', (p) => {
      if (run !== this.#run || !p.fatal) return;
      this.#micProblem(p.message);
    });
    try {
      await mic.start();
    } catch (err) {
      if (run !== this.#run) return;
      if (!(err instanceof AudioSourceError)) this.#micProblem(`No pude abrir el micrófono: ${(err as Error)?.message ?? err}`);
      // AudioSourceError: its problem event already said why.
      return;
    }
    if (run !== this.#run || mic.status !== 'running') return;
    this.dataset.mic = 'on';
    // The countdown runs once the microphone is open (a permission prompt can take a while).
    this.#say(`Prepárate para decir «${this.#label}»: ${this.#rec.count}…`);
    this.#tick(run);
  }

  /** One countdown second through the widget's timer (page.clock drives it in tests). */
  #tick(run: number): void {
    this.later(1000, () => {
      if (run !== this.#run || this.#rec.phase !== 'countdown') return;
      this.#step({ type: 'tick' });
      if (this.#rec.phase === 'countdown') this.#tick(run);
    });
  }

  #micProblem(message: string): void {
    this.#run++;
    const mic = this.#mic;
    this.#mic = null;
    void mic?.stop();
    this.#meterOff();
    this.#el.micMsg.replaceChildren(h('p', { text: message }), h('p', { text: SHIPPED_NOTE }));
    this.#say('No se grabó nada.');
    this.#step({ type: 'fail' });
  }

  #meter(samples: Float32Array): void {
    // 20 ms chunks; the text every 5th (10 per second) so it stays readable.
    const l = level(samples);
    meterStyle(this.#el.fill, l);
    if (this.#chunks++ % 5 === 0) {
      const zone = meterZone(l);
      this.#el.levelText.textContent = `Nivel: ${fmt(l.rmsDb, 0)} dBFS (pico ${fmt(l.peakDb, 0)} dBFS) · ${ZONE_TEXT[zone]}`;
      this.#el.levelText.dataset.zone = zone;
    }
  }

  /** The microphone is off: the meter says so instead of showing its last value. */
  #meterOff(): void {
    this.dataset.mic = 'off';
    meterStyle(this.#el.fill, null);
    this.#el.levelText.textContent = 'Nivel: micrófono apagado';
    delete this.#el.levelText.dataset.zone;
  }

  async #cancel(message: string): Promise<void> {
    this.#run++;
    const mic = this.#mic;
    this.#mic = null;
    this.#step({ type: 'cancel' });
    this.#meterOff();
    this.#say(message);
    await mic?.stop();
  }

  async #finish(run: number): Promise<void> {
    const clip = this.#collector?.clip();
    this.#collector = null;
    const mic = this.#mic;
    this.#mic = null;
    this.#run++;
    void mic?.stop();
    this.#meterOff();
    if (!clip || run + 1 !== this.#run) return;
    const now = Date.now();
    this.#current = { id: makeId(now, new Set(this.#recs.map((r) => r.id))), label: this.#label, samples: clip, createdAt: now };
    this.#showCurrent();
    await this.#saveCurrent(`Guardado: «${this.#label}», 1 s (16000 muestras a 16 kHz).`);
    // Saved, or kept in memory with «Guardar otra vez» when the store refused it.
    this.#rec = this.#unsaved ? { phase: 'error', count: 0 } : recStep(this.#rec, { type: 'saved' });
    this.#apply();
  }

  /** Saves #current (new or replaced, same id); on failure keeps it in memory with a retry. */
  async #saveCurrent(okText = 'Guardado.'): Promise<void> {
    const cur = this.#current;
    if (!cur) return;
    try {
      await addRecording(cur);
      this.#unsaved = false;
      this.#say(okText);
      await this.#reload();
      window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT));
    } catch (err) {
      this.#unsaved = true;
      this.#say(`${(err as Error).message} El clip sigue aquí: pulsa «Guardar otra vez» o descárgalo como .wav.`);
    }
    if (this.#rec.phase === 'error' && !this.#unsaved && !this.#el.micMsg.hasChildNodes()) this.#rec = { phase: 'saved', count: 0 };
    this.#apply();
  }

  #showCurrent(): void {
    const cur = this.#current;
    if (!cur) return;
    const hint = clipHint(cur.samples, cur.label);
    this.dataset.hint = hint;
    this.#el.hint.textContent = hint === 'ok' ? '' : HINT_TEXT[hint];
    this.#el.hint.dataset.hint = hint;
    const l = level(cur.samples);
    const peakAt = (loudestWindow(cur.samples, 1600) + 800) / RATE_HZ;
    const text = `Clip de «${cur.label}»: 1 s, pico ${fmt(l.peakDb, 0)} dBFS, nivel medio ${fmt(l.rmsDb, 0)} dBFS; la parte más fuerte está en ${fmt(peakAt, 2)} s (el centro es 0,5 s).`;
    this.#el.waveInfo.textContent = text;
    this.#el.wave.setAttribute('aria-label', `Forma de onda del ${text}`);
    this.#drawCurrent();
  }

  #drawCurrent(): void {
    drawWave(this.#el.wave, this.#current?.samples ?? null, this.#colors);
  }

  async #centre(): Promise<void> {
    const cur = this.#current;
    if (!cur) return;
    const { samples, shift } = centreClip(cur.samples);
    this.dataset.shift = String(shift);
    this.#current = { ...cur, samples };
    this.#showCurrent();
    const ms = Math.round((Math.abs(shift) / RATE_HZ) * 1000);
    await this.#saveCurrent(shift === 0 ? 'Ya estaba centrado: no se ha movido.' : `Centrado: movido ${ms} ms hacia ${shift > 0 ? 'la derecha' : 'la izquierda'} y guardado.`);
  }

  /** «Usar un archivo»: one WAV (any rate) → a 1 s clip of the chosen word, saved. */
  async #fromFile(f: File): Promise<void> {
    const items: ImportItem[] = [{ shown: f.name, path: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }];
    const res = importItems(items.map((i) => ({ ...i, path: 'clip.wav' })), this.#label, Date.now(), new Set(this.#recs.map((r) => r.id)));
    const rec = res.recordings[0];
    if (!rec) {
      this.#el.micMsg.replaceChildren(h('p', { text: res.errors[0] ?? `«${f.name}»: no he podido leerlo.` }), h('p', { text: 'Tus clips guardados siguen como estaban.' }));
      this.#say('No se guardó nada.');
      this.#rec = { phase: 'error', count: 0 };
      this.#apply();
      return;
    }
    this.#el.micMsg.replaceChildren();
    this.#current = rec;
    this.#showCurrent();
    this.#rec = { phase: 'saved', count: 0 };
    await this.#saveCurrent(`Guardado: «${rec.label}» desde «${f.name}» (el segundo más fuerte, a 16 kHz).`);
  }

  /* ---- playback ---- */

  #play(r: KwsRecording): void {
    try {
      this.#audio ??= new AudioContext();
      const ctx = this.#audio;
      if (ctx.state === 'suspended') void ctx.resume();
      this.#player?.stop();
      const buf = ctx.createBuffer(1, r.samples.length, RATE_HZ);
      buf.copyToChannel(new Float32Array(r.samples), 0);
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(ctx.destination);
      src.onended = () => {
        if (this.#player === src) {
          this.#player = null;
          delete this.dataset.playing;
        }
      };
      this.#player = src;
      this.dataset.playing = r.id;
      src.start();
    } catch (err) {
      this.#dataMsg(`No pude reproducir el clip: ${(err as Error)?.message ?? err}.`);
    }
  }

  /* ---- the stored set ---- */

  async #reload(): Promise<void> {
    try {
      this.#recs = await listRecordings();
      this.dataset.store = 'ready';
    } catch (err) {
      this.dataset.store = 'error';
      this.#dataMsg(`${(err as Error).message}`);
    }
    this.#renderList();
    this.#controls();
  }

  #renderList(): void {
    const recs = this.#recs;
    const counts = countByLabel(recs);
    this.dataset.count = String(recs.length);
    this.dataset.counts = countsAttr(counts);
    this.#el.counts.replaceChildren(...Object.entries(counts).map(([label, n]) =>
      h('li', { 'data-label': label, ...(n >= SUGGESTED_PER_LABEL ? { 'data-enough': '' } : {}) },
        h('span', { class: 'kr-count-label', text: label }), ' ',
        h('span', { class: 'kr-count-n', text: String(n) }),
        h('span', { class: 'kr-count-goal', text: ` / ${SUGGESTED_PER_LABEL}` }))));
    if (recs.length === 0) {
      this.#el.list.replaceChildren(h('p', { class: 'kr-empty', text: 'Todavía no has grabado ningún clip.' }));
      return;
    }
    const groups = Object.keys(counts).filter((l) => counts[l]! > 0);
    this.#el.list.replaceChildren(...groups.map((label) => {
      const mine = recs.filter((r) => r.label === label);
      const titleId = uniqueId('kr-group');
      return h('div', { class: 'kr-group', 'data-label': label },
        h('p', { class: 'kr-group-title', id: titleId, text: `«${label}» · ${mine.length} ${mine.length === 1 ? 'clip' : 'clips'}` }),
        h('ol', { class: 'kr-items', 'aria-labelledby': titleId }, ...mine.map((r, i) => this.#item(r, i + 1))));
    }));
  }

  #item(r: KwsRecording, n: number): HTMLElement {
    const name = `clip ${n} de «${r.label}»`;
    const thumb = h('canvas', { class: 'kr-thumb', 'aria-hidden': 'true' });
    drawWave(thumb, r.samples, this.#colors, 96, 28);
    return h('li', { class: 'kr-item', 'data-id': r.id },
      thumb,
      h('span', { class: 'kr-item-text' }, h('span', { class: 'kr-item-name', text: `${n}. ${r.label}` }), h('span', { class: 'kr-item-meta', text: timeText(r.createdAt) })),
      h('span', { class: 'kr-item-actions' },
        button('Reproducir', () => this.#play(r), { class: 'btn btn-quiet kr-small', 'aria-label': `Reproducir el ${name}` }),
        button('.wav', () => this.#downloadOne(r), { class: 'btn btn-quiet kr-small', 'aria-label': `Descargar el ${name} como .wav` }),
        button('Borrar', () => void this.#remove(r), { class: 'btn btn-quiet kr-small', 'aria-label': `Borrar el ${name}` })));
  }

  #dataMsg(text: string, lines: string[] = []): void {
    this.#el.dataMsg.replaceChildren(h('p', { text }), ...(lines.length ? [h('ul', { class: 'kr-errors' }, ...lines.map((l) => h('li', { text: l })))] : []));
  }

  async #remove(r: KwsRecording): Promise<void> {
    try {
      await deleteRecording(r.id);
      if (this.#current?.id === r.id) {
        this.#current = null;
        this.#el.waveInfo.textContent = NO_CLIP;
        this.#el.wave.setAttribute('aria-label', NO_CLIP);
        this.#drawCurrent();
      }
      this.#dataMsg(`Borrado un clip de «${r.label}».`);
      await this.#reload();
      window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT));
    } catch (err) {
      this.#dataMsg((err as Error).message);
    }
  }

  #askClear(): void {
    const n = this.#recs.length;
    const box = this.#el.clearBox;
    if (n === 0) return;
    box.replaceChildren(
      h('p', { role: 'alert', text: `¿Borrar ${n === 1 ? 'el clip' : `los ${n} clips`} de este navegador? No se puede deshacer (exporta el .zip antes si los quieres conservar).` }),
      button(n === 1 ? 'Sí, borrarlo' : `Sí, borrar los ${n}`, () => { box.replaceChildren(); void this.#clear(); }),
      button('No, conservarlos', () => box.replaceChildren(), { class: 'btn btn-quiet' }));
  }

  async #clear(): Promise<void> {
    try {
      await clearRecordings();
      this.#current = null;
      this.#unsaved = false;
      this.#el.waveInfo.textContent = NO_CLIP;
      this.#el.wave.setAttribute('aria-label', NO_CLIP);
      this.#drawCurrent();
      this.#dataMsg('Borrados todos tus clips.');
      await this.#reload();
      window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT));
    } catch (err) {
      this.#dataMsg((err as Error).message);
    }
  }

  #downloadOne(r: KwsRecording): void {
    downloadFile(encodeWav16(r.samples, RATE_HZ), wavName(r), 'audio/wav');
  }

  #exportZip(): void {
    if (this.#recs.length === 0) return;
    const zip = zipStore(this.#recs.map((r) => ({ name: zipPath(r), data: encodeWav16(r.samples, RATE_HZ) })), new Date());
    downloadFile(zip, ZIP_NAME, 'application/zip');
    this.#dataMsg(`Exportados ${this.#recs.length} clips en «${ZIP_NAME}» (${fmt(zip.length / 1024, 0)} KB).`);
  }

  async #import(files: File[]): Promise<void> {
    this.dataset.import = 'busy';
    const items: ImportItem[] = [];
    const errors: string[] = [];
    for (const f of files) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await f.arrayBuffer());
      } catch (err) {
        errors.push(`«${f.name}»: no he podido leerlo (${(err as Error)?.message ?? err}).`);
        continue;
      }
      if (/\.zip$/i.test(f.name) || looksLikeZip(bytes)) {
        try {
          for (const e of await readZip(bytes)) {
            if (e.error !== undefined) errors.push(`«${f.name} › ${e.name}»: ${e.error}; no lo he importado.`);
            else items.push({ shown: `${f.name} › ${e.name}`, path: e.name, bytes: e.data });
          }
        } catch (err) {
          errors.push(`«${f.name}»: ${err instanceof ZipError ? err.message : String(err)}`);
        }
      } else {
        items.push({ shown: f.name, path: f.name, bytes });
      }
    }
    const res = importItems(items, this.#label, Date.now(), new Set(this.#recs.map((r) => r.id)));
    errors.push(...res.errors);
    let saved = 0;
    for (const r of res.recordings) {
      try {
        await addRecording(r);
        saved++;
      } catch (err) {
        errors.push(`«${r.label}/${r.id}.wav»: ${(err as Error).message}`);
      }
    }
    const per = countByLabel(res.recordings);
    const perText = Object.entries(per).filter(([, n]) => n > 0).map(([l, n]) => `${l}: ${n}`).join(', ');
    const head = saved > 0
      ? `${saved === 1 ? 'Importado 1 clip' : `Importados ${saved} clips`} (${perText}).`
      : 'No he importado ningún clip.';
    this.#dataMsg(errors.length ? `${head} ${errors.length === 1 ? 'Un archivo no se pudo importar' : `${errors.length} archivos no se pudieron importar`}; el resto de tus clips sigue igual:` : head, errors);
    await this.#reload();
    if (saved > 0) window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT));
    this.dataset.import = 'done';
  }
}

defineWidget('kws-recorder', KwsRecorder);
