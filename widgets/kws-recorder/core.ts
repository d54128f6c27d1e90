/**
 * Lesson 17 «Graba tus palabras clave» — the pure part (no DOM): levels, the countdown, the 1 s
 * clip, centring, file names and import parsing. Samples are 16 kHz mono Float32 in [−1, 1].
 *
 * Levels (dBFS, 0 dBFS = full scale |x| = 1):
 *   rms_dB  = 20 · log10( √( Σ x_i² / n ) )      peak_dB = 20 · log10( max |x_i| )
 *   clamped below at MIN_DB = −90 dBFS (digital silence would be −∞).
 *   The meter bar spans METER_FLOOR_DB = −60 … 0 dBFS: fraction = (dB − (−60)) / 60, clamped to [0, 1].
 * Hints on a clip:
 *   «satura»          peak_dB ≥ CLIP_DB = −1 dBFS (the word is too loud and gets flattened);
 *   «demasiado bajo»  loudest 100 ms (1600 samples) window has rms_dB < LOW_DB = −40 dBFS
 *                     (not said for «silencio», which is meant to be quiet).
 * Centring: the 100 ms window with the most energy E(s) = Σ_{i=s}^{s+1599} x_i² (the first one
 *   on ties) has its centre at c = s + 800; the clip is shifted by d = 8000 − c samples,
 *   y_i = x_{i−d} (0 outside), so that centre lands at sample 8000 (0,5 s).
 * Fitting any length to 1 s (imports, «usar un archivo»): longer → the 16000-sample window with
 *   the most energy (first on ties); shorter → zero-padded equally on both sides (extra zero at
 *   the end).
 */
import { decodeWav } from '../lib/audio/wav';
import { toCourseRate } from '../lib/audio/resample';
import type { KwsRecording } from '../lib/kws/recordings-db';

/** The classes of public/models/kws-default/metadata.json, in that order. */
export const KWS_LABELS = ['sí', 'no', 'silencio', 'desconocido'] as const;
export type KwsLabel = (typeof KWS_LABELS)[number];

export const RATE_HZ = 16000;
export const CLIP_SAMPLES = 16000;
/** 100 ms at 16 kHz: the window used for the energy peak and the «demasiado bajo» test. */
export const PEAK_WINDOW = 1600;
export const MIN_DB = -90;
export const METER_FLOOR_DB = -60;
export const CLIP_DB = -1;
export const LOW_DB = -40;
/** Clips per word we suggest (the hint shown to the student). */
export const SUGGESTED_PER_LABEL = 10;
export const COUNTDOWN_FROM = 3;

const toDb = (a: number): number => (a > 0 ? Math.max(MIN_DB, 20 * Math.log10(a)) : MIN_DB);

export interface Level {
  rmsDb: number;
  peakDb: number;
}

export function level(x: ArrayLike<number>): Level {
  let s = 0;
  let p = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    s += v * v;
    const a = Math.abs(v);
    if (a > p) p = a;
  }
  return { rmsDb: toDb(x.length ? Math.sqrt(s / x.length) : 0), peakDb: toDb(p) };
}

export const meterFraction = (db: number): number => Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));

/** Start of the `win`-sample window with the largest Σ x² (first on ties); 0 if x is shorter. */
export function loudestWindow(x: ArrayLike<number>, win: number): number {
  if (x.length <= win) return 0;
  let e = 0;
  for (let i = 0; i < win; i++) e += x[i]! * x[i]!;
  let best = e;
  let at = 0;
  for (let s = 1; s + win <= x.length; s++) {
    const a = x[s - 1]!;
    const b = x[s + win - 1]!;
    e += b * b - a * a;
    if (e > best + 1e-12) {
      best = e;
      at = s;
    }
  }
  return at;
}

/** rms_dB of the loudest 100 ms window. */
export function loudestRmsDb(x: ArrayLike<number>): number {
  const s = loudestWindow(x, PEAK_WINDOW);
  const n = Math.min(PEAK_WINDOW, x.length);
  let e = 0;
  for (let i = s; i < s + n; i++) e += x[i]! * x[i]!;
  return toDb(n ? Math.sqrt(e / n) : 0);
}

export type ClipHint = 'ok' | 'low' | 'clip';

/** The live meter's zone for one 20 ms chunk: clip if peak_dB ≥ CLIP_DB, low if rms_dB < LOW_DB. */
export const meterZone = (l: Level): ClipHint => (l.peakDb >= CLIP_DB ? 'clip' : l.rmsDb < LOW_DB ? 'low' : 'ok');

export const ZONE_TEXT: Record<ClipHint, string> = { ok: 'bien', low: 'demasiado bajo', clip: 'satura' };

