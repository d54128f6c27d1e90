/**
 * ROC AUC of a score that should be higher for positives (anomalies): the Mann–Whitney
 * probability that a random positive outscores a random negative, ties counting one half.
 *   AUC = (1 / (n₊ n₋)) Σ_{p, q} [s_p > s_q] + ½ [s_p = s_q]
 * 1 = perfect separation, 0.5 = no better than chance. O(n log n) via ranks.
 */
export function auc(negatives: readonly number[], positives: readonly number[]): number {
  const nN = negatives.length;
  const nP = positives.length;
  if (nN === 0 || nP === 0) throw new RangeError('AUC needs at least one negative and one positive');
  const all = [...negatives.map((v) => ({ v, p: false })), ...positives.map((v) => ({ v, p: true }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const mid = (i + 1 + j) / 2; // average 1-based rank of the tie group
    for (let t = i; t < j; t++) if (all[t]!.p) rankSum += mid;
    i = j;
  }
  return (rankSum - (nP * (nP + 1)) / 2) / (nP * nN);
}

/** True-positive and false-positive rates at threshold t (anomaly when score > t). */
export function ratesAt(negatives: readonly number[], positives: readonly number[], t: number): { tpr: number; fpr: number } {
  const tpr = positives.filter((s) => s > t).length / Math.max(1, positives.length);
  const fpr = negatives.filter((s) => s > t).length / Math.max(1, negatives.length);
  return { tpr, fpr };
}
