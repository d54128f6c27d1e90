/**
 * Gradient checks of widgets/lib/nn against two independent references:
 *  1. tfjs autodiff (float32, CPU backend) on random networks, inputs and targets, for MSE,
 *     sigmoid + binary cross-entropy and softmax + cross-entropy. Tolerance: relative error
 *     |ours − tf| / max(|ours|, |tf|, 1e-3) ≤ 1e-4 for every weight, bias and input gradient
 *     (the 1e-3 floor keeps float32 rounding of near-zero gradients from counting as error: the
 *     worst case seen is 6e-5, on a gradient of 1e-3 that tfjs sums in float32 from terms of 0.1).
 *  2. Central finite differences on the same engine in float64 (h = 1e-6), relative error ≤ 1e-6.
 * Inputs are redrawn when any neuron's net input lies within 0.02 of a kink (ReLU at 0,
 * piecewise linear at ±½), where the derivative is not defined and the two sides disagree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../widgets/lib/rng/rng';
import { Mlp } from '../../widgets/lib/nn/mlp';
import { LOSSES, type LossName } from '../../widgets/lib/nn/loss';
import type { ActivationName } from '../../widgets/lib/nn/activations';
import type { Vec } from '../../widgets/lib/nn/dense';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const TRAINABLE: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'softplus', 'linear', 'piecewise'];
const KINKS: Partial<Record<ActivationName, number[]>> = { relu: [0], piecewise: [-0.5, 0.5] };

function tfAct(name: ActivationName, z: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'sigmoid': return tf.sigmoid(z);
    case 'tanh': return tf.tanh(z);
    case 'relu': return tf.relu(z);
    case 'softplus': return tf.softplus(z);
    case 'linear': return z;
    case 'piecewise': return tf.clipByValue(tf.add(z, 0.5), 0, 1);
    default: throw new Error(`no tf reference for ${name}`);
  }
}

interface Case {
  net: Mlp;
  X: Vec;
  T: Float32Array;
  batch: number;
  loss: LossName;
}

/** Random network + batch whose net inputs all stay ≥ 0.02 away from activation kinks. */
function makeCase(seed: number, sizes: number[], loss: LossName, dtype: 'float32' | 'float64' = 'float32'): Case {
  const rng: Rng = createRng(1000 + seed);
  const hidden = sizes.slice(1, -1).map(() => TRAINABLE[rng.int(0, TRAINABLE.length - 1)]!);
  const out: ActivationName = loss === 'bce' ? 'sigmoid' : loss === 'softmax-ce' ? 'linear' : TRAINABLE[rng.int(0, TRAINABLE.length - 1)]!;
  const net = new Mlp({ sizes, activations: [...hidden, out], seed, dtype });
  // Non-zero biases, so the bias gradients and kinks are exercised too.
  for (const l of net.layers) for (let j = 0; j < l.b.length; j++) l.b[j] = rng.uniform(-0.5, 0.5);
  const batch = 5;
  const n = sizes[0]!;
  const m = sizes[sizes.length - 1]!;
  const X = dtype === 'float64' ? new Float64Array(batch * n) : new Float32Array(batch * n);
  for (let attempt = 0; ; attempt++) {
    for (let k = 0; k < X.length; k++) X[k] = rng.uniform(-1.5, 1.5);
    net.forwardBatch(X, batch);
    const nearKink = net.layers.some((l) => (KINKS[l.activation] ?? []).some((c) => l.net.some((z) => Math.abs(z - c) < 0.02)));
    if (!nearKink) break;
    if (attempt > 200) throw new Error('could not avoid kinks');
  }
  const T = new Float32Array(batch * m);
  for (let s = 0; s < batch; s++) {
    if (loss === 'softmax-ce') T[s * m + rng.int(0, m - 1)] = 1;
    else for (let k = 0; k < m; k++) T[s * m + k] = loss === 'bce' ? rng.next() : rng.uniform(-1, 1);
  }
  return { net, X, T, batch, loss };
}

/** Our loss and gradients: [dW0, db0, dW1, db1, …, dX]. */
function ours({ net, X, T, batch, loss }: Case): { L: number; grads: Float64Array[] } {
  const lf = LOSSES[loss];
  const out = net.forwardBatch(X, batch);
  const { loss: L, grad } = lf.compute(lf.reads === 'net' ? net.outputLayer.net : out, T, batch, net.outputs);
  const dX = net.backward(grad, lf.reads);
  const grads = net.params().map((p) => Float64Array.from(p.grad));
  grads.push(Float64Array.from(dX));
  return { L, grads };
}

