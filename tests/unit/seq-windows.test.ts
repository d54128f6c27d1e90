// Lesson 14, windows and split (widgets/lib/seq/windows.ts): shapes, stride, horizon, no value of
// the future in the inputs, a train/test split in time order and a scaler fitted on train only.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  cutIndex, fitScaler, gatherScaled, makeWindows, rowCount, rowPart, splitRows, TEST_FRACTION, type WindowSpec,
} from '../../widgets/lib/seq/windows';

const ramp = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

describe('makeWindows', () => {
  it('builds the rows of the lesson: inputs x_start … x_end, target x_{end+h}', () => {
    const w = makeWindows(ramp(10), { length: 3, stride: 1, horizon: 1 });
    expect(w.rows).toBe(7);
    expect(w.X.length).toBe(7 * 3);
    expect(Array.from(w.X.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(w.y[0]).toBe(3);
    expect(Array.from(w.X.subarray(18, 21))).toEqual([6, 7, 8]);
    expect(w.y[6]).toBe(9);
  });

  it('counts rows as ⌊(n − L − h)/s⌋ + 1 and returns none when nothing fits', () => {
    for (const [n, L, s, h] of [[10, 3, 1, 1], [100, 24, 5, 3], [50, 7, 7, 7], [9, 4, 2, 2], [25, 24, 1, 1]] as const) {
      const spec = { length: L, stride: s, horizon: h };
      const expected = Math.floor((n - L - h) / s) + 1;
      expect(rowCount(n, spec)).toBe(expected);
      expect(makeWindows(ramp(n), spec).rows).toBe(expected);
    }
    expect(rowCount(5, { length: 5, stride: 1, horizon: 1 })).toBe(0);
    expect(makeWindows(ramp(3), { length: 5, stride: 1, horizon: 1 }).rows).toBe(0);
  });

  it('moves each row by the stride and puts the target h steps after the last input', () => {
    const spec: WindowSpec = { length: 5, stride: 3, horizon: 4 };
    const x = ramp(60);
    const w = makeWindows(x, spec);
    for (let k = 0; k < w.rows; k++) {
      expect(w.starts[k]).toBe(3 * k);
      expect(w.targets[k]).toBe(3 * k + 5 - 1 + 4);
      expect(w.y[k]).toBe(x[w.targets[k]!]);
      for (let j = 0; j < 5; j++) expect(w.X[k * 5 + j]).toBe(x[w.starts[k]! + j]);
    }
    // The last row's target is the last value that still fits.
    expect(w.targets[w.rows - 1]).toBeLessThanOrEqual(59);
    expect(w.targets[w.rows - 1]! + 3).toBeGreaterThan(59);
  });

  it('never lets the future into the inputs: changing x_τ and later leaves the row inputs as they were', () => {
    const rng = createRng(3);
    const x = Float64Array.from({ length: 80 }, () => rng.normal());
    const spec = { length: 6, stride: 2, horizon: 3 };
    const w = makeWindows(x, spec);
    for (let k = 0; k < w.rows; k++) {
      const tau = w.targets[k]!;
      const changed = x.slice();
      for (let i = tau; i < changed.length; i++) changed[i] = 1000 + i;
      const w2 = makeWindows(changed, spec);
      expect(Array.from(w2.X.subarray(k * 6, k * 6 + 6))).toEqual(Array.from(w.X.subarray(k * 6, k * 6 + 6)));
      // Every input index is at most τ − h.
      expect(w.starts[k]! + spec.length - 1).toBe(tau - spec.horizon);
    }
  });

  it('rejects lengths, strides or horizons that are not integers ≥ 1', () => {
    for (const bad of [{ length: 0, stride: 1, horizon: 1 }, { length: 3, stride: 0, horizon: 1 }, { length: 3, stride: 1, horizon: 0 }, { length: 2.5, stride: 1, horizon: 1 }]) {
      expect(() => makeWindows(ramp(10), bad)).toThrow(RangeError);
    }
  });
});

describe('split in time order', () => {
  it('cuts at round(n·(1 − 0,25)) by default', () => {
    expect(TEST_FRACTION).toBe(0.25);
    expect(cutIndex(480)).toBe(360);
    expect(cutIndex(1095)).toBe(821);
    expect(cutIndex(10, 0.5)).toBe(5);
  });

  it('puts every training row before every test row and drops the rows that straddle the cut', () => {
    const spec = { length: 8, stride: 1, horizon: 2 };
    const w = makeWindows(ramp(100), spec);
    const cut = cutIndex(100);
    const parts = splitRows(w, cut);
    expect(parts.train.length + parts.test.length + parts.gap.length).toBe(w.rows);
    const maxTrainTarget = Math.max(...parts.train.map((k) => w.targets[k]!));
    const minTestStart = Math.min(...parts.test.map((k) => w.starts[k]!));
    expect(maxTrainTarget).toBeLessThan(cut);
    expect(minTestStart).toBeGreaterThanOrEqual(cut);
    expect(maxTrainTarget).toBeLessThan(minTestStart);
    for (const k of parts.gap) {
      expect(w.starts[k]).toBeLessThan(cut);
      expect(w.targets[k]).toBeGreaterThanOrEqual(cut);
    }
    // With stride 1, exactly L + h − 1 rows straddle the cut.
    expect(parts.gap.length).toBe(spec.length + spec.horizon - 1);
    // Rows keep time order inside each part.
    expect(parts.train).toEqual([...parts.train].sort((a, b) => a - b));
    expect(rowPart(0, 74, 75)).toBe('train');
    expect(rowPart(75, 90, 75)).toBe('test');
    expect(rowPart(70, 80, 75)).toBe('gap');
  });

  it('fits the scaler on the training part only and standardizes with it', () => {
    const rng = createRng(9);
    const x = Float64Array.from({ length: 40 }, () => rng.normal(5, 2));
    const cut = 30;
    const sc = fitScaler(x, cut);
    const head = Array.from(x.subarray(0, cut));
    const mean = head.reduce((a, b) => a + b, 0) / cut;
    const std = Math.sqrt(head.reduce((a, b) => a + (b - mean) ** 2, 0) / cut);
    expect(sc.mean).toBeCloseTo(mean, 12);
    expect(sc.std).toBeCloseTo(std, 12);
    const later = x.slice();
    for (let i = cut; i < later.length; i++) later[i] = 1e6;
    expect(fitScaler(later, cut)).toEqual(sc);
    expect(fitScaler(new Float64Array(5).fill(2), 5)).toEqual({ mean: 2, std: 1 });
    const w = makeWindows(x, { length: 4, stride: 1, horizon: 1 });
    const g = gatherScaled(w, [0, 3], sc);
    expect(g.X.length).toBe(8);
    expect(g.X[5]).toBeCloseTo((x[4]! - sc.mean) / sc.std, 5);
    expect(g.y[1]).toBeCloseTo((x[7]! - sc.mean) / sc.std, 5);
  });
});
