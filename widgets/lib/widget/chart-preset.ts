/**
 * Presets of the widgets' responsive Observable Plot charts (training curves, sweeps) and of the
 * HTML pieces drawn beside them: the curve legend and the shaded cells of a confusion matrix.
 * Imported only by charts modules (which views import lazily), so d3 loads with them.
 */
import { color } from 'd3';
import { textOn } from '../draw/contrast';
import { h } from './dom';

/** A chart's height for its width: round(width · ratio) clamped to [min, max], px. */
export interface ChartSize {
  min: number;
  max: number;
  ratio: number;
}

/** Plot margins, px. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The margins of the training-curve charts (room for a y label with two decimals). */
export const CURVE_MARGINS: Readonly<Margins> = { left: 48, right: 16, top: 20, bottom: 36 };

/**
 * The Plot options a widget chart `width` px wide shares: its size and margins (px) and a
 * transparent, visible-overflow style with 12 px text in colour `fg`. Spread it into `Plot.plot`.
 */
export function chartBase(fg: string, width: number, size: ChartSize, m: Readonly<Margins> = CURVE_MARGINS) {
  return {
    width, height: Math.round(Math.max(size.min, Math.min(size.max, width * size.ratio))),
    marginLeft: m.left, marginRight: m.right, marginTop: m.top, marginBottom: m.bottom,
    style: { background: 'transparent', color: fg, fontSize: '12px', overflow: 'visible' as const },
  };
}

/** One key of a curve legend: a 3 px line, solid or dashed, in colour `stroke`, then `text`. */
export interface LegendKey {
  stroke: string;
  dashed?: boolean;
  text: string;
}

/**
 * A legend row for a widget's charts (HTML, so it wraps on a phone): `<p class="P-legend">` with a
 * `<span class="P-key">` (swatch `P-swatch` + text) per key and a plain `<span>` per string, P = `prefix`.
 */
export function curveLegend(prefix: string, items: readonly (LegendKey | string)[]): HTMLElement {
  return h('p', { class: `${prefix}-legend` }, ...items.map((k) => (typeof k === 'string'
    ? h('span', { text: k })
    : h('span', { class: `${prefix}-key` },
      h('span', { class: `${prefix}-swatch`, style: `border-top: 3px ${k.dashed ? 'dashed' : 'solid'} ${k.stroke}` }), k.text))));
}

/**
 * The legend of a widget's training curves, each key a [stroke, text] pair: the training curve
 * solid, the validation curve dashed and the guessing level dashed (as the charts draw them).
 */
export function trainingLegend(prefix: string, train: [string, string], val: [string, string], guess: [string, string]): HTMLElement {
  return curveLegend(prefix, [
    { stroke: train[0], text: train[1] },
    { stroke: val[0], dashed: true, text: val[1] },
    { stroke: guess[0], dashed: true, text: guess[1] },
  ]);
}

/**
 * Inline style of a table cell shaded with the CSS colour `bg` and written in black or white,
 * whichever reads better on it (mid grey is assumed when d3 cannot parse `bg`).
 */
export function shadedCell(bg: string): string {
  const c = color(bg)?.rgb();
  const [r, g, b] = c ? [c.r, c.g, c.b] : [128, 128, 128];
  return `background:${bg};color:${textOn(r, g, b)}`;
}