/** tfjs loss and gradients in the same order, with W as a [m, n] tensor and net = X Wᵀ + b. */
function reference({ net, X, T, batch, loss }: Case): { L: number; grads: Float64Array[] } {
  const result = tf.tidy(() => {
    const args = [
      ...net.layers.flatMap((l) => [tf.tensor2d(Array.from(l.W), [l.nOut, l.nIn]), tf.tensor1d(Array.from(l.b))]),
      tf.tensor2d(Array.from(X), [batch, net.inputs]),
    ];
    const t = tf.tensor2d(Array.from(T), [batch, net.outputs]);
    const f = (...p: tf.Tensor[]): tf.Scalar => {
      let a: tf.Tensor = p[p.length - 1]!;
      let z: tf.Tensor = a;
      net.layers.forEach((l, k) => {
        z = tf.add(tf.matMul(a, p[2 * k]!, false, true), p[2 * k + 1]!);
        a = tfAct(l.activation, z);
      });
      if (loss === 'mse') return tf.losses.meanSquaredError(t, a) as tf.Scalar;
      if (loss === 'bce') return tf.losses.sigmoidCrossEntropy(t, z) as tf.Scalar;
      return tf.losses.softmaxCrossEntropy(t, z) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(args);
    return [value, ...grads];
  });
  const out = { L: result[0]!.dataSync()[0]!, grads: result.slice(1).map((g) => Float64Array.from(g.dataSync())) };
  tf.dispose(result);
  return out;
}

function maxRelError(a: Float64Array[], b: Float64Array[], floor: number): number {
  let worst = 0;
  a.forEach((arr, k) => {
    expect(arr.length).toBe(b[k]!.length);
    arr.forEach((v, i) => {
      const r = b[k]![i]!;
      worst = Math.max(worst, Math.abs(v - r) / Math.max(Math.abs(v), Math.abs(r), floor));
    });
  });
  return worst;
}

const SIZES = [[3, 5, 2], [2, 4, 4, 1], [4, 6, 3], [2, 3, 3, 3, 2]];
const LOSS_NAMES: LossName[] = ['mse', 'bce', 'softmax-ce'];

describe('gradients vs tfjs autodiff (float32)', () => {
  for (const loss of LOSS_NAMES) {
    for (const sizes of SIZES) {
      if (loss === 'softmax-ce' && sizes[sizes.length - 1] === 1) continue;
      it(`${loss}, sizes [${sizes.join(', ')}], 6 seeds: relative error ≤ 1e-4`, () => {
        for (let seed = 1; seed <= 6; seed++) {
          const c = makeCase(seed, sizes, loss);
          const mine = ours(c);
          const ref = reference(c);
          expect(Math.abs(mine.L - ref.L) / Math.max(Math.abs(ref.L), 1e-3)).toBeLessThan(1e-5);
          const err = maxRelError(mine.grads, ref.grads, 1e-3);
          expect(err, `seed ${seed}, hidden ${c.net.layers.map((l) => l.activation).join('/')}`).toBeLessThanOrEqual(1e-4);
        }
      });
    }
  }
});

describe('gradients vs central finite differences (float64)', () => {
  const lossAt = (c: Case): number => {
    const lf = LOSSES[c.loss];
    const out = c.net.forwardBatch(c.X, c.batch);
    return lf.compute(lf.reads === 'net' ? c.net.outputLayer.net : out, c.T, c.batch, c.net.outputs).loss;
  };
  for (const loss of LOSS_NAMES) {
    it(`${loss}: every weight, bias and input, relative error ≤ 1e-6`, () => {
      for (const [seed, sizes] of [[11, [3, 5, 2]], [12, [2, 4, 4, 1]], [13, [2, 3, 3, 3, 2]]] as const) {
        if (loss === 'softmax-ce' && sizes[sizes.length - 1] === 1) continue;
        const c = makeCase(seed, [...sizes], loss, 'float64');
        const { grads } = ours(c);
        const h = 1e-6;
        const arrays: Vec[] = [...c.net.params().map((p) => p.value), c.X];
        const numeric = arrays.map((arr) =>
          Float64Array.from(arr, (_, i) => {
            const v = arr[i]!;
            arr[i] = v + h;
            const up = lossAt(c);
            arr[i] = v - h;
            const down = lossAt(c);
            arr[i] = v;
            return (up - down) / (2 * h);
          }),
        );
        expect(maxRelError(grads, numeric, 1e-6)).toBeLessThanOrEqual(1e-6);
      }
    });
  }
});
