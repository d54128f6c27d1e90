// Lesson 11, model side (widgets/lib/transfer/model.ts, params.ts, run.ts) on tfjs's CPU backend:
// parameter counts against tfjs, freezing (the base does not move while the head learns), no
// tensor left behind, a seeded experiment that repeats exactly, the test score formula, and the
// shipped base (public/models/base-0-4/) made only from the digits 0…4.
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { enableFastTraining } from '../../widgets/lib/cnn/backend';
import { makeOptimizer } from '../../widgets/lib/cnn/model';
import { parseMnist, type MnistSplit } from '../../widgets/lib/data/mnist';
import { createRng } from '../../widgets/lib/rng/rng';
import { filterSplit, NEW_DIGITS, taskBatch } from '../../widgets/lib/transfer/data';
import { applyMeanGradients, buildSmallCnn, gradientSum, readBase, trainableVariables, type BaseWeights } from '../../widgets/lib/transfer/model';
import { classifierStep } from '../../widgets/lib/tfjs/classifier';

const trainStep = (tf: typeof import('@tensorflow/tfjs'), m: import('@tensorflow/tfjs').LayersModel, opt: import('@tensorflow/tfjs').Optimizer, vars: import('@tensorflow/tfjs').Variable[], images: Float32Array, oneHot: Float32Array, n: number, k: number) =>
  classifierStep(tf, m, opt, images, [28, 28, 1], oneHot, n, k, vars);
import { convParams, denseParams, paramCounts } from '../../widgets/lib/transfer/params';
import { Experiment, scoreProbs } from '../../widgets/lib/transfer/run';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  enableFastTraining(tf, 'cpu');
});

/** A random base (seeded), shaped like conv1 [3,3,1,8] and conv2 [3,3,8,16]. */
function fakeBase(seed: number): BaseWeights {
  const rng = createRng(seed);
  const arr = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-0.3, 0.3));
  return {
    conv1: { kernel: arr(72), kernelShape: [3, 3, 1, 8], bias: arr(8) },
    conv2: { kernel: arr(1152), kernelShape: [3, 3, 8, 16], bias: arr(16) },
  };
}

/** n fake digits 5…9: digit d is a bright bar in row band d − 5 (learnable in a few steps). */
function fakeSplit(n: number, seed: number): MnistSplit {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 5;
    labels[i] = 5 + c;
    for (let x = 4; x < 24; x++) images[i * 784 + (3 + 4 * c) * 28 + x] = 180 + rng.int(0, 75);
  }
  return { images, labels, count: n };
}

const values = (ts: tf.Tensor[]): number[][] => ts.map((t) => Array.from(t.dataSync()));

describe('parameter counts', () => {
  it('match the hand formulas and tfjs countParams', () => {
    expect(convParams({ kernel: 3, inChannels: 1, filters: 8 })).toBe(80);
    expect(convParams({ kernel: 3, inChannels: 8, filters: 16 })).toBe(1168);
    expect(denseParams(784, 5)).toBe(3925);
    const t = paramCounts(5, 'transfer');
    const s = paramCounts(5, 'scratch');
    expect(t).toEqual({ base: 1248, head: 3925, total: 5173, trainable: 3925, frozen: 1248 });
    expect(s).toEqual({ base: 1248, head: 3925, total: 5173, trainable: 5173, frozen: 0 });
    const mt = buildSmallCnn(tf, 5, 1, fakeBase(1));
    const ms = buildSmallCnn(tf, 5, 1, null);
    const count = (m: tf.LayersModel, trainable: boolean): number =>
      (trainable ? m.trainableWeights : m.nonTrainableWeights).reduce((a, w) => a + (w.shape as number[]).reduce((x, y) => x * y, 1), 0);
    expect(mt.countParams()).toBe(t.total);
    expect(count(mt, true)).toBe(t.trainable);
    expect(count(mt, false)).toBe(t.frozen);
    expect(count(ms, true)).toBe(s.trainable);
    expect(trainableVariables(mt)).toHaveLength(2);
    expect(trainableVariables(ms)).toHaveLength(6);
    mt.dispose();
    ms.dispose();
  });
});

