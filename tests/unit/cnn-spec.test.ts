// Lesson-10 CNN as data: architecture → named layer list, limits, summary figures, and the
// training-run bookkeeping (batches, epochs, time slices).
import { describe, expect, it } from 'vitest';
import { SMALL_CNN } from '../../widgets/lib/conv/shapes';
import { archError, batchesPerEpoch, cnnLayers, cnnSummary, DEFAULT_ARCH, DEFAULT_TRAIN, trainError } from '../../widgets/lib/cnn/spec';
import { advance, batchRange, epochsSeen, isDone, samplesSeen, START, WindowMean } from '../../widgets/lib/cnn/schedule';
import { runSlice } from '../../widgets/lib/time/slice';

describe('spec: architecture → layers', () => {
  it('the default architecture is the course CNN of lesson 09, with stable names', () => {
    const layers = cnnLayers(DEFAULT_ARCH);
    expect(layers.map((l) => l.name)).toEqual(['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output']);
    expect(layers.map((l) => l.spec)).toEqual(SMALL_CNN);
  });

  it('a hidden dense layer goes between flatten and output', () => {
    const layers = cnnLayers({ conv1: 4, conv2: 8, hidden: 32 });
    expect(layers.map((l) => l.name)).toEqual(['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'hidden', 'output']);
    expect(layers[5]!.spec).toEqual({ type: 'dense', units: 32, activation: 'relu' });
    expect(layers[0]!.spec).toMatchObject({ type: 'conv2d', filters: 4 });
  });

  it('summary: parameters and multiply-adds counted by hand', () => {
    const s = cnnSummary(DEFAULT_ARCH);
    // conv1 3·3·1·8 + 8 = 80; conv2 3·3·8·16 + 16 = 1168; dense 784·10 + 10 = 7850.
    expect(s.totalParams).toBe(80 + 1168 + 7850);
    // conv1 28·28·8·9; conv2 14·14·16·72; dense 784·10.
    expect(s.totalMacs).toBe(28 * 28 * 8 * 9 + 14 * 14 * 16 * 72 + 784 * 10);
    expect(s.float32Bytes).toBe(4 * 9098);
    expect(s.output).toEqual([10]);
  });

  it('rejects architectures and settings outside the limits, in Spanish', () => {
    expect(archError(DEFAULT_ARCH)).toBeNull();
    expect(archError({ conv1: 0, conv2: 16, hidden: 0 })).toMatch(/conv1.*entre 1 y 16/);
    expect(archError({ conv1: 8, conv2: 16, hidden: 3.5 })).toMatch(/capa oculta/);
    expect(() => cnnLayers({ conv1: 8, conv2: 99, hidden: 0 })).toThrow(/conv2/);
    expect(trainError(DEFAULT_TRAIN)).toBeNull();
    expect(trainError({ ...DEFAULT_TRAIN, epochs: 0 })).toMatch(/épocas/);
    expect(trainError({ ...DEFAULT_TRAIN, learningRate: 2 })).toMatch(/tasa/);
    expect(trainError({ ...DEFAULT_TRAIN, trainSize: 9000 })).toMatch(/ejemplos/);
    // 8000 would eat the 1000 validation digits held out of the 8000 training ones.
    expect(trainError({ ...DEFAULT_TRAIN, trainSize: 7000 })).toBeNull();
    expect(trainError({ ...DEFAULT_TRAIN, trainSize: 7001 })).toMatch(/entre 10 y 7000/);
  });
});

describe('schedule: batches, epochs and slices', () => {
  const plan = { epochs: 2, batchSize: 3, trainSize: 7 };

  it('an epoch of 7 examples in batches of 3 is 3, 3 and 1', () => {
    expect(batchesPerEpoch(7, 3)).toBe(3);
    expect(batchRange({ epoch: 0, batch: 0 }, plan)).toEqual([0, 3]);
    expect(batchRange({ epoch: 0, batch: 2 }, plan)).toEqual([6, 7]);
    expect(() => batchRange({ epoch: 0, batch: 3 }, plan)).toThrow(RangeError);
  });

  it('advance walks the run and counts examples', () => {
    let c = { ...START };
    const ended: boolean[] = [];
    const seen: number[] = [];
    while (!isDone(c, plan)) {
      const r = advance(c, plan);
      ended.push(r.epochEnded);
      c = r.next;
      seen.push(samplesSeen(c, plan));
    }
    expect(ended).toEqual([false, false, true, false, false, true]);
    expect(seen).toEqual([3, 6, 7, 10, 13, 14]);
    expect(epochsSeen(c, plan)).toBe(2);
  });

  it('runSlice stops before the budget would be passed, runs at least once, and stops on request', () => {
    let t = 0;
    const now = () => t;
    let n = 0;
    // Each step takes 30 ms: after 3 steps (90 ms) a 4th would end at 120 > 100.
    const r = runSlice(() => { t += 30; n++; return true; }, { budgetMs: 100, now });
    expect(r).toEqual({ steps: 3, elapsedMs: 90, slowestMs: 30 });
    const once = runSlice(() => { t += 500; return true; }, { budgetMs: 100, now });
    expect(once.steps).toBe(1);
    const stop = runSlice(() => { t += 1; return false; }, { budgetMs: 100, now });
    expect(stop.steps).toBe(1);
    const capped = runSlice(() => { t += 1; return true; }, { budgetMs: 100, now, maxSteps: 5 });
    expect(capped.steps).toBe(5);
    expect(n).toBe(3);
  });

  it('WindowMean averages the last values by weight', () => {
    const m = new WindowMean(2);
    expect(Number.isNaN(m.mean)).toBe(true);
    m.push(1, 1);
    m.push(0, 3);
    expect(m.mean).toBeCloseTo(0.25, 12);
    m.push(1, 1); // the first value leaves the window
    expect(m.mean).toBeCloseTo(0.25, 12);
    expect(m.count).toBe(2);
    m.clear();
    expect(m.count).toBe(0);
    expect(() => new WindowMean(0)).toThrow(RangeError);
  });
});
