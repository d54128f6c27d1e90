import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../widgets/lib/audio/buffer-source';
import { MicChunker } from '../../widgets/lib/audio/mic-chunker';
import { MIC_CONSTRAINTS, MicSource, type MicEnvironment } from '../../widgets/lib/audio/mic-source';
import { resample } from '../../widgets/lib/audio/resample';
import { AudioSourceError, type AudioChunk, type AudioProblem } from '../../widgets/lib/audio/types';
import { encodeWav16, WavError } from '../../widgets/lib/audio/wav';
import { createManualScheduler } from '../../widgets/lib/sensors/scheduler';

const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i % 2000) - 1000) / 1000);

describe('BufferSource', () => {
  it('delivers 320-sample chunks every 20 ms on the scheduler, then ends', async () => {
    const clock = createManualScheduler();
    const x = ramp(1000);
    const src = new BufferSource(x, { scheduler: clock });
    const chunks: AudioChunk[] = [];
    const statuses: string[] = [];
    let ended = -1;
    src.on('samples', (c) => chunks.push(c));
    src.on('status', (s) => statuses.push(s));
    src.on('ended', (e) => (ended = e.samples));
    expect(src.rateHz).toBe(16000);
    await src.start();
    await clock.advance(19);
    expect(chunks).toHaveLength(0);
    await clock.advance(1);
    expect(chunks.map((c) => [c.start, c.samples.length])).toEqual([[0, 320]]);
    await clock.advance(60);
    expect(chunks.map((c) => [c.start, c.samples.length])).toEqual([[0, 320], [320, 320], [640, 320], [960, 40]]);
    expect(ended).toBe(1000);
    expect(statuses).toEqual(['running', 'stopped']);
    expect(clock.pending).toBe(0);
    const joined = new Float32Array(1000);
    for (const c of chunks) joined.set(c.samples, c.start);
    expect(joined).toEqual(x);
    expect(src.delivered).toBe(1000);
  });

  it('loops with start indices that keep counting; stop cancels the timer', async () => {
    const clock = createManualScheduler();
    const src = new BufferSource(ramp(500), { scheduler: clock, chunkSamples: 160, loop: true });
    const starts: number[] = [];
    src.on('samples', (c) => starts.push(c.start));
    await src.start();
    await clock.advance(70); // 7 chunks of 10 ms
    expect(starts).toEqual([0, 160, 320, 480, 500, 660, 820]);
    await src.stop();
    expect(src.status).toBe('stopped');
    expect(clock.pending).toBe(0);
  });

  it('drain delivers the rest at once; fromWav resamples any rate to 16 kHz and throws WavError on junk', async () => {
    const clock = createManualScheduler();
    const wav = encodeWav16(Float32Array.from({ length: 44100 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 44100)), 44100);
    const src = BufferSource.fromWav(wav, { scheduler: clock });
    expect(src.samples.length).toBe(16000);
    expect(src.durationS).toBe(1);
    let total = 0;
    src.on('samples', (c) => (total += c.samples.length));
    await src.start();
    src.drain();
    expect(total).toBe(16000);
    expect(src.status).toBe('stopped');
    expect(() => BufferSource.fromWav(new TextEncoder().encode('no soy un wav'))).toThrow(WavError);
  });
});

describe('MicChunker (the worklet’s work)', () => {
  it('128-frame quanta at 48 kHz stereo → 320-sample chunks equal to the batch resampler', () => {
    const n = 48000;
    const left = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 13));
    const right = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.cos(i / 29));
    const mono = Float32Array.from({ length: n }, (_, i) => (left[i]! + right[i]!) / 2);
    const want = resample(mono, 48000, 16000);
    const c = new MicChunker(48000);
    const got: number[] = [];
    for (let at = 0; at < n; at += 128) {
      for (const ch of c.push([left.subarray(at, at + 128), right.subarray(at, at + 128)])) {
        expect(ch.length).toBe(320);
        got.push(...ch);
      }
    }
    expect(got.length).toBe(Math.floor((16000 - Math.ceil(c.resampler.halfWidth / 3) - 1) / 320) * 320);
    expect(got).toEqual(Array.from(want.subarray(0, got.length)));
  });
});

/** A fake browser: getUserMedia, AudioContext with audioWorklet, AudioWorkletNode with a port. */
function fakeEnv(opts: { gum?: () => Promise<unknown>; worklet?: boolean; addModule?: () => Promise<void> } = {}) {
  const log: string[] = [];
  const tracks: { stopped: boolean; listeners: (() => void)[] }[] = [];
  let nodePort: { onmessage: ((ev: { data: unknown }) => void) | null; close: () => void } | null = null;
  let gumArgs: unknown = null;
  const makeStream = () => {
    const track = { stopped: false, listeners: [] as (() => void)[] };
    tracks.push(track);
    const t = { stop: () => (track.stopped = true), addEventListener: (_: string, cb: () => void) => track.listeners.push(cb) };
    return { getTracks: () => [t], getAudioTracks: () => [t] };
  };
  class FakeCtx {
    sampleRate = 48000;
    state = 'suspended';
    destination = { name: 'destination' };
    audioWorklet = opts.worklet === false ? undefined : { addModule: async (url: string) => { log.push(`addModule ${url}`); await opts.addModule?.(); } };
    createMediaStreamSource() { return { connect: () => log.push('source→node'), disconnect: () => log.push('source disconnect') }; }
    async resume() { this.state = 'running'; log.push('resume'); }
    async close() { this.state = 'closed'; log.push('close'); }
  }
  class FakeNode {
    port = { onmessage: null as ((ev: { data: unknown }) => void) | null, close: () => log.push('port close') };
    constructor(_ctx: unknown, name: string, o: { processorOptions: unknown }) {
      log.push(`node ${name} ${JSON.stringify(o.processorOptions)}`);
      nodePort = this.port;
    }
    connect() { log.push('node→destination'); }
    disconnect() { log.push('node disconnect'); }
  }
  const env: MicEnvironment = {
    isSecureContext: true,
    mediaDevices: { getUserMedia: (async (c: unknown) => { gumArgs = c; return opts.gum ? opts.gum() : makeStream(); }) as unknown as MediaDevices['getUserMedia'] },
    AudioContext: FakeCtx as unknown as new () => AudioContext,
    AudioWorkletNode: FakeNode as unknown as MicEnvironment['AudioWorkletNode'],
    workletUrl: '/fake-worklet.js',
  };
  return { env, log, tracks, post: (samples: Float32Array) => nodePort!.onmessage!({ data: { type: 'samples', samples } }), gumArgs: () => gumArgs };
}

