// Convolution explorer core: window positions, the output-size formula text and the multiply-add
// text, checked against a direct (naive) convolution written here and against outputSize().
import { describe, expect, it } from 'vitest';
import { outputSize } from '../../widgets/lib/conv';
import {
  FILTERS, INPUT_SIZES, KERNEL_SIZES, PATTERNS, buildExplorer, filterRows, numText, patternRows, positionCell,
  sizeFormula, stepAt, stepSummary, stepText, unusedCells, windowOrigins, type ExplorerSetup,
} from '../../widgets/conv-explorer/core';

/** Reference: zero-padded cross-correlation, written independently of widgets/lib/conv. */
function naiveConv(img: number[][], ker: number[][], s: number, before: number, out: number, b: number): number[] {
  const n = img.length;
  const k = ker.length;
  const res: number[] = [];
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      let acc = b;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const y = oy * s + i - before;
          const x = ox * s + j - before;
          acc += y >= 0 && y < n && x >= 0 && x < n ? img[y]![x]! * ker[i]![j]! : 0;
        }
      }
      res.push(acc);
    }
  }
  return res;
}

const allSetups = (): ExplorerSetup[] => {
  const list: ExplorerSetup[] = [];
  for (const pattern of PATTERNS) for (const n of INPUT_SIZES) for (const filter of FILTERS) for (const k of KERNEL_SIZES) {
    for (const stride of [1, 2, 3]) for (const padding of ['valid', 'same'] as const) {
      if (padding === 'valid' && k > n) continue;
      list.push({ pattern, n, filter, k, stride, padding, bias: stride - 2 });
    }
  }
  return list;
};

