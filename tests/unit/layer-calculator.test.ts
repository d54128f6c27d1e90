import { describe, expect, it } from 'vitest';
import {
  EXAMPLE, N_IN, N_OUT, STEP_COUNT, activationText, eq, forward, hoverMatch, netFromColumns, num, parseNum, partialText, progress,
  randomLayer, stepWords, steps, sub, transpose, vec, type Layer,
} from '../../widgets/layer-calculator/core';
import { Dense } from '../../widgets/lib/nn/dense';
import { ACTIVATIONS, ACTIVATION_NAMES } from '../../widgets/lib/nn/activations';

/** Independent reference: net_j = Σ_i w_ji x_i + b_j written out with plain loops. */
function reference(l: Layer): { net: number[]; y: number[] } {
  const net = [0, 1, 2].map((j) => l.b[j]! + [0, 1, 2, 3].reduce((s, i) => s + l.W[j * 4 + i]! * l.x[i]!, 0));
  return { net, y: net.map(ACTIVATIONS[l.act].f) };
}

const layers: Layer[] = [EXAMPLE, ...[3, 17, 2024].flatMap((seed, k) => {
  const r = randomLayer(seed);
  return [{ ...r, act: ACTIVATION_NAMES[(k * 3) % 8]! }, { ...r, act: ACTIVATION_NAMES[(k * 3 + 1) % 8]! }];
})];

describe('forward pass (the engine)', () => {
  it('the worked example of the lesson: Net = (1,5; 2,5; −0,5), ReLU → (1,5; 2,5; 0)', () => {
    const r = forward(EXAMPLE);
    expect(r.net).toEqual([1.5, 2.5, -0.5]);
    expect(r.y).toEqual([1.5, 2.5, 0]);
  });
  it('matches a hand-written sum and the float32 engine', () => {
    for (const l of layers) {
      const r = forward(l);
      const ref = reference(l);
      for (let j = 0; j < N_OUT; j++) {
        expect(r.net[j]).toBeCloseTo(ref.net[j]!, 12);
        expect(r.y[j]).toBeCloseTo(ref.y[j]!, 12);
      }
      // The default (float32) Dense of the training engine agrees to float32 precision.
      const d = new Dense(N_IN, N_OUT, l.act);
      d.W.set(l.W);
      d.b.set(l.b);
      d.forward(Float32Array.from(l.x), 1);
      for (let j = 0; j < N_OUT; j++) expect(Math.abs(d.net[j]! - r.net[j]!)).toBeLessThan(1e-5);
    }
  });
  it('rejects wrong shapes', () => {
    expect(() => forward({ ...EXAMPLE, x: [1, 2, 3] })).toThrow(RangeError);
    expect(() => steps({ ...EXAMPLE, W: EXAMPLE.W.slice(1) })).toThrow(RangeError);
  });
});

