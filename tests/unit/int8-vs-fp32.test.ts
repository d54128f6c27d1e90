/**
 * int8-vs-fp32 widget, pure logic: latency statistics, the model-vs-model tally, per-layer error
 * aggregation and chunked calibration, each against hand computations or an independent
 * reference; plus the per-layer pipeline on the shipped default CNN and real MNIST digits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, chunks, convertFloat32, convertInt8, kerasFromArtifacts, mergeCalibration, planModel } from '../../widgets/lib/convert';
import { imageFloat, parseMnist } from '../../widgets/lib/data/mnist';
import { layerReal, runModel } from '../../widgets/lib/int8ref';
import { argmax } from '../../widgets/lib/conv/ops';
import {
  PTQ_FACTS, ROUNDING_RMS_STEPS, addLayerSample, emptyTally, latencyStats, layerErrors,
  ptqDrop, quantile, sizeComparison, speedVerdict, summarize, type LayerAcc,
} from '../../widgets/int8-vs-fp32/core';

describe('quantile, median and p90', () => {
  it('match hand computations (linear interpolation, numpy default)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5); // mean of the two middle values
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    // p90 of 1..4: h = 3·0,9 = 2,7 → 3 + 0,7·(4 − 3) = 3,7 (numpy.percentile([1,2,3,4], 90) = 3.7)
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    // p90 of 1..10: h = 9·0,9 = 8,1 → 9 + 0,1 = 9,1
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2], 0)).toBe(1);
    expect(quantile([1, 2], 1)).toBe(2);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const xs = [3, 1, 2];
    quantile(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('latencyStats gathers median, p90, min and the sample count', () => {
    const s = latencyStats([0.2, 0.1, 0.4, 0.3, 0.5]);
    expect(s.median).toBeCloseTo(0.3, 12);
    expect(s.p90).toBeCloseTo(0.46, 12); // h = 3,6 → 0,4 + 0,6·0,1
    expect(s.min).toBe(0.1);
    expect(s.samples).toBe(5);
  });
});

describe('comparing the two models digit by digit', () => {
  it('argmax takes the first of equal maxima', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([0.5, 0.5])).toBe(0);
    expect(argmax([])).toBe(-1);
  });

  it('accuracy, agreement and max |Δp| over four hand-made digits', () => {
    const t = emptyTally();
    // label 0: both right
    t.add({ fp32: [0.9, 0.1, 0], int8: [0.8, 0.2, 0] }, 0);
    // label 1: fp32 right, int8 wrong (picks 2) → disagree
    t.add({ fp32: [0.2, 0.5, 0.3], int8: [0.2, 0.35, 0.45] }, 1);
    // label 2: both wrong, same class 0 → agree
    t.add({ fp32: [0.6, 0.1, 0.3], int8: [0.7, 0.1, 0.2] }, 2);
    // label 2: fp32 wrong (1), int8 right → disagree
    t.add({ fp32: [0.3, 0.4, 0.3], int8: [0.3, 0.3, 0.4] }, 2);
    const s = summarize(t);
    expect(s.n).toBe(4);
    expect(s.accFp32).toBe(2 / 4);
    expect(s.accInt8).toBe(2 / 4);
    expect(s.agreement).toBe(2 / 4);
    expect(s.dropPoints).toBe(0);
    expect(s.maxAbsDiff).toBeCloseTo(0.15, 12); // |0,5 − 0,35| and |0,3 − 0,45|
  });

  it('dropPoints is float minus int8 in percentage points', () => {
    const t = emptyTally();
    t.add({ fp32: [1, 0], int8: [1, 0] }, 0);
    t.add({ fp32: [1, 0], int8: [0, 1] }, 0);
    const s = summarize(t);
    expect(s.accFp32).toBe(1);
    expect(s.accInt8).toBe(0.5);
    expect(s.dropPoints).toBe(50);
    expect(() => t.add({ fp32: [1], int8: [1, 0] }, 0)).toThrow(RangeError);
    expect(summarize(emptyTally()).accFp32).toBeNaN();
  });
});

describe('per-layer quantization error', () => {
  it('RMSE, steps, relative error and max over hand-computed values', () => {
    const accs: LayerAcc[] = [];
    // errors 0,1 / 0 / −0,2 / 0 → Σe² = 0,05 over 4 values; Σx² = 0 + 1 + 4 + 9 = 14
    addLayerSample(accs, 'conv1', 'CONV_2D', 0.1, [0, 1, 2, 3], [0.1, 1, 1.8, 3]);
    const [e] = layerErrors(accs);
    expect(e!.rmse).toBeCloseTo(Math.sqrt(0.05 / 4), 12);
    expect(e!.rmseSteps).toBeCloseTo(Math.sqrt(0.05 / 4) / 0.1, 12);
    expect(e!.relative).toBeCloseTo(Math.sqrt(0.05 / 4) / Math.sqrt(14 / 4), 12);
    expect(e!.maxAbs).toBeCloseTo(0.2, 12);
    expect(e!.count).toBe(4);
  });

  it('accumulating image by image equals one pass over all the values; layers keep their order', () => {
    const a: LayerAcc[] = [];
    addLayerSample(a, 'c', 'CONV_2D', 0.5, [1, 2], [1.5, 2]);
    addLayerSample(a, 'd', 'FULLY_CONNECTED', 0.25, [3], [3.25]);
    addLayerSample(a, 'c', 'CONV_2D', 0.5, [0, -1], [0, -0.5]);
    const b: LayerAcc[] = [];
    addLayerSample(b, 'c', 'CONV_2D', 0.5, [1, 2, 0, -1], [1.5, 2, 0, -0.5]);
    addLayerSample(b, 'd', 'FULLY_CONNECTED', 0.25, [3], [3.25]);
    expect(layerErrors(a)).toEqual(layerErrors(b));
    expect(layerErrors(a).map((l) => l.name)).toEqual(['c', 'd']);
    // c: errors 0,5, 0, 0, 0,5 → RMSE = √(0,5/4) ≈ 0,35355
    expect(layerErrors(a)[0]!.rmse).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(() => addLayerSample(a, 'c', 'CONV_2D', 0.5, [1], [1, 2])).toThrow(RangeError);
  });

  it('all-zero float activations give a relative error of NaN, not a division by zero', () => {
    const a: LayerAcc[] = [];
    addLayerSample(a, 'z', 'CONV_2D', 1, [0, 0], [0, 0]);
    expect(layerErrors(a)[0]!.relative).toBeNaN();
    expect(layerErrors(a)[0]!.rmse).toBe(0);
  });

  it('the rounding floor 1/√12 matches rounding a fine uniform grid to whole steps', () => {
    let se = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) {
      const x = k / 1000; // 0 … 99,999, uniform over whole steps
      se += (Math.round(x) - x) ** 2;
    }
    expect(Math.abs(Math.sqrt(se / n) - ROUNDING_RMS_STEPS)).toBeLessThan(1e-4);
  });
});

describe('small helpers', () => {
  it('chunks cover 0…n−1 without overlap', () => {
    expect(chunks(5, 2)).toEqual([[0, 2], [2, 4], [4, 5]]);
    expect(chunks(4, 4)).toEqual([[0, 4]]);
    expect(chunks(0, 3)).toEqual([]);
    expect(() => chunks(3, 0)).toThrow(RangeError);
  });

  it('size comparison and speed verdict', () => {
    const c = sizeComparison(38_400, 12_832);
    expect(c.ratio).toBeCloseTo(0.33417, 4);
    expect(c.savedPct).toBeCloseTo(66.583, 2);
    expect(speedVerdict(0.124, 0.148)).toBe('fp32');
    expect(speedVerdict(0.2, 0.1)).toBe('int8');
    expect(speedVerdict(0.1, 0.104)).toBe('tie');
  });

  it('the notes’ PTQ table: drops of 1,46, 0,57 and 0,35 points', () => {
    expect(PTQ_FACTS.map((f) => f.model)).toEqual(['MobileNet v1 1.0 224', 'MobileNet v2 1.0 224', 'ResNet v1 50']);
    expect(PTQ_FACTS.map(ptqDrop)).toEqual([1.46, 0.57, 0.35]);
  });
});

describe('on the shipped default CNN and real MNIST digits', () => {
  const modelJson = JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8'));
  const weights = new Uint8Array(readFileSync('public/models/default-cnn/weights.bin'));
  const plan = planModel(kerasFromArtifacts(modelJson, weights));
  const buf = readFileSync('public/data/mnist-10k.bin');
  const data = parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const train = Array.from({ length: 60 }, (_, i) => imageFloat(data.train, i));

  it('calibrating in chunks and merging gives the same ranges as calibrating all at once', () => {
    const whole = calibrate(plan, train);
    let merged = null;
    for (const [s, e] of chunks(train.length, 25)) merged = mergeCalibration(merged, calibrate(plan, train.slice(s, e)));
    expect(merged).toEqual(whole);
    expect(merged!.samples).toBe(60);
  });

  it('per-layer errors are small, grow past the input, and the int8 input is exact for k/255 pixels', () => {
    const fp32 = convertFloat32(plan);
    const int8 = convertInt8(plan, calibrate(plan, train));
    const accs: LayerAcc[] = [];
    for (let i = 0; i < 5; i++) {
      const x = imageFloat(data.test, i);
      const ref = runModel(fp32.model, x).layers;
      for (const l of runModel(int8.model, x).layers) {
        if (l.type !== 'INT8' || !l.quant || l.opName === 'RESHAPE') continue;
        if (l.opName === 'QUANTIZE') addLayerSample(accs, 'entrada', l.opName, l.quant.scale, x, layerReal(l));
        else addLayerSample(accs, l.name, l.opName, l.quant.scale, ref.find((r) => r.name === l.name)!.values, layerReal(l));
      }
    }
    const errs = layerErrors(accs);
    expect(errs.map((e) => e.name)).toEqual(['entrada', 'conv1', 'pool1', 'conv2', 'pool2', 'output', 'output/softmax']);
    // Pixels are k/255 and the input scale is 1/255: quantizing them loses nothing (float32 rounding only).
    expect(errs[0]!.rmse).toBeLessThan(1e-6);
    for (const e of errs.slice(1)) {
      expect(e.rmseSteps, e.name).toBeGreaterThan(0.05);
      expect(e.rmseSteps, e.name).toBeLessThan(3);
      expect(e.relative, e.name).toBeLessThan(0.1);
    }
  });
});
