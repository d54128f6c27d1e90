// The faster training path (widgets/lib/cnn/backprop-filter.ts and fast-grads.ts) against tfjs's
// own CPU implementation on seeded random tensors: same gradients within 1e-4 (float32 sums of a
// few thousand products in another order).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dBackpropFilter, registerFastBackpropFilter, type TfKernelApi } from '../../widgets/lib/cnn/backprop-filter';
import { installFastGradients } from '../../widgets/lib/cnn/fast-grads';
import { createRng } from '../../widgets/lib/rng/rng';

const TOL = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const rand = (seed: number, n: number, zeros = 0): Float32Array => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < zeros ? 0 : rng.uniform(-1, 1)));
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};

interface Case { n: number; h: number; w: number; ci: number; co: number; k: number; s: number; pad: 'same' | 'valid' }
const CASES: Case[] = [
  { n: 2, h: 6, w: 6, ci: 1, co: 3, k: 3, s: 1, pad: 'same' },
  { n: 3, h: 7, w: 5, ci: 2, co: 4, k: 3, s: 1, pad: 'valid' },
  { n: 1, h: 8, w: 8, ci: 3, co: 2, k: 2, s: 1, pad: 'same' }, // even kernel: padding only after
  { n: 2, h: 9, w: 7, ci: 2, co: 3, k: 3, s: 2, pad: 'same' },
  { n: 2, h: 8, w: 9, ci: 1, co: 2, k: 5, s: 2, pad: 'valid' },
];

// Reference values from tfjs's untouched kernels and gradients, computed before anything is replaced.
interface Ref { dW: Float32Array; dx: Float32Array; dW2: Float32Array }
const refs: Ref[] = [];

function lossGrads(c: Case, seed: number): { dx: Float32Array; dW: Float32Array } {
  const x = tf.tensor4d(rand(seed, c.n * c.h * c.w * c.ci, 0.3), [c.n, c.h, c.w, c.ci]);
  const w = tf.tensor4d(rand(seed + 1, c.k * c.k * c.ci * c.co), [c.k, c.k, c.ci, c.co]);
  // A loss that weights every output differently, so each gradient entry is distinct.
  const f = (xx: tf.Tensor, ww: tf.Tensor): tf.Scalar => {
    const y = tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.s, c.pad);
    const weights = tf.tensor(rand(seed + 2, y.size), y.shape);
    return tf.sum(tf.mul(tf.relu(y), weights));
  };
  const [dx, dW] = tf.grads(f)([x, w]);
  const out = { dx: dx!.dataSync() as Float32Array, dW: dW!.dataSync() as Float32Array };
  tf.dispose([x, w, dx!, dW!]);
  return out;
}

function directFilterGrad(c: Case, seed: number): Float32Array {
  const x = tf.tensor4d(rand(seed, c.n * c.h * c.w * c.ci, 0.3), [c.n, c.h, c.w, c.ci]);
  const oh = tf.conv2d(x, tf.zeros([c.k, c.k, c.ci, c.co]) as tf.Tensor4D, c.s, c.pad).shape;
  const dy = tf.tensor4d(rand(seed + 3, oh[0] * oh[1] * oh[2] * oh[3]), oh);
  // The kernel itself (tfjs does not export the op): whatever is registered for 'cpu'.
  const r = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
    { strides: [c.s, c.s], pad: c.pad, dataFormat: 'NHWC', filterShape: [c.k, c.k, c.ci, c.co] } as never) as tf.Tensor;
  const out = r.dataSync() as Float32Array;
  tf.dispose([x, dy, r]);
  return out;
}

