/**
 * The scatter of two features (Observable Plot, imported only by view.ts): one dot per window,
 * colour and symbol by class; returns the SVG and the pixel position of every point (viewBox
 * coordinates) so the view can find the point under the pointer and ring the focused one.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { symbol as d3symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from 'd3';
import { quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import type { ScatterPoint } from './core';

export const SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye'] as const;
const D3_SYMBOLS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolStar, symbolCross, symbolWye];

export interface ScatterColors {
  fg: string;
  grid: string;
  bg: string;
  classes: string[];
}

export const classColor = (c: ScatterColors, k: number): string => c.classes[k % c.classes.length]!;
export const classSymbol = (k: number): string => SYMBOLS[k % SYMBOLS.length]!;

export interface Scatter {
  svg: SVGSVGElement;
  /** [px, py] of each point, same order as the input. */
  pixels: [number, number][];
}

export function scatterChart(points: readonly ScatterPoint[], xLabel: string, yLabel: string, classes: number, c: ScatterColors, width: number): Scatter {
  const height = Math.round(Math.max(260, Math.min(420, width * 0.62)));
  const domain = Array.from({ length: classes }, (_, k) => k);
  const chart = projectorPlot({
    width, height, marginLeft: 60, marginRight: 16, marginTop: 24, marginBottom: 42,
    style: { background: 'transparent', color: c.fg, fontSize: '12px', overflow: 'visible' },
    x: { label: `${xLabel} →`, grid: true, nice: true, tickFormat: tick },
    y: { label: `↑ ${yLabel}`, grid: true, nice: true, tickFormat: tick },
    color: { type: 'categorical', domain, range: domain.map((k) => classColor(c, k)) },
    symbol: { domain, range: domain.map(classSymbol) },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.dot(points, { x: 'x', y: 'y', fill: 'cls', symbol: 'cls', r: 5, stroke: c.bg, strokeWidth: 1, fillOpacity: 0.9 }),
    ],
  }) as unknown as SVGSVGElement & { scale(name: string): { apply(v: unknown): number } };
  const sx = chart.scale('x');
  const sy = chart.scale('y');
  const pixels = points.map((p): [number, number] => [sx.apply(p.x), sy.apply(p.y)]);
  return { svg: quietChart(chart), pixels };
}

/** A small SVG swatch with the class's symbol and colour, for the HTML legend. */
export function swatch(k: number, color: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('viewBox', '-8 -8 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d3symbol(D3_SYMBOLS[k % D3_SYMBOLS.length]!, 80)() ?? '');
  path.setAttribute('fill', color);
  svg.append(path);
  return svg;
}

/** A ring around point (px, py) drawn into the chart's SVG (removed by the caller). */
export function ring(svg: SVGSVGElement, px: number, py: number, color: string): SVGCircleElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  el.setAttribute('cx', String(px));
  el.setAttribute('cy', String(py));
  el.setAttribute('r', '10');
  el.setAttribute('fill', 'none');
  el.setAttribute('stroke', color);
  el.setAttribute('stroke-width', '2.5');
  el.setAttribute('class', 'mf-ring');
  svg.append(el);
  return el;
}
