/**
 * Simulated "persons": how one student holds and moves the board. Pure and seeded.
 * Frames: world x = to the student's right, y = forward, z = up; the board's axes are the world's
 * rotated by the person's grip (roll about x, pitch about y, yaw about z, radians).
 */
import { createRng, type Rng } from '../rng/rng';

export type Vec3 = [number, number, number];
/** Row-major 3×3 matrix. */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export interface Person {
  id: number;
  /** Multiplies every gesture's acceleration amplitude (about 0.7–1.35). */
  amplitude: number;
  /** Multiplies every gesture's base frequency (about 0.8–1.25). */
  tempo: number;
  /** Grip, radians: roll and pitch within about ±18°, yaw within ±25°. */
  roll: number;
  pitch: number;
  yaw: number;
  /** White sensor noise, m/s² (standard deviation, 0.02–0.05). */
  noise: number;
  /** Constant offset of each board axis, m/s² (calibration error). */
  bias: Vec3;
  /** Circle shape: y semi-axis / x semi-axis (0.7–1.1). */
  ellipse: number;
  /** Weight of the second harmonic in wave / up-down (0.1–0.3): how "jerky" the person is. */
  harmonic: number;
}

/** Mixes integers into one 32-bit seed (murmur3 finaliser per part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    let k = Math.trunc(p) >>> 0;
    k = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
    k = Math.imul(k ^ (k >>> 13), 0xc2b2ae35);
    h = Math.imul(h ^ k ^ (k >>> 16), 0x27d4eb2d) + 0x165667b1;
    h >>>= 0;
  }
  return h >>> 0;
}

const DEG = Math.PI / 180;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Person `id` of population `population` (both integers): the same pair, the same person. */
export function makePerson(id: number, population = 0): Person {
  const r: Rng = createRng(mixSeed(0x5eed, population, id));
  return {
    id,
    amplitude: r.uniform(0.7, 1.35),
    tempo: r.uniform(0.8, 1.25),
    roll: clamp(r.normal(0, 8), -18, 18) * DEG,
    pitch: clamp(r.normal(0, 8), -18, 18) * DEG,
    yaw: r.uniform(-25, 25) * DEG,
    noise: r.uniform(0.02, 0.05),
    bias: [r.normal(0, 0.05), r.normal(0, 0.05), r.normal(0, 0.05)],
    ellipse: r.uniform(0.7, 1.1),
    harmonic: r.uniform(0.1, 0.3),
  };
}

/** Board -> world rotation R = Rz(yaw)·Ry(pitch)·Rx(roll). A reading is Rᵀ·(world vector). */
export function gripMatrix(roll: number, pitch: number, yaw: number): Mat3 {
  const [cr, sr, cp, sp, cy, sy] = [Math.cos(roll), Math.sin(roll), Math.cos(pitch), Math.sin(pitch), Math.cos(yaw), Math.sin(yaw)];
  return [
    cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
    sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
    -sp, cp * sr, cp * cr,
  ];
}

/** Rᵀ·v: a world-frame vector as the board's axes see it. */
export function toBoard(R: Mat3, v: Vec3): Vec3 {
  return [
    R[0] * v[0] + R[3] * v[1] + R[6] * v[2],
    R[1] * v[0] + R[4] * v[1] + R[7] * v[2],
    R[2] * v[0] + R[5] * v[1] + R[8] * v[2],
  ];
}

/** Ornstein–Uhlenbeck step: mean-reverting noise with time constant tau (s), stationary std sigma. */
export function ouStep(x: number, dt: number, tau: number, sigma: number, rng: Rng): number {
  return x - (x * dt) / tau + sigma * Math.sqrt((2 * dt) / tau) * rng.normal();
}
