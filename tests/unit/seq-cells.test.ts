// Lesson 14, the step-by-step math (widgets/lib/seq/cells.ts, attention.ts) against tfjs with the
// same weights: tf.layers.simpleRNN, tf.layers.lstm (logistic gates), tf.layers.conv1d and a
// hand-written tfjs attention. Tolerance 1e-5 (tfjs computes in float32).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import { selfAttention, softmax, type AttentionWeights } from '../../widgets/lib/seq/attention';
import {
  conv1dRun, convOutputLength, lstmRun, rnnRun, GATES, type Conv1dWeights, type LstmWeights, type Mat, type RnnWeights,
} from '../../widgets/lib/seq/cells';
import { ATTENTION, CONV, INPUTS, LSTM, RNN, TOKENS, asSequence } from '../../widgets/lib/seq/examples';

const TOL = 1e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const randMat = (rng: ReturnType<typeof createRng>, r: number, c: number, s = 0.8): Mat =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => rng.uniform(-s, s)));
const T = (A: Mat): Mat => A[0]!.map((_, c) => A.map((row) => row[c]!));
const close = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(TOL);
};

function tfRnn(w: RnnWeights, xs: Mat): Float32Array {
  const u = w.b.length;
  const d = xs[0]!.length;
  const layer = tf.layers.simpleRNN({ units: u, returnSequences: true, inputShape: [xs.length, d] });
  const model = tf.sequential({ layers: [layer] });
  layer.setWeights([tf.tensor2d(T(w.Wx)), tf.tensor2d(T(w.Wh)), tf.tensor1d(w.b)]);
  const out = tf.tidy(() => (model.predict(tf.tensor3d([xs])) as tf.Tensor).dataSync() as Float32Array).slice();
  model.dispose();
  return out;
}

/** tfjs LSTM weights: kernel [d, 4u] and recurrent [u, 4u] in gate blocks i, f, c, o; bias [4u]. */
function tfLstm(w: LstmWeights, xs: Mat): { h: Float32Array; c: Float32Array } {
  const u = w.b.f.length;
  const d = xs[0]!.length;
  const order = ['i', 'f', 'c', 'o'] as const;
  const kernel = Array.from({ length: d }, (_, c) => order.flatMap((g) => w.W[g].map((row) => row[c]!)));
  const recurrent = Array.from({ length: u }, (_, c) => order.flatMap((g) => w.U[g].map((row) => row[c]!)));
  const bias = order.flatMap((g) => w.b[g]);
  const layer = tf.layers.lstm({ units: u, returnSequences: true, returnState: true, recurrentActivation: 'sigmoid', inputShape: [xs.length, d] });
  const input = tf.input({ shape: [xs.length, d] });
  const outs = layer.apply(input) as tf.SymbolicTensor[];
  const model = tf.model({ inputs: input, outputs: outs });
  layer.setWeights([tf.tensor2d(kernel), tf.tensor2d(recurrent), tf.tensor1d(bias)]);
  const r = tf.tidy(() => {
    const [seq, , c] = model.predict(tf.tensor3d([xs])) as tf.Tensor[];
    return { h: (seq!.dataSync() as Float32Array).slice(), c: (c!.dataSync() as Float32Array).slice() };
  });
  model.dispose();
  return r;
}

function tfConv(w: Conv1dWeights, X: Mat): Float32Array {
  const layer = tf.layers.conv1d({ filters: w.bias.length, kernelSize: w.kernel.length, strides: w.stride, padding: 'valid', inputShape: [X.length, X[0]!.length] });
  const model = tf.sequential({ layers: [layer] });
  layer.setWeights([tf.tensor3d(w.kernel), tf.tensor1d(w.bias)]);
  const out = tf.tidy(() => (model.predict(tf.tensor3d([X])) as tf.Tensor).dataSync() as Float32Array).slice();
  model.dispose();
  return out;
}

describe('basic recurrent unit', () => {
  it('matches tf.layers.simpleRNN on the lesson example, for every input', () => {
    for (const { values } of Object.values(INPUTS)) {
      const xs = asSequence(values);
      close(rnnRun(RNN, xs).flatMap((s) => s.h), tfRnn(RNN, xs));
    }
  });

  it('matches tf.layers.simpleRNN with random weights, 3 inputs and 4 units', () => {
    const rng = createRng(14);
    const w: RnnWeights = { Wx: randMat(rng, 4, 3), Wh: randMat(rng, 4, 4), b: randMat(rng, 1, 4)[0]! };
    const xs = randMat(rng, 7, 3, 1.5);
    const steps = rnnRun(w, xs);
    close(steps.flatMap((s) => s.h), tfRnn(w, xs));
    // Each step shows its parts: z = W_x x + W_h h_{t−1} + b and h = tanh z, with h_{t−1} carried over.
    steps.forEach((s, i) => {
      expect(s.t).toBe(i + 1);
      close(s.hPrev, i === 0 ? [0, 0, 0, 0] : steps[i - 1]!.h);
      close(s.z, s.wx.map((v, r) => v + s.wh[r]! + w.b[r]!));
      close(s.h, s.z.map(Math.tanh));
    });
  });
});

