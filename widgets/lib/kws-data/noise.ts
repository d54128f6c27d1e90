/**
 * Seeded synthetic noise for the keyword set (generator and train-time augmentation), at unit RMS
 * so a level in dBFS is just a gain: white (Gaussian), pink (Paul Kellet's 3-pole 1/f filter),
 * brown (leaky integrator, 1/f²) and "room" (brown + pink: a quiet room's low rumble and hiss).
 */
import type { Rng } from '../rng/rng';

export const NOISE_KINDS = ['white', 'pink', 'brown', 'room'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** Samples run through the filters before output, so pink/brown start in their steady state. */
const WARMUP = 4096;

function colored(kind: 'white' | 'pink' | 'brown', n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let y = 0;
  const warm = kind === 'white' ? 0 : WARMUP;
  for (let i = -warm; i < n; i++) {
    const w = rng.normal();
    let v = w;
    if (kind === 'pink') {
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      v = b0 + b1 + b2 + w * 0.1848;
    } else if (kind === 'brown') {
      y = 0.995 * y + 0.1 * w;
      v = y;
    }
    if (i >= 0) out[i] = v;
  }
  return out;
}

function unitRms(x: Float64Array): Float32Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length || 1;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  const k = ss > 0 ? 1 / Math.sqrt(ss / x.length) : 0;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - mean) * k;
  return out;
}

/** n samples of noise of the given kind, zero mean and RMS 1. */
export function makeNoise(kind: NoiseKind, n: number, rng: Rng): Float32Array {
  if (kind !== 'room') return unitRms(colored(kind, n, rng));
  const br = colored('brown', n, rng);
  const pk = unitRms(colored('pink', n, rng));
  const b = unitRms(br);
  const mix = new Float64Array(n);
  for (let i = 0; i < n; i++) mix[i] = 0.8 * b[i]! + 0.6 * pk[i]!;
  return unitRms(mix);
}

/** Linear gain of a level in dB (20·log10). */
export const dbToGain = (db: number): number => 10 ** (db / 20);

/** A new array: `samples` plus noise of `kind` at an RMS of `levelDb` dBFS (0 dBFS = RMS 1). */
export function addNoise(samples: Float32Array, kind: NoiseKind, levelDb: number, rng: Rng): Float32Array {
  const nz = makeNoise(kind, samples.length, rng);
  const g = dbToGain(levelDb);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! + g * nz[i]!;
  return out;
}
