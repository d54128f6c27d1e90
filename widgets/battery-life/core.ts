/**
 * The batteries and devices of the battery-life widget (pure). Units: capacity mAh, voltage V,
 * power W. The math (energy, average power, life, and how they read in Spanish):
 * lib/energy/battery.ts.
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
