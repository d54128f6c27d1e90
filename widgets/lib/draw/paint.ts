/**
 * Painting a grey image onto a canvas (DOM, views only), for every widget that shows a digit or
 * a feature map: `values` row-major, width·height of them (default 28×28, an MNIST digit), each a
 * byte 0–255 (scale 1, the default) or a fraction in [0, 1] (scale 255: v ↦ round(255·v)).
 * Pixel (x, y) is values[y·width + x]; 0 is black, 255 white. The canvas keeps its own size
 * (CSS scales it up; use image-rendering: pixelated for crisp pixels).
 */
export interface GrayOptions {
  /** Image width in pixels (default 28). */
  width?: number;
  /** Image height in pixels (default: the width). */
  height?: number;
  /** Factor from a value to a byte: 1 for bytes (default), 255 for [0, 1] fractions. */
  scale?: number;
}

export function paintGray(canvas: HTMLCanvasElement, values: ArrayLike<number>, o: GrayOptions = {}): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const w = o.width ?? 28;
  const hgt = o.height ?? w;
  const scale = o.scale ?? 1;
  const img = ctx.createImageData(w, hgt);
  const n = Math.min(values.length, w * hgt);
  for (let i = 0; i < n; i++) {
    const v = scale === 1 ? values[i]! : Math.round(scale * values[i]!);
    img.data[4 * i] = v;
    img.data[4 * i + 1] = v;
    img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
