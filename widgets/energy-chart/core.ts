/**
 * Energy and chip area of three processors, one per "processing size" (pure, no DOM).
 * Units: power W, area mm², energy Wh, time h, widths px.
 *
 * Sources (manufacturers' figures as quoted in the TinyML literature): NVIDIA Tesla K80
 * 300 W board power, 561 mm² die; Apple A12 mobile SoC 3.64 W, 83 mm²; Syntiant NDP100
 * 140 µW, 2.52 mm², 128 KB SRAM.
 */
import { describeHours, energyWh, formatPower } from '../lib/energy/battery';
import { fmt, intText, sig } from '../lib/format/number';

export type Metric = 'power' | 'area';
export type ScaleKind = 'log' | 'linear';

export interface Processor {
  id: 'k80' | 'a12' | 'ndp100';
  name: string;
  /** Short name used in sentences ("el K80"). */
  short: string;
  /** Size class in Spanish. */
  kind: string;
  powerW: number;
  areaMm2: number;
}

/** Ordered from largest to smallest. */
export const PROCESSORS: readonly Processor[] = [
  { id: 'k80', name: 'NVIDIA Tesla K80', short: 'K80', kind: 'GPU de centro de datos', powerW: 300, areaMm2: 561 },
  { id: 'a12', name: 'Apple A12', short: 'A12', kind: 'SoC de móvil', powerW: 3.64, areaMm2: 83 },
  { id: 'ndp100', name: 'Syntiant NDP100', short: 'NDP100', kind: 'procesador neuronal diminuto', powerW: 140e-6, areaMm2: 2.52 },
];

/** Energy of a CR2032 coin cell (225 mAh at 3 V, all of it usable): 0.675 Wh. */
export const COIN_CELL_WH = energyWh({ capacityMah: 225, voltage: 3 });

export const valueOf = (p: Processor, m: Metric): number => (m === 'power' ? p.powerW : p.areaMm2);

/** "561 mm²", "2,52 mm²" (3 significant digits). */
export const formatArea = (mm2: number): string => `${sig(mm2)} mm²`;

export const formatValue = (v: number, m: Metric): string => (m === 'power' ? formatPower(v) : formatArea(v));

/** a / b, both > 0. */
export function ratio(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError('ratio needs two positive numbers');
  return a / b;
}

/** Orders of magnitude between a and b: log10(a / b). */
export const ordersOfMagnitude = (a: number, b: number): number => Math.log10(ratio(a, b));

/**
 * A multiplier in words, rounded the way a person would say it:
 * 6.76 → "6,8", 82.4 → "82", 26 000 → «26 000», 2 142 857 → "2,1 millones".
 */
export function describeTimes(r: number): string {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError('multiplier must be a positive finite number');
  if (r < 10) return fmt(r, 1);
  if (r < 1e3) return intText(r);
  if (r < 1e6) return sig(r, 2);
  if (r < 1e9) {
    const m = Number((r / 1e6).toPrecision(2));
    return m === 1 ? 'un millón' : `${fmt(m, 1)} millones`;
  }
  return `${sig(r / 1e9, 2)} mil millones`;
}

/** "unas 82 veces", «unas 26 000 veces», "unos 2,1 millones de veces". */
export function aboutTimes(r: number): string {
  const words = describeTimes(r);
  if (words === 'un millón') return 'cerca de un millón de veces';
  return /millones$/.test(words) ? `unos ${words} de veces` : `unas ${words} veces`;
}

/** "el K80 consume unos 2,1 millones de veces más que el NDP100" (a is the larger one). */
export function compareSentence(a: Processor, b: Processor, m: Metric): string {
  const times = aboutTimes(ratio(valueOf(a, m), valueOf(b, m)));
  return m === 'power'
    ? `el ${a.short} consume ${times} más que el ${b.short}`
    : `el chip del ${a.short} ocupa ${times} más superficie que el del ${b.short}`;
}

/** The three pairs, larger first: K80/A12, K80/NDP100, A12/NDP100. */
export function pairs(): Array<[Processor, Processor]> {
  const out: Array<[Processor, Processor]> = [];
  for (let i = 0; i < PROCESSORS.length; i++) {
    for (let j = i + 1; j < PROCESSORS.length; j++) out.push([PROCESSORS[i]!, PROCESSORS[j]!]);
  }
  return out;
}

/** Hours a processor runs at full power on one CR2032 (0.675 Wh). */
export const coinCellHours = (p: Processor): number => COIN_CELL_WH / p.powerW;

export const coinCellText = (p: Processor): string => describeHours(coinCellHours(p));

/** Decade domain [10^floor(log10 min), 10^ceil(log10 max)] covering every value (> 0). */
export function decadeDomain(values: readonly number[]): [number, number] {
  if (values.length === 0 || values.some((v) => !(v > 0))) throw new RangeError('log scale needs positive values');
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  return [10 ** lo, 10 ** (hi === lo ? hi + 1 : hi)];
}

/** Every power of ten in [lo, hi] (both powers of ten), exact: 1e-4, 1e-3, … */
export function decades([lo, hi]: [number, number]): number[] {
  const a = Math.round(Math.log10(lo));
  const b = Math.round(Math.log10(hi));
  const out: number[] = [];
  for (let k = a; k <= b; k++) out.push(Number(`1e${k}`));
  return out;
}

/**
 * Labelled decade ticks: every decade, or every 2nd, 3rd… so at most `maxTicks` are labelled
 * (the grid can still draw every decade). Always keeps the first decade.
 */
export function decadeTicks(domain: [number, number], maxTicks: number): number[] {
  const all = decades(domain);
  const step = Math.max(1, Math.ceil(all.length / Math.max(1, Math.floor(maxTicks))));
  return all.filter((_, i) => i % step === 0);
}

/** Length in px of a linear bar from 0 to `value` on an axis whose end is `max` over `widthPx`. */
export function linearBarPx(value: number, max: number, widthPx: number): number {
  if (!(max > 0) || value < 0 || widthPx < 0) throw new RangeError('invalid linear bar');
  return (value / max) * widthPx;
}

/** A tiny length in words: "0,0003 píxeles" (1 significant digit below 1, else 2). */
export function describePx(px: number): string {
  return `${sig(px, px < 1 ? 1 : 2)} píxeles`;
}

const metricWord = (m: Metric): string => (m === 'power' ? 'la potencia' : 'la superficie del chip');

/** Text alternative of the chart (what it shows, with every value). */
export function describeChart(m: Metric, s: ScaleKind, plotWidthPx: number): string {
  const vals = PROCESSORS.map((p) => `${p.name}, ${formatValue(valueOf(p, m), m)}`).join('; ');
  const head = `Barras horizontales de ${metricWord(m)} en escala ${s === 'log' ? 'logarítmica' : 'lineal'}: ${vals}.`;
  const values = PROCESSORS.map((p) => valueOf(p, m));
  if (s === 'log') {
    const [lo, hi] = decadeDomain(values);
    return `${head} El eje va de ${formatValue(lo, m)} a ${formatValue(hi, m)} y cada marca vale diez veces la anterior, así que las tres barras se ven.`;
  }
  const max = Math.max(...values);
  const smallest = PROCESSORS[PROCESSORS.length - 1]!;
  const px = linearBarPx(valueOf(smallest, m), max, plotWidthPx);
  return `${head} El eje va de 0 a ${formatValue(max, m)} en partes iguales; la barra del ${smallest.short} mide ${describePx(px)}${px < 1 ? ', así que no se ve' : ''}.`;
}
