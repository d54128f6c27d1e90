import { describe, expect, it } from 'vitest';
import { createPhoneSource, phoneSupport, type MotionEventLike, type MotionWindow } from '../../widgets/lib/sensors/phone-source';
import { createManualScheduler } from '../../widgets/lib/sensors/scheduler';
import { problemOf } from '../../widgets/lib/sensors/source-error';
import type { MotionRow, SourceProblem, SourceStatus } from '../../widgets/lib/sensors/types';

/** A window with `devicemotion`: `fire` delivers an event to the listeners. */
function fakeWindow(o: { secure?: boolean; motion?: boolean; permission?: () => Promise<string> } = {}) {
  const listeners = new Set<(e: MotionEventLike) => void>();
  const calls: string[] = [];
  const DME: { requestPermission?: () => Promise<string> } = {};
  if (o.permission) DME.requestPermission = () => { calls.push('requestPermission'); return o.permission!(); };
  const win: MotionWindow = {
    isSecureContext: o.secure ?? true,
    location: { origin: 'http://192.168.1.20:4321' },
    ...(o.motion === false ? {} : { DeviceMotionEvent: DME }),
    addEventListener: (_t, cb) => { listeners.add(cb); },
    removeEventListener: (_t, cb) => { listeners.delete(cb); },
  };
  const fire = (timeStamp: number, x: number | null, y: number | null, z: number | null) => {
    for (const cb of [...listeners]) cb({ timeStamp, accelerationIncludingGravity: x === null ? null : { x, y, z } });
  };
  return { win, fire, listeners, calls };
}

function rig(w: ReturnType<typeof fakeWindow>, flipSign?: boolean) {
  const sched = createManualScheduler();
  const src = createPhoneSource({ win: w.win, scheduler: sched, ...(flipSign === undefined ? {} : { flipSign }) });
  const rows: MotionRow[] = [];
  const problems: SourceProblem[] = [];
  const statuses: SourceStatus[] = [];
  src.on('samples', (r) => rows.push(...r));
  src.on('problem', (p) => problems.push(p));
  src.on('status', (s) => statuses.push(s));
  return { sched, src, rows, problems, statuses };
}

describe('phone source (devicemotion)', () => {
  it('Android-like: streams accelerationIncludingGravity with event times, measures ~60 Hz', async () => {
    const w = fakeWindow();
    const { src, rows, statuses, sched } = rig(w);
    const started = src.start();
    await sched.settle();
    expect(src.status).toBe('detecting');
    for (let i = 0; i < 40; i++) w.fire(1000 + i * 16.667 + (i % 3) * 0.4, 0.1, 0.2, 9.8);
    await started;
    expect(statuses).toEqual(['connecting', 'detecting', 'streaming']);
    expect(rows).toHaveLength(40);
    expect(rows[0]).toEqual([0, 0.1, 0.2, 9.8]);
    expect(rows[39]![0]).toBeCloseTo(39 * 16.667, 6);
    expect(src.rateHz).toBeGreaterThan(58);
    expect(src.rateHz).toBeLessThan(62);
    expect(src.signFlipped).toBe(false);
    await src.stop();
    expect(src.status).toBe('stopped');
    expect(w.listeners.size).toBe(0);
  });

  it('iOS-like: asks permission synchronously inside start() and flips the sign', async () => {
    const w = fakeWindow({ permission: () => Promise.resolve('granted') });
    const { src, rows, sched } = rig(w);
    const started = src.start();
    expect(w.calls).toEqual(['requestPermission']); // before any await: still inside the tap
    await sched.settle();
    w.fire(5, 0.5, -0.25, -9.8); // iOS: face up reads −9.8
    await started;
    expect(src.signFlipped).toBe(true);
    expect(rows[0]).toEqual([0, -0.5, 0.25, 9.8]);
    const noFlip = rig(w, false);
    const s2 = noFlip.src.start();
    await noFlip.sched.settle();
    w.fire(10, 0.5, -0.25, -9.8);
    await s2;
    expect(noFlip.rows.at(-1)).toEqual([0, 0.5, -0.25, -9.8]);
  });

  it('permission denied, or asked outside a tap: "permission"', async () => {
    const denied = rig(fakeWindow({ permission: () => Promise.resolve('denied') }));
    const p = await denied.src.start().then(() => null, (e) => problemOf(e));
    expect(p).toMatchObject({ code: 'permission', fatal: true });
    expect(p!.message).toMatch(/Permitir/);
    expect(denied.src.status).toBe('error');
    const gesture = rig(fakeWindow({ permission: () => Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')) }));
    expect(await gesture.src.start().then(() => null, (e) => problemOf(e))).toMatchObject({ code: 'permission', message: expect.stringMatching(/toque/) });
  });

  it('a desktop without a sensor: "no-sensor" after 1 s without events', async () => {
    const w = fakeWindow();
    const { src, sched, problems } = rig(w);
    const p = src.start().then(() => null, (e) => problemOf(e));
    await sched.settle(); // permission granted, listening
    await sched.advance(999);
    expect(problems).toEqual([]);
    await sched.advance(1);
    expect(await p).toMatchObject({ code: 'no-sensor', fatal: true, message: expect.stringMatching(/móvil.*simulada/) });
    expect(src.status).toBe('error');
    expect(w.listeners.size).toBe(0);
  });

  it('an event with every field null means no sensor at once (the spec)', async () => {
    const w = fakeWindow();
    const { src, sched } = rig(w);
    const p = src.start().then(() => null, (e) => problemOf(e));
    await sched.settle();
    w.fire(3, null, null, null);
    expect(await p).toMatchObject({ code: 'no-sensor' });
  });

  it('insecure origin and missing API each say so', async () => {
    const insecure = rig(fakeWindow({ secure: false }));
    const p = await insecure.src.start().then(() => null, (e) => problemOf(e));
    expect(p).toMatchObject({ code: 'insecure', fatal: true });
    for (const s of ['https://', 'localhost', 'http://192.168.1.20:4321', 'adb reverse']) expect(p!.message).toContain(s);
    const none = rig(fakeWindow({ motion: false }));
    expect(await none.src.start().then(() => null, (e) => problemOf(e))).toMatchObject({ code: 'unsupported' });
    expect(phoneSupport(fakeWindow().win)).toEqual({ ok: true });
    expect(phoneSupport(undefined)).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('stop() before the first event ends start() quietly', async () => {
    const w = fakeWindow();
    const { src, sched } = rig(w);
    const p = src.start();
    await sched.settle();
    await src.stop();
    await expect(p).resolves.toBeUndefined();
    expect(src.status).toBe('stopped');
  });
});
