/**
 * The lesson's example data set (pure): exampleDataset from the simulator with the options the
 * motion contract fixes (seed 15, 12 windows per gesture, 2 s at 100 Hz: 48 recordings of
 * 200 rows), built once per page or process and shared.
 */
import type { Recording } from '../sensors/recording';
import { exampleDataset } from '../sensors/simulator';

export const EXAMPLE_OPTIONS = { seed: 15, perClass: 12, seconds: 2, hz: 100 } as const;

let cached: Recording[] | null = null;

/** The example recordings (the same array every call: do not modify it). */
export function exampleRecordings(): Recording[] {
  cached ??= exampleDataset({ ...EXAMPLE_OPTIONS });
  return cached;
}
