/**
 * Loss curve of the XOR network (imported only by view.ts, so Plot loads lazily).
 * Plot draws the frame — axes, grid and the target as a dashed rule — only when the x domain
 * [0, xMax] or the size or colours change; while training, the curve itself is one <path>
 * placed with the chart's own scales, so a redraw costs a string, not a whole Plot render.
 * x: epoch (1-based), y: mean MSE of the epoch on a log scale over [0,001; 1].
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { fmt, quietChart } from '../lib/widget/dom';
import { TARGET_LOSS } from './core';
import { tick } from '../lib/format/number';

const NS = 'http://www.w3.org/2000/svg';
export const LOSS_DOMAIN: readonly [number, number] = [0.001, 1];

export interface LossColors { fg: string; muted: string; target: string }

export function lossFrame(width: number, xMax: number, c: LossColors): SVGSVGElement {
  const svg = projectorPlot({
    width, height: 174, marginLeft: 48, marginBottom: 34, marginTop: 22, marginRight: 22,
    style: { background: 'transparent', color: c.fg, fontSize: '12px' },
    x: { label: 'época →', labelAnchor: 'right', domain: [0, xMax], ticks: 4, tickFormat: tick },
    y: { type: 'log', label: '↑ pérdida (escala log.)', domain: [...LOSS_DOMAIN], ticks: [0.001, 0.01, 0.1, 1], tickFormat: (d: number) => fmt(d, 3), grid: true },
    marks: [Plot.ruleY([TARGET_LOSS], { stroke: c.target, strokeDasharray: '5 4' })],
  }) as unknown as SVGSVGElement;
  quietChart(svg);
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('class', 'xm-losspath');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', c.fg);
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

type Scale = { apply(v: number): number };

/** Sets the curve of a frame made by lossFrame to `hist` (hist[k] = loss of epoch k + 1). */
export function drawLossPath(svg: SVGSVGElement, hist: readonly number[]): void {
  const plot = svg as unknown as { scale(name: 'x' | 'y'): Scale | undefined };
  const sx = plot.scale('x');
  const sy = plot.scale('y');
  const path = svg.querySelector('path.xm-losspath');
  if (!sx || !sy || !path) return;
  // At most ~400 vertices: every k-th epoch, plus the last one.
  const k = Math.max(1, Math.ceil(hist.length / 400));
  const parts: string[] = [];
  const add = (i: number): void => {
    const v = Math.min(LOSS_DOMAIN[1], Math.max(LOSS_DOMAIN[0], hist[i]!));
    if (Number.isFinite(v)) parts.push(`${parts.length ? 'L' : 'M'}${sx.apply(i + 1).toFixed(1)},${sy.apply(v).toFixed(1)}`);
  };
  for (let i = 0; i < hist.length; i += k) add(i);
  if (hist.length && (hist.length - 1) % k !== 0) add(hist.length - 1);
  path.setAttribute('d', parts.join(''));
}
