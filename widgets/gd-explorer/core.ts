/**
 * Gradient descent on a Surface, one step at a time, and a classifier that says what the run
 * is doing from the run itself (not from the α preset):
 *
 *   w_{t+1} = w_t − α ∇L(w_t)
 *
 * A Run keeps every visited point w_t, its loss L(w_t) and gradient ∇L(w_t). It stops when
 *   - ‖∇L(w_t)‖ < TOL (converged), or
 *   - a coordinate leaves the box `escapeBox(surface)` or L is not finite (diverged), or
 *   - MAX_STEPS steps were taken.
 */
import { SURFACES, type Surface } from './surfaces';

export const TOL = 1e-3;
export const MAX_STEPS = 3000;
/** A run whose projected total number of steps to reach TOL exceeds this is "slow". */
export const SLOW_STEPS = 200;
/** The escape box is the drawn domain widened to this many half-widths around its centre. */
export const ESCAPE = 10;
/** Steps looked back by the classifier. */
export const WINDOW = 6;

export type RunStatus = 'running' | 'converged' | 'diverged' | 'limit';

export interface StepInfo {
  /** Index t of the point the step starts from. */
  t: number;
  w: number[];
  grad: number[];
  alpha: number;
  /** w − α ∇L(w). */
  next: number[];
  loss: number;
  nextLoss: number;
}

export interface Run {
  surface: Surface;
  alpha: number;
  /** Visited points w_0 … w_t. */
  path: number[][];
  losses: number[];
  grads: number[][];
  status: RunStatus;
  /** Steps so far in which the step reversed the previous one (zig-zag). */
  reversals: number;
}

export const norm = (v: readonly number[]): number => Math.hypot(...v);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** One gradient-descent update: the numbers the widget shows for the step from w. */
export function gdStep(s: Surface, w: readonly number[], alpha: number): StepInfo {
  const grad = s.grad(w);
  const next = w.map((x, i) => x - alpha * grad[i]!);
  return { t: 0, w: [...w], grad, alpha, next, loss: s.f(w), nextLoss: s.f(next) };
}

/** The box outside which a run counts as diverged, per coordinate [lo, hi]. */
export function escapeBox(s: Surface): [number, number][] {
  return s.domain.map(([lo, hi]) => {
    const c = (lo + hi) / 2;
    const r = ((hi - lo) / 2) * ESCAPE;
    return [c - r, c + r];
  });
}

function statusAt(s: Surface, w: readonly number[], L: number, g: readonly number[]): RunStatus {
  const box = escapeBox(s);
  if (!Number.isFinite(L) || w.some((x, i) => !Number.isFinite(x) || x < box[i]![0] || x > box[i]![1])) return 'diverged';
  return norm(g) < TOL ? 'converged' : 'running';
}

export function createRun(s: Surface, w0: readonly number[], alpha: number): Run {
  if (!(alpha > 0)) throw new RangeError(`alpha must be > 0 (got ${alpha})`);
  const g = s.grad(w0);
  const L = s.f(w0);
  return { surface: s, alpha, path: [[...w0]], losses: [L], grads: [g], status: statusAt(s, w0, L, g), reversals: 0 };
}

/** Takes up to n steps (fewer once the run stops). Mutates and returns the run. */
export function advance(run: Run, n = 1): Run {
  const s = run.surface;
  for (let k = 0; k < n && run.status === 'running'; k++) {
    const t = run.path.length - 1;
    const w = run.path[t]!;
    const g = run.grads[t]!;
    const next = w.map((x, i) => x - run.alpha * g[i]!);
    const L = s.f(next);
    const gn = s.grad(next);
    if (t >= 1) {
      const prev = w.map((x, i) => x - run.path[t - 1]![i]!);
      const step = next.map((x, i) => x - w[i]!);
      if (dot(prev, step) < 0) run.reversals++;
    }
    run.path.push(next);
    run.losses.push(L);
    run.grads.push(gn);
    run.status = statusAt(s, next, L, gn);
    if (run.status === 'running' && run.path.length - 1 >= MAX_STEPS) run.status = 'limit';
  }
  return run;
}

