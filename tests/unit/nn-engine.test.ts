/**
 * The engine's building blocks against hand-computed values: the weight convention, batch vs
 * single-sample forward, seeded initialisation, the three losses, the SGD rule and the datasets.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import { Dense, initLimit, tanhF32 } from '../../widgets/lib/nn/dense';
import { Mlp } from '../../widgets/lib/nn/mlp';
import { BCE, MSE, SOFTMAX_CE, softmax } from '../../widgets/lib/nn/loss';
import { Sgd } from '../../widgets/lib/nn/optim';
import { CURVES, regressionDataset, spiralDataset, xorDataset } from '../../widgets/lib/nn/datasets';

describe('Dense: W is (m × n) row-major, W[j*n + i] = w_ji, net = W x + b', () => {
  it('computes net_j = Σ_i w_ji x_i + b_j and y = φ(net) for a 3-input, 2-neuron layer', () => {
    const layer = new Dense(3, 2, 'relu', 'float64');
    layer.W.set([1, 2, 3, /* neuron 1: */ -1, 0.5, 0]);
    layer.b.set([0.5, -4]);
    const y = layer.forward(Float64Array.from([1, -1, 2]), 1);
    // net_0 = 1·1 + 2·(−1) + 3·2 + 0.5 = 5.5; net_1 = −1·1 + 0.5·(−1) + 0·2 − 4 = −5.5
    expect(Array.from(layer.net)).toEqual([5.5, -5.5]);
    expect(Array.from(y)).toEqual([5.5, 0]);
  });

  it('backward by hand: dW = dNetᵀ X, db = Σ dNet, dX = dNet W', () => {
    const layer = new Dense(2, 1, 'linear', 'float64');
    layer.W.set([2, -3]);
    layer.b.set([1]);
    layer.forward(Float64Array.from([1, 2, 3, 4]), 2); // two samples
    const dX = layer.backward(Float64Array.from([0.5, -1]));
    expect(Array.from(layer.dW)).toEqual([0.5 * 1 - 1 * 3, 0.5 * 2 - 1 * 4]);
    expect(Array.from(layer.db)).toEqual([-0.5]);
    expect(Array.from(dX)).toEqual([1, -1.5, -2, 3]);
  });

  it('step and sign pass no gradient: a layer of them cannot be trained by gradient descent', () => {
    for (const act of ['step', 'sign'] as const) {
      const net = new Mlp({ sizes: [2, 3, 1], activations: [act, 'linear'], seed: 4, dtype: 'float64' });
      net.forwardBatch(Float64Array.from([0.3, -0.7]), 1);
      net.backward(Float64Array.from([1]));
      expect(net.layers[0]!.dW.every((g) => g === 0)).toBe(true);
      expect(net.layers[0]!.db.every((g) => g === 0)).toBe(true);
    }
  });
});

describe('Mlp', () => {
  it('batch forward equals one-sample forward row by row', () => {
    const net = new Mlp({ sizes: [3, 5, 2], activations: ['tanh', 'sigmoid'], seed: 7 });
    const rng = createRng(3);
    const X = Float32Array.from({ length: 4 * 3 }, () => rng.uniform(-1, 1));
    const Y = Array.from(net.forwardBatch(X, 4));
    for (let s = 0; s < 4; s++) expect(net.predict(X.subarray(s * 3, s * 3 + 3))).toEqual(Y.slice(s * 2, s * 2 + 2));
  });

  it('seeded initialisation: same seed → identical weights, other seed → different; Xavier / He limits', () => {
    const a = new Mlp({ sizes: [2, 8, 8, 1], activations: 'relu', seed: 42 });
    const b = new Mlp({ sizes: [2, 8, 8, 1], activations: 'relu', seed: 42 });
    const c = new Mlp({ sizes: [2, 8, 8, 1], activations: 'relu', seed: 43 });
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()).not.toEqual(c.getWeights());
    expect(a.paramCount).toBe(2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
    expect(initLimit('auto', 'relu', 8, 8)).toBeCloseTo(Math.sqrt(6 / 8), 12); // He
    expect(initLimit('auto', 'sigmoid', 8, 1)).toBeCloseTo(Math.sqrt(6 / 9), 12); // Xavier
    a.layers.forEach((l) => {
      const lim = initLimit('auto', l.activation, l.nIn, l.nOut);
      expect(l.W.every((w) => Math.abs(w) <= lim)).toBe(true);
      expect(l.b.every((v) => v === 0)).toBe(true);
    });
  });

  it('grid: row 0 is the top (largest x2), column 0 the left (smallest x1)', () => {
    const net = new Mlp({ sizes: [2, 1], activations: ['linear'], seed: 1 });
    net.setWeights([{ W: [1, 10], b: [0] }]); // output = x1 + 10·x2
    const g = net.grid(2, 2, [0, 2], [0, 2]);
    // cell centres x1 ∈ {0.5, 1.5}, x2 ∈ {1.5 (top), 0.5 (bottom)}
    expect(Array.from(g)).toEqual([15.5, 16.5, 5.5, 6.5]);
  });

  it('rejects bad sizes and a wrong number of activations', () => {
    expect(() => new Mlp({ sizes: [2], activations: 'tanh' })).toThrow(RangeError);
    expect(() => new Mlp({ sizes: [2, 0, 1], activations: 'tanh' })).toThrow(RangeError);
    expect(() => new Mlp({ sizes: [2, 3, 1], activations: ['tanh'] })).toThrow(RangeError);
  });
});

