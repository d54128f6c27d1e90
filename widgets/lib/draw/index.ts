/**
 * Draw-a-digit kit, shared by the lessons that let the student write a digit (08, 10).
 *
 *   raster.ts (pure, unit-tested in tests/unit/draw-raster.test.ts)
 *     rasterizeStrokes(strokes, opts?) → Float32Array[28·28] in [0, 1], MNIST-style: the ink fits a
 *     20×20 box (aspect ratio kept) and its centre of mass sits at the image centre (14, 14).
 *     toBytes(img) → Uint8Array 0–255; centerOfMass(img, size); inkBounds(img, size, threshold).
 *   pad.ts (DOM, views only)
 *     new DrawPad(canvas, { onChange(strokes, done) }) records pointer strokes in pad units
 *     ([0, 1]², y down) and paints them; clear(), redraw(), destroy().
 *   paint.ts (DOM, views only)
 *     paintGray(canvas, values, { width, height, scale }) paints a grey image (bytes or [0, 1]).
 *
 * Typical use in a view:
 *   const pad = new DrawPad(canvas, { onChange: (strokes) => show(rasterizeStrokes(strokes)) });
 *   this.onCleanup(() => pad.destroy());
 */
export * from './raster';
export { DrawPad, type DrawPadOptions, type PadColors } from './pad';
export { paintGray, type GrayOptions } from './paint';
