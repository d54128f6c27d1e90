/**
 * A square drawing pad on a <canvas> (DOM; only views import it). It records pointer strokes
 * (mouse, pen or touch) in pad units, the input format of rasterizeStrokes() in ./raster.ts, and
 * paints them. It knows nothing of MNIST: the widget rasterises the strokes when told they changed.
 *
 * Contract:
 * - Points are {x, y} fractions of the canvas's CSS box, clamped to [0, 1], y downwards.
 * - onChange(strokes, done) runs at most once per animation frame while a stroke grows
 *   (done = false) and once when it ends (done = true), and after clear() (done = true).
 * - The canvas gets `touch-action: none` so a finger draws instead of scrolling the page; the
 *   widget must offer a keyboard-free alternative (e.g. picking a test digit), since a pad cannot
 *   be drawn on with a keyboard.
 * - destroy() removes every listener and cancels the pending frame; call it on disconnect.
 */
import type { Point, Stroke } from './raster';

export interface PadColors {
  ink: string;
  paper: string;
}

export interface DrawPadOptions {
  onChange: (strokes: readonly Stroke[], done: boolean) => void;
  /** Pen width painted on the pad, as a fraction of the pad side (default 0.075). */
  penWidth?: number;
  /** Colours, read on every repaint (default white ink on black paper, as MNIST digits). */
  colors?: () => PadColors;
}

/** Two consecutive points closer than this (pad units) are merged. */
const MIN_STEP = 0.004;

export class DrawPad {
  readonly canvas: HTMLCanvasElement;
  #opts: DrawPadOptions;
  #strokes: Point[][] = [];
  #active: number | null = null;
  #raf = 0;
  #off: Array<() => void> = [];

  constructor(canvas: HTMLCanvasElement, opts: DrawPadOptions) {
    this.canvas = canvas;
    this.#opts = opts;
    canvas.style.touchAction = 'none';
    this.#on('pointerdown', (e) => this.#down(e));
    this.#on('pointermove', (e) => this.#move(e));
    this.#on('pointerup', (e) => this.#up(e));
    this.#on('pointercancel', (e) => this.#up(e));
    this.#on('lostpointercapture', (e) => this.#up(e));
  }

  get strokes(): readonly Stroke[] {
    return this.#strokes;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0;
  }

  clear(): void {
    this.#strokes = [];
    this.#active = null;
    this.redraw();
    this.#opts.onChange(this.#strokes, true);
  }

  /** Matches the backing store to the CSS size × devicePixelRatio and repaints every stroke. */
  redraw(): void {
    const c = this.canvas;
    const rect = c.getBoundingClientRect();
    const dpr = globalThis.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const hgt = Math.max(1, Math.round(rect.height * dpr));
    if (c.width !== w || c.height !== hgt) {
      c.width = w;
      c.height = hgt;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const { ink, paper } = this.#opts.colors?.() ?? { ink: '#ffffff', paper: '#000000' };
    ctx.fillStyle = paper;
    ctx.fillRect(0, 0, w, hgt);
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const pen = (this.#opts.penWidth ?? 0.075) * Math.min(w, hgt);
    ctx.lineWidth = pen;
    for (const st of this.#strokes) {
      if (st.length === 1) {
        ctx.beginPath();
        ctx.arc(st[0]!.x * w, st[0]!.y * hgt, pen / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      st.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * w, p.y * hgt) : ctx.lineTo(p.x * w, p.y * hgt)));
      ctx.stroke();
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.#raf);
    for (const off of this.#off) off();
    this.#off = [];
  }

  #on(type: 'pointerdown' | 'pointermove' | 'pointerup' | 'pointercancel' | 'lostpointercapture', fn: (e: PointerEvent) => void): void {
    this.canvas.addEventListener(type, fn);
    this.#off.push(() => this.canvas.removeEventListener(type, fn));
  }

  #point(e: PointerEvent): Point {
    const r = this.canvas.getBoundingClientRect();
    const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
    return { x: clamp((e.clientX - r.left) / (r.width || 1)), y: clamp((e.clientY - r.top) / (r.height || 1)) };
  }

  #down(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      /* synthetic events may carry no capturable pointer; drawing still works without capture */
    }
    this.#active = e.pointerId;
    this.#strokes.push([this.#point(e)]);
    this.#schedule();
  }

  #move(e: PointerEvent): void {
    if (this.#active !== e.pointerId) return;
    const st = this.#strokes[this.#strokes.length - 1]!;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [e]) {
      const p = this.#point(ev);
      const last = st[st.length - 1]!;
      if (Math.hypot(p.x - last.x, p.y - last.y) >= MIN_STEP) st.push(p);
    }
    this.#schedule();
  }

  #up(e: PointerEvent): void {
    if (this.#active !== e.pointerId) return;
    this.#move(e);
    this.#active = null;
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.redraw();
    this.#opts.onChange(this.#strokes, true);
  }

  #schedule(): void {
    if (this.#raf) return;
    this.#raf = requestAnimationFrame(() => {
      this.#raf = 0;
      this.redraw();
      this.#opts.onChange(this.#strokes, false);
    });
  }
}
