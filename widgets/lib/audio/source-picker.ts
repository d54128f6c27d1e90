/**
 * Browser view helper: the Spanish control that chooses and starts an AudioSource, shared by the
 * lesson 17 widgets. Three ways in:
 *   «Muestras del curso»  the WAVs of public/data/keywords/samples/ (manifest.json `samples`,
 *                         plus silencio.wav / desconocido.wav if the list lacks them), fetched
 *                         once and decoded with BufferSource.fromWav;
 *   «Micrófono»           MicSource, opened only by a click (MIC_CONSTRAINTS: echo cancellation,
 *                         noise suppression and automatic gain off, and the control says why);
 *   «Archivo WAV»         filePicker (lib/widget/files.ts) → BufferSource.fromWav (WavError
 *                         messages are Spanish).
 * A sample or a file can repeat in a loop as silence–sound–silence (padS of silence on each
 * side, from silencio.wav when it loads, zeros otherwise): a 1 s clip then sits between silences
 * and a recognizer sees each word as a separate event (it needs ≥ 250 ms of consistent frames).
 *
 * API:
 *   const p = createAudioPicker(host, {
 *     onSource(src, info) {},   // a source is running: subscribe to src.on('samples', …)
 *     onStop() {},              // it stopped (button, end of a clip, fatal problem)
 *     onProblem(message) {},    // a Spanish message, also shown next to the control
 *     loopSamples: true,        // initial state of the «repetir» box (default false)
 *     scheduler,                // lib/sensors/scheduler (default browserScheduler: page.clock works)
 *   });
 *   p.element                   // the control (already appended to host)
 *   await p.stop(); p.current(); p.dispose();
 * p.element carries data-audio-status (idle | starting | running | stopped | error),
 * data-audio-kind (sample | mic | file, the chosen way in) and data-samples (loading | ready |
 * error). Problems (permission denied, no microphone, no AudioWorklet, insecure page, bad WAV,
 * samples not loading) appear in a role="alert" box; the other ways in keep working.
 *
 * Pure and unit-tested: loopWithSilence, sampleChoices, sampleText.
 */
import { browserScheduler, type Scheduler } from '../sensors/scheduler';
import { button, h, uniqueId } from '../widget/dom';
import { filePicker } from '../widget/files';
import { BufferSource } from './buffer-source';
import { audioMsg } from './messages';
import { MicSource } from './mic-source';
import { AUDIO_RATE_HZ, type AudioSource } from './types';
import { WavError } from './wav';
import './source-picker.css';

export type AudioPickKind = 'mic' | 'sample' | 'file';

export interface AudioPickInfo {
  kind: AudioPickKind;
  /** Spanish, e.g. «sí, voz es+m3» or the file's name. */
  label: string;
}

export interface AudioPickerOptions {
  onSource(src: AudioSource, info: AudioPickInfo): void;
  onStop?(): void;
  onProblem?(message: string): void;
  /** Initial state of «repetir con silencio» (default false). */
  loopSamples?: boolean;
  /** Time for samples and files (default browserScheduler()). */
  scheduler?: Scheduler;
  /** Where manifest.json and samples/ live (default '/data/keywords/'). */
  baseUrl?: string;
}

export interface AudioPicker {
  element: HTMLElement;
  /** Stops the running source (if any). */
  stop(): Promise<void>;
  current(): AudioSource | null;
  /** Stops and removes the control. */
  dispose(): void;
}

/** Seconds of silence on each side of a looped clip. */
export const LOOP_PAD_S = 0.5;

/**
 * silence(pad) · sound · silence(pad) as one buffer (16 kHz samples). The silence is `silence`
 * repeated (cycled from its start) or zeros when none is given.
 */
export function loopWithSilence(sound: Float32Array, padSamples: number, silence?: Float32Array | null): Float32Array {
  const pad = Math.max(0, Math.floor(padSamples));
  const out = new Float32Array(2 * pad + sound.length);
  if (silence && silence.length > 0) {
    for (let i = 0; i < pad; i++) {
      out[i] = silence[i % silence.length]!;
      out[pad + sound.length + i] = silence[(pad + i) % silence.length]!;
    }
  }
  out.set(sound, pad);
  return out;
}

