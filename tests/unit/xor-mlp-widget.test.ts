/**
 * Core of the XOR network widget: the default run solves XOR, slices respect their epoch and
 * time budgets, stalls are detected (and only after enough epochs), the messages name what to
 * change, and the output → colour mapping of the decision surface.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_EPOCHS, STALL_MIN_EPOCHS, SURFACE_STRENGTH, TARGET_LOSS, XOR_D, XorRun, detectStall, niceEpochMax,
  paintSurface, parseColor, statusText, surfaceColor, type Rgb,
} from '../../widgets/xor-mlp/core';

/** Runs until the status is no longer 'running', in slices of 50 epochs. */
const finish = (run: XorRun): void => {
  let guard = 0;
  while (run.advance(50, 1e9) === 'running' && guard++ < 1e5);
};

describe('XorRun', () => {
  it('solves XOR with the defaults (2-2-1 and 2-4-1, tanh, α = 1, seed 1)', () => {
    for (const hidden of [2, 4]) {
      const run = new XorRun(hidden, 'tanh', 1, 1);
      finish(run);
      expect(run.status, `2-${hidden}-1`).toBe('solved');
      expect(run.history[run.history.length - 1]).toBeLessThan(TARGET_LOSS);
      const o = run.outputs();
      expect(o.right).toEqual([true, true, true, true]);
      // Independent check of the outputs against the targets: MSE of the four outputs.
      const mse = o.y.reduce((s, y, p) => s + (y - XOR_D[p]!) ** 2, 0) / 4;
      expect(mse).toBeLessThan(TARGET_LOSS);
      expect(mse).toBeCloseTo(run.loss(), 6);
      expect(statusText(run)).toContain('Resuelto');
    }
  });

  it('the loss goes down over the first epochs of the default run', () => {
    const run = new XorRun(2, 'tanh', 1, 1);
    run.advance(100, 1e9);
    expect(run.epoch).toBe(100);
    expect(run.history[99]).toBeLessThan(run.history[0]!);
  });

  it('a slice stops at its epoch count, or when the (injected) clock passes the budget', () => {
    const run = new XorRun(4, 'sigmoid', 1, 1);
    run.advance(7, 1e9);
    expect(run.epoch).toBe(7);
    let t = 0;
    const clock = (): number => (t += 1); // 1 ms per call: start at 1, end = 1 + 5
    run.advance(1000, 5, clock);
    expect(run.epoch).toBeGreaterThan(7);
    expect(run.epoch).toBeLessThan(7 + 10);
  });

  it('the same settings reproduce the run exactly; α can change between slices', () => {
    const a = new XorRun(3, 'relu', 0.5, 7);
    const b = new XorRun(3, 'relu', 0.5, 7);
    a.advance(40, 1e9);
    b.advance(40, 1e9);
    expect(a.net.getWeights()).toEqual(b.net.getWeights());
    b.lr = 2;
    expect(b.trainer.optimizer.lr).toBe(2);
  });

  it('2-2-1 tanh with seed 3 gets stuck in a local minimum: stalled, explained, resumable', () => {
    const run = new XorRun(2, 'tanh', 1, 3);
    finish(run);
    expect(run.status).toBe('stalled');
    expect(run.epoch).toBeGreaterThanOrEqual(STALL_MIN_EPOCHS);
    const text = statusText(run);
    expect(text).toContain('Atascada');
    expect(text).toContain('mínimo local');
    expect(text).toContain('otra semilla');
    expect(text).toContain('más neuronas ocultas');
    const at = run.epoch;
    run.resume();
    expect(run.status).toBe('running');
    run.advance(STALL_MIN_EPOCHS - 1, 1e9);
    expect(run.status).toBe('running'); // the stall test restarted from `at`
    expect(run.epoch).toBe(at + STALL_MIN_EPOCHS - 1);
  });

  it('dead ReLU units are counted and named in the explanation', () => {
    const run = new XorRun(2, 'relu', 10, 1);
    finish(run);
    expect(run.status).toBe('stalled');
    const o = run.outputs();
    expect(o.dead).toBeGreaterThan(0);
    // Independent check: a dead unit has w·x + b ≤ 0 at the four rows.
    const L = run.net.layers[0]!;
    let dead = 0;
    for (let j = 0; j < 2; j++) {
      const nets = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([x1, x2]) => L.W[2 * j]! * x1! + L.W[2 * j + 1]! * x2! + L.b[j]!);
      if (nets.every((v) => v <= 0)) dead++;
    }
    expect(o.dead).toBe(dead);
    const text = statusText(run);
    expect(text).toContain('muertas');
    expect(text).toContain('tanh en lugar de ReLU');
    expect(text).toContain('α menor');
  });

  it('the epoch limit is large and named', () => {
    expect(MAX_EPOCHS).toBeGreaterThanOrEqual(10 * STALL_MIN_EPOCHS);
  });
});

