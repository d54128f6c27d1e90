/// <reference types="w3c-web-serial" />
/**
 * A fake `navigator.serial` whose one port speaks the board's line protocol (tests, class demos,
 * Playwright). Lines come from the simulated board (or from `lines`), are produced at `hz` by
 * the clock of an injected scheduler (browserScheduler by default, so `page.clock` drives it
 * in a page), and reach the reader in chunks cut at seeded random places, so lines are split
 * across reads as with a real USB CDC port. Faults can be injected at given line indices; the
 * picker can be cancelled, the port can be busy, and `unplug()` drops it mid-stream.
 * Imports only widgets/lib/**, so it bundles into a page script (see installFakeSerial).
 * The baud rate only matters as a mismatch (garbage): USB CDC boards are not limited by it.
 */
import { createRng, type Rng } from '../rng/rng';
import { formatLine } from './line-protocol';
import { browserScheduler, type Scheduler } from './scheduler';
import { createSynth, type MotionSynth, type SimMotion } from './simulator';
import { mixSeed } from './sim-person';

export type FaultKind = 'garbage' | 'err' | 'wrong-count' | 'nan' | 'infinity' | 'blank' | 'long-line' | 'text';
/** Extra line(s) inserted just before data line `at` (0-based); the data lines are all kept. */
export interface Fault {
  at: number;
  kind: FaultKind;
  /** The line for 'text' / 'err' (without newline). */
  text?: string;
  /** Size of a 'long-line' before its newline, bytes [65536]. */
  bytes?: number;
  /** 'long-line' only: never send its newline (the stream goes on straight after) [false]. */
  noNewline?: boolean;
}

export interface FakeSerialOptions {
  /** Lines per second [100]. */
  hz?: number;
  /** Given lines (no newline) instead of the simulator; a function returns null when done. */
  lines?: readonly string[] | ((i: number) => string | null);
  gesture?: SimMotion;
  seed?: number;
  person?: number;
  decimals?: number;
  sep?: string;
  eol?: '\n' | '\r\n';
  /** Stop producing after this many data lines (the port stays open and quiet). */
  maxLines?: number;
  /** How often bytes are delivered, ms [10]. */
  tickMs?: number;
  /** Chunk sizes, bytes [1, 64]. */
  chunkMin?: number;
  chunkMax?: number;
  /** Up to this many bytes of a tick are held for the next one [24]. */
  holdBackMax?: number;
  /** The first line arrives cut (the board was already talking) [true]. */
  startMidLine?: boolean;
  faults?: readonly Fault[];
  /** The rate the board's program uses; opening at another one gives garbage [115200]. */
  boardBaudRate?: number;
  requestPortError?: 'NotFoundError' | 'SecurityError' | null;
  openError?: 'InvalidStateError' | 'NetworkError' | null;
  /** Permission already granted: getPorts() lists the port [false]. */
  granted?: boolean;
  scheduler?: Scheduler;
}

const enc = new TextEncoder();

function faultBytes(f: Fault, rng: Rng, eol: string): Uint8Array {
  switch (f.kind) {
    case 'garbage': {
      const n = rng.int(8, 24);
      const b = new Uint8Array(n + eol.length);
      for (let i = 0; i < n; i++) b[i] = rng.next() < 0.8 ? rng.int(0x80, 0xff) : rng.int(0x00, 0x08);
      b.set(enc.encode(eol), n);
      return b;
    }
    case 'long-line': {
      const n = f.bytes ?? 65536;
      const b = new Uint8Array(n + (f.noNewline ? 0 : eol.length));
      const pat = enc.encode('1.23,');
      for (let i = 0; i < n; i++) b[i] = pat[i % pat.length]!;
      if (!f.noNewline) b.set(enc.encode(eol), n);
      return b;
    }
    default: {
      const text = { err: f.text ?? 'ERR: IMU no responde', 'wrong-count': '0.12,-0.34', nan: '0.12,NaN,9.81', infinity: '0.12,inf,9.81', blank: '', text: f.text ?? '' }[f.kind];
      return enc.encode(text + eol);
    }
  }
}

