import { describe, expect, it } from 'vitest';
import {
  N_STAGES, SAMPLES, TARGETS, computePass, formulaLines, initialWeights, nnGradients, num, sampleLoss, sgdUpdate,
  stageText, weightsAt,
} from '../../widgets/backprop-steps/core';
import { Mlp, Sgd, type Weights } from '../../widgets/lib/nn';

/** Independent reference: the 2-2-1 sigmoid network and L = (ŷ − d)², written out by hand. */
const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
function refLoss(w: Weights, x: readonly number[], d: number): number {
  const a = [0, 1].map((j) => sigma(w[0]!.W[j * 2]! * x[0]! + w[0]!.W[j * 2 + 1]! * x[1]! + w[0]!.b[j]!));
  const y = sigma(w[1]!.W[0]! * a[0]! + w[1]!.W[1]! * a[1]! + w[1]!.b[0]!);
  return (y - d) ** 2;
}

const EPS = 1e-5;
/** Agreement: |a − b| ≤ 1e-9 absolute, or ≤ 1e-6 relative to the larger magnitude. */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1e-9, 1e-6 * Math.max(Math.abs(a), Math.abs(b)));

/** Centred finite difference of the reference loss w.r.t. every parameter, same layout as Weights. */
function finiteDiff(w: Weights, p: number): Weights {
  const x = SAMPLES[p]!;
  const d = TARGETS[p]!;
  return w.map((layer, k) => {
    const part = (key: 'W' | 'b') => layer[key].map((_, i) => {
      const plus = structuredClone(w);
      const minus = structuredClone(w);
      plus[k]![key][i]! += EPS;
      minus[k]![key][i]! -= EPS;
      return (refLoss(plus, x, d) - refLoss(minus, x, d)) / (2 * EPS);
    });
    return { W: part('W'), b: part('b') };
  });
}

/** The gradients the widget shows, in the Weights layout. */
const shown = (q: ReturnType<typeof computePass>): Weights => [{ W: q.gW1, b: q.gb1 }, { W: q.gv, b: [q.gc] }];

describe('backprop-steps core', () => {
  for (const seed of [1, 7]) {
    for (let p = 0; p < 4; p++) {
      it(`seed ${seed}, sample (${SAMPLES[p]!.join(', ')}): every ∂L/∂w shown = lib/nn = finite difference`, () => {
        const w = initialWeights(seed);
        const q = computePass(w, p, 0.5);
        const g = shown(q);
        const nn = nnGradients(w, p);
        const fd = finiteDiff(w, p);
        for (let k = 0; k < 2; k++) {
          for (const key of ['W', 'b'] as const) {
            g[k]![key].forEach((v, i) => {
              expect(v).toBe(nn[k]![key][i]);
              expect(close(v, fd[k]![key][i]!), `layer ${k} ${key}[${i}]: ${v} vs ${fd[k]![key][i]}`).toBe(true);
            });
          }
        }
        // The forward numbers and the loss against the hand-written reference.
        expect(close(q.loss, refLoss(w, SAMPLES[p]!, TARGETS[p]!))).toBe(true);
        expect(q.yhat).toBeCloseTo(sigma(q.z2), 12);
        // δ and the chain rule written out: δ = 2(ŷ − d)σ'(z), δ_j = δ v_j σ'(z_j), σ' = σ(1 − σ).
        expect(close(q.sp2, q.yhat * (1 - q.yhat))).toBe(true);
        expect(close(q.delta2, 2 * (q.yhat - q.d) * q.sp2)).toBe(true);
        q.delta1.forEach((dj, j) => {
          expect(close(q.sp1[j]!, q.a1[j]! * (1 - q.a1[j]!))).toBe(true);
          expect(close(dj, q.delta2 * q.v[j]! * q.sp1[j]!)).toBe(true);
        });
      });
    }
  }

  it('the update is w − α·g, the same as lib/nn Sgd, and the loss on the sample goes down (α = 0,5)', () => {
    for (const seed of [1, 7]) {
      for (let p = 0; p < 4; p++) {
        const w = initialWeights(seed);
        const q = computePass(w, p, 0.5);
        const g = nnGradients(w, p);
        q.next.forEach((layer, k) => {
          layer.W.forEach((v, i) => expect(v).toBe(w[k]!.W[i]! - 0.5 * g[k]!.W[i]!));
          layer.b.forEach((v, i) => expect(v).toBe(w[k]!.b[i]! - 0.5 * g[k]!.b[i]!));
        });
        expect(sgdUpdate(w, g, 0.5)).toEqual(q.next);
        // lib/nn's own optimiser gives the same weights.
        const net = new Mlp({ sizes: [2, 2, 1], activations: 'sigmoid', output: 'sigmoid', dtype: 'float64' });
        net.setWeights(w);
        net.params().forEach((pa, k) => pa.grad.set(k % 2 === 0 ? g[k >> 1]!.W : g[k >> 1]!.b));
        new Sgd(net.params(), 0.5).step();
        expect(net.getWeights()).toEqual(q.next);
        expect(q.lossAfter).toBeLessThan(q.loss);
        expect(q.lossAfter).toBe(sampleLoss(q.next, p));
      }
    }
  });

  it('«otra vez» repeats from the updated weights and the loss keeps going down', () => {
    let prev = Infinity;
    for (let r = 0; r < 5; r++) {
      const q = computePass(weightsAt(1, 1, 0.5, r), 1, 0.5);
      expect(q.loss).toBeLessThan(prev);
      if (r > 0) expect(q.loss).toBe(computePass(weightsAt(1, 1, 0.5, r - 1), 1, 0.5).lossAfter);
      prev = q.loss;
    }
  });

  it('initial weights are lib/nn Mlp\'s for the seed (as in xor-mlp), biases 0', () => {
    const w = initialWeights(3);
    const ref = new Mlp({ sizes: [2, 2, 1], activations: 'sigmoid', output: 'sigmoid', seed: 3, dtype: 'float64' }).getWeights();
    expect(w).toEqual(ref);
    expect(w[0]!.b).toEqual([0, 0]);
  });

  it('every stage has a formula and a text with the numbers substituted', () => {
    const q = computePass(initialWeights(1), 1, 0.5);
    for (let s = 1; s <= N_STAGES; s++) {
      expect(formulaLines(s, q).length).toBeGreaterThan(0);
      expect(stageText(s, q)).toMatch(new RegExp(`^Paso ${s} de 9`));
    }
    expect(formulaLines(4, q)[0]).toContain(`= ${num(q.loss)}`);
    expect(formulaLines(5, q).join(' ')).toContain(num(q.delta2));
    expect(stageText(9, q)).toContain(num(q.lossAfter));
    expect(num(-0.5)).toBe('−0,5');
    expect(num(0.000123456)).toBe('0,0001235');
  });
});
