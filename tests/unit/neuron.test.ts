import { describe, expect, it } from 'vitest';
import {
  PRESETS, decimal, describeNeuron, formulaTex, netInput, neuron, texNum, wordNum,
} from '../../widgets/neuron/core';
import { ACTIVATION_NAMES } from '../../widgets/lib/nn/activations';

describe('net input and output', () => {
  it('net = Σ w_i x_i + b (the example of the lesson)', () => {
    // 0.5·1.0 + (−1.2)·0.3 + 0.1 = 0.5 − 0.36 + 0.1 = 0.24
    expect(netInput([1, 0.3], [0.5, -1.2], 0.1)).toBeCloseTo(0.24, 14);
    const r = neuron([1, 0.3], [0.5, -1.2], 0.1, 'sigmoid');
    expect(r.terms[0]).toBeCloseTo(0.5, 15);
    expect(r.terms[1]).toBeCloseTo(-0.36, 15);
    expect(r.y).toBeCloseTo(1 / (1 + Math.exp(-0.24)), 14);
  });
  it('four inputs, against a hand sum', () => {
    const x = [1, 2, -1, 0.5];
    const w = [0.4, 0.3, 0.2, 0.1];
    expect(netInput(x, w, -0.25)).toBeCloseTo(0.4 + 0.6 - 0.2 + 0.05 - 0.25, 14);
    expect(neuron(x, w, 0, 'linear').y).toBeCloseTo(0.85, 14);
  });
  it('zero inputs give the bias alone', () => {
    for (const act of ACTIVATION_NAMES) expect(neuron([0, 0, 0], [3, -2, 1], 0.7, act).net).toBeCloseTo(0.7, 15);
  });
  it('rejects inputs and weights of different length', () => {
    expect(() => netInput([1, 2], [1], 0)).toThrow(RangeError);
    expect(() => netInput([], [], 0)).toThrow(RangeError);
  });
  it('AND and OR gates with the step function', () => {
    const and = PRESETS.find((p) => p.id === 'and')!;
    const or = PRESETS.find((p) => p.id === 'or')!;
    const cases: Array<[number, number]> = [[0, 0], [0, 1], [1, 0], [1, 1]];
    expect(cases.map((x) => neuron(x, and.w, and.b, 'step').y)).toEqual([0, 0, 0, 1]);
    expect(cases.map((x) => neuron(x, or.w, or.b, 'step').y)).toEqual([0, 1, 1, 1]);
  });
  it('presets are consistent and within the slider ranges', () => {
    for (const p of PRESETS) {
      expect(p.x).toHaveLength(p.n);
      expect(p.w).toHaveLength(p.n);
      expect(p.x.every((v) => Math.abs(v) <= 2) && p.w.every((v) => Math.abs(v) <= 3) && Math.abs(p.b) <= 3).toBe(true);
    }
    const off = PRESETS.find((p) => p.id === 'relu-off')!;
    const r = neuron(off.x, off.w, off.b, off.act);
    expect(r.net).toBeCloseTo(-1.3, 14);
    expect(r.y).toBe(0);
  });
});

describe('formatting', () => {
  it('rounds with a decimal comma and says whether the text is exact', () => {
    expect(decimal(0.24, 3)).toEqual({ text: '0,24', exact: true, neg: false });
    expect(decimal(0.5597136, 3)).toEqual({ text: '0,56', exact: false, neg: false });
    expect(decimal(1, 2, 1)).toEqual({ text: '1,0', exact: true, neg: false });
    expect(decimal(-0.0001, 3)).toEqual({ text: '0', exact: false, neg: false });
    expect(decimal(10, 0).text).toBe('10');
    expect(texNum(-1.2, 2, 1)).toBe('-1{,}2');
    expect(wordNum(-1.2, 2, 1)).toBe('−1,2');
  });
  it('writes the live formula with the numbers the neuron uses', () => {
    const t = formulaTex([1, 0.3], [0.5, -1.2], 0.1, 'sigmoid');
    expect(t.net).toContain('(0{,}5)(1{,}0) + (-1{,}2)(0{,}3) + 0{,}1 = 0{,}24');
    expect(t.net).toContain(String.raw`\sum_{i=1}^{2}`);
    // σ(0.24) = 0.55971… → shown rounded, with ≈
    expect(t.out).toBe(String.raw`y = \phi(\mathrm{net}) = \phi(0{,}24) \approx 0{,}56`);
    const neg = formulaTex([1, 1], [1, 1], -1.5, 'step');
    expect(neg.net).toContain('(1{,}0)(1{,}0) + (1{,}0)(1{,}0) - 1{,}5 = 0{,}5');
    expect(neg.out).toBe(String.raw`y = \phi(\mathrm{net}) = \phi(0{,}5) = 1`);
  });
  it('splits the products over lines for narrow screens, same numbers', () => {
    const t = formulaTex([1, 2, -1, 0.5], [0.4, 0.3, 0.2, 0.1], 0, 'linear', 2);
    expect(t.net).toBe(
      String.raw`\begin{aligned} \mathrm{net} &= \sum_{i=1}^{4} w_i\,x_i + b \\ ` +
        String.raw`&= (0{,}4)(1{,}0) + (0{,}3)(2{,}0) \\ &\quad + (0{,}2)(-1{,}0) + (0{,}1)(0{,}5) + 0{,}0 \\ ` +
        String.raw`&= 0{,}85 \end{aligned}`,
    );
    expect(t.out).toBe(formulaTex([1, 2, -1, 0.5], [0.4, 0.3, 0.2, 0.1], 0, 'linear').out);
  });
  it('describes the computation in words', () => {
    expect(describeNeuron([1, 0.3], [0.5, -1.2], 0.1, 'sigmoid')).toBe(
      'Entrada neta: 0,5 por 1,0, más −1,2 por 0,3, más el sesgo 0,1; en total 0,24. ' +
        'La función sigmoide la convierte en la salida y, que vale aproximadamente 0,56.',
    );
  });
});
