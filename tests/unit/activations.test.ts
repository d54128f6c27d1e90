import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS, ACTIVATION_NAMES, nearKink, sampleSegments, type ActivationName,
} from '../../widgets/lib/nn/activations';

const f = (name: ActivationName, z: number): number => ACTIVATIONS[name].f(z);

describe('activation values at known points', () => {
  it('lists the eight functions of the table, in order', () => {
    expect(ACTIVATION_NAMES).toEqual(['step', 'sign', 'linear', 'piecewise', 'sigmoid', 'tanh', 'relu', 'softplus']);
    for (const n of ACTIVATION_NAMES) expect(ACTIVATIONS[n].name).toBe(n);
  });
  it('step (Heaviside) is 0, ½, 1', () => {
    expect(f('step', -2)).toBe(0);
    expect(f('step', 0)).toBe(0.5);
    expect(f('step', -0)).toBe(0.5);
    expect(f('step', 1e-12)).toBe(1);
  });
  it('sign is −1, 0, +1 (and never −0)', () => {
    expect(f('sign', -3)).toBe(-1);
    expect(Object.is(f('sign', -0), 0)).toBe(true);
    expect(f('sign', 0)).toBe(0);
    expect(f('sign', 0.1)).toBe(1);
  });
  it('linear is the identity', () => {
    for (const z of [-4.2, 0, 1.5]) expect(f('linear', z)).toBe(z);
  });
  it('piecewise linear at ±0.25, ±0.5 and ±1', () => {
    expect(f('piecewise', 0.25)).toBeCloseTo(0.75, 15);
    expect(f('piecewise', -0.25)).toBeCloseTo(0.25, 15);
    expect(f('piecewise', 0.5)).toBe(1);
    expect(f('piecewise', -0.5)).toBe(0);
    expect(f('piecewise', 1)).toBe(1);
    expect(f('piecewise', -1)).toBe(0);
    expect(f('piecewise', 0)).toBe(0.5);
  });
  it('logistic: σ(0) = ½, σ(2) = 1/(1 + e^−2), symmetric σ(−z) = 1 − σ(z)', () => {
    expect(f('sigmoid', 0)).toBe(0.5);
    expect(f('sigmoid', 2)).toBeCloseTo(0.8807970779778823, 14);
    expect(f('sigmoid', -2)).toBeCloseTo(0.11920292202211755, 14);
    for (const z of [0.3, 1.7, 6]) expect(f('sigmoid', -z)).toBeCloseTo(1 - f('sigmoid', z), 14);
  });
  it('tanh matches (e^z − e^−z)/(e^z + e^−z)', () => {
    expect(f('tanh', 0)).toBe(0);
    expect(f('tanh', 1)).toBeCloseTo(0.7615941559557649, 14);
    for (const z of [-2.5, -0.4, 0.9, 3]) {
      expect(f('tanh', z)).toBeCloseTo((Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z)), 14);
    }
  });
  it('ReLU is max(0, z)', () => {
    expect(f('relu', -2)).toBe(0);
    expect(f('relu', 0)).toBe(0);
    expect(f('relu', 2.5)).toBe(2.5);
  });
  it('softplus: ln 2 at 0, ln(1 + e) at 1, ≈ z for large z', () => {
    expect(f('softplus', 0)).toBeCloseTo(Math.LN2, 15);
    expect(f('softplus', 1)).toBeCloseTo(1.3132616875182228, 14);
    expect(f('softplus', -1)).toBeCloseTo(0.31326168751822286, 14);
    expect(f('softplus', 40)).toBeCloseTo(40, 12);
  });
});

describe('derivatives against central finite differences', () => {
  const h = 1e-5;
  const grid: number[] = [];
  for (let k = -80; k <= 80; k++) grid.push(k / 20); // −4 … 4, step 0.05
  grid.push(0.002, -0.002, 0.498, 0.502, -0.498, -0.502, 3.33, -2.71);
  const away = (z: number): boolean => Math.abs(z) > 1e-3 && Math.abs(z - 0.5) > 1e-3 && Math.abs(z + 0.5) > 1e-3;
  for (const name of ACTIVATION_NAMES) {
    it(`${name}: |φ'(z) − (φ(z+h) − φ(z−h))/2h| < 1e-6`, () => {
      const a = ACTIVATIONS[name];
      let checked = 0;
      for (const z of grid.filter(away)) {
        const numeric = (a.f(z + h) - a.f(z - h)) / (2 * h);
        expect(Math.abs(a.df(z) - numeric), `z = ${z}`).toBeLessThan(1e-6);
        checked++;
      }
      expect(checked).toBeGreaterThan(150);
    });
  }
  it('sigmoid′ peaks at ¼ and tanh′ at 1, both at z = 0', () => {
    expect(ACTIVATIONS.sigmoid.df(0)).toBe(0.25);
    expect(ACTIVATIONS.tanh.df(0)).toBe(1);
  });
  it('non-differentiable points are listed and use derivative 0 there', () => {
    expect(ACTIVATIONS.step.kinks).toEqual([0]);
    expect(ACTIVATIONS.relu.kinks).toEqual([0]);
    expect(ACTIVATIONS.piecewise.kinks).toEqual([-0.5, 0.5]);
    for (const n of ACTIVATION_NAMES) {
      const a = ACTIVATIONS[n];
      for (const k of a.kinks) expect(a.df(k)).toBe(0);
      expect(a.jumps.every((j) => a.kinks.includes(j))).toBe(true);
    }
    expect(nearKink(ACTIVATIONS.relu, 0)).toBe(true);
    expect(nearKink(ACTIVATIONS.relu, 0.01)).toBe(false);
    expect(nearKink(ACTIVATIONS.sigmoid, 0)).toBe(false);
  });
});

