/**
 * The converter's slow part, run in slices so the page never freezes (pure: no DOM, no tfjs):
 * calibration (the float32 reference interpreter over ~200 digits) goes `chunk` samples at a
 * time with a pause between chunks, then the three files are written. Used by the tflite-converter
 * and int8-vs-fp32 widgets, so both calibrate the same way and both stop with `Cancelled`.
 *
 * Calibrating chunk by chunk and merging gives exactly the ranges of one pass over all samples,
 * because a range over a union is the min of the mins and the max of the maxes.
 */
import type { Calibration } from './emit';
import type { KerasModel } from './keras';
import { planModel, type Plan } from './plan';
import { calibrate, convertFloat32, convertInt8, type ConvertedSet } from './convert';

/** What a sliced loop rejects with once its AbortSignal has fired. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor(message = 'Cancelado.') {
    super(message);
  }
}

/** Throws Cancelled when `signal` has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}

/**
 * Yields to the event loop (input, rendering) and comes back as soon as possible: a MessageChannel
 * message is a macrotask, like setTimeout(0), without the 4 ms clamp of nested timeouts.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** [start, end) ranges that cover 0…n−1 in pieces of at most `size`. */
export function chunks(n: number, size: number): [number, number][] {
  if (!(size >= 1)) throw new RangeError('size must be ≥ 1');
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += size) out.push([s, Math.min(n, s + size)]);
  return out;
}

/** Calibration of the union of two sample sets of the same plan: the widest range of each tensor (null: nothing yet). */
export function mergeCalibration(a: Calibration | null, b: Calibration): Calibration {
  if (!a) return { input: [...b.input], steps: b.steps.map((r): [number, number] => [...r]), samples: b.samples };
  if (a.steps.length !== b.steps.length) throw new RangeError('calibrations of different plans');
  const wide = (x: [number, number], y: [number, number]): [number, number] => [Math.min(x[0], y[0]), Math.max(x[1], y[1])];
  return { input: wide(a.input, b.input), steps: a.steps.map((r, i) => wide(r, b.steps[i]!)), samples: a.samples + b.samples };
}

export interface SliceOptions {
  /** Samples per slice (default 10: a few tens of ms for the course's CNN). */
  chunk?: number;
  signal?: AbortSignal;
  /** How to give the page a turn between slices (default: nextTask). */
  pause?: () => Promise<void>;
}

/**
 * calibrate() over samples 0…count−1 (`sample(i)`: input i, float32 in the model's input shape),
 * `chunk` at a time: before each chunk it checks `signal`, after it reports `done` of `count` and
 * pauses. Rejects with Cancelled when aborted, with RangeError when count is 0.
 */
export async function calibrateSliced(
  m: KerasModel | Plan, count: number, sample: (i: number) => ArrayLike<number>,
  o: SliceOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<Calibration> {
  const plan = 'steps' in m ? m : planModel(m);
  const pause = o.pause ?? nextTask;
  let cal: Calibration | null = null;
  for (const [s, e] of chunks(count, Math.max(1, o.chunk ?? 10))) {
    throwIfCancelled(o.signal);
    cal = mergeCalibration(cal, calibrate(plan, Array.from({ length: e - s }, (_, k) => sample(s + k))));
    o.onProgress?.(e, count);
    await pause();
  }
  if (!cal) throw new RangeError('no calibration samples');
  throwIfCancelled(o.signal);
  return cal;
}

export type Stage = 'calibrar' | 'escribir';

/** convertAll, in slices: fp32, int8 (float32 I/O) and int8io (int8 I/O), calibrated once. */
export async function convertSliced(
  m: KerasModel, samples: readonly ArrayLike<number>[],
  o: SliceOptions & { onProgress?: (stage: Stage, done: number, total: number) => void } = {},
): Promise<ConvertedSet> {
  const pause = o.pause ?? nextTask;
  const plan = planModel(m);
  const cal = await calibrateSliced(plan, samples.length, (i) => samples[i]!, {
    ...o, onProgress: (done, total) => o.onProgress?.('calibrar', done, total),
  });
  o.onProgress?.('escribir', 0, 3);
  const fp32 = convertFloat32(plan);
  o.onProgress?.('escribir', 1, 3);
  await pause();
  throwIfCancelled(o.signal);
  const int8 = convertInt8(plan, cal, 'float32');
  o.onProgress?.('escribir', 2, 3);
  await pause();
  throwIfCancelled(o.signal);
  const int8io = convertInt8(plan, cal, 'int8');
  o.onProgress?.('escribir', 3, 3);
  return { plan, calibration: cal, fp32, int8, int8io };
}
