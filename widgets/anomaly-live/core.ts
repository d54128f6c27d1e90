/**
 * Live anomalies (pure): the K-means detector fitted on normal simulated motion and a scorer for
 * a stream of rows `[t_ms, ax, ay, az]` (m/s², 100 Hz).
 *
 * - Detector: lib/kmeans/motion-set — 12 windows of 2 s per gesture (idle, wave, updown, circle)
 *   by 4 simulated people of population `seed`; ANOMALY_FEATURES (RMS and the three peak heights
 *   per axis, 12 of the 33) standardised on those 48 windows; K-means with k = ANOMALY_K; score =
 *   min_k(‖z − c_k‖ − r_k) (Edge Impulse's, lib/kmeans/score.ts).
 * - Scorer: keeps the last n = 200 rows (2 s); once full, and then every h = 25 new rows
 *   (250 ms), it computes the 33 features of the window (lib/motion/featurize windowFeatures),
 *   the anomaly score and, when a classifier is given, its class probabilities. When a burst
 *   of rows covers several hops, only the newest window is scored.
 */
import { GESTURES } from '../lib/sensors/simulator';
import type { MotionRow } from '../lib/sensors/types';
import { windowFeatures } from '../lib/motion/featurize';
import { ANOMALY_K, MOTION_HZ, motionWindows, pick } from '../lib/kmeans/motion-set';
import { anomalyScoreParts, fitAnomalyModel, type AnomalyModel } from '../lib/kmeans/score';

export const WINDOW_ROWS = 200;
export const HOP_ROWS = 25;
export const HISTORY = 80; // 20 s of results at one per 250 ms

const models = new Map<number, AnomalyModel>();

/** The detector for `seed` (fitted once per seed and page). */
export function normalModel(seed: number): AnomalyModel {
  let m = models.get(seed);
  if (!m) {
    if (models.size > 8) models.clear();
    m = fitAnomalyModel(motionWindows(GESTURES, 12, seed).map((w) => pick(w.features)), { k: ANOMALY_K, seed });
    models.set(seed, m);
  }
  return m;
}

export interface LiveResult {
  /** Time of the window's newest row, ms. */
  t: number;
  score: number;
  cluster: number;
  /** Class probabilities (classifier order), or null without a classifier. */
  probs: Float64Array | null;
}

export type Classify = (features: number[]) => Float64Array;

export class LiveScorer {
  #rows: MotionRow[] = [];
  #sinceHop = 0;
  #full = false;
  readonly history: LiveResult[] = [];

  constructor(readonly model: AnomalyModel, readonly classify: Classify | null) {}

  get filled(): number {
    return Math.min(this.#rows.length, WINDOW_ROWS);
  }

  reset(): void {
    this.#rows = [];
    this.#sinceHop = 0;
    this.#full = false;
    this.history.length = 0;
  }

  /** Adds rows; returns the new result, or null when no window was due. */
  push(rows: readonly MotionRow[]): LiveResult | null {
    let due = false;
    for (const r of rows) {
      this.#rows.push(r);
      if (this.#rows.length > WINDOW_ROWS) this.#rows.shift();
      if (!this.#full) {
        if (this.#rows.length === WINDOW_ROWS) [this.#full, due, this.#sinceHop] = [true, true, 0];
      } else if (++this.#sinceHop >= HOP_ROWS) [due, this.#sinceHop] = [true, 0];
    }
    if (!due) return null;
    const f = windowFeatures(this.#rows, MOTION_HZ);
    const parts = anomalyScoreParts(this.model, pick(f));
    const res: LiveResult = { t: this.#rows[this.#rows.length - 1]![0], score: parts.score, cluster: parts.cluster, probs: this.classify ? this.classify(f) : null };
    this.history.push(res);
    if (this.history.length > HISTORY) this.history.shift();
    return res;
  }
}