describe('the step sequence', () => {
  it('has 12 multiply-adds, 3 bias additions and 3 activations, in order', () => {
    const all = steps(EXAMPLE);
    expect(all).toHaveLength(STEP_COUNT);
    expect(STEP_COUNT).toBe(18);
    const pattern = all.map((s) => (s.kind === 'mac' ? `m${s.j}${s.i}` : s.kind === 'bias' ? `b${s.j}` : `a${s.j}`));
    expect(pattern).toEqual([
      'm00', 'm01', 'm02', 'm03', 'b0',
      'm10', 'm11', 'm12', 'm13', 'b1',
      'm20', 'm21', 'm22', 'm23', 'b2',
      'a0', 'a1', 'a2',
    ]);
    expect(all.filter((s) => s.kind === 'mac')).toHaveLength(12);
  });
  it('each multiply-add uses w_ji from row j of W and x_i; partial sums grow to the Dense output', () => {
    for (const l of layers) {
      const all = steps(l);
      const r = forward(l);
      let run = 0;
      for (const s of all) {
        if (s.kind === 'mac') {
          if (s.i === 0) run = 0;
          expect(s.w).toBe(l.W[s.j * N_IN + s.i]);
          expect(s.x).toBe(l.x[s.i]);
          expect(s.product).toBe(s.w * s.x);
          run += s.product;
          expect(s.partial).toBeCloseTo(run, 14);
        } else if (s.kind === 'bias') {
          expect(s.net).toBeCloseTo(r.net[s.j]!, 12);
        } else {
          expect(s.net).toBeCloseTo(r.net[s.j]!, 12);
          expect(s.y).toBeCloseTo(r.y[s.j]!, 12);
        }
      }
    }
  });
  it('progress: unknown, then running sums, then the full vectors', () => {
    const all = steps(EXAMPLE);
    expect(progress(all, 0)).toEqual({ net: [null, null, null], y: [null, null, null] });
    // After w_11 x_1 and w_12 x_2: 0,5·2 − 1·1 = 0.
    expect(progress(all, 2).net).toEqual([0, null, null]);
    expect(progress(all, 5).net).toEqual([1.5, null, null]);
    expect(progress(all, 15)).toEqual({ net: [1.5, 2.5, -0.5], y: [null, null, null] });
    expect(progress(all, 18)).toEqual({ net: [1.5, 2.5, -0.5], y: [1.5, 2.5, 0] });
  });
});

