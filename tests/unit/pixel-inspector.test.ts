// The pixel inspector of lesson 08: value formatting, keyboard navigation, the magnified window,
// the seeded «Otro dígito» pick, text contrast on grey cells and the text alternatives.
import { describe, expect, it } from 'vitest';
import {
  SIZE, WINDOW, darkTextOn, describeCell, describeImage, formatPixel, inkSummary, moveFocus,
  pixelAt, windowAround,
} from '../../widgets/pixel-inspector/core';
import { digitName, pickIndex } from '../../widgets/lib/data/digits';
import { createRng } from '../../widgets/lib/rng/rng';

describe('formatPixel', () => {
  it('shows bytes as they are, 0–255', () => {
    expect(['0', '1', '144', '255']).toEqual([0, 1, 144, 255].map((b) => formatPixel(b, false)));
  });

  it('normalised: byte / 255 with two decimals and a decimal comma; exact ends as 0 and 1', () => {
    expect(formatPixel(0, true)).toBe('0');
    expect(formatPixel(255, true)).toBe('1');
    expect(formatPixel(144, true)).toBe('0,56'); // 0,5647…
    expect(formatPixel(128, true)).toBe('0,50'); // 0,5019…
    expect(formatPixel(253, true)).toBe('0,99');
    expect(formatPixel(254, true)).toBe('1,00'); // 0,996: rounds up, but it is not the exact 1
    expect(formatPixel(1, true)).toBe('0,00');
    for (let b = 1; b < 255; b++) expect(Math.abs(Number(formatPixel(b, true).replace(',', '.')) - b / 255)).toBeLessThanOrEqual(0.005);
  });
});

describe('moveFocus (grid keyboard pattern)', () => {
  const c = { row: 10, col: 16 };
  it('arrows move one cell and stop at the borders', () => {
    expect(moveFocus(c, 'ArrowUp')).toEqual({ row: 9, col: 16 });
    expect(moveFocus(c, 'ArrowDown')).toEqual({ row: 11, col: 16 });
    expect(moveFocus(c, 'ArrowLeft')).toEqual({ row: 10, col: 15 });
    expect(moveFocus(c, 'ArrowRight')).toEqual({ row: 10, col: 17 });
    expect(moveFocus({ row: 0, col: 0 }, 'ArrowUp')).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, 'ArrowLeft')).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 27, col: 27 }, 'ArrowDown')).toEqual({ row: 27, col: 27 });
    expect(moveFocus({ row: 27, col: 27 }, 'ArrowRight')).toEqual({ row: 27, col: 27 });
  });

  it('Home/End go along the row, with Ctrl to the corners; PageUp/PageDown jump 7 rows', () => {
    expect(moveFocus(c, 'Home')).toEqual({ row: 10, col: 0 });
    expect(moveFocus(c, 'End')).toEqual({ row: 10, col: 27 });
    expect(moveFocus(c, 'Home', true)).toEqual({ row: 0, col: 0 });
    expect(moveFocus(c, 'End', true)).toEqual({ row: 27, col: 27 });
    expect(moveFocus(c, 'PageUp')).toEqual({ row: 3, col: 16 });
    expect(moveFocus(c, 'PageDown')).toEqual({ row: 17, col: 16 });
    expect(moveFocus({ row: 2, col: 5 }, 'PageUp')).toEqual({ row: 0, col: 5 });
    expect(moveFocus({ row: 25, col: 5 }, 'PageDown')).toEqual({ row: 27, col: 5 });
  });

  it('ignores other keys', () => {
    for (const k of ['Enter', ' ', 'a', 'Tab', 'Escape']) expect(moveFocus(c, k)).toBeNull();
  });
});

describe('windowAround', () => {
  it('centres a 7×7 window on the cell, shifted to stay inside the image', () => {
    expect(WINDOW).toBe(7);
    expect(windowAround({ row: 10, col: 16 })).toEqual({ row: 7, col: 13 });
    expect(windowAround({ row: 0, col: 0 })).toEqual({ row: 0, col: 0 });
    expect(windowAround({ row: 2, col: 26 })).toEqual({ row: 0, col: 21 });
    expect(windowAround({ row: 27, col: 27 })).toEqual({ row: 21, col: 21 });
    for (let r = 0; r < SIZE; r++) {
      for (let col = 0; col < SIZE; col++) {
        const w = windowAround({ row: r, col });
        expect(r >= w.row && r < w.row + WINDOW && col >= w.col && col < w.col + WINDOW).toBe(true);
        expect(w.row >= 0 && w.row + WINDOW <= SIZE && w.col >= 0 && w.col + WINDOW <= SIZE).toBe(true);
      }
    }
  });
});

describe('pickIndex', () => {
  it('is the seeded generator’s integer in 0…count − 1, the same for the same seed', () => {
    expect(pickIndex(7, 2000)).toBe(createRng(7).int(0, 1999));
    expect(pickIndex(7, 2000)).toBe(pickIndex(7, 2000));
    const seen = new Set<number>();
    for (let s = 0; s < 300; s++) {
      const i = pickIndex(s, 2000);
      expect(Number.isInteger(i) && i >= 0 && i < 2000).toBe(true);
      seen.add(i);
    }
    expect(seen.size).toBeGreaterThan(270); // 300 picks of 2000 rarely repeat
    expect(pickIndex(3, 1)).toBe(0);
  });
});

describe('darkTextOn', () => {
  // WCAG 2 relative luminance and contrast ratio, written out independently of the core.
  const lum = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

  it('keeps every number readable: contrast ≥ 4,5 on each of the 256 greys', () => {
    let worst = Infinity;
    for (let v = 0; v <= 255; v++) {
      const text = darkTextOn(v) ? 0 : 1; // black or white text
      const ratio = contrast(lum(v), text);
      worst = Math.min(worst, ratio);
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    expect(darkTextOn(0)).toBe(false);
    expect(darkTextOn(255)).toBe(true);
  });
});

describe('text alternatives', () => {
  const img = new Uint8Array(SIZE * SIZE);
  img[10 * SIZE + 16] = 144;
  img[11 * SIZE + 16] = 254;

  it('pixelAt reads row·28 + col and gives 0 outside', () => {
    expect(pixelAt(img, { row: 10, col: 16 })).toBe(144);
    expect(pixelAt(img, { row: -1, col: 16 })).toBe(0);
    expect(pixelAt(img, { row: 10, col: 28 })).toBe(0);
  });

  it('describeCell gives row, column, byte and normalised value', () => {
    expect(describeCell({ row: 10, col: 16 }, 144)).toBe('Fila 10, columna 16: 144 (normalizado: 0,56).');
  });

  it('describeImage says what the image is and how much ink it has', () => {
    expect(inkSummary(img)).toEqual({ inked: 2, full: 0, max: 254 });
    expect(describeImage({ kind: 'mnist', index: 3, label: 7 }, img)).toBe(
      'Imagen 3 del conjunto de prueba de MNIST: un siete (etiqueta 7). 2 de los 784 píxeles tienen algo de tinta (valor mayor que 0); el más brillante vale 254.');
    expect(describeImage({ kind: 'draw', empty: true }, new Uint8Array(SIZE * SIZE))).toMatch(/^Tu dibujo: todavía está en blanco\..*Ningún píxel tiene tinta/);
    expect(describeImage({ kind: 'draw', empty: false }, img)).toMatch(/^Tu dibujo, escalado y centrado como los dígitos de MNIST\./);
    expect([0, 5, 9].map(digitName)).toEqual(['un cero', 'un cinco', 'un nueve']);
  });
});