function checkMaxPoolGrad(): void {
    // Reference by hand: the gradient goes to the (first) maximum of each window.
    const vals = rand(99, 2 * 6 * 4 * 3, 0.4).map((v) => Math.max(0, v));
    const x = tf.tensor4d(vals, [2, 6, 4, 3]);
    const dyVals = rand(98, 2 * 3 * 2 * 3);
    const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(xx as tf.Tensor4D, 2, 2, 'valid'), tf.tensor4d(dyVals, [2, 3, 2, 3]))))(x);
    const expected = new Float32Array(vals.length);
    for (let b = 0; b < 2; b++) for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) for (let ch = 0; ch < 3; ch++) {
      let best = -1;
      let bestV = -Infinity;
      for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) {
        const at = ((b * 6 + 2 * i + u) * 4 + 2 * j + v) * 3 + ch;
        if (vals[at]! > bestV) { bestV = vals[at]!; best = at; }
      }
      // A window of zeros gives its gradient to every zero in our version; the ReLU before it
      // zeroes that gradient in a real network, so only positive maxima are compared here.
      if (bestV > 0) expected[best] = dyVals[((b * 3 + i) * 2 + j) * 3 + ch]!;
    }
    const got = g.dataSync();
    for (let k = 0; k < vals.length; k++) if (vals[k]! > 0) expect(Math.abs(got[k]! - expected[k]!)).toBeLessThan(1e-6);
    tf.dispose([x, g]);
  }

describe('fast conv and pool gradients', () => {
  it('computes the references with the original tfjs code first', () => {
    CASES.forEach((c, i) => {
      const g = lossGrads(c, 10 * i);
      refs.push({ dW: g.dW, dx: g.dx, dW2: directFilterGrad(c, 10 * i) });
    });
    expect(refs).toHaveLength(CASES.length);
  });

  it('pure conv2dBackpropFilter equals tfjs on every geometry', () => {
    CASES.forEach((c, i) => {
      const seed = 10 * i;
      const x = rand(seed, c.n * c.h * c.w * c.ci, 0.3);
      const info = tf.backend_util.computeConv2DInfo([c.n, c.h, c.w, c.ci], [c.k, c.k, c.ci, c.co], c.s, 1, c.pad);
      const dy = rand(seed + 3, c.n * info.outHeight * info.outWidth * c.co);
      const ours = conv2dBackpropFilter(x, dy, {
        xShape: [c.n, c.h, c.w, c.ci], dyShape: [c.n, info.outHeight, info.outWidth, c.co], filterShape: [c.k, c.k, c.ci, c.co],
        strides: [c.s, c.s], padTop: info.padInfo.top, padLeft: info.padInfo.left,
      });
      expect(maxDiff(ours, refs[i]!.dW2)).toBeLessThan(TOL);
    });
  });

  it('the registered CPU kernel and the rewritten gradients give the same dx and dW', () => {
    registerFastBackpropFilter(tf as unknown as TfKernelApi, 'cpu');
    installFastGradients(tf);
    CASES.forEach((c, i) => {
      const g = lossGrads(c, 10 * i);
      expect(maxDiff(g.dW, refs[i]!.dW), `dW case ${i}`).toBeLessThan(TOL);
      expect(maxDiff(g.dx, refs[i]!.dx), `dx case ${i}`).toBeLessThan(TOL);
      expect(maxDiff(directFilterGrad(c, 10 * i), refs[i]!.dW2)).toBeLessThan(TOL);
    });
  });

  it('max pooling 2×2 after a ReLU: same gradient as tfjs', () => {
    checkMaxPoolGrad();
  });

  it('on the wasm backend (the one the browser trainer uses) dx and dW match too', async () => {
    setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
    expect(await tf.setBackend('wasm')).toBe(true);
    registerFastBackpropFilter(tf as unknown as TfKernelApi, 'wasm');
    CASES.forEach((c, i) => {
      const g = lossGrads(c, 10 * i);
      expect(maxDiff(g.dW, refs[i]!.dW), `wasm dW case ${i}`).toBeLessThan(TOL);
      expect(maxDiff(g.dx, refs[i]!.dx), `wasm dx case ${i}`).toBeLessThan(TOL);
      expect(maxDiff(directFilterGrad(c, 10 * i), refs[i]!.dW2), `wasm kernel case ${i}`).toBeLessThan(TOL);
    });
    checkMaxPoolGrad();
    await tf.setBackend('cpu');
  });
});
