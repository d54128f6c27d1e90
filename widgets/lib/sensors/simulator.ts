/**
 * The simulated board (pure, seeded): gestures for lesson 15, anomalies for lesson 16.
 * Readings are m/s² with gravity (9.80665 on the axis pointing up, rotated by the person's
 * grip), per-person amplitude / tempo / grip / noise / bias, white sensor noise, clipped at the
 * ±4 g range the course's sketch configures. Same options + seed -> the same numbers.
 *
 * What separates the gestures in the spectral features (DESIGN.md): wave ≈ 1.6–2.5 Hz on x;
 * updown ≈ 1.2–1.9 Hz on z; circle ≈ 0.8–1.25 Hz on x and y in quadrature; idle only noise.
 * Grips up to ±25° of yaw leak wave into y, so wave and circle overlap a little, as with people.
 */
import { createRng } from '../rng/rng';
import type { Recording } from './recording';
import {
  G, dropMotion, idleMotion, periodicMotion, shakeMotion, tapMotion,
  type MotionContext, type MotionGenerator,
} from './sim-motions';
import { gripMatrix, makePerson, mixSeed, type Person, type Vec3 } from './sim-person';
import type { MotionRow } from './types';

export { G } from './sim-motions';
export { makePerson, mixSeed, type Person } from './sim-person';

export const GESTURES = ['idle', 'wave', 'updown', 'circle'] as const;
export const ANOMALIES = ['shake', 'tap', 'drop'] as const;
export type Gesture = (typeof GESTURES)[number];
export type Anomaly = (typeof ANOMALIES)[number];
export type SimMotion = Gesture | Anomaly;

export const GESTURE_LABELS: Readonly<Record<SimMotion, string>> = {
  idle: 'reposo',
  wave: 'lado a lado',
  updown: 'arriba y abajo',
  circle: 'círculo',
  shake: 'sacudida',
  tap: 'golpe',
  drop: 'caída',
};

/** ±4 g, m/s²: readings beyond it saturate. */
export const SENSOR_RANGE = 4 * G;

export function isSimMotion(x: unknown): x is SimMotion {
  return (GESTURES as readonly unknown[]).includes(x) || (ANOMALIES as readonly unknown[]).includes(x);
}

export interface SynthOptions {
  /** Sampling rate, Hz (any > 0; the course uses 50, 62.5 or 100). */
  hz: number;
  seed: number;
  gesture: SimMotion;
  /** A person id (with `population`) or a Person; default: person 0 of population `seed`. */
  person?: number | Person;
  population?: number;
  /** Cross-fade when the gesture changes while streaming, seconds [0.4]. */
  fadeSeconds?: number;
}

/** A stream of readings, one per `next()`, whose gesture can change on the way. */
export interface MotionSynth {
  readonly hz: number;
  readonly person: Person;
  readonly gesture: SimMotion;
  /** Samples produced so far. */
  readonly index: number;
  setGesture(g: SimMotion): void;
  /** The next reading [ax, ay, az], m/s². */
  next(): Vec3;
}

export function createSynth(o: SynthOptions): MotionSynth {
  if (!(o.hz > 0) || !Number.isFinite(o.hz)) throw new RangeError(`hz must be > 0, got ${o.hz}`);
  if (!isSimMotion(o.gesture)) throw new RangeError(`unknown gesture ${String(o.gesture)}`);
  const rng = createRng(o.seed);
  const person = typeof o.person === 'object' ? o.person : makePerson(o.person ?? 0, o.population ?? o.seed);
  const ctx: MotionContext = { rng, hz: o.hz, person, R: gripMatrix(person.roll, person.pitch, person.yaw) };
  const fadeN = Math.max(1, Math.round((o.fadeSeconds ?? 0.4) * o.hz));
  const make = (g: SimMotion): MotionGenerator => {
    switch (g) {
      case 'idle': return idleMotion(ctx);
      case 'wave': case 'updown': case 'circle': return periodicMotion(g, ctx);
      case 'shake': return shakeMotion(ctx);
      case 'tap': return tapMotion(ctx);
      case 'drop': return dropMotion(ctx);
    }
  };
  let gesture = o.gesture;
  let cur = make(gesture);
  let prev: MotionGenerator | null = null;
  let fade = 0;
  let index = 0;
  const clip = (v: number): number => Math.max(-SENSOR_RANGE, Math.min(SENSOR_RANGE, v));
  return {
    hz: o.hz,
    person,
    get gesture() { return gesture; },
    get index() { return index; },
    setGesture(g) {
      if (!isSimMotion(g)) throw new RangeError(`unknown gesture ${String(g)}`);
      if (g === gesture) return;
      prev = cur;
      gesture = g;
      cur = make(g);
      fade = 0;
    },
    next() {
      let v = cur();
      if (prev) {
        const w = ++fade / fadeN;
        const p = prev();
        v = [p[0] + w * (v[0] - p[0]), p[1] + w * (v[1] - p[1]), p[2] + w * (v[2] - p[2])];
        if (fade >= fadeN) prev = null;
      }
      index++;
      const s = person.noise;
      return [
        clip(v[0] + person.bias[0] + rng.normal(0, s)),
        clip(v[1] + person.bias[1] + rng.normal(0, s)),
        clip(v[2] + person.bias[2] + rng.normal(0, s)),
      ];
    },
  };
}

export interface SimulateOptions {
  gesture: SimMotion;
  seconds: number;
  hz: number;
  seed: number;
  person?: number | Person;
  population?: number;
}

/** round(seconds·hz) rows, t = i·1000/hz ms. Deterministic per options (seed included). */
export function simulate(o: SimulateOptions): MotionRow[] {
  const synth = createSynth(o);
  const n = Math.max(0, Math.round(o.seconds * o.hz));
  const rows: MotionRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, z] = synth.next();
    rows[i] = [(i * 1000) / o.hz, x, y, z];
  }
  return rows;
}

export interface ExampleDatasetOptions {
  seed: number;
  /** Recordings per gesture. */
  perClass: number;
  seconds: number;
  hz: number;
  /** How many simulated people take turns [4]. */
  persons?: number;
  /** createdAt of the first recording (ms); the others follow +1 ms each [0]. */
  createdAt?: number;
}

/**
 * A ready-made labelled data set: `perClass` windows of each of the four GESTURES, taken in
 * turns by `persons` people (of population `seed`), each window with its own seed. Labels are
 * GESTURE_LABELS (Spanish); ids `ejemplo-<seed>-<gesture>-<n>`.
 */
export function exampleDataset(o: ExampleDatasetOptions): Recording[] {
  const persons = Math.max(1, o.persons ?? 4);
  const out: Recording[] = [];
  GESTURES.forEach((gesture, gi) => {
    for (let k = 0; k < o.perClass; k++) {
      out.push({
        id: `ejemplo-${o.seed}-${gesture}-${k + 1}`,
        label: GESTURE_LABELS[gesture],
        hz: o.hz,
        rows: simulate({ gesture, seconds: o.seconds, hz: o.hz, seed: mixSeed(o.seed, gi, k), person: k % persons, population: o.seed }),
        source: 'simulated',
        createdAt: (o.createdAt ?? 0) + out.length,
      });
    }
  });
  return out;
}
