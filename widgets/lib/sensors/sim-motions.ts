/**
 * The simulated board's motions, one generator each. A generator returns, per sample, the
 * board-frame specific force (what an accelerometer reads, gravity included) in m/s², without
 * sensor noise or bias (the synth adds those). World z is up, so a board lying flat reads
 * +9.80665 on its z axis (like the Nano 33 BLE Sense and the W3C devicemotion convention).
 */
import type { Rng } from '../rng/rng';
import { gripMatrix, ouStep, toBoard, type Mat3, type Person, type Vec3 } from './sim-person';

export const G = 9.80665;
const TAU = 2 * Math.PI;

export interface MotionContext {
  rng: Rng;
  hz: number;
  person: Person;
  /** The person's grip (board -> world). */
  R: Mat3;
}
export type MotionGenerator = () => Vec3;

/** Base frequency (Hz) and acceleration amplitude (m/s²) of the periodic gestures. */
export const GESTURE_BASE = {
  wave: { hz: 2.0, amp: 9 }, // side to side along x
  updown: { hz: 1.5, amp: 7 }, // along z
  circle: { hz: 1.0, amp: 5.5 }, // x and y in quadrature (a horizontal circle)
} as const;

/** A hand that holds the board still: slow sway (OU, about 0.05 m/s²) and a faint 9 Hz tremor. */
export function idleMotion(c: MotionContext): MotionGenerator {
  const dt = 1 / c.hz;
  const sway: Vec3 = [0, 0, 0];
  const s = 0.05 * c.person.amplitude;
  const tremor = c.rng.uniform(8, 11);
  let ph = c.rng.uniform(0, TAU);
  return () => {
    for (let k = 0; k < 3; k++) sway[k] = ouStep(sway[k]!, dt, 0.6, s, c.rng);
    ph += TAU * tremor * dt;
    const t = 0.015 * Math.sin(ph);
    return toBoard(c.R, [sway[0] + t, sway[1], sway[2] + G + t]);
  };
}

/** wave / updown / circle: one tempo and amplitude per take, with slow wobble of both. */
export function periodicMotion(kind: keyof typeof GESTURE_BASE, c: MotionContext): MotionGenerator {
  const { rng, person } = c;
  const dt = 1 / c.hz;
  const base = GESTURE_BASE[kind];
  const f0 = base.hz * person.tempo * (1 + 0.05 * rng.normal());
  const a0 = base.amp * person.amplitude * (1 + 0.1 * rng.normal());
  const h = person.harmonic;
  const psi = [rng.uniform(0, TAU), rng.uniform(0, TAU), rng.uniform(0, TAU)] as const;
  let phase = rng.uniform(0, TAU);
  let fw = 0;
  let aw = 0;
  return () => {
    fw = ouStep(fw, dt, 1.0, 0.03, rng);
    aw = ouStep(aw, dt, 0.7, 0.08, rng);
    phase += TAU * f0 * (1 + fw) * dt;
    const A = a0 * (1 + aw);
    const p = phase;
    let m: Vec3;
    if (kind === 'wave') {
      // the hand swings along x on a slight arc: a little z at twice the rate
      m = [A * (Math.sin(p) + h * Math.sin(2 * p + psi[0])), 0.08 * A * Math.sin(p + psi[1]), 0.15 * A * Math.sin(2 * p + psi[2])];
    } else if (kind === 'updown') {
      m = [0.08 * A * Math.sin(p + psi[1]), 0.06 * A * Math.sin(p + psi[2]), A * (Math.sin(p) + h * Math.sin(2 * p + psi[0]))];
    } else {
      m = [A * Math.cos(p), A * person.ellipse * Math.sin(p), 0.1 * A * Math.sin(2 * p + psi[0])];
    }
    return toBoard(c.R, [m[0], m[1], m[2] + G]);
  };
}

/** Anomaly: vigorous irregular shaking, 4–8 Hz on every axis, 5–12 m/s² per component. */
export function shakeMotion(c: MotionContext): MotionGenerator {
  const { rng, person } = c;
  const dt = 1 / c.hz;
  const comps = Array.from({ length: 3 }, () =>
    Array.from({ length: 2 }, () => ({ f: rng.uniform(4, 8), a: rng.uniform(5, 12) * person.amplitude, p: rng.uniform(0, TAU) })),
  );
  const env: Vec3 = [0, 0, 0];
  return () => {
    const m: Vec3 = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      env[k] = ouStep(env[k]!, dt, 0.3, 0.25, rng);
      for (const q of comps[k]!) {
        q.p += TAU * q.f * dt;
        m[k] = m[k]! + q.a * (1 + env[k]!) * Math.sin(q.p);
      }
    }
    return toBoard(c.R, [m[0], m[1], m[2] + G]);
  };
}

