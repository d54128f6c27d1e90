/**
 * Small Observable Plot helpers shared by the reg-vs-class and workflow-stepper views (imported
 * only by view modules, so Plot loads lazily with them).
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from './projector-plot';
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

/** Loss per epoch on a log y axis, one line per series, with the series named in a legend row. */
export function lossChart(width: number, series: readonly LossSeries[], yLabel: string, c: Colors, height = 170): SVGSVGElement {
  const rows = series.flatMap((s) =>
    thin(s.values.map((v, i) => ({ epoch: i + 1, loss: v, name: s.name })).filter((d) => Number.isFinite(d.loss) && d.loss > 0)),
  );
  const vals = rows.map((r) => r.loss);
  const hi = vals.length ? Math.max(...vals) * 1.3 : 10;
  const lo = vals.length ? Math.min(Math.min(...vals) / 1.3, hi / 10) : 1;
  const last = Math.max(10, ...rows.map((r) => r.epoch));
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (!rows.length) marks.push(Plot.text(['Todavía sin épocas: pulsa «Entrenar».'], { frameAnchor: 'middle', fill: c.muted, fontSize: 13 }));
  for (const s of series) {
    const data = rows.filter((r) => r.name === s.name);
    marks.push(Plot.line(data, { x: 'epoch', y: 'loss', stroke: s.color, strokeWidth: 2.2 }));
    const end = data[data.length - 1];
    if (end) marks.push(Plot.dot([end], { x: 'epoch', y: 'loss', r: 3.5, fill: s.color }));
  }
  return quietChart(projectorPlot({
    width, height, marginLeft: 48, marginTop: 22, marginBottom: 34, marginRight: 22, style: plotStyle(c),
    x: { domain: [0, last], label: 'época →', labelAnchor: 'right', ticks: 4, tickFormat: tick },
    y: { type: 'log', domain: [lo, hi], label: yLabel, grid: true, ticks: 4, tickFormat: (d: number) => fmt(d, 3) },
    marks,
  }) as unknown as Element);
}
