/**
 * Battery-life math (pure). Units: capacity mAh, voltage V, power W, time h.
 *   E [Wh]      = capacity/1000 · V · usable
 *   P_avg [W]   = d · P_active + (1 − d) · P_sleep      (d = duty cycle in [0, 1])
 *   life [h]    = E / P_avg
 */
export interface Battery {
  id: string;
  label: string;
  capacityMah: number;
  voltage: number;
}

export const BATTERIES: readonly Battery[] = [
  { id: 'cr2032', label: 'Pila de botón CR2032 (225 mAh, 3 V)', capacityMah: 225, voltage: 3 },
  { id: 'aa2', label: 'Dos pilas AA alcalinas en serie (2500 mAh, 3 V)', capacityMah: 2500, voltage: 3 },
  { id: 'lipo', label: 'Batería LiPo pequeña (500 mAh, 3,7 V)', capacityMah: 500, voltage: 3.7 },
];

export interface Device {
  id: string;
  label: string;
  /** Power while working, W. */
  activeW: number;
  /** Power while asleep, W. */
  sleepW: number;
  note: string;
}

/**
 * Presets. NDP100, A12 and K80 are the three processors of the energy chart (same figures as
 * widgets/energy-chart/core.ts); the Cortex-M4 is an order-of-magnitude example.
 */
export const DEVICES: readonly Device[] = [
  { id: 'ndp100', label: 'Syntiant NDP100 (escucha continua)', activeW: 140e-6, sleepW: 140e-6,
    note: 'Procesador neuronal siempre encendido: 140 µW según su fabricante. Trabaja igual todo el tiempo, así que el ciclo de trabajo no cambia nada.' },
  { id: 'mcu', label: 'Microcontrolador Cortex-M4 con sensor', activeW: 10e-3, sleepW: 10e-6,
    note: 'Orden de magnitud típico: unos 10 mW trabajando y unos 10 µW dormido. Aquí el ciclo de trabajo lo decide todo.' },
  { id: 'a12', label: 'SoC de móvil (Apple A12 a plena carga)', activeW: 3.64, sleepW: 0.05,
    note: '3,64 W a plena carga; en reposo un móvil gasta mucho menos (aquí, 50 mW).' },
  { id: 'k80', label: 'GPU de centro de datos (NVIDIA Tesla K80, siempre a plena carga)', activeW: 300, sleepW: 300,
    note: '300 W. Es un cálculo de papel: ninguna pila pequeña puede entregar tanta potencia.' },
];

export const energyWh = (b: Pick<Battery, 'capacityMah' | 'voltage'>, usable = 1): number =>
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
  const r = (v: number): string => v.toLocaleString('es-ES', { maximumFractionDigits: v < 10 ? 1 : 0 });
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
  const r = (v: number): string => v.toLocaleString('es-ES', { maximumSignificantDigits: 3 });
  if (watts === 0) return '0 W';
  const w = Number(watts.toPrecision(3)); // round first: 999,9 µW reads «1 mW», not «1000 µW»
  if (w < 1e-6) return `${r(w * 1e9)} nW`;
  if (w < 1e-3) return `${r(w * 1e6)} µW`;
  if (w < 1) return `${r(w * 1e3)} mW`;
  if (w < 1e3) return `${r(w)} W`;
  return `${r(w / 1e3)} kW`;
}