export function clipHint(x: ArrayLike<number>, label: string): ClipHint {
  if (level(x).peakDb >= CLIP_DB) return 'clip';
  if (label !== 'silencio' && loudestRmsDb(x) < LOW_DB) return 'low';
  return 'ok';
}

export const HINT_TEXT: Record<ClipHint, string> = {
  ok: 'Nivel correcto.',
  low: 'Demasiado bajo: acércate al micrófono o habla más fuerte.',
  clip: 'Satura: la voz llega tan fuerte que se recorta. Aléjate un poco o habla más suave.',
};

/** Shift by d samples: y_i = x_{i−d}, zeros outside. */
export function shiftClip(x: Float32Array, d: number): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i - d;
    if (j >= 0 && j < x.length) y[i] = x[j]!;
  }
  return y;
}

/** The clip shifted so its 100 ms energy peak is centred at sample length/2 (see header). */
export function centreClip(x: Float32Array): { samples: Float32Array; shift: number } {
  const c = loudestWindow(x, PEAK_WINDOW) + Math.floor(Math.min(PEAK_WINDOW, x.length) / 2);
  const shift = Math.floor(x.length / 2) - c;
  return { samples: shiftClip(x, shift), shift };
}

/** Any length → exactly `n` samples (see header). */
export function fitClip(x: Float32Array, n = CLIP_SAMPLES): Float32Array {
  if (x.length === n) return x.slice();
  if (x.length > n) {
    const s = loudestWindow(x, n);
    return x.slice(s, s + n);
  }
  const y = new Float32Array(n);
  y.set(x, Math.floor((n - x.length) / 2));
  return y;
}

