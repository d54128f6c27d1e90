/**
 * Browser adapter (AudioWorkletGlobalScope, not the page): the processor `kws-mic-16k` that the
 * microphone source (mic-source.ts) loads with audioWorklet.addModule. Each render quantum
 * (128 frames at the context's rate) goes through MicChunker (mono, resampled to 16 kHz, 320-sample
 * chunks) and every finished chunk is posted to the page: { type: 'samples', samples } with the
 * Float32Array's buffer transferred. Its outputs stay silent.
 */
import { MicChunker } from './mic-chunker';

interface ProcessorOptions {
  outRate?: number;
  chunkSamples?: number;
}

declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: ProcessorOptions });
}
declare function registerProcessor(name: string, ctor: unknown): void;

class KwsMicProcessor extends AudioWorkletProcessor {
  readonly #chunker: MicChunker;

  constructor(options?: { processorOptions?: ProcessorOptions }) {
    super(options);
    const o = options?.processorOptions ?? {};
    this.#chunker = new MicChunker(Math.round(sampleRate), o.outRate ?? 16000, o.chunkSamples ?? 320);
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (input && input.length > 0) {
      for (const samples of this.#chunker.push(input)) this.port.postMessage({ type: 'samples', samples }, [samples.buffer]);
    }
    return true;
  }
}

registerProcessor('kws-mic-16k', KwsMicProcessor);
