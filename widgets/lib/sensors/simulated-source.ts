/**
 * The simulated board as a MotionSource: rows from the seeded synth, emitted in real time by an
 * injected scheduler (tests drive a manual one). Every `tickMs` it emits the rows whose time has
 * come: row i has t = i·1000/hz ms, and is due once the clock has advanced that much since start.
 * The gesture can change while it runs (cross-faded over 0.4 s).
 */
import { browserScheduler, type Scheduler } from './scheduler';
import { createSynth, type MotionSynth, type SimMotion } from './simulator';
import { createSourceCore } from './source-core';
import type { Person } from './sim-person';
import type { MotionRow, MotionSource } from './types';

export interface SimulatedSourceOptions {
  /** Hz [100]. */
  hz?: number;
  seed?: number;
  gesture?: SimMotion;
  person?: number | Person;
  scheduler?: Scheduler;
  /** How often rows are emitted, ms [50]. */
  tickMs?: number;
  /** After a long pause (a background tab) at most this much is caught up; the rest is skipped, ms [2000]. */
  maxCatchUpMs?: number;
}

export interface SimulatedSource extends MotionSource {
  readonly kind: 'simulated';
  readonly gesture: SimMotion;
  setGesture(g: SimMotion): void;
}

export function createSimulatedSource(o: SimulatedSourceOptions = {}): SimulatedSource {
  const hz = o.hz ?? 100;
  const sched = o.scheduler ?? browserScheduler();
  const tickMs = o.tickMs ?? 50;
  const maxCatchUp = o.maxCatchUpMs ?? 2000;
  const core = createSourceCore();
  let gesture: SimMotion = o.gesture ?? 'idle';
  let synth: MotionSynth | null = null;
  let cancel: (() => void) | null = null;
  let t0 = 0;
  let emitted = 0; // rows emitted since start
  let skipped = 0; // sample slots skipped after a long pause

  const tick = (): void => {
    if (!synth) return;
    const due = Math.floor(((sched.now() - t0) * hz) / 1000) + 1; // rows with t <= elapsed
    if ((due - emitted - skipped) * 1000 > maxCatchUp * hz) {
      skipped = due - emitted - Math.ceil((maxCatchUp * hz) / 1000);
    }
    const rows: MotionRow[] = [];
    while (emitted + skipped < due) {
      const [x, y, z] = synth.next();
      rows.push([((emitted + skipped) * 1000) / hz, x, y, z]);
      emitted++;
    }
    core.samples(rows);
  };

  return {
    kind: 'simulated',
    get status() { return core.status; },
    get rateHz() { return hz; },
    axes: 3,
    badLines: 0,
    get gesture() { return gesture; },
    setGesture(g) {
      gesture = g;
      synth?.setGesture(g);
    },
    async start() {
      if (cancel) return;
      synth = createSynth({ hz, seed: o.seed ?? 1, gesture, ...(o.person !== undefined ? { person: o.person } : {}) });
      t0 = sched.now();
      emitted = 0;
      skipped = 0;
      core.setStatus('streaming');
      tick();
      cancel = sched.every(tickMs, tick);
    },
    async stop() {
      if (!cancel) return;
      tick();
      cancel();
      cancel = null;
      synth = null;
      core.setStatus('stopped');
    },
    on: core.on,
  };
}
