// The filter gallery of lesson 08: the kernels, their outputs on images with known answers, and the
// numbers the lesson works out by hand (checked on the real MNIST file).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOM_PRESETS, FILTERS, FILTER_IDS, SIZE, applyFilter, customHint, describeOutput, diverging, fallbackImage,
  kernelWeights, normalise, outputStats, parseColor, probe, probeText, weightSum,
} from '../../widgets/filter-gallery/core';
import { imageBytes, parseMnist, type MnistData } from '../../widgets/lib/data/mnist';
import * as script from '../../scripts/prepare-mnist.mjs';
import { createRng } from '../../widgets/lib/rng/rng';

const N = SIZE;
type Grid = number[][];
const rows = (w: ArrayLike<number>): Grid => [0, 1, 2].map((r) => [0, 1, 2].map((c) => w[r * 3 + c]!));
const K = (id: Parameters<typeof kernelWeights>[0]): Grid => rows(kernelWeights(id, []));
const transpose = (g: Grid): Grid => g.map((_, r) => g.map((row) => row[r]!));
const flipLR = (g: Grid): Grid => g.map((row) => [...row].reverse());
const flipUD = (g: Grid): Grid => [...g].reverse();
const neg = (g: Grid): Grid => g.map((row) => row.map((v) => (v === 0 ? 0 : -v)));

/** Independent reference: the lesson's formula, literally, on nested arrays with zero padding. */
function reference(img: ArrayLike<number>, k: Grid): Float64Array {
  const out = new Float64Array(N * N);
  const I = (y: number, x: number): number => (y < 0 || y >= N || x < 0 || x >= N ? 0 : img[y * N + x]!);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let s = 0;
      for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) s += k[i + 1]![j + 1]! * I(y + i, x + j);
      out[y * N + x] = s;
    }
  }
  return out;
}

const at = (m: ArrayLike<number>, r: number, c: number): number => m[r * N + c]!;

/** Left half 0, right half 1 (columns 14–27): one vertical edge between columns 13 and 14. */
const verticalEdge = (): Float32Array => Float32Array.from({ length: N * N }, (_, i) => (i % N >= 14 ? 1 : 0));

