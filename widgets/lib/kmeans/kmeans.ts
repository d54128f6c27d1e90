/**
 * K-means (Lloyd's algorithm) in plain TypeScript, pure and seeded. Points are arrays of d
 * numbers (any units: the caller standardises first when the features differ in scale, see
 * score.ts); centroids likewise. Distances are Euclidean; inertia = Σᵢ ‖xᵢ − c_{aᵢ}‖².
 *
 * - Initialisation, k-means++ (Arthur & Vassilvitskii 2007) with createRng(seed): the first
 *   centroid is a point drawn uniformly; each next one is point i with probability
 *   D(i)² / Σ D², D(i) = distance to the nearest centroid chosen so far. If every D is 0 (fewer
 *   distinct points than k) the next one is drawn uniformly.
 * - Assign step: each point goes to its nearest centroid (ties: the lowest index).
 * - Update step: each centroid moves to the mean of its points. EMPTY CLUSTER RULE: a centroid
 *   with no points is re-seeded at the point farthest from its own centroid (largest
 *   ‖xᵢ − c_{aᵢ}‖², ties: lowest i; a point already used by another empty cluster in the same
 *   step is skipped), and the step reports which clusters were re-seeded (`reseeded`).
 * - Stopping rule: after each update comes an assign; the run stops when an assign step changes
 *   no assignment (converged) or after `maxIter` update+assign pairs (default 100).
 * Neither step can raise the inertia (the mean minimises the squared distances of its points;
 * a re-seeded centroid has no points yet; reassignment only picks nearer centroids).
 */
import { createRng } from '../rng/rng';

export type Vec = number[];

export const DEFAULT_MAX_ITER = 100;

/** ‖a − b‖², both of length d. */
export function dist2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const t = a[j]! - b[j]!;
    s += t * t;
  }
  return s;
}

/** Index of the nearest centroid and its squared distance (ties: lowest index). */
export function nearest(x: ArrayLike<number>, centroids: readonly ArrayLike<number>[]): { index: number; d2: number } {
  let index = -1;
  let d2 = Infinity;
  centroids.forEach((c, k) => {
    const v = dist2(x, c);
    if (v < d2) [index, d2] = [k, v];
  });
  return { index, d2 };
}

