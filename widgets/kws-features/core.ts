/**
 * Lesson 17 «Espectrograma, mel y MFCC en directo» (pure, no DOM): the incremental feature
 * stream behind the three scrolling heatmaps, with lib/audio's FeatureProvider (only the frames
 * completed by each new chunk are computed) and three rings holding the last VIEW_SECONDS.
 *
 * Per frame t (DESIGN.md §Audio features; the chain lives in lib/audio/features.ts):
 *   P_t[k]     = |X_t[k]|²  (rfft of the Hann-windowed frame, unnormalised)   k = 0 … N/2
 *   dB_t[k]    = 10 · log10(max(P_t[k], 1e−10))                              (the spectrogram)
 *   Y_t[m]     = Σ_k W_m[k] · P_t[k]   (HTK triangles, lib/audio/mel.ts)      m = 0 … M − 1
 *   logmel_t[m] = ln(max(Y_t[m], 1e−10))
 *   mfcc_t[c]  = DCT-II orthonormal of logmel_t                               c = 0 … C − 1
 * Frame t starts at sample t · hop, so its time is t · hop / 16000 s.
 *
 * Settings the learner changes (mel bands, MFCC count, FFT size, frame and hop in ms) become
 * AudioParams through resolveSettings, which never refuses: an FFT shorter than the frame is
 * raised to the next power of two and C is kept ≤ M, each with a Spanish note saying so.
 */
import { AUDIO_DEFAULTS, FeatureProvider, frameCount, type AudioParams } from '../lib/audio/features';
import type { MelFilterbank } from '../lib/audio/mel';
import { fmt } from '../lib/format/number';

/** Seconds of history on screen. */
export const VIEW_SECONDS = 3;
/** Floor of the power before 10·log10 (same as the log floor of the mel energies). */
export const POWER_FLOOR = 1e-10;

export const FFT_SIZES = ['256', '512', '1024'] as const;

export interface FeatureSettings {
  melBands: number;
  mfccCount: number;
  /** FFT points asked for (may be raised to fit the frame). */
  fftSize: number;
  /** Frame length, ms. */
  frameMs: number;
  /** Hop, ms. */
  hopMs: number;
}

export const DEFAULT_SETTINGS: Readonly<FeatureSettings> = Object.freeze({ melBands: 40, mfccCount: 13, fftSize: 512, frameMs: 30, hopMs: 20 });

export interface Resolved {
  params: Readonly<AudioParams>;
  /** Spanish notes about what had to be adjusted. */
  notes: string[];
}

const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** Settings → the AudioParams the code runs (course defaults for everything else). */
export function resolveSettings(s: FeatureSettings): Resolved {
  const rate = AUDIO_DEFAULTS.sampleRate;
  const frameLength = Math.round((s.frameMs * rate) / 1000);
  const hopLength = Math.max(1, Math.round((s.hopMs * rate) / 1000));
  const notes: string[] = [];
  let fftSize = s.fftSize;
  if (fftSize < frameLength) {
    fftSize = nextPow2(frameLength);
    notes.push(`Una trama de ${frameLength} muestras no cabe en una FFT de ${s.fftSize} puntos: uso ${fftSize} puntos (la trama se completa con ceros).`);
  }
  let mfccCount = s.mfccCount;
  if (mfccCount > s.melBands) {
    mfccCount = s.melBands;
    notes.push(`No puede haber más coeficientes MFCC que bandas mel: uso ${mfccCount}.`);
  }
  const params = Object.freeze({ ...AUDIO_DEFAULTS, frameLength, hopLength, fftSize, melBands: s.melBands, mfccCount });
  return { params, notes };
}

/** Filters of the bank with no FFT bin inside (too narrow for the FFT's resolution). */
export function emptyFilters(fb: MelFilterbank): number {
  let n = 0;
  for (let m = 0; m < fb.start.length; m++) if (fb.end[m]! <= fb.start[m]!) n++;
  return n;
}

/** 10 · log10(max(p, POWER_FLOOR)), dB. */
export const powerDb = (p: number): number => 10 * Math.log10(Math.max(p, POWER_FLOOR));

/** Centre frequency of FFT bin k, Hz. */
export const binHz = (k: number, fftSize: number, rate = AUDIO_DEFAULTS.sampleRate): number => (k * rate) / fftSize;

/** Index of the largest value (the first on ties); −1 when empty. */
export function argmax(row: ArrayLike<number>): number {
  let best = -1;
  let v = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > v) { v = row[i]!; best = i; }
  return best;
}

/** The last `capacity` rows of `width` values; row(0) is the oldest kept. */
export class RowRing {
  readonly capacity: number;
  readonly width: number;
  readonly #data: Float32Array;
  /** Rows ever pushed. */
  total = 0;

  constructor(capacity: number, width: number) {
    this.capacity = capacity;
    this.width = width;
    this.#data = new Float32Array(capacity * width);
  }

  get length(): number {
    return Math.min(this.total, this.capacity);
  }

  /** Absolute index (0 = the first row ever pushed) of row(0). */
  get first(): number {
    return this.total - this.length;
  }

  push(row: ArrayLike<number>): void {
    this.#data.set(row, (this.total % this.capacity) * this.width);
    this.total++;
  }

  /** Row i (0 = oldest kept), a view into the ring: copy it to keep it. */
  row(i: number): Float32Array {
    const abs = this.first + i;
    const at = (abs % this.capacity) * this.width;
    return this.#data.subarray(at, at + this.width);
  }

  clear(): void {
    this.total = 0;
  }
}

