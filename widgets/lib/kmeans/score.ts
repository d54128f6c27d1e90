/**
 * The anomaly score of Edge Impulse's «Anomaly Detection (K-means)» block, as its inferencing SDK
 * computes it (edgeimpulse/inferencing-sdk-cpp, anomaly/anomaly.h: standard_scaler,
 * calculate_cluster_distance, get_min_distance_to_cluster) and as its docs describe it («for
 * each cluster we store the center and the size of the cluster… the distance from the edge of
 * the cluster; within a cluster you get a value below 0»):
 *
 *   z_j = (x_j − μ_j) / σ_j                                  (standard scaler, per feature)
 *   score(x) = min(1000, min_k ( ‖z − c_k‖ − r_k ))           (c_k centroid, r_k its size)
 *
 * The SDK starts its minimum at 1000, so no score is above 1000. The SDK stores r_k as the
 * cluster's `max_error`; the trainer that fills it is not in the SDK, so here r_k is stated:
 * the largest distance from a training point of cluster k to c_k (the cluster's radius; 0 for
 * a cluster without points). A score < 0 lies inside some cluster's radius; > 0 is that far
 * (in standardised units) outside the nearest edge.
 *
 * Standardisation (motion/normalize.ts fitStandardizer, measured on the training rows only): μ
 * the mean, σ the population standard deviation √((1/n) Σ (x − μ)²), σ = 1 where it is < 1e-12
 * (as scikit-learn's StandardScaler does for a constant feature). `standardize: false` uses
 * μ = 0, σ = 1 (the 2-D widgets, whose points already share one scale).
 */
import { fitStandardizer, standardize, type Standardizer } from '../motion/normalize';
import { dist2, kmeans, type Vec } from './kmeans';

/** The SDK's starting minimum: the largest score there can be. */
export const SCORE_CAP = 1000;

export interface AnomalyModel {
  standardizer: Standardizer;
  /** Standardised space, [k][d]. */
  centroids: Vec[];
  /** r_k, standardised units. */
  radii: number[];
  /** Training points per cluster. */
  sizes: number[];
}

export interface FitOptions {
  k: number;
  seed: number;
  maxIter?: number;
  /** Default true. */
  standardize?: boolean;
}

/** Radii r_k: the largest ‖z_i − c_k‖ over the points assigned to k (0 when none). */
export function clusterRadii(points: readonly ArrayLike<number>[], centroids: readonly ArrayLike<number>[], assign: readonly number[]): number[] {
  const r = new Array<number>(centroids.length).fill(0);
  points.forEach((p, i) => {
    const a = assign[i]!;
    r[a] = Math.max(r[a]!, Math.sqrt(dist2(p, centroids[a]!)));
  });
  return r;
}

export function identityStandardizer(d: number): Standardizer {
  return { mean: new Array<number>(d).fill(0), std: new Array<number>(d).fill(1) };
}

/** Fits the scaler and K-means on normal rows (raw features, all of length d). */
export function fitAnomalyModel(rows: readonly ArrayLike<number>[], o: FitOptions): AnomalyModel {
  if (rows.length === 0) throw new RangeError('no rows to fit');
  const standardizer = o.standardize === false ? identityStandardizer(rows[0]!.length) : fitStandardizer(rows);
  const z = rows.map((r) => Array.from(standardize(standardizer, r)));
  const run = kmeans(z, { k: o.k, seed: o.seed, maxIter: o.maxIter });
  const sizes = new Array<number>(o.k).fill(0);
  for (const a of run.assign) sizes[a]!++;
  return { standardizer, centroids: run.centroids, radii: clusterRadii(z, run.centroids, run.assign), sizes };
}

export interface ScoreParts {
  score: number;
  /** The cluster that gives the minimum (−1 only when capped with no cluster). */
  cluster: number;
  /** ‖z − c‖ to that cluster. */
  distance: number;
  radius: number;
}

/** The score for a point already standardised (or in the plane of a 2-D model). */
export function scoreStandardized(m: Pick<AnomalyModel, 'centroids' | 'radii'>, z: ArrayLike<number>): ScoreParts {
  let best: ScoreParts = { score: SCORE_CAP, cluster: -1, distance: NaN, radius: NaN };
  m.centroids.forEach((c, k) => {
    const d = Math.sqrt(dist2(z, c));
    const s = d - m.radii[k]!;
    if (s < best.score) best = { score: s, cluster: k, distance: d, radius: m.radii[k]! };
  });
  return best;
}

/** Edge Impulse's score for raw features x. */
export function anomalyScoreParts(m: AnomalyModel, x: ArrayLike<number>): ScoreParts {
  return scoreStandardized(m, standardize(m.standardizer, x));
}

export const anomalyScore = (m: AnomalyModel, x: ArrayLike<number>): number => anomalyScoreParts(m, x).score;
