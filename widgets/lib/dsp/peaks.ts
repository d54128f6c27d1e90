/**
 * Peak finding (pure), as Edge Impulse's spectral block v1 and SciPy's `find_peaks` do it:
 * candidates are interior indices where the slope turns from > 0 to < 0; a flat top (equal
 * neighbours) counts once, at its middle index ⌊(first + last)/2⌋; the two ends are never peaks.
 * Candidates with value < threshold are dropped; the `count` highest are returned, sorted by value
 * descending (ties: lower index first). Returns indices into `values`.
 */
export function findPeaks(values: ArrayLike<number>, threshold: number, count: number): number[] {
  const n = values.length;
  const found: number[] = [];
  let i = 1;
  while (i < n - 1) {
    if (values[i]! > values[i - 1]!) {
      let j = i;
      while (j + 1 < n && values[j + 1] === values[i]) j++;
      if (j + 1 < n && values[j + 1]! < values[i]!) {
        const mid = Math.floor((i + j) / 2);
        if (values[mid]! >= threshold) found.push(mid);
      }
      i = j + 1;
    } else {
      i++;
    }
  }
  found.sort((a, b) => values[b]! - values[a]! || a - b);
  return found.slice(0, Math.max(0, count));
}
