/** Chart series helpers (pure: no DOM), for every widget that draws a curve that keeps growing. */

/**
 * At most `max` evenly spaced points of a series, always keeping the first and the last one, so a
 * curve stays cheap to draw however long the run: item round(k·(n − 1)/(max − 1)), k = 0 … max − 1.
 */
export function thin<T>(items: readonly T[], max = 300): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  const step = (items.length - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(items[Math.round(k * step)]!);
  return out;
}
