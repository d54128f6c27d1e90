// Confusion-matrix math (widgets/lib/cnn/confusion.ts) against counts and figures worked out by
// hand, and the mean cross-entropy against tfjs's categoricalCrossentropy.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracy, confusionMatrix, matrixTotal, meanCrossEntropy, misclassified, precision, predictions, recall, topConfusions,
} from '../../widgets/lib/cnn/confusion';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('confusion matrix', () => {
  // Three classes, 8 examples: truth → predicted.
  const truth = [0, 0, 0, 1, 1, 2, 2, 2];
  const pred = [0, 0, 1, 1, 1, 2, 0, 0];
  const m = confusionMatrix(truth, pred, 3);

  it('counts each (truth, predicted) pair in row truth, column predicted', () => {
    expect(m).toEqual([
      [2, 1, 0],
      [0, 2, 0],
      [2, 0, 1],
    ]);
    expect(matrixTotal(m)).toBe(8);
  });

  it('accuracy, recall and precision', () => {
    expect(accuracy(m)).toBeCloseTo(5 / 8, 12);
    expect(recall(m)).toEqual([2 / 3, 1, 1 / 3]);
    expect(precision(m)).toEqual([2 / 4, 2 / 3, 1]);
    const empty = confusionMatrix([0], [0], 2);
    expect(Number.isNaN(recall(empty)[1]!)).toBe(true);
    expect(Number.isNaN(precision(empty)[1]!)).toBe(true);
  });

  it('top confusions: largest off-diagonal cells first', () => {
    expect(topConfusions(m, 5)).toEqual([
      { truth: 2, predicted: 0, count: 2 },
      { truth: 0, predicted: 1, count: 1 },
    ]);
  });

  it('rejects mismatched lengths and classes out of range', () => {
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([3], [0], 3)).toThrow(RangeError);
  });
});

describe('predictions and mistakes', () => {
  const probs = Float32Array.from([
    0.7, 0.2, 0.1, // truth 0, right
    0.1, 0.3, 0.6, // truth 1, says 2 (0.6)
    0.05, 0.9, 0.05, // truth 2, says 1 (0.9)
    0.4, 0.4, 0.2, // truth 1, tie → says 0 (0.4)
  ]);
  const labels = [0, 1, 2, 1];

  it('argmax per row, ties to the lower class', () => {
    expect([...predictions(probs, 4, 3)]).toEqual([0, 2, 1, 0]);
  });

  it('misclassified: most confident mistakes first', () => {
    const miss = misclassified(labels, probs, 10, 3);
    expect(miss.map((x) => x.index)).toEqual([2, 1, 3]);
    expect(miss[0]).toMatchObject({ truth: 2, predicted: 1 });
    expect(miss[0]!.confidence).toBeCloseTo(0.9, 6);
    expect(misclassified(labels, probs, 1, 3)).toHaveLength(1);
  });

  it('mean cross-entropy equals tfjs categoricalCrossentropy (1e-6)', () => {
    const ours = meanCrossEntropy(labels, probs, 3);
    const ref = tf.tidy(() => tf.mean(tf.metrics.categoricalCrossentropy(tf.oneHot(labels, 3), tf.tensor2d(probs, [4, 3]))).dataSync()[0]!);
    expect(Math.abs(ours - ref)).toBeLessThan(1e-6);
    expect(ours).toBeCloseTo(-(Math.log(0.7) + Math.log(0.3) + Math.log(0.05) + Math.log(0.4)) / 4, 6);
  });
});
