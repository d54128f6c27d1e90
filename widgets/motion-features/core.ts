/**
 * The feature explorer's pure part: Spanish names and units of Edge Impulse's feature labels, the
 * table of one window grouped by axis, the scatter's points, and the chart's text alternative.
 *
 * Labels as spectralFeatureLabels writes them: "accX RMS", "accX Peak 1 Freq",
 * "accX Peak 1 Height", "accX Spectral Power 0.1 - 0.5" (then accY, accZ).
 * Units: RMS and peak heights in m/s²; peak frequencies in Hz (labelled k·fs/(N−2)); band powers
 * are periodogram means in (m/s²)²/Hz divided by 10.
 */
import type { FeatureSet } from '../lib/motion/featurize';

export interface FeatureName {
  /** "accX". */
  axis: string;
  /** "RMS", "Pico 1: frecuencia", "Potencia 0,1–0,5 Hz". */
  name: string;
  unit: string;
  /** For selects: "x · RMS". */
  short: string;
}

const es = (s: string): string => s.replace('.', ',');

export function featureName(label: string): FeatureName {
  const axisOf = (a: string): string => a.replace(/^acc/i, '').toLowerCase();
  let m = /^(\S+) RMS$/.exec(label);
  if (m) return { axis: m[1]!, name: 'RMS', unit: 'm/s²', short: `${axisOf(m[1]!)} · RMS` };
  m = /^(\S+) Peak (\d+) Freq$/.exec(label);
  if (m) return { axis: m[1]!, name: `Pico ${m[2]}: frecuencia`, unit: 'Hz', short: `${axisOf(m[1]!)} · pico ${m[2]}: frecuencia` };
  m = /^(\S+) Peak (\d+) Height$/.exec(label);
  if (m) return { axis: m[1]!, name: `Pico ${m[2]}: altura`, unit: 'm/s²', short: `${axisOf(m[1]!)} · pico ${m[2]}: altura` };
  m = /^(\S+) Spectral Power ([\d.]+) - ([\d.]+)$/.exec(label);
  if (m) {
    const band = `${es(m[2]!)}–${es(m[3]!)} Hz`;
    return { axis: m[1]!, name: `Potencia ${band}`, unit: '(m/s²)²/Hz ÷ 10', short: `${axisOf(m[1]!)} · potencia ${band}` };
  }
  const sp = label.indexOf(' ');
  const axis = sp > 0 ? label.slice(0, sp) : '';
  return { axis, name: sp > 0 ? label.slice(sp + 1) : label, unit: '', short: label };
}

export interface TableGroup {
  axis: string;
  rows: { index: number; label: string; name: FeatureName; value: number }[];
}

/** The features of one window grouped by axis, in label order. */
export function featureTable(labels: readonly string[], values: readonly number[]): TableGroup[] {
  const groups: TableGroup[] = [];
  labels.forEach((label, index) => {
    const name = featureName(label);
    let g = groups[groups.length - 1];
    if (!g || g.axis !== name.axis) groups.push((g = { axis: name.axis, rows: [] }));
    g.rows.push({ index, label, name, value: values[index]! });
  });
  return groups;
}

export interface ScatterPoint {
  /** Index into FeatureSet.windows. */
  window: number;
  x: number;
  y: number;
  cls: number;
  /** Recording id, and the window's position in it (1-based) when the recording has several. */
  name: string;
}

export function scatterPoints(set: FeatureSet, fx: number, fy: number): ScatterPoint[] {
  return set.windows.map((w, i) => {
    const rec = set.recordings[w.recording]!;
    const name = rec.windows.length > 1 ? `${rec.id} (tramo ${w.index + 1})` : rec.id;
    return { window: i, x: w.features[fx]!, y: w.features[fy]!, cls: w.cls, name };
  });
}

/** Per-class mean of x and y. */
export function classMeans(points: readonly ScatterPoint[], classes: number): { x: number; y: number; n: number }[] {
  const out = Array.from({ length: classes }, () => ({ x: 0, y: 0, n: 0 }));
  for (const p of points) {
    const o = out[p.cls]!;
    o.x += p.x;
    o.y += p.y;
    o.n++;
  }
  return out.map((o) => (o.n ? { x: o.x / o.n, y: o.y / o.n, n: o.n } : { x: Number.NaN, y: Number.NaN, n: 0 }));
}

/**
 * How well one feature separates the classes: between-class variance of the class means over the
 * mean within-class variance (Fisher's ratio; 0 = no separation, large = clean). NaN for one class.
 */
export function fisherRatio(values: readonly number[], cls: readonly number[], classes: number): number {
  const sum = new Array<number>(classes).fill(0);
  const sq = new Array<number>(classes).fill(0);
  const n = new Array<number>(classes).fill(0);
  values.forEach((v, i) => {
    sum[cls[i]!]! += v;
    sq[cls[i]!]! += v * v;
    n[cls[i]!]!++;
  });
  const present = n.map((k, c) => ({ k, c })).filter((o) => o.k > 0);
  if (present.length < 2) return Number.NaN;
  const means = present.map(({ k, c }) => sum[c]! / k);
  const within = present.reduce((a, { k, c }, j) => a + (sq[c]! / k - means[j]! ** 2), 0) / present.length;
  const grand = means.reduce((a, b) => a + b, 0) / means.length;
  const between = means.reduce((a, m) => a + (m - grand) ** 2, 0) / means.length;
  if (within <= 1e-300) return between > 0 ? Number.POSITIVE_INFINITY : 0;
  return between / within;
}

export const fmtVal = (v: number, sig = 4): string => {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    const [m, e] = v.toExponential(sig - 1).split('e') as [string, string];
    return `${String(Number(m)).replace('.', ',')}·10^${Number(e)}`.replace('-', '−');
  }
  return String(Number(v.toPrecision(sig))).replace('.', ',').replace('-', '−');
};

export function describeScatter(set: FeatureSet, points: readonly ScatterPoint[], fx: number, fy: number): string {
  const nx = featureName(set.featureLabels[fx]!);
  const ny = featureName(set.featureLabels[fy]!);
  const means = classMeans(points, set.classes.length);
  const parts = set.classes.map((c, k) => `${c}: ${means[k]!.n} ${means[k]!.n === 1 ? 'punto' : 'puntos'}, media (${fmtVal(means[k]!.x, 3)}; ${fmtVal(means[k]!.y, 3)})`);
  return `Diagrama de dispersión de ${points.length} ventanas, una por punto, coloreadas por clase. ` +
    `Horizontal: ${nx.short} (${nx.unit}); vertical: ${ny.short} (${ny.unit}). ${parts.join('; ')}.`;
}
