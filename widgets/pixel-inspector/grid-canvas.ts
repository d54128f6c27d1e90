/**
 * Paints the 28×28 number grid of the pixel inspector on one <canvas> (DOM; the view's helper).
 * A canvas instead of 784 elements keeps the page light for layout and accessibility tools; the
 * focused value is read out as text by the view (aria-live), so nothing is lost for screen readers.
 *
 * Each cell is filled with its grey (byte v → rgb(v, v, v)); its number is written on top in
 * black or white (darkTextOn) when cells are at least MIN_CELL_PX CSS pixels wide, otherwise the
 * magnifier shows the numbers. The 7×7 window is outlined dashed and the focused cell boxed.
 */
import { SIZE, WINDOW, darkTextOn, formatPixel, type Cell } from './core';

export interface GridPaint {
  img: Uint8Array;
  norm: boolean;
  focus: Cell;
  /** Top-left cell of the magnified window. */
  window: Cell;
  focusColor: string;
  windowColor: string;
}

/** Smallest cell (CSS px) that still gets its number: bytes, and the longer normalised text. */
const MIN_CELL_PX = { bytes: 19, norm: 22 };

/** Sizes the backing store to the CSS box × devicePixelRatio and paints. Returns the CSS cell size. */
export function paintGrid(canvas: HTMLCanvasElement, p: GridPaint): number {
  const rect = canvas.getBoundingClientRect();
  const dpr = globalThis.devicePixelRatio || 1;
  const side = Math.max(SIZE, Math.round(rect.width * dpr));
  if (canvas.width !== side || canvas.height !== side) {
    canvas.width = side;
    canvas.height = side;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  const cell = side / SIZE;
  const cssCell = cell / dpr;
  const edge = (i: number): number => Math.round(i * cell);
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      const v = p.img[r * SIZE + c]!;
      ctx.fillStyle = `rgb(${v},${v},${v})`;
      ctx.fillRect(edge(c), edge(r), edge(c + 1) - edge(c), edge(r + 1) - edge(r));
    }
  }
  // Cell borders: a thin dark line that stays visible on black and on white.
  ctx.strokeStyle = 'rgba(110, 110, 110, .55)';
  ctx.lineWidth = Math.max(1, Math.round(dpr * 0.75));
  ctx.beginPath();
  for (let i = 0; i <= SIZE; i++) {
    const x = edge(i) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, side);
    ctx.moveTo(0, x);
    ctx.lineTo(side, x);
  }
  ctx.stroke();

  if (cssCell >= (p.norm ? MIN_CELL_PX.norm : MIN_CELL_PX.bytes)) {
    ctx.font = `${Math.round(cell * (p.norm ? 0.33 : 0.42))}px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < SIZE; r++) {
      for (let c = 0; c < SIZE; c++) {
        const v = p.img[r * SIZE + c]!;
        ctx.fillStyle = darkTextOn(v) ? '#000' : '#fff';
        ctx.fillText(formatPixel(v, p.norm), (edge(c) + edge(c + 1)) / 2, (edge(r) + edge(r + 1)) / 2 + cell * 0.03);
      }
    }
  }

  const box = (c0: number, r0: number, n: number): [number, number, number, number] =>
    [edge(c0), edge(r0), edge(c0 + n) - edge(c0), edge(r0 + n) - edge(r0)];
  ctx.save();
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  ctx.lineWidth = 2 * dpr;
  ctx.strokeStyle = p.windowColor;
  ctx.strokeRect(...box(p.window.col, p.window.row, WINDOW));
  ctx.restore();
  const [fx, fy, fw, fh] = box(p.focus.col, p.focus.row, 1);
  ctx.lineWidth = 2 * dpr;
  ctx.strokeStyle = '#000';
  ctx.strokeRect(fx - 2 * dpr, fy - 2 * dpr, fw + 4 * dpr, fh + 4 * dpr);
  ctx.lineWidth = 3 * dpr;
  ctx.strokeStyle = p.focusColor;
  ctx.strokeRect(fx, fy, fw, fh);
  return cssCell;
}

/** The cell under a pointer at (clientX, clientY), or null outside the canvas. */
export function cellAt(canvas: HTMLCanvasElement, clientX: number, clientY: number): Cell | null {
  const r = canvas.getBoundingClientRect();
  const col = Math.floor(((clientX - r.left) / r.width) * SIZE);
  const row = Math.floor(((clientY - r.top) / r.height) * SIZE);
  return row >= 0 && row < SIZE && col >= 0 && col < SIZE ? { row, col } : null;
}
