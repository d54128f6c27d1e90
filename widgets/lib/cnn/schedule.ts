/**
 * Bookkeeping of a training run (pure, no tfjs): where the next batch comes from, how many
 * batches fit in one time slice, and smoothed figures for the live readouts.
 *
 * A run is `epochs` passes over `trainSize` examples in batches of `batchSize`; the last batch of
 * an epoch holds the remainder. The trainer runs batches in slices of about `budgetMs` and then
 * yields (posts progress, reads pause/reset messages), so a slice never runs far past its budget:
 * it starts another batch only when the slowest batch so far would still fit.
 */
import { batchesPerEpoch } from './spec';

export interface Cursor {
  /** Epoch of the next batch, 0-based; equals `epochs` when the run is over. */
  epoch: number;
  /** Batch of the next step inside its epoch, 0-based. */
  batch: number;
}

export interface RunPlan {
  epochs: number;
  batchSize: number;
  trainSize: number;
}

/** The figures a training run reports at the end of each epoch (the trainers' curves). */
export interface EpochPoint {
  /** Epochs completed, 1-based. */
  epoch: number;
  trainLoss: number;
  trainAcc: number;
  /** On the validation split, at the end of the epoch (NaN when the split is empty). */
  valLoss: number;
  valAcc: number;
}

export const START: Readonly<Cursor> = { epoch: 0, batch: 0 };

export const isDone = (c: Cursor, p: RunPlan): boolean => c.epoch >= p.epochs;

/** Example positions [start, end) of batch `c.batch` inside the epoch's order. */
export function batchRange(c: Cursor, p: RunPlan): [number, number] {
  const start = c.batch * p.batchSize;
  if (start >= p.trainSize || c.batch < 0) throw new RangeError(`batch ${c.batch} is outside the epoch`);
  return [start, Math.min(start + p.batchSize, p.trainSize)];
}

/** The cursor after running batch `c`, and whether that batch ended its epoch. */
export function advance(c: Cursor, p: RunPlan): { next: Cursor; epochEnded: boolean } {
  const last = c.batch + 1 >= batchesPerEpoch(p.trainSize, p.batchSize);
  return last ? { next: { epoch: c.epoch + 1, batch: 0 }, epochEnded: true } : { next: { epoch: c.epoch, batch: c.batch + 1 }, epochEnded: false };
}

/** Examples seen once the cursor is at `c` (every finished epoch counts trainSize). */
export const samplesSeen = (c: Cursor, p: RunPlan): number =>
  c.epoch * p.trainSize + Math.min(c.batch * p.batchSize, p.trainSize);

/** Progress through the run as fractional epochs (the x axis of the curves). */
export const epochsSeen = (c: Cursor, p: RunPlan): number => samplesSeen(c, p) / p.trainSize;

/**
 * Mean of the last `size` values pushed (the "recent batches" accuracy and loss shown live):
 * smoother than one batch, quicker to react than the whole epoch.
 */
export class WindowMean {
  #values: number[] = [];
  #weights: number[] = [];
  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError('window size must be an integer ≥ 1');
  }
  /** Adds a value with a weight (e.g. a batch's accuracy weighted by its size). */
  push(value: number, weight = 1): void {
    this.#values.push(value * weight);
    this.#weights.push(weight);
    if (this.#values.length > this.size) {
      this.#values.shift();
      this.#weights.shift();
    }
  }
  get mean(): number {
    const w = this.#weights.reduce((a, b) => a + b, 0);
    return w > 0 ? this.#values.reduce((a, b) => a + b, 0) / w : Number.NaN;
  }
  get count(): number {
    return this.#values.length;
  }
  clear(): void {
    this.#values = [];
    this.#weights = [];
  }
}
