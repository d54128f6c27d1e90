/**
 * One model being trained in slices (pure, no DOM), shared by reg-vs-class and workflow-stepper: the network, its initial weights, the
 * current Trainer and the loss of every epoch so far in display units.
 *
 * A run is one Trainer over `epochs` epochs; pressing "Entrenar" again starts another run from
 * the current weights, and the loss history continues. When the engine reports a divergence the
 * run stops and the network goes back to its INITIAL weights (the engine's "last sane" weights
 * can still be far off), so the view never draws a wild model; the history is kept until the
 * next run, so the loss chart can show the climb.
 */
import type { Dataset } from './datasets';
import type { LossName } from './loss';
import type { Mlp, Weights } from './mlp';
import { DIVERGENCE_TEXT, train, type Trainer } from './train';

export type RunStatus = 'untrained' | 'running' | 'stopped' | 'done' | 'diverged';

export class ModelRun {
  readonly initial: Weights;
  trainer: Trainer | null = null;
  status: RunStatus = 'untrained';
  /** Loss of each epoch, times `scale` (e.g. °C² for a regressor that learns on z′). */
  history: number[] = [];
  /** Spanish explanation after a divergence, else ''. */
  reason = '';
  #seen = 0;

  /**
   * @param net the network (its current weights are taken as the initial ones)
   * @param loss the loss the engine minimises
   * @param scale factor from the engine's loss to the displayed one
   */
  constructor(
    readonly net: Mlp,
    readonly loss: LossName,
    public scale = 1,
  ) {
    this.initial = net.getWeights();
  }

  /** Back to the initial weights, no history. */
  reset(): void {
    this.net.setWeights(this.initial);
    this.trainer = null;
    this.status = 'untrained';
    this.history = [];
    this.reason = '';
    this.#seen = 0;
  }

  /** Starts a run of `epochs` full-batch epochs on `data` from the current weights. */
  start(data: Dataset, lr: number, epochs: number): void {
    if (this.status === 'diverged') this.reset();
    this.trainer = train(this.net, data, { lr, epochs, loss: this.loss });
    this.#seen = 0;
    this.status = 'running';
    this.reason = '';
  }

  setLr(lr: number): void {
    if (this.trainer) this.trainer.optimizer.lr = lr;
  }

  /** Stops the current run (keeps the weights). */
  stop(): void {
    if (this.status === 'running') this.status = 'stopped';
  }

  /** Runs up to n steps (one epoch each, full batch); returns the status afterwards. */
  steps(n: number): RunStatus {
    const t = this.trainer;
    if (!t || this.status !== 'running') return this.status;
    const r = t.trainSteps(n);
    for (; this.#seen < t.history.length; this.#seen++) this.history.push(t.history[this.#seen]! * this.scale);
    if (r.status === 'diverged') {
      // Keep the history (the chart shows the loss climbing), drop the weights.
      const at = this.history.length;
      this.net.setWeights(this.initial);
      this.trainer = null;
      this.status = 'diverged';
      this.reason = `${DIVERGENCE_TEXT[r.divergence ?? 'nan']} Ocurrió en la época ${at + 1}.`;
    } else if (r.status !== 'running') {
      this.status = 'done';
    }
    return this.status;
  }

  get epochs(): number {
    return this.history.length;
  }
}