describe('the transposed view (the notes’ Net = Wᵀx + B)', () => {
  it('transpose puts neuron j in column j, and transposing twice gives W back', () => {
    const V = transpose(EXAMPLE.W, 3, 4);
    expect(V).toHaveLength(12);
    for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) expect(V[i * 3 + j]).toBe(EXAMPLE.W[j * 4 + i]);
    expect(transpose(V, 4, 3)).toEqual([...EXAMPLE.W]);
    expect(() => transpose([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
  it('Vᵀx + b from the 4 × 3 columns gives the same Net as W x + b', () => {
    for (const l of layers) {
      const fromColumns = netFromColumns(transpose(l.W, 3, 4), l.x, l.b);
      const r = forward(l);
      for (let j = 0; j < 3; j++) expect(fromColumns[j]).toBeCloseTo(r.net[j]!, 12);
    }
  });
});

describe('formatting', () => {
  it('numbers in Spanish with an honest = or ≈', () => {
    expect(num(1.5)).toBe('1,5');
    expect(num(-0.5)).toBe('−0,5');
    expect(num(2)).toBe('2');
    expect(num(-0.0001)).toBe('0');
    expect(num(1 / 3)).toBe('0,333');
    expect(num(Number.NaN)).toBe('no es un número');
    expect(eq(0.25)).toBe('=');
    expect(eq(1 / 3)).toBe('≈');
    expect(sub(12)).toBe('₁₂');
    expect(vec([1.5, null, -2])).toBe('(1,5; ?; −2)');
  });
  it('reads what the student types, with comma or point', () => {
    expect(parseNum('0,5')).toBe(0.5);
    expect(parseNum('-1.25')).toBe(-1.25);
    expect(parseNum('−2')).toBe(-2);
    expect(parseNum(' 3 ')).toBe(3);
    expect(parseNum('.5')).toBe(0.5);
    expect(parseNum('2,')).toBe(2);
    expect(Object.is(parseNum('-0'), -0)).toBe(false);
    for (const bad of ['', '-', ',', 'abc', '1e3', '1,2,3', '0x10']) expect(parseNum(bad)).toBeNull();
  });
  it('the running sum text grows term by term, then adds the bias', () => {
    const all = steps(EXAMPLE);
    expect(partialText(all, 5, 1)).toBeNull();
    expect(partialText(all, 6, 1)).toBe('net₂ = (1)(2) = 2');
    expect(partialText(all, 7, 1)).toBe('net₂ = (1)(2) + (0,5)(1) = 2,5');
    expect(partialText(all, 10, 1)).toBe('net₂ = (1)(2) + (0,5)(1) + (−1)(−1) + (0)(0,5) − 1 = 2,5');
    expect(partialText(all, 18, 0)).toBe('net₁ = (0,5)(2) + (−1)(1) + (0)(−1) + (2)(0,5) + 0,5 = 1,5');
    expect(activationText('relu', 2, -0.5, 0)).toBe('y₃ = ReLU(−0,5) = 0');
    expect(activationText('sigmoid', 0, 1.5, 1 / (1 + Math.exp(-1.5)))).toBe('y₁ = sigmoide(1,5) ≈ 0,818');
  });
  it('each step in words names the weight, the input and the running sum', () => {
    const all = steps(EXAMPLE);
    expect(stepWords(all, 7, 'relu')).toBe(
      'Paso 7 de 18. Neurona 2, fila 2 de W: el peso w₂₂ = 0,5 multiplica a la entrada x₂ = 1; el producto vale 0,5 y se suma a lo anterior: net₂ lleva 2,5.');
    expect(stepWords(all, 7, 'relu', true)).toContain('Neurona 2, columna 2 de V: el peso w₂₂ = 0,5');
    expect(stepWords(all, 15, 'relu')).toBe('Paso 15 de 18. Neurona 3: se suma el sesgo b₃ = 0. La entrada neta queda net₃ = −0,5.');
    expect(stepWords(all, 18, 'relu')).toBe('Paso 18 de 18. Activación de la neurona 3: y₃ = φ(net₃) = ReLU(−0,5) = 0.');
    expect(stepWords(all, 0, 'relu')).toBe('');
  });
});

describe('hover', () => {
  // The 22 cells of "Net = W x + b" and "Y = φ(Net)": w_ji (j, i), x_i (i), b_j / net_j / y_j (j).
  const w = (j: number, i: number) => ({ j, i });
  it('a weight lights up its input and its neuron, nothing else', () => {
    const hv = w(1, 2);
    expect(hoverMatch(w(1, 2), hv)).toBe(true);
    expect(hoverMatch({ i: 2 }, hv)).toBe(true);
    expect(hoverMatch({ j: 1 }, hv)).toBe(true);
    expect(hoverMatch(w(1, 3), hv)).toBe(false);
    expect(hoverMatch(w(0, 2), hv)).toBe(false);
    expect(hoverMatch({ i: 0 }, hv)).toBe(false);
    expect(hoverMatch({ j: 0 }, hv)).toBe(false);
  });
  it('an input lights up its column of W; a neuron its row, its bias and all inputs', () => {
    expect([0, 1, 2].every((j) => hoverMatch(w(j, 3), { i: 3 }))).toBe(true);
    expect(hoverMatch(w(0, 2), { i: 3 })).toBe(false);
    expect(hoverMatch({ j: 0 }, { i: 3 })).toBe(false);
    expect([0, 1, 2, 3].every((i) => hoverMatch(w(2, i), { j: 2 }) && hoverMatch({ i }, { j: 2 }))).toBe(true);
    expect(hoverMatch(w(1, 0), { j: 2 })).toBe(false);
    expect(hoverMatch({ j: 1 }, null)).toBe(false);
  });
});

describe('random values', () => {
  it('are reproducible from the seed, one decimal, within range', () => {
    expect(randomLayer(7)).toEqual(randomLayer(7));
    expect(randomLayer(7)).not.toEqual(randomLayer(8));
    const r = randomLayer(42);
    expect(r.x).toHaveLength(4);
    expect(r.W).toHaveLength(12);
    expect(r.b).toHaveLength(3);
    for (const v of [...r.x, ...r.W]) expect(Math.abs(v)).toBeLessThanOrEqual(2);
    for (const v of r.b) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (const v of [...r.x, ...r.W, ...r.b]) {
      expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
      expect(Object.is(v, -0)).toBe(false);
    }
  });
});
