/**
 * Battery-life math (pure), shared by the battery-life and energy-chart widgets.
 * Units: capacity mAh, voltage V, power W, energy Wh, time h.
 *   E [Wh]      = capacity/1000 · V · usable
 *   P_avg [W]   = d · P_active + (1 − d) · P_sleep      (d = duty cycle in [0, 1])
 *   life [h]    = E / P_avg
 */
import { fmt, sig } from '../format/number';
export const energyWh = (b: { capacityMah: number; voltage: number }, usable = 1): number =>
  (b.capacityMah / 1000) * b.voltage * usable;

export function averagePowerW(activeW: number, sleepW: number, duty: number): number {
  if (!(duty >= 0 && duty <= 1)) throw new RangeError('duty must be in [0, 1]');
  return duty * activeW + (1 - duty) * sleepW;
}

/** Hours of operation; Infinity when the average power is 0. */
export function batteryLifeHours(energy: number, avgW: number): number {
  if (energy < 0 || avgW < 0) throw new RangeError('energy and power must be ≥ 0');
  return avgW === 0 ? Number.POSITIVE_INFINITY : energy / avgW;
}

/**
 * Human duration in Spanish: seconds below 1 minute, minutes below 1 hour, hours below 2 days,
 * days below ~2 months, then months and years (1 decimal below 10, none above).
 */
export function describeHours(h: number): string {
  if (!Number.isFinite(h)) return 'indefinidamente';
  const r = (v: number): string => fmt(v, v < 10 ? 1 : 0);
  if (h < 1 / 60) return `${r(h * 3600)} segundos`;
  if (h < 1) return `${r(h * 60)} minutos`;
  if (h < 48) return `${r(h)} horas`;
  const d = h / 24;
  if (d < 60) return `${r(d)} días`;
  if (d < 730) return `${r(d / 30.44)} meses`;
  return `${r(d / 365.25)} años`;
}

/** Formats a power in W with the right SI prefix (nW, µW, mW, W, kW), 3 significant digits. */
export function formatPower(watts: number): string {
  const r = (v: number): string => sig(v, 3);
  if (watts === 0) return '0 W';
  const w = Number(watts.toPrecision(3)); // round first: 999,9 µW reads «1 mW», not «1000 µW»
  if (w < 1e-6) return `${r(w * 1e9)} nW`;
  if (w < 1e-3) return `${r(w * 1e6)} µW`;
  if (w < 1) return `${r(w * 1e3)} mW`;
  if (w < 1e3) return `${r(w)} W`;
  return `${r(w / 1e3)} kW`;
}
