/**
 * Seeded series for the sequential-data lesson (pure, no DOM). Every generator is deterministic
 * for a seed (createRng), so a shared link or a test reproduces the same numbers.
 *
 * - trendSeasonal: x_t = a + b·t + A·sin(2π t / m) + ε_t, ε_t ~ N(0, σ²) (unitless steps).
 * - dailyTemperature: one mean temperature per day (°C) for `years` years:
 *     T_d = μ + A·sin(2π (d − d₀) / 365) + a_d,   a_d = φ·a_{d−1} + e_d,  e_d ~ N(0, σ²)
 *   an annual cycle plus "weather" (an AR(1) anomaly that lasts a few days). Synthetic: no real
 *   city's data is shipped or fetched.
 * - motionWindow: the x axis (m/s²) of the course's simulated board (widgets/lib/sensors,
 *   lesson 15) during a side-to-side gesture ('wave'): MOTION_SECONDS s at MOTION_HZ Hz. It stands
 *   in for a recorded motion window.
 */
import { createRng } from '../rng/rng';
import { simulate } from '../sensors/simulator';
import { estimatePeriod } from './baselines';
import { cutIndex } from './windows';

export type SeriesId = 'sintetica' | 'movimiento' | 'temperatura';

export interface Series {
  id: SeriesId;
  /** Values x_0 … x_{n−1} (float64). */
  values: Float64Array;
  /** Season length m in steps (the seasonal baseline repeats the value m steps back). */
  period: number;
  /** What one step is, in Spanish («hora», «día», «muestra (10 ms)»). */
  stepName: string;
  /** Unit of the values, in Spanish (may be ''). */
  unit: string;
  /** Sentence for the page: what the series is and how it was made. */
  about: string;
  seed: number;
}

export interface TrendSeasonalOptions {
  n?: number; // steps [480]
  level?: number; // a [0]
  trend?: number; // b per step [0.003]
  amplitude?: number; // A [1]
  period?: number; // m steps [24]
  noise?: number; // σ [0.2]
  seed: number;
}

export function trendSeasonal(o: TrendSeasonalOptions): Float64Array {
  const { n = 480, level = 0, trend = 0.003, amplitude = 1, period = 24, noise = 0.2 } = o;
  const rng = createRng(o.seed);
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = level + trend * t + amplitude * Math.sin((2 * Math.PI * t) / period) + rng.normal(0, noise);
  return x;
}

export interface TemperatureOptions {
  years?: number; // [3] → 3·365 days
  mean?: number; // μ °C [15]
  amplitude?: number; // A °C [8]
  phase?: number; // d₀ days [110]: the annual minimum falls in January
  phi?: number; // AR(1) persistence [0.7]
  noise?: number; // σ of e_d °C [1.8]
  seed: number;
}

export const DAYS_PER_YEAR = 365;

export function dailyTemperature(o: TemperatureOptions): Float64Array {
  const { years = 3, mean = 15, amplitude = 8, phase = 110, phi = 0.7, noise = 1.8 } = o;
  const rng = createRng(o.seed);
  const n = years * DAYS_PER_YEAR;
  const x = new Float64Array(n);
  // Start the anomaly from its stationary distribution (std σ/√(1−φ²)).
  let a = rng.normal(0, noise / Math.sqrt(1 - phi * phi));
  for (let d = 0; d < n; d++) {
    if (d > 0) a = phi * a + rng.normal(0, noise);
    x[d] = mean + amplitude * Math.sin((2 * Math.PI * (d - phase)) / DAYS_PER_YEAR) + a;
  }
  return x;
}

export const MOTION_HZ = 50;
export const MOTION_SECONDS = 6;

/** ax of a simulated side-to-side gesture, [MOTION_SECONDS·MOTION_HZ] m/s². */
export function motionWindow(seed: number): Float64Array {
  return Float64Array.from(simulate({ gesture: 'wave', seconds: MOTION_SECONDS, hz: MOTION_HZ, seed }), (r) => r[1]);
}

/** The three series of the widgets, with the course's defaults. */
export function makeSeries(id: SeriesId, seed: number): Series {
  switch (id) {
    case 'sintetica':
      return {
        id, seed, values: trendSeasonal({ seed }), period: 24, stepName: 'paso', unit: '',
        about: 'Señal sintética de 480 pasos: tendencia que sube 0,003 por paso, una estación de 24 pasos (amplitud 1) y ruido gaussiano (σ = 0,2), generada con la semilla.',
      };
    case 'movimiento': {
      // The gesture's rhythm varies: its period (in samples) is measured on the training part.
      const values = motionWindow(seed);
      return {
        id, seed, values, period: estimatePeriod(values.subarray(0, cutIndex(values.length)), 10, 80), stepName: 'muestra (20 ms)', unit: 'm/s²',
        about: 'Eje x del acelerómetro durante un gesto de lado a lado: 6 s a 50 Hz (300 muestras), de la placa simulada del curso (la de la lección 15), con semilla. Unos dos vaivenes por segundo cuyo ritmo y fuerza cambian un poco, como cuando lo hace una persona; no es una grabación real.',
      };
    }
    case 'temperatura':
      return {
        id, seed, values: dailyTemperature({ seed }), period: DAYS_PER_YEAR, stepName: 'día', unit: '°C',
        about: 'Temperatura media diaria de una ciudad imaginaria durante 3 años (1095 días): un ciclo anual de ±8 °C alrededor de 15 °C y un «tiempo» que dura unos días (un proceso AR(1)). Es sintética, generada con la semilla; no son datos reales.',
      };
  }
}

export const SERIES_LABELS: Record<SeriesId, string> = {
  sintetica: 'Señal sintética (tendencia + estación + ruido)',
  movimiento: 'Ventana de movimiento (acelerómetro, eje x)',
  temperatura: 'Temperatura diaria (3 años)',
};
