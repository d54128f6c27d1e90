// lib/motion/model.ts and net.ts: the pure-JS forward pass (predictProbs) gives what tfjs gives
// with the same weights (|diff| < 1e-5), normalises with the stored mean/std, and the plain
// weights survive tfjs → plain → tfjs. validateMotionModel rejects broken models in Spanish.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  argmax, normalizeFeatures, parameterCount, predictProbs, validateMotionModel, type MotionModelData,
} from '../../widgets/lib/motion/model';
import { buildMotionNet, netFromLayers, predictBatch, readLayers } from '../../widgets/lib/motion/net';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const D = 33;
/** The contract's spectral defaults (the values only travel with the model here). */
const PARAMS: MotionModelData['params'] = {
  scale: 1, filter: { type: 'none', cutoffHz: 3, order: 6 }, fftLength: 128, peakCount: 3, peakThreshold: 0.1,
  bands: [[0.1, 0.5], [0.5, 1], [1, 2], [2, 5]],
};

function modelFrom(net: tf.LayersModel, seed: number): MotionModelData {
  const rng = createRng(seed);
  return {
    labels: ['reposo', 'lado a lado', 'arriba y abajo', 'círculo'], hz: 100, windowMs: 2000, params: PARAMS,
    mean: Array.from({ length: D }, () => rng.uniform(-2, 2)),
    std: Array.from({ length: D }, () => rng.uniform(0.1, 3)),
    layers: readLayers(net), createdAt: 0, source: 'example',
  };
}

describe('predictProbs', () => {
  it('matches tfjs predict on the same weights and normalised inputs (|diff| < 1e-5)', () => {
    const net = buildMotionNet(tf, D, [20, 10], 4, 5);
    // Non-zero biases, so the bias path is checked too.
    net.layers.forEach((l, i) => {
      const [k, b] = l.getWeights();
      const nb = tf.randomUniform(b!.shape, -0.5, 0.5, 'float32', 10 + i);
      l.setWeights([k!, nb]);
      nb.dispose();
    });
    const m = modelFrom(net, 2);
    const rng = createRng(4);
    for (let t = 0; t < 25; t++) {
      const x = Array.from({ length: D }, (_, j) => m.mean[j]! + m.std[j]! * rng.normal(0, 1.5));
      const ours = predictProbs(m, x);
      const z = Float32Array.from(normalizeFeatures(m, x));
      const ref = predictBatch(tf, net, z, 1, D);
      expect(ours).toHaveLength(4);
      expect(ours.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let k = 0; k < 4; k++) expect(Math.abs(ours[k]! - ref[k]!)).toBeLessThan(1e-5);
      expect(argmax(ours)).toBe(argmax(ref));
    }
    net.dispose();
  });

  it('normalises with the stored statistics: z = (x − mean) / std', () => {
    const m = { mean: [1, 2], std: [2, 4] };
    expect(Array.from(normalizeFeatures(m, [3, 2]))).toEqual([1, 0]);
    expect(() => normalizeFeatures(m, [1])).toThrow(RangeError);
  });

  it('plain weights round-trip through tfjs without a change, and leave no tensor behind', () => {
    const before = tf.memory().numTensors;
    const net = buildMotionNet(tf, D, [20, 10], 3, 9);
    const layers = readLayers(net);
    expect(layers.map((l) => [l.units, l.activation, l.weights.length])).toEqual([[20, 'relu', 660], [10, 'relu', 200], [3, 'softmax', 30]]);
    const back = netFromLayers(tf, D, layers);
    expect(readLayers(back)).toEqual(layers);
    net.dispose();
    back.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts parameters as Σ in·out + out (934 for 33 → 20 → 10 → 4)', () => {
    const net = buildMotionNet(tf, D, [20, 10], 4, 1);
    expect(parameterCount(modelFrom(net, 1))).toBe(934);
    expect(net.countParams()).toBe(934);
    net.dispose();
  });
});

describe('validateMotionModel', () => {
  it('accepts a good model and names what is wrong with a bad one', () => {
    const net = buildMotionNet(tf, D, [8], 2, 3);
    const m = modelFrom(net, 1);
    m.labels = ['a', 'b'];
    net.dispose();
    expect(validateMotionModel(m).ok).toBe(true);
    const bad = (patch: Partial<MotionModelData>) => validateMotionModel({ ...m, ...patch });
    expect(bad({ labels: ['a'] })).toMatchObject({ ok: false, message: expect.stringMatching(/dos clases/) });
    expect(bad({ std: m.std.map(() => 0) })).toMatchObject({ ok: false, message: expect.stringMatching(/normalización/) });
    expect(bad({ layers: [{ ...m.layers[0]!, weights: [1, 2] }, m.layers[1]!] })).toMatchObject({ ok: false, message: expect.stringMatching(/capa 1/) });
    expect(bad({ labels: ['a', 'b', 'c'] })).toMatchObject({ ok: false, message: expect.stringMatching(/softmax/) });
    expect(validateMotionModel(null)).toMatchObject({ ok: false });
  });
});
