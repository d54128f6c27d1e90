/**
 * Small Observable Plot helpers shared by the reg-vs-class and workflow-stepper views (imported
 * only by view modules, so Plot loads lazily with them).
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from './projector-plot';
import { chartFontPx } from './chart-font';
import { quietChart } from './dom';
import { fmt, tick } from '../format/number';
import { thin } from './series';

export interface Colors {
  fg: string;
  muted: string;
  bg: string;
  grid: string;
  /** model curve */
  c1: string;
  /** "calor" / highlights */
  c2: string;
  /** validation / reference */
  c3: string;
  /** "frío" */
  c4: string;
}

export const plotStyle = (c: Colors) => ({ background: 'transparent', color: c.fg, fontSize: '13px', overflow: 'visible' as const });

/** Plot's scale `name` of a chart as a function, or null (e.g. before the chart exists). */
export function scaleOf(svg: SVGSVGElement, name: 'x' | 'y'): ((v: number) => number) | null {
  const s = (svg as unknown as { scale?(n: string): { apply(v: number): number } | undefined }).scale?.(name);
  return s ? (v: number) => s.apply(v) : null;
}

export interface LossSeries {
  name: string;
  color: string;
  /** Loss of each epoch (index 0 = epoch 1), finite and > 0 values only are drawn. */
  values: readonly number[];
}

/**
 * Tick values for a log axis over [lo, hi] (0 < lo < hi) drawn `px` pixels long, no two closer
 * than `gapPx`: candidates are m·10^e inside the domain, taken by priority (powers of ten, then
 * 5·10^e, then 2·10^e, then the other multiples) and kept only when at least `gapPx` from every
 * tick already kept. Returned sorted. (A log axis left to itself labels 2, 3, 4… within a decade,
 * however few ticks it is asked for, and at a large font they run into each other.)
 */
export function logTicks(lo: number, hi: number, px: number, gapPx: number): number[] {
  if (!(lo > 0) || !(hi > lo) || !(px > 0)) return [];
  const pos = (v: number): number => ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * px;
  const rank = (m: number): number => (m === 1 ? 0 : m === 5 ? 1 : m === 2 ? 2 : 3);
  const cands: { v: number; r: number }[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) cands.push({ v, r: rank(m) });
    }
  }
  cands.sort((a, b) => a.r - b.r || a.v - b.v);
  const kept: number[] = [];
  for (const c of cands) if (kept.every((k) => Math.abs(pos(k) - pos(c.v)) >= gapPx)) kept.push(c.v);
  return kept.sort((a, b) => a - b);
}

/** Loss per epoch on a log y axis, one line per series, with the series named in a legend row. */
export function lossChart(width: number, series: readonly LossSeries[], yLabel: string, c: Colors, height = 174): SVGSVGElement {
  const [top, bottom] = [22, 38];
  const rows = series.flatMap((s) =>
    thin(s.values.map((v, i) => ({ epoch: i + 1, loss: v, name: s.name })).filter((d) => Number.isFinite(d.loss) && d.loss > 0)),
  );
  const vals = rows.map((r) => r.loss);
  const hi = vals.length ? Math.max(...vals) * 1.3 : 10;
  const lo = vals.length ? Math.min(Math.min(...vals) / 1.3, hi / 10) : 1;
  const last = Math.max(10, ...rows.map((r) => r.epoch));
  // Label size as drawn (13 px, or projector mode's larger font), for the spacing of the log ticks.
  const font = chartFontPx(document.documentElement, 13);
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (!rows.length) marks.push(Plot.text(['Todavía sin épocas: pulsa «Entrenar».'], { frameAnchor: 'middle', fill: c.muted, fontSize: 13 }));
  for (const s of series) {
    const data = rows.filter((r) => r.name === s.name);
    marks.push(Plot.line(data, { x: 'epoch', y: 'loss', stroke: s.color, strokeWidth: 2.2 }));
    const end = data[data.length - 1];
    if (end) marks.push(Plot.dot([end], { x: 'epoch', y: 'loss', r: 3.5, fill: s.color }));
  }
  return quietChart(projectorPlot({
    width, height, marginLeft: 48, marginTop: top, marginBottom: bottom, marginRight: 22, style: plotStyle(c),
    x: { domain: [0, last], label: 'época →', labelAnchor: 'right', ticks: 4, tickFormat: tick },
    y: { type: 'log', domain: [lo, hi], label: yLabel, grid: true, ticks: logTicks(lo, hi, height - top - bottom, 1.6 * font), tickFormat: (d: number) => fmt(d, 3) },
    marks,
  }) as unknown as Element);
}
