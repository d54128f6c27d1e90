/**
 * Drawings of the pruning explorer (imported only by view.ts): the weight histogram with the cut,
 * accuracy vs sparsity and size vs sparsity (Observable Plot). Each returns an aria-hidden SVG;
 * the view puts the text alternative on the figure around it.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { fmt, quietChart } from '../lib/widget/dom';
import { chartBase } from '../lib/widget/chart-preset';
import type { Colors as PlotColors } from '../lib/widget/plotkit';

export type Colors = Pick<PlotColors, 'fg' | 'muted' | 'grid' | 'c1' | 'c2' | 'c3'>;

const base = (c: Colors, width: number) =>
  chartBase(c.fg, width, { min: 180, max: 240, ratio: 0.45 }, { left: 52, right: 14, top: 22, bottom: 36 });

/**
 * A chart of something vs the share of weights pruned (0–100 %) with the current share marked;
 * `y.guess`, when given, draws the guessing level (same units as y) under that mark.
 */
function sparsityChart(y: { domain: [number, number]; label: string; guess?: number }, current: number, marks: Plot.Markish[], c: Colors, width: number): Element {
  const guess = y.guess === undefined ? [] : [Plot.ruleY([y.guess], { stroke: c.muted, strokeDasharray: '2 3' })];
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, 100], label: 'pesos podados (%) →', grid: true },
    y: { domain: y.domain, label: y.label, grid: true },
    marks: [Plot.frame({ stroke: c.grid }), ...guess, Plot.ruleX([current], { stroke: c.muted }), ...marks],
  }) as unknown as Element);
}

/** Histogram of a layer's original weights; bins inside (−t, t) (the pruned ones) in the second colour. */
export function weightHistogram(values: ArrayLike<number>, threshold: number, c: Colors, width: number): Element {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  const bins = 60;
  const w = (hi - lo) / bins || 1;
  const rows = Array.from({ length: bins }, (_, k) => ({ x1: lo + k * w, x2: lo + (k + 1) * w, kept: 0, cut: 0 }));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const r = rows[Math.min(bins - 1, Math.floor((v - lo) / w))]!;
    if (threshold > 0 && Math.abs(v) <= threshold) r.cut++;
    else r.kept++;
  }
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { label: 'valor del peso →', tickFormat: (v: number) => fmt(v, 2) },
    y: { label: '↑ número de pesos', grid: true },
    marks: [
    Plot.frame({ stroke: c.grid }),
    Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'kept', fill: c.c1, insetLeft: 0.5, insetRight: 0.5 }),
    Plot.rectY(rows, { x1: 'x1', x2: 'x2', y1: 'kept', y2: (r: { kept: number; cut: number }) => r.kept + r.cut, fill: c.c2, fillOpacity: 0.55, insetLeft: 0.5, insetRight: 0.5 }),
      ...(threshold > 0 ? [Plot.ruleX([-threshold, threshold], { stroke: c.fg, strokeDasharray: '4 3', strokeWidth: 1.5 })] : []),
    Plot.ruleY([0], { stroke: c.fg }),
    ],
  }) as unknown as Element);
}

export interface AccPoint { pct: number; acc: number; mode: 'capa' | 'global' }

/** Accuracy (%) vs sparsity for both modes (the current one solid), with the current sparsity marked. */
export function accuracyChart(points: readonly AccPoint[], mode: 'capa' | 'global', current: number, c: Colors, width: number): Element {
  const now = points.filter((p) => p.mode === mode);
  const other = points.filter((p) => p.mode !== mode);
  return sparsityChart({ domain: [0, 100], label: '↑ exactitud en prueba (%)', guess: 10 }, current, [
    Plot.line(other, { x: 'pct', y: (p: AccPoint) => 100 * p.acc, stroke: c.c3, strokeDasharray: '5 4', strokeWidth: 1.5 }),
    Plot.dot(other, { x: 'pct', y: (p: AccPoint) => 100 * p.acc, stroke: c.c3, r: 3 }),
    Plot.line(now, { x: 'pct', y: (p: AccPoint) => 100 * p.acc, stroke: c.c1, strokeWidth: 2 }),
    Plot.dot(now, { x: 'pct', y: (p: AccPoint) => 100 * p.acc, fill: c.c1, r: 4 }),
  ], c, width);
}

export interface SizePoint { pct: number; raw: number; gz32: number; gz8: number }

/** Bytes vs sparsity: float32 as stored, float32 + gzip, int8 + gzip. */
export function sizeChart(points: readonly SizePoint[], current: number, c: Colors, width: number): Element {
  const kb = (b: number): number => b / 1024;
  return sparsityChart({ domain: [0, 40], label: '↑ tamaño (KiB)' }, current, [
    Plot.line(points, { x: 'pct', y: (p: SizePoint) => kb(p.raw), stroke: c.muted, strokeWidth: 2, strokeDasharray: '6 3' }),
    Plot.line(points, { x: 'pct', y: (p: SizePoint) => kb(p.gz32), stroke: c.c1, strokeWidth: 2 }),
    Plot.dot(points, { x: 'pct', y: (p: SizePoint) => kb(p.gz32), fill: c.c1, r: 3 }),
    Plot.line(points, { x: 'pct', y: (p: SizePoint) => kb(p.gz8), stroke: c.c2, strokeWidth: 2 }),
    Plot.dot(points, { x: 'pct', y: (p: SizePoint) => kb(p.gz8), fill: c.c2, r: 3, symbol: 'square' }),
  ], c, width);
}
