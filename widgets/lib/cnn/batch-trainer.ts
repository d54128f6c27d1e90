/**
 * What the batch-at-a-time trainers share (CnnTrainer in train.ts, KwsTrainer in lib/kws/train.ts):
 * the run plan and its cursor, the epoch order, and the model and optimizer the trainer owns and
 * frees in dispose(). Each subclass gathers its own batches and runs its own training step.
 */
import type * as TF from '@tensorflow/tfjs';
import { createRng } from '../rng/rng';
import { advance, batchRange, isDone, samplesSeen, START, type Cursor, type RunPlan } from './schedule';

type Tf = typeof TF;

/** Epoch e visits the first trainSize examples in the order createRng(seed + 1 + e).shuffle(0 … trainSize − 1). */
export function epochOrder(seed: number, epoch: number, trainSize: number): number[] {
  return createRng((seed + 1 + epoch) >>> 0).shuffle(Array.from({ length: trainSize }, (_, i) => i));
}

export abstract class BatchTrainer<C extends { seed: number }> {
  readonly model: TF.Sequential;
  readonly plan: RunPlan;
  protected readonly tf: Tf;
  protected readonly optimizer: TF.Optimizer;
  /** The trainer's own copy of the configuration. */
  protected readonly settings: C;
  #cursor: Cursor = { ...START };
  #order: number[];
  #disposed = false;

  protected constructor(tf: Tf, config: C, plan: RunPlan, model: TF.Sequential, optimizer: TF.Optimizer) {
    this.tf = tf;
    this.settings = { ...config };
    this.plan = plan;
    this.model = model;
    this.optimizer = optimizer;
    this.#order = epochOrder(config.seed, 0, plan.trainSize);
  }

  get cursor(): Cursor {
    return { ...this.#cursor };
  }

  get done(): boolean {
    return isDone(this.#cursor, this.plan);
  }

  get samples(): number {
    return samplesSeen(this.#cursor, this.plan);
  }

  get config(): C {
    return { ...this.settings };
  }

  /** Example indices of the next batch. Throws when the trainer is disposed or the run is over. */
  protected nextBatch(): number[] {
    if (this.#disposed) throw new Error('trainer disposed');
    if (this.done) throw new Error('the run is over');
    const [start, end] = batchRange(this.#cursor, this.plan);
    return this.#order.slice(start, end);
  }

  /** Moves past the batch just run (a new epoch gets its own order); returns whether it ended its epoch. */
  protected advanceBatch(): boolean {
    const { next, epochEnded } = advance(this.#cursor, this.plan);
    this.#cursor = next;
    if (epochEnded) this.#order = epochOrder(this.settings.seed, next.epoch, this.plan.trainSize);
    return epochEnded;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}