/** Steps taken so far. */
export const stepsOf = (run: Run): number => run.path.length - 1;

/** The step the run would take next from its current point. */
export function nextStep(run: Run): StepInfo {
  const t = stepsOf(run);
  return { ...gdStep(run.surface, run.path[t]!, run.alpha), t };
}

export type Regime = 'inicio' | 'lenta' | 'converge' | 'oscila' | 'crece' | 'diverge';

export interface Verdict {
  regime: Regime;
  /** Estimated factor by which ‖∇L‖ shrinks per step over the last steps (NaN if unknown). */
  rho: number;
  /** Estimated total steps to reach ‖∇L‖ < TOL at this pace (Infinity if not shrinking). */
  projected: number;
  /** Fraction of the last steps that reversed the previous one. */
  zigzag: number;
  /** True when the run stopped (converged, diverged or step limit). */
  done: boolean;
}

/**
 * What the run is doing, from its last WINDOW steps:
 *  - diverge: it left the escape box or L stopped being a number;
 *  - crece:  the loss rose in each of the last two steps (each jump lands higher than the last);
 *  - oscila: at least half the recent steps reversed the previous one, and L still falls;
 *  - converge / lenta: L falls steadily; 'lenta' when, at the measured pace ρ, reaching
 *    ‖∇L‖ < TOL would take more than SLOW_STEPS steps in total. A converged run is 'converge'.
 */
export function classify(run: Run): Verdict {
  const t = stepsOf(run);
  const base = { rho: Number.NaN, projected: Infinity, zigzag: 0 };
  if (run.status === 'diverged') return { ...base, regime: 'diverge', done: true };
  if (run.status === 'converged') {
    return { ...base, regime: t === 0 ? 'inicio' : 'converge', projected: t, done: t > 0 };
  }
  if (t === 0) return { ...base, regime: 'inicio', done: false };
  const k = Math.min(WINDOW, t);
  const g0 = norm(run.grads[t - k]!);
  const g1 = norm(run.grads[t]!);
  const rho = g0 > 0 ? (g1 / g0) ** (1 / k) : Number.NaN;
  const projected = rho < 1 && g1 > 0 ? t + Math.log(TOL / g1) / Math.log(rho) : Infinity;
  // Zig-zag: consecutive steps pointing against each other (negative dot product).
  let rev = 0;
  let pairs = 0;
  for (let i = Math.max(2, t - k + 1); i <= t; i++) {
    const a = run.path[i - 1]!.map((x, j) => x - run.path[i - 2]![j]!);
    const b = run.path[i]!.map((x, j) => x - run.path[i - 1]![j]!);
    pairs++;
    if (dot(a, b) < 0) rev++;
  }
  const zigzag = pairs ? rev / pairs : 0;
  const L = run.losses;
  const rising = L[t]! > L[t - 1]! && (t < 2 || L[t - 1]! > L[t - 2]!);
  const done = run.status === 'limit';
  if (rising) return { regime: 'crece', rho, projected: Infinity, zigzag, done };
  if (zigzag >= 0.5) return { regime: 'oscila', rho, projected, zigzag, done };
  return { regime: projected > SLOW_STEPS ? 'lenta' : 'converge', rho, projected, zigzag, done };
}

/** Local minimum reached by a converged run, and whether it is the global one. */
export function minimumReached(run: Run): { index: number; global: boolean } | null {
  if (run.status !== 'converged') return null;
  const w = run.path[run.path.length - 1]!;
  let best = -1;
  let bestD = Infinity;
  run.surface.minima.forEach((m, i) => {
    const d = Math.hypot(...m.map((x, j) => x - w[j]!));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return { index: best, global: best === 0 };
}

export { SURFACES };