/** A colour range that only widens (the picture does not flicker), `span` wide at most. */
export class StickyRange {
  lo = Infinity;
  hi = -Infinity;
  readonly span: number;
  readonly symmetric: boolean;

  /** span: largest hi − lo; symmetric: lo = −hi around 0 (for MFCC). */
  constructor(span: number, symmetric = false) {
    this.span = span;
    this.symmetric = symmetric;
  }

  get ready(): boolean {
    return this.hi > this.lo;
  }

  add(row: ArrayLike<number>, from = 0): void {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = from; i < row.length; i++) {
      const v = row[i]!;
      if (!Number.isFinite(v)) continue;
      if (this.symmetric) {
        const a = Math.abs(v);
        if (a > hi) hi = a;
      } else {
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
    }
    if (this.symmetric) {
      this.hi = Math.max(hi, 1e-6);
      this.lo = -this.hi;
    } else {
      this.hi = hi;
      this.lo = Math.max(lo, hi - this.span);
      if (!(this.hi > this.lo)) this.lo = this.hi - 1;
    }
  }

  /** v mapped to [0, 1] (clipped). */
  t(v: number): number {
    if (!this.ready) return 0;
    return Math.min(1, Math.max(0, (v - this.lo) / (this.hi - this.lo)));
  }

  clear(): void {
    this.lo = Infinity;
    this.hi = -Infinity;
  }
}

/** The newest frame in full (linear power too, for the filterbank panel). */
export interface LatestFrame {
  /** Absolute frame index. */
  index: number;
  power: Float32Array;
  db: Float32Array;
  logmel: Float32Array;
  mfcc: Float32Array;
}

/** Incremental spectrogram / log-mel / MFCC with the last VIEW_SECONDS in rings. */
export class FeatureStream {
  readonly params: Readonly<AudioParams>;
  readonly notes: readonly string[];
  readonly provider: FeatureProvider;
  readonly capacity: number;
  readonly db: RowRing;
  readonly logmel: RowRing;
  readonly mfcc: RowRing;
  /** Colour ranges: dB (80 dB deep), ln Y (ln 10⁸ deep), MFCC (symmetric; c0 excluded). */
  readonly dbRange = new StickyRange(80);
  readonly melRange = new StickyRange(Math.log(1e8));
  readonly mfccRange = new StickyRange(0, true);
  latest: LatestFrame | null = null;

  constructor(settings: FeatureSettings, seconds = VIEW_SECONDS) {
    const r = resolveSettings(settings);
    this.params = r.params;
    this.notes = r.notes;
    this.provider = new FeatureProvider(r.params, { power: true });
    this.capacity = Math.max(2, Math.ceil((seconds * r.params.sampleRate) / r.params.hopLength));
    this.db = new RowRing(this.capacity, r.params.fftSize / 2 + 1);
    this.logmel = new RowRing(this.capacity, r.params.melBands);
    this.mfcc = new RowRing(this.capacity, r.params.mfccCount);
  }

  get filterbank(): MelFilterbank {
    return this.provider.analyzer.filterbank;
  }

  /** Frames computed since this stream was built. */
  get frames(): number {
    return this.provider.frames;
  }

  /** Seconds from the first sample to the start of frame `index`. */
  frameTime(index: number): number {
    return (index * this.params.hopLength) / this.params.sampleRate;
  }

  /** Appends samples (16 kHz); returns how many frames they completed. */
  push(samples: ArrayLike<number>): number {
    const rows = this.provider.push(samples);
    const n = rows.logmel.length;
    for (let i = 0; i < n; i++) {
      const P = rows.power![i]!;
      const db = new Float32Array(P.length);
      for (let k = 0; k < P.length; k++) db[k] = powerDb(P[k]!);
      this.db.push(db);
      this.logmel.push(rows.logmel[i]!);
      this.mfcc.push(rows.mfcc[i]!);
      this.dbRange.add(db);
      this.melRange.add(rows.logmel[i]!);
      this.mfccRange.add(rows.mfcc[i]!, 1);
      if (i === n - 1) this.latest = { index: this.frames - 1, power: P, db, logmel: rows.logmel[i]!, mfcc: rows.mfcc[i]! };
    }
    return n;
  }
}

/** Frames a clip of n samples gives with these params (re-exported for the text). */
export const framesIn = (n: number, p: Pick<AudioParams, 'frameLength' | 'hopLength'>): number => frameCount(n, p);

/** Spanish decimal: 31.25 → «31,25». */
export const es = (v: number, digits = 2): string => fmt(v, digits);

/** The parameters as one Spanish sentence (what the code runs). */
export function describeParams(p: Readonly<AudioParams>): string {
  const ms = (n: number): string => es((1000 * n) / p.sampleRate, 2);
  const bins = p.fftSize / 2 + 1;
  const perS = p.sampleRate / p.hopLength;
  return `Trama de ${ms(p.frameLength)} ms = ${p.frameLength} muestras, salto de ${ms(p.hopLength)} ms = ${p.hopLength} muestras ` +
    `(${es(perS, 1)} tramas por segundo; ${framesIn(p.sampleRate, p)} en un clip de 1 s), ventana de Hann ${p.periodic ? 'periódica' : 'simétrica'}, ` +
    `FFT de ${p.fftSize} puntos (${bins} bins de ${es(p.sampleRate / p.fftSize)} Hz), potencia |X|², ` +
    `${p.melBands} filtros mel HTK de ${p.fMinHz} a ${p.fMaxHz} Hz, ln max(Y, 1e−10), DCT-II ortonormal, ${p.mfccCount} coeficientes.`;
}
