import { describe, expect, it } from 'vitest';
import { centerOfMass, inkBounds, rasterizeStrokes, toBytes, type Stroke } from '../../widgets/lib/draw/raster';

const N = 28;
const at = (img: Float32Array, r: number, c: number): number => img[r * N + c]!;
const line = (x0: number, y0: number, x1: number, y1: number, steps = 10): Stroke =>
  Array.from({ length: steps + 1 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * i) / steps }));
const move = (st: Stroke, dx: number, dy: number, k = 1): Stroke => st.map((p) => ({ x: p.x * k + dx, y: p.y * k + dy }));

describe('rasterizeStrokes', () => {
  it('no strokes give a blank image of 28×28', () => {
    const img = rasterizeStrokes([]);
    expect(img.length).toBe(784);
    expect(img.every((v) => v === 0)).toBe(true);
    expect(centerOfMass(img, N)).toBeNull();
  });

  it('a horizontal line lands on the two middle rows, 17,4 px long and centred', () => {
    // Extent 0,6 of the pad → scale (20 − 2·1,3)/0,6 = 29 px per unit: the centre line spans
    // 17,4 px, from x = 5,3 to 22,7, on y = 14 (the centre of mass of a symmetric line).
    const img = rasterizeStrokes([line(0.2, 0.5, 0.8, 0.5)]);
    for (let c = 6; c <= 21; c++) {
      expect(at(img, 13, c)).toBe(1);
      expect(at(img, 14, c)).toBe(1);
      // Pixel centres 1,5 px from the line: ink = 1,3 + 0,5 − 1,5 = 0,3.
      expect(at(img, 12, c)).toBeCloseTo(0.3, 5);
      expect(at(img, 15, c)).toBeCloseTo(0.3, 5);
    }
    for (let r = 0; r < N; r++) {
      if (r >= 12 && r <= 15) continue;
      for (let c = 0; c < N; c++) expect(at(img, r, c)).toBe(0);
    }
    for (const c of [0, 1, 2, 3, 25, 26, 27]) expect(at(img, 13, c)).toBe(0);
    const cm = centerOfMass(img, N)!;
    expect(cm.x).toBeCloseTo(14, 3);
    expect(cm.y).toBeCloseTo(14, 3);
  });

  it('a vertical line (a «1») is a column about 2,6 px wide at the centre', () => {
    const img = rasterizeStrokes([line(0.7, 0.1, 0.7, 0.9)]);
    const b = inkBounds(img, N, 0.5)!;
    expect(b.right - b.left + 1).toBe(2);
    expect(b.left).toBe(13);
    expect(b.bottom - b.top + 1).toBeGreaterThanOrEqual(18);
    expect(b.bottom - b.top + 1).toBeLessThanOrEqual(20);
  });

  it('puts the centre of mass at the centre, even for a lopsided shape drawn in a corner', () => {
    // An «L» drawn small in the top-left corner: much more ink in the vertical bar.
    const L: Stroke[] = [[{ x: 0.05, y: 0.05 }, { x: 0.05, y: 0.35 }, { x: 0.2, y: 0.35 }]];
    const img = rasterizeStrokes(L);
    const cm = centerOfMass(img, N)!;
    expect(Math.abs(cm.x - 14)).toBeLessThan(0.05);
    expect(Math.abs(cm.y - 14)).toBeLessThan(0.05);
    // The ink fits the 20×20 box (±1 px of anti-aliased edge).
    const b = inkBounds(img, N, 0)!;
    expect(b.bottom - b.top + 1).toBeLessThanOrEqual(21);
    expect(b.bottom - b.top + 1).toBeGreaterThanOrEqual(19);
  });

  it('keeps the aspect ratio: a wide rectangle stays wide', () => {
    const rect: Stroke = [
      { x: 0.1, y: 0.4 }, { x: 0.9, y: 0.4 }, { x: 0.9, y: 0.6 }, { x: 0.1, y: 0.6 }, { x: 0.1, y: 0.4 },
    ];
    const b = inkBounds(rasterizeStrokes([rect]), N, 0.5)!;
    const w = b.right - b.left + 1;
    const hgt = b.bottom - b.top + 1;
    // Centre lines 17,4 × 4,35 px, plus the pen: about 20 × 7.
    expect(w).toBeGreaterThanOrEqual(19);
    expect(w).toBeLessThanOrEqual(20);
    expect(hgt).toBeGreaterThanOrEqual(6);
    expect(hgt).toBeLessThanOrEqual(8);
  });

  it('does not depend on where or how big the digit was drawn', () => {
    const seven: Stroke[] = [[{ x: 0.1, y: 0.1 }, { x: 0.5, y: 0.1 }, { x: 0.25, y: 0.6 }]];
    const a = rasterizeStrokes(seven);
    const b = rasterizeStrokes(seven.map((s) => move(s, 0.4, 0.3)));
    const c = rasterizeStrokes(seven.map((s) => move(s, 0.05, 0.02, 1.6)));
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(a[i]! - c[i]!)).toBeLessThan(1e-4);
    }
  });

  it('a dot stays a small blob (tiny drawings are not blown up)', () => {
    const img = rasterizeStrokes([[{ x: 0.5, y: 0.5 }]]);
    const b = inkBounds(img, N, 0)!;
    expect(b.right - b.left + 1).toBeLessThanOrEqual(4);
    expect(b.bottom - b.top + 1).toBeLessThanOrEqual(4);
    const cm = centerOfMass(img, N)!;
    expect(cm.x).toBeCloseTo(14, 2);
    expect(cm.y).toBeCloseTo(14, 2);
  });

  it("'box' centring puts the bounding box, not the mass, at the centre", () => {
    const L: Stroke[] = [[{ x: 0.1, y: 0.1 }, { x: 0.1, y: 0.9 }, { x: 0.5, y: 0.9 }]];
    const img = rasterizeStrokes(L, { center: 'box' });
    const b = inkBounds(img, N, 0.5)!;
    expect((b.left + b.right + 1) / 2).toBeCloseTo(14, 0);
    expect((b.top + b.bottom + 1) / 2).toBeCloseTo(14, 0);
    expect(centerOfMass(img, N)!.x).toBeLessThan(13); // most ink is in the left bar
  });

  it('values stay in [0, 1] with overlapping strokes, and toBytes maps them to 0–255', () => {
    const img = rasterizeStrokes([line(0.2, 0.2, 0.8, 0.8), line(0.2, 0.8, 0.8, 0.2), line(0.2, 0.5, 0.8, 0.5)]);
    expect(img.every((v) => v >= 0 && v <= 1)).toBe(true);
    const bytes = toBytes(img);
    expect(Math.max(...bytes)).toBe(255);
    expect(toBytes([0, 0.5, 1, -0.2, 1.4, 0.3])).toEqual(Uint8Array.from([0, 128, 255, 0, 255, 77]));
  });

  it('other sizes work (e.g. 14×14 with a 10 px box)', () => {
    const img = rasterizeStrokes([line(0.2, 0.5, 0.8, 0.5)], { size: 14, box: 10, penRadius: 0.8 });
    expect(img.length).toBe(196);
    const cm = centerOfMass(img, 14)!;
    expect(cm.x).toBeCloseTo(7, 2);
    expect(cm.y).toBeCloseTo(7, 2);
    expect(() => rasterizeStrokes([line(0, 0, 1, 1)], { box: 2, penRadius: 1.3 })).toThrow(RangeError);
  });
});

describe('centerOfMass and inkBounds', () => {
  it('use pixel centres (c + ½, r + ½)', () => {
    const img = new Float32Array(N * N);
    img[3 * N + 5] = 1;
    img[3 * N + 7] = 3;
    expect(centerOfMass(img, N)).toEqual({ x: (5.5 + 3 * 7.5) / 4, y: 3.5 });
    expect(inkBounds(img, N)).toEqual({ top: 3, bottom: 3, left: 5, right: 7 });
    expect(inkBounds(img, N, 2)).toEqual({ top: 3, bottom: 3, left: 7, right: 7 });
  });
});
