/**
 * The pruning explorer's measurements, in the browser (only view.ts imports this module): loads
 * tfjs, the course's default CNN and the 2 000 MNIST test digits; keeps a queue of (mode, %)
 * points to evaluate, the current one first; evaluates each by writing the pruned kernels into
 * the model and predicting CHUNK digits per macrotask, so the page never freezes; computes the
 * gzip sizes of every grid point. A generation counter cancels work in flight (stop, dispose):
 * a cancelled evaluation records nothing. Results: `acc` ("mode:pct" → test accuracy, fraction)
 * and `sizes` ("mode:pct" → bytes). The view only draws them.
 */
import type * as TF from '@tensorflow/tfjs';
import type { NamedTensor, PruneMode } from '../lib/quant';
import { BACKEND_LABEL, type BackendName } from '../lib/cnn/backend';
import { DEFAULT_MODEL_URL } from '../lib/cnn/store';
import { loadTf } from '../lib/cnn/tf-main';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { batch } from '../lib/data/mnist';
import { loadDefaultWeights } from '../lib/quant/default-weights';
import { GRID, KERNELS, accuracy, float32File, gzipSize, int8File, pruneModel } from './core';
import type { SizePoint } from './charts';

/** Test digits per predict() call: small enough to keep each slice short on a slow CPU. */
export const CHUNK = 50;

export const MODE_LABEL: Record<PruneMode, string> = { capa: 'por capa', global: 'global' };

export type RunnerPhase = 'loading' | 'ready' | 'evaluating' | 'error';

export interface RunnerEvents {
  /** Phase changes and the Spanish status line that goes with them. */
  phase(p: RunnerPhase, status: string): void;
  /** Progress inside an evaluation (Spanish). */
  status(text: string): void;
  /** The default weights arrived (the view can draw the histogram and the table). */
  weights(): void;
  /** A new accuracy or size point. */
  results(): void;
  /** An unexpected error inside the queue (the widget's own error frame shows it). */
  fail(e: unknown): void;
}

interface Runtime {
  tf: typeof TF;
  backend: BackendName;
  model: TF.LayersModel;
  /** The 2 000 test digits, [2000, 28, 28, 1] in [0, 1]. */
  xs: TF.Tensor4D;
  labels: Uint8Array;
}

const key = (mode: PruneMode, pct: number): string => `${mode}:${pct}`;

export class PruningRunner {
  readonly acc = new Map<string, number>();
  readonly sizes = new Map<string, SizePoint>();
  weights: NamedTensor[] | null = null;
  readonly #ev: RunnerEvents;
  #rt: Runtime | null = null;
  #queue: Array<{ mode: PruneMode; pct: number }> = [];
  #running = false;
  #alive = true;
  #gen = 0;

  constructor(ev: RunnerEvents) {
    this.#ev = ev;
  }

  get ready(): boolean {
    return this.#rt !== null;
  }

  get backend(): BackendName | null {
    return this.#rt?.backend ?? null;
  }

  numTensors(): number | null {
    return this.#rt ? this.#rt.tf.memory().numTensors : null;
  }

  accuracyAt(mode: PruneMode, pct: number): number | undefined {
    return this.acc.get(key(mode, pct));
  }

  sizeAt(mode: PruneMode, pct: number): SizePoint | undefined {
    return this.sizes.get(key(mode, pct));
  }