describe('imágenes y filtros', () => {
  it('las imágenes son n×n con enteros de 0 a 3', () => {
    for (const p of PATTERNS) for (const n of INPUT_SIZES) {
      const rows = patternRows(p, n);
      expect(rows).toHaveLength(n);
      for (const r of rows) {
        expect(r).toHaveLength(n);
        for (const v of r) expect([0, 1, 2, 3]).toContain(v);
      }
    }
  });

  it('los filtros tienen la forma esperada', () => {
    expect(filterRows('vertical', 3)).toEqual([[1, 0, -1], [1, 0, -1], [1, 0, -1]]);
    expect(filterRows('horizontal', 3)).toEqual([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]);
    expect(filterRows('enfocar', 3)).toEqual([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
    expect(filterRows('vertical', 5)[2]).toEqual([1, 1, 0, -1, -1]);
    // Sharpening keeps a flat region as it is: the weights add up to 1.
    for (const k of KERNEL_SIZES) expect(filterRows('enfocar', k).flat().reduce((a, b) => a + b, 0)).toBe(1);
    expect(filterRows('identidad', 5).flat().filter((v) => v !== 0)).toEqual([1]);
  });
});

describe('recorrido de la ventana', () => {
  it('las posiciones van fila a fila, de izquierda a derecha', () => {
    expect([0, 1, 2, 3, 8].map((i) => positionCell(i, 3))).toEqual([
      { oy: 0, ox: 0 }, { oy: 0, ox: 1 }, { oy: 0, ox: 2 }, { oy: 1, ox: 0 }, { oy: 2, ox: 2 },
    ]);
    expect(() => positionCell(9, 3)).toThrow(RangeError);
    expect(() => positionCell(-1, 3)).toThrow(RangeError);
  });

  it('el paso y el relleno fijan dónde empieza cada ventana', () => {
    const tops = (n: number, k: number, s: number, p: 'valid' | 'same') =>
      [...new Set(windowOrigins(n, k, s, p).map((o) => o.top))];
    expect(tops(7, 3, 1, 'valid')).toEqual([0, 1, 2, 3, 4]);
    expect(tops(7, 3, 2, 'valid')).toEqual([0, 2, 4]);
    expect(tops(7, 3, 3, 'valid')).toEqual([0, 3]);
    expect(tops(7, 3, 1, 'same')).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    expect(tops(7, 5, 2, 'same')).toEqual([-2, 0, 2, 4]);
    // TensorFlow puts the odd zero after: with N = 8, K = 3, S = 2 nothing is added before.
    expect(tops(8, 3, 2, 'same')).toEqual([0, 2, 4, 6]);
    expect(windowOrigins(7, 3, 2, 'valid')).toHaveLength(9);
  });

  it('cada posición da exactamente el valor de una convolución directa', () => {
    let checked = 0;
    for (const s of allSetups()) {
      const e = buildExplorer(s);
      const ref = naiveConv(patternRows(s.pattern, s.n), filterRows(s.filter, s.k), s.stride, e.before, e.out, s.bias);
      expect(e.out).toBe(outputSize(s.n, s.k, s.stride, s.padding));
      expect(e.values).toEqual(ref); // small integers: exact
      for (let i = 0; i < e.values.length; i++) {
        const st = stepAt(e, s, i);
        expect(st.sum).toBe(ref[i]);
        expect(st.terms).toHaveLength(s.k * s.k);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('textos', () => {
  it('la fórmula del tamaño de salida coincide con outputSize en todos los casos', () => {
    for (let n = 3; n <= 12; n++) for (let k = 1; k <= 5; k++) for (let s = 1; s <= 3; s++) {
      for (const p of ['valid', 'same'] as const) {
        const f = sizeFormula(n, k, s, p);
        expect(f.out).toBe(outputSize(n, k, s, p));
        if (n - k + f.total >= 0) {
          expect(Math.floor((n - k + f.total) / s) + 1).toBe(f.out);
          expect(f.general.endsWith(`= ${f.out}`)).toBe(true);
        } else {
          expect(f.out).toBe(0);
        }
        expect(f.before + f.after).toBe(f.total);
        expect(f.after - f.before === 0 || f.after - f.before === 1).toBe(true);
      }
    }
  });

  it('muestra los números de cada caso', () => {
    expect(sizeFormula(7, 3, 1, 'valid').general).toBe('O = ⌊(N − K + 2P) / S⌋ + 1 = ⌊(7 − 3 + 0) / 1⌋ + 1 = 4 + 1 = 5');
    expect(sizeFormula(7, 3, 1, 'valid').rule).toContain('sin relleno');
    const same = sizeFormula(7, 3, 2, 'same');
    expect(same.general).toBe('O = ⌊(N − K + 2P) / S⌋ + 1 = ⌊(7 − 3 + 2) / 2⌋ + 1 = 3 + 1 = 4');
    expect(same.rule).toContain('⌈7 / 2⌉ = 4');
    expect(same.rule).toContain('1 cero a cada lado');
    const odd = sizeFormula(8, 3, 2, 'same');
    expect(odd.rule).toContain('0 antes y 1 después');
    expect(odd.out).toBe(4);
    expect(sizeFormula(9, 3, 3, 'same').rule).toContain('no hace falta ningún cero');
    expect(sizeFormula(4, 5, 1, 'valid').general).toContain('no cabe');
  });

  it('escribe la multiplicación y suma de una posición', () => {
    const s: ExplorerSetup = { pattern: 'escalon', n: 7, filter: 'vertical', k: 3, stride: 1, padding: 'valid', bias: 0 };
    const e = buildExplorer(s);
    // Window at columns 2–4: every row reads (0, 3, 3) against weights (1, 0, −1): −3 per row.
    const st = stepAt(e, s, 2);
    expect(st.sum).toBe(-9);
    expect(stepText(st)).toBe('(0)(1) + (3)(0) + (3)(−1) + (0)(1) + (3)(0) + (3)(−1) + (0)(1) + (3)(0) + (3)(−1) + (0) = −9');
    expect(stepText(stepAt(e, s, 0))).toMatch(/= 0$/);
    expect(stepText(stepAt(e, { ...s, bias: 2 }, 2))).toMatch(/\+ \(2\) = −7$/);
    const padded = { ...s, padding: 'same' as const };
    const first = stepAt(buildExplorer(padded), padded, 0);
    expect(stepSummary(first)).toEqual({ padding: 5, nonzero: 0, products: 9 });
  });

  it('detecta las filas que la ventana nunca visita', () => {
    expect(unusedCells(7, 3, 3, 'valid')).toEqual([6]);
    expect(unusedCells(7, 3, 2, 'valid')).toEqual([]);
    expect(unusedCells(8, 3, 2, 'valid')).toEqual([7]);
    expect(unusedCells(8, 3, 2, 'same')).toEqual([]);
    expect(unusedCells(8, 5, 3, 'valid')).toEqual([]);
  });

  it('escribe números en español', () => {
    expect(numText(-0)).toBe('0');
    expect(numText(-0.001)).toBe('0');
    expect(numText(2.5)).toBe('2,5');
    expect(numText(-3)).toBe('−3');
    expect(numText(1234)).toBe('1\u202f234');
  });
});
