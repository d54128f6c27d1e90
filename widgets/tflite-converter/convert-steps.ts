/**
 * The converter run in slices, so the page never freezes: calibration (the float32 reference
 * interpreter over ~200 digits, the slow part) goes `chunk` samples at a time with an await
 * between chunks, then the three files are written. Pure: no DOM, no tfjs.
 *
 * Calibrating chunk by chunk and merging gives exactly the ranges of one pass over all samples,
 * because a range over a union is the min of the mins and the max of the maxes.
 */
import { calibrate, convertFloat32, convertInt8, planModel, type Calibration, type ConvertedSet, type KerasModel } from '../lib/convert';

export class ConversionCancelled extends Error {
  override readonly name = 'ConversionCancelled';
  constructor() {
    super('Conversión cancelada.');
  }
}

/** Union of two calibrations of the same plan (null: nothing yet). */
export function mergeCalibration(a: Calibration | null, b: Calibration): Calibration {
  if (!a) return { input: [...b.input], steps: b.steps.map((r): [number, number] => [...r]), samples: b.samples };
  if (a.steps.length !== b.steps.length) throw new RangeError('calibrations of different plans');
  const u = (x: [number, number], y: [number, number]): [number, number] => [Math.min(x[0], y[0]), Math.max(x[1], y[1])];
  return { input: u(a.input, b.input), steps: a.steps.map((r, i) => u(r, b.steps[i]!)), samples: a.samples + b.samples };
}

export type Stage = 'calibrar' | 'escribir';

export interface SlicedOptions {
  /** Samples per slice (default 10: a few tens of ms for the course's CNN). */
  chunk?: number;
  /** Called after every slice: `done` of `total` samples. */
  onProgress?: (stage: Stage, done: number, total: number) => void;
  signal?: AbortSignal;
  /** How to give the page a turn between slices (default: a zero timeout). */
  pause?: () => Promise<void>;
}

const defaultPause = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** convertAll, in slices: fp32, int8 (float32 I/O) and int8io (int8 I/O), calibrated once. */
export async function convertSliced(m: KerasModel, samples: readonly ArrayLike<number>[], o: SlicedOptions = {}): Promise<ConvertedSet> {
  const chunk = Math.max(1, o.chunk ?? 10);
  const pause = o.pause ?? defaultPause;
  const check = (): void => {
    if (o.signal?.aborted) throw new ConversionCancelled();
  };
  const plan = planModel(m);
  let cal: Calibration | null = null;
  for (let i = 0; i < samples.length; i += chunk) {
    check();
    cal = mergeCalibration(cal, calibrate(plan, samples.slice(i, i + chunk)));
    o.onProgress?.('calibrar', Math.min(samples.length, i + chunk), samples.length);
    await pause();
  }
  if (!cal) return Promise.reject(new RangeError('no calibration samples'));
  check();
  o.onProgress?.('escribir', 0, 3);
  const fp32 = convertFloat32(plan);
  o.onProgress?.('escribir', 1, 3);
  await pause();
  check();
  const int8 = convertInt8(plan, cal, 'float32');
  o.onProgress?.('escribir', 2, 3);
  await pause();
  check();
  const int8io = convertInt8(plan, cal, 'int8');
  o.onProgress?.('escribir', 3, 3);
  return { plan, calibration: cal, fp32, int8, int8io };
}
