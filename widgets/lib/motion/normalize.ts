/**
 * Feature standardisation (pure): z_j = (x_j − μ_j) / σ_j, with μ and σ measured on the
 * training rows only, so nothing of the validation or test rows leaks into the model.
 * σ is the population standard deviation √((1/n) Σ (x − μ)²); a feature that never changes in
 * training (σ < 1e-12, e.g. the 0.1–0.5 Hz band, always 0 at 100 Hz with N = 128) gets σ = 1,
 * so it becomes 0 everywhere instead of a division by zero.
 */
export interface Standardizer {
  mean: number[];
  std: number[];
}

export const MIN_STD = 1e-12;

/** μ and σ of each column of `rows` (all the same length, at least one row). */
export function fitStandardizer(rows: ReadonlyArray<ArrayLike<number>>): Standardizer {
  if (rows.length === 0) throw new RangeError('no rows to measure');
  const d = rows[0]!.length;
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) {
    if (r.length !== d) throw new RangeError('rows differ in length');
    for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= rows.length;
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j]! / rows.length);
    std[j] = s < MIN_STD ? 1 : s;
  }
  return { mean, std };
}

/** (x − μ) / σ, one row, as Float64Array. */
export function standardize(s: Standardizer, x: ArrayLike<number>): Float64Array {
  if (x.length !== s.mean.length) throw new RangeError(`expected ${s.mean.length} features, got ${x.length}`);
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = (x[j]! - s.mean[j]!) / s.std[j]!;
  return out;
}

/** Many rows at once into one flat row-major Float32Array [rows, d] (for tfjs tensors). */
export function standardizeRows(s: Standardizer, rows: ReadonlyArray<ArrayLike<number>>): Float32Array {
  const d = s.mean.length;
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(standardize(s, r), i * d));
  return out;
}
