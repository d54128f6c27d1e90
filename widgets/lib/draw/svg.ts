/** SVG elements for the widgets' hand-drawn charts (DOM only; no layout logic). */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A new SVG element `tag` with `attrs` set (numbers as strings) and an optional text content. */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
