/**
 * The two quantization formulas of the course notes (lesson 13), written as they should be.
 *
 * 1. Min-max to unsigned codes ("uint8" when b = 8). With L = 2^b − 1 levels above zero:
 *      q  = round((x − min) / (max − min) · L)          q ∈ {0, …, L}
 *      x̂ = q / L · (max − min) + min
 *    The step between two neighbouring codes is Δ = (max − min) / L, so |x − x̂| ≤ Δ/2.
 *
 * 2. Rounding to a grid of step s:  quantize(x, s) = round(x / s) · s.
 *    The notes print `round(x*step) / step`, which contradicts their own example
 *    (it would give quantize(3.14, 0.1) = round(0.314) / 0.1 = 0); the examples
 *    quantize(3.14, 1.0) = 3.0 and quantize(3.14, 0.1) = 3.1 need round(x / s) · s.
 *
 * `round` is round-half-away-from-zero (C's `round`, what TFLite uses), not JS Math.round.
 */

/** C/C++ `std::round`: ties go away from zero (Math.round(−2.5) = −2, this gives −3). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Rounds x to the nearest multiple of `step` (> 0). quantize(3.14, 0.1) ≈ 3.1 (float: 3.1000000000000005). */
export function quantize(x: number, step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError('step must be a positive finite number');
  return roundHalfAway(x / step) * step;
}

/** Number of codes above zero for b unsigned bits: L = 2^b − 1 (255 for b = 8). */
export function levels(bits: number): number {
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) throw new RangeError('bits must be an integer in [1, 16]');
  return 2 ** bits - 1;
}

/** Notes' formula: code of x in [min, max] with b bits. Values outside the range are clamped. */
export function minMaxEncode(x: number, min: number, max: number, bits = 8): number {
  const L = levels(bits);
  if (!(max > min)) return 0; // a constant tensor: every value is `min`, code 0
  const q = roundHalfAway(((x - min) / (max - min)) * L);
  return Math.min(L, Math.max(0, q));
}

/** Notes' inverse ("decompress"): x̂ = q / L · (max − min) + min. */
export function minMaxDecode(q: number, min: number, max: number, bits = 8): number {
  const L = levels(bits);
  return (q / L) * (max - min) + min;
}

export interface MinMaxResult {
  min: number;
  max: number;
  bits: number;
  /** Δ = (max − min) / L: the distance between neighbouring codes (0 for a constant input). */
  step: number;
  codes: number[];
  restored: number[];
}

/** Quantizes a whole list with its own min and max (per-tensor), as the notes do. */
export function minMaxQuantize(values: ArrayLike<number>, bits = 8): MinMaxResult {
  const n = values.length;
  if (n === 0) throw new RangeError('values must not be empty');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError('values must be finite');
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes: number[] = [];
  const restored: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = minMaxEncode(values[i]!, min, max, bits);
    codes.push(q);
    restored.push(minMaxDecode(q, min, max, bits));
  }
  return { min, max, bits, step: (max - min) / levels(bits), codes, restored };
}

/**
 * The 3x4 weight matrix of the notes. Only its first and last rows are printed (the middle one
 * is an ellipsis), and the codes printed next to it (245, 5, 50, 10 for the first row) do not
 * follow the formula: 9.56 is the maximum, so it must map to 255.
 */
export const NOTES_FIRST_ROW = [9.56, -4.28, 2.51, -1.97] as const;
export const NOTES_LAST_ROW = [6.7, -3.5, 5.2, -4.0] as const;
/** The first row's codes as the notes print them (wrong). */
export const NOTES_CLAIMED_CODES = [245, 5, 50, 10] as const;

export interface NotesExample {
  /** Rows of the matrix used (the printed ones, plus the middle row if one was given). */
  matrix: number[][];
  min: number;
  max: number;
  step: number;
  /** Real 8-bit codes, same shape as `matrix`. */
  codes: number[][];
  /** x̂ = q/255·(max − min) + min, same shape. */
  restored: number[][];
  /** x − x̂, same shape. */
  error: number[][];
  maxAbsError: number;
  mse: number;
  /** What the notes' codes for the first row would decode to with the same min and max. */
  claimedRestored: number[];
}

/**
 * Computes the notes' example correctly. By default it uses the 8 printed values (a 2x4 matrix:
 * first and last rows); pass `middleRow` (4 numbers) to fill the elided row and get a 3x4 matrix.
 */
export function notesExample(middleRow?: readonly number[]): NotesExample {
  if (middleRow !== undefined && (middleRow.length !== 4 || !middleRow.every(Number.isFinite))) {
    throw new RangeError('middleRow must have 4 finite numbers');
  }
  const matrix = [[...NOTES_FIRST_ROW], ...(middleRow ? [[...middleRow]] : []), [...NOTES_LAST_ROW]];
  const r = minMaxQuantize(matrix.flat(), 8);
  const cols = 4;
  const reshape = (flat: number[]): number[][] => matrix.map((_, i) => flat.slice(i * cols, (i + 1) * cols));
  const errFlat = matrix.flat().map((x, i) => x - r.restored[i]!);
  return {
    matrix,
    min: r.min,
    max: r.max,
    step: r.step,
    codes: reshape(r.codes),
    restored: reshape(r.restored),
    error: reshape(errFlat),
    maxAbsError: Math.max(...errFlat.map(Math.abs)),
    mse: errFlat.reduce((s, e) => s + e * e, 0) / errFlat.length,
    claimedRestored: NOTES_CLAIMED_CODES.map((q) => minMaxDecode(q, r.min, r.max, 8)),
  };
}
