/**
 * The explorer's controls: surface, learning rate α (log slider), speed, the four α presets
 * and the start point as number inputs (the keyboard alternative to clicking on the chart).
 * They only call back into the widget; `sync()` brings them in line with its state.
 */
import { bounds, optionsOf } from '../lib/state/schema';
import { button, h, numberInput, select, slider } from '../lib/widget/dom';
import { schema } from './schema';
import { num } from './messages';
import type { PresetId, Surface, SurfaceId } from './surfaces';

export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: 'pequena', label: 'α demasiado pequeña' },
  { id: 'buena', label: 'α buena' },
  { id: 'oscila', label: 'α que oscila' },
  { id: 'diverge', label: 'α que diverge' },
];
export type Speed = (typeof schema.speed.options)[number];
const SPEED_NAMES: Record<Speed, string> = { '2': 'Lenta', '8': 'Normal', '30': 'Rápida', '120': 'Muy rápida' };
/** The speed options, from the schema: «Normal (8 pasos/s)». */
export const SPEEDS = optionsOf(schema.speed, (v) => `${SPEED_NAMES[v]} (${v} pasos/s)`);
const ALPHA = bounds(schema.alpha);

export interface ControlsApi {
  allowed: readonly Surface[];
  state(): { surface: SurfaceId; alpha: number; w1: number; w2: number; speed: Speed };
  surface(): Surface;
  onSurface(id: SurfaceId): void;
  onAlpha(alpha: number): void;
  onSpeed(speed: Speed): void;
  /** Start coordinate i (0 or 1) typed by the student. */
  onStart(i: number, v: number): void;
  onPreset(id: PresetId): void;
}

export interface Controls {
  /** Surface (when there is a choice), α and speed. */
  row: HTMLElement;
  presets: HTMLElement;
  presetButtons: HTMLButtonElement[];
  /** The start-point inputs; `start2` is the second one (hidden on 1-D surfaces). */
  start: HTMLElement;
  start2: HTMLElement;
  sync(): void;
}

export function buildControls(api: ControlsApi): Controls {
  const s = api.state();
  const surf = select({
    label: 'Superficie de pérdida', value: s.surface,
    options: api.allowed.map((x) => ({ value: x.id, label: x.label })),
    onChange: (v) => api.onSurface(v),
  });
  // The slider moves log10 α over the schema's range (10⁻⁴ to 3); α keeps 3 significant digits.
  const alpha = slider({
    label: 'Tasa de aprendizaje α', min: Math.log10(ALPHA.min), max: Math.log10(ALPHA.max), step: 0.01, value: Math.log10(s.alpha),
    format: (v) => num(10 ** v, 3),
    onInput: (v) => api.onAlpha(Number((10 ** v).toPrecision(3))),
  });
  const speed = select({ label: 'Velocidad', options: SPEEDS, value: s.speed, onChange: (v) => api.onSpeed(v) });
  const w1 = numberInput({ label: 'Inicio w', ...bounds(schema.w1), step: 0.1, value: s.w1, onInput: (v) => api.onStart(0, v) });
  const w2 = numberInput({ label: 'Inicio w₂', ...bounds(schema.w2), step: 0.1, value: s.w2, onInput: (v) => api.onStart(1, v) });
  const label1 = w1.root.querySelector('label')!;
  const label2 = w2.root.querySelector('label')!;
  const presetButtons = PRESETS.map((p) => button(p.label, () => api.onPreset(p.id), { class: 'btn btn-quiet gd-preset', 'aria-pressed': 'false' }));
  return {
    row: h('div', { class: 'ctl-row' }, ...(api.allowed.length > 1 ? [surf.root] : []), alpha.root, speed.root),
    presets: h('div', { class: 'gd-presets', role: 'group', 'aria-label': 'Valores de α de ejemplo' }, ...presetButtons),
    presetButtons,
    start: h('div', { class: 'ctl-row' }, w1.root, w2.root),
    start2: w2.root,
    sync() {
      const st = api.state();
      const sf = api.surface();
      surf.set(st.surface);
      alpha.set(Math.log10(st.alpha));
      speed.set(st.speed);
      if (document.activeElement !== w1.input) w1.set(st.w1);
      if (document.activeElement !== w2.input) w2.set(st.w2);
      label1.textContent = `Inicio ${sf.plain[0]}`;
      label2.textContent = `Inicio ${sf.plain[1] ?? 'w₂'}`;
    },
  };
}