describe('losses', () => {
  it('MSE = 1/(P·M) Σ (ŷ − y)², gradient 2(ŷ − y)/(P·M)', () => {
    const { loss, grad } = MSE.compute(Float32Array.from([1, 2, 3, 4]), [0, 2, 5, 4], 2, 2);
    expect(loss).toBeCloseTo((1 + 0 + 4 + 0) / 4, 12);
    expect(Array.from(grad)).toEqual([0.5, 0, -1, 0]);
  });

  it('BCE on logits matches the textbook formula and stays finite at |z| = 100', () => {
    const z = [0.3, -1.2, 2];
    const y = [1, 0, 0.25];
    const { loss, grad } = BCE.compute(Float64Array.from(z), y, 3, 1);
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const ref = -z.reduce((s, zk, k) => s + y[k]! * Math.log(sig(zk)) + (1 - y[k]!) * Math.log(1 - sig(zk)), 0) / 3;
    expect(loss).toBeCloseTo(ref, 12);
    z.forEach((zk, k) => expect(grad[k]).toBeCloseTo((sig(zk) - y[k]!) / 3, 12));
    const extreme = BCE.compute(Float64Array.from([100, -100]), [0, 1], 2, 1);
    expect(extreme.loss).toBeCloseTo(100, 10); // −ln(1 − σ(100)) ≈ 100, not Infinity
    expect(Array.from(extreme.grad)).toEqual([0.5, -0.5]);
  });

  it('softmax rows sum to 1 without overflow; softmax-CE by hand', () => {
    const p = softmax([1000, 0, 1001, 2, 2, 2], 2, 3);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(p[2]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1)), 12);
    expect(p[4]).toBeCloseTo(1 / 3, 12);
    const { loss, grad } = SOFTMAX_CE.compute(Float64Array.from([Math.log(2), 0, 0, 0]), [1, 0, 0, 1], 2, 2);
    // sample 0: p = (2/3, 1/3), target class 0; sample 1: p = (½, ½), target class 1
    expect(loss).toBeCloseTo((-Math.log(2 / 3) - Math.log(0.5)) / 2, 12);
    expect(Array.from(grad).map((g) => +g.toFixed(12))).toEqual([-1 / 6, 1 / 6, 0.25, -0.25].map((g) => +g.toFixed(12)));
  });
});

describe('SGD', () => {
  it('plain: w ← w + α(−∂L/∂w)', () => {
    const value = Float64Array.from([1, -2]);
    const sgd = new Sgd([{ value, grad: Float64Array.from([0.5, -1]) }], 0.1);
    sgd.step();
    expect(Array.from(value)).toEqual([1 - 0.05, -2 + 0.1]);
  });

  it('momentum: v ← μv − α g, w ← w + v', () => {
    const value = Float64Array.from([1]);
    const sgd = new Sgd([{ value, grad: Float64Array.from([1]) }], 0.1, 0.9);
    sgd.step(); // v = −0.1
    expect(value[0]).toBeCloseTo(0.9, 12);
    sgd.step(); // v = 0.9·(−0.1) − 0.1 = −0.19
    expect(value[0]).toBeCloseTo(0.71, 12);
    expect(() => new Sgd([], 0)).toThrow(RangeError);
    expect(() => new Sgd([], 0.1, 1)).toThrow(RangeError);
  });
});

