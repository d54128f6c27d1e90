/**
 * Charts of reg-vs-class (imported only by view.ts). Both data charts share the x axis, today's
 * temperature in °C. The static part (axes, dots, threshold) is drawn by Plot; the parts that
 * move while training (the model's curve, the "hoy" marker, the decision frontier) are an
 * overlay moved by drawOverlay, so an animation frame touches a few SVG attributes only.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import type { Day } from '../lib/data/weather';
import { plotStyle, scaleOf, type Colors } from '../lib/widget/plotkit';
import { quietChart, uniqueId } from '../lib/widget/dom';
import { tick } from '../lib/format/number';

export interface DataChartOptions {
  width: number;
  days: readonly Day[];
  threshold: number;
  /** x and y domain of the temperatures, °C. */
  range: readonly [number, number];
  colors: Colors;
}

const height = (w: number): number => Math.round(Math.min(340, Math.max(230, w * 0.7)));

/** Tomorrow vs today, dots coloured by their class at this threshold, threshold as a dashed rule. */
export function regressionChart(o: DataChartOptions): SVGSVGElement {
  const c = o.colors;
  const hot = o.days.filter((d) => d.tomorrow >= o.threshold);
  const cold = o.days.filter((d) => d.tomorrow < o.threshold);
  return quietChart(projectorPlot({
    width: o.width, height: height(o.width), marginLeft: 44, marginTop: 22, marginBottom: 38, marginRight: 12, style: plotStyle(c),
    x: { domain: o.range, label: 'temperatura hoy (°C) →', labelAnchor: 'right', grid: true, tickFormat: tick },
    y: { domain: o.range, label: '↑ temperatura mañana (°C)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.ruleY([o.threshold], { stroke: c.muted, strokeDasharray: '5 4', strokeWidth: 1.2 }),
      Plot.dot(cold, { x: 'today', y: 'tomorrow', r: 2.6, fill: c.c4, fillOpacity: 0.55 }),
      Plot.dot(hot, { x: 'today', y: 'tomorrow', r: 2.6, fill: c.c2, fillOpacity: 0.75 }),
    ],
  }) as unknown as Element);
}

/** Vertical offset (0 … 0.07) that spreads the 0/1 dots a little, the same for every redraw. */
const jitter = (i: number): number => ((i * 0.6180339887) % 1) * 0.07;

/** Labels 0/1 against today's temperature (slightly spread), with the p = 0.5 line. */
export function classificationChart(o: DataChartOptions): SVGSVGElement {
  const c = o.colors;
  const pts = o.days.map((d, i) => {
    const hot = d.tomorrow >= o.threshold;
    return { x: d.today, y: hot ? 1 - jitter(i) : jitter(i), hot };
  });
  return quietChart(projectorPlot({
    width: o.width, height: height(o.width), marginLeft: 44, marginTop: 22, marginBottom: 38, marginRight: 12, style: plotStyle(c),
    x: { domain: o.range, label: 'temperatura hoy (°C) →', labelAnchor: 'right', grid: true, tickFormat: tick },
    y: { domain: [-0.05, 1.05], label: '↑ probabilidad de calor', grid: true, ticks: [0, 0.25, 0.5, 0.75, 1], tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.ruleY([0.5], { stroke: c.muted, strokeDasharray: '5 4', strokeWidth: 1.2 }),
      Plot.dot(pts.filter((p) => !p.hot), { x: 'x', y: 'y', r: 2.6, fill: c.c4, fillOpacity: 0.55 }),
      Plot.dot(pts.filter((p) => p.hot), { x: 'x', y: 'y', r: 2.6, fill: c.c2, fillOpacity: 0.75 }),
    ],
  }) as unknown as Element);
}

export interface Overlay {
  /** The model's output along today's temperature (°C → °C or p), or null to hide it. */
  curve: readonly { x: number; y: number }[] | null;
  /** The "hoy" input and the model's answer for it. */
  marker: { x: number; y: number } | null;
  /** Vertical dashed lines (the classifier's frontier), °C. */
  frontiers: readonly number[];
  colors: Colors;
}