const domError = (name: string) => Object.assign(new Error(name), { name });

async function startFails(src: MicSource): Promise<AudioProblem> {
  const problems: AudioProblem[] = [];
  src.on('problem', (p) => problems.push(p));
  const err = await src.start().then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AudioSourceError);
  expect(problems).toHaveLength(1);
  expect((err as AudioSourceError).problem).toEqual(problems[0]);
  expect(src.status).toBe('error');
  return problems[0]!;
}

describe('MicSource (fake browser)', () => {
  it('asks for the raw microphone, loads the worklet, wires it and delivers chunks; stop releases everything', async () => {
    const f = fakeEnv();
    const src = new MicSource({ env: f.env });
    const chunks: AudioChunk[] = [];
    src.on('samples', (c) => chunks.push(c));
    await src.start();
    expect(src.status).toBe('running');
    expect(f.gumArgs()).toEqual(MIC_CONSTRAINTS);
    expect(MIC_CONSTRAINTS.audio).toMatchObject({ echoCancellation: false, noiseSuppression: false, autoGainControl: false });
    expect(f.log).toEqual(['addModule /fake-worklet.js', 'node kws-mic-16k {"outRate":16000,"chunkSamples":320}', 'source→node', 'node→destination', 'resume']);
    expect(src.deviceRateHz).toBe(48000);
    f.post(new Float32Array(320));
    f.post(new Float32Array(320).fill(0.5));
    expect(chunks.map((c) => c.start)).toEqual([0, 320]);
    expect(src.delivered).toBe(640);
    await src.stop();
    expect(src.status).toBe('stopped');
    expect(f.tracks[0]!.stopped).toBe(true);
    expect(f.log.slice(5)).toEqual(['source disconnect', 'port close', 'node disconnect', 'close']);
  });

  it('permission denied, no microphone, busy: Spanish messages, nothing left open', async () => {
    for (const [name, code, words] of [
      ['NotAllowedError', 'permission', 'permiso'],
      ['NotFoundError', 'no-microphone', 'ningún micrófono'],
      ['NotReadableError', 'busy', 'ocupado'],
    ] as const) {
      const f = fakeEnv({ gum: () => Promise.reject(domError(name)) });
      const p = await startFails(new MicSource({ env: f.env }));
      expect(p.code).toBe(code);
      expect(p.fatal).toBe(true);
      expect(p.message).toContain(words);
      expect(f.log).toContain('close');
    }
  });

  it('no AudioWorklet, no getUserMedia, insecure page, worklet not loading', async () => {
    expect((await startFails(new MicSource({ env: { ...fakeEnv().env, AudioWorkletNode: undefined } }))).code).toBe('no-worklet');
    expect((await startFails(new MicSource({ env: fakeEnv({ worklet: false }).env }))).message).toContain('AudioWorklet');
    expect((await startFails(new MicSource({ env: { ...fakeEnv().env, mediaDevices: undefined } }))).code).toBe('unsupported');
    expect((await startFails(new MicSource({ env: { ...fakeEnv().env, isSecureContext: false } }))).message).toContain('https://');
    const f = fakeEnv({ addModule: () => Promise.reject(new Error('404')) });
    const p = await startFails(new MicSource({ env: f.env }));
    expect(p.code).toBe('worklet-failed');
    expect(f.tracks[0]!.stopped).toBe(true);
  });

  it('a microphone unplugged while running is a fatal problem', async () => {
    const f = fakeEnv();
    const src = new MicSource({ env: f.env });
    const problems: AudioProblem[] = [];
    src.on('problem', (p) => problems.push(p));
    await src.start();
    f.tracks[0]!.listeners.forEach((cb) => cb());
    await new Promise((r) => setImmediate(r));
    expect(problems.map((p) => p.code)).toEqual(['disconnected']);
    expect(src.status).toBe('error');
  });

  it('stop() while the permission prompt is open drops the stream that arrives later', async () => {
    let grant: (v: unknown) => void = () => undefined;
    const f = fakeEnv();
    const stream = { getTracks: () => [t], getAudioTracks: () => [t] };
    let stopped = false;
    const t = { stop: () => (stopped = true), addEventListener: () => undefined };
    const env = { ...f.env, mediaDevices: { getUserMedia: (() => new Promise((r) => (grant = r))) as unknown as MediaDevices['getUserMedia'] } };
    const src = new MicSource({ env });
    const started = src.start();
    await src.stop();
    grant(stream);
    await started;
    expect(stopped).toBe(true);
    expect(src.status).toBe('stopped');
  });
});
