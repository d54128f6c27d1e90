/**
 * Audio features of the KWS lesson (pure): frames → window → FFT → power → mel → log → DCT.
 * DESIGN.md §Audio features; every parameter is in AudioParams and AUDIO_DEFAULTS.
 *
 * For a 16 kHz mono signal x in [−1, 1) (samples), frame t (0-based) covers samples
 * t·hop … t·hop + L − 1 (L = frameLength); frames = ⌊(n − L) / hop⌋ + 1 for n ≥ L, else 0
 * (1 s: ⌊(16000 − 480) / 320⌋ + 1 = 49). Per frame:
 *   u_i   = x_i − a · x_{i−1}                   pre-emphasis on the stream (a = 0: none; x_{−1} = 0)
 *   v_i   = u_{t·hop+i} · w_i,  i < L            w: Hann (periodic: 0.5 − 0.5 cos(2πi/L))
 *   X[k]  = rfft(v zero-padded to N)            k = 0 … N/2  (N = fftSize; widgets/lib/dsp)
 *   P[k]  = Re² + Im²                           power, unnormalised (no 1/N)  [N/2 + 1]
 *   Y[m]  = Σ_k W_m[k] · P[k]                   HTK mel filterbank (mel.ts)   [melBands]
 *   logmel[m] = ln(max(Y[m], logFloor))                                       [melBands]
 *   mfcc[c]   = DCT-II orthonormal of logmel, c = 0 … mfccCount − 1 (dct.ts)  [mfccCount]
 * Computed in float64, returned as Float32Array rows (frames × bins).
 *
 * FeatureProvider is the incremental form (micro_speech's feature provider): push(samples)
 * computes only the frames that became complete; its rows equal computeFeatures on the whole
 * signal pushed so far, frame for frame.
 */
import { makeWindow, rfft } from '../dsp';
import { applyMel, melFilterbank, type MelFilterbank } from './mel';
import { applyDct, makeDct, type Dct } from './dct';

export interface AudioParams {
  /** Hz. */
  sampleRate: number;
  /** Samples per frame (480 = 30 ms). */
  frameLength: number;
  /** Samples between frame starts (320 = 20 ms). */
  hopLength: number;
  window: 'hann' | 'rectangular';
  /** Periodic (true) or symmetric Hann. */
  periodic: boolean;
  /** FFT points N ≥ frameLength, a power of two; N/2 + 1 power bins. */
  fftSize: number;
  melBands: number;
  /** Hz. */
  fMinHz: number;
  /** Hz. */
  fMaxHz: number;
  /** Y below this is clamped before ln. */
  logFloor: number;
  /** MFCC coefficients kept (≤ melBands). */
  mfccCount: number;
  /** a in u_i = x_i − a·x_{i−1}; 0 = off. */
  preEmphasis: number;
}

export const AUDIO_DEFAULTS: Readonly<AudioParams> = Object.freeze({
  sampleRate: 16000,
  frameLength: 480,
  hopLength: 320,
  window: 'hann',
  periodic: true,
  fftSize: 512,
  melBands: 40,
  fMinHz: 0,
  fMaxHz: 8000,
  logFloor: 1e-10,
  mfccCount: 13,
  preEmphasis: 0,
});

export interface FeatureRows {
  /** [frames][melBands] natural log of the mel energies. */
  logmel: Float32Array[];
  /** [frames][mfccCount]. */
  mfcc: Float32Array[];
  /** [frames][fftSize/2 + 1] power |X|², only when asked for. */
  power?: Float32Array[];
}

export interface FeatureOptions {
  /** Also return the power spectrum of each frame (the spectrogram views). */
  power?: boolean;
}

/** Number of complete frames in n samples. */
export function frameCount(n: number, p: Pick<AudioParams, 'frameLength' | 'hopLength'> = AUDIO_DEFAULTS): number {
  return n < p.frameLength ? 0 : Math.floor((n - p.frameLength) / p.hopLength) + 1;
}

export function checkParams(p: AudioParams): void {
  const bad = (why: string): never => {
    throw new RangeError(`audio params: ${why}`);
  };
  if (!(Number.isInteger(p.frameLength) && p.frameLength >= 2)) bad(`frameLength must be an integer ≥ 2 (got ${p.frameLength})`);
  if (!(Number.isInteger(p.hopLength) && p.hopLength >= 1)) bad(`hopLength must be an integer ≥ 1 (got ${p.hopLength})`);
  if (!(p.fftSize >= p.frameLength && (p.fftSize & (p.fftSize - 1)) === 0)) bad(`fftSize must be a power of two ≥ frameLength (got ${p.fftSize})`);
  if (!(p.mfccCount >= 1 && p.mfccCount <= p.melBands)) bad(`need 1 ≤ mfccCount ≤ melBands (got ${p.mfccCount})`);
  if (!(p.logFloor > 0)) bad(`logFloor must be > 0 (got ${p.logFloor})`);
}

