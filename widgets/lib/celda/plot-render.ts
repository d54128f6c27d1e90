/**
 * Draws a cell's serialized chart (protocol.ts PlotSpec) with the real Observable Plot, in the
 * page (Plot needs a DOM; the sandbox has none). Only the mark functions of celda-runtime.ts and plain
 * options pass; the data came from the student's code, and Plot writes text as text nodes.
 * Loaded with import() on the first chart, so pages without charts never download Plot.
 */
import * as Plot from '@observablehq/plot';
import type { PlotSpec } from './protocol';

const MARKS = new Set(['lineY', 'lineX', 'line', 'dot', 'dotX', 'dotY', 'barY', 'barX', 'rectY', 'rectX', 'areaY', 'ruleY', 'ruleX', 'tickX', 'tickY', 'cell', 'text', 'frame', 'gridX', 'gridY']);
const TOP_OPTIONS = new Set(['title', 'subtitle', 'caption', 'width', 'height', 'x', 'y', 'color', 'grid', 'marginLeft', 'marginRight', 'marginTop', 'marginBottom', 'inset', 'fx', 'fy', 'r']);

export function renderPlot(spec: PlotSpec, width: number): SVGElement | HTMLElement {
  const marks = spec.marks.map((m) => {
    if (!MARKS.has(m.type)) throw new Error(`Plot.${m.type} no está disponible en las celdas.`);
    const make = (Plot as unknown as Record<string, (d: unknown, o?: unknown) => Plot.Markish>)[m.type]!;
    return m.type === 'frame' || m.type.startsWith('grid') ? make(m.options) : make(m.data, m.options);
  });
  const options = Object.fromEntries(Object.entries(spec.options).filter(([k]) => TOP_OPTIONS.has(k)));
  const chart = Plot.plot({
    width: Math.max(260, Math.min(720, width)),
    height: 260,
    style: { background: 'transparent', color: 'var(--fg)', fontSize: '12px' },
    ...options,
    marks,
  });
  // Plot labels each mark's <g> with aria-label (not allowed on an element without a role): the
  // chart is one image named by its marks; the type stays as data-mark.
  const names: string[] = [];
  for (const g of chart.querySelectorAll('g[aria-label]')) {
    const label = g.getAttribute('aria-label') ?? '';
    g.setAttribute('data-mark', label);
    g.removeAttribute('aria-label');
    if (!/axis|tick|label|grid/.test(label) && !names.includes(label)) names.push(label);
  }
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  svg?.setAttribute('role', 'img');
  svg?.setAttribute('aria-label', `Gráfica de la celda${names.length ? ` (${names.join(', ')})` : ''}`);
  return chart;
}
