/**
 * What the microphone's AudioWorklet does with each render quantum (pure, so it is tested in
 * Node): mix the input channels to mono (mean), resample inRate → 16 kHz with the streaming
 * Resampler (resample.ts), and cut the result into chunks of exactly `chunkSamples` samples
 * (320 = 20 ms, one feature hop, by default). Output equals resample(toMono(all input)) cut into
 * chunks, whatever the quantum sizes.
 */
import { Resampler } from './resample';

export class MicChunker {
  readonly resampler: Resampler;
  readonly chunkSamples: number;
  #pending: Float32Array;
  #fill = 0;
  #mono = new Float32Array(128);

  constructor(inRate: number, outRate = 16000, chunkSamples = 320) {
    if (!(Number.isInteger(chunkSamples) && chunkSamples >= 1)) throw new RangeError(`MicChunker: chunkSamples must be a positive integer (got ${chunkSamples})`);
    this.resampler = new Resampler(inRate, outRate);
    this.chunkSamples = chunkSamples;
    this.#pending = new Float32Array(chunkSamples);
  }

  /** One quantum: channels[c][i] at inRate (all the same length). Returns the chunks completed. */
  push(channels: readonly Float32Array[]): Float32Array[] {
    if (channels.length === 0 || channels[0]!.length === 0) return [];
    const n = channels[0]!.length;
    if (this.#mono.length !== n) this.#mono = new Float32Array(n);
    const mono = this.#mono;
    if (channels.length === 1) mono.set(channels[0]!);
    else {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (const ch of channels) s += ch[i]!;
        mono[i] = s / channels.length;
      }
    }
    const y = this.resampler.push(mono);
    const out: Float32Array[] = [];
    for (let i = 0; i < y.length; i++) {
      this.#pending[this.#fill++] = y[i]!;
      if (this.#fill === this.chunkSamples) {
        out.push(this.#pending);
        this.#pending = new Float32Array(this.chunkSamples);
        this.#fill = 0;
      }
    }
    return out;
  }
}
