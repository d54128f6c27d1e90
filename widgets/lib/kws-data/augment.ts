/**
 * Train-time augmentation of 1 s keyword clips (seeded, pure): a time shift (the clip slides by up
 * to ±maxShiftMs, the gap filled with zeros, like micro_speech's training) and extra noise of a
 * random kind at a random level. Each call draws from the rng passed in, so a seed repeats a run.
 */
import type { Rng } from '../rng/rng';
import { addNoise, NOISE_KINDS, type NoiseKind } from './noise';

export interface AugmentOptions {
  /** Hz. */
  sampleRate: number;
  /** Largest shift either way, ms [100]. */
  maxShiftMs?: number;
  /** Probability of adding noise [0.8]. */
  noiseProb?: number;
  /** Noise RMS range, dBFS [−60, −30]. */
  noiseDb?: [number, number];
  noiseKinds?: readonly NoiseKind[];
  /** Part of the clip that must stay inside, ms from its start (e.g. the word: [shiftMs,
   * shiftMs + durationMs] from the manifest); the shift range is narrowed to keep it. */
  keepMs?: [number, number];
}

/** A copy of `x` moved by `shift` samples (positive: later), zeros where nothing was. */
export function shiftClip(x: Float32Array, shift: number): Float32Array {
  const out = new Float32Array(x.length);
  const s = Math.trunc(shift);
  if (s >= 0) out.set(x.subarray(0, Math.max(0, x.length - s)), Math.min(s, x.length));
  else out.set(x.subarray(Math.min(-s, x.length)), 0);
  return out;
}

/** One augmented copy of `x` (same length); `x` is not changed. */
export function augmentClip(x: Float32Array, rng: Rng, opts: AugmentOptions): Float32Array {
  const maxShift = Math.round(((opts.maxShiftMs ?? 100) * opts.sampleRate) / 1000);
  const [lo, hi] = opts.noiseDb ?? [-60, -30];
  const kinds = opts.noiseKinds ?? NOISE_KINDS;
  let lo2 = -maxShift;
  let hi2 = maxShift;
  if (opts.keepMs) {
    const ms = opts.sampleRate / 1000;
    lo2 = Math.min(0, Math.max(lo2, -Math.floor(opts.keepMs[0] * ms)));
    hi2 = Math.max(0, Math.min(hi2, x.length - Math.ceil(opts.keepMs[1] * ms)));
  }
  let y = shiftClip(x, rng.int(lo2, hi2));
  if (rng.next() < (opts.noiseProb ?? 0.8) && kinds.length > 0) {
    y = addNoise(y, kinds[rng.int(0, kinds.length - 1)]!, rng.uniform(lo, hi), rng);
  }
  return y;
}
