import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWeights, packFloat32, quantize, NOTES_CLAIMED_CODES } from '../../widgets/lib/quant';
import {
  NOTES_MATRIX, NOTES_SHAPE, TENSORS, beforeAfter, formulaTex, runQuant, texNum, toRows, type QScheme,
} from '../../widgets/quant-explorer/core';
import { createRng } from '../../widgets/lib/rng/rng';

// Independent float64 reference, written from the formulas (not from the library code).
const rnd = (v: number): number => Math.sign(v) * Math.floor(Math.abs(v) + 0.5) || 0; // || 0: no −0
function reference(x: number[], scheme: QScheme, bits: number): { codes: number[]; restored: number[] } {
  const mn = Math.min(...x);
  const mx = Math.max(...x);
  if (scheme === 'minmax') {
    const L = 2 ** bits - 1;
    const codes = x.map((v) => Math.min(L, Math.max(0, rnd(((v - mn) / (mx - mn)) * L))));
    return { codes, restored: codes.map((q) => (q / L) * (mx - mn) + mn) };
  }
  if (scheme === 'affine') {
    const qmin = -(2 ** (bits - 1));
    const qmax = 2 ** (bits - 1) - 1;
    const lo = Math.min(mn, 0);
    const hi = Math.max(mx, 0);
    const S = (hi - lo) / (qmax - qmin);
    const Z = Math.min(qmax, Math.max(qmin, rnd(qmin - lo / S)));
    const codes = x.map((v) => Math.min(qmax, Math.max(qmin, rnd(v / S) + Z)));
    return { codes, restored: codes.map((q) => S * (q - Z)) };
  }
  const qmax = 2 ** (bits - 1) - 1;
  const S = Math.max(Math.abs(mn), Math.abs(mx)) / qmax;
  const codes = x.map((v) => Math.min(qmax, Math.max(-qmax, rnd(v / S))));
  return { codes, restored: codes.map((q) => S * q) };
}

