/**
 * int8-scaling: the swept architecture's parameter counts against the closed formula, and the
 * small widths converted to float32 and int8 .tflite files that read back cleanly, compute what
 * tfjs computes with the same weights (float32, max |diff| < 1e-5) and choose the same class in
 * int8 (the agreement check of lib/convert's Tally). Pure helpers: groups, clock step, crossover.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Tally, calibrate, convertFloat32, convertInt8, planModel } from '../../widgets/lib/convert';
import { runModel } from '../../widgets/lib/int8ref';
import { readTflite } from '../../widgets/lib/tflite';
import {
  MIN_GROUP_MS, WIDTHS, enginesAgree, cleanWidths, clockStep, crossovers, groupDone, linearFit, median, noiseImages, phaseControls,
  randomModel, sizeOf, type Point,
} from '../../widgets/int8-scaling/core';

const formula = (k: number): number => 1152 * k * k + 7936 * k + 10;

/** The same model in tfjs, with the KerasModel's weights. */
function tfjsTwin(k: number): tf.Sequential {
  const km = randomModel(k);
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8 * k, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  m.add(tf.layers.conv2d({ filters: 16 * k, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }));
  m.add(tf.layers.flatten({ name: 'flatten' }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax', name: 'output' }));
  for (const l of km.layers) {
    if (l.kind !== 'conv2d' && l.kind !== 'dense') continue;
    m.getLayer(l.name).setWeights([tf.tensor(l.kernel.values, l.kernel.shape), tf.tensor(l.bias!, [l.bias!.length])]);
  }
  return m;
}

describe('the ladder', () => {
  it('goes from the default model\'s 9 098 parameters to more than 300 000, as the formula says', () => {
    expect(WIDTHS.map((k) => sizeOf(k).params)).toEqual(WIDTHS.map(formula));
    expect(WIDTHS.map((k) => sizeOf(k).params)).toEqual([9098, 20490, 50186, 112010, 194570, 336906]);
    expect(sizeOf(1).macs).toBe(290080);
  });

  it('random weights are seeded: the same seed gives the same model, another seed another', () => {
    const a = randomModel(2, 1).layers[0]!;
    const b = randomModel(2, 1).layers[0]!;
    const c = randomModel(2, 2).layers[0]!;
    if (a.kind !== 'conv2d' || b.kind !== 'conv2d' || c.kind !== 'conv2d') throw new Error('conv1 expected');
    expect(Array.from(a.kernel.values)).toEqual(Array.from(b.kernel.values));
    expect(Array.from(a.kernel.values)).not.toEqual(Array.from(c.kernel.values));
    expect(() => randomModel(0)).toThrow(RangeError);
  });
});

describe.each([1, 2])('width %i converted', (k) => {
  const km = randomModel(k);
  const plan = planModel(km);
  const cal = calibrate(plan, noiseImages(16));
  const fp32 = convertFloat32(plan);
  const int8 = convertInt8(plan, cal, 'float32');
  const checks = noiseImages(24, 99);

  it('reads back without warnings; int8 is smaller and its size approaches 1 byte per parameter', () => {
    const a = readTflite(fp32.bytes);
    const b = readTflite(int8.bytes);
    expect(a.warnings).toEqual([]);
    expect(b.warnings).toEqual([]);
    expect(a.subgraphs[0]!.operators.map((o) => o.opName)).toEqual(['CONV_2D', 'MAX_POOL_2D', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    const P = sizeOf(k).params;
    expect(fp32.bytes.length).toBeGreaterThan(4 * P);
    expect(int8.bytes.length).toBeGreaterThan(P);
    expect(int8.bytes.length / fp32.bytes.length).toBeLessThan(0.45);
  });

  it('float32 computes what tfjs computes, and int8 agrees with float32 (the agreement check)', () => {
    const twin = tfjsTwin(k);
    const a = readTflite(fp32.bytes);
    const b = readTflite(int8.bytes);
    const t = new Tally(['tfjs', 'fp32', 'int8'] as const);
    for (const x of checks) {
      const ref = tf.tidy(() => (twin.predict(tf.tensor4d(x, [1, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
      const p = runModel(a, x).output;
      const q = runModel(b, x).output;
      t.add({ tfjs: ref, fp32: p, int8: q }, 0);
    }
    expect(t.maxAbsDiff('tfjs', 'fp32')).toBeLessThan(1e-5);
    expect(t.agree('tfjs', 'fp32')).toBe(checks.length);
    expect(t.agree('fp32', 'int8')).toBeGreaterThanOrEqual(checks.length - 1);
    expect(t.maxAbsDiff('fp32', 'int8')).toBeLessThan(0.05);
    twin.dispose();
  });
});

describe('timing and crossover helpers', () => {
  it('a group stops after 20 ms and 20 clock steps, whichever is longer', () => {
    expect(groupDone(19.9, 0.1)).toBe(false);
    expect(groupDone(MIN_GROUP_MS, 0.1)).toBe(true);
    expect(groupDone(20, 1)).toBe(true);
    expect(groupDone(99, 5)).toBe(false);
    expect(groupDone(100, 5)).toBe(true);
  });

  it('clock step and median', () => {
    expect(clockStep([0, 0, 0.1, 0.1, 0.3, 0.4])).toBeCloseTo(0.1, 12);
    expect(clockStep([5, 5])).toBe(Infinity);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  const pt = (params: number, fp32Bytes: number, int8Bytes: number, fp32Ms: number, int8Ms: number): Point =>
    ({ k: 1, params, macs: 0, fp32Bytes, int8Bytes, fp32Ms, int8Ms, agree: 1, checked: 1, maxDiff: 0, refFp32: 0, refInt8: 0 });

  it('crossovers: first point within 10 % of 1/4 in size, first where int8 is no slower', () => {
    const pts = [pt(300, 3000, 900, 1, 1.2), pt(100, 1400, 600, 1, 1.5), pt(1000, 8000, 2200, 2, 2), pt(3000, 24000, 6100, 4, 3)];
    const c = crossovers(pts);
    expect(c.size?.params).toBe(1000); // 2200 / 8000 = 0,275: exactly 10 % above 1/4
    expect(c.latency?.params).toBe(1000); // 2 / 2 = 1
    expect(crossovers([pt(1, 10, 9, 1, 2)])).toEqual({ size: null, latency: null });
  });

  it('a line through the sizes gives the fixed overhead and the bytes per parameter', () => {
    const f = linearFit([100, 200, 400], [1400, 1800, 2600])!;
    expect(f.b).toBeCloseTo(4, 12);
    expect(f.a).toBeCloseTo(1000, 9);
    expect(linearFit([1], [2])).toBeNull();
  });

  it('engines agree within 1e-4 (float32) and one int8 output step', () => {
    expect(enginesAgree({ refFp32: 2e-7, refInt8: 1 / 256 })).toBe(true);
    expect(enginesAgree({ refFp32: 2e-4, refInt8: 0 })).toBe(false);
    expect(enginesAgree({ refFp32: 0, refInt8: 2 / 256 })).toBe(false);
  });

  it('phases lock the controls while running; widths are cleaned', () => {
    expect(phaseControls('midiendo')).toEqual({ run: false, cancel: true, widths: false });
    expect(phaseControls('hecho')).toEqual({ run: true, cancel: false, widths: true });
    expect(cleanWidths([4, 1, 1, 20, 2.2, 0])).toEqual([1, 2, 4]);
  });
});
