/**
 * The signal-and-spectrum view of one window (pure): the two spectra the widget can draw, the four
 * bands with the bins that fall in each, and every feature's formula with its numbers (KaTeX).
 *
 * - 'ei' (what Edge Impulse computes, and what the classifier gets): the first N samples (N =
 *   fftLength, 128) of the preprocessed axis, no window; heights v[k] = 2/N·|X[k]|, k < N/2, drawn
 *   at k·fs/(N−2); peaks as spectralFeatures reports them.
 * - 'libro' (the textbook view): all n samples zero-padded to the next power of two (200 → 256),
 *   amplitudeSpectrum (2|X[k]|/N, DC and Nyquist not doubled), drawn at k·fs/N; its own peaks
 *   with the same threshold and count, for comparison only.
 * Bands always come from the periodogram P[k] (density, (m/s²)²/Hz) at k·fs/N, mean / 10.
 */
import {
  amplitudeSpectrum, findPeaks, mean, scaleBy, butterworth, sosfilt,
  type AxisAnalysis, type SpectralParams,
} from '../lib/dsp';

export type Mode = 'ei' | 'libro';
export const AXES = ['x', 'y', 'z'] as const;
export type Axis = (typeof AXES)[number];

export const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export interface PeakMark {
  k: number;
  freq: number;
  height: number;
}

export interface SpectrumView {
  mode: Mode;
  /** FFT length. */
  n: number;
  /** Step between drawn bins, Hz: fs/(N−2) ('ei') or fs/N ('libro'). */
  df: number;
  freqs: Float64Array;
  values: Float64Array;
  peaks: PeakMark[];
}

export function eiSpectrum(a: AxisAnalysis, p: SpectralParams, fs: number): SpectrumView {
  const n = p.fftLength;
  const df = fs / (n - 2);
  const peaks = a.peaks
    .filter((q) => q.height > 0)
    .map((q) => ({ k: Math.round(q.freq / df), freq: q.freq, height: q.height }));
  return { mode: 'ei', n, df, freqs: a.fft.freqs, values: a.fft.heights, peaks };
}

export function textbookSpectrum(a: AxisAnalysis, p: SpectralParams, fs: number): SpectrumView {
  const n = nextPow2(a.x.length);
  const s = amplitudeSpectrum(a.x, fs, { n });
  const peaks = findPeaks(s.values, p.peakThreshold, p.peakCount).map((k) => ({ k, freq: s.freqs[k]!, height: s.values[k]! }));
  return { mode: 'libro', n, df: fs / n, freqs: s.freqs, values: s.values, peaks };
}

export interface BandView {
  lo: number;
  hi: number;
  /** Periodogram bins with lo ≤ k·fs/N < hi, and their P[k]. */
  bins: number[];
  values: number[];
  /** mean(P[k]) / 10: the feature. */
  power: number;
}

export function bandViews(a: AxisAnalysis, p: SpectralParams): BandView[] {
  return p.bands.map(([lo, hi], i) => {
    const bins: number[] = [];
    a.psd.freqs.forEach((f, k) => {
      if (f >= lo && f < hi) bins.push(k);
    });
    return { lo, hi, bins, values: bins.map((k) => a.psd.values[k]!), power: a.bands[i]! };
  });
}

/** Mean of the axis after scale and filter, before its removal (m/s² × scale). */
export function preMean(raw: ArrayLike<number>, p: SpectralParams, fs: number): number {
  let x: ArrayLike<number> = scaleBy(raw, p.scale);
  if (p.filter.type !== 'none') x = sosfilt(butterworth(p.filter.type, p.filter.order, p.filter.cutoffHz, fs), x);
  return mean(x);
}

/** A number for TeX in Spanish notation: `sig` significant digits, {,} as decimal comma. */
export function texNum(v: number, sig = 4): string {
  if (!Number.isFinite(v)) return '\\text{—}';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    const [m, e] = v.toExponential(sig - 1).split('e') as [string, string];
    return `${String(Number(m)).replace('.', '{,}')} \\cdot 10^{${Number(e)}}`;
  }
  return String(Number(v.toPrecision(sig))).replace('.', '{,}');
}

/** Plain-text Spanish number (decimal comma, true minus). */
export function txtNum(v: number, sig = 4): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3) return v.toExponential(sig - 1).replace('.', ',').replace('-', '−').replace('e', ' · 10^');
  return String(Number(v.toPrecision(sig))).replace('.', ',').replace('-', '−');
}

const sub = (axis: Axis): string => `x^{(${axis})}`;

export function meanTex(axis: Axis, m: number, p: SpectralParams): string {
  const scale = p.scale === 1 ? '' : `${texNum(p.scale)}\\cdot `;
  const filt = p.filter.type === 'none' ? '' : `\\;\\text{filtrada},\\;`;
  return `\\begin{aligned} \\bar{x} &= \\frac{1}{n}\\sum_{i=1}^{n} x_i = ${texNum(m)}\\ \\text{m/s}^2 \\\\ ${sub(axis)}_i &\\leftarrow ${scale}${filt}${sub(axis)}_i - \\bar{x} \\end{aligned}`;
}