/** k-means++ seeding: k centroids (copies of points), seeded. Needs 1 ≤ k ≤ points.length. */
export function kmeansPlusPlus(points: readonly ArrayLike<number>[], k: number, seed: number): Vec[] {
  const n = points.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer in [1, ${n}], got ${k}`);
  const rng = createRng(seed);
  const out: Vec[] = [Array.from(points[rng.int(0, n - 1)]!)];
  const d = points.map((p) => dist2(p, out[0]!));
  while (out.length < k) {
    const total = d.reduce((s, v) => s + v, 0);
    let pick = n - 1;
    if (total > 0) {
      let r = rng.next() * total;
      for (let i = 0; i < n; i++) {
        r -= d[i]!;
        if (r < 0) {
          pick = i;
          break;
        }
      }
    } else pick = rng.int(0, n - 1);
    const c = Array.from(points[pick]!);
    out.push(c);
    for (let i = 0; i < n; i++) d[i] = Math.min(d[i]!, dist2(points[i]!, c));
  }
  return out;
}

/** Σᵢ ‖xᵢ − c_{aᵢ}‖². */
export function inertia(points: readonly ArrayLike<number>[], centroids: readonly ArrayLike<number>[], assign: readonly number[]): number {
  let s = 0;
  points.forEach((p, i) => (s += dist2(p, centroids[assign[i]!]!)));
  return s;
}

export interface AssignResult {
  assign: number[];
  /** Points whose cluster differs from `prev` (all of them when there is no prev). */
  changed: number;
  inertia: number;
}

export function assignStep(points: readonly ArrayLike<number>[], centroids: readonly ArrayLike<number>[], prev?: readonly number[]): AssignResult {
  let changed = 0;
  let s = 0;
  const assign = points.map((p, i) => {
    const { index, d2 } = nearest(p, centroids);
    s += d2;
    if (!prev || prev[i] !== index) changed++;
    return index;
  });
  return { assign, changed, inertia: s };
}

export interface UpdateResult {
  centroids: Vec[];
  /** Clusters that had no points and were re-seeded at the farthest point. */
  reseeded: number[];
  /** Points per cluster before re-seeding. */
  sizes: number[];
  inertia: number;
}

export function updateStep(points: readonly ArrayLike<number>[], centroids: readonly ArrayLike<number>[], assign: readonly number[]): UpdateResult {
  const k = centroids.length;
  const d = centroids[0]?.length ?? 0;
  const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const sizes = new Array<number>(k).fill(0);
  points.forEach((p, i) => {
    const a = assign[i]!;
    sizes[a]!++;
    for (let j = 0; j < d; j++) sums[a]![j]! += p[j]!;
  });
  const next: Vec[] = sums.map((s, c) => (sizes[c]! > 0 ? s.map((v) => v / sizes[c]!) : Array.from(centroids[c]!)));
  const reseeded: number[] = [];
  const used = new Set<number>();
  for (let c = 0; c < k; c++) {
    if (sizes[c]! > 0) continue;
    let far = -1;
    let best = -1;
    points.forEach((p, i) => {
      if (used.has(i)) return;
      const v = dist2(p, next[assign[i]!]!);
      if (v > best) [far, best] = [i, v];
    });
    if (far < 0) continue;
    used.add(far);
    next[c] = Array.from(points[far]!);
    reseeded.push(c);
  }
  return { centroids: next, reseeded, sizes, inertia: inertia(points, next, assign) };
}

export type StepKind = 'init' | 'assign' | 'update';

/** One state of a run: the centroids and assignment after a step. */
export interface KMeansStep {
  kind: StepKind;
  /** Update+assign pairs done so far (0 for init and the first assign). */
  iteration: number;
  centroids: Vec[];
  /** Null after init (no point is assigned yet). */
  assign: number[] | null;
  /** Null after init. */
  inertia: number | null;
  /** Assign steps: points that changed cluster. */
  changed: number;
  /** Update steps: clusters re-seeded because they were empty. */
  reseeded: number[];
}

export interface KMeansOptions {
  k: number;
  seed: number;
  maxIter?: number;
  /** Start from these centroids instead of k-means++ (tests, hand-made examples). */
  init?: readonly ArrayLike<number>[];
}

export interface KMeansTrace {
  steps: KMeansStep[];
  /** True when the last assign changed nothing; false when maxIter stopped it. */
  converged: boolean;
}

/** Every step of a run, from init to the stopping rule: init, assign, (update, assign)*. */
export function kmeansTrace(points: readonly ArrayLike<number>[], o: KMeansOptions): KMeansTrace {
  if (points.length === 0) throw new RangeError('no points to cluster');
  const maxIter = o.maxIter ?? DEFAULT_MAX_ITER;
  let centroids = o.init ? o.init.map((c) => Array.from(c)) : kmeansPlusPlus(points, o.k, o.seed);
  const steps: KMeansStep[] = [{ kind: 'init', iteration: 0, centroids, assign: null, inertia: null, changed: 0, reseeded: [] }];
  let a = assignStep(points, centroids);
  steps.push({ kind: 'assign', iteration: 0, centroids, assign: a.assign, inertia: a.inertia, changed: a.changed, reseeded: [] });
  for (let it = 1; it <= maxIter; it++) {
    const u = updateStep(points, centroids, a.assign);
    centroids = u.centroids;
    steps.push({ kind: 'update', iteration: it, centroids, assign: a.assign, inertia: u.inertia, changed: 0, reseeded: u.reseeded });
    a = assignStep(points, centroids, a.assign);
    steps.push({ kind: 'assign', iteration: it, centroids, assign: a.assign, inertia: a.inertia, changed: a.changed, reseeded: [] });
    if (a.changed === 0 && u.reseeded.length === 0) return { steps, converged: true };
  }
  return { steps, converged: false };
}

export interface KMeansResult {
  centroids: Vec[];
  assign: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Every cluster re-seeded during the run (with repeats), in order. */
  reseeded: number[];
}

/** Runs to the stopping rule and returns the last state. */
export function kmeans(points: readonly ArrayLike<number>[], o: KMeansOptions): KMeansResult {
  const t = kmeansTrace(points, o);
  const last = t.steps[t.steps.length - 1]!;
  return {
    centroids: last.centroids, assign: last.assign!, inertia: last.inertia!, iterations: last.iteration,
    converged: t.converged, reseeded: t.steps.flatMap((s) => s.reseeded),
  };
}

/** The elbow curve: the converged inertia for k = 1 … kMax (capped at the number of points). */
export function elbowCurve(points: readonly ArrayLike<number>[], kMax: number, seed: number, maxIter?: number): { k: number; inertia: number }[] {
  const out: { k: number; inertia: number }[] = [];
  for (let k = 1; k <= Math.min(kMax, points.length); k++) out.push({ k, inertia: kmeans(points, { k, seed, maxIter }).inertia });
  return out;
}
