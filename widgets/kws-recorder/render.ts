/**
 * Drawing for the recorder (DOM, canvas): a clip's waveform (min/max per pixel column, from
 * core.envelope) with the 0,5 s centre line, and the level bar. Colours come from the theme.
 */
import { themeVars } from '../lib/widget/dom';
import { envelope, meterFraction, meterZone, METER_FLOOR_DB, CLIP_DB, LOW_DB, type Level } from './core';

export interface WaveColors {
  wave: string;
  centre: string;
  bg: string;
}

export function waveColors(el: Element): WaveColors {
  const v = themeVars(el);
  return { wave: v('--c1', '#0f766e'), centre: v('--fg-muted', '#666'), bg: v('--bg', '#fff') };
}

/** Sizes the canvas backing store to its CSS box (× devicePixelRatio, at most 2) and draws. */
export function drawWave(canvas: HTMLCanvasElement, x: Float32Array | null, c: WaveColors, cssW?: number, cssH?: number): void {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.max(1, Math.round(cssW ?? (canvas.clientWidth || 300)));
  const hgt = Math.max(1, Math.round(cssH ?? (canvas.clientHeight || 80)));
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const mid = hgt / 2;
  ctx.strokeStyle = c.centre;
  ctx.globalAlpha = 0.5;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(w / 2, 0);
  ctx.lineTo(w / 2, hgt);
  ctx.moveTo(0, mid);
  ctx.lineTo(w, mid);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  if (!x) return;
  ctx.fillStyle = c.wave;
  const env = envelope(x, w);
  for (let i = 0; i < env.length; i++) {
    const [lo, hi] = env[i]!;
    const y0 = mid - hi * mid;
    const y1 = mid - lo * mid;
    ctx.fillRect(i, y0, 1, Math.max(1, y1 - y0));
  }
}

/** Width of the bar (rms on −60…0 dBFS → 0…100 %) and its zone (core.meterZone); null empties it. */
export function meterStyle(fill: HTMLElement, l: Level | null): void {
  fill.style.width = l ? `${(meterFraction(l.rmsDb) * 100).toFixed(1)}%` : '0%';
  if (l) fill.dataset.zone = meterZone(l);
  else delete fill.dataset.zone;
}

/** Positions of the LOW_DB and CLIP_DB ticks on the bar, in %. */
export const meterTicks = (): { low: number; clip: number; floor: number } => ({
  low: meterFraction(LOW_DB) * 100,
  clip: meterFraction(CLIP_DB) * 100,
  floor: METER_FLOOR_DB,
});
