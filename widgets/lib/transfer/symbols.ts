/**
 * The student's own symbols for the lesson-11 transfer-learning widget (pure: no tfjs, no DOM).
 *
 * A SymbolSet holds MIN_CLASSES…MAX_CLASSES classes, each with a name and the drawn examples as
 * 28×28 images (Float32Array of 784 values in [0, 1], row-major, as rasterizeStrokes() in
 * lib/draw/raster.ts returns them). Training needs MIN_EXAMPLES per class (missing()).
 * toBatch() turns the examples into the TaskBatch of data.ts (class index = position in the set),
 * so the same Experiment (run.ts) that trains on digits trains on them.
 *
 * `version` grows on every change of the training data (examples, classes), not on renames, so a
 * view can tell whether a trained model still matches what is drawn.
 */
import { PIXELS, type TaskBatch } from './data';

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 4;
export const DEFAULT_CLASSES = 3;
export const MIN_EXAMPLES = 3;
/** Longest class name kept (characters). */
export const MAX_NAME = 20;
export const DEFAULT_NAMES = ['círculo', 'cruz', 'triángulo', 'estrella'] as const;

export interface SymbolClass {
  name: string;
  examples: Float32Array[];
}

/** Trimmed, at most MAX_NAME characters; empty → `clase n` (n = 1-based position). */
export function cleanName(name: string, index: number): string {
  const t = name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME);
  return t || `clase ${index + 1}`;
}

export class SymbolSet {
  #classes: SymbolClass[] = [];
  #version = 0;

  constructor(count = DEFAULT_CLASSES) {
    this.reset(count);
  }

  get classes(): readonly Readonly<SymbolClass>[] {
    return this.#classes;
  }

  get size(): number {
    return this.#classes.length;
  }

  get version(): number {
    return this.#version;
  }

  get names(): string[] {
    return this.#classes.map((c, i) => cleanName(c.name, i));
  }

  get totalExamples(): number {
    return this.#classes.reduce((a, c) => a + c.examples.length, 0);
  }

  /** Back to `count` empty classes with the default names. */
  reset(count = DEFAULT_CLASSES): void {
    const n = Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(count)));
    this.#classes = Array.from({ length: n }, (_, i) => ({ name: DEFAULT_NAMES[i]!, examples: [] }));
    this.#version++;
  }

  /** Adds an empty class with the next unused default name; false when there are MAX_CLASSES. */
  addClass(): boolean {
    if (this.#classes.length >= MAX_CLASSES) return false;
    const used = new Set(this.#classes.map((c) => c.name));
    const name = DEFAULT_NAMES.find((d) => !used.has(d)) ?? `clase ${this.#classes.length + 1}`;
    this.#classes.push({ name, examples: [] });
    this.#version++;
    return true;
  }

  /** Removes class i with its examples; false when only MIN_CLASSES are left. */
  removeClass(i: number): boolean {
    this.#check(i);
    if (this.#classes.length <= MIN_CLASSES) return false;
    this.#classes.splice(i, 1);
    this.#version++;
    return true;
  }

  /** Stores the name as typed (cut to MAX_NAME); `names` gives the cleaned ones. */
  rename(i: number, name: string): void {
    this.#check(i);
    this.#classes[i]!.name = name.slice(0, MAX_NAME);
  }

  /** Adds a copy of a 784-value image to class i; throws RangeError on another length. */
  addExample(i: number, img: ArrayLike<number>): void {
    this.#check(i);
    if (img.length !== PIXELS) throw new RangeError(`an example has ${PIXELS} pixels, got ${img.length}`);
    this.#classes[i]!.examples.push(Float32Array.from(img));
    this.#version++;
  }

  removeExample(i: number, j: number): void {
    this.#check(i);
    const ex = this.#classes[i]!.examples;
    if (!Number.isInteger(j) || j < 0 || j >= ex.length) throw new RangeError(`class ${i} has no example ${j}`);
    ex.splice(j, 1);
    this.#version++;
  }

  /** Examples still missing in each class to reach `min`. */
  missing(min = MIN_EXAMPLES): number[] {
    return this.#classes.map((c) => Math.max(0, min - c.examples.length));
  }

  canTrain(min = MIN_EXAMPLES): boolean {
    return this.missing(min).every((m) => m === 0);
  }

  /** Every example, grouped by class in class order, as a TaskBatch with k = size classes. */
  toBatch(): TaskBatch {
    const n = this.totalExamples;
    const k = this.#classes.length;
    const images = new Float32Array(n * PIXELS);
    const classes = new Uint8Array(n);
    const oneHot = new Float32Array(n * k);
    let row = 0;
    this.#classes.forEach((c, ci) => {
      for (const img of c.examples) {
        images.set(img, row * PIXELS);
        classes[row] = ci;
        oneHot[row * k + ci] = 1;
        row++;
      }
    });
    return { images, classes, oneHot, size: n };
  }

  #check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.#classes.length) throw new RangeError(`no class ${i}`);
  }
}