export function rmsTex(axis: Axis, a: AxisAnalysis): string {
  const n = a.x.length;
  let ss = 0;
  for (const v of a.x) ss += v * v;
  return `\\begin{aligned} \\text{RMS}_{${axis}} &= \\sqrt{\\frac{1}{n}\\sum_{i=1}^{n} x_i^2} \\\\ &= \\sqrt{\\frac{1}{${n}}\\cdot ${texNum(ss)}} = ${texNum(a.rms)}\\ \\text{m/s}^2 \\end{aligned}`;
}

/** Peak j (1-based) of the EI spectrum: height 2/N·|X[k]| and frequency k·fs/(N−2). */
export function peakTex(j: number, q: PeakMark, n: number, fs: number): string {
  const absX = (q.height * n) / 2;
  return `\\begin{aligned} h_{${j}} &= \\frac{2}{N}\\,|X[${q.k}]| = \\frac{2}{${n}}\\cdot ${texNum(absX)} = ${texNum(q.height)}\\ \\text{m/s}^2 \\\\ ` +
    `f_{${j}} &= \\frac{k\\,f_s}{N-2} = \\frac{${q.k}\\cdot ${texNum(fs)}}{${n - 2}} = ${texNum(q.freq)}\\ \\text{Hz} \\end{aligned}`;
}

export function missingPeakTex(j: number): string {
  return `\\begin{aligned} h_{${j}} &= 0, \\quad f_{${j}} = 0 \\\\ &\\text{(no hay un ${j}.º pico} \\geq \\text{umbral: se rellena con ceros)} \\end{aligned}`;
}

const range = (b: BandView): string => `${texNum(b.lo, 3)}\\text{–}${texNum(b.hi, 3)}`;

export function bandTex(b: BandView, fs: number, n: number): string {
  const name = `P_{${range(b)}\\,\\text{Hz}}`;
  if (b.bins.length === 0) {
    return `\\begin{aligned} ${name} &= 0 \\\\ &\\text{(ningún bin cumple } ${texNum(b.lo, 3)} \\le \\tfrac{k\\,f_s}{N} < ${texNum(b.hi, 3)}\\text{;} \\\\ &\\tfrac{f_s}{N} = ${texNum(fs / n)}\\text{ Hz)} \\end{aligned}`;
  }
  const terms = b.bins.length <= 4
    ? b.values.map((v) => texNum(v, 3)).join(' + ')
    : `${b.values.slice(0, 2).map((v) => texNum(v, 3)).join(' + ')} + \\dots + ${texNum(b.values[b.values.length - 1]!, 3)}`;
  const ks = b.bins.length <= 4 ? b.bins.join(', ') : `${b.bins[0]}, \\dots, ${b.bins[b.bins.length - 1]}`;
  return `\\begin{aligned} ${name} &= \\frac{1}{10}\\cdot \\operatorname{media}_{k \\in \\{${ks}\\}} P[k] \\\\ &= \\frac{1}{10}\\cdot \\frac{${terms}}{${b.bins.length}} = ${texNum(b.power)}\\ \\tfrac{(\\text{m/s}^2)^2}{\\text{Hz}} \\end{aligned}`;
}

export function describeSignal(axis: Axis, a: AxisAnalysis, fs: number, mode: Mode, n: number): string {
  const secs = a.x.length / fs;
  const cut = mode === 'ei' && n < a.x.length ? ` Sombreado, lo que queda fuera de la FFT de Edge Impulse: desde ${txtNum(n / fs, 3)} s hasta ${txtNum(secs, 3)} s.` : '';
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a.x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return `Eje ${axis} durante ${txtNum(secs, 3)} s, sin su media: oscila entre ${txtNum(lo, 3)} y ${txtNum(hi, 3)} m/s²; ` +
    `las líneas discontinuas marcan ±RMS = ±${txtNum(a.rms, 3)} m/s².${cut}`;
}

export function describeSpectrum(axis: Axis, s: SpectrumView, bands: BandView[], fmax: number): string {
  const how = s.mode === 'ei'
    ? `Espectro de Edge Impulse del eje ${axis}: ${s.n} puntos, barras a k·fs/(N−2), separadas ${txtNum(s.df, 3)} Hz`
    : `Espectro de libro del eje ${axis}: ${s.n} puntos con ceros añadidos, barras a k·fs/N, separadas ${txtNum(s.df, 3)} Hz`;
  const peaks = s.peaks.length
    ? `picos en ${s.peaks.map((q) => `${txtNum(q.freq, 3)} Hz (altura ${txtNum(q.height, 3)})`).join(', ')}`
    : 'ningún pico por encima del umbral';
  const b = bands.map((v) => `${txtNum(v.lo, 2)}–${txtNum(v.hi, 2)} Hz: ${txtNum(v.power, 3)}`).join('; ');
  return `${how}, hasta ${txtNum(fmax, 3)} Hz; ${peaks}. Bandas sombreadas con su potencia: ${b}.`;
}
