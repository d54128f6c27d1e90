/**
 * The anomaly score in the plane (pure). Normal data: seeded blobs in [0, 10]² (arbitrary units,
 * the same in both axes, so no standardisation: lib/kmeans fitAnomalyModel with
 * standardize false). The model: K-means with k clusters (seeded k-means++), each cluster's
 * centroid c_k and radius r_k (its farthest training point). Edge Impulse's score of a point p:
 *   score(p) = min_k ( ‖p − c_k‖ − r_k )
 * (lib/kmeans/score.ts gives the source). Its level set {score = s} is the edge of the union of
 * the discs of radius r_k + s around the centroids, so the contours are exactly those circles:
 * s = 0 is the clusters' own edge; the threshold t draws the line past which a point is anomalous.
 */
import { createRng } from '../lib/rng/rng';
import { fitAnomalyModel, scoreStandardized, type AnomalyModel, type ScoreParts } from '../lib/kmeans/score';

export const PLANE = { lo: 0, hi: 10 } as const;
/** Levels drawn as thin contours (the threshold is drawn on its own). */
export const LEVELS = [0, 1, 2, 3] as const;

export interface ScoreState {
  k: number;
  seed: number;
  umbral: number;
  px: number;
  py: number;
}

/** Normal data: two seeded blobs of 20 points and a wider one of 20 (σ 0.6, 0.6, 1.0), clipped. */
export function normalPoints(seed: number): number[][] {
  const rng = createRng(seed);
  const blobs = [
    { c: [3 + rng.uniform(-0.4, 0.4), 3 + rng.uniform(-0.4, 0.4)], s: 0.6 },
    { c: [7 + rng.uniform(-0.4, 0.4), 3.5 + rng.uniform(-0.4, 0.4)], s: 0.6 },
    { c: [5 + rng.uniform(-0.4, 0.4), 7 + rng.uniform(-0.4, 0.4)], s: 1.0 },
  ];
  const clip = (v: number): number => Math.max(PLANE.lo, Math.min(PLANE.hi, v));
  return blobs.flatMap((b) => Array.from({ length: 20 }, () => [clip(b.c[0]! + rng.normal(0, b.s)), clip(b.c[1]! + rng.normal(0, b.s))]));
}

export interface ScoreView {
  points: number[][];
  model: AnomalyModel;
  probe: ScoreParts;
  anomalous: boolean;
  /** Training points whose score is above the threshold (0 for any t ≥ 0: every point is inside its cluster). */
  normalOver: number;
}

const cache = new Map<string, { points: number[][]; model: AnomalyModel }>();

export function scoreView(st: ScoreState): ScoreView {
  const key = `${st.k}|${st.seed}`;
  let m = cache.get(key);
  if (!m) {
    if (cache.size > 16) cache.clear();
    const points = normalPoints(st.seed);
    m = { points, model: fitAnomalyModel(points, { k: st.k, seed: st.seed, standardize: false }) };
    cache.set(key, m);
  }
  const probe = scoreStandardized(m.model, [st.px, st.py]);
  const normalOver = m.points.filter((p) => scoreStandardized(m!.model, p).score > st.umbral).length;
  return { ...m, probe, anomalous: probe.score > st.umbral, normalOver };
}