describe('LSTM cell', () => {
  it('matches tf.layers.lstm (logistic gates) on the lesson example: h at every step and the last c', () => {
    for (const { values } of Object.values(INPUTS)) {
      const xs = asSequence(values);
      const steps = lstmRun(LSTM, xs);
      const ref = tfLstm(LSTM, xs);
      close(steps.flatMap((s) => s.h), ref.h);
      close(steps.at(-1)!.c, ref.c);
    }
  });

  it('matches tf.layers.lstm with random weights, 2 inputs and 3 units, and keeps c_t = f⊙c_{t−1} + i⊙c̃', () => {
    const rng = createRng(41);
    const w: LstmWeights = {
      W: { f: randMat(rng, 3, 2), i: randMat(rng, 3, 2), o: randMat(rng, 3, 2), c: randMat(rng, 3, 2) },
      U: { f: randMat(rng, 3, 3), i: randMat(rng, 3, 3), o: randMat(rng, 3, 3), c: randMat(rng, 3, 3) },
      b: { f: randMat(rng, 1, 3)[0]!, i: randMat(rng, 1, 3)[0]!, o: randMat(rng, 1, 3)[0]!, c: randMat(rng, 1, 3)[0]! },
    };
    const xs = randMat(rng, 6, 2, 1.5);
    const steps = lstmRun(w, xs);
    const ref = tfLstm(w, xs);
    close(steps.flatMap((s) => s.h), ref.h);
    close(steps.at(-1)!.c, ref.c);
    for (const s of steps) {
      for (const gate of GATES) expect(s.z[gate]).toHaveLength(3);
      for (const v of [...s.f, ...s.i, ...s.o]) expect(v > 0 && v < 1).toBe(true);
      close(s.c, s.f.map((f, r) => f * s.cPrev[r]! + s.i[r]! * s.cand[r]!));
      close(s.h, s.o.map((o, r) => o * Math.tanh(s.c[r]!)));
    }
  });
});

describe('Conv1D', () => {
  it('matches tf.layers.conv1d on the lesson example (kernel 3, 2 filters)', () => {
    for (const { values } of Object.values(INPUTS)) {
      const X = asSequence(values);
      const steps = conv1dRun(CONV, X);
      expect(steps).toHaveLength(convOutputLength(X.length, 3, 1));
      close(steps.flatMap((s) => s.y), tfConv(CONV, X));
    }
  });

  it('matches tf.layers.conv1d with 2 channels, 3 filters, kernel 4 and stride 2', () => {
    const rng = createRng(7);
    const kernel = Array.from({ length: 4 }, () => randMat(rng, 2, 3));
    const w: Conv1dWeights = { kernel, bias: [0.1, -0.2, 0.3], stride: 2 };
    const X = randMat(rng, 11, 2, 1.5);
    const steps = conv1dRun(w, X);
    expect(steps).toHaveLength(4);
    expect(steps.map((s) => s.start)).toEqual([0, 2, 4, 6]);
    close(steps.flatMap((s) => s.y), tfConv(w, X));
  });
});

describe('self-attention', () => {
  function tfAttention(X: Mat, w: AttentionWeights) {
    return tf.tidy(() => {
      const x = tf.tensor2d(X);
      const q = tf.matMul(x, tf.tensor2d(w.Wq));
      const k = tf.matMul(x, tf.tensor2d(w.Wk));
      const v = tf.matMul(x, tf.tensor2d(w.Wv));
      const s = tf.div(tf.matMul(q, k, false, true), Math.sqrt(w.Wq[0]!.length));
      const a = tf.softmax(s);
      const y = tf.matMul(a, v);
      return [q, k, v, s, a, y].map((t) => (t.dataSync() as Float32Array).slice());
    });
  }

  it('matches a tfjs softmax(Q Kᵀ/√d_k) V on the lesson tokens, step by step', () => {
    const X = TOKENS.map((t) => t.x);
    const r = selfAttention(X, ATTENTION);
    const [q, k, v, s, a, y] = tfAttention(X, ATTENTION);
    close(r.Q.flat(), q!);
    close(r.K.flat(), k!);
    close(r.V.flat(), v!);
    close(r.scores.flat(), s!);
    close(r.weights.flat(), a!);
    close(r.out.flat(), y!);
    expect(r.scale).toBeCloseTo(Math.sqrt(3), 12);
    for (const row of r.weights) expect(row.reduce((p, c) => p + c, 0)).toBeCloseTo(1, 12);
    // The example reads as intended: «luz» looks mostly at «enciende», «enciende» at «luz».
    const argmax = (row: number[]) => row.indexOf(Math.max(...row));
    expect(argmax(r.weights[2]!)).toBe(0);
    expect(argmax(r.weights[0]!)).toBe(2);
  });

  it('matches tfjs with random weights (6 tokens, d = 5, d_k = 4, d_v = 3)', () => {
    const rng = createRng(5);
    const w: AttentionWeights = { Wq: randMat(rng, 5, 4), Wk: randMat(rng, 5, 4), Wv: randMat(rng, 5, 3) };
    const X = randMat(rng, 6, 5, 1.5);
    const r = selfAttention(X, w);
    const ref = tfAttention(X, w);
    [r.Q, r.K, r.V, r.scores, r.weights, r.out].forEach((m, i) => close(m.flat(), ref[i]!));
  });

  it('softmax is shift-invariant and safe with large scores', () => {
    const a = softmax([1, 2, 3]);
    close(a, softmax([1001, 1002, 1003]));
    expect(a[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
  });
});
