/**
 * Data and diagnosis for the curve-fitting widget (pure: no DOM).
 *
 * Points are (x1, x2) pairs with x2 = f(x1) + noise, x1 ∈ X_RANGE, x2 clamped to Y_RANGE.
 * A generated data set is split, with a seed, into training points (the network learns from
 * them) and validation points (never used to train; they measure how well the curve
 * generalises). Losses are MSE with one output: L = 1/P Σ_p (d_p − y_p)².
 */
import { CURVES, regressionDataset } from '../lib/nn';
import { createRng } from '../lib/rng/rng';

export const CURVE_IDS = ['recta', 'parabola', 'seno', 'escalon'] as const;
export type CurveId = (typeof CURVE_IDS)[number];
/** Keys of the engine's CURVES table (Spanish, with accents) and Spanish labels. */
export const CURVE_INFO: Readonly<Record<CurveId, { key: string; label: string }>> = {
  recta: { key: 'recta', label: 'Recta' },
  parabola: { key: 'parábola', label: 'Parábola' },
  seno: { key: 'seno', label: 'Seno' },
  escalon: { key: 'escalón', label: 'Escalón' },
};

export const X_RANGE = [-1, 1] as const;
export const Y_RANGE = [-2, 2] as const;
/** Share of a generated data set held out for validation. */
export const VAL_FRACTION = 1 / 3;
export const MAX_POINTS = 60;

export interface Pt {
  x: number;
  y: number;
}
export interface Split {
  train: Pt[];
  val: Pt[];
}

export const round2 = (v: number): number => Math.round(v * 100) / 100;
export const clampTo = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(hi, Math.max(lo, v));

export interface GenOptions {
  curve: CurveId;
  /** Total points (training + validation). */
  n: number;
  /** Standard deviation of the Gaussian noise added to x2. */
  noise: number;
  seed: number;
}

/**
 * n noisy points of the curve (the engine's regressionDataset, seeded), split with a second
 * seeded shuffle: round(n · VAL_FRACTION) of them (at least 1) go to validation. Each list is
 * sorted by x1.
 */
export function generate(o: GenOptions): Split {
  const d = regressionDataset({ n: o.n, seed: o.seed, f: CURVES[CURVE_INFO[o.curve].key], noise: o.noise, range: X_RANGE });
  const pts: Pt[] = Array.from({ length: d.n }, (_, i) => ({ x: d.x[i]!, y: clampTo(d.y[i]!, Y_RANGE) }));
  const nVal = Math.max(1, Math.round(o.n * VAL_FRACTION));
  const order = createRng((o.seed * 2654435761 + 97) >>> 0).shuffle(pts.map((_, i) => i));
  const isVal = new Set(order.slice(0, nVal));
  const byX = (a: Pt, b: Pt): number => a.x - b.x;
  return {
    train: pts.filter((_, i) => !isVal.has(i)).sort(byX),
    val: pts.filter((_, i) => isVal.has(i)).sort(byX),
  };
}

export const flatten = (pts: readonly Pt[]): number[] => pts.flatMap((p) => [round2(p.x), round2(p.y)]);
export function unflatten(v: readonly number[]): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i + 1 < v.length; i += 2) out.push({ x: v[i]!, y: v[i + 1]! });
  return out;
}

/** MSE of a model on points: 1/P Σ (d_p − y_p)², d_p = p.y, y_p = model(p.x). NaN if empty. */
export function mseOf(model: (x: number) => number, pts: readonly Pt[]): number {
  if (!pts.length) return Number.NaN;
  let s = 0;
  for (const p of pts) s += (p.y - model(p.x)) ** 2;
  return s / pts.length;
}

/**
 * Noise variance estimated from the data alone (Gasser, Sroka and Jennen-Steinmetz, 1986).
 * With the points sorted by x1, each inner point is compared with the straight line through
 * its two neighbours: the pseudo-residual ε̃_i = a_i d_{i−1} + b_i d_{i+1} − d_i, with
 * a_i = (x_{i+1} − x_i)/(x_{i+1} − x_{i−1}) and b_i = 1 − a_i, cancels the local trend of f,
 * so what is left is mostly noise, with variance σ²(a_i² + b_i² + 1). Hence
 *   σ̂² = 1/(P − 2) Σ_i ε̃_i² / (a_i² + b_i² + 1).
 * Points with the same x1 as a neighbour are skipped. NaN when fewer than 3 points remain.
 */