describe('kernels', () => {
  it('sum to 0 (edges) or 1 (blur, sharpen, emboss)', () => {
    expect(weightSum(kernelWeights('edge-h', []))).toBe(0);
    expect(weightSum(kernelWeights('edge-v', []))).toBe(0);
    expect(weightSum(kernelWeights('blur', []))).toBeCloseTo(1, 7);
    expect(weightSum(kernelWeights('sharpen', []))).toBe(1);
    expect(weightSum(kernelWeights('emboss', []))).toBe(1);
    const sums = Object.fromEntries(CUSTOM_PRESETS.map((p) => [p.id, weightSum(p.weights)]));
    expect(sums).toEqual({ laplace: 0, identity: 1, 'prewitt-v': 0, 'prewitt-h': 0, diagonal: 0, hline: 0, shift: 1 });
  });

  it('have the symmetries of what they detect', () => {
    // Sobel: the horizontal-edge kernel is the transpose of the vertical-edge one.
    expect(K('edge-h')).toEqual(transpose(K('edge-v')));
    // Vertical edges: mirror left↔right flips the sign; up↕down changes nothing.
    expect(flipLR(K('edge-v'))).toEqual(neg(K('edge-v')));
    expect(flipUD(K('edge-v'))).toEqual(K('edge-v'));
    expect(flipUD(K('edge-h'))).toEqual(neg(K('edge-h')));
    // Blur and sharpen look the same in every direction.
    for (const id of ['blur', 'sharpen'] as const) {
      expect(transpose(K(id))).toEqual(K(id));
      expect(flipLR(K(id))).toEqual(K(id));
      expect(flipUD(K(id))).toEqual(K(id));
    }
    // Emboss: symmetric about the main diagonal, and a half-turn flips every weight but the centre.
    const e = K('emboss');
    expect(transpose(e)).toEqual(e);
    const turned = flipUD(flipLR(e));
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (r !== 1 || c !== 1) expect(turned[r]![c]! + e[r]![c]!).toBe(0);
    expect(kernelWeights('blur', [])[4]).toBe(4 / 16);
  });

  it('custom kernels pass through and must have 9 weights', () => {
    expect(Array.from(kernelWeights('custom', [1, 2, 3, 4, 5, 6, 7, 8, 9]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => kernelWeights('custom', [1, 2])).toThrow(RangeError);
  });
});

describe('applyFilter (conv2d, padding same)', () => {
  it('matches the lesson formula on a random image for every filter (|Δ| < 1e-5)', () => {
    const rng = createRng(8);
    const img = Float32Array.from({ length: N * N }, () => rng.next());
    for (const id of FILTER_IDS) {
      const w = kernelWeights(id, CUSTOM_PRESETS[4]!.weights);
      const got = applyFilter(img, w);
      const want = reference(img, rows(w));
      expect(got.length).toBe(N * N);
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
      expect(worst, id).toBeLessThan(1e-5);
    }
  });

  it('a vertical edge: the vertical-edge filter fires on the edge columns, the horizontal one stays at 0', () => {
    const img = verticalEdge();
    const v = applyFilter(img, kernelWeights('edge-v', []));
    const hz = applyFilter(img, kernelWeights('edge-h', []));
    // Rows 1–26 (the top and bottom rows also see the zero padding above/below).
    for (let r = 1; r < N - 1; r++) {
      expect(at(v, r, 13)).toBe(4); // 1 + 2 + 1 from the right column
      expect(at(v, r, 14)).toBe(4);
      for (let c = 0; c < N - 1; c++) if (c !== 13 && c !== 14) expect(at(v, r, c)).toBe(0);
      expect(at(v, r, N - 1)).toBe(-4); // the padding beyond the right border is a second, falling edge
      for (let c = 0; c < N; c++) expect(Math.abs(at(hz, r, c))).toBeLessThan(1e-6);
    }
    // Top row: the missing row above counts as 0, so the edge columns get 2 + 1 = 3.
    expect(at(v, 0, 13)).toBe(3);
  });

  it('a horizontal edge: the roles swap', () => {
    const img = Float32Array.from({ length: N * N }, (_, i) => (Math.floor(i / N) >= 10 ? 1 : 0));
    const hz = applyFilter(img, kernelWeights('edge-h', []));
    const v = applyFilter(img, kernelWeights('edge-v', []));
    for (let c = 1; c < N - 1; c++) {
      expect(at(hz, 9, c)).toBe(4);
      expect(at(hz, 10, c)).toBe(4);
      expect(at(hz, 5, c)).toBe(0);
      expect(at(hz, 15, c)).toBe(0);
      for (let r = 0; r < N; r++) expect(Math.abs(at(v, r, c))).toBeLessThan(1e-6);
    }
  });

  it('blur and sharpen keep a uniform area; the blur spreads a single dot as 1 2 1 / 2 4 2 / 1 2 1 over 16', () => {
    const flat = new Float32Array(N * N).fill(0.5);
    expect(at(applyFilter(flat, kernelWeights('blur', [])), 14, 14)).toBeCloseTo(0.5, 6);
    expect(at(applyFilter(flat, kernelWeights('sharpen', [])), 14, 14)).toBeCloseTo(0.5, 6);
    const dot = new Float32Array(N * N);
    dot[14 * N + 14] = 1;
    const b = applyFilter(dot, kernelWeights('blur', []));
    expect([at(b, 13, 13), at(b, 13, 14), at(b, 14, 14), at(b, 15, 15), at(b, 12, 14)]).toEqual([1 / 16, 2 / 16, 4 / 16, 1 / 16, 0]);
    // Sharpen: 5 at the dot, −1 on its four neighbours.
    const s = applyFilter(dot, kernelWeights('sharpen', []));
    expect([at(s, 14, 14), at(s, 13, 14), at(s, 14, 15), at(s, 13, 13)]).toEqual([5, -1, -1, 0]);
  });

  it('ReLU keeps only the positive part', () => {
    const img = verticalEdge();
    const raw = applyFilter(img, kernelWeights('edge-v', []));
    const r = applyFilter(img, kernelWeights('edge-v', []), true);
    for (let i = 0; i < r.length; i++) expect(r[i]).toBe(Math.max(0, raw[i]!));
    expect(at(r, 5, N - 1)).toBe(0);
  });
});

describe('the worked example of the lesson, on the real file', () => {
  let data: MnistData;
  let dir = '';
  beforeAll(() => {
    let path = 'public/data/mnist-10k.bin';
    if (!existsSync(path)) {
      dir = mkdtempSync(join(tmpdir(), 'l08-'));
      path = join(dir, 'mnist-10k.bin');
      script.prepare({ out: path, log: () => {} });
    }
    const b = readFileSync(path);
    data = parseMnist(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('test image 3 is a 7 whose 3×3 patch at (10, 16) gives 997/255 with the Sobel vertical-edge kernel', () => {
    expect(data.test.labels[3]).toBe(7);
    expect(data.test.labels[0]).toBe(5);
    const px = imageBytes(data.test, 3);
    const patch = [9, 10, 11].map((r) => [15, 16, 17].map((c) => px[r * N + c]));
    expect(patch).toEqual([[0, 101, 253], [0, 144, 253], [15, 200, 253]]);
    expect(Array.from(px).filter((v) => v > 0).length).toBe(146);
    const out = applyFilter(normalise(px), kernelWeights('edge-v', []));
    expect(at(out, 10, 16)).toBeCloseTo(997 / 255, 5);
    expect(997 / 255).toBeCloseTo(3.91, 2);
    const step = probe(normalise(px), kernelWeights('edge-v', []), 10, 16);
    expect(step.sum).toBe(at(out, 10, 16));
    expect(probeText(step, 'edge-v', false)).toBe(
      'S(10, 16) = (−1)·(0,00) + (0)·(0,40) + (1)·(0,99) + (−2)·(0,00) + (0)·(0,56) + (2)·(0,99) + ' +
      '(−1)·(0,06) + (0)·(0,78) + (1)·(0,99) = 3,91');
  });
});

describe('read-outs and colours', () => {
  it('probeText factors out the blur’s 1/16 and shows ReLU', () => {
    const dot = new Float32Array(N * N);
    dot[14 * N + 14] = 1;
    const t = probeText(probe(dot, kernelWeights('blur', []), 14, 14), 'blur', true);
    expect(t).toMatch(/^S\(14, 14\) = 1\/16 · \[\(1\)·\(0,00\) \+ .*\(4\)·\(1,00\).*\] = 0,25; con ReLU: max\(0; 0,25\) = 0,25$/);
  });

  it('outputStats and describeOutput', () => {
    const out = new Float32Array(N * N);
    out[2 * N + 3] = 2.5;
    out[20 * N + 7] = -1.25;
    const st = outputStats(out);
    expect(st).toMatchObject({ min: -1.25, max: 2.5, absMax: 2.5, argmax: { row: 2, col: 3 }, argmin: { row: 20, col: 7 }, argAbs: { row: 2, col: 3 }, positive: 1, negative: 1 });
    const text = describeOutput('Bordes verticales', st, false, (v) => String(v).replace('.', ','));
    expect(text).toBe('Salida de «Bordes verticales»: valores de -1,25 a 2,5. La respuesta positiva más fuerte está en la fila 2, columna 3. ' +
      'La negativa más fuerte, en la fila 20, columna 7. 1 píxeles positivos, 1 negativos y 782 a cero.');
    expect(describeOutput('X', outputStats(new Float32Array(N * N)), true, String)).toBe('Salida de «X»: todos los píxeles valen 0.');
  });

  it('customHint reads the sum of the weights', () => {
    const f = (v: number): string => String(v);
    expect(customHint([0, 1, 0, 1, -4, 1, 0, 1, 0], f)).toMatch(/^Tus pesos suman 0: una zona uniforme da 0/);
    expect(customHint([0, 0, 0, 0, 1, 0, 0, 0, 0], f)).toMatch(/^Tus pesos suman 1: una zona uniforme conserva/);
    expect(customHint([1, 1, 1, 1, 1, 1, 1, 1, 1], f)).toMatch(/^Tus pesos suman 9: .*9·v/);
  });

  it('diverging: 0 → zero colour, ±m → the end colours, linear in between, clamped beyond', () => {
    const negC = [200, 0, 0] as const;
    const zero = [255, 255, 255] as const;
    const pos = [0, 0, 200] as const;
    expect(diverging(0, 2, negC, zero, pos)).toEqual([255, 255, 255]);
    expect(diverging(2, 2, negC, zero, pos)).toEqual([0, 0, 200]);
    expect(diverging(-2, 2, negC, zero, pos)).toEqual([200, 0, 0]);
    expect(diverging(1, 2, negC, zero, pos)).toEqual([128, 128, 228]);
    expect(diverging(-9, 2, negC, zero, pos)).toEqual([200, 0, 0]);
    expect(diverging(5, 0, negC, zero, pos)).toEqual(zero);
  });

  it('parseColor reads the theme variables', () => {
    expect(parseColor('#0369a1')).toEqual([3, 105, 161]);
    expect(parseColor(' #fff ')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(12, 34, 56)')).toEqual([12, 34, 56]);
    expect(parseColor('rgb(12 34 56 / .5)')).toEqual([12, 34, 56]);
    expect(parseColor('tomato')).toBeNull();
  });

  it('the fallback figure is a hollow square with a diagonal, in bytes', () => {
    const img = fallbackImage();
    expect(img.length).toBe(N * N);
    expect([img[6 * N + 6], img[14 * N + 14], img[12 * N + 16], img[0]]).toEqual([255, 255, 0, 0]);
    expect(FILTERS['edge-v'].family).toBe('Sobel');
    expect(FILTERS.blur.family).toMatch(/gaussiano/);
  });
});
