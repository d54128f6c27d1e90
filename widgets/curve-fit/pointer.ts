/**
 * Pointer editing of the curve-fitting chart: press on a point (within HIT viewBox pixels) and
 * drag it; press and release on an empty spot (moving less than SLOP CSS pixels) to add a
 * training point there. Positions are plane units, clamped to X_RANGE × Y_RANGE.
 */
import { X_RANGE, Y_RANGE, clampTo, type Pt, type Split } from './core';
import type { FitChart } from './chart';

const HIT = 16;
const SLOP = 4;

export interface PointerApi {
  chart(): FitChart | null;
  data(): Split;
  /** A point of [...train, ...val] was picked. */
  select(i: number): void;
  move(i: number, p: Pt): void;
  add(p: Pt): void;
  /** Element that captures the pointer during a drag. */
  capture: HTMLElement;
}

export function pointerHandlers(api: PointerApi) {
  let drag: { index: number; moved: boolean; x0: number; y0: number } | null = null;
  const clamp = (p: { x: number; y: number }): Pt => ({ x: clampTo(p.x, X_RANGE), y: clampTo(p.y, Y_RANGE) });
  return {
    down(ev: PointerEvent): void {
      const chart = api.chart();
      const at = chart?.toPlane(ev.clientX, ev.clientY);
      if (!chart || !at) return;
      const d = api.data();
      let best = -1;
      let bestD = HIT;
      [...d.train, ...d.val].forEach((p, i) => {
        const [px, py] = chart.toPixels(p);
        const dist = Math.hypot(px - at.px, py - at.py);
        if (dist < bestD) [best, bestD] = [i, dist];
      });
      drag = { index: best, moved: false, x0: ev.clientX, y0: ev.clientY };
      api.capture.setPointerCapture?.(ev.pointerId);
      if (best >= 0) api.select(best);
      ev.preventDefault();
    },
    move(ev: PointerEvent): void {
      if (!drag || drag.index < 0) return;
      if (Math.hypot(ev.clientX - drag.x0, ev.clientY - drag.y0) > SLOP) drag.moved = true;
      const at = drag.moved ? api.chart()?.toPlane(ev.clientX, ev.clientY) : null;
      if (at) api.move(drag.index, clamp(at));
    },
    up(ev: PointerEvent): void {
      const d = drag;
      drag = null;
      if (!d || d.index >= 0 || d.moved) return;
      const at = api.chart()?.toPlane(ev.clientX, ev.clientY);
      // The chart shows a margin of 0.06 beyond X_RANGE; clicks there land on the edge.
      if (at && at.x >= X_RANGE[0] - 0.06 && at.x <= X_RANGE[1] + 0.06 && at.y >= Y_RANGE[0] && at.y <= Y_RANGE[1]) api.add(clamp(at));
    },
    cancel(): void {
      drag = null;
    },
  };
}