export function noiseVariance(pts: readonly Pt[]): number {
  const s = [...pts].sort((a, b) => a.x - b.x);
  let sum = 0;
  let count = 0;
  for (let i = 1; i + 1 < s.length; i++) {
    const [p, q, r] = [s[i - 1]!, s[i]!, s[i + 1]!];
    const span = r.x - p.x;
    if (!(span > 0)) continue;
    const a = (r.x - q.x) / span;
    const b = 1 - a;
    const e = a * p.y + b * r.y - q.y;
    sum += (e * e) / (a * a + b * b + 1);
    count++;
  }
  return count ? sum / count : Number.NaN;
}

/** Variance of the targets (the MSE of always answering their mean). */
export function targetVariance(pts: readonly Pt[]): number {
  if (!pts.length) return Number.NaN;
  const m = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  return pts.reduce((a, p) => a + (p.y - m) ** 2, 0) / pts.length;
}

export type FitLabel = 'inicio' | 'subajuste' | 'bueno' | 'sobreajuste';

export interface FitInput {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** Lowest validation loss seen so far in this run. */
  bestVal: number;
  /** σ̂² of the training points and the variance of their targets. */
  noiseVar: number;
  targetVar: number;
}

/** Epochs before which no verdict is given. */
export const MIN_EPOCHS = 20;

/**
 * Fit quality from the two losses (the rule is shown to the student):
 *  - subajuste: the training loss is well above the noise, L_ent > 2 σ̂² + 0.02·Var(d): the
 *    curve does not follow even the points it learns from (too few neurons or too few epochs);
 *  - sobreajuste: the curve passes closer to the training points than the noise allows
 *    (L_ent < σ̂²) while validation is more than twice worse (L_val > 2 L_ent) and has risen at
 *    least 25 % above its best value: it is learning the noise of those points;
 *  - bueno: otherwise.
 */
export function diagnose(f: FitInput): FitLabel {
  if (f.epoch < MIN_EPOCHS || !Number.isFinite(f.trainLoss)) return 'inicio';
  const noise = Number.isFinite(f.noiseVar) ? f.noiseVar : 0;
  const tv = Number.isFinite(f.targetVar) ? f.targetVar : 0;
  if (f.trainLoss > 2 * noise + 0.02 * tv) return 'subajuste';
  if (Number.isFinite(f.valLoss) && f.trainLoss < noise && f.valLoss > 2 * f.trainLoss && f.valLoss > 1.25 * f.bestVal) {
    return 'sobreajuste';
  }
  return 'bueno';
}

export const FIT_TEXT: Readonly<Record<FitLabel, { label: string; text: string }>> = {
  inicio: { label: 'Empezando', text: 'La red acaba de empezar: todavía no se puede juzgar el ajuste.' },
  subajuste: {
    label: 'Subajuste',
    text: 'La curva no sigue la tendencia ni siquiera en los puntos de entrenamiento: su error es bastante mayor que el ruido de los datos. Si sigue así después de muchas épocas, la red es demasiado simple: añade neuronas ocultas.',
  },
  bueno: {
    label: 'Buen ajuste',
    text: 'La curva sigue la tendencia y los puntos de validación, que la red nunca ha visto, tienen un error parecido al de entrenamiento.',
  },
  sobreajuste: {
    label: 'Sobreajuste',
    text: 'La curva pasa más cerca de los puntos de entrenamiento de lo que permite el ruido, pero el error de validación ha subido: la red está memorizando el ruido. Usa menos neuronas, más puntos o para antes (la época con menor error de validación está marcada).',
  },
};

/**
 * About `max` evenly spaced items of a list (always keeping the last one), each mapped with
 * `map(item, index)`; only the kept items are mapped.
 */
export function thin<T, U>(items: readonly T[], max: number, map: (item: T, index: number) => U): U[] {
  const every = Math.max(1, Math.ceil(items.length / max));
  const out: U[] = [];
  for (let i = 0; i < items.length; i += every) out.push(map(items[i]!, i));
  const last = items.length - 1;
  if (last >= 0 && last % every !== 0) out.push(map(items[last]!, last));
  return out;
}
