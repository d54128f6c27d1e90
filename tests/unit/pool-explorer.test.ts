// ReLU and pooling explorer core on a real MNIST digit, checked against direct computations
// written here (Sobel filter with zero padding, max and mean of each window).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureMap } from '../../widgets/lib/conv';
import { imageFloat, parseMnist } from '../../widgets/lib/data/mnist';
import {
  SOBEL, describeMap, edgeMap, mapStats, nthWithLabel, numText, poolCell, poolSizeText, poolText, runPool, stepAtPool,
  type PoolSetup,
} from '../../widgets/pool-explorer/core';

const file = readFileSync('public/data/mnist-10k.bin');
const mnist = parseMnist(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));

function naiveSobel(px: Float32Array, n: number, k: number[][]): number[] {
  const out: number[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let acc = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        const yy = y + i - 1;
        const xx = x + j - 1;
        if (yy >= 0 && yy < n && xx >= 0 && xx < n) acc += px[yy * n + xx]! * k[i]![j]!;
      }
      out.push(acc);
    }
  }
  return out;
}

function naivePool(m: number[], n: number, size: number, stride: number, kind: 'max' | 'avg'): number[] {
  const o = Math.floor((n - size) / stride) + 1;
  const out: number[] = [];
  for (let oy = 0; oy < o; oy++) for (let ox = 0; ox < o; ox++) {
    const vals: number[] = [];
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) vals.push(m[(oy * stride + i) * n + ox * stride + j]!);
    out.push(kind === 'max' ? Math.max(...vals) : vals.reduce((a, b) => a + b, 0) / vals.length);
  }
  return out;
}

const digit = (label: number, sample = 0): Float32Array => imageFloat(mnist.test, nthWithLabel(mnist.test.labels, label, sample));

describe('mapa de bordes de un dígito real', () => {
  it('el filtro Sobel con relleno same coincide con el cálculo directo', () => {
    for (const f of ['vertical', 'horizontal'] as const) {
      const px = digit(3);
      const e = edgeMap(px, 28, 28, f);
      expect([e.height, e.width, e.channels]).toEqual([28, 28, 1]);
      const ref = naiveSobel(px, 28, SOBEL[f]);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(e.data[i]! - ref[i]!)).toBeLessThan(1e-5);
      const st = mapStats(e.data);
      expect(st.min).toBeLessThan(-1); // a real digit has edges of both signs
      expect(st.max).toBeGreaterThan(1);
    }
  });

  it('ReLU deja el mapa sin negativos y con más ceros', () => {
    const e = edgeMap(digit(7), 28, 28, 'vertical');
    const on = runPool(e, { kind: 'max', size: 2, stride: 2, relu: true });
    const off = runPool(e, { kind: 'max', size: 2, stride: 2, relu: false });
    expect(mapStats(on.map.data).negatives).toBe(0);
    expect(mapStats(on.map.data).zeros).toBeGreaterThan(mapStats(off.map.data).zeros);
    expect(mapStats(off.map.data).negatives).toBeGreaterThan(0);
  });
});

describe('pooling', () => {
  it('los tamaños y los valores coinciden con un cálculo directo', () => {
    const e = edgeMap(digit(5, 2), 28, 28, 'horizontal');
    for (const relu of [true, false]) for (const kind of ['max', 'avg'] as const) {
      for (const size of [2, 3]) for (const stride of [1, 2, 3]) {
        const s: PoolSetup = { kind, size, stride, relu };
        const r = runPool(e, s);
        const o = Math.floor((28 - size) / stride) + 1;
        expect([r.outH, r.outW, r.pooled.height, r.pooled.width]).toEqual([o, o, o, o]);
        const ref = naivePool(Array.from(r.map.data), 28, size, stride, kind);
        for (let i = 0; i < ref.length; i++) {
          expect(Math.abs(r.pooled.data[i]! - ref[i]!)).toBeLessThan(1e-5);
          if (i % 37 === 0) expect(stepAtPool(r, s, i).value).toBe(r.pooled.data[i]);
        }
      }
    }
  });

  it('el máximo nunca es menor que la media', () => {
    const e = edgeMap(digit(0), 28, 28, 'vertical');
    const mx = runPool(e, { kind: 'max', size: 3, stride: 2, relu: false }).pooled.data;
    const av = runPool(e, { kind: 'avg', size: 3, stride: 2, relu: false }).pooled.data;
    for (let i = 0; i < mx.length; i++) expect(mx[i]!).toBeGreaterThanOrEqual(av[i]! - 1e-6);
  });

  it('las posiciones van fila a fila', () => {
    expect(poolCell(0, 14, 14)).toEqual({ oy: 0, ox: 0 });
    expect(poolCell(15, 14, 14)).toEqual({ oy: 1, ox: 1 });
    expect(() => poolCell(196, 14, 14)).toThrow(RangeError);
  });

  it('escribe el cálculo de una ventana', () => {
    const m = featureMap(2, 2, 1, [1, 2.5, -3, 0.25]);
    const max = runPool(m, { kind: 'max', size: 2, stride: 2, relu: false });
    const step = stepAtPool(max, { kind: 'max', size: 2, stride: 2, relu: false }, 0);
    expect(poolText(step, 'max')).toBe('máx(1; 2,5; −3; 0,25) = 2,5');
    expect(step.argmax).toBe(1);
    const avg = runPool(m, { kind: 'avg', size: 2, stride: 2, relu: false });
    expect(poolText(stepAtPool(avg, { kind: 'avg', size: 2, stride: 2, relu: false }, 0), 'avg')).toBe('(1 + 2,5 − 3 + 0,25) / 4 = 0,19');
    const relu = runPool(m, { kind: 'avg', size: 2, stride: 2, relu: true });
    expect(poolText(stepAtPool(relu, { kind: 'avg', size: 2, stride: 2, relu: true }, 0), 'avg')).toBe('(1 + 2,5 + 0 + 0,25) / 4 = 0,94');
  });

  it('escribe la fórmula del tamaño de salida', () => {
    expect(poolSizeText(28, 2, 2)).toBe('O = ⌊(N − K) / S⌋ + 1 = ⌊(28 − 2) / 2⌋ + 1 = 14');
    expect(poolSizeText(28, 3, 2)).toBe('O = ⌊(N − K) / S⌋ + 1 = ⌊(28 − 3) / 2⌋ + 1 = 13');
    expect(poolSizeText(28, 2, 3)).toContain('= 9');
  });
});

describe('utilidades', () => {
  it('busca el n-ésimo ejemplo de una etiqueta', () => {
    const labels = [3, 1, 3, 3, 0];
    expect(nthWithLabel(labels, 3, 0)).toBe(0);
    expect(nthWithLabel(labels, 3, 2)).toBe(3);
    expect(nthWithLabel(labels, 3, 3)).toBe(-1);
    expect(nthWithLabel(labels, 9, 0)).toBe(-1);
    // The widget offers 20 examples of each digit: the test split has them.
    for (let d = 0; d < 10; d++) expect(nthWithLabel(mnist.test.labels, d, 19)).toBeGreaterThanOrEqual(0);
  });

  it('describe un mapa en español', () => {
    const m = featureMap(2, 2, 1, [0, 1.5, -2, 0]);
    expect(describeMap('Mapa', m)).toBe('Mapa: 2 × 2 valores entre −2 y 1,5; 50 % son cero y 25 % negativos.');
    expect(numText(-0.004)).toBe('0');
  });
});
