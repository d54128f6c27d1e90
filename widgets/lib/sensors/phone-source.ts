/**
 * The phone's accelerometer as a MotionSource (browser adapter; the window is injected so it
 * runs in Node against a fake). Reads `devicemotion`'s `accelerationIncludingGravity` (m/s²,
 * gravity included, like the board). Rows carry the events' own timestamps (ms from the first
 * event), so they are not evenly spaced: phones deliver about 60 Hz with jitter. `rateHz` is
 * measured: 1000 / median interval of the last 32 events. (recording.ts' resampleRows puts
 * such rows on an even grid.)
 *
 * Sign: the W3C spec (and MDN) say a device lying flat, screen up, reads z ≈ +9.8 — the
 * convention of Android, of the Nano 33 BLE Sense and of the simulator. WebKit on iOS reports
 * the opposite sign (face up -> z ≈ −9.8: gyronorm.js issue #54, expo PR #3277, cocos
 * engine-native PR #2231 all flip it); we found no record of a WebKit change, and it may
 * differ between versions. So by default we multiply the three axes by −1 where
 * `DeviceMotionEvent.requestPermission` exists (iOS/iPadOS 13+, every iOS browser is WebKit),
 * and `flipSign` overrides the guess. A wrong guess only turns the plot upside down: RMS, |FFT|
 * and band powers, the classifier's features, do not change when every value changes sign.
 *
 * iOS asks for permission: `start()` must be called from a tap, and it calls
 * `requestPermission()` synchronously, before any await, so Safari sees the gesture.
 */
import { msg } from './messages';
import { sourceTiming, type Scheduler } from './scheduler';
import { SourceError, makeProblem } from './source-error';
import { createSourceCore } from './source-core';
import type { MotionSource, ProblemCode } from './types';

export interface MotionEventLike {
  accelerationIncludingGravity: { x: number | null; y: number | null; z: number | null } | null;
  timeStamp?: number;
}
/** The parts of `window` the phone source uses. */
export interface MotionWindow {
  isSecureContext?: boolean;
  location?: { origin?: string };
  /** Present where the browser has the API; iOS adds a static `requestPermission()`. */
  DeviceMotionEvent?: unknown;
  addEventListener(type: 'devicemotion', cb: (e: MotionEventLike) => void): void;
  removeEventListener(type: 'devicemotion', cb: (e: MotionEventLike) => void): void;
}

export interface PhoneSourceOptions {
  win?: MotionWindow;
  /** Used when an event has no timeStamp, ms. */
  now?: () => number;
  scheduler?: Scheduler;
  /** No event within this long after start: 'no-sensor', ms [1000]. */
  noSensorMs?: number;
  /** Multiply readings by −1 (default: true where requestPermission exists, i.e. iOS). */
  flipSign?: boolean;
}

export interface PhoneSource extends MotionSource {
  readonly kind: 'phone';
  readonly signFlipped: boolean;
}

export type PhoneSupport = { ok: true } | { ok: false; code: 'unsupported' | 'insecure'; message: string };

export function phoneSupport(win: Partial<MotionWindow> | null | undefined = globalThis.window as unknown as MotionWindow): PhoneSupport {
  if (win && win.isSecureContext === false) return { ok: false, code: 'insecure', message: msg.phoneInsecure(win.location?.origin ?? '') };
  if (!win || !win.DeviceMotionEvent || typeof win.addEventListener !== 'function') {
    return { ok: false, code: 'unsupported', message: msg.phoneUnsupported() };
  }
  return { ok: true };
}

export function createPhoneSource(o: PhoneSourceOptions = {}): PhoneSource {
  const { sched, now } = sourceTiming(o);
  const noSensorMs = o.noSensorMs ?? 1000;
  const core = createSourceCore();
  let rateHz: number | null = null;
  let flipped = false;
  let running: Promise<void> | null = null;
  let detach: (() => void) | null = null;

  const fail = (code: ProblemCode, message: string): SourceError => {
    const p = makeProblem(code, message, true);
    core.setStatus('error');
    core.problem(p);
    return new SourceError(p);
  };

  const listen = (win: MotionWindow, resolve: () => void, reject: (e: Error) => void): void => {
    const stamps: number[] = [];
    let t0: number | null = null;
    let cancelTimer: (() => void) | null = null;
    const k = flipped ? -1 : 1;
    const onMotion = (e: MotionEventLike): void => {
      const a = e.accelerationIncludingGravity;
      const valid = !!a && typeof a.x === 'number' && typeof a.y === 'number' && typeof a.z === 'number';
      if (!valid) {
        // The spec: a device that can never provide motion fires once with every field null.
        if (t0 === null) noSensor();
        return;
      }
      const ts = typeof e.timeStamp === 'number' && e.timeStamp > 0 ? e.timeStamp : now();
      if (t0 === null) {
        t0 = ts;
        cancelTimer?.();
        core.setStatus('streaming');
        resolve();
      }
      stamps.push(ts);
      if (stamps.length > 33) stamps.shift();
      if (stamps.length >= 2) {
        const d = stamps.slice(1).map((t, i) => t - stamps[i]!).sort((p, q) => p - q);
        const med = d[d.length >> 1]!;
        if (med > 0) rateHz = 1000 / med;
      }
      core.samples([[ts - t0, k * a!.x!, k * a!.y!, k * a!.z!]]);
    };
    const noSensor = (): void => {
      stop();
      reject(fail('no-sensor', msg.noSensor(noSensorMs)));
    };
    const stop = (): void => {
      cancelTimer?.();
      win.removeEventListener('devicemotion', onMotion);
      detach = null;
      running = null;
    };
    detach = () => {
      stop();
      resolve(); // a stop before the first event ends start() quietly
    };
    win.addEventListener('devicemotion', onMotion);
    cancelTimer = sched.setTimeout(() => { if (t0 === null) noSensor(); }, noSensorMs);
  };

  return {
    kind: 'phone',
    get status() { return core.status; },
    get rateHz() { return rateHz; },
    axes: 3,
    badLines: 0,
    get signFlipped() { return flipped; },
    on: core.on,
    start() {
      if (running) return running;
      const win = o.win ?? (globalThis.window as unknown as MotionWindow | undefined);
      const sup = phoneSupport(win);
      if (!sup.ok) return Promise.reject(fail(sup.code, sup.message));
      const w = win!;
      const DME = w.DeviceMotionEvent as { requestPermission?: () => Promise<string> };
      const ask = typeof DME.requestPermission === 'function';
      flipped = o.flipSign ?? ask;
      core.setStatus('connecting');
      let perm: Promise<string>;
      try {
        perm = ask ? DME.requestPermission!() : Promise.resolve('granted'); // synchronous: inside the tap
      } catch (e) {
        perm = Promise.reject(e);
      }
      running = (async () => {
        let state: string;
        try {
          state = await perm;
        } catch {
          running = null;
          throw fail('permission', msg.phoneNeedsGesture());
        }
        if (state !== 'granted') {
          running = null;
          throw fail('permission', msg.phoneDenied());
        }
        core.setStatus('detecting');
        rateHz = null;
        await new Promise<void>((resolve, reject) => listen(w, resolve, reject));
      })();
      return running;
    },
    async stop() {
      if (!detach) return;
      detach();
      core.setStatus('stopped');
    },
  };
}
