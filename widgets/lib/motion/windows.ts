/**
 * Cutting motion rows into windows (pure). Rows are `[t_ms, ax, ay, az]` (m/s²) at a fixed rate
 * `hz`; a window of `windowMs` holds n = round(windowMs·hz/1000) rows and consecutive windows
 * start h = max(1, round(hopMs·hz/1000)) rows apart, from row 0, as long as a whole window fits
 * (a trailing part shorter than a window is not returned). Examples at 100 Hz: a 2 s recording
 * with windowMs = hopMs = 2000 gives exactly one window; 10 s gives five, none overlapping;
 * windowMs 2000, hopMs 250 gives 1 + floor((len − 200)/25) windows.
 */
import type { MotionRow } from '../sensors/types';

/** Rows in one window: round(windowMs · hz / 1000) (at least 1). */
export const samplesFor = (ms: number, hz: number): number => Math.max(1, Math.round((ms * hz) / 1000));

/** The three axes of `rows` as separate arrays [x[], y[], z[]], each of length rows.length. */
export function recordingAxes(rows: readonly MotionRow[]): [Float64Array, Float64Array, Float64Array] {
  const n = rows.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    x[i] = r[1];
    y[i] = r[2];
    z[i] = r[3];
  }
  return [x, y, z];
}

/** Start rows of every whole window: 0, h, 2h, … while start + n ≤ length. */
export function windowStarts(length: number, hz: number, windowMs: number, hopMs: number): number[] {
  if (!(hz > 0) || !(windowMs > 0) || !(hopMs > 0)) throw new RangeError('hz, windowMs and hopMs must be > 0');
  const n = samplesFor(windowMs, hz);
  const h = samplesFor(hopMs, hz);
  const out: number[] = [];
  for (let s = 0; s + n <= length; s += h) out.push(s);
  return out;
}

/** The windows themselves (row arrays sliced from `rows`; the rows are not copied). */
export function slidingWindows(rows: readonly MotionRow[], hz: number, windowMs: number, hopMs: number): MotionRow[][] {
  const n = samplesFor(windowMs, hz);
  return windowStarts(rows.length, hz, windowMs, hopMs).map((s) => rows.slice(s, s + n));
}
