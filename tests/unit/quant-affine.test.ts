import { describe, expect, it } from 'vitest';
import {
  affineParams,
  channelOfIndex,
  dequantizeValue,
  errorStats,
  histogram,
  quantizeTensor,
  quantizeValue,
  sizeBytes,
  symmetricParams,
} from '../../widgets/lib/quant';
import { createRng } from '../../widgets/lib/rng/rng';

describe('affine int8 (TFLite activations)', () => {
  it('computes scale and zero point for a range around 0', () => {
    const p = affineParams(-1, 1);
    expect(p.scale).toBeCloseTo(2 / 255, 15);
    expect(p.zeroPoint).toBe(-1); // round(−128 + 127.5) = round(−0.5) = −1, ties away from zero
    expect([p.qmin, p.qmax]).toEqual([-128, 127]);
  });
  it('widens ranges that do not contain 0', () => {
    const relu6 = affineParams(0, 6);
    expect(relu6.scale).toBeCloseTo(6 / 255, 15);
    expect(relu6.zeroPoint).toBe(-128);
    const positive = affineParams(2, 6); // same as [0, 6]
    expect(positive).toEqual(relu6);
    const negative = affineParams(-3, -1); // widened to [−3, 0]
    expect(negative.scale).toBeCloseTo(3 / 255, 15);
    expect(negative.zeroPoint).toBe(127);
  });
  it('represents 0 exactly, whatever the range', () => {
    const rng = createRng(3);
    for (let k = 0; k < 200; k++) {
      const a = rng.uniform(-50, 50);
      const b = a + rng.uniform(0, 50);
      const p = affineParams(a, b);
      expect(quantizeValue(0, p)).toBe(p.zeroPoint);
      expect(dequantizeValue(p.zeroPoint, p)).toBe(0);
      expect(p.zeroPoint).toBeGreaterThanOrEqual(-128);
      expect(p.zeroPoint).toBeLessThanOrEqual(127);
    }
  });
  it('generalises to b bits: 4 bits have codes −8…7 and 15 steps', () => {
    const p = affineParams(-1, 2, 4);
    expect([p.qmin, p.qmax]).toEqual([-8, 7]);
    expect(p.scale).toBeCloseTo(3 / 15, 15);
    expect(p.zeroPoint).toBe(Math.round(-8 + 1 / (3 / 15))); // −3
  });
  it('an all-zero tensor gets scale 1 and zero point at the bottom', () => {
    const p = affineParams(0, 0);
    expect(p.scale).toBe(1);
    expect(quantizeValue(0, p)).toBe(p.zeroPoint);
  });
  it('clamps values beyond the range', () => {
    const p = affineParams(-1, 1);
    expect(quantizeValue(5, p)).toBe(127);
    expect(quantizeValue(-5, p)).toBe(-128);
  });
});

describe('symmetric int8 (TFLite weights)', () => {
  it('uses zero point 0 and scale max|x|/127, codes in −127…127', () => {
    const p = symmetricParams(1.27);
    expect(p.scale).toBeCloseTo(0.01, 15);
    expect(p.zeroPoint).toBe(0);
    expect(quantizeValue(1.27, p)).toBe(127);
    expect(quantizeValue(-1.27, p)).toBe(-127);
    expect(quantizeValue(-2, p)).toBe(-127); // narrow range: −128 is never used
    expect(quantizeValue(0.005, p)).toBe(1); // 0.5 rounds away from zero
    expect(quantizeValue(-0.005, p)).toBe(-1);
  });
  it('generalises to b bits: 3 bits give −3…3', () => {
    const p = symmetricParams(3, 3);
    expect([p.qmin, p.qmax]).toEqual([-3, 3]);
    expect(p.scale).toBe(1);
  });
});

