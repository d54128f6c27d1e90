/**
 * An AudioSource over samples already in memory (pure: no DOM, time from an injected Scheduler):
 * a decoded WAV (any rate, any channels: mixed and resampled to 16 kHz) or a shipped sample,
 * delivered in chunks of `chunkSamples` (320 = 20 ms) every chunkSamples / 16 ms, as the
 * microphone would. At the end it emits `ended` and stops (or starts over when `loop`; chunk
 * `start` indices keep counting). `drain()` delivers everything left at once, with no timer.
 * Tests drive it with createManualScheduler() (widgets/lib/sensors/scheduler.ts).
 */
import { browserScheduler, type Scheduler } from '../sensors/scheduler';
import { toCourseRate } from './resample';
import { AudioSourceBase } from './source-base';
import { AUDIO_RATE_HZ, type AudioSource } from './types';
import { decodeWav } from './wav';

export interface BufferSourceOptions {
  scheduler?: Scheduler;
  /** Samples per chunk (default 320 = 20 ms). */
  chunkSamples?: number;
  /** Start over at the end instead of stopping. */
  loop?: boolean;
}

export class BufferSource extends AudioSourceBase implements AudioSource {
  readonly kind = 'buffer' as const;
  readonly rateHz = AUDIO_RATE_HZ;
  /** The whole signal, 16 kHz mono. */
  readonly samples: Float32Array;
  readonly chunkSamples: number;
  readonly loop: boolean;
  readonly #scheduler: Scheduler;
  #pos = 0;
  #delivered = 0;
  #cancel: (() => void) | null = null;

  constructor(samples: Float32Array, opts: BufferSourceOptions = {}) {
    super();
    const chunk = opts.chunkSamples ?? 320;
    if (!(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`BufferSource: chunkSamples must be a positive integer (got ${chunk})`);
    this.samples = samples;
    this.chunkSamples = chunk;
    this.loop = !!opts.loop;
    this.#scheduler = opts.scheduler ?? browserScheduler();
  }

  /** From the bytes of a WAV file; throws WavError (Spanish message) when it cannot be read. */
  static fromWav(bytes: Uint8Array, opts: BufferSourceOptions = {}): BufferSource {
    const wav = decodeWav(bytes);
    return new BufferSource(toCourseRate(wav.channels, wav.sampleRate, AUDIO_RATE_HZ), opts);
  }

  get delivered(): number {
    return this.#delivered;
  }

  /** Seconds of audio in the buffer. */
  get durationS(): number {
    return this.samples.length / AUDIO_RATE_HZ;
  }

  /** Delivers the next chunk; returns false once the buffer is done (and not looping). */
  #step(): boolean {
    const n = this.samples.length;
    if (n === 0) {
      this.#finish();
      return false;
    }
    if (this.#pos >= n) {
      if (!this.loop) {
        this.#finish();
        return false;
      }
      this.#pos = 0;
    }
    const end = Math.min(n, this.#pos + this.chunkSamples);
    const chunk = this.samples.slice(this.#pos, end);
    const start = this.#delivered;
    this.#pos = end;
    this.#delivered += chunk.length;
    this.events.emit('samples', { samples: chunk, start });
    if (this.#pos >= n && !this.loop) {
      this.#finish();
      return false;
    }
    return true;
  }

  #finish(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.events.emit('ended', { samples: this.#delivered });
    this.setStatus('stopped');
  }

  /** Starts from the beginning; chunks follow every chunkSamples / 16 ms on the scheduler. */
  async start(): Promise<void> {
    this.#cancel?.();
    this.#pos = 0;
    this.#delivered = 0;
    this.setStatus('running');
    this.#cancel = this.#scheduler.every((this.chunkSamples * 1000) / AUDIO_RATE_HZ, () => {
      if (this.status === 'running') this.#step();
    });
  }

  /** Delivers every remaining chunk now (a looping source: up to the end of the buffer). */
  drain(): void {
    if (this.status !== 'running') return;
    const stopAt = this.loop ? this.samples.length : Infinity;
    while (this.status === 'running' && this.#pos < stopAt && this.#step());
  }

  async stop(): Promise<void> {
    this.#cancel?.();
    this.#cancel = null;
    if (this.status === 'running') this.setStatus('stopped');
  }
}
