/**
 * Pointer editing of the scatter: press on a point and drag it; click (press and release
 * without moving) on an empty spot to add a point there. Positions are in plane units,
 * rounded to 2 decimals and clamped to [LO, HI]. The view wires these handlers with listen().
 */
import { HI, LO, clamp, round2, type Point } from './core';
import { toPixels, toPlane } from './charts';

export interface DragApi {
  svg(): SVGSVGElement | null;
  points(): Point[];
  select(i: number): void;
  move(i: number, p: Point): void;
  add(p: Point): void;
}

/** Hit radius around a point, in SVG viewBox pixels. */
const HIT = 16;
/** Pointer travel (CSS px) below which a press counts as a click. */
const SLOP = 4;

export function dragHandlers(api: DragApi) {
  let drag: { index: number; moved: boolean; x0: number; y0: number } | null = null;
  return {
    down(ev: PointerEvent, capture: Element): void {
      const svg = api.svg();
      const at = svg && toPlane(svg, ev.clientX, ev.clientY);
      if (!svg || !at) return;
      let best = -1;
      let bestD = HIT;
      api.points().forEach((p, i) => {
        const q = toPixels(svg, p);
        const d = q ? Math.hypot(q.px - at.px, q.py - at.py) : Infinity;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      drag = { index: best, moved: false, x0: ev.clientX, y0: ev.clientY };
      capture.setPointerCapture(ev.pointerId);
      if (best >= 0) api.select(best);
      ev.preventDefault();
    },
    move(ev: PointerEvent): void {
      const svg = api.svg();
      if (!drag || !svg) return;
      if (Math.hypot(ev.clientX - drag.x0, ev.clientY - drag.y0) > SLOP) drag.moved = true;
      if (drag.index < 0 || !drag.moved) return;
      const at = toPlane(svg, ev.clientX, ev.clientY);
      if (at) api.move(drag.index, { x: round2(clamp(at.x)), y: round2(clamp(at.y)) });
    },
    up(ev: PointerEvent): void {
      const d = drag;
      drag = null;
      const svg = api.svg();
      if (!d || d.index >= 0 || d.moved || !svg) return;
      const at = toPlane(svg, ev.clientX, ev.clientY);
      if (at && at.x >= LO && at.x <= HI && at.y >= LO && at.y <= HI) api.add({ x: round2(at.x), y: round2(at.y) });
    },
    cancel(): void {
      drag = null;
    },
  };
}
