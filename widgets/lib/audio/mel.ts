/**
 * Mel filterbank on the HTK scale (pure). DESIGN.md §Audio features.
 *
 *   mel(f) = 2595 · log10(1 + f / 700)      f in Hz;  hz(m) = 700 · (10^(m / 2595) − 1)
 *   Edges: M + 2 points equally spaced in mel from mel(fMin) to mel(fMax), back in Hz:
 *     e_0 < e_1 < … < e_{M+1};  filter m (0-based) has left e_m, centre e_{m+1}, right e_{m+2}.
 *   Weights evaluated at each FFT bin's frequency f_k = k · fs / N, k = 0 … N/2:
 *     W_m[k] = (f_k − e_m) / (e_{m+1} − e_m)        for e_m ≤ f_k ≤ e_{m+1}
 *            = (e_{m+2} − f_k) / (e_{m+2} − e_{m+1}) for e_{m+1} < f_k ≤ e_{m+2}
 *            = 0 elsewhere
 *   No area normalisation (HTK / librosa `htk=True, norm=None`). So a filter's largest weight is
 *   at the bin nearest its centre and equals 1 only if a bin falls exactly on the centre; and
 *   between the first and the last centre, neighbouring triangles sum to 1 (W_m + W_{m+1} = 1).
 *   Y[m] = Σ_k W_m[k] · P[k] for a power spectrum P of N/2 + 1 bins.
 */

export const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);
export const melToHz = (m: number): number => 700 * (10 ** (m / 2595) - 1);

export interface MelSpec {
  /** Hz. */
  sampleRate: number;
  /** FFT points N; the spectrum has N/2 + 1 bins. */
  fftSize: number;
  /** Number of triangular filters M. */
  melBands: number;
  /** Hz. */
  fMinHz: number;
  /** Hz, ≤ sampleRate / 2. */
  fMaxHz: number;
}

export interface MelFilterbank {
  readonly spec: Readonly<MelSpec>;
  /** M + 2 edge frequencies in Hz (left edge, centres, right edge). */
  readonly edgesHz: Float64Array;
  /** Dense weights [M][N/2 + 1]. */
  readonly weights: Float64Array[];
  /** Per filter, the first bin with a non-zero weight and one past the last (empty: start = end). */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

export function melFilterbank(spec: MelSpec): MelFilterbank {
  const { sampleRate: fs, fftSize: n, melBands: M, fMinHz, fMaxHz } = spec;
  if (!(M >= 1 && Number.isInteger(M))) throw new RangeError(`melFilterbank: melBands must be a positive integer (got ${M})`);
  if (!(fMinHz >= 0 && fMaxHz > fMinHz && fMaxHz <= fs / 2)) {
    throw new RangeError(`melFilterbank: need 0 ≤ fMinHz < fMaxHz ≤ fs/2 (got ${fMinHz}, ${fMaxHz}, fs ${fs})`);
  }
  const bins = n / 2 + 1;
  const m0 = hzToMel(fMinHz);
  const m1 = hzToMel(fMaxHz);
  const edgesHz = new Float64Array(M + 2);
  for (let i = 0; i < M + 2; i++) edgesHz[i] = melToHz(m0 + ((m1 - m0) * i) / (M + 1));
  const weights: Float64Array[] = [];
  const start = new Int32Array(M);
  const end = new Int32Array(M);
  for (let m = 0; m < M; m++) {
    const lo = edgesHz[m]!;
    const c = edgesHz[m + 1]!;
    const hi = edgesHz[m + 2]!;
    const w = new Float64Array(bins);
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      const f = (k * fs) / n;
      let v = 0;
      if (f >= lo && f <= c) v = (f - lo) / (c - lo);
      else if (f > c && f <= hi) v = (hi - f) / (hi - c);
      if (v > 0) {
        w[k] = v;
        if (first < 0) first = k;
        last = k;
      }
    }
    weights.push(w);
    start[m] = first < 0 ? 0 : first;
    end[m] = first < 0 ? 0 : last + 1;
  }
  return { spec: { ...spec }, edgesHz, weights, start, end };
}

/** Y[m] = Σ_k W_m[k] · power[k] into `out` (length M), using each filter's non-zero range. */
export function applyMel(fb: MelFilterbank, power: ArrayLike<number>, out: Float64Array = new Float64Array(fb.weights.length)): Float64Array {
  for (let m = 0; m < fb.weights.length; m++) {
    const w = fb.weights[m]!;
    let s = 0;
    for (let k = fb.start[m]!; k < fb.end[m]!; k++) s += w[k]! * power[k]!;
    out[m] = s;
  }
  return out;
}
