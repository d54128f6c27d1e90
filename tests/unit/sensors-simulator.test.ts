import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../widgets/lib/sensors/emitter';
import { createManualScheduler } from '../../widgets/lib/sensors/scheduler';
import { createSimulatedSource } from '../../widgets/lib/sensors/simulated-source';
import {
  ANOMALIES, G, GESTURES, GESTURE_LABELS, SENSOR_RANGE, createSynth, exampleDataset, makePerson, simulate,
} from '../../widgets/lib/sensors/simulator';
import type { MotionRow } from '../../widgets/lib/sensors/types';

const axis = (rows: MotionRow[], k: 1 | 2 | 3) => rows.map((r) => r[k]);
const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const rmsAc = (x: number[]) => { const m = mean(x); return Math.sqrt(mean(x.map((v) => (v - m) ** 2))); };
/** Frequency (Hz) of the largest bin of a direct DFT of x minus its mean, k = 1 … n/2−1. */
function peakHz(x: number[], fs: number): number {
  const m = mean(x);
  const n = x.length;
  let best = 0;
  let bk = 0;
  for (let k = 1; k < n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += (x[i]! - m) * Math.cos((2 * Math.PI * k * i) / n);
      im -= (x[i]! - m) * Math.sin((2 * Math.PI * k * i) / n);
    }
    const a = Math.hypot(re, im);
    if (a > best) [best, bk] = [a, k];
  }
  return (bk * fs) / n;
}

describe('simulator', () => {
  it('is deterministic per seed and differs across seeds and persons', () => {
    const a = simulate({ gesture: 'wave', seconds: 2, hz: 100, seed: 3 });
    expect(simulate({ gesture: 'wave', seconds: 2, hz: 100, seed: 3 })).toEqual(a);
    expect(simulate({ gesture: 'wave', seconds: 2, hz: 100, seed: 4 })).not.toEqual(a);
    expect(simulate({ gesture: 'wave', seconds: 2, hz: 100, seed: 3, person: 1 })).not.toEqual(simulate({ gesture: 'wave', seconds: 2, hz: 100, seed: 3, person: 2 }));
    for (const g of [...GESTURES, ...ANOMALIES]) {
      expect(simulate({ gesture: g, seconds: 1, hz: 50, seed: 9 }), g).toEqual(simulate({ gesture: g, seconds: 1, hz: 50, seed: 9 }));
    }
    expect(makePerson(2, 15)).toEqual(makePerson(2, 15));
    expect(makePerson(2, 15)).not.toEqual(makePerson(3, 15));
  });

  it('runs at 50, 62.5 and 100 Hz (any rate): round(s·hz) rows, t = i·1000/hz', () => {
    for (const hz of [50, 62.5, 100, 33]) {
      const rows = simulate({ gesture: 'circle', seconds: 2, hz, seed: 1 });
      expect(rows).toHaveLength(Math.round(2 * hz));
      rows.forEach((r, i) => expect(r[0]).toBe((i * 1000) / hz));
      expect(rows.every((r) => r.every(Number.isFinite))).toBe(true);
    }
    expect(simulate({ gesture: 'idle', seconds: 1, hz: 62.5, seed: 1 })[1]![0]).toBe(16);
    expect(() => simulate({ gesture: 'idle', seconds: 1, hz: 0, seed: 1 })).toThrow(RangeError);
  });

  it('idle reads gravity: |a| ≈ 9.80665 m/s², tilted by the person’s grip, with small noise', () => {
    const tilts = new Set<string>();
    for (let p = 0; p < 6; p++) {
      const rows = simulate({ gesture: 'idle', seconds: 2, hz: 100, seed: 11, person: p });
      const m = [mean(axis(rows, 1)), mean(axis(rows, 2)), mean(axis(rows, 3))];
      expect(Math.hypot(...m)).toBeGreaterThan(G - 0.2);
      expect(Math.hypot(...m)).toBeLessThan(G + 0.2);
      expect(m[2]).toBeGreaterThan(8.5); // roughly face up
      for (const k of [1, 2, 3] as const) expect(rmsAc(axis(rows, k))).toBeLessThan(0.2);
      tilts.add(m.map((v) => v.toFixed(1)).join());
    }
    expect(tilts.size).toBe(6);
  });

  it('the example data set: four gestures separable by dominant axis and frequency, persons differ', () => {
    const ds = exampleDataset({ seed: 15, perClass: 12, seconds: 2, hz: 100 });
    expect(ds).toHaveLength(48);
    expect(new Set(ds.map((r) => r.id)).size).toBe(48);
    expect(ds.map((r) => r.label).filter((l, i, a) => a.indexOf(l) === i)).toEqual(['reposo', 'lado a lado', 'arriba y abajo', 'círculo']);
    expect(ds.every((r) => r.hz === 100 && r.rows.length === 200 && r.source === 'simulated')).toBe(true);
    expect(exampleDataset({ seed: 15, perClass: 12, seconds: 2, hz: 100 })).toEqual(ds);
    const waveHz = new Set<number>();
    for (const r of ds) {
      const [x, y, z] = ([1, 2, 3] as const).map((k) => axis(r.rows, k));
      const [rx, ry, rz] = [rmsAc(x!), rmsAc(y!), rmsAc(z!)];
      if (r.label === 'reposo') expect(Math.max(rx, ry, rz), r.id).toBeLessThan(0.2);
      if (r.label === 'lado a lado') {
        expect(rx, r.id).toBeGreaterThan(2 * Math.max(ry, rz));
        const f = peakHz(x!, 100);
        expect(f).toBeGreaterThanOrEqual(1.5);
        expect(f).toBeLessThanOrEqual(2.5);
        waveHz.add(f);
      }
      if (r.label === 'arriba y abajo') {
        expect(rz, r.id).toBeGreaterThan(2 * Math.max(rx, ry));
        expect(peakHz(z!, 100)).toBeGreaterThanOrEqual(1);
        expect(peakHz(z!, 100)).toBeLessThanOrEqual(2);
      }
      if (r.label === 'círculo') {
        expect(Math.min(rx, ry), r.id).toBeGreaterThan(0.5 * Math.max(rx, ry));
        expect(Math.min(rx, ry)).toBeGreaterThan(2 * rz);
        expect(peakHz(x!, 100)).toBeLessThanOrEqual(1.5);
      }
    }
    expect(waveHz.size).toBeGreaterThan(1); // tempo differs between persons
    expect(exampleDataset({ seed: 16, perClass: 2, seconds: 2, hz: 100 })[0]!.rows).not.toEqual(ds[0]!.rows);
  });

  it('anomalies: shake is strong on every axis, tap spikes, drop free-falls and hits', () => {
    const shake = simulate({ gesture: 'shake', seconds: 2, hz: 100, seed: 2 });
    for (const k of [1, 2, 3] as const) expect(rmsAc(axis(shake, k))).toBeGreaterThan(3);
    const tap = simulate({ gesture: 'tap', seconds: 2, hz: 100, seed: 2 });
    const dz = axis(tap, 3).map((v) => Math.abs(v - G));
    expect(Math.max(...dz)).toBeGreaterThan(4);
    expect(dz.filter((v) => v > 2).length).toBeLessThan(20); // short knocks, not continuous motion
    const drop = simulate({ gesture: 'drop', seconds: 3, hz: 100, seed: 2 });
    const mag = drop.map((r) => Math.hypot(r[1], r[2], r[3]));
    expect(mag.filter((m) => m < 1.5).length).toBeGreaterThan(15); // ≥ 0.15 s of free fall
    expect(Math.max(...mag)).toBeGreaterThan(20);
    expect(drop.every((r) => Math.abs(r[1]) <= SENSOR_RANGE && Math.abs(r[3]) <= SENSOR_RANGE)).toBe(true);
    expect(GESTURE_LABELS).toMatchObject({ shake: 'sacudida', tap: 'golpe', drop: 'caída' });
  });

  it('the synth switches gesture while streaming', () => {
    const s = createSynth({ hz: 100, seed: 5, gesture: 'idle' });
    const before = Array.from({ length: 200 }, () => s.next()[0]);
    s.setGesture('wave');
    expect(s.gesture).toBe('wave');
    const after = Array.from({ length: 200 }, () => s.next()[0]);
    expect(rmsAc(after)).toBeGreaterThan(20 * rmsAc(before));
    expect(s.index).toBe(400);
  });
});