describe('numerical stability', () => {
  it('sigmoid and softplus (and their derivatives) are finite at z = ±1000', () => {
    for (const name of ['sigmoid', 'softplus', 'tanh'] as const) {
      for (const z of [-1000, 1000, -745, 745, 710]) {
        const a = ACTIVATIONS[name];
        expect(Number.isFinite(a.f(z)), `${name}(${z})`).toBe(true);
        expect(Number.isFinite(a.df(z)), `${name}'(${z})`).toBe(true);
      }
    }
    expect(ACTIVATIONS.sigmoid.f(1000)).toBe(1);
    expect(ACTIVATIONS.sigmoid.f(-1000)).toBe(0);
    expect(ACTIVATIONS.softplus.f(1000)).toBe(1000);
    expect(ACTIVATIONS.softplus.f(-1000)).toBe(0);
    expect(ACTIVATIONS.softplus.f(-30)).toBeCloseTo(Math.exp(-30), 25);
  });
});

describe('sampleSegments (plot polylines)', () => {
  it('breaks the step at its jump and never draws the value at 0', () => {
    const segs = sampleSegments(ACTIVATIONS.step, -5, 5, 101);
    expect(segs).toHaveLength(2);
    expect(segs[0]!.every(([, v]) => v === 0)).toBe(true);
    expect(segs[1]!.every(([, v]) => v === 1)).toBe(true);
    expect(segs[0]!.at(-1)![0]).toBeLessThan(0);
    expect(segs[0]!.at(-1)![0]).toBeGreaterThan(-1e-6);
  });
  it('breaks derivatives at corners; smooth functions give one segment', () => {
    expect(sampleSegments(ACTIVATIONS.relu, -5, 5, 50, 'df')).toHaveLength(2);
    expect(sampleSegments(ACTIVATIONS.piecewise, -5, 5, 50, 'df')).toHaveLength(3);
    expect(sampleSegments(ACTIVATIONS.piecewise, -5, 5, 50, 'f')).toHaveLength(1);
    const s = sampleSegments(ACTIVATIONS.sigmoid, -5, 5, 11);
    expect(s).toHaveLength(1);
    expect(s[0]!.map(([z]) => z)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
  });
  it('rejects an empty interval', () => {
    expect(() => sampleSegments(ACTIVATIONS.relu, 1, 1, 10)).toThrow(RangeError);
  });
});

describe('activation gallery table', () => {
  it('lists φ and φ′ at z for all eight, flagging points without derivative', async () => {
    const { tableAt, yExtent } = await import('../../widgets/activation-gallery/core');
    const at0 = tableAt(0);
    expect(at0.map((r) => r.name)).toEqual(ACTIVATION_NAMES);
    const row = (n: ActivationName) => at0.find((r) => r.name === n)!;
    expect(row('sigmoid')).toEqual({ name: 'sigmoid', value: 0.5, slope: 0.25, differentiable: true });
    expect(row('softplus').value).toBeCloseTo(Math.LN2, 15);
    expect(row('softplus').slope).toBe(0.5);
    expect(row('step')).toMatchObject({ value: 0.5, differentiable: false });
    expect(row('relu')).toMatchObject({ value: 0, slope: 0, differentiable: false });
    expect(row('piecewise')).toMatchObject({ value: 0.5, slope: 1, differentiable: true });
    expect(tableAt(0.5).find((r) => r.name === 'piecewise')!.differentiable).toBe(false);
    // The chart range holds every plotted value.
    const [lo, hi] = yExtent('linear', true);
    expect(lo).toBeLessThan(-5);
    expect(hi).toBeGreaterThan(5);
    const [slo, shi] = yExtent('sigmoid', false);
    expect(slo).toBeLessThan(0);
    expect(shi).toBeGreaterThan(1);
  });
});