describe('freezing', () => {
  it('head training leaves the base exactly as copied and changes the head', () => {
    const start = tf.memory().numTensors;
    const base = fakeBase(2);
    const m = buildSmallCnn(tf, 5, 3, base);
    expect(Array.from(m.getLayer('conv1').getWeights()[0]!.dataSync())).toEqual(Array.from(base.conv1.kernel));
    const headBefore = values(m.getLayer('head').getWeights());
    const opt = makeOptimizer(tf, { optimizer: 'adam', learningRate: 0.01 });
    const b = taskBatch(fakeSplit(20, 1), Array.from({ length: 20 }, (_, i) => i), NEW_DIGITS);
    for (let i = 0; i < 5; i++) trainStep(tf, m, opt, trainableVariables(m), b.images, b.oneHot, b.size, 5);
    const [k1, b1] = values(m.getLayer('conv1').getWeights());
    const [k2, b2] = values(m.getLayer('conv2').getWeights());
    expect(k1).toEqual(Array.from(base.conv1.kernel));
    expect(b1).toEqual(Array.from(base.conv1.bias));
    expect(k2).toEqual(Array.from(base.conv2.kernel));
    expect(b2).toEqual(Array.from(base.conv2.bias));
    const headAfter = values(m.getLayer('head').getWeights());
    expect(headAfter[0]).not.toEqual(headBefore[0]);
    opt.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('from scratch, the same steps do move the convolutions', () => {
    const m = buildSmallCnn(tf, 5, 3, null);
    const before = values(m.getLayer('conv1').getWeights());
    const opt = makeOptimizer(tf, { optimizer: 'adam', learningRate: 0.01 });
    const b = taskBatch(fakeSplit(10, 2), Array.from({ length: 10 }, (_, i) => i), NEW_DIGITS);
    trainStep(tf, m, opt, trainableVariables(m), b.images, b.oneHot, b.size, 5);
    expect(values(m.getLayer('conv1').getWeights())[0]).not.toEqual(before[0]);
    opt.dispose();
    m.dispose();
  });

  it('both networks start from the same head with the same seed', () => {
    const a = buildSmallCnn(tf, 5, 9, fakeBase(1));
    const b = buildSmallCnn(tf, 5, 9, null);
    expect(values(a.getLayer('head').getWeights())).toEqual(values(b.getLayer('head').getWeights()));
    a.dispose();
    b.dispose();
  });
});

describe('gradient in pieces', () => {
  it('summing the gradients of two halves and applying the mean is the same step as one minimize', () => {
    const start = tf.memory().numTensors;
    const b = taskBatch(fakeSplit(16, 6), Array.from({ length: 16 }, (_, i) => i), NEW_DIGITS);
    const one = buildSmallCnn(tf, 5, 4, null);
    const two = buildSmallCnn(tf, 5, 4, null);
    const o1 = makeOptimizer(tf, { optimizer: 'adam', learningRate: 0.01 });
    const o2 = makeOptimizer(tf, { optimizer: 'adam', learningRate: 0.01 });
    const v2 = trainableVariables(two);
    for (let step = 0; step < 2; step++) {
      const whole = trainStep(tf, one, o1, trainableVariables(one), b.images, b.oneHot, 16, 5);
      const a = gradientSum(tf, two, v2, b.images.subarray(0, 8 * 784), b.oneHot.subarray(0, 40), 8, 5);
      const c = gradientSum(tf, two, v2, b.images.subarray(8 * 784), b.oneHot.subarray(40), 8, 5);
      // Loss and hits before the update: the pieces add up to the whole batch.
      expect((a.lossSum + c.lossSum) / 16).toBeCloseTo(whole.loss, 5);
      expect(a.correct + c.correct).toBe(whole.correct);
      const sums = a.grads.map((g, i) => tf.add(g, c.grads[i]!));
      tf.dispose([...a.grads, ...c.grads]);
      applyMeanGradients(tf, o2, v2, sums, 16);
    }
    const w1 = values(one.getWeights());
    const w2 = values(two.getWeights());
    w1.forEach((w, i) => w.forEach((x, j) => expect(Math.abs(x - w2[i]![j]!)).toBeLessThan(1e-5)));
    [o1, o2].forEach((o) => o.dispose());
    [one, two].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('Experiment', () => {
  const train = taskBatch(fakeSplit(15, 3), Array.from({ length: 15 }, (_, i) => i), NEW_DIGITS);
  const test = taskBatch(fakeSplit(25, 4), Array.from({ length: 25 }, (_, i) => i), NEW_DIGITS);
  const cfg = { epochs: 4, batchSize: 8, learningRate: 0.01, seed: 5, evalEvery: 2, evalChunk: 10 };

  it('runs in counted units, measures at the planned epochs, repeats exactly and frees every tensor', () => {
    const start = tf.memory().numTensors;
    const run = (): Experiment => {
      const ex = new Experiment(tf, fakeBase(4), train, test, 5, cfg);
      let units = 0;
      for (const _ of ex.units()) units++;
      expect(units).toBe(ex.total);
      expect(ex.done).toBe(ex.total);
      ex.dispose();
      return ex;
    };
    const a = run();
    expect(tf.memory().numTensors).toBe(start);
    // 2 warm-ups + (pieces of 8 and 7 examples) × 2 models × 4 epochs + 2 evaluations × 2 models × 3 chunks.
    expect(a.total).toBe(2 + 16 + 12);
    expect(a.evalEpochs()).toEqual([2, 4]);
    expect(a.trainPoints.map((p) => `${p.epoch}${p.mode[0]}`)).toEqual(['1t', '1s', '2t', '2s', '3t', '3s', '4t', '4s']);
    expect(a.testPoints.map((p) => p.epoch)).toEqual([2, 2, 4, 4]);
    for (const p of a.testPoints) expect(p.countPerClass).toEqual([5, 5, 5, 5, 5]);
    const b = run();
    expect(b.trainPoints).toEqual(a.trainPoints);
    expect(b.testPoints).toEqual(a.testPoints);
    // A learnable toy task: the loss of both models falls.
    for (const mode of ['transfer', 'scratch']) {
      const pts = a.trainPoints.filter((p) => p.mode === mode);
      expect(pts.at(-1)!.loss).toBeLessThan(pts[0]!.loss);
    }
  });

  it('a cancelled run (stop iterating, dispose) also frees everything', () => {
    const start = tf.memory().numTensors;
    const ex = new Experiment(tf, fakeBase(4), train, test, 5, cfg);
    const it = ex.units();
    for (let i = 0; i < 3; i++) it.next();
    ex.dispose();
    expect(() => it.next()).toThrow('disposed');
    expect(tf.memory().numTensors).toBe(start);
  });

  it('scoreProbs: accuracy counts argmax hits, loss is the mean −log p of the true class', () => {
    const probs = [0.7, 0.1, 0.1, 0.05, 0.05, /**/ 0.2, 0.5, 0.1, 0.1, 0.1, /**/ 0, 0, 1, 0, 0];
    const s = scoreProbs(probs, [0, 0, 3], 5);
    expect(s.correct).toBe(1);
    expect(s.correctPerClass).toEqual([1, 0, 0, 0, 0]);
    expect(s.countPerClass).toEqual([2, 0, 0, 1, 0]);
    expect(s.lossSum).toBeCloseTo(-Math.log(0.7) - Math.log(0.2) - Math.log(1e-7), 5);
  });
});

describe('the shipped base public/models/base-0-4', () => {
  const dir = 'public/models/base-0-4';
  it('was trained only on the digits 0…4 of the course split and loads as a base', async () => {
    const meta = JSON.parse(readFileSync(`${dir}/metadata.json`, 'utf8'));
    expect(meta.digits).toEqual([0, 1, 2, 3, 4]);
    expect(meta.command).toContain('--digits 0-4');
    expect(meta.test.accuracy).toBeGreaterThan(0.97);
    if (existsSync('public/data/mnist-10k.bin')) {
      const buf = readFileSync('public/data/mnist-10k.bin');
      const data = parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      expect(meta.training.trainSize).toBe(filterSplit(data.train, [0, 1, 2, 3, 4]).count);
      expect(meta.test.examples).toBe(filterSplit(data.test, [0, 1, 2, 3, 4]).count);
    }
    const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8'));
    const bin = readFileSync(`${dir}/weights.bin`);
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }));
    const base = readBase(model);
    model.dispose();
    expect(base.conv1.kernelShape).toEqual([3, 3, 1, 8]);
    expect(base.conv2.kernelShape).toEqual([3, 3, 8, 16]);
    expect(base.conv2.bias).toHaveLength(16);
  });
});
