/**
 * Runs a generator of small work units in slices: as many units as fit in `sliceMs` (judged by the
 * last unit's duration), then `afterSlice()` and `nextFrame()` so the browser can paint and take
 * input. Stops when the units end (finished = true) or when `stopped()` says so. Durations in ms.
 * An exception from a unit propagates to the caller.
 */
export interface SliceOptions {
  sliceMs: number;
  stopped: () => boolean;
  afterSlice: () => void;
  nextFrame: () => Promise<void>;
}

export interface SliceStats {
  finished: boolean;
  max: number;
  median: number;
  p95: number;
}

export async function runInSlices(units: Iterator<void>, o: SliceOptions): Promise<SliceStats> {
  const slices: number[] = [];
  let finished = false;
  try {
    while (!o.stopped()) {
      const t0 = performance.now();
      let unitMs = 0;
      let r: IteratorResult<void>;
      do {
        const u0 = performance.now();
        r = units.next();
        unitMs = performance.now() - u0;
      } while (!r.done && !o.stopped() && performance.now() - t0 + unitMs < o.sliceMs);
      slices.push(performance.now() - t0);
      o.afterSlice();
      if (r.done) {
        finished = true;
        break;
      }
      await o.nextFrame();
    }
  } finally {
    slices.sort((a, b) => a - b);
  }
  return {
    finished,
    max: slices[slices.length - 1] ?? 0,
    median: slices[Math.floor(slices.length / 2)] ?? 0,
    p95: slices[Math.floor(0.95 * (slices.length - 1))] ?? 0,
  };
}