export interface SampleChoice {
  file: string;
  label: string;
  word: string | null;
  voice: string | null;
}

/**
 * The samples a manifest lists (`samples`: [{file, label, word, voice}]), in its order, plus
 * silencio.wav and desconocido.wav when the list lacks them. Bad entries are skipped.
 */
export function sampleChoices(manifest: unknown): SampleChoice[] {
  const list = (manifest as { samples?: unknown } | null)?.samples;
  const out: SampleChoice[] = [];
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  if (Array.isArray(list)) {
    for (const e of list as Array<Record<string, unknown>>) {
      const file = str(e?.file);
      if (!file || !/^[\w.-]+\.wav$/i.test(file) || out.some((c) => c.file === file)) continue;
      out.push({ file, label: str(e.label) ?? file.replace(/\.wav$/i, ''), word: str(e.word), voice: str(e.voice) });
    }
  }
  for (const extra of ['silencio', 'desconocido']) {
    if (!out.some((c) => c.file === `${extra}.wav`)) out.push({ file: `${extra}.wav`, label: extra, word: null, voice: null });
  }
  return out;
}

/** The Spanish text of a sample: «sí · voz es+m3», «desconocido («uno») · voz es+klatt3», «silencio». */
export function sampleText(c: SampleChoice): string {
  const word = c.word && c.word !== c.label ? ` («${c.word}»)` : '';
  return `${c.label}${word}${c.voice ? ` · voz ${c.voice}` : ''}`;
}

const MIC_WHY =
  'El micrófono se abre solo cuando pulsas el botón, y el navegador te pedirá permiso. Le pido el sonido tal cual: ' +
  'sin cancelación de eco, sin supresión de ruido y sin control automático de ganancia, porque esos filtros están ' +
  'pensados para llamadas y cambian el sonido que el modelo tiene que reconocer.';

const STATUS_TEXT = {
  idle: 'Elige una fuente de audio y pulsa el botón.',
  starting: 'Abriendo la fuente de audio…',
  stopped: 'Detenido.',
  error: 'No se pudo usar esa fuente de audio.',
} as const;