  /** Loads the default weights, then the sizes of every grid point (`first` mode first). */
  async loadWeights(first: PruneMode): Promise<void> {
    const w = await loadDefaultWeights();
    if (!this.#alive) return;
    this.weights = w;
    this.#ev.weights();
    await this.#computeSizes(first);
  }

  /** Loads tfjs, the model and the test digits; then evaluates 0 % and `pct` % of `mode`. */
  async loadRuntime(mode: PruneMode, pct: number): Promise<void> {
    this.#ev.phase('loading', 'Cargando TensorFlow.js, el modelo por defecto y los 2000 dígitos de prueba…');
    try {
      const [{ tf, backend }, data] = await Promise.all([loadTf(), getMnist()]);
      const model = await tf.loadLayersModel(DEFAULT_MODEL_URL);
      const idx = Array.from({ length: data.test.count }, (_, i) => i);
      const b = batch(data.test, idx);
      const xs = tf.tensor4d(b.images, [b.size, data.rows, data.cols, 1]);
      if (!this.#alive) {
        xs.dispose();
        model.dispose();
        return;
      }
      this.#rt = { tf, backend, model, xs, labels: b.labels };
      this.#ev.phase('ready', `Listo. Motor: ${BACKEND_LABEL[backend]}.`);
      this.want(mode, 0);
      this.want(mode, pct);
    } catch (e) {
      if (this.#alive) this.#ev.phase('error', `${mnistErrorText(e)} Comprueba la conexión y pulsa «Reintentar».`);
    }
  }

  /** Puts a point first in the queue (unless it is known) and starts the queue. */
  want(mode: PruneMode, pct: number): void {
    if (this.acc.has(key(mode, pct))) return;
    this.#queue = [{ mode, pct }, ...this.#queue.filter((q) => q.mode !== mode || q.pct !== pct)];
    void this.#run();
  }

  /** Queues every grid point of `mode` not known yet. */
  wantCurve(mode: PruneMode): void {
    for (const pct of GRID) if (!this.acc.has(key(mode, pct)) && !this.#queue.some((q) => q.mode === mode && q.pct === pct)) this.#queue.push({ mode, pct });
    void this.#run();
  }

  /** Empties the queue and cancels the evaluation in flight. */
  stop(): void {
    this.#queue = [];
    this.#gen++;
  }

  dispose(): void {
    this.#alive = false;
    this.stop();
    this.#rt?.xs.dispose();
    this.#rt?.model.dispose();
    this.#rt = null;
  }

  async #run(): Promise<void> {
    if (this.#running || !this.#rt) return;
    this.#running = true;
    this.#ev.phase('evaluating', '');
    try {
      while (this.#alive && this.#queue.length > 0) {
        const { mode, pct } = this.#queue.shift()!;
        if (this.acc.has(key(mode, pct))) continue;
        const a = await this.#evaluate(mode, pct, this.#gen);
        if (a === null) continue;
        this.acc.set(key(mode, pct), a);
        this.#ev.results();
      }
    } catch (e) {
      this.#ev.fail(e);
    } finally {
      this.#running = false;
      if (this.#alive && this.#rt) this.#ev.phase('ready', `Listo. Motor: ${BACKEND_LABEL[this.#rt.backend]}. Puntos calculados: ${this.acc.size}.`);
    }
  }

  /** Test accuracy of the model pruned to pct % (null if cancelled), CHUNK digits per macrotask. */
  async #evaluate(mode: PruneMode, pct: number, gen: number): Promise<number | null> {
    const rt = this.#rt;
    if (!rt || !this.weights) return null;
    const { tf, model, xs, labels } = rt;
    const pruned = pruneModel(this.weights, pct, mode);
    for (const k of KERNELS) {
      const kern = pruned.tensors.find((t) => t.name === k.name)!;
      const bias = pruned.tensors.find((t) => t.name === `${k.layer}/bias`)!;
      const ts = [tf.tensor(kern.values, kern.shape), tf.tensor(bias.values, bias.shape)];
      model.getLayer(k.layer).setWeights(ts);
      for (const t of ts) t.dispose();
    }
    const n = labels.length;
    const pred = new Int32Array(n);
    for (let i = 0; i < n; i += CHUNK) {
      if (!this.#alive || gen !== this.#gen) return null;
      this.#ev.status(`Evaluando la poda del ${pct} % (${MODE_LABEL[mode]}): ${i} de ${n} dígitos de prueba…`);
      const m = Math.min(CHUNK, n - i);
      const t = tf.tidy(() => (model.predict(xs.slice([i, 0, 0, 0], [m, 28, 28, 1])) as TF.Tensor).argMax(-1));
      const d = await t.data();
      t.dispose();
      pred.set(d, i);
      await new Promise((r) => setTimeout(r, 0));
    }
    return !this.#alive || gen !== this.#gen ? null : accuracy(pred, labels);
  }

  /** gzip sizes at every grid point, both modes (`first` first); cheap, so computed up front. */
  async #computeSizes(first: PruneMode): Promise<void> {
    const w = this.weights;
    if (!w) return;
    const modes: PruneMode[] = first === 'capa' ? ['capa', 'global'] : ['global', 'capa'];
    for (const mode of modes) {
      for (const pct of GRID) {
        if (!this.#alive) return;
        if (this.sizes.has(key(mode, pct))) continue;
        const t = pruneModel(w, pct, mode).tensors;
        const f32 = float32File(t);
        this.sizes.set(key(mode, pct), { pct, raw: f32.length, gz32: await gzipSize(f32), gz8: await gzipSize(int8File(t)) });
      }
      this.#ev.results();
    }
  }
}
