/// <reference types="w3c-web-serial" />
/**
 * The board over Web Serial as a MotionSource (browser adapter; the Serial object is injected,
 * so it runs in Node against fake-serial.ts). `start()` opens the picker, opens the port,
 * listens `detectMs` to detect rate and axes as the data forwarder does (line-protocol.ts),
 * then streams rows `[t_ms, ax, ay, az]` and resolves. Every bad line is counted (`badLines`),
 * reported as a non-fatal problem and never turned into a sample; the samples around it stay.
 *
 * Time: row i has t = i·1000/rateHz ms (rateHz = snapRate(detected)). The board samples on a
 * fixed clock while bytes reach the page in USB/OS bursts, so arrival times carry jitter of
 * several ms and the sample index does not; the data forwarder uploads the same thing
 * (interval_ms = 1000/frequency). A damaged reading (wrong count, NaN, garbage) still takes its
 * time slot; a blank line, an ERR line or an over-long line does not.
 */
import { LineSplitter, detectStream, parseLine, snapRate } from './line-protocol';
import { msg } from './messages';
import { sourceTiming, type Scheduler } from './scheduler';
import { SourceError, makeProblem } from './source-error';
import { createSourceCore } from './source-core';
import type { MotionRow, MotionSource, SourceProblem } from './types';

type SerialLike = Pick<Serial, 'requestPort' | 'getPorts'>;

export interface SerialSourceOptions {
  /** Default: navigator.serial. null: force "unsupported". */
  serial?: SerialLike | null;
  /** An already granted port (skips the picker). */
  port?: SerialPort;
  requestOptions?: SerialPortRequestOptions;
  /** [115200] */
  baudRate?: number;
  /** Clock for chunk arrival, ms (default: the scheduler's). */
  now?: () => number;
  /** Timers for the end of detection and the rate check (default: browser timers). */
  scheduler?: Scheduler;
  /** Detection window, ms [1000]. */
  detectMs?: number;
  /** Detection windows tried before giving up (a boot message can spoil the first) [2]. */
  detectTries?: number;
  /** Warn ('rate-changed') if the detected rate is more than 10 Hz away from this. */
  expectedHz?: number;
  /** How often the arrival rate is compared with the detected one, ms [5000]. */
  rateCheckMs?: number;
}

export interface SerialSource extends MotionSource {
  readonly kind: 'serial';
  /** The forwarder's raw count (lines / window s), before snapRate. */
  readonly detectedHz: number | null;
  /** Complete lines received since the port opened (detection included). */
  readonly linesReceived: number;
  readonly port: SerialPort | null;
}

export type Support = { ok: true } | { ok: false; code: 'unsupported' | 'insecure'; message: string };

/** Whether Web Serial can be used here; the message names the browsers where it works. */
export function serialSupport(nav: { serial?: unknown } | null | undefined = globalThis.navigator, secure: boolean | undefined = globalThis.isSecureContext): Support {
  if (nav && nav.serial) return { ok: true };
  if (secure === false) return { ok: false, code: 'insecure', message: msg.serialInsecure() };
  return { ok: false, code: 'unsupported', message: msg.serialUnsupported() };
}

const RATE_TOLERANCE_HZ = 10; // DESIGN.md: a rate off by more than 10 Hz is another device
const errName = (e: unknown): string => (e as { name?: string } | null)?.name ?? '';

