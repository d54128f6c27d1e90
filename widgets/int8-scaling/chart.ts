/**
 * The two ratio charts of the int8-scaling widget (DOM only): int8/float32 file size and
 * int8/float32 latency against the parameter count P on a log x axis, one dot per measured width,
 * with a dashed reference (1/4 for size, 1 for latency). The numbers are in the table next to it;
 * the chart's container carries the text alternative.
 */
import { svgEl } from '../lib/draw/svg';
import { tick } from '../lib/format/number';

export interface Series {
  /** [P, ratio] pairs. */
  points: readonly (readonly [number, number])[];
  reference: number;
  referenceLabel: string;
  yLabel: string;
  /** CSS colour of the dots. */
  color: string;
}

const niceTicks = (lo: number, hi: number): number[] => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 3]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  return out;
};

/** `k`: text scale (lib/widget/chart-font chartScale): margins, offsets and the height grow by it, y labels thin out. */
export function ratioChart(width: number, s: Series, pRange: readonly [number, number], k = 1): SVGSVGElement {
  const m = { l: Math.round(52 * k), r: Math.round(14 * k), t: Math.round(14 * k), b: Math.round(40 * k) };
  const H = 200 + (m.t - 14) + (m.b - 40);
  const w = Math.max(240, width);
  const svg = svgEl('svg', { width: w, height: H, viewBox: `0 0 ${w} ${H}`, class: 'is-chart', 'aria-hidden': 'true' });
  const [p0, p1] = [pRange[0] / 1.3, pRange[1] * 1.3];
  const ys = s.points.map((p) => p[1]);
  const yMax = Math.max(s.reference * 1.6, ...ys.map((v) => v * 1.1));
  const x = (p: number): number => m.l + ((Math.log10(p) - Math.log10(p0)) / (Math.log10(p1) - Math.log10(p0))) * (w - m.l - m.r);
  const y = (v: number): number => H - m.b - (v / yMax) * (H - m.t - m.b);
  svg.append(svgEl('line', { x1: m.l, x2: w - m.r, y1: y(0), y2: y(0), class: 'is-axis' }));
  svg.append(svgEl('line', { x1: m.l, x2: m.l, y1: m.t, y2: y(0), class: 'is-axis' }));
  for (const t of niceTicks(p0, p1)) {
    svg.append(svgEl('line', { x1: x(t), x2: x(t), y1: y(0), y2: y(0) + 4, class: 'is-axis' }));
    svg.append(svgEl('text', { x: x(t), y: y(0) + 16 * k, 'text-anchor': 'middle', class: 'is-tick' }, tick(t)));
  }
  // One y label per 0.1 (0.5 above 1.2), every other one when the text is large.
  const step = (yMax > 1.2 ? 0.5 : 0.1) * (k > 1.3 ? 2 : 1);
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    svg.append(svgEl('line', { x1: m.l - 4, x2: m.l, y1: y(v), y2: y(v), class: 'is-axis' }));
    svg.append(svgEl('text', { x: m.l - 7, y: y(v) + 4 * k, 'text-anchor': 'end', class: 'is-tick' }, tick(Math.round(v * 10) / 10)));
  }
  svg.append(svgEl('line', { x1: m.l, x2: w - m.r, y1: y(s.reference), y2: y(s.reference), class: 'is-ref' }));
  svg.append(svgEl('text', { x: m.l + 6, y: y(s.reference) + 14 * k, 'text-anchor': 'start', class: 'is-ref-label' }, s.referenceLabel));
  svg.append(svgEl('text', { x: (m.l + w - m.r) / 2, y: H - 6 * k, 'text-anchor': 'middle', class: 'is-label' }, 'Parámetros del modelo (escala logarítmica)'));
  const yl = 12 * k;
  svg.append(svgEl('text', { x: yl, y: (m.t + y(0)) / 2, 'text-anchor': 'middle', class: 'is-label', transform: `rotate(-90 ${yl} ${(m.t + y(0)) / 2})` }, s.yLabel));
  const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
  if (sorted.length > 1)
    svg.append(svgEl('polyline', { points: sorted.map(([p, v]) => `${x(p)},${y(v)}`).join(' '), class: 'is-line', stroke: s.color }));
  for (const [p, v] of sorted) svg.append(svgEl('circle', { cx: x(p), cy: y(v), r: 4.5, fill: s.color }));
  return svg;
}
