// The lesson-10 CNN in tfjs (widgets/lib/cnn/model.ts, train.ts): layer names and sizes, seeded
// initialisation, the loss formula, training steps that leave no tensors behind, and a whole
// (tiny) run that repeats exactly with the same seed and frees everything on dispose.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistSplit } from '../../widgets/lib/data/mnist';
import { enableFastTraining } from '../../widgets/lib/cnn/backend';
import { buildCnn, layerSeeds, predictProbs } from '../../widgets/lib/cnn/model';
import { classifierStep, crossEntropy } from '../../widgets/lib/tfjs/classifier';

const trainStep = (tf: typeof import('@tensorflow/tfjs'), m: import('@tensorflow/tfjs').LayersModel, opt: import('@tensorflow/tfjs').Optimizer, images: Float32Array, oneHot: Float32Array, n: number) =>
  classifierStep(tf, m, opt, images, [28, 28, 1], oneHot, n, 10);
import { cnnSummary, DEFAULT_ARCH, type TrainConfig } from '../../widgets/lib/cnn/spec';
import { CnnTrainer, epochOrder } from '../../widgets/lib/cnn/train';
import { createRng } from '../../widgets/lib/rng/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // The trainer's CPU path (tfjs's own conv and pool gradients take seconds per step on CPU).
  enableFastTraining(tf, 'cpu');
});

/** n fake 28×28 digits: class k is a bright bar in row band k (learnable in a few steps). */
function fakeSplit(n: number, seed: number): MnistSplit {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    labels[i] = k;
    for (let c = 4; c < 24; c++) images[i * 784 + (2 + 2 * k) * 28 + c] = 200 + rng.int(0, 55);
  }
  return { images, labels, count: n };
}

describe('model', () => {
  it('layers carry the spec names and the parameter count of the summary', () => {
    const m = buildCnn(tf, DEFAULT_ARCH, 1);
    expect(m.layers.map((l) => l.name)).toEqual(['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output']);
    expect(m.countParams()).toBe(cnnSummary(DEFAULT_ARCH).totalParams);
    expect(m.outputs[0]!.shape).toEqual([null, 10]);
    m.dispose();
  });

  it('the same seed gives the same weights; another seed, other weights', () => {
    const flat = (m: tf.LayersModel): number[] => m.getWeights().flatMap((w) => [...w.dataSync()]);
    const [a, b, c] = [buildCnn(tf, DEFAULT_ARCH, 7), buildCnn(tf, DEFAULT_ARCH, 7), buildCnn(tf, DEFAULT_ARCH, 8)];
    expect(flat(a)).toEqual(flat(b));
    expect(flat(a)).not.toEqual(flat(c));
    expect(layerSeeds(7, 3)).toEqual(layerSeeds(7, 3));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('cross-entropy is −(1/B) Σ y log p (p clipped at 1e-7)', () => {
    const y = tf.tensor2d([[0, 1], [1, 0]]);
    const p = tf.tensor2d([[0.2, 0.8], [0, 1]]);
    const l = crossEntropy(tf, y, p).dataSync()[0]!;
    expect(l).toBeCloseTo(-(Math.log(0.8) + Math.log(1e-7)) / 2, 4);
    tf.dispose([y, p]);
  });

  it('a training step lowers the loss on its batch and leaves no tensor behind', () => {
    const split = fakeSplit(20, 1);
    const images = Float32Array.from(split.images, (v) => v / 255);
    const oneHot = new Float32Array(20 * 10);
    split.labels.forEach((l, i) => { oneHot[i * 10 + l] = 1; });
    const m = buildCnn(tf, { conv1: 4, conv2: 4, hidden: 0 }, 2);
    const opt = tf.train.adam(0.01);
    trainStep(tf, m, opt, images, oneHot, 20); // creates the optimizer's slots
    const before = tf.memory().numTensors;
    const first = trainStep(tf, m, opt, images, oneHot, 20);
    let last = first;
    for (let k = 0; k < 10; k++) last = trainStep(tf, m, opt, images, oneHot, 20);
    expect(tf.memory().numTensors).toBe(before);
    expect(last.loss).toBeLessThan(first.loss);
    const probs = predictProbs(tf, m, images, 20, 7);
    for (let i = 0; i < 20; i++) {
      const s = probs.subarray(i * 10, i * 10 + 10).reduce((a, v) => a + v, 0);
      expect(Math.abs(s - 1)).toBeLessThan(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    m.dispose();
  });
});

describe('CnnTrainer', () => {
  const config: TrainConfig = { epochs: 2, batchSize: 8, learningRate: 0.01, optimizer: 'adam', trainSize: 30, seed: 4 };
  const arch = { conv1: 2, conv2: 3, hidden: 0 };

  it('epoch orders are seeded permutations', () => {
    const o = epochOrder(4, 0, 30);
    expect([...o].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(epochOrder(4, 0, 30)).toEqual(o);
    expect(epochOrder(4, 1, 30)).not.toEqual(o);
  });

  it('runs a whole plan, repeats exactly with the same seed and frees every tensor', () => {
    const split = fakeSplit(40, 3);
    const start = tf.memory().numTensors;
    const run = (): number[] => {
      const t = new CnnTrainer(tf, arch, config, split);
      const losses: number[] = [];
      const ends: boolean[] = [];
      while (!t.done) {
        const r = t.step();
        losses.push(r.loss);
        ends.push(r.epochEnded);
      }
      expect(losses).toHaveLength(8); // 2 epochs × ceil(30 / 8)
      expect(ends.filter(Boolean)).toHaveLength(2);
      expect(t.samples).toBe(60);
      const e = t.evaluate(split);
      expect(e.matrix.flat().reduce((a, v) => a + v, 0)).toBe(40);
      expect(() => t.step()).toThrow(/over/);
      t.dispose();
      return losses;
    };
    const a = run();
    expect(tf.memory().numTensors).toBe(start);
    expect(run()).toEqual(a);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('more epochs can be added to a finished run', () => {
    const t = new CnnTrainer(tf, arch, { ...config, epochs: 1 }, fakeSplit(40, 3));
    while (!t.done) t.step();
    t.setEpochs(2);
    expect(t.done).toBe(false);
    while (!t.done) t.step();
    expect(t.cursor.epoch).toBe(2);
    t.dispose();
  });
});
