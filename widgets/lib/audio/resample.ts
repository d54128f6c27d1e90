/**
 * Sample-rate conversion to the course's 16 kHz (pure, no DOM): a polyphase windowed-sinc
 * resampler for any rational ratio fsOut/fsIn = L/M (reduced by their gcd), plus mono mixing.
 *
 * Filter (τ in input samples, fc = rolloff · min(fsIn, fsOut) / 2 Hz, a = fc / fsIn cycles/sample):
 *   h(τ) = 2a · sinc(2a·τ) · kaiser(τ / T),  |τ| ≤ T = zeroCrossings / (2a),  sinc(u) = sin(πu)/(πu)
 *   kaiser(r) = I0(β·√(1 − r²)) / I0(β)
 * Output j sits at input time t_j = j·M/L; y_j = Σ_i x_i · h(t_j − i) over the input samples with
 * |t_j − i| ≤ T (x_i = 0 before the first sample and after the last one). Each of the L phase
 * filters (one per value of t_j − ⌊t_j⌋) is scaled so its taps sum to 1 (exact unit DC gain).
 * Defaults: rolloff 0.94 (cutoff 7520 Hz when going to 16 kHz), 32 zero crossings each side,
 * β = 8.6 (≈ 85 dB stopband). Equal rates are a plain copy (no filtering).
 * Batch length: ⌈n · L / M⌉ output samples for n input samples.
 *
 * Streaming (the AudioWorklet): `Resampler.push(chunk)` returns every output whose taps are all
 * known (a latency of about T input samples), `flush()` the rest as if zeros followed.
 * push(a) ++ push(b) ++ … ++ flush() equals resample(a ++ b ++ …) sample for sample, because both
 * run the same sums in the same order (the batch function *is* one push and one flush).
 */

export interface ResampleOptions {
  /** Cutoff as a fraction of the lower Nyquist frequency, 0 < rolloff ≤ 1. */
  rolloff: number;
  /** Half-length of the kernel in zero crossings of its sinc. */
  zeroCrossings: number;
  /** Kaiser window β. */
  kaiserBeta: number;
}

export const RESAMPLE_DEFAULTS: Readonly<ResampleOptions> = Object.freeze({ rolloff: 0.94, zeroCrossings: 32, kaiserBeta: 8.6 });

const gcd = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/** Modified Bessel function of the first kind, order 0 (power series; converges for all x). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Averages the channels into one (mono). A single channel is returned as a copy. */
export function toMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  const n = channels[0]!.length;
  const out = new Float32Array(n);
  if (channels.length === 1) {
    out.set(channels[0]!);
    return out;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const ch of channels) s += ch[i] ?? 0;
    out[i] = s / channels.length;
  }
  return out;
}

