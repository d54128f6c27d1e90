/**
 * Observable Plot charts that stay legible in projector mode. Projector mode's CSS enlarges every
 * chart label to --chart-font (20 px), but Plot laid the chart out for its own font: the labels
 * then collide with the ticks («↑4errores»). `projectorPlot(o)` lays it out for the large font
 * instead: with the chart's font f px (o.style.fontSize, else Plot's 10 px) and the projector's
 * F px, k = max(f, F) / f; the font becomes f·k px, each margin `o` sets is multiplied by k (the
 * top one gets 0.3·F more: a y label above the frame needs a line, the top tick half of one), and
 * the height grows by what the top and bottom margins grew, so the plotting area keeps its height.
 * Ticks thin out by k, so larger labels do not run into each other: a number of ticks the chart
 * sets becomes max(2, round(n / k)); on a quantitative x or y scale without one, Plot's own
 * default (one per 80 px of width, one per 35 px of height) is divided by k.
 * Outside projector mode `o` goes to Plot unchanged. Imported only by chart modules (lazy, with Plot).
 */
import * as Plot from '@observablehq/plot';
import { chartFontPx } from './chart-font';

/** Plot's default font size, px, when a chart's style does not set one. */
const PLOT_FONT_PX = 10;

type Options = Plot.PlotOptions;
const MARGINS = ['marginLeft', 'marginRight', 'marginTop', 'marginBottom'] as const;
/** Plot's defaults where a chart does not set them, px. */
const PLOT_DEFAULT = { width: 640, height: 400, marginX: 40, marginY: 30 };
const ORDINAL = new Set(['band', 'point', 'ordinal']);

type Axis = Record<string, unknown>;
/** Ticks of one axis for labels k times larger (see the header); `room` = px along the axis, `per` = Plot's px per tick. */
function thinTicks(axis: unknown, k: number, room: number, per: number): Axis | undefined {
  if (typeof axis !== 'object' || axis === null) return undefined;
  const a = axis as Axis;
  if (typeof a.ticks === 'number') return { ...a, ticks: Math.max(2, Math.round(a.ticks / k)) };
  if (a.ticks !== undefined || ORDINAL.has(String(a.type)) || typeof a.interval !== 'undefined') return undefined;
  if (Array.isArray(a.domain) && !a.domain.every((v) => typeof v === 'number')) return undefined;
  return { ...a, ticks: Math.max(2, Math.floor(room / per / k)) };
}

/** The chart's own font size, px: o.style.fontSize when it is an object with a px size. */
export function plotFontPx(o: Options): number {
  const size = typeof o.style === 'object' && o.style ? parseFloat(String((o.style as { fontSize?: unknown }).fontSize ?? '')) : NaN;
  return Number.isFinite(size) && size > 0 ? size : PLOT_FONT_PX;
}

/** `o` laid out for text `minPx` px or larger (pure; returns `o` itself when nothing changes). */
export function scalePlotOptions(o: Options, minPx: number): Options {
  const own = plotFontPx(o);
  const k = Math.max(own, minPx) / own;
  if (k === 1) return o;
  const out: Options = { ...o };
  for (const key of MARGINS) {
    const v = o[key];
    if (typeof v === 'number') out[key] = Math.round(v * k);
  }
  if (typeof o.marginTop === 'number') out.marginTop = (out.marginTop as number) + Math.round(0.3 * own * k);
  if (typeof o.height === 'number') {
    const grow = (name: 'marginTop' | 'marginBottom'): number => (typeof o[name] === 'number' ? (out[name] as number) - (o[name] as number) : 0);
    out.height = o.height + grow('marginTop') + grow('marginBottom');
  }
  if (typeof o.style === 'object' && o.style) out.style = { ...o.style, fontSize: `${Math.round(own * k * 10) / 10}px` };
  const width = typeof o.width === 'number' ? o.width : PLOT_DEFAULT.width;
  const height = typeof out.height === 'number' ? out.height : PLOT_DEFAULT.height;
  const innerW = width - ((out.marginLeft as number | undefined) ?? PLOT_DEFAULT.marginX) - ((out.marginRight as number | undefined) ?? PLOT_DEFAULT.marginX);
  const innerH = height - ((out.marginTop as number | undefined) ?? PLOT_DEFAULT.marginY) - ((out.marginBottom as number | undefined) ?? PLOT_DEFAULT.marginY);
  const x = thinTicks(o.x, k, innerW, 80);
  const y = thinTicks(o.y, k, innerH, 35);
  if (x) out.x = x;
  if (y) out.y = y;
  return out;
}

/** The page's projector font, px (0 outside projector mode or without a document). */
function projectorFontPx(): number {
  if (typeof document === 'undefined') return 0;
  return chartFontPx(document.documentElement, 0);
}

/** Plot.plot, laid out for projector mode's font when it is on. */
export function projectorPlot(o: Options): ReturnType<typeof Plot.plot> {
  return Plot.plot(scalePlotOptions(o, projectorFontPx()));
}
