/**
 * Charts of the next-value widget (imported only by view.ts, so Plot loads with it): the test
 * part of the series with the chosen predictions over it, and the training loss per epoch.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import type { ForecastData } from '../lib/seq/forecast';
import type { LossPoint } from '../lib/seq/train';
import { quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import type { LineKey } from './core';

export interface Colors {
  fg: string;
  muted: string;
  grid: string;
  line: Record<LineKey, string>;
}

export const DASHED: Record<LineKey, boolean> = { naive: true, seasonal: true, mlp: false, conv1d: false, lstm: false };

interface Pt { i: number; v: number; key: string }

const base = (c: Colors, width: number, height: number) => ({
  width, height, marginLeft: 50, marginRight: 14, marginTop: 18, marginBottom: 36,
  style: { background: 'transparent', color: c.fg, fontSize: '12px', overflow: 'visible' as const },
});

/** Truth (thick) over the test part, with a little training context before the cut (grey). */
export function predictionsChart(d: ForecastData, preds: Partial<Record<LineKey, Float64Array>>, shown: readonly LineKey[], c: Colors, width: number, stepName: string, unit: string): Element {
  const t0 = d.testTargets[0]!;
  const from = Math.max(0, t0 - 2 * d.spec.length);
  const context: Pt[] = [];
  for (let i = from; i <= t0; i++) context.push({ i, v: d.series[i]!, key: 'ctx' });
  const truth: Pt[] = Array.from(d.testTargets, (i, r) => ({ i, v: d.testY[r]!, key: 'truth' }));
  const marks: Plot.Markish[] = [
    Plot.frame({ stroke: c.grid }),
    Plot.ruleX([d.cut - 0.5], { stroke: c.muted, strokeDasharray: '4 3' }),
    Plot.line(context, { x: 'i', y: 'v', stroke: c.muted, strokeWidth: 1.2 }),
    Plot.line(truth, { x: 'i', y: 'v', stroke: c.fg, strokeWidth: 2.4 }),
  ];
  for (const key of shown) {
    const p = preds[key];
    if (!p) continue;
    const pts: Pt[] = Array.from(d.testTargets, (i, r) => ({ i, v: p[r]!, key }));
    marks.push(Plot.line(pts, { x: 'i', y: 'v', stroke: c.line[key], strokeWidth: 1.8, strokeDasharray: DASHED[key] ? '5 4' : undefined }));
  }
  return quietChart(projectorPlot({
    ...base(c, width, Math.round(Math.max(220, Math.min(320, width * 0.42)))),
    x: { label: `${stepName} →`, grid: true, tickFormat: tick },
    y: { label: unit ? `↑ valor (${unit})` : '↑ valor', grid: true, tickFormat: tick },
    marks,
  }) as unknown as Element);
}

/** Mean training loss per epoch (standardized MSE, log scale) of the three models. */
export function lossChart(losses: readonly LossPoint[], epochs: number, c: Colors, width: number): Element {
  return quietChart(projectorPlot({
    ...base(c, width, 200),
    x: { domain: [0, epochs], label: 'épocas →', grid: true },
    y: { type: 'log', label: '↑ pérdida de entrenamiento (ECM, escala log)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      ...(['mlp', 'conv1d', 'lstm'] as const).map((k) =>
        Plot.line(losses.filter((p) => p.kind === k && p.loss > 0), { x: 'epoch', y: 'loss', stroke: c.line[k], strokeWidth: 2 })),
    ],
  }) as unknown as Element);
}