/** Collects microphone chunks into exactly `n` samples (the surplus of the last chunk dropped). */
export class ClipCollector {
  readonly n: number;
  readonly #buf: Float32Array;
  #len = 0;
  constructor(n = CLIP_SAMPLES) {
    this.n = n;
    this.#buf = new Float32Array(n);
  }
  get length(): number {
    return this.#len;
  }
  get done(): boolean {
    return this.#len >= this.n;
  }
  /** Adds a chunk; returns true once the clip is complete. */
  push(chunk: ArrayLike<number>): boolean {
    const take = Math.min(chunk.length, this.n - this.#len);
    for (let i = 0; i < take; i++) this.#buf[this.#len + i] = chunk[i]!;
    this.#len += take;
    return this.done;
  }
  clip(): Float32Array {
    return this.#buf.slice(0, this.#len);
  }
}

/* ---- The recorder's phases ---- */

export type Phase = 'idle' | 'countdown' | 'recording' | 'saved' | 'error';
export interface RecState {
  phase: Phase;
  /** Seconds left in the countdown (3, 2, 1), 0 otherwise. */
  count: number;
}
export type RecEvent = { type: 'start' } | { type: 'tick' } | { type: 'saved' } | { type: 'fail' } | { type: 'cancel' };

export const initialRec: RecState = { phase: 'idle', count: 0 };

/**
 * start: idle|saved|error → countdown 3; tick (every 1 s): 3 → 2 → 1 → recording;
 * saved: recording → saved; fail: any → error; cancel: countdown|recording → idle.
 * Any other event leaves the state as it is.
 */
export function recStep(s: RecState, e: RecEvent): RecState {
  switch (e.type) {
    case 'start':
      return s.phase === 'countdown' || s.phase === 'recording' ? s : { phase: 'countdown', count: COUNTDOWN_FROM };
    case 'tick':
      if (s.phase !== 'countdown') return s;
      return s.count > 1 ? { phase: 'countdown', count: s.count - 1 } : { phase: 'recording', count: 0 };
    case 'saved':
      return s.phase === 'recording' ? { phase: 'saved', count: 0 } : s;
    case 'fail':
      return { phase: 'error', count: 0 };
    case 'cancel':
      return s.phase === 'countdown' || s.phase === 'recording' ? initialRec : s;
  }
}

/* ---- Ids and file names ---- */

/** A new id `rec-<ms in base 36>-<k>`, the first k ≥ 1 not in `taken`. */
export function makeId(nowMs: number, taken: ReadonlySet<string>): string {
  const base = `rec-${Math.max(0, Math.floor(nowMs)).toString(36)}`;
  for (let k = 1; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

export const ZIP_NAME = 'mis-palabras-clave.zip';
/** Path of a recording inside the exported zip. */
export const zipPath = (r: Pick<KwsRecording, 'label' | 'id'>): string => `${r.label}/${r.id}.wav`;
/** Name of a single-clip download (the label first, so importing it alone recovers it). */
export const wavName = (r: Pick<KwsRecording, 'label' | 'id'>): string => `${r.label}_${r.id}.wav`;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** The course label a folder or prefix names (accents and case ignored: «si», «SÍ» → «sí»), else null. */
export function matchLabel(s: string): KwsLabel | null {
  const f = fold(s);
  return KWS_LABELS.find((l) => fold(l) === f) ?? null;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export type LabelFromPath = { label: KwsLabel; id: string | null } | { error: string };

/**
 * Label and id of a WAV from its path: inside a folder → the folder (the one just above the file)
 * must be a course label; a loose file `<label>_<id>.wav` → that label and id; any other loose
 * file → `fallback` (the label the student chose). Ids are kept when they look like ours.
 */
export function labelFromPath(path: string, fallback: KwsLabel): LabelFromPath {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  const file = parts[parts.length - 1] ?? '';
  const stem = file.replace(/\.wav$/i, '');
  if (parts.length >= 2) {
    const folder = parts[parts.length - 2]!;
    const label = matchLabel(folder);
    if (!label) return { error: `la carpeta «${folder}» no es una de las palabras del curso (${KWS_LABELS.join(', ')})` };
    return { label, id: ID_RE.test(stem) ? stem : null };
  }
  const us = stem.indexOf('_');
  if (us > 0) {
    const label = matchLabel(stem.slice(0, us));
    const id = stem.slice(us + 1);
    if (label) return { label, id: ID_RE.test(id) ? id : null };
  }
  return { label: fallback, id: null };
}

/** macOS / Windows clutter inside zips, skipped without a word. */
export const isClutter = (path: string): boolean =>
  path.split(/[\\/]/).some((p) => p === '__MACOSX' || p.startsWith('.') || p === 'Thumbs.db' || p === 'desktop.ini');

export interface ImportItem {
  /** What the student sees: «archivo.zip › sí/rec-1.wav» or «clip.wav». */
  shown: string;
  /** Path used for the label (inside the zip, or the file name). */
  path: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  recordings: KwsRecording[];
  /** One Spanish line per file that could not be imported, naming it. */
  errors: string[];
}

/**
 * WAV bytes → recordings: decodeWav, toCourseRate (any rate / channels → 16 kHz mono), fitClip.
 * Ids: the file's own when it has one that is free, else makeId(now). Each failure is one line
 * «<file>: <why>» and the other files still import.
 */
export function importItems(items: readonly ImportItem[], fallback: KwsLabel, nowMs: number, existing: ReadonlySet<string>): ImportResult {
  const taken = new Set(existing);
  const claimed = new Set<string>();
  const recordings: KwsRecording[] = [];
  const errors: string[] = [];
  for (const it of items) {
    if (isClutter(it.path)) continue;
    if (!/\.wav$/i.test(it.path)) {
      errors.push(`«${it.shown}»: no es un archivo .wav; lo he saltado.`);
      continue;
    }
    const where = labelFromPath(it.path, fallback);
    if ('error' in where) {
      errors.push(`«${it.shown}»: ${where.error}; no lo he importado.`);
      continue;
    }
    let samples: Float32Array;
    try {
      const wav = decodeWav(it.bytes);
      const mono = toCourseRate(wav.channels, wav.sampleRate, RATE_HZ);
      if (mono.length === 0) throw new Error('El WAV no tiene ninguna muestra de audio.');
      samples = fitClip(mono);
    } catch (e) {
      errors.push(`«${it.shown}»: ${(e as Error).message}`);
      continue;
    }
    // Re-importing our own export replaces the same ids (no duplicates); ids repeated in one import get new ones.
    const id = where.id && !claimed.has(where.id) ? where.id : makeId(nowMs, taken);
    claimed.add(id);
    taken.add(id);
    recordings.push({ id, label: where.label, samples, createdAt: nowMs + recordings.length });
  }
  return { recordings, errors };
}

/* ---- Counts ---- */

export function countByLabel(recs: readonly Pick<KwsRecording, 'label'>[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(KWS_LABELS.map((l) => [l, 0]));
  for (const r of recs) out[r.label] = (out[r.label] ?? 0) + 1;
  return out;
}

/** «sí:2;no:0;silencio:0;desconocido:1» (course labels first, then any other in first-seen order). */
export const countsAttr = (counts: Record<string, number>): string =>
  Object.entries(counts).map(([k, v]) => `${k}:${v}`).join(';');

/** Min and max per column of `width` columns (the waveform), columns × [min, max]. */
export function envelope(x: ArrayLike<number>, width: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const w = Math.max(1, Math.floor(width));
  for (let c = 0; c < w; c++) {
    const a = Math.floor((c * x.length) / w);
    const b = Math.max(a + 1, Math.floor(((c + 1) * x.length) / w));
    let lo = 0;
    let hi = 0;
    for (let i = a; i < b && i < x.length; i++) {
      const v = x[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out.push([lo, hi]);
  }
  return out;
}
