/**
 * The one time slice of every widget that trains or computes in steps (lesson 02's stepper to
 * lesson 17's trainers): run a step at least once, then again while the slowest step so far still
 * fits in what is left of the budget. The clock is always passed in (performance.now in the
 * browser; a fake one in tests), so nothing here reads the time by itself. Pure.
 */
export interface SliceOptions {
  /** Time the slice may take, ms. */
  budgetMs: number;
  /** Clock in ms (performance.now in the browser; a fake one in tests). */
  now: () => number;
  /** Upper bound on steps per slice (default: no bound). */
  maxSteps?: number;
}

export interface SliceReport {
  steps: number;
  elapsedMs: number;
  /** Longest single step, ms. */
  slowestMs: number;
}

/**
 * Runs `step` (one batch; it returns false when there is nothing left to do) at least once and
 * then again while the slowest step so far still fits in what is left of the budget.
 */
export function runSlice(step: () => boolean, o: SliceOptions): SliceReport {
  const t0 = o.now();
  let steps = 0;
  let slowest = 0;
  let last = t0;
  const max = o.maxSteps ?? Number.POSITIVE_INFINITY;
  while (steps < max) {
    const more = step();
    const t = o.now();
    steps++;
    slowest = Math.max(slowest, t - last);
    last = t;
    if (!more || t - t0 + slowest > o.budgetMs) break;
  }
  return { steps, elapsedMs: last - t0, slowestMs: slowest };
}