const flat = NOTES_MATRIX.flat();
const weights = parseWeights(
  (JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8')) as { weightsManifest: [{ weights: never[] }] }).weightsManifest[0].weights,
  readFileSync('public/models/default-cnn/weights.bin').buffer as ArrayBuffer,
);
const tensorOf = (name: string) => weights.find((w) => w.name === name)!;

describe('the notes’ 3×4 example, computed with the formula', () => {
  it('uses the printed rows and our middle row, inside the same range', () => {
    expect(NOTES_MATRIX[0]).toEqual([9.56, -4.28, 2.51, -1.97]);
    expect(NOTES_MATRIX[2]).toEqual([6.7, -3.5, 5.2, -4.0]);
    expect(Math.min(...flat)).toBe(-4.28);
    expect(Math.max(...flat)).toBe(9.56);
  });
  it('gives the hand-computed 8-bit min-max codes (not the 245, 5, 50, 10 of the notes)', () => {
    const r = runQuant(flat, NOTES_SHAPE, 'minmax', 8);
    // (x + 4.28) / 13.84 · 255: 9.56 → 255, −4.28 → 0, 2.51 → 125.10, −1.97 → 42.56, 0 → 78.86 …
    expect(toRows(r.codes, 4)).toEqual([[255, 0, 125, 43], [102, 79, 22, 227], [202, 14, 175, 5]]);
    expect(Array.from(r.codes.slice(0, 4))).not.toEqual([...NOTES_CLAIMED_CODES]);
    expect(r.params[0]!.scale).toBeCloseTo(13.84 / 255, 12);
    // 0 comes back as 79/255 · 13.84 − 4.28 = 0.0076862…
    expect(r.restored[5]).toBeCloseTo((79 / 255) * 13.84 - 4.28, 12);
    expect(r.restored[5]).toBeCloseTo(0.0076863, 6);
    expect(r.error.maxAbs).toBeLessThanOrEqual(13.84 / 255 / 2 + 1e-12);
  });
  it('affine and symmetric 8-bit parameters match the hand values', () => {
    const a = runQuant(flat, NOTES_SHAPE, 'affine', 8);
    expect(a.params[0]!.scale).toBeCloseTo(13.84 / 255, 12);
    expect(a.params[0]!.zeroPoint).toBe(-49); // round(−128 + 4.28 / 0.054275) = round(−49.14)
    expect(a.codes[0]).toBe(127);
    expect(a.codes[5]).toBe(-49); // zero is exact: q = Z
    expect(a.restored[5]).toBe(0);
    const s = runQuant(flat, NOTES_SHAPE, 'symmetric', 8);
    expect(s.params[0]!.scale).toBeCloseTo(9.56 / 127, 12);
    expect(s.codes[0]).toBe(127);
    expect(s.codes[1]).toBe(-57); // −4.28 / 0.075276 = −56.86
    expect(s.restored[5]).toBe(0);
  });
  it('per row (per channel) uses one range per row', () => {
    const r = runQuant(flat, NOTES_SHAPE, 'minmax', 8, 0);
    expect(r.params).toHaveLength(3);
    expect(r.params[2]!.lo).toBe(-4);
    expect(r.params[2]!.hi).toBe(6.7);
    expect(r.codes[8]).toBe(255);
    expect(r.codes[11]).toBe(0);
  });
});

describe('runQuant against the independent float64 reference', () => {
  const rng = createRng(13);
  const schemes: QScheme[] = ['minmax', 'affine', 'symmetric'];
  for (const scheme of schemes) {
    it(`${scheme}: every bit width 2–8, random and real tensors`, () => {
      const inputs = [flat, Array.from(tensorOf('conv2/kernel').values), Array.from({ length: 300 }, () => rng.normal(0.1, 0.4))];
      for (const x of inputs) {
        for (let bits = 2; bits <= 8; bits++) {
          const r = runQuant(x, [x.length], scheme, bits);
          const ref = reference(x, scheme, bits);
          expect(Array.from(r.codes)).toEqual(ref.codes);
          for (let i = 0; i < x.length; i++) expect(Math.abs(r.restored[i]! - ref.restored[i]!)).toBeLessThan(1e-12);
          const mse = x.reduce((s, v, i) => s + (v - ref.restored[i]!) ** 2, 0) / x.length;
          expect(r.error.mse).toBeCloseTo(mse, 14);
          expect(r.error.maxAbs).toBeLessThanOrEqual(r.params[0]!.scale / 2 + 1e-12);
        }
      }
    });
  }
  it('per channel equals quantizing each channel on its own', () => {
    const w = tensorOf('conv2/kernel'); // [3, 3, 8, 16], channel = last index
    for (const scheme of schemes) {
      const r = runQuant(w.values, w.shape, scheme, 4, 3);
      expect(r.params).toHaveLength(16);
      for (let c = 0; c < 16; c++) {
        const idx = Array.from({ length: w.values.length / 16 }, (_, j) => j * 16 + c);
        const ref = reference(idx.map((i) => w.values[i]!), scheme, 4);
        expect(idx.map((i) => r.codes[i])).toEqual(ref.codes);
      }
    }
  });
  it('per channel never has a larger error than per tensor on the real kernels', () => {
    for (const name of ['conv1/kernel', 'conv2/kernel', 'output/kernel']) {
      const w = tensorOf(name);
      const axis = w.shape.length - 1;
      for (const scheme of schemes) {
        const t = runQuant(w.values, w.shape, scheme, 4);
        const c = runQuant(w.values, w.shape, scheme, 4, axis);
        expect(c.error.mse).toBeLessThanOrEqual(t.error.mse * 1.0001);
      }
    }
  });
  it('fewer bits, more error, fewer codes', () => {
    const w = tensorOf('conv2/kernel');
    let prev = -1;
    for (let bits = 8; bits >= 2; bits--) {
      const r = runQuant(w.values, w.shape, 'minmax', bits);
      expect(r.error.mse).toBeGreaterThan(prev);
      expect(r.usedCodes).toBeLessThanOrEqual(2 ** bits);
      prev = r.error.mse;
    }
  });
});

describe('bit-width edge cases', () => {
  it('2 bits: 4 unsigned codes, 4 signed affine codes, 3 symmetric codes', () => {
    const x = Array.from({ length: 101 }, (_, i) => -1 + 0.03 * i);
    expect(new Set(runQuant(x, [101], 'minmax', 2).codes)).toEqual(new Set([0, 1, 2, 3]));
    const a = runQuant(x, [101], 'affine', 2);
    expect(Math.min(...a.codes)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...a.codes)).toBeLessThanOrEqual(1);
    expect(new Set(runQuant(x, [101], 'symmetric', 2).codes)).toEqual(new Set([-1, 0, 1]));
  });
  it('8 bits: codes 0…255, −128…127, −127…127', () => {
    const x = Array.from({ length: 1201 }, (_, i) => -3 + 0.005 * i); // [−3, 3]
    const m = runQuant(x, [1201], 'minmax', 8);
    expect([Math.min(...m.codes), Math.max(...m.codes)]).toEqual([0, 255]);
    const a = runQuant(x, [1201], 'affine', 8);
    expect([Math.min(...a.codes), Math.max(...a.codes)]).toEqual([-128, 127]);
    const s = runQuant(x, [1201], 'symmetric', 8);
    expect([Math.min(...s.codes), Math.max(...s.codes)]).toEqual([-127, 127]);
  });
  it('rejects 1 and 9 bits, and a constant tensor restores exactly', () => {
    expect(() => runQuant(flat, NOTES_SHAPE, 'minmax', 1)).toThrow(RangeError);
    expect(() => runQuant(flat, NOTES_SHAPE, 'affine', 9)).toThrow(RangeError);
    expect(() => runQuant(flat, NOTES_SHAPE, 'affine', 4.5)).toThrow(RangeError);
    const c = runQuant([0.5, 0.5, 0.5], [3], 'minmax', 3);
    expect(Array.from(c.restored)).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('size, histogram, formulas', () => {
  it('sizes: codes packed at b bits plus the parameters', () => {
    const w = tensorOf('conv2/kernel');
    expect(runQuant(w.values, w.shape, 'minmax', 8).size).toMatchObject({ float32Bytes: 4608, dataBytes: 1152, paramBytes: 8, totalBytes: 1160 });
    expect(runQuant(w.values, w.shape, 'affine', 4, 3).size).toMatchObject({ dataBytes: 576, paramBytes: 16 * 12, totalBytes: 768 });
    expect(runQuant(flat, NOTES_SHAPE, 'symmetric', 3).size.dataBytes).toBe(Math.ceil((12 * 3) / 8));
  });
  it('before/after histograms count every value on shared bins', () => {
    const w = tensorOf('conv1/kernel');
    const r = runQuant(w.values, w.shape, 'symmetric', 3);
    const b = beforeAfter(w.values, r.restored, 60);
    expect(b.before.reduce((a, c) => a + c, 0)).toBe(72);
    expect(b.after.reduce((a, c) => a + c, 0)).toBe(72);
    expect(b.after.filter((c) => c > 0).length).toBe(r.usedCodes);
    expect(b.edges).toHaveLength(61);
  });
  it('the model file holds the 9098 parameters, and packs back byte for byte', () => {
    expect(weights.map((w) => w.name)).toEqual(['conv1/kernel', 'conv1/bias', 'conv2/kernel', 'conv2/bias', 'output/kernel', 'output/bias']);
    expect(weights.reduce((a, w) => a + w.values.length, 0)).toBe(9098);
    expect(Buffer.from(packFloat32(weights)).equals(readFileSync('public/models/default-cnn/weights.bin'))).toBe(true);
    expect(TENSORS.map((t) => t.id)).toEqual(['conv1', 'conv2', 'dense', 'notas']);
  });
  it('texNum writes Spanish decimals for KaTeX', () => {
    expect(texNum(-4.28)).toBe('-4{,}28');
    expect(texNum(13.84)).toBe('13{,}84');
    expect(texNum(0.000012, 4)).toBe('0');
    expect(texNum(255)).toBe('255');
  });
  it('the formulas show the numbers the code uses', () => {
    const m = runQuant(flat, NOTES_SHAPE, 'minmax', 8);
    const f = formulaTex('minmax', 8, m.params[0]!);
    expect(f[1]).toContain('x + 4{,}28');
    expect(f[1]).toContain('{13{,}84}');
    expect(f[1]).toContain('\\cdot 255');
    const a = runQuant(flat, NOTES_SHAPE, 'affine', 8);
    expect(formulaTex('affine', 8, a.params[0]!)[1]).toContain('Z = -49');
    expect(formulaTex('affine', 8, a.params[0]!)[1]).toContain(`\\Delta = ${texNum(13.84 / 255, 6)}`);
    const s = runQuant(flat, NOTES_SHAPE, 'symmetric', 4);
    expect(formulaTex('symmetric', 4, s.params[0]!)[1]).toContain('\\frac{9{,}56}{7}');
  });
  it('quantize(x, step) of the demo', () => {
    expect(quantize(3.14, 1.0)).toBe(3);
    expect(quantize(3.14, 0.1)).toBeCloseTo(3.1, 12);
  });
});