describe('datasets', () => {
  it('XOR rows 00, 01, 10, 11 → 0, 1, 1, 0', () => {
    const d = xorDataset();
    expect(Array.from(d.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(d.y)).toEqual([0, 1, 1, 0]);
  });

  it('spiral: seeded, balanced, inside [−1.3, 1.3]², one-hot option', () => {
    const a = spiralDataset({ perClass: 50, seed: 9 });
    expect(a.n).toBe(100);
    expect(Array.from(a.x)).toEqual(Array.from(spiralDataset({ perClass: 50, seed: 9 }).x));
    expect(Array.from(a.x)).not.toEqual(Array.from(spiralDataset({ perClass: 50, seed: 10 }).x));
    expect(a.y.reduce((s, v) => s + v, 0)).toBe(50);
    expect(a.x.every((v) => Math.abs(v) < 1.3)).toBe(true);
    const h = spiralDataset({ perClass: 5, oneHot: true });
    expect(h.outputs).toBe(2);
    expect(Array.from(h.y.subarray(0, 4))).toEqual([1, 0, 0, 1]);
  });

  it('regression: sorted x1 in range, residuals have roughly the requested noise', () => {
    const d = regressionDataset({ n: 400, seed: 5, noise: 0.2, f: CURVES['parábola'] });
    const xs = Array.from(d.x);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(xs.every((v) => v >= -1 && v < 1)).toBe(true);
    const res = xs.map((v, p) => d.y[p]! - CURVES['parábola']!(v));
    const mean = res.reduce((s, r) => s + r, 0) / res.length;
    const std = Math.sqrt(res.reduce((s, r) => s + (r - mean) ** 2, 0) / res.length);
    expect(Math.abs(mean)).toBeLessThan(0.05); // 3 standard errors of 0.2/√400
    expect(std).toBeGreaterThan(0.17);
    expect(std).toBeLessThan(0.23);
  });
});

describe('the fast paths keep the numbers', () => {
  it('tanhF32 is tanh to float32 precision: |error| ≤ 3·10⁻⁸, relative ≤ 1,3·10⁻⁷ (Math.tanh as reference)', () => {
    let abs = 0;
    let rel = 0;
    const probe = (z: number): void => {
      const t = Math.tanh(z);
      const e = Math.abs(tanhF32(z) - t);
      abs = Math.max(abs, e);
      if (t !== 0) rel = Math.max(rel, e / Math.abs(t));
    };
    for (let k = -120_000; k <= 120_000; k++) probe(k / 10_000); // [−12, 12] every 10⁻⁴
    for (let k = 1; k <= 10_000; k++) probe(k * 1e-7); // near 0, where only the relative error shows
    expect(abs).toBeLessThan(3e-8);
    expect(rel).toBeLessThan(1.3e-7);
    expect(tanhF32(0)).toBe(0);
    expect(tanhF32(1e9)).toBe(1);
    expect(tanhF32(-Infinity)).toBe(-1);
    expect(tanhF32(NaN)).toBeNaN();
    expect(tanhF32(-0.5)).toBeCloseTo(-Math.tanh(0.5), 7);
  });

  it('a float32 tanh layer agrees with the same layer in float64 (Math.tanh) to float32 precision', () => {
    const make = (dtype: 'float32' | 'float64') => new Mlp({ sizes: [3, 6, 2], activations: 'tanh', output: 'tanh', seed: 5, dtype });
    const a = make('float32');
    const b = make('float64');
    const X = [0.3, -1.2, 2.5, 4, -0.01, 0.7];
    const ya = Array.from(a.forwardBatch(Float32Array.from(X), 2));
    const yb = Array.from(b.forwardBatch(Float64Array.from(X), 2));
    ya.forEach((v, k) => expect(Math.abs(v - yb[k]!)).toBeLessThan(3e-7));
  });

  it('Mlp keeps every parameter in one flat theta (layer views) and every gradient in grad', () => {
    const net = new Mlp({ sizes: [2, 3, 1], activations: 'tanh', seed: 2 });
    expect(net.theta.length).toBe(net.paramCount);
    expect(net.grad.length).toBe(net.paramCount);
    net.layers[1]!.b[0] = 7;
    expect(net.theta[2 * 3 + 3 + 3]).toBe(7); // after W0 (3×2) and b0 (3) comes W1 (1×3), then b1
    net.forwardBatch(Float32Array.from([0.5, -0.5]), 1);
    net.backward(Float32Array.from([1]));
    expect(Array.from(net.grad.subarray(0, 6))).toEqual(Array.from(net.layers[0]!.dW));
  });

  it('backward without the input gradient fills the same dW and db', () => {
    const make = () => new Mlp({ sizes: [2, 4, 3, 1], activations: 'sigmoid', seed: 3, dtype: 'float64' });
    const a = make();
    const b = make();
    const X = Float64Array.from([0.1, 0.9, -0.4, 0.3]);
    const d = Float64Array.from([0.7, -0.2]);
    a.forwardBatch(X, 2);
    b.forwardBatch(X, 2);
    a.backward(d);
    b.backward(d, 'output', false);
    expect(Array.from(b.grad)).toEqual(Array.from(a.grad));
  });

  it('Sgd.step says when an update leaves a weight that is not finite', () => {
    const value = Float32Array.from([1, 2]);
    expect(new Sgd([{ value, grad: Float32Array.from([0.5, -1]) }], 0.1).step()).toBe(true);
    expect(new Sgd([{ value, grad: Float32Array.from([Infinity, 0]) }], 0.1).step()).toBe(false);
    const big = Float64Array.from([1e308, 1e308]); // finite values whose sum overflows
    expect(new Sgd([{ value: big, grad: Float64Array.from([0, 0]) }], 0.1).step()).toBe(true);
  });
});