const SVG = 'http://www.w3.org/2000/svg';

function child<K extends keyof SVGElementTagNameMap>(g: Element, cls: string, tag: K): SVGElementTagNameMap[K] {
  let el = g.querySelector<SVGElementTagNameMap[K]>(`.${cls}`);
  if (!el) {
    el = document.createElementNS(SVG, tag);
    el.setAttribute('class', cls);
    g.append(el);
  }
  return el;
}

/**
 * Draws or moves the overlay of a chart made above. The overlay is its own SVG, stacked on the
 * chart with the same viewBox (so Plot's scales apply) and on its own compositing layer: moving
 * the curve repaints the overlay only, not the 365 dots underneath. Clipped to the chart frame.
 */
export function drawOverlay(svg: SVGSVGElement, o: Overlay, yDomain: readonly [number, number], xDomain: readonly [number, number]): void {
  const sx = scaleOf(svg, 'x');
  const sy = scaleOf(svg, 'y');
  const host = svg.parentElement;
  if (!sx || !sy || !host) return;
  const c = o.colors;
  let top = host.querySelector<SVGSVGElement>(':scope > svg.rc-overlay-svg');
  if (!top) {
    top = document.createElementNS(SVG, 'svg');
    top.setAttribute('class', 'rc-overlay-svg');
    top.setAttribute('aria-hidden', 'true');
    top.setAttribute('viewBox', svg.getAttribute('viewBox') ?? `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
    const id = uniqueId('rc-clip');
    const clip = document.createElementNS(SVG, 'clipPath');
    clip.id = id;
    const rect = document.createElementNS(SVG, 'rect');
    const [x0, x1, y0, y1] = [sx(xDomain[0]), sx(xDomain[1]), sy(yDomain[1]), sy(yDomain[0])];
    for (const [k, v] of [['x', x0], ['y', y0], ['width', x1 - x0], ['height', y1 - y0]] as const) rect.setAttribute(k, String(v));
    clip.append(rect);
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'rc-overlay');
    g.setAttribute('clip-path', `url(#${id})`);
    top.append(clip, g);
    host.append(top);
  }
  const g = top.querySelector<SVGGElement>('g.rc-overlay')!;
  const k = (v: number): string => String(Math.max(-1e5, Math.min(1e5, v)).toFixed(1));
  const frontier = child(g, 'rc-frontier', 'path');
  frontier.setAttribute('d', o.frontiers.map((x) => `M${k(sx(x))},${k(sy(yDomain[0]))}V${k(sy(yDomain[1]))}`).join(''));
  frontier.setAttribute('stroke', c.c3);
  frontier.setAttribute('stroke-width', '2');
  frontier.setAttribute('stroke-dasharray', '6 4');
  const path = child(g, 'rc-curve', 'path');
  path.setAttribute('d', o.curve ? `M${o.curve.map((p) => `${k(sx(p.x))},${k(sy(p.y))}`).join('L')}` : '');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', c.c1);
  path.setAttribute('stroke-width', '3');
  const guide = child(g, 'rc-guide', 'path');
  const dot = child(g, 'rc-marker', 'circle');
  if (o.marker) {
    const mx = sx(o.marker.x);
    const my = sy(o.marker.y);
    guide.setAttribute('d', `M${k(mx)},${k(sy(yDomain[0]))}V${k(my)}H${k(sx(xDomain[0]))}`);
    dot.setAttribute('cx', k(mx));
    dot.setAttribute('cy', k(my));
  } else {
    guide.setAttribute('d', '');
  }
  guide.setAttribute('fill', 'none');
  guide.setAttribute('stroke', c.fg);
  guide.setAttribute('stroke-width', '1.3');
  guide.setAttribute('stroke-dasharray', '3 3');
  dot.setAttribute('r', o.marker ? '6.5' : '0');
  dot.setAttribute('fill', c.c1);
  dot.setAttribute('stroke', c.bg);
  dot.setAttribute('stroke-width', '2');
}
