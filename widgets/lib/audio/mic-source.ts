/**
 * Browser adapter (uses the DOM / Web Audio): the microphone as an AudioSource. Call start() from
 * a click (browsers only open the microphone and start audio after a user gesture).
 *
 * start(): getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false,
 * autoGainControl: false, channelCount: 1 } }) — the three filters are off because they change
 * the sound the model hears (they are tuned for calls, not for recognising words); then an
 * AudioContext at the device's rate, the worklet module (mic-worklet.ts: mono, our streaming
 * resampler to 16 kHz, 320-sample chunks) and MediaStreamSource → AudioWorkletNode → destination
 * (the node's output is silence). Chunks arrive as `samples` events, `start` counting samples.
 * Failures reject with an AudioSourceError and emit a `problem` (Spanish): insecure page, no
 * getUserMedia, no AudioWorklet, permission denied, no microphone, microphone busy, the worklet
 * not loading; the microphone unplugged while running is a fatal `disconnected` problem.
 * Every browser object is injectable (MicEnvironment) so tests use fakes.
 */
import { audioProblem, problemForMediaError } from './messages';
import { AudioSourceBase } from './source-base';
import { AUDIO_RATE_HZ, AudioSourceError, type AudioProblem, type AudioSource } from './types';

export const MIC_CONSTRAINTS: MediaStreamConstraints = Object.freeze({
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  video: false,
});

export const MIC_PROCESSOR = 'kws-mic-16k';

/** What MicSource needs from the browser (defaults: globalThis). */
export interface MicEnvironment {
  isSecureContext?: boolean;
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
  AudioContext?: new () => AudioContext;
  AudioWorkletNode?: new (ctx: BaseAudioContext, name: string, options?: AudioWorkletNodeOptions) => AudioWorkletNode;
  /** URL of the bundled mic-worklet module (default: mic-worklet-url.ts, bundled by Vite). */
  workletUrl?: string | URL;
}

export interface MicSourceOptions {
  env?: MicEnvironment;
  /** Samples per chunk at 16 kHz (default 320 = 20 ms). */
  chunkSamples?: number;
}

export class MicSource extends AudioSourceBase implements AudioSource {
  readonly kind = 'mic' as const;
  readonly rateHz = AUDIO_RATE_HZ;
  readonly #env: MicEnvironment;
  readonly #chunkSamples: number;
  #delivered = 0;
  #stream: MediaStream | null = null;
  #ctx: AudioContext | null = null;
  #node: AudioWorkletNode | null = null;
  #srcNode: MediaStreamAudioSourceNode | null = null;
  #run = 0;

  constructor(opts: MicSourceOptions = {}) {
    super();
    const g = globalThis as unknown as {
      isSecureContext?: boolean;
      navigator?: { mediaDevices?: MediaDevices };
      AudioContext?: new () => AudioContext;
      webkitAudioContext?: new () => AudioContext;
      AudioWorkletNode?: MicEnvironment['AudioWorkletNode'];
    };
    const e = opts.env ?? {};
    this.#env = {
      isSecureContext: e.isSecureContext ?? g.isSecureContext ?? true,
      mediaDevices: e.mediaDevices ?? g.navigator?.mediaDevices,
      AudioContext: e.AudioContext ?? g.AudioContext ?? g.webkitAudioContext,
      AudioWorkletNode: e.AudioWorkletNode ?? g.AudioWorkletNode,
      ...(e.workletUrl === undefined ? {} : { workletUrl: e.workletUrl }),
    };
    this.#chunkSamples = opts.chunkSamples ?? 320;
  }

  get delivered(): number {
    return this.#delivered;
  }

  /** The device's rate in Hz once started (what the worklet resamples from), else null. */
  get deviceRateHz(): number | null {
    return this.#ctx ? this.#ctx.sampleRate : null;
  }

  async #fail(p: AudioProblem): Promise<never> {
    await this.#release();
    this.setStatus('error');
    this.events.emit('problem', p);
    throw new AudioSourceError(p);
  }

  async start(): Promise<void> {
    if (this.status === 'running' || this.status === 'starting') return;
    const run = ++this.#run;
    this.#delivered = 0;
    this.setStatus('starting');
    const env = this.#env;
    if (!env.isSecureContext) return this.#fail(audioProblem('insecure'));
    if (!env.mediaDevices || typeof env.mediaDevices.getUserMedia !== 'function') return this.#fail(audioProblem('unsupported'));
    if (!env.AudioContext || !env.AudioWorkletNode) return this.#fail(audioProblem('no-worklet'));
    let ctx: AudioContext;
    try {
      ctx = new env.AudioContext();
    } catch (err) {
      return this.#fail(audioProblem('no-worklet', true, String(err)));
    }
    this.#ctx = ctx;
    if (!ctx.audioWorklet) return this.#fail(audioProblem('no-worklet'));
    let stream: MediaStream;
    try {
      stream = await env.mediaDevices.getUserMedia(MIC_CONSTRAINTS);
    } catch (err) {
      if (run !== this.#run) return;
      return this.#fail(problemForMediaError(err));
    }
    // stop() (or a new start) while the permission prompt was open: drop this stream.
    if (run !== this.#run) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    this.#stream = stream;
    try {
      const url = env.workletUrl ?? (await import('./mic-worklet-url')).micWorkletUrl;
      await ctx.audioWorklet.addModule(url);
      if (run !== this.#run) return;
      const node = new env.AudioWorkletNode(ctx, MIC_PROCESSOR, {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        processorOptions: { outRate: AUDIO_RATE_HZ, chunkSamples: this.#chunkSamples },
      });
      node.port.onmessage = (ev: MessageEvent<{ type: string; samples: Float32Array }>) => {
        if (run !== this.#run || this.status !== 'running' || ev.data?.type !== 'samples') return;
        const start = this.#delivered;
        this.#delivered += ev.data.samples.length;
        this.events.emit('samples', { samples: ev.data.samples, start });
      };
      this.#node = node;
      this.#srcNode = ctx.createMediaStreamSource(stream);
      this.#srcNode.connect(node);
      node.connect(ctx.destination);
      if (ctx.state === 'suspended') await ctx.resume();
    } catch (err) {
      if (run !== this.#run) return;
      return this.#fail(audioProblem('worklet-failed', true, String((err as Error)?.message ?? err)));
    }
    if (run !== this.#run) return;
    for (const track of stream.getAudioTracks()) {
      track.addEventListener('ended', () => {
        if (run !== this.#run || this.status !== 'running') return;
        this.#run++;
        const p = audioProblem('disconnected');
        void this.#release().then(() => {
          this.setStatus('error');
          this.events.emit('problem', p);
        });
      });
    }
    this.setStatus('running');
  }

  async #release(): Promise<void> {
    const node = this.#node;
    const ctx = this.#ctx;
    const stream = this.#stream;
    this.#node = null;
    this.#ctx = null;
    this.#stream = null;
    try {
      this.#srcNode?.disconnect();
    } catch {
      // already disconnected
    }
    this.#srcNode = null;
    if (node) {
      node.port.onmessage = null;
      node.port.close();
      try {
        node.disconnect();
      } catch {
        // already disconnected
      }
    }
    for (const t of stream?.getTracks() ?? []) t.stop();
    if (ctx && ctx.state !== 'closed') await ctx.close().catch(() => undefined);
  }

  /** Stops the microphone (the browser's recording indicator goes off) and closes the context. */
  async stop(): Promise<void> {
    this.#run++;
    await this.#release();
    if (this.status === 'running' || this.status === 'starting') this.setStatus('stopped');
  }
}
