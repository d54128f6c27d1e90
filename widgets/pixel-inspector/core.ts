/**
 * Pixel inspector logic (pure, no DOM). An image is size·size bytes, row-major (index
 * row·size + col), 0 = black background, 255 = white ink, as in the MNIST file. Rows and columns
 * count from 0 at the top-left corner, as in code.
 */
import { digitName } from '../lib/data/digits';

export const SIZE = 28;
/** Side of the magnified window around the focused pixel. */
export const WINDOW = 7;

export interface Cell {
  row: number;
  col: number;
}

/**
 * Text of one pixel value: the byte itself (0–255), or byte / 255 with two decimals and a
 * decimal comma when `normalised` ('0' and '1' for the two ends, which are exact).
 */
export function formatPixel(byte: number, normalised: boolean): string {
  if (!normalised) return String(byte);
  if (byte <= 0) return '0';
  if (byte >= 255) return '1';
  return (byte / 255).toFixed(2).replace('.', ',');
}

/**
 * Keyboard navigation in the grid (the WAI-ARIA grid pattern): arrows move one cell, Home/End go
 * to the start/end of the row, Ctrl+Home/Ctrl+End to the first/last cell, PageUp/PageDown move
 * `WINDOW` rows. Returns null for any other key; never leaves the image.
 */
export function moveFocus(cell: Cell, key: string, ctrl = false, size = SIZE): Cell | null {
  const clamp = (v: number): number => Math.max(0, Math.min(size - 1, v));
  const { row, col } = cell;
  switch (key) {
    case 'ArrowUp': return { row: clamp(row - 1), col };
    case 'ArrowDown': return { row: clamp(row + 1), col };
    case 'ArrowLeft': return { row, col: clamp(col - 1) };
    case 'ArrowRight': return { row, col: clamp(col + 1) };
    case 'Home': return ctrl ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End': return ctrl ? { row: size - 1, col: size - 1 } : { row, col: size - 1 };
    case 'PageUp': return { row: clamp(row - WINDOW), col };
    case 'PageDown': return { row: clamp(row + WINDOW), col };
    default: return null;
  }
}

/** Top-left cell of the n×n window centred on `cell`, shifted to stay inside the image. */
export function windowAround(cell: Cell, n = WINDOW, size = SIZE): Cell {
  const start = (v: number): number => Math.max(0, Math.min(size - n, v - Math.floor(n / 2)));
  return { row: start(cell.row), col: start(cell.col) };
}

/** A pixel's value, 0 outside the image. */
export const pixelAt = (img: ArrayLike<number>, cell: Cell, size = SIZE): number =>
  cell.row >= 0 && cell.row < size && cell.col >= 0 && cell.col < size ? img[cell.row * size + cell.col]! : 0;

/**
 * Whether text on a grey cell of this byte value should be dark. Grey v has relative luminance
 * L(v) (WCAG); dark text (#000) gives contrast (L + 0,05)/0,05 and white text 1,05/(L + 0,05):
 * they are equal near v = 118, where both are ≈ 4,6, so switching there keeps every cell ≥ 4,5.
 */
export const darkTextOn = (byte: number): boolean => byte >= 118;

export interface InkSummary {
  /** Pixels with any ink (value > 0). */
  inked: number;
  /** Pixels at full ink (255). */
  full: number;
  max: number;
}

export function inkSummary(img: ArrayLike<number>): InkSummary {
  let inked = 0;
  let full = 0;
  let max = 0;
  for (let i = 0; i < img.length; i++) {
    const v = img[i]!;
    if (v > 0) inked++;
    if (v >= 255) full++;
    if (v > max) max = v;
  }
  return { inked, full, max };
}

/** What the image is, in one or two sentences (the text alternative of the whole grid). */
export function describeImage(source: { kind: 'mnist'; index: number; label: number } | { kind: 'draw'; empty: boolean },
  img: ArrayLike<number>): string {
  const ink = inkSummary(img);
  const what = source.kind === 'mnist'
    ? `Imagen ${source.index} del conjunto de prueba de MNIST: ${digitName(source.label)} (etiqueta ${source.label}).`
    : source.empty
      ? 'Tu dibujo: todavía está en blanco. Dibuja un dígito en el recuadro negro.'
      : 'Tu dibujo, escalado y centrado como los dígitos de MNIST.';
  const ink2 = ink.inked === 0 ? 'Ningún píxel tiene tinta: todos valen 0.'
    : `${ink.inked} de los ${img.length} píxeles tienen algo de tinta (valor mayor que 0); el más brillante vale ${ink.max}.`;
  return `${what} ${ink2}`;
}

/** Readout of the focused pixel, e.g. 'Fila 6, columna 8: 253 (normalizado: 0,99).' */
export function describeCell(cell: Cell, byte: number): string {
  return `Fila ${cell.row}, columna ${cell.col}: ${byte} (normalizado: ${formatPixel(byte, true)}).`;
}
