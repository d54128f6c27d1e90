/**
 * Training vs inference for the simplest model there is: a straight line (pure, no DOM).
 *
 * Notation (the lesson uses the same symbols):
 *   points (x_i, y_i), i = 1…N, both in the plane's units (the widget draws [0, 10] × [0, 10]);
 *   model       ŷ = w·x + b                      (w: slope, b: intercept)
 *   loss        L(w, b) = (1/N) Σ (ŷ_i − y_i)²   (mean squared error, MSE)
 *   gradient    ∂L/∂w = (2/N) Σ (ŷ_i − y_i)·x_i,  ∂L/∂b = (2/N) Σ (ŷ_i − y_i)
 *   GD step     w ← w − α·∂L/∂w,  b ← b − α·∂L/∂b  (α: learning rate)
 *   closed form w* = Σ(x_i − x̄)(y_i − ȳ) / Σ(x_i − x̄)²,  b* = ȳ − w*·x̄  (least squares)
 */
import { createRng } from '../lib/rng/rng';

export interface Point {
  x: number;
  y: number;
}

export interface Line {
  w: number;
  b: number;
}

/** Limits of the drawing area; generated and edited points stay inside [LO, HI]². */
export const LO = 0;
export const HI = 10;

export type Shape = 'recta' | 'curva';

export interface DataOptions {
  seed: number;
  /** Number of points N (≥ 2). */
  n: number;
  /** Standard deviation of the Gaussian noise added to y, plane units. */
  noise: number;
  /** Hidden trend: a straight line, or a parabola (a line cannot fit it well). */
  shape: Shape;
}

const clamp = (v: number, lo = LO, hi = HI): number => Math.min(hi, Math.max(lo, v));
/** Two decimals: what the URL stores, so a shared link rebuilds exactly the same points. */
export const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Seeded synthetic data: x uniform in [0.5, 9.5]; y = trend(x) + N(0, noise²), clamped to
 * [LO, HI], both rounded to 2 decimals. The trend itself is drawn from the same seed:
 * recta y = a·x + c with a ∈ [0.3, 0.9], c ∈ [0.5, 3]; curva y = c + a·(x − 5)² with
 * a ∈ [0.12, 0.25], c ∈ [1, 3]. Same options → same points.
 */
export function generateData(o: DataOptions): Point[] {
  const rng = createRng(o.seed);
  const a = o.shape === 'recta' ? rng.uniform(0.3, 0.9) : rng.uniform(0.12, 0.25);
  const c = o.shape === 'recta' ? rng.uniform(0.5, 3) : rng.uniform(1, 3);
  const trend = (x: number): number => (o.shape === 'recta' ? a * x + c : c + a * (x - 5) ** 2);
  const out: Point[] = [];
  for (let i = 0; i < o.n; i++) {
    const x = round2(rng.uniform(0.5, 9.5));
    const y = round2(clamp(trend(x) + rng.normal(0, o.noise)));
    out.push({ x, y });
  }
  return out;
}

/** ŷ = w·x + b. */
export const predict = (m: Line, x: number): number => m.w * x + m.b;

/** L = (1/N) Σ (ŷ_i − y_i)². Throws on an empty data set (the mean is undefined). */
export function mse(m: Line, pts: readonly Point[]): number {
  if (pts.length === 0) throw new RangeError('MSE needs at least one point');
  let s = 0;
  for (const p of pts) s += (predict(m, p.x) - p.y) ** 2;
  return s / pts.length;
}

/** (∂L/∂w, ∂L/∂b) = ((2/N) Σ r_i·x_i, (2/N) Σ r_i), with r_i = ŷ_i − y_i. */
export function gradient(m: Line, pts: readonly Point[]): { dw: number; db: number } {
  if (pts.length === 0) throw new RangeError('gradient needs at least one point');
  let sw = 0;
  let sb = 0;
  for (const p of pts) {
    const r = predict(m, p.x) - p.y;
    sw += r * p.x;
    sb += r;
  }
  return { dw: (2 / pts.length) * sw, db: (2 / pts.length) * sb };
}

/** One gradient-descent step with learning rate α (> 0). */
export function gdStep(m: Line, pts: readonly Point[], alpha: number): Line {
  const g = gradient(m, pts);
  return { w: m.w - alpha * g.dw, b: m.b - alpha * g.db };
}

/**
 * Least-squares line (the exact minimum of L). Null when it is not unique: fewer than two
 * points or every x equal (then any line through the mean of y at that x is as good).
 */
export function leastSquares(pts: readonly Point[]): Line | null {
  const n = pts.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (const p of pts) {
    mx += p.x / n;
    my += p.y / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx <= 1e-12 * n * Math.max(1, mx * mx)) return null;
  const w = sxy / sxx;
  return { w, b: my - w * mx };
}