export function createAudioPicker(host: HTMLElement, opts: AudioPickerOptions): AudioPicker {
  const scheduler = opts.scheduler ?? browserScheduler();
  const base = opts.baseUrl ?? '/data/keywords/';
  let src: AudioSource | null = null;
  let offs: Array<() => void> = [];
  let run = 0;
  let disposed = false;

  const root = h('div', { class: 'audio-picker', 'data-audio-status': 'idle', 'data-audio-kind': 'sample', 'data-samples': 'loading' });
  const status = h('p', { class: 'ap-status', 'aria-live': 'polite', text: STATUS_TEXT.idle });
  const alert = h('div', { class: 'ap-alert', role: 'alert' });
  const setStatus = (s: keyof typeof STATUS_TEXT | 'running', text?: string): void => {
    root.dataset.audioStatus = s;
    status.textContent = text ?? (s === 'running' ? 'En marcha.' : STATUS_TEXT[s]);
    stopBtn.disabled = !(s === 'running' || s === 'starting');
  };
  const problem = (message: string): void => {
    alert.replaceChildren(h('p', { class: 'ap-msg', text: message }));
    opts.onProblem?.(message);
  };
  const clearProblem = (): void => alert.replaceChildren();

  // The three ways in.
  const kinds: ReadonlyArray<{ value: AudioPickKind; label: string }> = [
    { value: 'sample', label: 'Muestras del curso' },
    { value: 'mic', label: 'Micrófono' },
    { value: 'file', label: 'Archivo WAV' },
  ];
  const group = uniqueId('ap-kind');
  const fs = h('fieldset', { class: 'ap-kinds' }, h('legend', { text: 'Fuente de audio' }));
  const panels = {} as Record<AudioPickKind, HTMLElement>;
  for (const k of kinds) {
    const id = uniqueId('ap-k');
    const input = h('input', { type: 'radio', name: group, id, value: k.value, checked: k.value === 'sample' });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      root.dataset.audioKind = k.value;
      for (const [key, p] of Object.entries(panels)) p.hidden = key !== k.value;
    });
    fs.append(h('span', { class: 'ap-kind' }, input, h('label', { for: id, text: k.label })));
  }

  // Samples.
  const selId = uniqueId('ap-sel');
  const sel = h('select', { id: selId, disabled: true }, h('option', { value: '', text: 'Cargando las muestras…' }));
  const loopId = uniqueId('ap-loop');
  const loopBox = h('input', { type: 'checkbox', id: loopId, checked: !!opts.loopSamples });
  const loopRow = h('span', { class: 'ap-loop' }, loopBox,
    h('label', { for: loopId, text: `Repetir en bucle, con ${String(LOOP_PAD_S).replace('.', ',')} s de silencio antes y después` }));
  const playBtn = button('Analizar la muestra', () => void startSample(), { 'data-audio-start': 'sample' });
  panels.sample = h('div', { class: 'ap-panel' },
    h('div', { class: 'ctl ctl-select' }, h('label', { for: selId, text: 'Muestra' }), sel),
    h('div', { class: 'ap-row' }, playBtn, loopRow));

  // Microphone.
  const micBtn = button('Usar el micrófono', () => void startMic(), { 'data-audio-start': 'mic' });
  panels.mic = h('div', { class: 'ap-panel', hidden: true }, h('p', { class: 'ap-hint', text: MIC_WHY }), h('div', { class: 'ap-row' }, micBtn));

  // File.
  const fp = filePicker({
    label: 'Elegir un archivo .wav', accept: '.wav,audio/wav,audio/x-wav,audio/wave', dropText: '…o suéltalo aquí',
    onFiles: (files) => void startFile(files[0]!),
  });
  panels.file = h('div', { class: 'ap-panel', hidden: true },
    h('p', { class: 'ap-hint', text: 'Un WAV de cualquier frecuencia de muestreo y número de canales: lo mezclo a mono y lo paso a 16 kHz. Se analiza en tu navegador; no se sube a ningún sitio.' }),
    fp.zone);

  const stopBtn = button('Detener', () => void stop(), { class: 'btn btn-quiet', disabled: true, 'data-audio-stop': '' });
  root.append(fs, panels.sample, panels.mic, panels.file, h('div', { class: 'ap-row ap-foot' }, stopBtn, status), alert);
  host.append(root);

  // Loading the sample list (and silencio.wav for the padding).
  const cache = new Map<string, Promise<Float32Array>>();
  const fetchWav = (file: string): Promise<Float32Array> => {
    let p = cache.get(file);
    if (!p) {
      p = (async () => {
        let res: Response;
        try {
          res = await fetch(`${base}samples/${file}`);
        } catch {
          throw new Error(`No pude descargar la muestra ${file} (¿sin conexión con el sitio?).`);
        }
        if (!res.ok) throw new Error(`No pude descargar la muestra ${file} (el servidor respondió ${res.status}).`);
        return BufferSource.fromWav(new Uint8Array(await res.arrayBuffer())).samples;
      })();
      p.catch(() => cache.delete(file));
      cache.set(file, p);
    }
    return p;
  };
  let choices: SampleChoice[] = [];
  const listReady = (async () => {
    try {
      const res = await fetch(`${base}manifest.json`);
      if (!res.ok) throw new Error(String(res.status));
      choices = sampleChoices(await res.json());
      if (disposed) return;
      sel.replaceChildren(...choices.map((c) => h('option', { value: c.file, text: sampleText(c) })));
      sel.disabled = false;
      root.dataset.samples = 'ready';
    } catch {
      if (disposed) return;
      sel.replaceChildren(h('option', { value: '', text: 'Sin muestras' }));
      root.dataset.samples = 'error';
      playBtn.disabled = true;
      problem('No pude cargar la lista de muestras del curso (public/data/keywords/manifest.json). Recarga la página; mientras tanto puedes usar el micrófono o un archivo WAV.');
    }
  })();

  const detach = (): void => {
    for (const off of offs) off();
    offs = [];
  };

  async function stop(): Promise<void> {
    run++;
    const s = src;
    src = null;
    detach();
    if (s) {
      await s.stop();
      if (disposed) return;
      setStatus('stopped');
      opts.onStop?.();
    } else if (!disposed && root.dataset.audioStatus === 'starting') {
      setStatus('stopped');
    }
  }

  /** Replaces the running source with `make()`'s, once it started. */
  async function begin(info: AudioPickInfo, make: () => Promise<AudioSource>): Promise<void> {
    await stop();
    const mine = ++run;
    clearProblem();
    setStatus('starting', info.kind === 'mic' ? 'Abriendo el micrófono… (si el navegador pregunta, permite el micrófono)' : undefined);
    let s: AudioSource;
    try {
      s = await make();
      if (mine !== run) return;
      await s.start();
    } catch (err) {
      if (mine !== run || disposed) return;
      setStatus('error');
      problem(messageOf(err));
      return;
    }
    if (mine !== run || disposed) {
      void s.stop();
      return;
    }
    src = s;
    offs.push(
      s.on('status', (st) => {
        if (src !== s) return;
        if (st === 'stopped') {
          src = null;
          detach();
          setStatus('stopped', info.kind === 'mic' ? STATUS_TEXT.stopped : `Terminado: ${info.label}.`);
          opts.onStop?.();
        }
      }),
      s.on('problem', (p) => {
        if (src !== s) return;
        problem(p.message);
        if (p.fatal) {
          src = null;
          detach();
          setStatus('error');
          opts.onStop?.();
        }
      }),
    );
    const what = info.kind === 'mic' ? 'Escuchando el micrófono' : `Analizando ${info.kind === 'file' ? 'el archivo' : 'la muestra'} ${info.label}`;
    setStatus('running', `${what}.`);
    opts.onSource(s, info);
  }

  const looped = (x: Float32Array, silence: Float32Array | null): Float32Array =>
    loopBox.checked ? loopWithSilence(x, LOOP_PAD_S * AUDIO_RATE_HZ, silence) : x;
  const silenceForPad = async (): Promise<Float32Array | null> => {
    if (!loopBox.checked || !choices.some((c) => c.file === 'silencio.wav')) return null;
    return fetchWav('silencio.wav').catch(() => null);
  };

  async function startSample(): Promise<void> {
    await listReady;
    const c = choices.find((x) => x.file === sel.value) ?? choices[0];
    if (!c) return;
    await begin({ kind: 'sample', label: `«${sampleText(c)}»` }, async () => {
      const [x, silence] = await Promise.all([fetchWav(c.file), silenceForPad()]);
      return new BufferSource(looped(x, silence), { scheduler, loop: loopBox.checked });
    });
  }

  async function startMic(): Promise<void> {
    await begin({ kind: 'mic', label: 'Micrófono' }, async () => new MicSource());
  }

  async function startFile(file: File): Promise<void> {
    await begin({ kind: 'file', label: `«${file.name}»` }, async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const x = BufferSource.fromWav(bytes).samples; // WavError: Spanish message
      if (x.length === 0) throw new Error(`El archivo «${file.name}» no tiene ninguna muestra de audio.`);
      const silence = await silenceForPad();
      return new BufferSource(looped(x, silence), { scheduler, loop: loopBox.checked });
    });
  }

  return {
    element: root,
    stop,
    current: () => src,
    dispose() {
      disposed = true;
      void stop();
      root.remove();
    },
  };
}

function messageOf(err: unknown): string {
  if (err instanceof WavError) return err.message;
  const p = (err as { problem?: { message?: string } } | null)?.problem;
  if (p?.message) return p.message;
  if (err instanceof Error && err.message) return err.message;
  return audioMsg.unknown;
}
