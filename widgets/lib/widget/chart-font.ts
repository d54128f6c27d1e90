/**
 * Font size, px, for text a widget draws on a canvas at `px`: at least the page's `--chart-font`
 * (set by projector mode, src/styles/projector.css), else `px` unchanged. Reads computed style
 * only while projector mode is on, so a per-frame draw costs nothing in the normal mode.
 */
export function chartFontPx(el: Element, px: number): number {
  const root = el.ownerDocument?.documentElement;
  if (!root?.hasAttribute('data-proyector')) return px;
  const min = parseFloat(getComputedStyle(root).getPropertyValue('--chart-font'));
  return Number.isFinite(min) ? Math.max(px, min) : px;
}

/**
 * How much larger than `px` a chart's text is drawn (k ≥ 1): chartFontPx(el, px) / px. Charts drawn
 * by hand multiply their margins and label offsets by k and divide their tick counts by k, so the
 * enlarged labels of projector mode keep their room (1 in the normal mode).
 */
export function chartScale(el: Element, px: number): number {
  return chartFontPx(el, px) / px;
}