/**
 * Largest learning rate for which GD on this data does not blow up: α_max = 2 / λ_max, with
 * λ_max the largest eigenvalue of the (constant) Hessian H = (2/N)·[[Σx², Σx], [Σx, N]].
 * For α > α_max the error along that direction grows every step. Infinity for no points.
 */
export function maxStableRate(pts: readonly Point[]): number {
  const n = pts.length;
  if (n === 0) return Number.POSITIVE_INFINITY;
  let sx = 0;
  let sxx = 0;
  for (const p of pts) {
    sx += p.x;
    sxx += p.x * p.x;
  }
  const a = (2 / n) * sxx;
  const c = 2;
  const off = (2 / n) * sx;
  const lambdaMax = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + off * off);
  return 2 / lambdaMax;
}

/** Multiplications a GD step performs on N points: N (w·x_i) + N (r_i·x_i) + 2 (2/N) + 2 (α·g). */
export const multiplicationsPerStep = (n: number): number => 2 * n + 4;

export type Outcome = 'running' | 'converged' | 'diverged' | 'max-steps';

export interface TrainLimits {
  /** Stop as converged when |∇L| (Euclidean norm) falls below this. */
  gradTol: number;
  /** Stop after this many steps in total. */
  maxSteps: number;
  /** Declare divergence when L is not finite or exceeds this. */
  lossCap: number;
}

export const LIMITS: TrainLimits = { gradTol: 1e-6, maxSteps: 20000, lossCap: 1e8 };

export interface RunResult {
  model: Line;
  /** Steps taken in total (including the ones before this call). */
  step: number;
  loss: number;
  outcome: Outcome;
}

/**
 * Advances GD by up to `k` steps from `m` (already `step` steps done). Stops early on
 * convergence, divergence or the step limit. On divergence `model` is the last (bad) iterate
 * and `loss` may be non-finite: the caller must not draw it. `trace` sees the loss after
 * every step (step numbers counted like `step`).
 */
export function runSteps(
  m: Line, pts: readonly Point[], alpha: number, step: number, k: number, lim: TrainLimits = LIMITS,
  trace?: (step: number, loss: number) => void,
): RunResult {
  let model = m;
  let t = step;
  for (let i = 0; i < k; i++) {
    const g = gradient(model, pts);
    if (Math.hypot(g.dw, g.db) < lim.gradTol) return { model, step: t, loss: mse(model, pts), outcome: 'converged' };
    if (t >= lim.maxSteps) return { model, step: t, loss: mse(model, pts), outcome: 'max-steps' };
    model = { w: model.w - alpha * g.dw, b: model.b - alpha * g.db };
    t++;
    const loss = mse(model, pts);
    trace?.(t, loss);
    if (!Number.isFinite(loss) || loss > lim.lossCap) return { model, step: t, loss, outcome: 'diverged' };
  }
  return { model, step: t, loss: mse(model, pts), outcome: 'running' };
}

export interface LossPoint {
  step: number;
  loss: number;
}

/**
 * Loss-vs-step record of bounded size for plotting: every step below `keepFirst` (where the
 * loss falls fastest), later only steps that are multiples of a stride that doubles whenever
 * more than `cap` points are kept. The latest point is always part of points().
 */
export class LossHistory {
  #kept: LossPoint[] = [];
  #last: LossPoint | null = null;
  #stride = 1;
  constructor(readonly cap = 400, readonly keepFirst = 50) {}
  push(step: number, loss: number): void {
    this.#last = { step, loss };
    if (step >= this.keepFirst && step % this.#stride !== 0) return;
    this.#kept.push(this.#last);
    if (this.#kept.length > this.cap) {
      this.#stride *= 2;
      this.#kept = this.#kept.filter((p) => p.step < this.keepFirst || p.step % this.#stride === 0);
    }
  }
  points(): LossPoint[] {
    const l = this.#last;
    return l && this.#kept.at(-1) !== l ? [...this.#kept, l] : this.#kept.slice();
  }
  get size(): number {
    return this.#kept.length + (this.#last && this.#kept.at(-1) !== this.#last ? 1 : 0);
  }
  get last(): LossPoint | null {
    return this.#last;
  }
}

/** Points flattened as [x0, y0, x1, y1, …] (the URL form) and back; an odd tail is dropped. */
export const flatten = (pts: readonly Point[]): number[] => pts.flatMap((p) => [round2(p.x), round2(p.y)]);
export function unflatten(v: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i + 1 < v.length; i += 2) out.push({ x: clamp(v[i]!), y: clamp(v[i + 1]!) });
  return out;
}

export { clamp };