describe('quantizeTensor: per tensor and per channel', () => {
  const rng = createRng(21);
  const xs = Array.from({ length: 6 * 5 }, () => rng.normal(0, 1));
  it('per-tensor round-trip error is at most half a step for every bit width and scheme', () => {
    for (const scheme of ['affine', 'symmetric'] as const) {
      for (let bits = 2; bits <= 8; bits++) {
        const r = quantizeTensor(xs, [6, 5], { scheme, bits });
        expect(r.params).toHaveLength(1);
        const s = r.params[0]!.scale;
        xs.forEach((x, i) => expect(Math.abs(x - r.restored[i]!)).toBeLessThanOrEqual(s / 2 + 1e-12));
      }
    }
  });
  it('per channel equals quantizing each slice on its own', () => {
    const shape = [6, 5];
    const r = quantizeTensor(xs, shape, { scheme: 'symmetric', axis: 0 });
    expect(r.params).toHaveLength(6);
    for (let c = 0; c < 6; c++) {
      const row = xs.slice(c * 5, c * 5 + 5);
      const alone = quantizeTensor(row, [5], { scheme: 'symmetric' });
      expect(r.params[c]).toEqual(alone.params[0]);
      expect(Array.from(r.codes.slice(c * 5, c * 5 + 5))).toEqual(Array.from(alone.codes));
    }
    const cols = quantizeTensor(xs, shape, { scheme: 'affine', axis: 1 });
    expect(cols.params).toHaveLength(5);
    const col2 = [0, 1, 2, 3, 4, 5].map((r) => xs[r * 5 + 2]!);
    expect(cols.params[2]).toEqual(quantizeTensor(col2, [6], { scheme: 'affine' }).params[0]);
  });
  it('per channel wins when channels have very different ranges', () => {
    const w = [0.1, -0.2, 0.05, 0.12, 10, -20, 5, 12];
    const perTensor = quantizeTensor(w, [2, 4], { scheme: 'symmetric', bits: 4 });
    const perChannel = quantizeTensor(w, [2, 4], { scheme: 'symmetric', bits: 4, axis: 0 });
    const small = (r: { restored: Float64Array }): number =>
      errorStats(w.slice(0, 4), Array.from(r.restored.slice(0, 4))).maxAbs;
    expect(small(perTensor)).toBeGreaterThan(0.09); // the small row collapses to 0
    expect(small(perChannel)).toBeLessThan(0.02);
  });
  it('maps flat indices to channels in row-major order', () => {
    const ch = channelOfIndex([2, 3, 4], 1);
    expect([0, 3, 4, 11, 12, 23].map(ch)).toEqual([0, 0, 1, 2, 0, 2]);
  });
  it('rejects a wrong shape or axis', () => {
    expect(() => quantizeTensor([1, 2, 3], [2, 2], { scheme: 'affine' })).toThrow(RangeError);
    expect(() => quantizeTensor([1, 2], [2], { scheme: 'affine', axis: 1 })).toThrow(RangeError);
    expect(() => quantizeTensor([1, Number.NaN], [2], { scheme: 'affine' })).toThrow(RangeError);
  });
});

describe('metrics', () => {
  it('errorStats', () => {
    const e = errorStats([1, 2, 3, 4], [1.5, 2, 2, 4]);
    expect(e.mse).toBeCloseTo((0.25 + 0 + 1 + 0) / 4, 15);
    expect(e.rmse).toBeCloseTo(Math.sqrt(1.25 / 4), 15);
    expect(e.maxAbs).toBe(1);
    expect(e.meanAbs).toBeCloseTo(1.5 / 4, 15);
    expect(() => errorStats([1], [1, 2])).toThrow(RangeError);
  });
  it('sizeBytes: 8-bit weights take a quarter of float32 plus their parameters', () => {
    const s = sizeBytes(1000, 8, 'symmetric');
    expect(s).toEqual({ float32Bytes: 4000, dataBytes: 1000, paramBytes: 12, totalBytes: 1012, ratio: 0.253 });
    expect(sizeBytes(10, 3, 'minmax').dataBytes).toBe(4); // 30 bits → 4 bytes
    expect(sizeBytes(10, 3, 'minmax').paramBytes).toBe(8);
    expect(sizeBytes(288, 8, 'symmetric', 32).paramBytes).toBe(32 * 12);
  });
  it('histogram', () => {
    const h = histogram([0, 0.5, 1, 1, 2], 2);
    expect(h.edges).toEqual([0, 1, 2]);
    expect(h.counts).toEqual([2, 3]); // the maximum goes in the last bin
    expect(h.outside).toBe(0);
    const r = histogram([-5, 0.2, 0.7, 9], 4, { lo: 0, hi: 1 });
    expect(r.counts).toEqual([1, 0, 1, 0]);
    expect(r.outside).toBe(2);
    const flat = histogram([3, 3, 3], 3);
    expect(flat.lo).toBe(2.5);
    expect(flat.counts.reduce((a, b) => a + b, 0)).toBe(3);
    const rng = createRng(5);
    const many = Array.from({ length: 1000 }, () => rng.normal());
    expect(histogram(many, 17).counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });
});
