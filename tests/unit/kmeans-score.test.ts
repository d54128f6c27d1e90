// widgets/lib/kmeans/score.ts and auc.ts: Edge Impulse's score min_k(‖z − c_k‖ − r_k) against
// hand-computed points, the standard scaler, the 1000 cap; AUC against a direct pair count.
import { describe, expect, it } from 'vitest';
import { auc, ratesAt } from '../../widgets/lib/kmeans/auc';
import { anomalyScore, anomalyScoreParts, clusterRadii, fitAnomalyModel, SCORE_CAP, scoreStandardized } from '../../widgets/lib/kmeans/score';
import { createRng } from '../../widgets/lib/rng/rng';

describe('anomaly score by hand', () => {
  const m = { centroids: [[0, 0], [10, 0]], radii: [1, 2] };

  it('a point outside both: distance to the nearest edge', () => {
    // (3, 4): 5 − 1 = 4 to cluster 0; √(49 + 16) − 2 = 6.062… to cluster 1
    const p = scoreStandardized(m, [3, 4]);
    expect(p.cluster).toBe(0);
    expect(p.distance).toBe(5);
    expect(p.score).toBe(4);
  });

  it('inside a cluster the score is negative; the edge is 0', () => {
    expect(scoreStandardized(m, [10, 0.5]).score).toBeCloseTo(0.5 - 2, 12);
    expect(scoreStandardized(m, [0, 1]).score).toBe(0);
  });

  it('the bigger cluster can win even when its centre is farther', () => {
    // (6, 0): 6 − 1 = 5 to cluster 0, 4 − 2 = 2 to cluster 1
    const p = scoreStandardized(m, [6, 0]);
    expect(p).toMatchObject({ cluster: 1, score: 2, distance: 4, radius: 2 });
  });

  it('no score above the SDK cap of 1000', () => {
    expect(scoreStandardized(m, [1e6, 0]).score).toBe(SCORE_CAP);
  });
});

describe('fitting', () => {
  it('radii are the farthest member distance', () => {
    expect(clusterRadii([[0, 0], [3, 4], [10, 0]], [[0, 0], [10, 0], [50, 50]], [0, 0, 1])).toEqual([5, 0, 0]);
  });

  it('standardises with the training mean and population std, then scores in those units', () => {
    // features 1: values 0, 2 (μ 1, σ 1); feature 2: 0, 200 (μ 100, σ 100). One cluster.
    const model = fitAnomalyModel([[0, 0], [2, 200]], { k: 1, seed: 0 });
    expect(model.standardizer).toEqual({ mean: [1, 100], std: [1, 100] });
    expect(model.centroids).toEqual([[0, 0]]);
    expect(model.radii[0]).toBeCloseTo(Math.SQRT2, 12);
    // x = (4, 100) → z = (3, 0): 3 − √2
    expect(anomalyScore(model, [4, 100])).toBeCloseTo(3 - Math.SQRT2, 12);
    expect(anomalyScoreParts(model, [1, 100])).toMatchObject({ cluster: 0, distance: 0 });
  });

  it('standardize: false keeps the plane as it is', () => {
    const model = fitAnomalyModel([[0, 0], [2, 0]], { k: 1, seed: 0, standardize: false });
    expect(model.centroids).toEqual([[1, 0]]);
    expect(anomalyScore(model, [1, 5])).toBeCloseTo(4, 12);
  });
});

describe('AUC', () => {
  it('matches a direct count over all pairs, ties one half', () => {
    const rng = createRng(3);
    const neg = Array.from({ length: 40 }, () => Math.round(rng.normal(0, 1) * 4) / 4);
    const pos = Array.from({ length: 30 }, () => Math.round(rng.normal(1, 1) * 4) / 4);
    let s = 0;
    for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
    expect(auc(neg, pos)).toBeCloseTo(s / (pos.length * neg.length), 12);
    expect(auc([0, 1], [2, 3])).toBe(1);
    expect(auc([2, 3], [0, 1])).toBe(0);
    expect(auc([1, 1], [1])).toBe(0.5);
    expect(ratesAt([0, 1, 2, 3], [2, 3, 4], 2.5)).toEqual({ tpr: 2 / 3, fpr: 0.25 });
  });
});
