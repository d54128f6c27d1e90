/**
 * Core of the perceptron trainer widget: step sequencing, stop reasons (convergence, XOR),
 * the cycle detector, the update texts and the half-plane geometry. References are written
 * independently here (the rule by hand, areas by geometry).
 */
import { describe, expect, it } from 'vitest';
import {
  HI, LO, MAX_EPOCHS, Session, XOR_EPOCHS, area, findCycle, halfPlane, statusText, stepText,
  type PerceptronStep,
} from '../../widgets/perceptron/core';

describe('Session: step sequencing', () => {
  it('one epoch is four steps from the start, the rest of the epoch otherwise', () => {
    const s = new Session('OR', 0.1, 3);
    expect(s.epoch()).toHaveLength(4);
    expect(s.p.epoch).toBe(1);
    s.step();
    expect(s.epoch()).toHaveLength(3);
    expect(s.p.epoch).toBe(2);
    expect(s.ends.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('follows the rule computed by hand, sample after sample, in table order', () => {
    const alpha = 0.3;
    const s = new Session('NAND', alpha, 17);
    let w = [...s.initial.w];
    let b = s.initial.b;
    const rows = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 0]] as const;
    for (let k = 0; k < 30; k++) {
      const [x1, x2, d] = rows[k % 4]!;
      const net = w[0]! * x1 + w[1]! * x2 + b;
      const y = net >= 0 ? 1 : 0;
      const e = d - y;
      w = [w[0]! + alpha * e * x1, w[1]! + alpha * e * x2];
      b += alpha * e;
      const st = s.step();
      expect(st.index).toBe(k % 4);
      expect(st.net).toBeCloseTo(net, 12);
      expect(st.y).toBe(y);
      expect(st.w[0]).toBeCloseTo(w[0]!, 12);
      expect(st.w[1]).toBeCloseTo(w[1]!, 12);
      expect(st.b).toBeCloseTo(b, 12);
    }
  });

  it('the same table, α and seed reproduce the same initial weights; the seed changes them', () => {
    expect(new Session('AND', 0.1, 5).initial).toEqual(new Session('XOR', 0.7, 5).initial);
    expect(new Session('AND', 0.1, 5).initial).not.toEqual(new Session('AND', 0.1, 6).initial);
  });
});

describe('Session: why it stops', () => {
  it('AND (seed 1, α = 0,1) converges after 11 epochs and says so', () => {
    const s = new Session('AND', 0.1, 1);
    while (s.active) s.step();
    expect(s.status).toBe('converged');
    expect(s.p.epoch).toBe(11);
    expect(s.outputs().every((o) => o.ok)).toBe(true);
    expect(statusText(s)).toContain('Ha convergido');
    expect(statusText(s)).toContain('época 11');
  });

  it('OR and NAND converge too, for several seeds and rates', () => {
    for (const gate of ['AND', 'OR', 'NAND'] as const) for (const seed of [1, 2, 9]) for (const a of [0.05, 0.5, 1]) {
      const s = new Session(gate, a, seed);
      while (s.active) s.epoch();
      expect(s.status, `${gate} seed ${seed} α ${a}`).toBe('converged');
    }
  });

  it(`XOR stops after ${XOR_EPOCHS} epochs with the explanation, errors in every epoch`, () => {
    const s = new Session('XOR', 0.1, 1);
    while (s.active) s.epoch();
    expect(s.status).toBe('no-line');
    expect(s.p.epoch).toBe(XOR_EPOCHS);
    expect(s.ends.every((e) => e.errors > 0)).toBe(true);
    const text = statusText(s);
    expect(text).toContain('ninguna recta');
    expect(text).toContain('capa oculta');
    // Seed 1, α = 0.1: the end-of-epoch weights of epoch 8 repeat those of epoch 7.
    expect(s.cycle).toEqual({ from: 7, to: 8 });
    expect(text).toContain('época 8 son exactamente los de la época 7');
  });

  it('a student may keep stepping after the stop; the status stays', () => {
    const s = new Session('XOR', 0.5, 4);
    while (s.active) s.epoch();
    s.epoch();
    expect(s.status).toBe('no-line');
    expect(s.p.epoch).toBe(XOR_EPOCHS + 1);
  });

  it('a tiny α on a separable table hits the safety limit with advice, not an endless run', () => {
    expect(MAX_EPOCHS).toBeGreaterThan(XOR_EPOCHS);
    const s = new Session('AND', 0.01, 1);
    while (s.active) s.epoch();
    expect(['converged', 'limit']).toContain(s.status);
    expect(statusText(s).length).toBeGreaterThan(20);
  });
});

describe('findCycle', () => {
  const end = (epoch: number, w: number[], b: number) => ({ epoch, w, b, errors: 1 });
  it('finds the most recent repeat of the last weights, within tolerance', () => {
    expect(findCycle([])).toBeNull();
    expect(findCycle([end(1, [0, 1], 0), end(2, [0.1, 1], 0)])).toBeNull();
    expect(findCycle([end(1, [0, 1], 0), end(2, [0.1, 1], 0), end(3, [0, 1 + 1e-12], 0)])).toEqual({ from: 1, to: 3 });
    expect(findCycle([end(1, [0, 1], 0), end(2, [0, 1], 0.2)])).toBeNull();
  });
});

describe('stepText', () => {
  // x = (1, 0), d = 1, w = (0,2; −0,4), b = −0,3 → net = −0,1, y = 0, e = 1, α = 0,1.
  const s: PerceptronStep = {
    epoch: 0, index: 2, x: [1, 0], d: 1, net: -0.1, y: 0, error: 1, dw: [0.1, 0], db: 0.1,
    wBefore: [0.2, -0.4], bBefore: -0.3, w: [0.3, -0.4], b: -0.2, endOfEpoch: false,
  };
  it('shows the formula with the numbers the rule used', () => {
    const t = stepText(s, 0.1);
    expect(t.sample).toBe('Ejemplo 3 de 4: x₁ = 1, x₂ = 0, salida deseada d = 1');
    expect(t.net).toBe('net = w₁·x₁ + w₂·x₂ + b = 0,2·1 + (−0,4)·0 − 0,3 = −0,1');
    expect(t.output).toBe('y = escalón(net) = 0, porque net < 0');
    expect(t.error).toBe('e = d − y = 1 − 0 = 1');
    expect(t.update).toEqual([
      'Δw₁ = α·e·x₁ = 0,1·1·1 = 0,1',
      'Δw₂ = α·e·x₂ = 0,1·1·0 = 0',
      'Δb = α·e = 0,1·1 = 0,1',
    ]);
    expect(t.after).toBe('Ahora: w₁ = 0,3, w₂ = −0,4, b = −0,2 (umbral Θ = −b = 0,2)');
  });

  it('a right answer says that nothing changes; a negative error goes in parentheses', () => {
    const ok = stepText({ ...s, d: 0, error: 0, dw: [0, 0], db: 0, w: s.wBefore, b: s.bBefore }, 0.1);
    expect(ok.error).toBe('e = d − y = 0 − 0 = 0: acierta, los pesos no cambian');
    const neg = stepText({ ...s, net: 0.25, bBefore: 0.05, y: 1, d: 0, error: -1, dw: [-0.25, 0], db: -0.25 }, 0.25);
    expect(neg.net).toBe('net = w₁·x₁ + w₂·x₂ + b = 0,2·1 + (−0,4)·0 + 0,05 = 0,25');
    expect(neg.output).toBe('y = escalón(net) = 1, porque net ≥ 0');
    expect(neg.update[0]).toBe('Δw₁ = α·e·x₁ = 0,25·(−1)·1 = −0,25');
  });
});

describe('halfPlane (region where the neuron outputs 1)', () => {
  const eps = 1e-12;
  it('AND weights x1 + x2 − 1,5 ≥ 0 give the corner triangle of area 1,5²/2', () => {
    const poly = halfPlane([1, 1], -1.5);
    expect(area(poly)).toBeCloseTo(1.125, 12);
    for (const p of poly) expect(p[0] + p[1] - 1.5).toBeGreaterThanOrEqual(-eps);
    expect(poly.length).toBe(3);
  });
  it('a vertical line keeps the right part; no line means all or nothing', () => {
    expect(area(halfPlane([2, 0], -1))).toBeCloseTo((HI - 0.5) * (HI - LO), 12);
    expect(area(halfPlane([0, 0], 0.3))).toBeCloseTo((HI - LO) ** 2, 12);
    expect(halfPlane([0, 0], -0.3)).toEqual([]);
  });
  it('the region and its complement tile the square', () => {
    for (const [w, b] of [[[0.3, -0.8], 0.1], [[-1, 2], -0.7], [[0.5, 0.5], -2]] as const) {
      const a = area(halfPlane(w, b)) + area(halfPlane(w.map((v) => -v), -b));
      expect(a).toBeCloseTo((HI - LO) ** 2, 9);
    }
  });
});
