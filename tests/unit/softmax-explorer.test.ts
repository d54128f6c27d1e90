// Softmax explorer core: probabilities sum to 1 and match a direct float64 computation written
// here; the temperature limits; the overflow of the textbook formula; the numbers in the TeX.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  denominatorText, directSoftmax, formulaParts, formulaTex, numText, probabilities, probabilitySum, texNum, topClass,
} from '../../widgets/softmax-explorer/core';

/** Reference in float64, written from the definition (subtracting the max, like any careful code). */
function reference(z: number[], t: number): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const randomLogits = (rng: ReturnType<typeof createRng>, n: number): number[] =>
  Array.from({ length: n }, () => Math.round(rng.uniform(-10, 10) * 10) / 10);

describe('probabilidades', () => {
  it('suman 1 y coinciden con el cálculo directo (tolerancia 1e-6)', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 300; trial++) {
      const n = rng.int(3, 10);
      const z = randomLogits(rng, 10);
      const t = Number((10 ** rng.uniform(-1, 1)).toPrecision(2));
      const p = probabilities(z, n, t);
      expect(p).toHaveLength(n);
      expect(Math.abs(probabilitySum(p) - 1)).toBeLessThan(1e-6);
      const ref = reference(z.slice(0, n), t);
      for (let i = 0; i < n; i++) expect(Math.abs(p[i]! - ref[i]!)).toBeLessThan(1e-6);
      const k = rng.int(0, n - 1);
      const parts = formulaParts(z, n, t, k);
      expect(Math.abs(parts.p - ref[k]!)).toBeLessThan(1e-12);
      if (Number.isFinite(parts.denominator)) expect(Math.abs(parts.numerator / parts.denominator - ref[k]!)).toBeLessThan(1e-9);
      expect(topClass(p)).toBe(ref.indexOf(Math.max(...ref)));
    }
  });

  it('el ejemplo por defecto da los valores de la lección', () => {
    const p = probabilities([2, 1, 0.1, -1], 4, 1);
    // e^2 / (e^2 + e^1 + e^0.1 + e^-1) = 7.389 / (7.389 + 2.718 + 1.105 + 0.368) = 7.389 / 11.580 = 0.638
    expect(p[0]).toBeCloseTo(0.638, 3);
    expect(p[1]).toBeCloseTo(0.2347, 3);
    expect(p[2]).toBeCloseTo(0.0954, 3);
    expect(p[3]).toBeCloseTo(0.0318, 3);
    expect(numText(probabilitySum(p), 3, true)).toBe('1,000');
  });

  it('la temperatura va de casi argmax a casi uniforme', () => {
    const z = [2, 1, 0.1, -1, 1.9];
    const cold = probabilities(z, 5, 0.01);
    expect(cold[0]).toBeGreaterThan(0.9999);
    const cool = probabilities(z, 5, 0.1);
    expect(cool[0]).toBeGreaterThan(0.7); // 2 vs 1.9: a tenth apart, ten times amplified
    const hot = probabilities(z, 5, 1000);
    for (const v of hot) expect(Math.abs(v - 1 / 5)).toBeLessThan(1e-3);
    // At T = 10 (the slider's top) the spread is already small.
    const warm = probabilities(z, 5, 10);
    expect(Math.max(...warm) - Math.min(...warm)).toBeLessThan(0.1);
    // Order never changes with T.
    for (const t of [0.1, 1, 10]) expect(topClass(probabilities(z, 5, t))).toBe(0);
  });

  it('la fórmula directa desborda y la estable no', () => {
    const z = [2, 1, 0.1, -1];
    const shifted = z.map((v) => v + 1000);
    expect(directSoftmax(shifted, 1).every(Number.isNaN)).toBe(true);
    const stable = probabilities(shifted, 4, 1);
    const plain = probabilities(z, 4, 1);
    for (let i = 0; i < 4; i++) expect(Math.abs(stable[i]! - plain[i]!)).toBeLessThan(1e-6);
    // Without overflow both formulas agree.
    const d = directSoftmax(z, 1);
    for (let i = 0; i < 4; i++) expect(Math.abs(d[i]! - plain[i]!)).toBeLessThan(1e-6);
    // e^x is finite up to x ≈ 709.78: at T = 10 the shifted logits (≈ 100) still fit.
    expect(Number.isNaN(directSoftmax(shifted, 10)[0]!)).toBe(false);
    const parts = formulaParts(shifted, 4, 1, 0);
    expect(parts.numerator).toBe(Number.POSITIVE_INFINITY);
    expect(parts.stableNumerator).toBe(1);
    expect(parts.p).toBeCloseTo(0.638, 3);
  });

  it('rechaza una clase fuera de rango', () => {
    expect(() => formulaParts([1, 2, 3], 3, 1, 3)).toThrow(RangeError);
  });
});

describe('textos', () => {
  it('escribe números para KaTeX', () => {
    expect(texNum(Math.E ** 2)).toBe('7{,}389');
    expect(texNum(1)).toBe('1');
    expect(texNum(-0.5)).toBe('-0{,}5');
    expect(texNum(Math.exp(100))).toBe('2{,}69 \\cdot 10^{43}');
    expect(texNum(0.000123)).toBe('1{,}23 \\cdot 10^{-4}');
    expect(texNum(Number.POSITIVE_INFINITY)).toBe('\\infty');
    expect(texNum(Number.NaN)).toBe('\\text{NaN}');
  });

  it('la fórmula lleva los números vivos y KaTeX la entiende', () => {
    const parts = formulaParts([2, 1, 0.1, -1], 4, 1, 0);
    const f = formulaTex(parts);
    expect(f.direct).toContain('e^{2/1}');
    expect(f.direct).toContain('\\frac{7{,}389}{11{,}58}');
    expect(f.direct.endsWith('= 0{,}6381')).toBe(true);
    expect(f.stable).toContain('e^{(2 - 2)/1}');
    expect(f.stable.endsWith('\\frac{1}{1{,}567} = 0{,}6381')).toBe(true);
    const overflow = formulaTex(formulaParts([1002, 1001, 1000.1, 999], 4, 1, 1));
    expect(overflow.direct).toContain('\\frac{\\infty}{\\infty} = \\text{NaN}');
    const cold = formulaTex(formulaParts([-2, 1, 0], 3, 0.5, 0));
    expect(cold.stable).toContain('e^{(-2 - 1)/0{,}5}');
    for (const t of [f, overflow, cold]) for (const line of Object.values(t)) {
      expect(() => katex.renderToString(line, { throwOnError: true })).not.toThrow();
    }
  });

  it('escribe el denominador término a término', () => {
    expect(denominatorText([7.389056, 2.718282, 1.105171, 0.367879], 11.580388)).toBe('7,389 + 2,718 + 1,105 + 0,368 = 11,58');
    expect(denominatorText([Math.exp(100), 1], Math.exp(100) + 1)).toBe('2,69·10^43 + 1 = 2,69·10^43');
    expect(numText(Number.NaN)).toBe('NaN');
    expect(numText(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});