describe('simulated source (manual scheduler)', () => {
  it('emits rows in real time, switches gesture, stops', async () => {
    const sched = createManualScheduler(100);
    const src = createSimulatedSource({ hz: 100, seed: 1, gesture: 'idle', scheduler: sched });
    const rows: MotionRow[] = [];
    src.on('samples', (r) => rows.push(...r));
    await src.start();
    expect(src.status).toBe('streaming');
    expect(src.rateHz).toBe(100);
    await sched.advance(1000);
    expect(rows).toHaveLength(101); // t = 0 … 1000 ms
    rows.forEach((r, i) => expect(r[0]).toBe(i * 10));
    expect(rows.map((r) => r.slice(1))).toEqual(simulate({ gesture: 'idle', seconds: 1.01, hz: 100, seed: 1 }).map((r) => r.slice(1)));
    src.setGesture('updown');
    await sched.advance(2000);
    expect(rmsAc(axis(rows.slice(-150), 3))).toBeGreaterThan(2);
    await src.stop();
    expect(src.status).toBe('stopped');
    const n = rows.length;
    await sched.advance(500);
    expect(rows).toHaveLength(n);
  });

  it('after a long pause (a frozen tab) catches up at most 2 s and keeps t on the clock', async () => {
    const sched = createManualScheduler();
    const src = createSimulatedSource({ hz: 50, seed: 1, scheduler: sched, tickMs: 10_000 }); // one late tick
    const rows: MotionRow[] = [];
    src.on('samples', (r) => rows.push(...r));
    await src.start();
    await sched.advance(10_000);
    expect(rows).toHaveLength(1 + 100); // the row at t = 0, then the last 2 s
    expect(rows[1]![0]).toBe(8_020);
    expect(rows.at(-1)![0]).toBe(10_000);
  });
});

describe('emitter and manual scheduler', () => {
  it('emitter: typed events, unsubscribe', () => {
    const em = createEmitter<{ a: number; b: string }>();
    const got: Array<number | string> = [];
    const off = em.on('a', (v) => got.push(v));
    em.on('b', (v) => got.push(v));
    em.emit('a', 1);
    em.emit('b', 'x');
    off();
    em.emit('a', 2);
    expect(got).toEqual([1, 'x']);
    expect(em.count('a')).toBe(0);
  });

  it('fires timers in time order, intervals repeat, cancel works', async () => {
    const s = createManualScheduler();
    const log: string[] = [];
    s.setTimeout(() => log.push(`t30@${s.now()}`), 30);
    const stop = s.every(20, () => log.push(`e@${s.now()}`));
    s.setTimeout(() => log.push(`t10@${s.now()}`), 10);
    await s.advance(60);
    stop();
    await s.advance(100);
    expect(log).toEqual(['t10@10', 'e@20', 't30@30', 'e@40', 'e@60']);
    expect(s.now()).toBe(160);
    expect(s.pending).toBe(0);
  });
});