describe('detectStall', () => {
  const flat = (n: number, v = 0.125): number[] => Array.from({ length: n }, () => v);
  it('needs STALL_MIN_EPOCHS epochs after `since`', () => {
    expect(detectStall(flat(STALL_MIN_EPOCHS - 1))).toBeNull();
    expect(detectStall(flat(STALL_MIN_EPOCHS))).toEqual({ from: STALL_MIN_EPOCHS / 2, to: STALL_MIN_EPOCHS, lossFrom: 0.125, lossTo: 0.125 });
    expect(detectStall(flat(STALL_MIN_EPOCHS + 10), 11)).toBeNull();
  });
  it('a loss that still falls by 1 % or more over the second half is not a stall', () => {
    const falling = Array.from({ length: 3000 }, (_, k) => 0.2 * (1 - 0.011 * (k / 2999)));
    expect(detectStall(falling.map((v, k) => (k < 1500 ? 0.2 : v)))).toBeNull();
    const slow = Array.from({ length: 3000 }, (_, k) => 0.2 - 1e-7 * k);
    expect(detectStall(slow)).not.toBeNull();
  });
});

describe('surface colours', () => {
  const zero: Rgb = [200, 0, 0];
  const one: Rgb = [0, 0, 200];
  const bg: Rgb = [255, 255, 255];
  it('parses the theme colours', () => {
    expect(parseColor('#0f766e')).toEqual([15, 118, 110]);
    expect(parseColor(' #fff ')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('tomato')).toEqual([136, 136, 136]);
  });
  it('is the background at ½ and the strongest tint at 0 and 1, linear in between', () => {
    expect(surfaceColor(0.5, zero, one, bg)).toEqual(bg);
    const s = SURFACE_STRENGTH;
    expect(surfaceColor(1, zero, one, bg)).toEqual([Math.round(255 - 255 * s), Math.round(255 - 255 * s), Math.round(255 - 55 * s)]);
    expect(surfaceColor(0, zero, one, bg)).toEqual([Math.round(255 - 55 * s), Math.round(255 - 255 * s), Math.round(255 - 255 * s)]);
    expect(surfaceColor(0.75, zero, one, bg)).toEqual([Math.round(255 - 255 * s / 2), Math.round(255 - 255 * s / 2), Math.round(255 - 55 * s / 2)]);
    expect(surfaceColor(7, zero, one, bg)).toEqual(surfaceColor(1, zero, one, bg));
    expect(surfaceColor(Number.NaN, zero, one, bg)).toEqual(bg);
  });
  it('paints an RGBA image cell by cell, opaque', () => {
    const rgba = new Uint8ClampedArray(3 * 4);
    paintSurface([0, 0.5, 1], rgba, zero, one, bg);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([255, 255, 255, 255]);
    expect(Array.from(rgba.subarray(0, 4))).toEqual([...surfaceColor(0, zero, one, bg), 255]);
    expect(Array.from(rgba.subarray(8, 12))).toEqual([...surfaceColor(1, zero, one, bg), 255]);
    expect(() => paintSurface([0], new Uint8ClampedArray(3), zero, one, bg)).toThrow(RangeError);
  });
});

describe('niceEpochMax', () => {
  it('steps 100, 200, 500, 1000, … and covers the epochs', () => {
    expect([0, 1, 100, 101, 230, 501, 1048, 19_999, 20_000].map(niceEpochMax)).toEqual([100, 100, 100, 200, 500, 1000, 2000, 20_000, 20_000]);
  });
});
