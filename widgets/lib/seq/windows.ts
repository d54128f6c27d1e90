/**
 * Sliding windows over a series and a split in time order (pure).
 *
 * Series x_0 … x_{n−1}. Window length L, stride s, horizon h. Row k of the training matrix:
 *   start_k = k·s,  end_k = start_k + L − 1 (the last input, "now"),  target index τ_k = end_k + h
 *   inputs  X[k] = (x_{start_k}, …, x_{end_k})   (L values, oldest first)
 *   target  y[k] = x_{τ_k}
 * for every k with τ_k ≤ n − 1. Inputs never include x_{τ_k} or anything after end_k: the model
 * only sees the past of the value it has to predict.
 *
 * Time split at cut c = round(n·(1 − testFraction)): a row is
 *   'train' when τ_k < c        (inputs and target all before the cut),
 *   'test'  when start_k ≥ c    (inputs and target all at or after the cut),
 *   'gap'   otherwise           (it straddles the cut: used by neither, so the test part never
 *                                shares a value with a training row).
 * Standardization uses the mean and standard deviation of x_0 … x_{c−1} only.
 */

export const TEST_FRACTION = 0.25;

export interface WindowSpec {
  length: number; // L ≥ 1
  stride: number; // s ≥ 1
  horizon: number; // h ≥ 1
}

export type RowPart = 'train' | 'test' | 'gap';

export interface Windows {
  spec: WindowSpec;
  rows: number;
  /** Inputs, row-major [rows, L]. */
  X: Float64Array;
  /** Targets [rows]. */
  y: Float64Array;
  /** start_k [rows]. */
  starts: Int32Array;
  /** τ_k [rows]. */
  targets: Int32Array;
}

function checkSpec(n: number, s: WindowSpec): void {
  for (const k of ['length', 'stride', 'horizon'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 1)) throw new RangeError(`${k} must be an integer ≥ 1`);
  }
  if (n < 0) throw new RangeError('negative length');
}

/** Number of rows of the matrix: ⌊(n − L − h) / s⌋ + 1, or 0 when no window fits. */
export function rowCount(n: number, s: WindowSpec): number {
  checkSpec(n, s);
  const last = n - s.length - s.horizon; // largest start
  return last < 0 ? 0 : Math.floor(last / s.stride) + 1;
}

export function makeWindows(x: ArrayLike<number>, spec: WindowSpec): Windows {
  const rows = rowCount(x.length, spec);
  const L = spec.length;
  const X = new Float64Array(rows * L);
  const y = new Float64Array(rows);
  const starts = new Int32Array(rows);
  const targets = new Int32Array(rows);
  for (let k = 0; k < rows; k++) {
    const start = k * spec.stride;
    starts[k] = start;
    targets[k] = start + L - 1 + spec.horizon;
    for (let j = 0; j < L; j++) X[k * L + j] = x[start + j]!;
    y[k] = x[targets[k]!]!;
  }
  return { spec: { ...spec }, rows, X, y, starts, targets };
}

/** The cut index c (first test step). */
export const cutIndex = (n: number, testFraction = TEST_FRACTION): number => Math.round(n * (1 - testFraction));

export function rowPart(start: number, target: number, cut: number): RowPart {
  if (target < cut) return 'train';
  if (start >= cut) return 'test';
  return 'gap';
}

/** Row indices of each part, in time order. */
export function splitRows(w: Windows, cut: number): Record<RowPart, number[]> {
  const out: Record<RowPart, number[]> = { train: [], test: [], gap: [] };
  for (let k = 0; k < w.rows; k++) out[rowPart(w.starts[k]!, w.targets[k]!, cut)].push(k);
  return out;
}

export interface Scaler {
  mean: number;
  std: number;
}

/** Mean and (population) standard deviation of x_0 … x_{cut−1}; std 1 when it would be 0. */
export function fitScaler(x: ArrayLike<number>, cut: number): Scaler {
  if (cut < 1) throw new RangeError('the training part is empty');
  let m = 0;
  for (let i = 0; i < cut; i++) m += x[i]!;
  m /= cut;
  let v = 0;
  for (let i = 0; i < cut; i++) v += (x[i]! - m) ** 2;
  const std = Math.sqrt(v / cut);
  return { mean: m, std: std > 0 ? std : 1 };
}

/** Float32 copies of the chosen rows, standardized: inputs [rows·L], targets [rows]. */
export function gatherScaled(w: Windows, rows: readonly number[], sc: Scaler): { X: Float32Array; y: Float32Array } {
  const L = w.spec.length;
  const X = new Float32Array(rows.length * L);
  const y = new Float32Array(rows.length);
  rows.forEach((k, r) => {
    for (let j = 0; j < L; j++) X[r * L + j] = (w.X[k * L + j]! - sc.mean) / sc.std;
    y[r] = (w.y[k]! - sc.mean) / sc.std;
  });
  return { X, y };
}
