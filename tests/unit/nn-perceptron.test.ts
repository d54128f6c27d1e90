/**
 * The perceptron rule on truth tables: converges on AND, OR, NAND in a known number of epochs for
 * seed 1 (α = 0.1), never on XOR, and every step's numbers are consistent with the rule.
 */
import { describe, expect, it } from 'vitest';
import { Perceptron, TRUTH_TABLES, decisionLine, perceptronStep } from '../../widgets/lib/nn/perceptron';

describe('truth tables', () => {
  it('AND, OR, NAND, XOR with 0/1 inputs in the order 00, 01, 10, 11', () => {
    const d = (g: keyof typeof TRUTH_TABLES): number[] => TRUTH_TABLES[g].rows.map((r) => r.d);
    expect(TRUTH_TABLES.AND.rows.map((r) => r.x)).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(d('AND')).toEqual([0, 0, 0, 1]);
    expect(d('OR')).toEqual([0, 1, 1, 1]);
    expect(d('NAND')).toEqual([1, 1, 1, 0]);
    expect(d('XOR')).toEqual([0, 1, 1, 0]);
  });
});

describe('Perceptron (seed 1, α = 0.1)', () => {
  // Epochs completed when the first error-free epoch ends (that clean epoch included).
  const expected = { AND: 11, OR: 8, NAND: 7 } as const;
  for (const [gate, epochs] of Object.entries(expected) as [keyof typeof expected, number][]) {
    it(`converges on ${gate} after exactly ${epochs} epochs and then classifies all four rows`, () => {
      const p = new Perceptron(TRUTH_TABLES[gate], { seed: 1, alpha: 0.1 });
      const r = p.train(100);
      expect(r).toEqual({ converged: true, epochs });
      expect(p.convergedAt).toBe(epochs);
      expect(p.errorsPerEpoch[epochs - 1]).toBe(0);
      expect(p.errorsPerEpoch.slice(0, -1).every((e) => e > 0)).toBe(true);
      expect(p.mistakes()).toBe(0);
    });
  }

  it('never converges on XOR: 1000 epochs, every one with at least one error', () => {
    const p = new Perceptron(TRUTH_TABLES.XOR, { seed: 1, alpha: 0.1 });
    expect(p.train(1000)).toEqual({ converged: false, epochs: 1000 });
    expect(p.errorsPerEpoch).toHaveLength(1000);
    expect(Math.min(...p.errorsPerEpoch)).toBeGreaterThanOrEqual(1);
    expect(p.mistakes()).toBeGreaterThanOrEqual(1);
  });

  it('XOR fails for other seeds and rates too (no line separates it)', () => {
    for (const seed of [2, 3, 4, 5]) for (const alpha of [0.05, 0.5, 1]) {
      expect(new Perceptron(TRUTH_TABLES.XOR, { seed, alpha }).train(300).converged).toBe(false);
    }
  });

  it('each step follows e = d − y, Δw = α e x, Δb = α e, y = step(net), net = w·x + b', () => {
    const p = new Perceptron(TRUTH_TABLES.AND, { initial: { w: [0.2, -0.4], b: 0 }, alpha: 0.25 });
    const s0 = p.step(); // x = (0,0): net = 0 → y = 1 (fires at the threshold), d = 0
    expect(s0).toMatchObject({ epoch: 0, index: 0, x: [0, 0], d: 0, net: 0, y: 1, error: -1, dw: [0, 0], db: -0.25, w: [0.2, -0.4], b: -0.25 });
    expect(p.threshold).toBe(0.25);
    for (let k = 0; k < 40; k++) {
      const s = p.step();
      const net = s.wBefore[0]! * s.x[0]! + s.wBefore[1]! * s.x[1]! + s.bBefore;
      expect(s.net).toBeCloseTo(net, 12);
      expect(s.y).toBe(perceptronStep(net));
      expect(s.error).toBe(s.d - s.y);
      expect(s.dw).toEqual(s.x.map((xi) => 0.25 * s.error * xi + 0));
      expect(s.w).toEqual(s.wBefore.map((w, i) => w + s.dw[i]!));
      expect(s.b).toBe(s.bBefore + s.db);
      expect(s.endOfEpoch).toBe(s.index === 3);
    }
  });

  it('runEpoch finishes the current epoch; the same seed reproduces every weight', () => {
    const a = new Perceptron(TRUTH_TABLES.OR, { seed: 8 });
    a.step();
    expect(a.runEpoch()).toHaveLength(3);
    expect(a.epoch).toBe(1);
    const b = new Perceptron(TRUTH_TABLES.OR, { seed: 8 });
    b.runEpoch();
    expect(b.w).toEqual(a.w);
    expect(b.b).toBe(a.b);
  });
});

describe('decisionLine', () => {
  it('clips w1 x1 + w2 x2 + b = 0 to the square', () => {
    // x1 + x2 − 1.5 = 0 in [−0.5, 1.5]²: from (0, 1.5) to (1.5, 0)
    const line = decisionLine([1, 1], -1.5)!;
    const sorted = [...line].sort((p, q) => p[0] - q[0]);
    expect(sorted[0]![0]).toBeCloseTo(0, 12);
    expect(sorted[0]![1]).toBeCloseTo(1.5, 12);
    expect(sorted[1]![0]).toBeCloseTo(1.5, 12);
    expect(sorted[1]![1]).toBeCloseTo(0, 12);
    expect(decisionLine([0, 1], -0.5)).toEqual([[-0.5, 0.5], [1.5, 0.5]]);
    expect(decisionLine([0, 0], 1)).toBeNull();
    expect(decisionLine([1, 0], -5)).toBeNull();
  });
});