/** A streaming resampler from `inRate` to `outRate` (Hz, positive integers). */
export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Reduced ratio: outRate / inRate = up / down. */
  readonly up: number;
  readonly down: number;
  /** Kernel half-width T in input samples. */
  readonly halfWidth: number;
  readonly #opts: ResampleOptions;
  readonly #a: number;
  readonly #phases = new Map<number, Float32Array>();
  /** Input samples kept, buf[0] is absolute input index #base. */
  #buf = new Float32Array(4096);
  #len = 0;
  #base = 0;
  /** Total input samples received. */
  #received = 0;
  /** Index of the next output sample. */
  #next = 0;

  constructor(inRate: number, outRate: number, opts: Partial<ResampleOptions> = {}) {
    for (const r of [inRate, outRate]) {
      if (!Number.isInteger(r) || r < 1) throw new RangeError(`Resampler: rates must be positive integers in Hz (got ${r})`);
    }
    this.#opts = { ...RESAMPLE_DEFAULTS, ...opts };
    const { rolloff, zeroCrossings } = this.#opts;
    if (!(rolloff > 0 && rolloff <= 1)) throw new RangeError(`Resampler: rolloff must be in (0, 1] (got ${rolloff})`);
    if (!(zeroCrossings >= 1)) throw new RangeError(`Resampler: zeroCrossings must be ≥ 1 (got ${zeroCrossings})`);
    this.inRate = inRate;
    this.outRate = outRate;
    const g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    this.#a = (rolloff * Math.min(inRate, outRate)) / 2 / inRate;
    this.halfWidth = inRate === outRate ? 0 : zeroCrossings / (2 * this.#a);
  }

  /** Input samples of the taps for phase p: i from ⌊t⌋ − K + 1 … ⌊t⌋ + K, K = ⌈T⌉. */
  get #K(): number {
    return Math.ceil(this.halfWidth);
  }

  /** Taps for output phase p (t − ⌊t⌋ = p / up), normalised to sum 1. Index q ↔ i = ⌊t⌋ − K + 1 + q. */
  #phase(p: number): Float32Array {
    let taps = this.#phases.get(p);
    if (taps) return taps;
    const K = this.#K;
    const frac = p / this.up;
    const T = this.halfWidth;
    const a = this.#a;
    const i0b = besselI0(this.#opts.kaiserBeta);
    const raw = new Float64Array(2 * K);
    let sum = 0;
    for (let q = 0; q < 2 * K; q++) {
      const tau = frac + K - 1 - q; // t − i
      if (Math.abs(tau) > T) continue;
      const u = 2 * a * tau;
      const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
      const r = tau / T;
      const w = besselI0(this.#opts.kaiserBeta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
      raw[q] = 2 * a * sinc * w;
      sum += raw[q]!;
    }
    taps = new Float32Array(2 * K);
    for (let q = 0; q < 2 * K; q++) taps[q] = raw[q]! / sum;
    this.#phases.set(p, taps);
    return taps;
  }

  #append(x: ArrayLike<number>): void {
    if (this.#len + x.length > this.#buf.length) {
      const grown = new Float32Array(Math.max(this.#buf.length * 2, this.#len + x.length));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    for (let i = 0; i < x.length; i++) this.#buf[this.#len + i] = x[i]!;
    this.#len += x.length;
    this.#received += x.length;
  }

  /** Outputs j while ⌊t_j⌋ + K < limit (input index known, or zero past the end when flushing). */
  #emit(limit: number, total: number | null): Float32Array {
    const K = this.#K;
    const out: number[] = [];
    for (;;) {
      const j = this.#next;
      if (total !== null && j >= total) break;
      const num = j * this.down; // t_j = num / up
      const c = Math.floor(num / this.up);
      if (total === null && c + K >= limit) break;
      const taps = this.#phase(num - c * this.up);
      const first = c - K + 1 - this.#base; // buffer index of tap 0
      let s = 0;
      for (let q = 0; q < taps.length; q++) {
        const b = first + q;
        if (b >= 0 && b < this.#len) s += this.#buf[b]! * taps[q]!;
      }
      out.push(s);
      this.#next++;
    }
    // Drop input no future output needs (next output's first tap is ⌊t⌋ − K + 1).
    const cNext = Math.floor((this.#next * this.down) / this.up);
    const keepFrom = Math.min(this.#len, Math.max(0, cNext - K + 1 - this.#base));
    if (keepFrom > 0) {
      this.#buf.copyWithin(0, keepFrom, this.#len);
      this.#len -= keepFrom;
      this.#base += keepFrom;
    }
    return Float32Array.from(out);
  }

  /** Feeds input samples; returns the output samples now complete. */
  push(x: ArrayLike<number>): Float32Array {
    if (this.inRate === this.outRate) {
      this.#received += x.length;
      this.#next += x.length;
      return Float32Array.from(x);
    }
    this.#append(x);
    return this.#emit(this.#received, null);
  }

  /** Ends the stream: the remaining outputs (zeros assumed after the last input), then reset(). */
  flush(): Float32Array {
    const total = Math.ceil((this.#received * this.up) / this.down);
    const rest = this.inRate === this.outRate ? new Float32Array(0) : this.#emit(Infinity, total);
    this.reset();
    return rest;
  }

  /** Forgets every sample (the next push starts a new stream at t = 0). */
  reset(): void {
    this.#len = 0;
    this.#base = 0;
    this.#received = 0;
    this.#next = 0;
  }
}

/** Resamples a whole signal (Hz → Hz); ⌈n · L / M⌉ samples. */
export function resample(x: ArrayLike<number>, inRate: number, outRate: number, opts: Partial<ResampleOptions> = {}): Float32Array {
  const r = new Resampler(inRate, outRate, opts);
  const a = r.push(x);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A decoded file (any rate, any channel count) → 16 kHz mono, the course's input. */
export function toCourseRate(channels: readonly Float32Array[], sampleRate: number, outRate = 16000): Float32Array {
  return resample(toMono(channels), sampleRate, outRate);
}