/** The fake port: the members of SerialPort that the site uses, with the same behaviour. */
export class FakeSerialPort extends EventTarget {
  onconnect: ((ev: Event) => void) | null = null;
  ondisconnect: ((ev: Event) => void) | null = null;
  connected = true;
  writable: WritableStream<Uint8Array> | null = null;
  /** Data lines produced / newline bytes handed to the reader since open. */
  linesProduced = 0;
  newlinesDelivered = 0;
  bytesDelivered = 0;
  #o: FakeSerialOptions;
  #sched: Scheduler;
  #rng: Rng;
  #synth: MotionSynth | null = null;
  #stream: ReadableStream<Uint8Array> | null = null;
  #ctrl: ReadableStreamDefaultController<Uint8Array> | null = null;
  #open = false;
  #baudOk = true;
  #t0 = 0;
  #pending: Uint8Array = new Uint8Array(0);
  #cancelTimer: (() => void) | null = null;
  #first = true;
  #ended = false;

  constructor(o: FakeSerialOptions) {
    super();
    this.#o = o;
    this.#sched = o.scheduler ?? browserScheduler();
    this.#rng = createRng(mixSeed(o.seed ?? 1, 0xc4));
  }

  get readable(): ReadableStream<Uint8Array> | null {
    if (!this.#open) return null;
    if (!this.#stream) {
      this.#stream = new ReadableStream<Uint8Array>({
        start: (c) => { this.#ctrl = c; },
        cancel: () => { this.#stream = null; this.#ctrl = null; },
      });
    }
    return this.#stream;
  }

  getInfo(): SerialPortInfo {
    return { usbVendorId: 0x2341, usbProductId: 0x805a }; // Arduino Nano 33 BLE
  }

  async open(options: SerialOptions): Promise<void> {
    if (!this.connected) throw new DOMException('The device has been lost.', 'NetworkError');
    if (this.#open) throw new DOMException('The port is already open.', 'InvalidStateError');
    if (this.#o.openError) throw new DOMException('Failed to open serial port.', this.#o.openError);
    if (!(options?.baudRate > 0)) throw new TypeError('Requested baud rate must be greater than zero.');
    this.#open = true;
    this.#baudOk = options.baudRate === (this.#o.boardBaudRate ?? 115200);
    this.writable = new WritableStream<Uint8Array>();
    this.#t0 = this.#sched.now();
    this.linesProduced = 0;
    this.#first = this.#o.startMidLine ?? true;
    this.#ended = false;
    this.#pending = new Uint8Array(0);
    const o = this.#o;
    if (!o.lines) this.#synth = createSynth({ hz: o.hz ?? 100, seed: o.seed ?? 1, gesture: o.gesture ?? 'wave', ...(o.person !== undefined ? { person: o.person } : {}) });
    this.#cancelTimer = this.#sched.every(o.tickMs ?? 10, () => this.#tick());
  }

  async close(): Promise<void> {
    if (!this.#open) throw new DOMException('The port is already closed.', 'InvalidStateError');
    if (this.#stream?.locked) throw new TypeError('Cannot cancel a locked stream');
    await this.#stream?.cancel();
    this.#shutdown();
  }

  async forget(): Promise<void> {}
  async setSignals(_s: SerialOutputSignals): Promise<void> {}
  async getSignals(): Promise<SerialInputSignals> {
    return { dataCarrierDetect: false, clearToSend: true, ringIndicator: false, dataSetReady: true };
  }

  setGesture(g: SimMotion): void {
    this.#synth?.setGesture(g);
  }

  /** The cable is pulled: reads reject with NetworkError, 'disconnect' fires. */
  unplug(): void {
    if (!this.connected) return;
    this.connected = false;
    this.#ctrl?.error(new DOMException('The device has been lost.', 'NetworkError'));
    this.#shutdown();
    const ev = new Event('disconnect', { bubbles: true });
    this.ondisconnect?.(ev);
    this.dispatchEvent(ev);
  }

  #shutdown(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#open = false;
    this.#stream = null;
    this.#ctrl = null;
    this.writable = null;
  }

  #lineAt(i: number): string | null {
    const o = this.#o;
    if (o.maxLines !== undefined && i >= o.maxLines) return null;
    if (this.#synth) return formatLine(this.#synth.next(), o.decimals ?? 2, o.sep ?? ',');
    if (typeof o.lines === 'function') return o.lines(i);
    return o.lines?.[i] ?? null;
  }

  #tick(): void {
    const o = this.#o;
    const eol = o.eol ?? '\n';
    const due = Math.floor(((this.#sched.now() - this.#t0) * (o.hz ?? 100)) / 1000);
    const parts: Uint8Array[] = [this.#pending];
    while (!this.#ended && this.linesProduced < due) {
      const i = this.linesProduced;
      for (const f of o.faults ?? []) if (f.at === i) parts.push(faultBytes(f, this.#rng, eol));
      const line = this.#lineAt(i);
      if (line === null) { this.#ended = true; break; }
      let b = enc.encode(line + eol);
      if (this.#first) b = b.subarray(this.#rng.int(1, Math.max(1, b.length - 2)));
      this.#first = false;
      parts.push(b);
      this.linesProduced++;
    }
    let all = concat(parts);
    if (!this.#baudOk) all = all.map(() => this.#rng.int(0, 255));
    const hold = this.#ended ? 0 : this.#rng.int(0, Math.min(o.holdBackMax ?? 24, all.length));
    this.#pending = all.slice(all.length - hold);
    let at = 0;
    const end = all.length - hold;
    while (at < end) {
      const n = Math.min(end - at, this.#rng.int(o.chunkMin ?? 1, o.chunkMax ?? 64));
      const chunk = all.slice(at, at + n);
      at += n;
      if (!this.#ctrl) continue; // nobody reading: the bytes are lost, as on a real port
      this.#ctrl.enqueue(chunk);
      this.bytesDelivered += n;
      for (const byte of chunk) if (byte === 10) this.newlinesDelivered++;
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Shaped like `navigator.serial`. */
export class FakeSerial extends EventTarget {
  onconnect: ((ev: Event) => void) | null = null;
  ondisconnect: ((ev: Event) => void) | null = null;
  port: FakeSerialPort;
  #o: FakeSerialOptions;
  #granted: boolean;

  constructor(o: FakeSerialOptions = {}) {
    super();
    this.#o = o;
    this.#granted = o.granted ?? false;
    this.port = this.#attach(new FakeSerialPort(o));
  }

  async requestPort(_opts?: SerialPortRequestOptions): Promise<SerialPort> {
    if (this.#o.requestPortError) {
      const text = this.#o.requestPortError === 'NotFoundError' ? 'No port selected by the user.' : 'Access denied.';
      throw new DOMException(text, this.#o.requestPortError);
    }
    if (!this.port.connected) throw new DOMException('No port selected by the user.', 'NotFoundError');
    this.#granted = true;
    return this.port as unknown as SerialPort;
  }

  async getPorts(): Promise<SerialPort[]> {
    return this.#granted && this.port.connected ? [this.port as unknown as SerialPort] : [];
  }

  /** Pulls the cable of the current port. */
  unplug(): void {
    this.port.unplug();
  }

  /** Plugs a board in again (a new port), optionally running another program (`changes`). */
  replug(changes: Partial<FakeSerialOptions> = {}): FakeSerialPort {
    this.#o = { ...this.#o, ...changes };
    this.port = this.#attach(new FakeSerialPort(this.#o));
    const ev = new Event('connect');
    this.onconnect?.(ev);
    this.dispatchEvent(ev);
    return this.port;
  }

  setGesture(g: SimMotion): void {
    this.#o = { ...this.#o, gesture: g };
    this.port.setGesture(g);
  }

  #attach(p: FakeSerialPort): FakeSerialPort {
    p.addEventListener('disconnect', () => {
      const ev = new Event('disconnect');
      this.ondisconnect?.(ev);
      this.dispatchEvent(ev);
    });
    return p;
  }
}

export function createFakeSerial(o: FakeSerialOptions = {}): FakeSerial {
  return new FakeSerial(o);
}

/**
 * Installs a fake as `win.navigator.serial` (and `win.__fakeSerial`, for page.evaluate).
 * For Playwright: bundle this module with esbuild (format iife, globalName) and call it from
 * `page.addInitScript`; options must then be JSON (no functions, no scheduler: page.clock
 * drives the default timers).
 */
export function installFakeSerial(win: Window & typeof globalThis, o: FakeSerialOptions = {}): FakeSerial {
  const fake = createFakeSerial(o);
  Object.defineProperty(win.navigator, 'serial', { value: fake, configurable: true });
  (win as unknown as { __fakeSerial: FakeSerial }).__fakeSerial = fake;
  return fake;
}
