/**
 * Digit rasteriser (pure, no DOM): strokes drawn on a square pad → a grayscale image prepared the
 * way MNIST digits were, so it can be shown next to real digits or fed to a model trained on them.
 *
 * Input: strokes, each a polyline of points {x, y} in pad units: fractions of the pad side,
 * 0 ≤ x, y ≤ 1, origin at the top-left corner, y growing downwards. A one-point stroke is a dot.
 *
 * Output: Float32Array of size·size values in [0, 1], row-major (index row·size + col), 0 for the
 * background and 1 for full ink: the convention of imageFloat() in lib/data/mnist.ts (byte / 255).
 *
 * Preparation (as LeCun, Cortes and Burges did for MNIST):
 *   1. scale, keeping the aspect ratio, so the ink (centre lines plus the pen) fits in a box×box
 *      square (20×20 of the 28×28 image by default);
 *   2. translate so that the centre of mass of the ink falls on the centre of the image,
 *      (size/2, size/2) in continuous pixel coordinates, where pixel (r, c) covers
 *      [c, c + 1) × [r, r + 1) and its centre is (c + ½, r + ½).
 * The pen has a fixed width in output pixels (2·penRadius), however large the drawing was, so a
 * small scribble and a big one give the same strokes. Drawings smaller than minExtent (a fraction
 * of the pad) are enlarged as if they had that extent: a dot stays a dot.
 *
 * Ink of a pixel: with d the distance (px) from its centre to the nearest stroke segment,
 *   ink = clamp(penRadius + ½ − d, 0, 1)
 * i.e. full ink inside the pen and a one-pixel linear ramp at the edge (cheap anti-aliasing).
 */
export interface Point {
  x: number;
  y: number;
}

export type Stroke = readonly Point[];

export interface RasterOptions {
  /** Side of the output image in pixels (default 28). */
  size?: number;
  /** Side of the square the ink is scaled to fit (default 20, as MNIST). */
  box?: number;
  /** Half the pen width, in output pixels (default 1.3: strokes about 2.6 px wide). */
  penRadius?: number;
  /** Smallest drawing extent (fraction of the pad) that is scaled up to the box (default 0.15). */
  minExtent?: number;
  /** 'mass' (MNIST: centre of mass at the centre) or 'box' (bounding box at the centre). Default 'mass'. */
  center?: 'mass' | 'box';
}

export const DIGIT_SIZE = 28;

/** Centre of mass of an image in continuous pixel coordinates (see the module comment); null if it has no ink. */
export function centerOfMass(img: ArrayLike<number>, size: number): { x: number; y: number } | null {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = img[r * size + c]!;
      total += v;
      sx += v * (c + 0.5);
      sy += v * (r + 0.5);
    }
  }
  return total > 0 ? { x: sx / total, y: sy / total } : null;
}

/** Rows and columns that hold ink above `threshold` (inclusive bounds); null if none does. */
export function inkBounds(img: ArrayLike<number>, size: number, threshold = 0):
  { top: number; bottom: number; left: number; right: number } | null {
  let top = size;
  let bottom = -1;
  let left = size;
  let right = -1;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (img[r * size + c]! > threshold) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  return bottom < 0 ? null : { top, bottom, left, right };
}

/** Distance from (px, py) to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Paints the strokes mapped by p ↦ s·p + (tx, ty) with the pen profile of the module comment. */
function paint(strokes: readonly Stroke[], s: number, tx: number, ty: number, radius: number, size: number): Float32Array {
  const dist = new Float32Array(size * size).fill(Number.POSITIVE_INFINITY);
  const reach = radius + 0.5;
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i++) {
      const a = stroke[i]!;
      const b = stroke[Math.min(i + 1, stroke.length - 1)]!;
      if (i > 0 && i === stroke.length - 1) break; // the last point only ends the previous segment
      const ax = s * a.x + tx;
      const ay = s * a.y + ty;
      const bx = s * b.x + tx;
      const by = s * b.y + ty;
      const c0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
      const c1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
      const r0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const r1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const d = segmentDistance(c + 0.5, r + 0.5, ax, ay, bx, by);
          const k = r * size + c;
          if (d < dist[k]!) dist[k] = d;
        }
      }
    }
  }
  const out = new Float32Array(size * size);
  for (let k = 0; k < out.length; k++) {
    const v = reach - dist[k]!;
    out[k] = v <= 0 ? 0 : v >= 1 ? 1 : v;
  }
  return out;
}

/** Strokes → size·size ink values in [0, 1], scaled and centred like MNIST (see the module comment). */
export function rasterizeStrokes(strokes: readonly Stroke[], opts: RasterOptions = {}): Float32Array {
  const size = opts.size ?? DIGIT_SIZE;
  const box = opts.box ?? 20;
  const radius = opts.penRadius ?? 1.3;
  const minExtent = opts.minExtent ?? 0.15;
  if (!(box > 2 * radius) || box > size) throw new RangeError('box must be wider than the pen and fit in the image');
  const drawn = strokes.filter((st) => st.length > 0);
  if (drawn.length === 0) return new Float32Array(size * size);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const st of drawn) {
    for (const p of st) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
  }
  // Output pixels per pad unit: the centre lines fill box − 2·radius, the pen adds the rest.
  const s = (box - 2 * radius) / Math.max(maxX - minX, maxY - minY, minExtent);
  let tx = size / 2 - (s * (minX + maxX)) / 2;
  let ty = size / 2 - (s * (minY + maxY)) / 2;
  let img = paint(drawn, s, tx, ty, radius, size);
  if (opts.center === 'box') return img;
  // Shifting the strokes shifts the centre of mass by the same amount (up to anti-aliasing and
  // clipping), so a couple of corrections land it within a few hundredths of a pixel.
  for (let iter = 0; iter < 3; iter++) {
    const cm = centerOfMass(img, size);
    if (!cm) break;
    const dx = size / 2 - cm.x;
    const dy = size / 2 - cm.y;
    if (Math.abs(dx) < 0.01 && Math.abs(dy) < 0.01) break;
    tx += dx;
    ty += dy;
    img = paint(drawn, s, tx, ty, radius, size);
  }
  return img;
}

/** Ink values in [0, 1] → bytes 0–255 (round(v·255)), the format of the MNIST file. */
export function toBytes(img: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(img.length);
  for (let i = 0; i < out.length; i++) {
    const v = img[i]!;
    out[i] = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
  }
  return out;
}
