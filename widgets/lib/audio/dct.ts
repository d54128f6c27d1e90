/**
 * DCT-II, orthonormal (pure), as scipy.fft.dct(type=2, norm='ortho'), keeping the first C terms:
 *   c_n = s_n · Σ_{m=0}^{M−1} y_m · cos(π · n · (2m + 1) / (2M)),  n = 0 … C − 1
 *   s_0 = √(1/M),  s_n = √(2/M) for n ≥ 1
 * The matrix [C][M] is built once per (M, C); the transform is a C × M product.
 */

export interface Dct {
  readonly inputs: number;
  readonly outputs: number;
  /** Row n holds s_n · cos(π n (2m + 1) / 2M), m = 0 … M − 1. */
  readonly matrix: Float64Array[];
}

export function makeDct(inputs: number, outputs: number): Dct {
  if (!(Number.isInteger(inputs) && inputs >= 1 && Number.isInteger(outputs) && outputs >= 1 && outputs <= inputs)) {
    throw new RangeError(`makeDct: need 1 ≤ outputs ≤ inputs (got ${outputs}, ${inputs})`);
  }
  const matrix: Float64Array[] = [];
  for (let n = 0; n < outputs; n++) {
    const s = Math.sqrt((n === 0 ? 1 : 2) / inputs);
    const row = new Float64Array(inputs);
    for (let m = 0; m < inputs; m++) row[m] = s * Math.cos((Math.PI * n * (2 * m + 1)) / (2 * inputs));
    matrix.push(row);
  }
  return { inputs, outputs, matrix };
}

/** c = D · y into `out` (length C). */
export function applyDct(d: Dct, y: ArrayLike<number>, out: Float64Array = new Float64Array(d.outputs)): Float64Array {
  for (let n = 0; n < d.outputs; n++) {
    const row = d.matrix[n]!;
    let s = 0;
    for (let m = 0; m < d.inputs; m++) s += row[m]! * y[m]!;
    out[n] = s;
  }
  return out;
}
