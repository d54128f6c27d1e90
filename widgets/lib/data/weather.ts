/**
 * Synthetic daily temperatures, shared by the reg-vs-class and workflow-stepper widgets
 * (pure, no DOM). The same seed always gives the same days, bit for bit.
 *
 * THE GENERATOR (documented in lesson 07). Day t = 0, 1, …, days − 1, starting on 1 January;
 * its day of the year is d_t = t mod 365 (0 = 1 January, 364 = 31 December).
 *   Climate (the usual temperature of that date, °C):
 *     c(d) = MEAN − AMPLITUDE · cos(2π (d − COLDEST_DAY) / 365)
 *     with MEAN = 17 °C, AMPLITUDE = 9 °C, COLDEST_DAY = 15 (15 January): 8 °C in mid January,
 *     26 °C in mid July.
 *   Weather (how far today is from the usual, °C), a first-order autoregressive process:
 *     a_0 ~ N(0, σ_a²),  a_(t+1) = ρ·a_t + ε_t,  ε_t ~ N(0, σ²)
 *     with ρ = PERSISTENCE = 0.6, σ = NOISE = 2 °C and σ_a = σ / √(1 − ρ²) = 2.5 °C, so a warm
 *     spell tends to last a few days and every day has the same spread.
 *   Temperature: T_t = c(d_t) + a_t, rounded to 0.1 °C (what a cheap thermometer reports).
 * The random numbers come from createRng(seed).normal, in the order a_0, ε_0, ε_1, …
 *
 * Samples for "what temperature will it be tomorrow?": day t (t = 0 … days − 2) gives the
 * inputs (T_t, d_t) and the target T_(t+1).
 */
import { createRng } from '../rng/rng';

export const MEAN = 17;
export const AMPLITUDE = 9;
export const COLDEST_DAY = 15;
export const PERSISTENCE = 0.6;
export const NOISE = 2;
export const YEAR = 365;

/** Climatological temperature (°C) of day of year d (0 = 1 January). */
export function climate(d: number): number {
  return MEAN - AMPLITUDE * Math.cos((2 * Math.PI * (d - COLDEST_DAY)) / YEAR);
}

export interface Weather {
  /** Day of the year of each day, [days], 0 … 364. */
  doy: number[];
  /** Temperature of each day, [days], °C rounded to 0.1. */
  temp: number[];
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** `days` consecutive days (≥ 2) from 1 January, generated as described above. */
export function generateWeather(days: number, seed: number): Weather {
  if (!Number.isInteger(days) || days < 2) throw new RangeError(`generateWeather: days must be an integer ≥ 2 (got ${days})`);
  const rng = createRng(seed);
  const sigmaA = NOISE / Math.sqrt(1 - PERSISTENCE * PERSISTENCE);
  const doy: number[] = [];
  const temp: number[] = [];
  let a = rng.normal(0, sigmaA);
  for (let t = 0; t < days; t++) {
    const d = t % YEAR;
    doy.push(d);
    temp.push(round1(climate(d) + a));
    a = PERSISTENCE * a + rng.normal(0, NOISE);
  }
  return { doy, temp };
}

/** One example: today's temperature (°C), today's day of the year, tomorrow's temperature (°C). */
export interface Day {
  today: number;
  doy: number;
  tomorrow: number;
}

/** The days − 1 examples (T_t, d_t) → T_(t+1) of a Weather. */
export function examples(w: Weather): Day[] {
  const out: Day[] = [];
  for (let t = 0; t + 1 < w.temp.length; t++) out.push({ today: w.temp[t]!, doy: w.doy[t]!, tomorrow: w.temp[t + 1]! });
  return out;
}

/** Month names for dates shown to the student. */
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "15 de julio" for a day of the year 0 … 364 (a 365-day year). */
export function dateLabel(doy: number): string {
  let d = ((Math.round(doy) % YEAR) + YEAR) % YEAR;
  for (let m = 0; m < 12; m++) {
    if (d < MONTH_DAYS[m]!) return `${d + 1} de ${MONTHS[m]}`;
    d -= MONTH_DAYS[m]!;
  }
  return `31 de diciembre`;
}
