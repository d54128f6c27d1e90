/**
 * Drawings of the transfer-learning widget (imported only by view.ts, so Plot loads with it):
 * loss curves of both models, test accuracy at each measurement, and the strip of training digits.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import type { TestPoint, TrainPoint } from '../lib/transfer/run';
import type { TaskBatch } from '../lib/transfer/data';
import { h, quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import { paintGray } from '../lib/draw/paint';
import { chartBase, curveLegend } from '../lib/widget/chart-preset';
import type { Colors as PlotColors } from '../lib/widget/plotkit';

export type Colors = Pick<PlotColors, 'fg' | 'muted' | 'grid' | 'c1' | 'c2'>;

const base = (c: Colors, width: number) => chartBase(c.fg, width, { min: 190, max: 250, ratio: 0.55 });

const colorOf = (c: Colors) => (m: { mode: string }): string => (m.mode === 'transfer' ? c.c1 : c.c2);

/** Training loss per epoch (solid) and test loss at each measurement (dashed, squares) for both models. */
export function lossChart(train: readonly TrainPoint[], test: readonly TestPoint[], epochs: number, c: Colors, width: number): Element {
  const top = Math.max(0.5, ...train.map((p) => p.loss), ...test.map((p) => p.loss));
  const stroke = colorOf(c);
  const series = (mode: string) => ({ filter: (p: { mode: string }) => p.mode === mode });
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, epochs], label: 'épocas →', grid: true },
    y: { domain: [0, Math.min(1.05 * top, 5)], label: '↑ pérdida (entropía cruzada)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      ...(['transfer', 'scratch'] as const).flatMap((m) => [
        Plot.line(train, { ...series(m), x: 'epoch', y: 'loss', stroke: stroke({ mode: m }), strokeWidth: 2, clip: true }),
        Plot.line(test, { ...series(m), x: 'epoch', y: 'loss', stroke: stroke({ mode: m }), strokeWidth: 1.5, strokeDasharray: '5 4', clip: true }),
        Plot.dot(test, { ...series(m), x: 'epoch', y: 'loss', fill: stroke({ mode: m }), r: 4, symbol: m === 'transfer' ? 'square' : 'triangle', clip: true }),
      ]),
    ],
  }) as unknown as Element);
}

/** Test accuracy (%) at each measurement for both models; the 20 % line is guessing among 5 digits. */
export function accuracyChart(test: readonly TestPoint[], epochs: number, c: Colors, width: number): Element {
  const stroke = colorOf(c);
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, epochs], label: 'épocas →', grid: true },
    y: { domain: [0, 100], label: '↑ exactitud de prueba (%)', grid: true },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.ruleY([20], { stroke: c.muted, strokeDasharray: '2 3' }),
      ...(['transfer', 'scratch'] as const).flatMap((m) => [
        Plot.line(test, { filter: (p: TestPoint) => p.mode === m, x: 'epoch', y: (p: TestPoint) => 100 * p.accuracy, stroke: stroke({ mode: m }), strokeWidth: 2 }),
        Plot.dot(test, { filter: (p: TestPoint) => p.mode === m, x: 'epoch', y: (p: TestPoint) => 100 * p.accuracy, fill: stroke({ mode: m }), r: 4, symbol: m === 'transfer' ? 'square' : 'triangle' }),
      ]),
    ],
  }) as unknown as Element);
}

/** The legend for both charts (HTML, so it wraps on a phone). */
export function legend(c: Colors): HTMLElement {
  return curveLegend('tl', [
    { stroke: c.c1, text: 'transferencia (■)' },
    { stroke: c.c2, text: 'desde cero (▲)' },
    'continua: entrenamiento; discontinua: prueba',
    { stroke: c.muted, dashed: true, text: 'azar entre 5 dígitos (20 %)' },
  ]);
}

/** A 28 × 28 canvas showing 784 ink values in [0, 1] (white on black, as MNIST). */
export function imageCanvas(pixels: ArrayLike<number>, cls = 'tl-sample'): HTMLCanvasElement {
  const canvas = h('canvas', { width: 28, height: 28, class: cls });
  paintGray(canvas, pixels, { scale: 255 });
  return canvas;
}

/** One row per new digit with the few training images the models get (each 28 × 28, shown at 2×). */
export function sampleStrip(b: TaskBatch, digits: readonly number[]): HTMLElement {
  const k = digits.length;
  const rows = digits.map((d, c) => {
    const cells: HTMLElement[] = [];
    for (let i = 0; i < b.size; i++) {
      if (b.classes[i] !== c) continue;
      cells.push(imageCanvas(b.images.subarray(i * 784, (i + 1) * 784)));
    }
    return h('div', { class: 'tl-sample-row', role: 'img', 'aria-label': `${cells.length} ejemplos de entrenamiento del ${d}` },
      h('span', { class: 'tl-sample-digit', 'aria-hidden': 'true', text: String(d) }), ...cells);
  });
  return h('div', { class: 'tl-samples', 'data-classes': k }, ...rows);
}
