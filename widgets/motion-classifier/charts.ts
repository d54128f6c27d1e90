/**
 * Live curves of the classifier (Observable Plot, imported only by view.ts): loss and accuracy per
 * epoch, training solid and validation dashed.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import type { EpochPoint } from '../lib/motion/train';
import { chartBase } from '../lib/widget/chart-preset';

export interface Colors {
  fg: string;
  grid: string;
  train: string;
  val: string;
}

const base = (c: Colors, width: number) =>
  chartBase(c.fg, width, { min: 180, max: 240, ratio: 0.55 }, { left: 50, right: 14, top: 20, bottom: 36 });

export function curveChart(h: readonly EpochPoint[], epochs: number, what: 'loss' | 'acc', c: Colors, width: number): Element {
  const tr = (p: EpochPoint): number => (what === 'loss' ? p.trainLoss : 100 * p.trainAcc);
  const va = (p: EpochPoint): number => (what === 'loss' ? p.valLoss : 100 * p.valAcc);
  const top = what === 'loss' ? Math.min(4, Math.max(0.5, ...h.map(tr), ...h.filter((p) => Number.isFinite(p.valLoss)).map(va)) * 1.05) : 100;
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, Math.max(1, epochs)], label: 'épocas →', grid: true, tickFormat: tick },
    y: { domain: [0, top], label: what === 'loss' ? '↑ pérdida' : '↑ exactitud (%)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.line(h, { x: 'epoch', y: tr, stroke: c.train, strokeWidth: 2, clip: true }),
      Plot.line(h.filter((p) => Number.isFinite(va(p))), { x: 'epoch', y: va, stroke: c.val, strokeWidth: 2, strokeDasharray: '6 4', clip: true }),
    ],
  }) as unknown as Element);
}
