/**
 * Digital Butterworth low- and high-pass filters as second-order sections (pure), designed as
 * SciPy's `butter(order, cutoff, btype, fs=fs, output='sos')` is: the analog prototype's poles
 * p_k = exp(jπ(2k + N + 1)/(2N)), k = 0 … N−1, the cut-off pre-warped to
 * ω_c = 2·fs·tan(π·f_c/fs), s = ω_c·p (low) or s = ω_c/p (high), then the bilinear transform
 * z = (2fs + s)/(2fs − s); zeros at z = −1 (low) or z = +1 (high). Each section has unit gain at
 * DC (low) or at Nyquist (high), so the cascade does too and |H(f_c)| = 1/√2.
 *
 * A section is [b0, b1, b2, a0, a1, a2] with a0 = 1:
 *   H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²).
 * An odd order adds one first-order section (b2 = a2 = 0). Requires 0 < f_c < fs/2, 1 ≤ N ≤ 8.
 *
 * sosfilt(sos, x): one forward pass through every section in order (transposed direct form II),
 * from zero state, as SciPy's `sosfilt` without `zi`.
 */
export type Sos = Float64Array[];

export function butterworth(kind: 'low' | 'high', order: number, cutoffHz: number, fs: number): Sos {
  if (!Number.isInteger(order) || order < 1 || order > 8) throw new RangeError(`butterworth: order must be 1–8 (got ${order})`);
  if (!(cutoffHz > 0 && cutoffHz < fs / 2)) throw new RangeError(`butterworth: cut-off must be in (0, fs/2) (got ${cutoffHz} Hz at ${fs} Hz)`);
  const wc = 2 * fs * Math.tan((Math.PI * cutoffHz) / fs);
  const k2 = 2 * fs;
  const sos: Sos = [];
  const analogPole = (k: number): [number, number] => {
    const th = (Math.PI * (2 * k + order + 1)) / (2 * order);
    const pr = Math.cos(th);
    const pi = Math.sin(th);
    if (kind === 'low') return [wc * pr, wc * pi];
    const d = pr * pr + pi * pi; // wc / p = wc · conj(p) / |p|²
    return [(wc * pr) / d, (-wc * pi) / d];
  };
  // z = (k2 + s) / (k2 − s) for complex s = sr + j·si.
  const bilinear = (sr: number, si: number): [number, number] => {
    const nr = k2 + sr;
    const dr = k2 - sr;
    const di = -si;
    const den = dr * dr + di * di;
    return [(nr * dr + si * di) / den, (si * dr - nr * di) / den];
  };
  for (let k = 0; k < Math.floor(order / 2); k++) {
    const [zr, zi] = bilinear(...analogPole(k));
    const a1 = -2 * zr;
    const a2 = zr * zr + zi * zi;
    if (kind === 'low') {
      const g = (1 + a1 + a2) / 4;
      sos.push(Float64Array.of(g, 2 * g, g, 1, a1, a2));
    } else {
      const g = (1 - a1 + a2) / 4;
      sos.push(Float64Array.of(g, -2 * g, g, 1, a1, a2));
    }
  }
  if (order % 2 === 1) {
    const [zr] = bilinear(...analogPole((order - 1) / 2));
    if (kind === 'low') {
      const g = (1 - zr) / 2;
      sos.push(Float64Array.of(g, g, 0, 1, -zr, 0));
    } else {
      const g = (1 + zr) / 2;
      sos.push(Float64Array.of(g, -g, 0, 1, -zr, 0));
    }
  }
  return sos;
}

export function sosfilt(sos: Sos, x: ArrayLike<number>): Float64Array {
  let y = Float64Array.from(x);
  for (const s of sos) {
    const [b0, b1, b2, , a1, a2] = s as unknown as [number, number, number, number, number, number];
    let z1 = 0;
    let z2 = 0;
    const out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) {
      const xi = y[i]!;
      const yi = b0 * xi + z1;
      z1 = b1 * xi - a1 * yi + z2;
      z2 = b2 * xi - a2 * yi;
      out[i] = yi;
    }
    y = out;
  }
  return y;
}

/** |H(e^{j2πf/fs})| of the cascade at f Hz (for tests and the figure of the filter's response). */
export function sosGain(sos: Sos, f: number, fs: number): number {
  const w = (2 * Math.PI * f) / fs;
  const c1 = Math.cos(w), s1 = -Math.sin(w), c2 = Math.cos(2 * w), s2 = -Math.sin(2 * w);
  let g = 1;
  for (const s of sos) {
    const nr = s[0]! + s[1]! * c1 + s[2]! * c2, ni = s[1]! * s1 + s[2]! * s2;
    const dr = 1 + s[4]! * c1 + s[5]! * c2, di = s[4]! * s1 + s[5]! * s2;
    g *= Math.hypot(nr, ni) / Math.hypot(dr, di);
  }
  return g;
}
