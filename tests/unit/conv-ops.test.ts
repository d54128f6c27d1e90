// The pure CNN ops of widgets/lib/conv checked against @tensorflow/tfjs (CPU backend) on seeded
// random tensors: every value within 1e-5 (max absolute difference) and identical shapes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  argmax, avgPool2d, axisPadding, conv2d, convStep, dense, featureMap, flatten, fromRows, kernel,
  kernelFromRows, maxPool2d, outputSize, poolStep, relu, softmax, type FeatureMap, type Kernel, type Padding,
} from '../../widgets/lib/conv';
import { createRng, type Rng } from '../../widgets/lib/rng/rng';

const TOL = 1e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const randomValues = (rng: Rng, n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
const randomMap = (rng: Rng, h: number, w: number, c: number): FeatureMap => featureMap(h, w, c, randomValues(rng, h * w * c));
const randomKernel = (rng: Rng, kh: number, kw: number, cin: number, cout: number): Kernel =>
  kernel(kh, kw, cin, cout, randomValues(rng, kh * kw * cin * cout));
const toTf = (m: FeatureMap): tf.Tensor4D => tf.tensor4d(m.data, [1, m.height, m.width, m.channels]);

/** Max |a − b|, after checking the shapes agree. */
function maxDiff(ours: FeatureMap, ref: tf.Tensor): number {
  expect([1, ours.height, ours.width, ours.channels]).toEqual(ref.shape);
  const r = ref.dataSync();
  let d = 0;
  for (let i = 0; i < r.length; i++) d = Math.max(d, Math.abs(ours.data[i]! - r[i]!));
  return d;
}

interface ConvCase { h: number; w: number; cin: number; cout: number; kh: number; kw: number; sy: number; sx: number; padding: Padding }

const FIXED: ConvCase[] = [
  { h: 5, w: 5, cin: 1, cout: 1, kh: 3, kw: 3, sy: 1, sx: 1, padding: 'valid' },
  { h: 5, w: 5, cin: 1, cout: 1, kh: 3, kw: 3, sy: 1, sx: 1, padding: 'same' },
  { h: 6, w: 6, cin: 1, cout: 2, kh: 2, kw: 2, sy: 1, sx: 1, padding: 'same' }, // pad 0 before, 1 after
  { h: 7, w: 8, cin: 3, cout: 4, kh: 3, kw: 3, sy: 2, sx: 2, padding: 'same' },
  { h: 8, w: 7, cin: 2, cout: 3, kh: 4, kw: 4, sy: 2, sx: 2, padding: 'same' },
  { h: 9, w: 9, cin: 2, cout: 2, kh: 3, kw: 3, sy: 3, sx: 3, padding: 'valid' },
  { h: 10, w: 6, cin: 3, cout: 2, kh: 5, kw: 2, sy: 2, sx: 1, padding: 'same' }, // non-square everything
  { h: 4, w: 4, cin: 1, cout: 1, kh: 1, kw: 1, sy: 3, sx: 3, padding: 'same' }, // stride > kernel
  { h: 28, w: 28, cin: 1, cout: 8, kh: 3, kw: 3, sy: 1, sx: 1, padding: 'same' }, // the lesson-10 CNN
  { h: 14, w: 14, cin: 8, cout: 16, kh: 3, kw: 3, sy: 1, sx: 1, padding: 'same' },
];

function randomCase(rng: Rng): ConvCase {
  const kh = rng.int(1, 5);
  const kw = rng.int(1, 5);
  return {
    h: rng.int(kh, 12), w: rng.int(kw, 12), cin: rng.int(1, 4), cout: rng.int(1, 4),
    kh, kw, sy: rng.int(1, 3), sx: rng.int(1, 3), padding: rng.next() < 0.5 ? 'same' : 'valid',
  };
}

describe('conv2d vs tf.conv2d', () => {
  const rng = createRng(2024);
  const cases = [...FIXED, ...Array.from({ length: 40 }, () => randomCase(rng))];
  it(`matches on ${cases.length} cases (sizes, strides, paddings, channels, bias)`, () => {
    let worst = 0;
    for (const [i, c] of cases.entries()) {
      const input = randomMap(rng, c.h, c.w, c.cin);
      const k = randomKernel(rng, c.kh, c.kw, c.cin, c.cout);
      const bias = i % 2 === 0 ? randomValues(rng, c.cout) : undefined;
      const ours = conv2d(input, k, { stride: [c.sy, c.sx], padding: c.padding, bias });
      const ref = tf.tidy(() => {
        const y = tf.conv2d(toTf(input), tf.tensor4d(k.data, [c.kh, c.kw, c.cin, c.cout]), [c.sy, c.sx], c.padding);
        return bias ? tf.add(y, tf.tensor1d(bias)) : y;
      });
      const d = maxDiff(ours, ref);
      ref.dispose();
      expect(d, `case ${i}: ${JSON.stringify(c)}`).toBeLessThanOrEqual(TOL);
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThanOrEqual(TOL);
  });

  it('computes a hand-checked example (2×2 kernel, valid, bias)', () => {
    const input = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const k = kernelFromRows([[1, 0], [0, -1]]);
    const out = conv2d(input, k, { bias: [0.5] });
    // 1 − 5 + 0.5 = −3.5 at every position (the input grows by 4 diagonally).
    expect(Array.from(out.data)).toEqual([-3.5, -3.5, -3.5, -3.5]);
    expect([out.height, out.width, out.channels]).toEqual([2, 2, 1]);
  });

  it('rejects a kernel with the wrong number of input channels, or larger than the input', () => {
    expect(() => conv2d(featureMap(4, 4, 2), kernel(3, 3, 1, 1))).toThrow(RangeError);
    expect(() => conv2d(featureMap(2, 2, 1), kernel(3, 3, 1, 1))).toThrow(RangeError);
    expect(() => conv2d(featureMap(4, 4, 1), kernel(3, 3, 1, 2), { bias: [1] })).toThrow(RangeError);
  });
});

describe('convStep (the multiply-adds of one output cell)', () => {
  it('sums to exactly the conv2d value at every cell, with padding cells marked', () => {
    const rng = createRng(7);
    for (const padding of ['same', 'valid'] as const) {
      const input = randomMap(rng, 6, 5, 2);
      const k = randomKernel(rng, 3, 2, 2, 3);
      const opts = { stride: [2, 1] as const, padding, bias: randomValues(rng, 3) };
      const out = conv2d(input, k, opts);
      for (let oy = 0; oy < out.height; oy++) {
        for (let ox = 0; ox < out.width; ox++) {
          for (let oc = 0; oc < out.channels; oc++) {
            const s = convStep(input, k, opts, oy, ox, oc);
            expect(s.terms).toHaveLength(3 * 2 * 2);
            expect(s.sum).toBe(out.data[(oy * out.width + ox) * out.channels + oc]);
            const manual = s.terms.reduce((a, t) => a + t.product, s.bias);
            expect(Math.abs(manual - s.sum)).toBeLessThan(1e-6);
            for (const t of s.terms) {
              expect(t.padding).toBe(t.inputIndex < 0);
              if (t.padding) expect(t.x).toBe(0);
              else expect(t.x).toBe(input.data[t.inputIndex]);
              expect(t.w).toBe(k.data[t.kernelIndex]);
              expect(t.product).toBe(t.x * t.w);
            }
          }
        }
      }
    }
  });

  it('places the window with TensorFlow\'s padding split (extra zeros at the bottom/right)', () => {
    const input = featureMap(4, 4, 1);
    const k = kernel(2, 2, 1, 1);
    // 'same', k = 2: one zero in total per axis, all of it after: the first window starts at (0, 0).
    expect(convStep(input, k, { padding: 'same' }, 0, 0, 0)).toMatchObject({ top: 0, left: 0 });
    const last = convStep(input, k, { padding: 'same' }, 3, 3, 0);
    expect(last.terms.filter((t) => t.padding)).toHaveLength(3);
    // 'same', k = 3: one zero before and one after.
    expect(convStep(input, kernel(3, 3, 1, 1), { padding: 'same' }, 0, 0, 0)).toMatchObject({ top: -1, left: -1 });
    expect(() => convStep(input, k, {}, 3, 0, 0)).toThrow(RangeError);
  });
});

describe('relu, pooling, flatten vs tfjs', () => {
  it('relu matches tf.relu', () => {
    const m = randomMap(createRng(3), 7, 5, 3);
    const ref = tf.relu(toTf(m));
    expect(maxDiff(relu(m), ref)).toBe(0);
    ref.dispose();
  });

  it('max and average pooling match tf.maxPool and tf.avgPool (sizes, strides, both paddings)', () => {
    const rng = createRng(11);
    const cases: [number, number, number, number, number, number, number, Padding][] = [];
    for (let i = 0; i < 40; i++) {
      const ph = rng.int(1, 4);
      const pw = rng.int(1, 4);
      cases.push([rng.int(ph, 11), rng.int(pw, 11), rng.int(1, 4), ph, pw, rng.int(1, 3), rng.int(1, 3), i % 2 ? 'same' : 'valid']);
    }
    cases.push([28, 28, 8, 2, 2, 2, 2, 'valid'], [7, 7, 2, 2, 2, 2, 2, 'same'], [5, 5, 1, 3, 3, 1, 1, 'same']);
    for (const [h, w, c, ph, pw, sy, sx, padding] of cases) {
      const m = randomMap(rng, h, w, c);
      const opts = { size: [ph, pw] as const, stride: [sy, sx] as const, padding };
      const label = JSON.stringify({ h, w, c, ph, pw, sy, sx, padding });
      const refMax = tf.maxPool(toTf(m), [ph, pw], [sy, sx], padding);
      const refAvg = tf.avgPool(toTf(m), [ph, pw], [sy, sx], padding);
      expect(maxDiff(maxPool2d(m, opts), refMax), label).toBe(0);
      expect(maxDiff(avgPool2d(m, opts), refAvg), label).toBeLessThanOrEqual(TOL);
      tf.dispose([refMax, refAvg]);
    }
  });

  it('poolStep agrees with the pooled maps and divides by the cells inside the input', () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const avg = avgPool2d(m, { size: 2, padding: 'same' }); // 2×2 output; pads the bottom/right
    expect(Array.from(avg.data)).toEqual([3, 4.5, 7.5, 9]);
    const corner = poolStep(m, 'avg', { size: 2, padding: 'same' }, 1, 1, 0);
    expect(corner).toMatchObject({ count: 1, value: 9, top: 2, left: 2 });
    const mx = poolStep(m, 'max', { size: 2 }, 0, 0, 0);
    expect(mx.value).toBe(5);
    expect(mx.cells[mx.argmax]).toMatchObject({ iy: 1, ix: 1, value: 5 });
    const rng = createRng(5);
    const r = randomMap(rng, 7, 6, 2);
    for (const kind of ['max', 'avg'] as const) {
      const opts = { size: 3, stride: 2, padding: 'same' as const };
      const out = kind === 'max' ? maxPool2d(r, opts) : avgPool2d(r, opts);
      for (let oy = 0; oy < out.height; oy++) {
        for (let ox = 0; ox < out.width; ox++) {
          for (let ch = 0; ch < 2; ch++) {
            expect(poolStep(r, kind, opts, oy, ox, ch).value).toBe(out.data[(oy * out.width + ox) * 2 + ch]);
          }
        }
      }
    }
  });

  it('flatten keeps HWC order, like tf.reshape of an NHWC tensor', () => {
    const m = randomMap(createRng(9), 3, 4, 5);
    const ref = tf.reshape(toTf(m), [-1]);
    expect(Array.from(flatten(m))).toEqual(Array.from(ref.dataSync()));
    ref.dispose();
  });
});

describe('dense, softmax, argmax vs tfjs', () => {
  it('dense matches tf.matMul + bias', () => {
    const rng = createRng(13);
    for (const [n, u] of [[1, 1], [10, 3], [64, 10], [196, 10]] as const) {
      const x = randomValues(rng, n);
      const W = randomValues(rng, n * u);
      const b = randomValues(rng, u);
      const ours = dense(x, { inputs: n, units: u, kernel: W, bias: b });
      const ref = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(x, [1, n]), tf.tensor2d(W, [n, u])), tf.tensor1d(b)));
      const r = ref.dataSync();
      ref.dispose();
      for (let j = 0; j < u; j++) expect(Math.abs(ours[j]! - r[j]!)).toBeLessThanOrEqual(TOL);
    }
    expect(() => dense([1, 2], { inputs: 3, units: 1, kernel: [1, 1, 1] })).toThrow(RangeError);
  });

  it('softmax matches tf.softmax for several temperatures and is stable for huge logits', () => {
    const rng = createRng(17);
    for (const T of [0.05, 0.5, 1, 2, 10]) {
      for (let i = 0; i < 10; i++) {
        const z = Array.from({ length: rng.int(2, 10) }, () => rng.uniform(-8, 8));
        const ours = softmax(z, T);
        const ref = tf.tidy(() => tf.softmax(tf.div(tf.tensor1d(z), T)));
        const r = ref.dataSync();
        ref.dispose();
        for (let j = 0; j < z.length; j++) expect(Math.abs(ours[j]! - r[j]!)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(ours.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
      }
    }
    const big = softmax([1000, 1001, 999]);
    expect(big.every(Number.isFinite)).toBe(true);
    expect(big[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 6);
    expect(Array.from(softmax([1, 3, 2], 1e-3)).map((p) => Math.round(p))).toEqual([0, 1, 0]);
    expect(Array.from(softmax([1, 3, 2], 1e6)).every((p) => Math.abs(p - 1 / 3) < 1e-5)).toBe(true);
    expect(() => softmax([1, 2], 0)).toThrow(RangeError);
  });

  it('argmax matches tf.argMax and takes the first of ties', () => {
    const rng = createRng(19);
    for (let i = 0; i < 20; i++) {
      const v = randomValues(rng, rng.int(1, 12));
      const ref = tf.argMax(tf.tensor1d(v));
      expect(argmax(v)).toBe(ref.dataSync()[0]);
      ref.dispose();
    }
    expect(argmax([0.2, 0.5, 0.5])).toBe(1);
    expect(argmax([])).toBe(-1);
  });
});

describe('output size', () => {
  it('follows floor((n − k)/s) + 1 (valid) and ceil(n/s) (same), like the shapes tfjs gives', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 4; s++) {
          for (const padding of ['valid', 'same'] as const) {
            const expected = padding === 'same' ? Math.ceil(n / s) : n < k ? 0 : Math.floor((n - k) / s) + 1;
            expect(outputSize(n, k, s, padding)).toBe(expected);
            if (expected === 0) continue;
            const y = tf.maxPool(tf.zeros([1, n, n + 1, 1]) as tf.Tensor4D, k, s, padding);
            expect(y.shape).toEqual([1, expected, outputSize(n + 1, k, s, padding), 1]);
            y.dispose();
          }
        }
      }
    }
    expect(outputSize(28, 3, 1, 'valid')).toBe(26);
    expect(outputSize(28, 3, 1, 'same')).toBe(28);
    expect(outputSize(28, 2, 2, 'valid')).toBe(14);
    expect(() => outputSize(0, 1, 1, 'valid')).toThrow(RangeError);
  });

  it('splits the "same" padding like TensorFlow: the odd zero goes after', () => {
    expect(axisPadding(5, 3, 1, 'same')).toEqual({ out: 5, before: 1, after: 1 });
    expect(axisPadding(6, 2, 1, 'same')).toEqual({ out: 6, before: 0, after: 1 });
    expect(axisPadding(4, 3, 2, 'same')).toEqual({ out: 2, before: 0, after: 1 });
    expect(axisPadding(7, 4, 2, 'same')).toEqual({ out: 4, before: 1, after: 2 });
    expect(axisPadding(4, 1, 3, 'same')).toEqual({ out: 2, before: 0, after: 0 });
    expect(axisPadding(9, 3, 3, 'valid')).toEqual({ out: 3, before: 0, after: 0 });
  });
});
