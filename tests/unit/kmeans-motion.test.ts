// widgets/lib/kmeans/motion-set.ts: the score separates normal from anomalous simulated motion.
// Seeded: fit on 20 windows per gesture (population 16), test on 20 per gesture and 20 per
// anomaly of another population (17). The AUC is printed for the report.
import { describe, expect, it } from 'vitest';
import { auc } from '../../widgets/lib/kmeans/auc';
import { ANOMALY_FEATURES, ANOMALY_K, fitAndScore, motionWindows } from '../../widgets/lib/kmeans/motion-set';

describe('anomaly score on simulated motion', () => {
  const e = fitAndScore({ seed: 16, k: ANOMALY_K, trainPer: 20, testPer: 20 });

  it('separates normal from anomalous windows (AUC)', () => {
    const kinds = Object.fromEntries(Object.entries(e.byKind).map(([m, s]) => [m, Number(auc(e.normalScores, s).toFixed(4))]));
    console.log(`[kmeans-motion] AUC ${e.auc.toFixed(4)} (80 normal, 60 anomalous windows; k ${ANOMALY_K}, ${ANOMALY_FEATURES.length} features); by kind`, kinds,
      `; normal scores max ${Math.max(...e.normalScores).toFixed(3)}, anomalies min ${Math.min(...e.anomalyScores).toFixed(3)}`);
    expect(e.normalScores).toHaveLength(80);
    expect(e.anomalyScores).toHaveLength(60);
    expect(e.auc).toBeGreaterThan(0.97);
    for (const s of Object.values(e.byKind)) expect(auc(e.normalScores, s)).toBeGreaterThan(0.95);
  });

  it('is deterministic per seed', () => {
    expect(fitAndScore({ seed: 16, k: ANOMALY_K, trainPer: 20, testPer: 20 }).normalScores).toEqual(e.normalScores);
    expect(motionWindows(['shake'], 2, 5)).toEqual(motionWindows(['shake'], 2, 5));
  });
});