/** Anomaly: the board held still and knocked every 0.35–0.9 s (a 30 Hz ring decaying in ~12 ms). */
export function tapMotion(c: MotionContext): MotionGenerator {
  const { rng } = c;
  const dt = 1 / c.hz;
  const still = idleMotion(c);
  let wait = rng.uniform(0.1, 0.5);
  let age = Infinity;
  let P = 0;
  let dir: Vec3 = [0, 0, -1];
  return () => {
    const r = still();
    wait -= dt;
    if (wait <= 0) {
      wait = rng.uniform(0.35, 0.9);
      age = rng.uniform(0, dt); // the knock falls between two samples
      P = rng.uniform(12, 30);
      const d: Vec3 = [rng.normal(0, 0.15), rng.normal(0, 0.15), -1];
      const n = Math.hypot(...d);
      dir = [d[0] / n, d[1] / n, d[2] / n];
    }
    if (age < 0.1) {
      const k = P * Math.exp(-age / 0.012) * Math.cos(TAU * 30 * age);
      const b = toBoard(c.R, [k * dir[0], k * dir[1], k * dir[2]]);
      r[0] += b[0];
      r[1] += b[1];
      r[2] += b[2];
    }
    age += dt;
    return r;
  };
}

/**
 * Anomaly: dropped and picked up again, in a loop. Hold (0.2–0.6 s the first time, then
 * 0.4–1 s) -> free fall 0.25–0.45 s (the accelerometer reads ~0: no specific force) -> impact
 * (25–60 m/s², ringing at 18 Hz; the synth clips at ±4 g) -> rest on the floor in a new
 * orientation 0.6–1.2 s -> picked up over 0.4 s.
 */
export function dropMotion(c: MotionContext): MotionGenerator {
  const { rng } = c;
  const dt = 1 / c.hz;
  const still = idleMotion(c);
  type Phase = 'hold' | 'fall' | 'impact' | 'pickup';
  let phase: Phase = 'hold';
  let left = rng.uniform(0.2, 0.6);
  let t = 0;
  let floor: Mat3 = c.R;
  let P = 0;
  let tumble: Vec3 = [0, 0, 0];
  const gOf = (R: Mat3): Vec3 => toBoard(R, [0, 0, G]);
  return () => {
    const hand = still();
    left -= dt;
    t += dt;
    let out: Vec3;
    if (phase === 'hold') out = hand;
    else if (phase === 'fall') {
      for (let k = 0; k < 3; k++) tumble[k] = ouStep(tumble[k]!, dt, 0.1, 0.3, rng);
      out = [tumble[0], tumble[1], tumble[2]];
    } else if (phase === 'impact') {
      const g = gOf(floor);
      const k = P * Math.exp(-t / 0.025) * Math.cos(TAU * 18 * t);
      out = [g[0] + 0.3 * k, g[1] + 0.2 * k, g[2] + k];
    } else {
      const w = Math.min(1, t / 0.4);
      const a = gOf(floor);
      const lift = 3 * Math.sin(Math.PI * w);
      out = [a[0] + w * (hand[0] - a[0]), a[1] + w * (hand[1] - a[1]), a[2] + w * (hand[2] - a[2]) + lift];
    }
    if (left <= 0) {
      t = 0;
      if (phase === 'hold') [phase, left, tumble] = ['fall', rng.uniform(0.25, 0.45), [0, 0, 0]];
      else if (phase === 'fall') {
        phase = 'impact';
        left = rng.uniform(0.6, 1.2);
        P = rng.uniform(25, 60);
        floor = gripMatrix(rng.next() < 0.5 ? 0 : Math.PI + rng.normal(0, 0.1), rng.normal(0, 0.1), rng.uniform(-Math.PI, Math.PI));
      } else if (phase === 'impact') [phase, left] = ['pickup', 0.4];
      else [phase, left] = ['hold', rng.uniform(0.4, 1.0)];
    }
    return out;
  };
}
