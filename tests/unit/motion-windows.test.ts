// windows.ts: axes split, window starts and slices at the lesson's settings.
import { describe, expect, it } from 'vitest';
import type { MotionRow } from '../../widgets/lib/sensors/types';
import { recordingAxes, samplesFor, slidingWindows, windowStarts } from '../../widgets/lib/motion/windows';

const rows = (n: number, hz = 100): MotionRow[] => Array.from({ length: n }, (_, i) => [(i * 1000) / hz, i, -i, 9.8 + i / 10]);

describe('recordingAxes', () => {
  it('splits rows into x, y, z of the same length', () => {
    const [x, y, z] = recordingAxes(rows(5));
    expect([...x]).toEqual([0, 1, 2, 3, 4]);
    expect([...y]).toEqual([-0, -1, -2, -3, -4]);
    expect(z[4]).toBeCloseTo(10.2, 12);
    expect(recordingAxes([]).map((a) => a.length)).toEqual([0, 0, 0]);
  });
});

describe('windows', () => {
  it('samplesFor rounds ms·hz/1000', () => {
    expect(samplesFor(2000, 100)).toBe(200);
    expect(samplesFor(250, 100)).toBe(25);
    expect(samplesFor(2000, 62.5)).toBe(125);
    expect(samplesFor(1, 50)).toBe(1);
  });
  it('a 2 s recording at 2 s / 2 s is exactly one window; 10 s is five, without overlap', () => {
    expect(windowStarts(200, 100, 2000, 2000)).toEqual([0]);
    expect(windowStarts(199, 100, 2000, 2000)).toEqual([]);
    expect(windowStarts(1000, 100, 2000, 2000)).toEqual([0, 200, 400, 600, 800]);
    expect(windowStarts(1099, 100, 2000, 2000)).toHaveLength(5);
  });
  it('a 250 ms hop at 100 Hz gives 1 + floor((len − 200) / 25) windows, 25 rows apart', () => {
    const s = windowStarts(400, 100, 2000, 250);
    expect(s).toHaveLength(1 + Math.floor((400 - 200) / 25));
    expect(s.slice(0, 3)).toEqual([0, 25, 50]);
    const w = slidingWindows(rows(400), 100, 2000, 250);
    expect(w).toHaveLength(s.length);
    expect(w.every((x) => x.length === 200)).toBe(true);
    expect(w[1]![0]).toEqual(rows(400)[25]);
    expect(w[w.length - 1]![199]).toEqual(rows(400)[399]);
  });
  it('rejects non-positive settings', () => {
    expect(() => windowStarts(10, 0, 2000, 250)).toThrow(RangeError);
    expect(() => windowStarts(10, 100, 2000, 0)).toThrow(RangeError);
  });
});