export function createSerialSource(o: SerialSourceOptions = {}): SerialSource {
  const { sched, now } = sourceTiming(o);
  const detectMs = o.detectMs ?? 1000;
  const core = createSourceCore();
  let rateHz: number | null = null;
  let detectedHz: number | null = null;
  let axes = 3;
  let badLines = 0;
  let linesReceived = 0;
  let port: SerialPort | null = null;
  let prev: { hz: number; axes: number } | null = null; // the last device seen, for reconnections
  let session: Session | null = null;
  let starting: Promise<void> | null = null; // what start() returned, until the session ends

  interface Session {
    port: SerialPort;
    reader: ReadableStreamDefaultReader<Uint8Array> | null;
    splitter: LineSplitter;
    phase: 'detect' | 'stream' | 'ended';
    stopping: boolean;
    t0: number;
    window: number; // detection window counter
    text: string;
    decoder: TextDecoder;
    triesLeft: number;
    cancelTimers: Array<() => void>;
    sample: number; // next sample index
    rows: MotionRow[]; // emitted on flush
    emitted: number; // rows emitted so far
    settle: { resolve: () => void; reject: (e: Error) => void };
    check: { t: number; count: number; warned: boolean };
    onDisconnect: () => void;
    closing: Promise<void> | null;
  }

  const flush = (s: Session): void => {
    if (s.rows.length === 0) return;
    const rows = s.rows;
    s.rows = [];
    s.emitted += rows.length;
    core.samples(rows);
  };

  const bad = (s: Session, p: SourceProblem, takesSlot: boolean): void => {
    badLines++;
    if (takesSlot) s.sample++;
    flush(s);
    core.problem(p);
  };

  const teardown = async (s: Session): Promise<void> => {
    for (const c of s.cancelTimers) c();
    s.cancelTimers = [];
    s.port.removeEventListener('disconnect', s.onDisconnect);
    const r = s.reader;
    s.reader = null;
    if (r) {
      try { await r.cancel(); } catch { /* the stream may already be errored */ }
      try { r.releaseLock(); } catch { /* ignore */ }
    }
    try { await s.port.close(); } catch { /* unplugged ports cannot be closed */ }
  };

  /** Ends the session with a fatal problem, or quietly (a stop) when `p` is null. */
  const end = (s: Session, p: SourceProblem | null): void => {
    if (s.phase === 'ended') return;
    const wasDetecting = s.phase === 'detect';
    s.phase = 'ended';
    if (session === s) session = null;
    starting = null;
    flush(s);
    s.splitter.end();
    s.closing = teardown(s);
    if (p) {
      core.setStatus(p.code === 'disconnected' && !wasDetecting ? 'stopped' : 'error');
      core.problem(p);
      if (wasDetecting) s.settle.reject(new SourceError(p));
    } else {
      core.setStatus('stopped');
      if (wasDetecting) s.settle.resolve();
    }
  };

  const startWindow = (s: Session): void => {
    s.t0 = now();
    s.text = '';
    s.decoder = new TextDecoder('utf-8');
    const win = ++s.window;
    // Only this window's timer may close it: a chunk may have closed it (and opened another) first.
    const cancel = sched.setTimeout(() => { if (s.phase === 'detect' && s.window === win) finishDetection(s); }, detectMs);
    s.cancelTimers.push(cancel);
  };

  const finishDetection = (s: Session): void => {
    s.text += s.decoder.decode();
    const r = detectStream(s.text, detectMs / 1000);
    if (!r.ok) {
      if (--s.triesLeft > 0 && r.problem.code !== 'device-error') return startWindow(s);
      return end(s, r.problem);
    }
    if (r.axes < 3) return end(s, makeProblem('wrong-count', msg.tooFewAxes(r.axes), true));
    detectedHz = r.hz;
    rateHz = snapRate(r.hz, detectMs / 1000);
    axes = r.axes;
    s.phase = 'stream';
    s.check = { t: now(), count: s.sample, warned: false };
    core.setStatus('streaming');
    if (r.axes > 3) core.problem(makeProblem('wrong-count', msg.extraAxes(r.axes), false));
    if (prev && Math.abs(prev.hz - rateHz) > RATE_TOLERANCE_HZ) core.problem(makeProblem('rate-changed', msg.rateChanged(prev.hz, rateHz), false));
    if (prev && prev.axes !== r.axes) core.problem(makeProblem('axes-changed', msg.axesChanged(prev.axes, r.axes), false));
    if (o.expectedHz !== undefined && Math.abs(o.expectedHz - rateHz) > RATE_TOLERANCE_HZ) {
      core.problem(makeProblem('rate-changed', msg.unexpectedRate(o.expectedHz, rateHz), false));
    }
    prev = { hz: rateHz, axes: r.axes };
    s.cancelTimers.push(sched.every(o.rateCheckMs ?? 5000, () => checkRate(s)));
    s.settle.resolve();
  };

  /** Compares the lines that arrived since the last check with the detected rate. */
  const checkRate = (s: Session): void => {
    if (s.phase !== 'stream' || rateHz === null) return;
    const t = now();
    const measured = ((s.sample - s.check.count) * 1000) / Math.max(1, t - s.check.t);
    const off = Math.abs(measured - rateHz) > RATE_TOLERANCE_HZ;
    if (off && !s.check.warned) core.problem(makeProblem('rate-changed', msg.rateDrift(rateHz, measured), false));
    s.check = { t, count: s.sample, warned: off };
  };

  const onChunk = (s: Session, bytes: Uint8Array): void => {
    if (s.phase === 'detect') {
      if (now() - s.t0 < detectMs) {
        s.text += s.decoder.decode(bytes, { stream: true });
        for (const it of s.splitter.push(bytes)) if (it.type === 'line') linesReceived++;
        return;
      }
      finishDetection(s);
      if (s.phase === 'detect') return onChunk(s, bytes); // a new window starts with this chunk
      if (s.phase !== 'stream') return;
    }
    for (const it of s.splitter.push(bytes)) {
      if (it.type === 'overflow') {
        bad(s, makeProblem('line-too-long', msg.lineTooLong(s.splitter.maxLineBytes, it.head), false, it.head), false);
        continue;
      }
      linesReceived++;
      const p = parseLine(it.text, axes, linesReceived);
      if (p.ok) {
        const v = p.values;
        s.rows.push([(s.sample * 1000) / rateHz!, v[0]!, v[1]!, v[2]!]);
        s.sample++;
      } else {
        bad(s, p.problem, p.reason !== 'blank' && p.reason !== 'device-error');
      }
    }
    flush(s);
  };

  const readLoop = async (s: Session): Promise<void> => {
    const readable = s.port.readable;
    if (!readable) return end(s, makeProblem('disconnected', msg.disconnected(0), true));
    const reader = readable.getReader();
    s.reader = reader;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (s.phase === 'ended') return;
        if (done) break;
        if (value && value.length) onChunk(s, value);
      }
    } catch {
      /* NetworkError: the device has been lost */
    }
    if (s.phase !== 'ended' && !s.stopping) end(s, makeProblem('disconnected', msg.disconnected(s.emitted + s.rows.length), true));
  };

  const fail = (code: SourceProblem['code'], message: string): never => {
    const p = makeProblem(code, message, true);
    core.setStatus('error');
    core.problem(p);
    throw new SourceError(p);
  };

  const source: SerialSource = {
    kind: 'serial',
    get status() { return core.status; },
    get rateHz() { return rateHz; },
    get detectedHz() { return detectedHz; },
    get axes() { return axes; },
    get badLines() { return badLines; },
    get linesReceived() { return linesReceived; },
    get port() { return port; },
    on: core.on,

    start() {
      // Connecting or streaming already: the same promise (a second click opens no second picker).
      if (!starting) {
        const p = connect();
        starting = p;
        p.catch(() => { if (starting === p) starting = null; });
      }
      return starting;
    },

    async stop() {
      const s = session;
      if (!s) return;
      s.stopping = true;
      end(s, null);
      await s.closing;
    },
  };

  async function connect(): Promise<void> {
    const serial = o.serial !== undefined ? o.serial : (globalThis.navigator as Navigator | undefined)?.serial;
    if (!serial && !o.port) {
      const sup = serialSupport({ serial }, globalThis.isSecureContext);
      fail(sup.ok ? 'unsupported' : sup.code, sup.ok ? msg.serialUnsupported() : sup.message);
    }
    core.setStatus('connecting');
    let p: SerialPort;
    try {
      p = o.port ?? (await serial!.requestPort(o.requestOptions ?? {}));
    } catch (e) {
      const n = errName(e);
      return fail(n === 'SecurityError' || n === 'NotAllowedError' ? 'permission' : 'no-port', n === 'SecurityError' || n === 'NotAllowedError' ? msg.permission() : msg.noPort());
    }
    try {
      // A large buffer so a busy main thread does not lose bytes at 1 kHz (the default is 255 B).
      await p.open({ baudRate: o.baudRate ?? 115200, bufferSize: 64 * 1024 });
    } catch (e) {
      return fail('busy', msg.busy(errName(e)));
    }
    port = p;
    badLines = 0;
    linesReceived = 0;
    const done = new Promise<void>((resolve, reject) => {
      const s: Session = {
        port: p, reader: null, splitter: new LineSplitter(), phase: 'detect', stopping: false,
        t0: 0, window: 0, text: '', decoder: new TextDecoder('utf-8'), triesLeft: Math.max(1, o.detectTries ?? 2),
        cancelTimers: [], sample: 0, rows: [], emitted: 0, settle: { resolve, reject },
        check: { t: 0, count: 0, warned: false },
        onDisconnect: () => end(s, makeProblem('disconnected', msg.disconnected(s.emitted + s.rows.length), true)),
        closing: null,
      };
      session = s;
      p.addEventListener('disconnect', s.onDisconnect);
      core.setStatus('detecting');
      startWindow(s);
      void readLoop(s);
    });
    return done;
  }
  return source;
}