/** The per-frame engine: window, filterbank and DCT built once for one set of params. */
export class FrameAnalyzer {
  readonly params: Readonly<AudioParams>;
  readonly window: Float64Array;
  readonly filterbank: MelFilterbank;
  readonly dct: Dct;
  readonly #frame: Float64Array;
  readonly #power: Float64Array;
  readonly #mel: Float64Array;
  readonly #ceps: Float64Array;

  constructor(params: Partial<AudioParams> = {}) {
    const p = Object.freeze({ ...AUDIO_DEFAULTS, ...params });
    checkParams(p);
    this.params = p;
    this.window = makeWindow(p.window, p.frameLength, p.periodic);
    this.filterbank = melFilterbank(p);
    this.dct = makeDct(p.melBands, p.mfccCount);
    this.#frame = new Float64Array(p.frameLength);
    this.#power = new Float64Array(p.fftSize / 2 + 1);
    this.#mel = new Float64Array(p.melBands);
    this.#ceps = new Float64Array(p.mfccCount);
  }

  /**
   * One frame: `x[at … at + L − 1]` of the raw signal, `prev` the sample before it (for
   * pre-emphasis; 0 at the stream's start). Appends the rows to `into`.
   */
  analyze(x: ArrayLike<number>, at: number, prev: number, into: FeatureRows): void {
    const { frameLength: L, preEmphasis: a, logFloor, fftSize } = this.params;
    const f = this.#frame;
    let last = prev;
    for (let i = 0; i < L; i++) {
      const xi = x[at + i]!;
      f[i] = (xi - a * last) * this.window[i]!;
      last = xi;
    }
    const X = rfft(f, fftSize);
    const P = this.#power;
    for (let k = 0; k < P.length; k++) P[k] = X.re[k]! * X.re[k]! + X.im[k]! * X.im[k]!;
    const Y = applyMel(this.filterbank, P, this.#mel);
    for (let m = 0; m < Y.length; m++) Y[m] = Math.log(Math.max(Y[m]!, logFloor));
    into.logmel.push(Float32Array.from(Y));
    into.mfcc.push(Float32Array.from(applyDct(this.dct, Y, this.#ceps)));
    if (into.power) into.power.push(Float32Array.from(P));
  }
}

const emptyRows = (power: boolean): FeatureRows => (power ? { logmel: [], mfcc: [], power: [] } : { logmel: [], mfcc: [] });

/** Features of a whole signal (samples at params.sampleRate). */
export function computeFeatures(samples: ArrayLike<number>, params: Partial<AudioParams> = {}, opts: FeatureOptions = {}): FeatureRows {
  const fa = new FrameAnalyzer(params);
  const rows = emptyRows(!!opts.power);
  const frames = frameCount(samples.length, fa.params);
  const hop = fa.params.hopLength;
  for (let t = 0; t < frames; t++) {
    const at = t * hop;
    fa.analyze(samples, at, at > 0 ? samples[at - 1]! : 0, rows);
  }
  return rows;
}

/** Incremental features: push audio as it arrives, get only the new frames' rows. */
export class FeatureProvider {
  readonly analyzer: FrameAnalyzer;
  readonly #power: boolean;
  /** Samples not yet consumed by a frame start. */
  #buf = new Float32Array(8192);
  #len = 0;
  /** Absolute index of buf[0]. */
  #base = 0;
  /** Sample just before buf[0] (pre-emphasis), 0 at the start. */
  #before = 0;
  #frames = 0;

  constructor(params: Partial<AudioParams> = {}, opts: FeatureOptions = {}) {
    this.analyzer = new FrameAnalyzer(params);
    this.#power = !!opts.power;
  }

  get params(): Readonly<AudioParams> {
    return this.analyzer.params;
  }

  /** Frames computed so far. */
  get frames(): number {
    return this.#frames;
  }

  /** Samples received so far. */
  get samples(): number {
    return this.#base + this.#len;
  }

  /** Appends samples (at params.sampleRate); returns the rows of the frames completed by them. */
  push(samples: ArrayLike<number>): FeatureRows {
    if (this.#len + samples.length > this.#buf.length) {
      const grown = new Float32Array(Math.max(2 * this.#buf.length, this.#len + samples.length));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    for (let i = 0; i < samples.length; i++) this.#buf[this.#len + i] = samples[i]!;
    this.#len += samples.length;
    const rows = emptyRows(this.#power);
    const { frameLength: L, hopLength: hop } = this.params;
    for (;;) {
      const at = this.#frames * hop - this.#base;
      if (at + L > this.#len) break;
      this.analyzer.analyze(this.#buf, at, at > 0 ? this.#buf[at - 1]! : this.#before, rows);
      this.#frames++;
    }
    // Keep from the next frame's start on (and remember the sample before it).
    const drop = Math.min(this.#len, this.#frames * hop - this.#base);
    if (drop > 0) {
      this.#before = this.#buf[drop - 1]!;
      this.#buf.copyWithin(0, drop, this.#len);
      this.#len -= drop;
      this.#base += drop;
    }
    return rows;
  }

  /** Starts over (a new stream). */
  reset(): void {
    this.#len = 0;
    this.#base = 0;
    this.#before = 0;
    this.#frames = 0;
  }
}
